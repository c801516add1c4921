"""Legacy Office files (.doc, .xls, .rtf, OpenDocument) converted by LibreOffice headless,
then read by the .docx / .xlsx readers.

Why a conversion rather than a parser of our own: Word 97 binary is a large format and
LibreOffice reads it (tables, merged cells, numbering) far better than any Python
library. Why these precautions:

* a private user profile per conversion (``-env:UserInstallation``): concurrent soffice
  processes sharing a profile fail silently for all but one (LIBRARIES.md);
* the file is copied under a plain ASCII name with the extension of what it *is*, so
  neither a Chinese or non-UTF-8 name nor a misleading extension reaches soffice;
* a timeout, after which the whole process group (oosplash and soffice.bin) is killed;
* the worker's address-space limit is lifted for soffice only (it reserves far more
  virtual memory than it uses); the ingest timeout still bounds it.

``JUESUAN_SOFFICE`` names the soffice program when it is not on PATH (or, set to a path
that does not exist, disables conversion). Without soffice the file fails with a reason
saying how to install it.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractors.errors import ConversionFailed, MissingTool

SOFFICE_ENV = "JUESUAN_SOFFICE"
TIMEOUT_ENV = "JUESUAN_SOFFICE_TIMEOUT"
DEFAULT_TIMEOUT_S = 180.0
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    f"libreoffice-calc-nogui) or set {SOFFICE_ENV} to the soffice program"
)


def find_soffice() -> str | None:
    """The soffice program to run: ``$JUESUAN_SOFFICE`` if set, else soffice on PATH."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted(path: Path, source_ext: str, target_ext: str, label: str) -> Iterator[Path]:
    """``path`` converted to ``target_ext`` ("docx", "xlsx") in a temporary folder.

    ``label`` names what the file is ("Word 97-2003 .doc document") in the reasons.
    Raises MissingTool without soffice, ConversionFailed when it gives no file.
    """
    soffice = find_soffice()
    if soffice is None:
        raise MissingTool(f"{label}: reading it needs LibreOffice, which is not installed: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="juesuan_soffice_") as tmp:
        work = Path(tmp)
        source = work / "in" / f"source.{source_ext}"
        source.parent.mkdir()
        shutil.copyfile(path, source)
        outdir = work / "out"
        _run(soffice, work / "profile", source, outdir, target_ext, label)
        produced = outdir / f"source.{target_ext}"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ConversionFailed(f"{label}: LibreOffice could not convert it (damaged or not a real {label}?)")
        yield produced


def _run(soffice: str, profile: Path, source: Path, outdir: Path, target_ext: str, label: str) -> None:
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
           "--norestore", "--nologo", "--convert-to", target_ext, "--outdir", str(outdir), str(source)]
    timeout = _timeout()
    env = dict(os.environ, HOME=str(profile.parent))
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                               start_new_session=True, preexec_fn=_lift_memory_limit)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionFailed(f"{label}: LibreOffice conversion timed out after {timeout:g} s") from None
    finally:
        if process.poll() is None:
            _kill_group(process)
    if process.returncode != 0:
        detail = " ".join((stderr or b"").decode("utf-8", "replace").split())[:160]
        raise ConversionFailed(f"{label}: LibreOffice exited with code {process.returncode}"
                               + (f": {detail}" if detail else ""))


def _timeout() -> float:
    try:
        return max(1.0, float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def _lift_memory_limit() -> None:
    """In the child: raise the soft address-space limit to the hard one (see docstring)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(5)
