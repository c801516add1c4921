"""ORM columns built from the record types (``models.records``): one statement of each field.

A record's stored fields become ``mapped_column``s on a mixin that ``models.orm`` puts under
a table, after the table's own columns (ids, foreign keys, ``seq``):

* the type comes from the annotation: ``Decimal`` → ``ExactDecimal``, ``int``, ``bool``,
  ``float``, ``str`` (``VARCHAR(length)`` when ``stored(length=…)`` says one, else ``TEXT``;
  a ``Literal`` of strings is a ``str``), ``dict`` / ``list`` / ``tuple`` → ``JSON``;
* ``X | None`` is nullable, anything else ``NOT NULL``;
* ``stored(...)`` adds the column's name, index and defaults (``models.records.stored``);
* the columns are in the order of the dataclass's ``__init__`` parameters: declaration order
  with the keyword-only fields last (``LineItem`` declares ``code_origin``, ``level`` and
  ``side`` where the export puts them; their columns came later and sit at the end);
* ``source`` (provenance: the ``Source`` record's own columns, ``models.orm.Located``) and
  nested records (``Project.indicators``, their own table) are not columns of the row.
"""

from __future__ import annotations

import types
import typing
from dataclasses import MISSING, Field, fields
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import JSON, Boolean, Double, Integer, String, Text
from sqlalchemy.orm import MappedColumn, mapped_column
from sqlalchemy.types import TypeEngine

from models.schema import column_name, storage, value_fields
from models.types import ExactDecimal

_TYPES: dict[type, type[TypeEngine]] = {int: Integer, bool: Boolean, float: Double,
                                        dict: JSON, list: JSON, tuple: JSON}


class UnstorableField(TypeError):
    """A record field whose annotation names no column type."""


def column_type(annotation: Any, length: int | None = None) -> tuple[TypeEngine, bool]:
    """The column type of a (resolved) field annotation, and whether it is nullable."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        if len(present) != 1:
            raise UnstorableField(f"{annotation!r}: a union of several types has no one column type")
        return column_type(present[0], length)[0], type(None) in args
    if typing.get_origin(annotation) is Literal and all(isinstance(a, str) for a in args):
        annotation = str
    base = typing.get_origin(annotation) or annotation
    if base is str:
        return (String(length) if length else Text()), False
    if base is Decimal:
        return ExactDecimal(), False
    if base in _TYPES:
        return _TYPES[base](), False
    raise UnstorableField(f"{annotation!r} has no column type")


def column_fields(record_type: type) -> list[Field]:
    """The record's fields that are columns of its row (``models.schema.value_fields``: not
    its ``source``, not nested records), in column order (``__init__``'s parameters)."""
    own = set(value_fields(record_type))
    kept = [f for f in fields(record_type) if f.name in own]
    return [f for f in kept if not f.kw_only] + [f for f in kept if f.kw_only]


def record_columns(record_type: type) -> dict[str, MappedColumn]:
    """attribute (= column) name → ``mapped_column`` for each stored field of the record."""
    hints = typing.get_type_hints(record_type)
    result: dict[str, MappedColumn] = {}
    for f in column_fields(record_type):
        how = storage(f)
        sql_type, nullable = column_type(hints[f.name], how["length"])
        options: dict[str, Any] = {"nullable": nullable}
        if how["index"]:
            options["index"] = True
        if how["insert_default"] is not MISSING:
            options["insert_default"] = how["insert_default"]
        if how["server_default"] is not None:
            options["server_default"] = how["server_default"]
        result[column_name(f)] = mapped_column(sql_type, **options)
    return result


def columns_mixin(record_type: type) -> type:
    """A declarative mixin holding ``record_columns(record_type)``: a table class lists it
    after ``Base`` and its columns follow the table's own."""
    return type(f"{record_type.__name__}Columns", (), {
        "__doc__": f"The columns of ``models.records.{record_type.__name__}``.",
        **record_columns(record_type)})


__all__ = ["UnstorableField", "column_fields", "column_type", "columns_mixin", "record_columns"]
