"""Find the files to ingest: every file in folders (recursively), any file named directly.

Nothing is left out in silence. A file named on the command line is read whatever its
name (the reader detects the format by content, so a .txt rendering or a misnamed
download still gets an outcome). Inside folders every file is found too, and
``not_read_reason`` says which ones are not report files (an archive, a README.txt, a
.DS_Store): they get a ``skipped`` outcome naming why, and do not make the run fail.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class LeftOut:
    """A path found but not to be opened: a symbolic link leading out of its folder (not
    followed unless asked), a broken link, or no regular file (a FIFO, a device, a socket:
    opening one could wait for ever). ``named``: given on the command line itself."""

    reason: str
    named: bool = False


@dataclass
class Found:
    """What ``find`` met, in a stable order: each path once, and the ones not to open."""

    files: list[Path] = field(default_factory=list)
    left_out: dict[Path, LeftOut] = field(default_factory=dict)


def discover(paths: list[Path], follow_symlinks: bool = False) -> list[Path]:
    """Files in a stable order, each once (a file reached twice is taken once)."""
    return find(paths, follow_symlinks).files


def find(paths: list[Path], follow_symlinks: bool = False) -> Found:
    """Every file under ``paths`` (folders searched recursively), and why some are left out.

    A symbolic link met in a folder is followed when it leads to somewhere inside that
    folder (its target is then found once) or when ``follow_symlinks`` is set; one leading
    out of the folder is left out, its outcome naming it. A path the user names is taken as
    named (a link given on the command line is followed). A FIFO, device or socket is never
    opened: it gets an outcome saying what it is."""
    found = Found()
    seen: set[Path] = set()
    for path in paths:
        if not os.path.lexists(path):
            raise NoSuchPath(f"no such file or folder: {path}")
        if not path.exists():
            entries = [(path, LeftOut(f"{NOT_READ}a symbolic link to nothing ({_target(path)} is missing)", True))]
        elif path.is_dir():
            entries = _under(path, follow_symlinks)
        else:
            kind = _special_kind(path)
            entries = [(path, None if kind is None else LeftOut(_special_reason(kind), True))]
        for file, left_out in entries:
            key = _key(file) if left_out is None else Path(os.path.abspath(file))
            if key in seen:
                continue
            seen.add(key)
            found.files.append(file)
            if left_out is not None:
                found.left_out[file] = left_out
    return found


def named_directly(paths: list[Path]) -> set[Path]:
    """The files the user named themselves (read whatever they are)."""
    return {path.resolve() for path in paths if path.is_file()}


def _under(folder: Path, follow_symlinks: bool) -> list[tuple[Path, LeftOut | None]]:
    """Every entry under ``folder`` (sorted by path, as ``rglob`` would give them)."""
    root = folder.resolve()
    entries: list[tuple[Path, LeftOut | None]] = []
    walked: set[Path] = set()

    def walk(current: Path) -> None:
        real = current.resolve()
        if real in walked:  # a link back up the tree
            return
        walked.add(real)
        try:
            listing = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            return  # an unreadable subfolder: nothing in it can be found
        for entry in listing:
            path = Path(entry.path)
            if entry.is_symlink():
                outcome = _link(path, root, follow_symlinks)
                if outcome is None and path.is_dir():
                    walk(path)
                elif outcome is not None or path.exists():
                    entries.append((path, outcome))
            elif entry.is_dir(follow_symlinks=False):
                walk(path)
            else:
                kind = _special_kind(path)
                entries.append((path, None if kind is None else LeftOut(_special_reason(kind))))

    walk(folder)
    return sorted(entries, key=lambda pair: pair[0])


def _link(path: Path, root: Path, follow_symlinks: bool) -> LeftOut | None:
    """Why a symbolic link found under ``root`` is not followed, or None to follow it."""
    if not path.exists():
        return LeftOut(f"{NOT_READ}a symbolic link to nothing ({_target(path)} is missing)")
    target = path.resolve()
    if not follow_symlinks and not target.is_relative_to(root):
        what = "folder" if target.is_dir() else "file"
        return LeftOut(f"{NOT_READ}a symbolic link to a {what} outside the folder ({target}); "
                       "--follow-symlinks reads it")
    kind = None if target.is_dir() else _special_kind(target)
    return None if kind is None else LeftOut(f"{NOT_READ}a symbolic link to {kind}, not a regular file")


def _special_kind(path: Path) -> str | None:
    """What a path that is no regular file is (None for a regular file)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # hashing reports why it cannot be read
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _special_reason(kind: str) -> str:
    return f"{NOT_READ}{kind}, not a regular file (juesuan reads files only)"


def _target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "its target"


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return Path(os.path.abspath(path))


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
