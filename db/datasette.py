"""A datasette ``metadata.json`` that explains the database: what each research view holds,
what each column means (units included), and useful facets.

``datasette juesuan.db -m metadata.json`` then shows the descriptions above each table and
column, and offers facets by metric, year, kind… Money in the views is numeric on SQLite, so
datasette sorts and sums it as numbers (docs/schema.md). Datasette's ``units`` setting is not
used: it takes Pint units, and 万元 is not one; the unit is in each description instead.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from db.describe import VIEW_DESCRIPTIONS, describe
from db.search import is_search_object
from db.views import VIEW_NAMES

FACETS = {
    "v_reports": ["kind", "scope", "fiscal_year"],
    "v_facts": ["metric", "fiscal_year", "kind", "origin"],
    "v_line_items": ["table_key", "classification", "level", "measure", "fiscal_year"],
    "v_projects": ["fiscal_year", "department"],
    "v_indicators": ["level1", "level2"],
    "v_findings": ["severity", "rule", "fiscal_year"],
}
SORT = {"v_facts": "fact_id", "v_line_items": "line_item_id", "v_findings": "finding_id"}
TABLE_DESCRIPTIONS = {
    "reports": "Base table of reports (use v_reports).",
    "sources": "Each ingested file: path, SHA-256, format, pages, status (stored/superseded).",
    "identity_evidence": "Where each identity value (department, year, kind, scope, region) was found.",
    "facts": "Base table of facts; money as exact decimal text on SQLite (use v_facts for numbers).",
    "line_items": "Base table of classification lines (use v_line_items).",
    "projects": "Base table of performance forms (use v_projects).",
    "indicators": "Base table of indicators (use v_indicators).",
    "findings": "Base table of consistency-check results (use v_findings).",
    "classification_codes": "Each (classification, code, name) printed in any report, its level and years seen.",
    "ingest_outcomes": "Every file of every ingest run: ingested / skipped / failed, and why.",
}


def build_metadata(engine: Engine, database: str) -> dict:
    """The metadata for the database as datasette names it (the file's stem)."""
    tables: dict[str, dict] = {}
    with engine.connect() as connection:
        for view in VIEW_NAMES:
            columns = list(connection.execute(text(f"SELECT * FROM {view} WHERE 1 = 0")).keys())
            entry = {"description": VIEW_DESCRIPTIONS.get(view, ""),
                     "columns": {c: describe(c) for c in columns if describe(c)},
                     "facets": [f for f in FACETS.get(view, []) if f in columns]}
            if view in SORT:
                entry["sort"] = SORT[view]
            tables[view] = entry
    for name in inspect(engine).get_table_names():
        if is_search_object(name) or name == "alembic_version":
            tables[name] = {"hidden": True}
        elif name in TABLE_DESCRIPTIONS:
            tables[name] = {"description": TABLE_DESCRIPTIONS[name]}
    if "v_facts" in tables:
        tables["v_facts"]["description_html"] = (
            f"{VIEW_DESCRIPTIONS['v_facts']} Metric keys and their meaning: <code>juesuan metrics</code> "
            "or docs/metrics.md.")
    return {
        "title": "juesuan: Chinese government fiscal disclosures",
        "description": "Every figure, classification line and performance form of the ingested 部门决算/部门预算 "
                       "reports, each with its page. Start with the v_* views. Money in 万元.",
        "databases": {database: {"tables": tables}},
    }


def database_name(path: str | Path) -> str:
    """How datasette names a database file: its stem."""
    return Path(str(path)).stem
