"""A Frictionless Data Package of the database: CSV resources and datapackage.json.

Each research view is one CSV resource (plain UTF-8, money as the stored decimal digits),
plus the panel (one row per report). datapackage.json gives each field its type, a
description (the metric dictionary for the panel's columns, ``db.describe`` for the views'),
each resource's primary key and the foreign keys to ``reports`` (and ``projects`` for
indicators), so ``frictionless validate DIR/datapackage.json`` checks the whole package.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from db.describe import VIEW_DESCRIPTIONS, describe
from db.export import EXPORT_VIEWS, csv_text, view_rows
from db.files import write_text
from db.panel import PanelColumn, build_panel
from models.metrics import lookup

PROFILE = "tabular-data-package"


def _field_type(values: list) -> str:
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "string"
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "integer"
    if kinds <= {int, float, Decimal}:
        return "number"
    if kinds <= {datetime}:
        return "datetime"
    return "string"


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _write(folder: Path, name: str, columns: list[str], rows: list[tuple]) -> str:
    path = f"{name}.csv"
    write_text(folder / path, csv_text(columns, [tuple(_plain(v) for v in r) for r in rows]),
                               encoding="utf-8")
    return path


def _fields(columns: list[str], rows: list[tuple], descriptions: dict[str, str]) -> list[dict]:
    fields = []
    for i, name in enumerate(columns):
        field = {"name": name, "type": _field_type([r[i] for r in rows])}
        if descriptions.get(name):
            field["description"] = descriptions[name]
        fields.append(field)
    return fields


def _view_resource(engine: Engine, folder: Path, view: str, ids: list[int] | None) -> dict:
    columns, rows = view_rows(engine, view, ids)
    name = view.removeprefix("v_")
    schema = {"fields": _fields(columns, rows, {c: describe(c) for c in columns}),
              "primaryKey": [columns[0]]}
    foreign = []
    if name != "reports" and "report_id" in columns:
        foreign.append({"fields": "report_id", "reference": {"resource": "reports", "fields": "report_id"}})
    if name == "indicators":
        foreign.append({"fields": "project_id", "reference": {"resource": "projects", "fields": "project_id"}})
    if foreign:
        schema["foreignKeys"] = foreign
    return {"name": name, "path": _write(folder, name, columns, rows), "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": VIEW_DESCRIPTIONS.get(view, ""), "schema": schema}


def _panel_description(column: PanelColumn) -> str:
    if column.source == "identity":
        return describe(column.name)
    entry = lookup(column.source)
    if entry is not None:
        return f"{entry.label} ({entry.key}), {entry.unit}: {entry.definition}"
    return f"{column.label} (function class {column.source}), 万元: the report's figure for this 类."


def _panel_resource(engine: Engine, folder: Path, ids: list[int]) -> dict:
    columns, rows = build_panel(engine, ids)
    names = [c.name for c in columns]
    schema = {"fields": _fields(names, rows, {c.name: _panel_description(c) for c in columns}),
              "primaryKey": ["report_id"],
              "foreignKeys": [{"fields": "report_id", "reference": {"resource": "reports", "fields": "report_id"}}]}
    return {"name": "panel", "path": _write(folder, "panel", names, rows), "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": "One row per report, one column per metric and per 类-level function line (万元).",
            "schema": schema}


def export_datapackage(engine: Engine, folder: Path, ids: list[int]) -> Path:
    """Write the package into ``folder``; returns the datapackage.json path."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set(ids)
    resources = [_view_resource(engine, folder, view, ids) for view in EXPORT_VIEWS]
    resources.append(_panel_resource(engine, folder, [i for i in ids if i in wanted]))
    package = {
        "profile": PROFILE, "name": "juesuan",
        "title": "Chinese government fiscal disclosures (部门决算/部门预算), extracted by juesuan",
        "description": "Every figure, classification line and performance form of the ingested reports, "
                       "each with its page. Money in 万元, exact decimals; percentages as numbers. "
                       "Metric keys: docs/metrics.md.",
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "resources": resources,
    }
    path = folder / "datapackage.json"
    write_text(path, json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
