"""Files the exports write appear whole or not at all.

``replacing(path)`` yields a temporary path in the same folder; when the block ends without
an error the temporary file is flushed to disk and renamed over ``path`` (atomic on POSIX),
otherwise it is removed and ``path`` keeps what it held before. A full disk midway through
an export therefore never leaves a truncated file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        with temporary_path.open("rb+") as written:
            os.fsync(written.fileno())
        if target.exists():
            os.chmod(temporary_path, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary_path, 0o666 & ~_umask())
        os.replace(temporary_path, target)
    finally:
        temporary_path.unlink(missing_ok=True)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """``Path.write_text``, whole or not at all."""
    with replacing(path) as temporary:
        temporary.write_text(text, encoding=encoding)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """``Path.write_bytes``, whole or not at all."""
    with replacing(path) as temporary:
        temporary.write_bytes(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
