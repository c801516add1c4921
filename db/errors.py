"""Database failures as the layers above see them, so no module outside ``db/`` needs to
know SQLAlchemy's exception classes.

``TRANSIENT`` are the failures a retry may cure (a locked database, another writer storing
the same report at the same moment); any other ``DatabaseError`` is final for that file.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

DatabaseError = SQLAlchemyError
TRANSIENT: tuple[type[Exception], ...] = (OperationalError, IntegrityError)


class CannotOpen(RuntimeError):
    """The database cannot be opened; the message is one line a person can act on."""


class SqlError(ValueError):
    """A researcher's SQL statement failed; the message is the database's first line."""


def first_line(err: Exception) -> str:
    """The driver's own message (``err.orig``) when there is one, first line only."""
    return str(getattr(err, "orig", None) or err).strip().splitlines()[0]


def storage_fault(err: Exception, waited_s: float | None = None) -> tuple[str, bool]:
    """What a failed write says to a person, and whether it is final for every later write
    too (a read-only database, a full disk) rather than for this one file.

    The drivers' wordings: SQLite "attempt to write a readonly database", "database or disk
    is full", "database is locked"; PostgreSQL "read-only transaction", "could not extend
    file … No space left on device", lock and statement timeouts."""
    message = first_line(err)
    low = message.lower()
    if "disk is full" in low or "no space left" in low or "could not extend file" in low or "disk full" in low:
        return f"disk full ({message})", True
    if "readonly database" in low or "read-only" in low or "read only" in low or "permission denied" in low:
        return f"database is read-only ({message})", True
    if "database is locked" in low or "lock timeout" in low or "deadlock" in low:
        held = "" if waited_s is None else f" for {waited_s:.0f} s"
        return f"locked by another writer{held} ({message})", False
    return message, False
