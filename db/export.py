"""Export the database for analysis: JSON (SPEC.md's shape), CSV per view, Parquet, Excel.

No format turns money into a binary float on the way out. JSON writes every ``Decimal`` as
a JSON number with exactly its digits (850.18, never 850.1799999…): the standard ``json``
module would turn it into a float, so decimals are passed through as marked strings and
un-quoted after encoding. CSV writes the stored decimal text, Parquet Arrow decimals, Excel
numbers formatted to the stored digits (what each can and cannot hold: docs/schema.md).
Every file is written whole or not at all (``db.files.replacing``): an export that fails
midway, on a full disk or otherwise, leaves what the path held before.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, TextClause, TextualSelect, select, text
from sqlalchemy.orm import Session

from db.files import replacing, write_text
from db.load import load_record, record_files
from db.views import VIEW_NAMES
from models.exact import dumps
from models.orm import FactRow, IndicatorRow, LineItemRow, ProjectRow, Report, SourceFile
from models.records import Fact, Finding, LineItem, Project
from models.schema import EVIDENCE_FIELDS, REPORT_FIELDS, record_json, record_values
from models.types import ExactDecimal, decimal_text

EXPORT_VIEWS = ("v_reports", "v_facts", "v_line_items", "v_projects", "v_indicators", "v_findings")


# -- selecting -----------------------------------------------------------------------


def report_ids(session: Session, department: str | None = None, year: int | None = None) -> list[int]:
    """Reports in a stable order (department, year, kind, scope), optionally filtered.

    Sorted in Python, not SQL: PostgreSQL's collation would order Chinese names differently
    from SQLite's, and exports from both backends must be identical."""
    query = select(Report.id, Report.department, Report.fiscal_year, Report.kind, Report.scope)
    if department:
        query = query.where(Report.department.contains(department))
    if year is not None:
        query = query.where(Report.fiscal_year == year)
    rows = session.execute(query).all()
    rows = sorted(rows, key=lambda r: (r.department or "", r.fiscal_year or 0, r.kind or "",
                                       r.scope or "", r.id))
    return [row.id for row in rows]


# -- JSON ----------------------------------------------------------------------------


def export_json(session: Session, ids: Iterable[int] | None = None) -> dict:
    """``{"reports": [...]}`` in SPEC.md's shape, plus sources, identity evidence and all fields."""
    ids = report_ids(session) if ids is None else list(ids)
    return {"reports": [report_json(session, report_id) for report_id in ids]}


def report_json(session: Session, report_id: int) -> dict:
    report = session.get(Report, report_id)
    record = load_record(session, report_id)
    files = session.scalars(
        select(SourceFile).where(SourceFile.report_id == report_id).order_by(SourceFile.position)
    ).all()
    origin = record_files(session, report_id)
    first = files[0] if files else None
    return {
        "id": report.id,
        "source": first.path if first else None,
        "sha256": first.sha256 if first else None,
        "format": first.format if first else None,
        "pages": first.pages if first else None,
        "sources": [{"path": f.path, "sha256": f.sha256, "format": f.format, "pages": f.pages,
                     "size_bytes": f.size_bytes} for f in files],
        **{name: getattr(report, name) for name in REPORT_FIELDS},  # department … title
        "extractor_version": report.extractor_version,
        "identity": _identity_json(record.identity),
        "facts": [_fact_json(f, p) for f, p in zip(record.facts, origin["facts"], strict=False)],
        "line_items": [_line_json(li, p) for li, p in zip(record.line_items, origin["line_items"], strict=False)],
        "projects": [_project_json(pr, p) for pr, p in zip(record.projects, origin["projects"], strict=False)],
        "findings": [_finding_json(f) for f in record.findings],
        "tables_found": record.tables_found,
        "warnings": record.warnings,
    }


def _identity_json(identity) -> dict:  # models.records.Identity
    """Each stated identity value: its value, where it was found, where it was read."""
    evidence = {name: getattr(identity, name) for name in EVIDENCE_FIELDS}
    return {name: record_json(ev) for name, ev in evidence.items() if ev is not None}


