"""Research views: the stored rows with department, year, kind and scope joined in.

A researcher should be able to ``SELECT * FROM v_facts WHERE metric = 'income.total'``
without knowing the table layout. On SQLite money is stored as exact text (see
``models.types``), so the views cast it to a number for arithmetic and comparison; on
PostgreSQL it is already ``NUMERIC``.

Views are versioned: a migration creates the version it was written with
(``VIEWS_V1``…), so changing a view later means a new constant and a new migration.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from sqlalchemy import text
from sqlalchemy.engine import Connection

REPORT_COLUMNS_V1 = "r.department, r.region, r.fiscal_year, r.kind, r.scope"
# V2 (schema 0003): a report's consolidation (本级 / 汇总) beside its scope.
REPORT_COLUMNS_V2 = "r.department, r.region, r.fiscal_year, r.kind, r.scope, r.consolidation"
LOCATION_COLUMNS = "x.page, x.block, x.line, x.text, x.cell_row, x.cell_col"


def _location_v1(num: Callable[[str], str]) -> str:
    return LOCATION_COLUMNS


def _location_v3(num: Callable[[str], str]) -> str:
    """V3 (schema 0006): how the figure was read (text or ocr) and the OCR confidence."""
    return f"{LOCATION_COLUMNS}, x.read_by, {num('x.ocr_confidence')}"


def _number(dialect: str) -> Callable[[str], str]:
    if dialect == "sqlite":
        return lambda column: f"CAST({column} AS NUMERIC) AS {column.split('.')[-1]}"
    return lambda column: f"{column} AS {column.split('.')[-1]}"


def _v_reports(num: Callable[[str], str], cols: str = REPORT_COLUMNS_V1, location: Callable = _location_v1) -> str:
    return f"""
SELECT r.id AS report_id, {cols}, r.title,
       (SELECT s.path FROM sources s WHERE s.report_id = r.id AND s.status = 'stored'
        ORDER BY s.position LIMIT 1) AS source,
       (SELECT COUNT(*) FROM sources s WHERE s.report_id = r.id AND s.status = 'stored') AS files,
       (SELECT COUNT(*) FROM facts f WHERE f.report_id = r.id) AS facts,
       (SELECT COUNT(*) FROM line_items l WHERE l.report_id = r.id) AS line_items,
       (SELECT COUNT(*) FROM projects p WHERE p.report_id = r.id) AS projects,
       (SELECT COUNT(*) FROM findings g WHERE g.report_id = r.id) AS findings,
       r.extractor_version, r.ingested_at
FROM reports r"""


def _v_facts(num: Callable[[str], str], cols: str = REPORT_COLUMNS_V1,
             location: Callable = _location_v1, basis: bool = False) -> str:
    money = ", ".join(num(f"x.{c}") for c in (
        "value", "prior_value", "change", "change_pct", "share_pct", "budget_value", "completion_pct"))
    # V4 (schema 0007): which budget budget_value / completion_pct refer to, and the stated gap
    budget = f", x.budget_basis, {num('x.budget_gap')}" if basis else ""
    return f"""
SELECT x.id AS fact_id, x.report_id, {cols},
       x.metric, {money}{budget}, x.unit, x.printed_unit, x.printed_value, x.prior_year, x.year,
       x.origin, x.subject, s.path AS file, {location(num)}
FROM facts x JOIN reports r ON r.id = x.report_id LEFT JOIN sources s ON s.id = x.source_id"""


def _v_line_items(num: Callable[[str], str], cols: str = REPORT_COLUMNS_V1,
                  location: Callable = _location_v1, parent: bool = False) -> str:
    name = "x.name, x.parent" if parent else "x.name"
    return f"""
SELECT x.id AS line_item_id, x.report_id, {cols},
       x.table_key, x.classification, x.code, {name}, x.level, x.side, x.measure,
       {num("x.value")}, x.unit, x.printed_unit, x.printed_value, x.code_origin,
       s.path AS file, {location(num)}
