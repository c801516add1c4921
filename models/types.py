"""Column types that keep money exact on every backend.

SQLAlchemy's ``Numeric`` on SQLite goes through a binary float (850.18 may come back as
850.1799999…, and trailing zeros are lost). Researchers must get back exactly the digits
the report printed, so on SQLite a decimal is stored as its string (and the research views
cast it to a number for SQL arithmetic); on PostgreSQL it is a true ``NUMERIC`` without
precision limits, which psycopg returns as ``Decimal`` unchanged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from models.exact import decimal_text


class ExactDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` that round-trips digit for digit (``Decimal("78.00")`` stays ``78.00``)."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            # ints are exact; floats are refused so a binary float never enters storage.
            if isinstance(value, float):
                raise TypeError(f"refusing to store float {value!r} as money: pass a Decimal")
            value = Decimal(value)
        if dialect.name == "sqlite":
            return decimal_text(value)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, float):  # a value someone wrote with plain SQL on SQLite
            return Decimal(repr(value))
        return Decimal(str(value))


__all__ = ["ExactDecimal", "decimal_text"]
