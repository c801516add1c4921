"""Read the stored figures a trend is built from: one point per report and metric (or line).

Plain dicts out, exact ``Decimal`` money (read from the base tables, not the views' float
cast), so ``compare.trend`` can compute changes without touching the database.

Which stored figure is a report's value when it states a metric more than once: the one
without a subject (a project's 预算数 is not the department's), from a table before the
narrative (tables print the totals the narrative restates), then in extraction order. The
prior-year figure the report states is the first one any of those facts gives, or else the
first stated change (比上年增加X万元) with the figure it qualifies, from which the prior
figure the report implies is computed (``compare.trend``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models.orm import FactRow, LineItemRow, Report

ORIGIN_ORDER = {"table": 0, "narrative": 1, "form": 2}
# A classification line is stated by several tables; the fullest spending table first.
LINE_TABLE_ORDER = ("expenditure", "general_budget_expenditure", "gov_fund", "state_capital",
                    "appropriation_summary", "narrative")
LINE_MEASURE_ORDER = ("total", "final", "budget")


def departments_matching(engine: Engine, names: Iterable[str]) -> dict[str, list[str]]:
    """Each name asked for → the stored departments it names, as ``diff`` resolves them
    (exact name, a name the report printed, a part of the name, 政府 for 人民政府)."""
    from db.selection import match_departments

    with Session(engine) as session:
        return {name: match_departments(session, name) for name in names}


def _reports(session: Session, departments: list[str], year_from: int | None,
             year_to: int | None) -> dict[int, Report]:
    query = select(Report).where(Report.department.in_(departments))
    if year_from is not None:
        query = query.where(Report.fiscal_year >= year_from)
    if year_to is not None:
        query = query.where(Report.fiscal_year <= year_to)
    return {r.id: r for r in session.scalars(query)}


def _base(report: Report) -> dict:
    return {"report_id": report.id, "department": report.department,
            "fiscal_year": report.fiscal_year, "kind": report.kind, "scope": report.scope}


def fact_points(engine: Engine, departments: list[str], metrics: list[str],
                year_from: int | None = None, year_to: int | None = None) -> list[dict]:
    """One point per (report, metric) the report states: value, unit, page, text and the
    prior-year figure it states (``stated_prior`` for ``stated_prior_year``)."""
    points = []
    for report, metric, facts in _stated(engine, departments, year_from, year_to, FactRow, "metric",
                                         FactRow.metric.in_(metrics), FactRow.subject.is_(None)):
        chosen = choose_fact(facts)
        prior = next((f for f in facts if f.prior_value is not None), None) or next(
            (f for f in facts if f.change is not None and f.value is not None), None)
        points.append({
            **_base(report), "series": metric, "value": chosen.value,
            "unit": chosen.unit, "origin": chosen.origin, "page": chosen.page,
            "text": chosen.text,
            "stated_prior": prior.prior_value if prior else None,
            "stated_change": prior.change if prior else None,
            "stated_value": prior.value if prior else None,
            "stated_prior_year": _prior_year(prior, report),
            "stated_prior_page": prior.page if prior else None,
        })
    return points


def line_points(engine: Engine, departments: list[str], codes: list[str],
                year_from: int | None = None, year_to: int | None = None) -> list[dict]:
    """One point per (report, classification code): the value of the first table in
    ``LINE_TABLE_ORDER`` that states the code, in its first measure of
    ``LINE_MEASURE_ORDER`` (the table and measure are given with it)."""
    points = []
    for report, code, items in _stated(engine, departments, year_from, year_to, LineItemRow, "code",
                                       LineItemRow.code.in_(codes), LineItemRow.measure.in_(LINE_MEASURE_ORDER),
                                       LineItemRow.value.is_not(None)):
        chosen = choose_line(items)
        points.append({
            **_base(report), "series": code, "name": chosen.name,
            "value": chosen.value, "unit": chosen.unit, "origin": chosen.table_key,
            "measure": chosen.measure, "page": chosen.page, "text": chosen.text,
            "stated_prior": None, "stated_change": None, "stated_value": None,
            "stated_prior_year": None, "stated_prior_page": None,
        })
    return points


def _stated(engine: Engine, departments: list[str], year_from: int | None, year_to: int | None,
            model: type[FactRow] | type[LineItemRow], key: str, *where) -> list[tuple[Report, str, list]]:
    """(report, key, its rows) for each value of ``key`` (a metric, a code) the departments'
    reports in the years state: the rows of ``model`` matching ``where``."""
    with Session(engine) as session:
        reports = _reports(session, departments, year_from, year_to)
        if not reports:
            return []
        rows = session.scalars(select(model).where(model.report_id.in_(list(reports)), *where)).all()
    grouped: dict[tuple[int, str], list] = {}
    for row in rows:
        grouped.setdefault((row.report_id, getattr(row, key)), []).append(row)
    return [(reports[report_id], value, stated) for (report_id, value), stated in grouped.items()]


def choose_fact(facts: list[FactRow]) -> FactRow:
    """The report's figure among its facts of one metric: stated, table first, then order."""
    return min(facts, key=lambda f: (f.value is None, ORIGIN_ORDER.get(f.origin, 9), f.seq))


def choose_line(items: list[LineItemRow]) -> LineItemRow:
    """The report's figure for one code: the fullest table, its total measure, then order."""
    return min(items, key=lambda i: (_rank(LINE_TABLE_ORDER, i.table_key),
                                     _rank(LINE_MEASURE_ORDER, i.measure), i.seq))


def _prior_year(prior: FactRow | None, report: Report) -> int | None:
    """The year a stated prior figure is about: as printed, else the year before the report's."""
    if prior is None:
        return None
    if prior.prior_year:
        return prior.prior_year
    return report.fiscal_year - 1 if report.fiscal_year else None


def _rank(order: tuple[str, ...], value: str | None) -> int:
    return order.index(value) if value in order else len(order)