FROM line_items x JOIN reports r ON r.id = x.report_id LEFT JOIN sources s ON s.id = x.source_id"""


def _v_projects(num: Callable[[str], str], cols: str = REPORT_COLUMNS_V1,
                location: Callable = _location_v1) -> str:
    money = ", ".join(num(f"x.{c}") for c in (
        "budget", "budget_fiscal", "budget_other", "executed", "executed_fiscal",
        "executed_other", "completion_pct", "score"))
    return f"""
SELECT x.id AS project_id, x.report_id, {cols},
       x.name AS project, x.form, x.unit AS implementing_unit, {money}, x.money_unit,
       x.printed_unit, x.goal_expected, x.goal_actual,
       (SELECT COUNT(*) FROM indicators i WHERE i.project_id = x.id) AS indicators,
       s.path AS file, {location(num)}
FROM projects x JOIN reports r ON r.id = x.report_id LEFT JOIN sources s ON s.id = x.source_id"""


def _v_indicators(num: Callable[[str], str], cols: str = REPORT_COLUMNS_V1,
                  location: Callable = _location_v1) -> str:
    numbers = ", ".join(num(f"x.{c}") for c in ("target_value", "actual_value", "weight", "score"))
    return f"""
SELECT x.id AS indicator_id, x.project_id, x.report_id, {cols},
       p.name AS project, x.level1, x.level2, x.level3, x.target, x.actual,
       x.target_op, x.target_unit, x.actual_op, x.actual_unit, {numbers},
       x.deviation_reason, x.nature, s.path AS file, {location(num)}
FROM indicators x JOIN projects p ON p.id = x.project_id JOIN reports r ON r.id = x.report_id
LEFT JOIN sources s ON s.id = p.source_id"""


def _v_findings(num: Callable[[str], str], cols: str = REPORT_COLUMNS_V1,
                location: Callable = _location_v1) -> str:
    return f"""
SELECT x.id AS finding_id, x.report_id, {cols},
       x.rule, x.severity, x.message, x.page, x.subject
FROM findings x JOIN reports r ON r.id = x.report_id"""


_BUILDERS = {
    "v_reports": _v_reports,
    "v_facts": _v_facts,
    "v_line_items": _v_line_items,
    "v_projects": _v_projects,
    "v_indicators": _v_indicators,
    "v_findings": _v_findings,
}
ViewBuilder = Callable[[Callable[[str], str]], str]
VIEWS_V1: dict[str, ViewBuilder] = {name: partial(build, cols=REPORT_COLUMNS_V1) for name, build in _BUILDERS.items()}
VIEWS_V2: dict[str, ViewBuilder] = {name: partial(build, cols=REPORT_COLUMNS_V2) for name, build in _BUILDERS.items()}
# V3 (schema 0006): every located row says how it was read (read_by, ocr_confidence).
VIEWS_V3: dict[str, ViewBuilder] = {name: partial(build, cols=REPORT_COLUMNS_V2, location=_location_v3)
                                    for name, build in _BUILDERS.items()}
# V4 (schema 0007): v_facts shows budget_basis and budget_gap after completion_pct.
VIEWS_V4: dict[str, ViewBuilder] = {**VIEWS_V3, "v_facts": partial(_v_facts, cols=REPORT_COLUMNS_V2,
                                                                   location=_location_v3, basis=True)}
# V5 (schema 0010): v_line_items shows each line's parent row after its name.
VIEWS_V5: dict[str, ViewBuilder] = {**VIEWS_V4, "v_line_items": partial(
    _v_line_items, cols=REPORT_COLUMNS_V2, location=_location_v3, parent=True)}
CURRENT_VIEWS = VIEWS_V5

# The views every export and document names (the current version's).
VIEW_NAMES = tuple(CURRENT_VIEWS)


def create_views(connection: Connection, views: dict = CURRENT_VIEWS) -> None:
    num = _number(connection.dialect.name)
    for name, build in views.items():
        connection.execute(text(f"DROP VIEW IF EXISTS {name}"))
        connection.execute(text(f"CREATE VIEW {name} AS {build(num)}"))


def drop_views(connection: Connection, views: dict = CURRENT_VIEWS) -> None:
    for name in reversed(list(views)):
        connection.execute(text(f"DROP VIEW IF EXISTS {name}"))
