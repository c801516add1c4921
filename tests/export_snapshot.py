"""Every export of a set of ingested files, as text, to compare with a reviewed snapshot.

``snapshot(files, work)`` copies the files to a fixed folder under ``work`` (so the paths the
exports print are the same on every run, written ``IN``), ingests them with one worker into a
fresh SQLite file, so report ids follow the files' order, and renders every export format:

* ``export.json`` and ``show-N.json`` (``export --format json``, ``show``) as written;
* ``csv/VIEW.csv`` — the files ``export --format csv`` writes;
* ``parquet/VIEW.txt`` — each Parquet file read back: its Arrow schema, then one row a line
  (a decimal with its digits), so a changed type or scale shows, not only a changed value;
* ``xlsx.txt`` — each sheet read back: every cell's value with its number format;
* ``panel.csv`` and ``panel-parquet.txt`` — the panel in both formats;
* ``datapackage/…`` — every file of the data package.

Binary formats are compared by what a reader gets back, not by their bytes (Parquet and Excel
files carry writer versions and zip dates). The one thing two runs never share, the clock
(``ingested_at`` columns, the package's ``created``), is blanked.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from db.datapackage import export_datapackage
from db.engine import open_database, session_factory
from db.export import dumps, export_csv, export_json, export_parquet, export_xlsx, report_ids, report_json
from db.panel import build_panel, panel_csv, write_panel_parquet
from ingest.pipeline import IngestOptions, ingest


def snapshot(files: list[Path], work: Path) -> dict[str, str]:
    """Name → text of every export of ``files`` (see the module docstring)."""
    inputs = work / "in"
    inputs.mkdir(parents=True)
    for path in files:
        shutil.copy2(path, inputs / path.name)
    engine = open_database(work / "j.db")
    try:
        summary = ingest([inputs], engine, IngestOptions(workers=1))
        assert summary.counts.get("failed", 0) == 0, summary.counts
        out: dict[str, str] = {}
        with session_factory(engine)() as session:
            ids = report_ids(session)
            out["export.json"] = dumps(export_json(session)) + "\n"
            for report_id in ids:
                out[f"show-{report_id}.json"] = dumps(report_json(session, report_id)) + "\n"
        for path in export_csv(engine, work / "csv"):
            out[f"csv/{path.name}"] = _without_clock(path.read_text(encoding="utf-8-sig"))
        for path in export_parquet(engine, work / "parquet"):
            out[f"parquet/{path.stem}.txt"] = _parquet_text(path)
        out["xlsx.txt"] = _xlsx_text(export_xlsx(engine, work / "export.xlsx"))
        columns, rows = build_panel(engine, ids)
        out["panel.csv"] = panel_csv(columns, rows)
        write_panel_parquet(columns, rows, work / "panel.parquet")
        out["panel-parquet.txt"] = _parquet_text(work / "panel.parquet")
        package = export_datapackage(engine, work / "datapackage", ids)
        for path in sorted(package.parent.iterdir()):
            text = path.read_text(encoding="utf-8")
            out[f"datapackage/{path.name}"] = _package_json(text) if path == package else _without_clock(text)
    finally:
        engine.dispose()
    return {name: text.replace(str(inputs), "IN") for name, text in out.items()}


def _without_clock(text: str) -> str:
    """CSV text with the cells of its ``…_at`` columns (timestamps) blanked."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return text
    clock = [i for i, name in enumerate(rows[0]) if name.endswith("_at")]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(rows[0])
    writer.writerows([["" if i in clock else cell for i, cell in enumerate(row)] for row in rows[1:]])
    return buffer.getvalue()


def _package_json(text: str) -> str:
    package = json.loads(text)
    package["created"] = ""
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def _parquet_text(path: Path) -> str:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    clock = {name for name in table.column_names if name.endswith("_at")}
    lines = [str(table.schema)]
    for row in table.to_pylist():
        lines.append(repr(["" if name in clock else value for name, value in row.items()]))
    return "\n".join(lines) + "\n"


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(f"## {sheet.title}")
        header: list = []
        for row in sheet.iter_rows():
            header = header or [cell.value for cell in row]
            lines.append(repr([_xlsx_cell(name, cell) for name, cell in zip(header, row, strict=False)]))
    workbook.close()
    return "\n".join(lines) + "\n"


def _xlsx_cell(name, cell) -> object:
    if isinstance(name, str) and name.endswith("_at") and cell.value != name:
        return ""
    return cell.value if cell.number_format == "General" else (cell.value, cell.number_format)
