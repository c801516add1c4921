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
