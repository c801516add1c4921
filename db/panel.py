"""The panel: one row per report, one column per metric and per 类-level function line.

For Stata, R and pandas: identity columns (``report_id``, department, region, fiscal_year,
kind, scope), then each metric any exported report states (dictionary order; the column name
is the key with ``_`` for ``.``, since Stata and R formulas do not take dots), then each
3-digit function code (``line_201``). A cell is the report's own figure (exact ``Decimal``,
chosen as ``db.series`` chooses it) or empty when the report does not state it, never 0.

``panel_columns`` describes each column (key, label, unit) for the data package and for a
codebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.series import LINE_MEASURE_ORDER, choose_fact, choose_line
from models.metrics import METRICS, lookup
from models.orm import FactRow, LineItemRow, Report

IDENTITY = ("report_id", "department", "region", "fiscal_year", "kind", "scope")
LINE_PREFIX = "line_"


@dataclass(frozen=True)
class PanelColumn:
    name: str
    source: str  # "identity", a metric key, or a function code
    label: str
    unit: str | None


def metric_column(key: str) -> str:
    return key.replace(".", "_")


def build_panel(engine: Engine, ids: list[int]) -> tuple[list[PanelColumn], list[tuple]]:
    """The panel of the given reports (in that order)."""
    with Session(engine) as session:
        reports = {r.id: r for r in session.scalars(select(Report).where(Report.id.in_(ids)))}
        facts = _facts(session, ids)
        lines, names = _lines(session, ids)
    metric_keys = _ordered_metrics({k for (_, k) in facts})
    codes = sorted({c for (_, c) in lines})
    columns = [PanelColumn(c, "identity", c, None) for c in IDENTITY]
    columns += [_metric(k) for k in metric_keys]
    columns += [PanelColumn(LINE_PREFIX + c, c, names.get(c, c), "万元") for c in codes]
    rows = []
    for report_id in ids:
        report = reports[report_id]
        row: list = [report.id, report.department, report.region, report.fiscal_year,
                     report.kind, report.scope]
        row += [facts.get((report_id, k)) for k in metric_keys]
        row += [lines.get((report_id, c)) for c in codes]
        rows.append(tuple(row))
    return columns, rows


def _metric(key: str) -> PanelColumn:
    entry = lookup(key)
    return PanelColumn(metric_column(key), key, entry.label if entry else key,
                       entry.unit if entry else None)


def _ordered_metrics(keys: set[str]) -> list[str]:
    order = {m.key: i for i, m in enumerate(METRICS)}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


def _facts(session: Session, ids: list[int]) -> dict[tuple[int, str], Decimal | None]:
    grouped: dict[tuple[int, str], list[FactRow]] = {}
    for row in session.scalars(select(FactRow).where(FactRow.report_id.in_(ids),
                                                     FactRow.subject.is_(None))):
        grouped.setdefault((row.report_id, row.metric), []).append(row)
    return {key: choose_fact(rows).value for key, rows in grouped.items()}


def _lines(session: Session, ids: list[int]) -> tuple[dict, dict[str, str]]:
    grouped: dict[tuple[int, str], list[LineItemRow]] = {}
    query = select(LineItemRow).where(
        LineItemRow.report_id.in_(ids), LineItemRow.classification == "function",
        func.length(LineItemRow.code) == 3, LineItemRow.value.is_not(None),
        LineItemRow.measure.in_(LINE_MEASURE_ORDER))
    for row in session.scalars(query):
        grouped.setdefault((row.report_id, row.code), []).append(row)
    values, names = {}, {}
    for key, rows in grouped.items():
        chosen = choose_line(rows)
        values[key] = chosen.value
        names.setdefault(key[1], chosen.name)
    return values, names


def panel_csv(columns: list[PanelColumn], rows: list[tuple]) -> str:
    """CSV text, money as the stored decimal digits."""
    from db.export import csv_text

    return csv_text([c.name for c in columns], rows)


def write_panel_parquet(columns: list[PanelColumn], rows: list[tuple], path) -> None:
    """Parquet, metric and line columns as exact Arrow decimals (see ``db.export``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from db.export import _arrow_column

    table = pa.table({c.name: _arrow_column([row[i] for row in rows], c.source != "identity")
                      for i, c in enumerate(columns)})
    from db.files import replacing

    with replacing(path) as temporary:
        pq.write_table(table, temporary)
