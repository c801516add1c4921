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

from dataclasses import MISSING, Field, fields, replace
from functools import cache
from typing import Any

from models.records import COLUMN, Evidence, Fact, Finding, Identity, Indicator, LineItem, Project, Source

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
# Where a record was read, as the JSON export writes it: SPEC.md puts page and text on every
# record; block/line/row/col locate it further; "file" (not a Source field: the stored file's
# path) follows the text, then how the text was read (added after the older keys, which keep
# their order). Every Source field has its place here (a test).
SOURCE_JSON = ("page", "block", "line", "row", "col", "text", "file", "read_by", "ocr_confidence")
# What tells a stored record and a new file's record for the same thing (two editions of one
# report state the same metrics, table lines and projects): the fields compared.
EDITION_KEYS: dict[type, tuple[str, ...]] = {
    Fact: ("metric", "subject", "origin"),  # a table's restated total complements a narrative
    LineItem: ("table", "code", "name", "column"),
    Project: ("name",),
}
# The report's own columns in the order of the export: the identity's values and its title.
REPORT_FIELDS = tuple(f.name for f in fields(Identity))
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


def source_json(source: Source, file: str | None) -> dict[str, Any]:
    """A ``Source`` as the export's keys (``SOURCE_JSON``), with the path of its file."""
    return {key: file if key == "file" else getattr(source, key) for key in SOURCE_JSON}


def record_json(record: Any, file: str | None = None) -> dict[str, Any]:
    """A record's values in declaration order, then where it was read (the export's shape)."""
    return {**record_values(record), **source_json(getattr(record, SOURCE_FIELD), file)}


def edition_key(record: Any) -> tuple:
    """The values ``EDITION_KEYS`` compares, of a record."""
    return tuple(getattr(record, name) for name in EDITION_KEYS[type(record)])


def edition_columns(record_type: type) -> tuple[str, ...]:
    """The columns holding a record type's ``EDITION_KEYS`` (a stored row's key)."""
    named = dict(columns(record_type))
    return tuple(named[name] for name in EDITION_KEYS[record_type])


def evidence_columns(evidence: Evidence) -> dict[str, Any]:
    """An identity value and where it was found as its ``identity_evidence`` columns: the
    value as text, with its type beside it (a year is an ``int``, a name a ``str``)."""
    row = row_values(evidence)
    value = evidence.value
    row["value"] = None if value is None else str(value)
    row["value_type"] = "int" if isinstance(value, int) else "str"
    return row


def evidence_of(row: Any) -> Evidence:
    """The ``Evidence`` an ``identity_evidence`` row stores (the inverse of ``evidence_columns``)."""
    evidence = from_row(Evidence, row)
    if row.value_type == "int" and evidence.value is not None:
        evidence = replace(evidence, value=int(evidence.value))
    return evidence


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


__all__ = ["COLUMN_NAMES", "EDITION_KEYS", "EVIDENCE_FIELDS", "RECORD_TYPES", "REPORT_FIELDS", "SOURCE_JSON",
           "column_name", "columns", "edition_columns", "edition_key", "evidence_columns", "evidence_of",
           "from_row", "plain", "record_json", "record_values", "row_values", "source_columns", "source_json",
           "source_of", "storage", "value_fields"]
