"""The record types of ``models.records`` as the one statement of their fields.

Storage rows, the loader and the JSON export walk ``dataclasses.fields()`` of a record type
instead of spelling each field out, and ``models.columns`` builds the ORM columns from them,
so a new field is one edit in ``models/records.py`` plus a migration. What the walk needs
to know is here:

* ``source`` is not a value but provenance: it becomes the ``Located`` columns of a row
  (``block, page, line, text, cell_row, cell_col, read_by, ocr_confidence``) and the
  ``page … file, read_by, ocr_confidence`` keys of the JSON.
* A field that holds other records (``Project.indicators``) is stored in its own table.
* A tuple field (``Finding.pages``, ``Finding.values``) is a JSON list in its row and in the
  export, and a tuple again in the record.
* A ``Finding`` has no ``source``: it names its pages and blocks itself.
* A column named otherwise than its field says so in the field's ``stored(column=…)``: two
  field names are SQL keywords (``LineItem.table`` → ``table_key``, ``LineItem.column`` →
  ``measure``), and a Source's ``row``/``col`` are ``cell_row``/``cell_col``.

The JSON export keeps the fields' declaration order (``LineItem`` declares ``code_origin``,
``level`` and ``side`` keyword-only where the export has always put them).
"""

from __future__ import annotations

from dataclasses import MISSING, Field, fields
from functools import cache
from typing import Any

from models.records import COLUMN, Fact, Finding, Identity, Indicator, LineItem, Project, Source

SOURCE_FIELD = "source"
NESTED_FIELDS = {Project: ("indicators",)}
RECORD_TYPES = (Fact, LineItem, Project, Indicator, Finding)


def storage(f: Field) -> dict[str, Any]:
    """What the field's ``stored(...)`` says about its column (no ``stored``: the defaults)."""
    return {"length": None, "index": False, "name": None, "insert_default": MISSING,
            "server_default": None, **f.metadata.get(COLUMN, {})}


def column_name(f: Field) -> str:
    return storage(f)["name"] or f.name


SOURCE_COLUMNS = {f.name: column_name(f) for f in fields(Source)}
# Fields whose column is named otherwise (record type → field → column).
COLUMN_NAMES: dict[type, dict[str, str]] = {
    t: {f.name: column_name(f) for f in fields(t) if column_name(f) != f.name} for t in RECORD_TYPES}
# The identity fields that carry an Evidence (value + where it was stated), in declaration order:
# one identity_evidence row each, and the keys of the export's "identity".
EVIDENCE_FIELDS = tuple(f.name for f in fields(Identity) if f.type == "Evidence | None")


@cache
def value_fields(record_type: type) -> tuple[str, ...]:
    """The record's own values, in declaration order (no provenance, no nested records)."""
    skip = {SOURCE_FIELD, *NESTED_FIELDS.get(record_type, ())}
    return tuple(f.name for f in fields(record_type) if f.name not in skip)


@cache
def columns(record_type: type) -> tuple[tuple[str, str], ...]:
    """(field, column) pairs of the record's values."""
    named = {f.name: column_name(f) for f in fields(record_type)}
    return tuple((name, named[name]) for name in value_fields(record_type))


def source_columns(source: Source) -> dict[str, Any]:
    """A ``Source`` as the ``Located`` columns of a row (a missing text is stored as "")."""
    row = {column: getattr(source, name) for name, column in SOURCE_COLUMNS.items()}
    row["text"] = row["text"] or ""
    row["read_by"] = row["read_by"] or "text"
    return row


def source_of(row: Any) -> Source:
    """The ``Source`` of any row with the ``Located`` columns."""
    values = {name: getattr(row, column) for name, column in SOURCE_COLUMNS.items()}
    values["text"] = values["text"] or ""
    values["read_by"] = values["read_by"] or "text"
    return Source(**values)


@cache
def _tuple_fields(record_type: type) -> frozenset[str]:
    own = set(value_fields(record_type))  # not the nested records (Project.indicators)
    return frozenset(f.name for f in fields(record_type)
                     if f.name in own and f.default is not MISSING and isinstance(f.default, tuple))


def plain(value: Any) -> Any:
    """A tuple field's value as JSON lists (``(("a", "1"),)`` → ``[["a", "1"]]``)."""
    return [plain(v) for v in value] if isinstance(value, tuple) else value


def _tupled(value: Any) -> Any:
    return tuple(_tupled(v) for v in value) if isinstance(value, list) else value


@cache
def _has_source(record_type: type) -> bool:
    return any(f.name == SOURCE_FIELD for f in fields(record_type))


def record_values(record: Any) -> dict[str, Any]:
    """A record's own values by field name, tuples as lists (the JSON export's keys)."""
    return {name: plain(getattr(record, name)) for name in value_fields(type(record))}


def row_values(record: Any) -> dict[str, Any]:
    """A record's values and provenance as column → value (keys of the row's table)."""
    record_type = type(record)
    row = {column: getattr(record, name) for name, column in columns(record_type)}
    for name in _tuple_fields(record_type):
        row[name] = plain(row[name])  # a tuple field's column is its own name
    if _has_source(type(record)):
        row.update(source_columns(getattr(record, SOURCE_FIELD)))
    return row


def from_row(record_type: type, row: Any, **nested: Any) -> Any:
    """The record a row stores (``nested``: the records of its nested fields, already built)."""
    tuples = _tuple_fields(record_type)
    values = {name: getattr(row, column) for name, column in columns(record_type)}
    for name in tuples & values.keys():
        values[name] = _tupled(values[name] or [])
    if _has_source(record_type):
        values[SOURCE_FIELD] = source_of(row)
    return record_type(**values, **nested)


__all__ = ["COLUMN_NAMES", "RECORD_TYPES", "column_name", "columns", "from_row", "plain", "record_values", "row_values",
           "source_columns", "source_of", "storage", "value_fields"]