def _fact_json(fact: Fact, file: str | None) -> dict:
    return record_json(fact, file)


def _line_json(item: LineItem, file: str | None) -> dict:
    return record_json(item, file)


def _project_json(project: Project, file: str | None) -> dict:
    """The project's values and where they were read, then its indicators (a nested field)."""
    return {**record_json(project, file), "indicators": [record_json(i) for i in project.indicators]}


def _finding_json(finding: Finding) -> dict:
    return record_values(finding)


# -- tabular (csv / parquet / xlsx) --------------------------------------------------

# The views cast money to a number on SQLite (for SQL arithmetic), which turns "486.90" into
# the float 486.9. Exports read the money columns from the base table instead, where the
# decimal is stored exactly (text on SQLite, NUMERIC on PostgreSQL): view → (table, id column).
_EXACT_SOURCES = {
    "v_facts": (FactRow, "fact_id"),
    "v_line_items": (LineItemRow, "line_item_id"),
    "v_projects": (ProjectRow, "project_id"),
    "v_indicators": (IndicatorRow, "indicator_id"),
}
PARQUET_MAX_PRECISION = 38  # Arrow decimal128; a column that needs more is written as text
EXCEL_DIGITS = 15  # significant digits an Excel number (an IEEE double) shows and keeps


def view_rows(engine: Engine, view: str, ids: list[int] | None = None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one research view (optionally only some reports), in id
    order, with every money column as the exact stored ``Decimal`` on every backend."""
    if view not in VIEW_NAMES:
        raise ValueError(f"unknown view {view!r}")
    with engine.connect() as connection:
        columns = list(connection.execute(text(f"SELECT * FROM {view} WHERE 1 = 0")).keys())
        result = connection.execute(_exact_query(view, columns))
        rows = [tuple(r) for r in result]
    if ids is not None:
        wanted = set(ids)
        index = columns.index("report_id")
        rows = [r for r in rows if r[index] in wanted]
    return columns, rows


def _exact_query(view: str, columns: list[str]) -> TextClause | TextualSelect:
    """``SELECT`` of the view's columns in its order, money taken from the base table."""
    if view not in _EXACT_SOURCES:
        return text(f"SELECT * FROM {view} ORDER BY {columns[0]}")
    model, id_column = _EXACT_SOURCES[view]
    money = money_columns(view, columns)
    select_list = ", ".join(f"x.{c}" if c in money else f"v.{c}" for c in columns)
    query = text(f"SELECT {select_list} FROM {view} v JOIN {model.__tablename__} x "
                 f"ON x.id = v.{id_column} ORDER BY v.{id_column}")
    return query.columns(**{c: ExactDecimal() for c in money})


def money_columns(view: str, columns: list[str]) -> list[str]:
    """The view's columns that hold exact decimals (money, percentages, scores)."""
    if view not in _EXACT_SOURCES:
        return []
    model = _EXACT_SOURCES[view][0]
    exact = {c.name for c in model.__table__.columns if isinstance(c.type, ExactDecimal)}
    return [c for c in columns if c in exact]


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_text(value)  # "486.90" stays "486.90"
    return value


def csv_text(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def export_csv(engine: Engine, folder: Path, ids: list[int] | None = None) -> list[Path]:
    """One UTF-8 (with BOM, so Excel opens Chinese correctly) CSV per research view; money
    as the stored decimal text, digit for digit."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for view in EXPORT_VIEWS:
        columns, rows = view_rows(engine, view, ids)
        path = folder / f"{view.removeprefix('v_')}.csv"
        write_text(path, csv_text(columns, rows), encoding="utf-8-sig")
        written.append(path)
    return written


# -- Parquet -------------------------------------------------------------------------


def export_parquet(engine: Engine, folder: Path, ids: list[int] | None = None) -> list[Path]:
    """One Parquet file per view, money exact as Arrow ``decimal128``.

    A money column's scale is the largest number of decimal places any of its values has
    (``15621.1123`` and ``486.90`` share scale 4: ``486.9000``, the same number), its
    precision 38, the most decimal128 holds. A column whose values need more than 38 digits
    at that scale is written as decimal text instead. pandas reads these columns as Python
    ``Decimal`` objects (``.astype(float)`` for fast arithmetic); Arrow, Polars, DuckDB, R
    and Spark read them as decimals."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for view in EXPORT_VIEWS:
        columns, rows = view_rows(engine, view, ids)
        money = set(money_columns(view, columns))
        table = pa.table({name: _arrow_column([row[i] for row in rows], name in money)
                          for i, name in enumerate(columns)})
        path = folder / f"{view.removeprefix('v_')}.parquet"
        with replacing(path) as temporary:
            pq.write_table(table, temporary)
        written.append(path)
    return written


def _arrow_column(values: list[Any], money: bool = False):  # pyarrow.Array
    """A money column with no value at all is still a decimal column (scale 0), so the
    file's schema does not depend on whether some report stated that figure."""
    import pyarrow as pa

    decimals = [v for v in values if isinstance(v, Decimal)]
    if not decimals:
        if money:
            return pa.array(values, pa.decimal128(PARQUET_MAX_PRECISION, 0))
        return pa.array(values) if values else pa.array([], pa.null())
    arrow_type = decimal_type(decimals)
    if arrow_type is None:
        return pa.array([None if v is None else decimal_text(v) for v in values], pa.string())
    return pa.array(values, arrow_type)


def decimal_type(values: list[Decimal]):  # pyarrow.Decimal128Type | None
    """The decimal128 type that holds every value exactly, or None when none does."""
    import pyarrow as pa

    if not all(v.is_finite() for v in values):
        return None
    scale = max(max(-v.as_tuple().exponent for v in values), 0)
    integer_digits = max(len(v.as_tuple().digits) + v.as_tuple().exponent for v in values)
    if max(integer_digits, 1) + scale > PARQUET_MAX_PRECISION:
        return None
    return pa.decimal128(PARQUET_MAX_PRECISION, scale)


# -- Excel ---------------------------------------------------------------------------


def export_xlsx(engine: Engine, path: Path, ids: list[int] | None = None) -> Path:
    """One sheet per view (Excel caps a sheet at 1,048,576 rows; beyond that use csv).

    Money is written as Excel numbers (so sums and pivots work) with a number format that
    shows exactly the stored digits (``486.90`` → 486.9 formatted ``0.00``). An Excel number
    is a binary double: up to 15 significant digits it shows and keeps the decimal's value;
    a value with more digits is written as text so no digit is silently changed."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for view in EXPORT_VIEWS:
        columns, rows = view_rows(engine, view, ids)
        sheet = workbook.create_sheet(view.removeprefix("v_"))
        sheet.append(columns)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as temporary:
        workbook.save(temporary)
    return path


def _xlsx_cell(sheet, value: Any) -> Any:  # openpyxl write-only worksheet
    if isinstance(value, Decimal):
        return _xlsx_decimal(sheet, value)
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones
    return value


def _xlsx_decimal(sheet, value: Decimal) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if not value.is_finite() or len(value.as_tuple().digits) > EXCEL_DIGITS:
        return decimal_text(value)
    cell = WriteOnlyCell(sheet, value=float(value))
    cell.number_format = excel_number_format(value)
    return cell


def excel_number_format(value: Decimal) -> str:
    """``0.00`` for a value stored with two decimal places, ``0`` for a whole number."""
    places = max(-value.as_tuple().exponent, 0)
    return "0." + "0" * places if places else "0"


# ``dumps`` (models.exact) is part of this module's interface: ``show`` and ``export --format json`` write with it.
__all__ = ["EXPORT_VIEWS", "csv_text", "dumps", "export_csv", "export_json", "export_parquet", "export_xlsx",
           "report_ids", "report_json", "view_rows"]
