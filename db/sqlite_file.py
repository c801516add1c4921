"""Is this existing file a SQLite database juesuan may open? Checked before any writable
connection: opening one switches the file to WAL and creates ``-wal``/``-shm`` files, and a
first use would add juesuan's tables to another program's database.

Only the file's header is read, then its table names through a ``mode=ro`` connection; a
database holding tables juesuan never makes and no juesuan revision is someone else's.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.errors import CannotOpen

_MAGIC = b"SQLite format 3\x00"
_HEADER = 100


class NotJuesuan(CannotOpen):
    """The file is not a (whole) juesuan database; the message names it and says why."""


def check_sqlite_file(path: str | Path) -> None:
    """Raise ``NotJuesuan`` unless ``path`` (an existing, non-empty file) may be opened."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(_HEADER)
    except OSError as err:
        raise NotJuesuan(f"{path}: cannot read the database file ({err.strerror or err})") from None
    if size == 0:
        return
    if not header.startswith(_MAGIC):
        raise NotJuesuan(f"{path}: not a SQLite database (its first bytes are {header[:16]!r})")
    if len(header) < _HEADER:
        raise NotJuesuan(f"{path}: damaged database: truncated within its header ({size} bytes)")
    expected = _stated_size(header)
    if expected is not None and size < expected:
        raise NotJuesuan(f"{path}: damaged database: the file is truncated ({size} of the {expected} bytes "
                         "its header states)")
    foreign = _foreign_tables(path)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
        raise NotJuesuan(f"{path}: not a juesuan database (it holds other tables: {shown}); "
                         "give another --db")


def _stated_size(header: bytes) -> int | None:
    """Page size × page count from the header, when the count is valid (SQLite ≥ 3.7.0 keeps
    it; it is valid when the version-valid-for number equals the change counter)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages == 0 or header[24:28] != header[92:96]:
        return None
    return page_size * pages


def _foreign_tables(path: Path) -> list[str]:
    from db.reader_role import juesuan_objects
    from db.search import is_search_object

    try:
        connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    except sqlite3.DatabaseError as err:
        if "malformed" in str(err) or "not a database" in str(err):
            raise NotJuesuan(f"{path}: damaged database ({err})") from None
        return []  # e.g. a WAL file without its -shm in a read-only folder: let SQLite decide later
    finally:
        connection.close()
    if "alembic_version" in names:
        return []
    known = juesuan_objects()
    return sorted(name for name in names
                  if name not in known and not name.startswith("sqlite_") and not is_search_object(name))


def checkpoint(path: str | Path) -> None:
    """Fold the write-ahead log into the database file, so the file alone holds everything
    (to copy it without its ``-wal``)."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
