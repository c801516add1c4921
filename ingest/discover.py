"""Find the files to ingest: every file in folders (recursively), any file named directly.

Nothing is left out in silence. A file named on the command line is read whatever its
name (the reader detects the format by content, so a .txt rendering or a misnamed
download still gets an outcome). Inside folders every file is found too, and
``not_read_reason`` says which ones are not report files (an archive, a README.txt, a
.DS_Store): they get a ``skipped`` outcome naming why, and do not make the run fail.
"""

from __future__ import annotations

from pathlib import Path

from extractors.detect import DOCUMENT_EXTENSIONS, LABELS, content_format
from extractors.document import Format
from extractors.errors import EmptyFile, ReadError

NOT_READ = "not read: "
# Read from a folder when so named, whatever the content turns out to be (a broken
# download named .pdf is a failure to report, not a file to pass over).
FOLDER_SUFFIXES = DOCUMENT_EXTENSIONS - {".txt", ".text", ".csv", ".md"}


class NoSuchPath(FileNotFoundError):
    """A path given on the command line does not exist (a usage error)."""


def discover(paths: list[Path]) -> list[Path]:
    """Files in a stable order, each once (a file reached twice is taken once)."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise NoSuchPath(f"no such file or folder: {path}")
        for file in _files_under(path):
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def named_directly(paths: list[Path]) -> set[Path]:
    """The files the user named themselves (read whatever they are)."""
    return {path.resolve() for path in paths if path.is_file()}


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file())


def not_read_reason(path: Path) -> str | None:
    """Why a file found in a folder is no report file to read, or None to read it.

    Named like a report document (.pdf, .docx, .doc, .xls, .html, …): read. Otherwise
    its content decides: a report format saved under another name is read (its outcome
    says so); plain text, an archive or anything else is not read. An empty file is
    always read, so it fails as the broken download it is.
    """
    if path.suffix.lower() in FOLDER_SUFFIXES:
        return None
    try:
        fmt = content_format(path)
    except EmptyFile:
        return None
    except ReadError as err:
        return f"{NOT_READ}{err.reason}"
    except OSError:
        return None  # the worker reports why it cannot be read
    if fmt is Format.TXT:
        return (f"{NOT_READ}{LABELS[fmt]} file in a folder (name it on the command line "
                "to read it as a report)")
    return None
