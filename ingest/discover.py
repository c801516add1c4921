"""Find the files to ingest: .pdf and .docx in folders (recursively), any file named directly.

A file named on the command line is taken whatever its extension (the reader detects the
format by content, so a .txt rendering or a misnamed download still gets an outcome);
inside folders only .pdf/.docx are picked, so README.txt or .DS_Store are not "failures".
"""

from __future__ import annotations

from pathlib import Path

FOLDER_SUFFIXES = {".pdf", ".docx"}


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


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*")
        if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES and not p.name.startswith((".", "~$"))
    )
