"""The CLI's last line of defence: an unexpected error is one line, its traceback a file.

Every failure juesuan expects (a bad path, URL, database, file) is turned into a one-line
message where it happens. This catches what is left, so no command ever ends in a Python
traceback on a user's terminal: the message names the error and where its full log went.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

DEBUG_ENV = "JUESUAN_DEBUG"


def run_guarded(app: Callable[[], object]) -> None:
    """Run the typer app; an unexpected exception exits 1 after one line on stderr."""
    debug = "--debug" in sys.argv[1:] or os.environ.get(DEBUG_ENV) == "1"
    if "--debug" in sys.argv[1:]:
        sys.argv.remove("--debug")
    try:
        app()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BrokenPipeError:  # `juesuan sql … | head`: the reader left; nothing to report
        _quiet_stdout()
        raise SystemExit(0) from None
    except Exception as err:  # any error at all: the point of this module
        if debug:
            raise
        log = write_log(err)
        first = (str(err).splitlines() or [""])[0][:300]
        where = f"the full traceback is in {log}" if log else "run again with --debug to see the traceback"
        sys.stderr.write(f"juesuan: unexpected error: {type(err).__name__}: {first} ({where})\n")
        raise SystemExit(1) from None


def write_log(err: BaseException) -> Path | None:
    """The traceback in a file under the temporary folder; None when it cannot be written."""
    try:
        folder = Path(tempfile.gettempdir()) / "juesuan"
        folder.mkdir(exist_ok=True)
        path = folder / f"error-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
        path.write_text(f"juesuan {' '.join(sys.argv[1:])}\n\n"
                        + "".join(traceback.format_exception(err)), encoding="utf-8")
        return path
    except OSError:
        return None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
