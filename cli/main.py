"""The ``juesuan`` command line (typer).

Each command is a thin adapter: parse options, call the library, render. Data goes to
stdout; progress and messages go to stderr. Exit codes: 0 success, 1 when any input
failed, 2 on usage errors.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli import diff as cli_diff
from cli import doctor as cli_doctor
from cli import helptypes
from cli import metadata as cli_metadata
from cli import trend as cli_trend
from cli.options import (
    DbOption,
    FormatOption,
    OutputFormat,
    emit_rows,
    fail,
    messages,
    open_db,
    resolve_format,
)
from extractors.errors import ReadError
from extractors.readers import read_document

helptypes.install()
app = typer.Typer(
    name="juesuan",
    help="Turn Chinese government fiscal disclosures (决算/预算 as .pdf, .docx, .doc, .html, .xls(x), scans) "
         "into a research database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Help texts name extras like '.[charts]': plain text, not Rich markup that would eat them.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"juesuan {version('juesuan')}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """juesuan: every figure of 部门决算/部门预算 reports, in one database, traceable to its page."""


@app.command("read")
def read_cmd(
    path: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False,
        help="A report file: .pdf, .docx, .doc, .xlsx, .xls, .html or .txt (format detected from content)")],
) -> None:
    """Print the document model of one file as JSON: its blocks in order, with provenance.

    Example: juesuan read report.pdf | jq '.blocks[] | select(.kind=="table")'
    """
    try:
        document = read_document(path)
    except ReadError as err:
        typer.echo(f"{path}: {err}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(document_to_json(document), ensure_ascii=False, indent=1))


class Executor(StrEnum):
    local = "local"
    dask = "dask"


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders (searched recursively; every file found gets an outcome)")],
    db: DbOption = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Parallel worker processes (default: CPU count).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Re-ingest files even if unchanged (retries earlier failures too).")] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Per-file time limit in seconds.")] = 300.0,
    memory_limit: Annotated[int, typer.Option(
        "--memory-limit", min=0, help="Per-file memory limit in MB (0: none).")] = 4096,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per file.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary; exit code only.")] = False,
    manifest: Annotated[Path | None, typer.Option(
        "--manifest", help="CSV with columns path, department, fiscal_year, kind, scope (blanks allowed): "
                           "overrides or completes each listed file's identity; listed files are read again.")] = None,
    executor: Annotated[Executor, typer.Option(
        "--executor", help="local: a pool of processes here; dask: a Dask cluster ('.[distributed]').")
    ] = Executor.local,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://HOST:PORT; or DASK_SCHEDULER_ADDRESS); implies --executor dask.")
    ] = None,
) -> None:
    """Extract and store every report under PATH… (unchanged files are not read again:
    a stored one is skipped, one that failed before is reported failed again).

    Example: juesuan ingest downloads/ --workers 4 --db research.db
    """
    from cli.progress import BarProgress, LogProgress, failures_table, not_read_table, summary_table
    from ingest.discover import NoSuchPath
    from ingest.manifest import ManifestError, load_manifest
    from ingest.pipeline import IngestOptions

    try:
        given = load_manifest(manifest) if manifest is not None else None
    except ManifestError as err:
        raise fail(str(err), 2) from None
    if given is not None and not quiet:
        _warn_unmatched(given, paths)
    engine = open_db(db, create=True, announce=not quiet)
    options = IngestOptions(force=force, timeout_s=timeout, memory_limit_mb=memory_limit or None,
                            manifest=given, **({"workers": workers} if workers else {}))
    show_bar = messages.is_terminal and not quiet
    sink = BarProgress(messages, verbose) if show_bar else LogProgress(messages, verbose and not quiet)
    try:
        with sink:
            summary = _run_ingest(paths, engine, options, sink, executor, scheduler, workers)
    except NoSuchPath as err:
        raise fail(str(err), 2) from None
    if not quiet:
        messages.print(summary_table(summary))
        for listing in (not_read_table(summary), failures_table(summary)):
            if listing is not None:
                messages.print(listing)
    if summary.interrupted:
        if not quiet:
            messages.print("interrupted: what was stored is complete; run the same command again to finish.")
        raise typer.Exit(130)
    if summary.stopped and not quiet:
        messages.print(f"stopped: the database takes no more writes ({summary.stopped}); what was stored is "
                       "complete; run the same command again once it can be written.", markup=False,
                       highlight=False, soft_wrap=True)
    if not summary.outcomes:  # an empty folder, or a typo'd subfolder: nothing was done
        if quiet:
            raise typer.Exit(1)
        raise fail("no files found under " + ", ".join(str(p) for p in paths) + " (nothing to ingest)", 1)
    raise typer.Exit(summary.exit_code)


def _warn_unmatched(manifest, paths: list[Path]) -> None:  # manifest: an ingest.manifest.Manifest
    """A manifest row that names no file of this run does nothing: say so, do not guess."""
    from ingest.discover import NoSuchPath, discover

    try:
        missing = manifest.unmatched(discover(paths))
    except NoSuchPath:
        return  # ingest itself reports the path
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        messages.print(f"manifest: {len(missing)} row(s) name no file of this run: {shown}")


def _run_ingest(paths, engine, options, sink, executor, scheduler, workers):  # the ingest command's values
    """The local pool, or Dask when asked for (by --executor dask or a scheduler address)."""
    from ingest.cluster import ClusterOptions, ClusterUnavailable, ingest_on_dask, scheduler_address
    from ingest.pipeline import ingest

    address = scheduler_address(scheduler)
    if executor is Executor.local and address is None:
        return ingest(paths, engine, options, sink)
    cluster = ClusterOptions(scheduler=address, **({"workers": workers} if workers else {}))
    try:
        return ingest_on_dask(paths, engine, options, cluster, sink)
    except ClusterUnavailable as err:
        raise fail(str(err), 2) from None


@app.command("reports")
def reports_cmd(
    db: DbOption = None,
    department: Annotated[str | None, typer.Option(
        "--department", "-d", help="Department name (or part of it).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Fiscal year.")] = None,
    fmt: FormatOption = None,
) -> None:
    """List stored reports.

    Example: juesuan reports --department 司法局 --format csv
    """
    from db.queries import list_reports

    columns, rows = list_reports(open_db(db), department, year)
    emit_rows(columns, rows, fmt, title="reports")
    if not rows:
        asked = department is not None or year is not None
        raise fail("no stored report matches" + (f" --department {department}" if department else "")
                   + (f" --year {year}" if year is not None else "") if asked else "no reports stored yet",
                   1 if asked else 0)


@app.command("outcomes")
def outcomes_cmd(
    db: DbOption = None,
    status: Annotated[str | None, typer.Option(
        "--status", "-s",
        help="ingested, skipped, failed, or not-read (duplicates and files that are no report).")] = None,
    failed: Annotated[bool, typer.Option("--failed", help="Same as --status failed.")] = False,
    all_runs: Annotated[bool, typer.Option(
        "--all-runs", help="Every run's outcome, not only each file's latest.")] = False,
    fmt: FormatOption = None,
) -> None:
    """What ingest decided for each file, with the reason: why a file failed or was not read.

    Example: juesuan outcomes --status not-read --format csv
    """
    from db.queries import OUTCOME_STATUSES, list_outcomes

    status = "failed" if failed else status
    if status is not None and status not in OUTCOME_STATUSES:
        raise fail(f"--status must be one of {', '.join(OUTCOME_STATUSES)}, not {status!r}", 2)
    columns, rows = list_outcomes(open_db(db), status, all_runs)
    emit_rows(columns, rows, fmt, title="outcomes")


@app.command("show")
def show_cmd(
    report: Annotated[str, typer.Argument(help="Report id, file path as ingested, or department name.")],
    year: Annotated[int | None, typer.Argument(help="Fiscal year (with a department name).")] = None,
    db: DbOption = None,
    fmt: FormatOption = None,
    part: Annotated[str | None, typer.Option(
        "--part", help="Only one part: report, facts, lines, projects or findings.")] = None,
) -> None:
    """One report's facts, classification lines, projects and findings, each with its page.

    csv is one table (a ``part`` column, then the union of the parts' columns) unless
    --part picks one; json is the report as `juesuan export` writes it.

    Example: juesuan show 盐边县人民政府办公室 2020 --part facts --format csv
    """
    from cli.show import PARTS, long_table, report_sections

    if part is not None and part not in PARTS:
        raise fail(f"--part must be one of {', '.join(PARTS)}, not {part!r}", 2)
    from db.engine import session_factory
    from db.export import dumps, report_json
    from db.queries import AmbiguousReport, find_report

    engine = open_db(db)
    with session_factory(engine)() as session:
        try:
            report_id = find_report(session, report, year)
        except AmbiguousReport as err:
            raise fail(str(err), 2) from None
        if report_id is None:
            raise fail(f"no stored report matches {report!r}" + ("" if year is None else f" {year}"))
        data = report_json(session, report_id)
    fmt = resolve_format(fmt)
    if fmt is OutputFormat.json and part is None:
        typer.echo(dumps(data))
        return
    sections = [s for s in report_sections(data, full_text=fmt is not OutputFormat.table)
                if part is None or s[0] == PARTS[part]]
    if fmt in (OutputFormat.csv, OutputFormat.tsv, OutputFormat.jsonl) and part is None:
        emit_rows(*long_table(sections), fmt)
        return
    for title, columns, rows in sections:
        emit_rows(columns, rows, fmt, title=title)


@app.command("sql")
def sql_cmd(
    statement: Annotated[str | None, typer.Argument(
        help="One SQL statement (read-only); '-' reads it from stdin.")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", help="Read the statement from this file instead.")] = None,
    db: DbOption = None,
    fmt: FormatOption = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0, help="Stop the statement after this many seconds (0: no limit).")] = 30.0,
    limit: Annotated[int | None, typer.Option(
        "--limit", min=0, help="Print at most this many rows.")] = None,
) -> None:
    """Run read-only SQL against the database (writes are refused); rows stream to the output.

    Example: juesuan sql "SELECT department, value FROM v_facts WHERE metric = 'income.total'"
    Example: echo "SELECT count(*) FROM reports" | juesuan sql -
    Example: juesuan sql --file query.sql --format markdown
    """
    from db.errors import SqlError
    from db.readonly import NoDatabase, QueryTimeout, WriteRefused, open_sql

    statement = _statement(statement, file)
    try:
        with open_sql(db, statement, timeout=timeout, limit=limit) as result:
            emit_rows(result.columns, result.rows, fmt)  # streamed for csv, tsv and jsonl
            if result.truncated:
                messages.print(f"(first {limit} rows: --limit)", markup=False, highlight=False)
    except (WriteRefused, NoDatabase, QueryTimeout) as err:
        sys.stdout.flush()
        raise fail(str(err)) from None
    except SqlError as err:
        raise fail(f"SQL error: {err}", 2) from None


def _statement(argument: str | None, file: Path | None) -> str:
    """The SQL text from the argument, ``-`` (stdin) or ``--file``; exactly one, not blank."""
    if (argument is None) == (file is None):
        raise fail("give one SQL statement: as the argument, '-' for stdin, or --file FILE", 2)
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise fail(f"cannot read {file}: {getattr(err, 'strerror', None) or err}", 2) from None
    elif argument == "-":
        text = sys.stdin.read()
    else:
        text = argument
    if not text.strip():
        raise fail("the SQL statement is empty", 2)
    return text


@app.command("metrics")
def metrics_cmd(
    key: Annotated[str | None, typer.Argument(help="Only keys containing this text (e.g. three_public).")] = None,
    fmt: FormatOption = None,
) -> None:
    """The metric dictionary: each fact key, its Chinese label, unit, definition and where
    the extractors read it (docs/metrics.md is generated from the same code).

    Example: juesuan metrics three_public --format csv
    """
    from extractors.metric_sources import dictionary

    rows = [r for r in dictionary() if key is None or key in r["key"]]
    columns = ["key", "label", "unit", "group", "definition", "filled_by"]
    emit_rows(columns, [tuple("; ".join(r[c]) if c == "filled_by" else r[c] for c in columns)
                        for r in rows], fmt, title="metrics")


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(
        help="Text to find (any part of a sentence or table cell, e.g. 公务用车).")],
    db: DbOption = None,
    department: Annotated[str | None, typer.Option(
        "--department", "-d", help="Only this department (or part of its name).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this fiscal year.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 200,
    fmt: FormatOption = None,
) -> None:
    """Full-text search over every stored sentence and table cell: department, year, page, text.

    Example: juesuan search 主要原因 --year 2020 --format csv
    """
    from db.search import RESULT_COLUMNS, search

    hits = search(open_db(db), query, department, year, limit)
    if not hits:
        messages.print(f"no stored text contains {query!r}", markup=False, highlight=False)
    emit_rows(RESULT_COLUMNS, [tuple(h[c] for c in RESULT_COLUMNS) for h in hits], fmt, title="search")


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"
    panel = "panel"
    datapackage = "datapackage"


# Formats whose writer is an optional dependency (pip install 'juesuan[export]').
_EXPORT_MODULES = {ExportFormat.parquet: "pyarrow", ExportFormat.xlsx: "openpyxl"}


def _require_writer(fmt: ExportFormat) -> None:
    """Refuse early, in one line, when the format's optional writer is not installed."""
    import importlib.util

    module = _EXPORT_MODULES.get(fmt)
    if module and importlib.util.find_spec(module) is None:
        raise fail(f"--format {fmt.value} needs {module}: pip install 'juesuan[export]'", 2)


@app.command("export")
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help=(
        "json, csv (one file per view), parquet, xlsx, panel (one row per report; .csv or .parquet by "
        "-o's extension), datapackage (a Frictionless Data Package in -o DIR)."))],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o",
        help="Output file (json, xlsx, panel) or folder (csv, parquet, datapackage); "
             "json/csv/panel default to stdout.")] = None,
    db: DbOption = None,
    department: Annotated[str | None, typer.Option(
        "--department", "-d", help="Only this department (or part of its name).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this fiscal year.")] = None,
    view: Annotated[str, typer.Option(
        "--view",
        help="With csv to stdout: which view (facts, line_items, projects, indicators, findings, reports).")
    ] = "facts",
) -> None:
    """Export the database (or part of it) for analysis: JSON, CSV, Parquet or Excel.

    Example: juesuan export --format xlsx -o fiscal.xlsx --year 2020
    """
    try:
        _export(fmt, output, db, department, year, view)
    except OSError as err:  # a full disk, a read-only folder: what was there before is kept
        where = f" {err.filename}" if err.filename else ""
        raise fail(f"cannot write{where}: {err.strerror or err}; nothing was replaced") from None


def _export(fmt: ExportFormat, output: Path | None, db: str | None, department: str | None, year: int | None,
            view: str) -> None:
    from db.engine import session_factory
    from db.export import (
        EXPORT_VIEWS,
        csv_text,
        dumps,
        export_csv,
        export_json,
        export_parquet,
        export_xlsx,
        report_ids,
        view_rows,
    )
    from db.files import write_text

    if fmt is ExportFormat.panel and output is not None and output.suffix.lower() == ".parquet":
        _require_writer(ExportFormat.parquet)
    _require_writer(fmt)
    if output is not None:
        _check_output(output, folder=fmt in (ExportFormat.csv, ExportFormat.parquet, ExportFormat.datapackage))
    engine = open_db(db)
    if fmt in (ExportFormat.panel, ExportFormat.datapackage):
        _export_research(engine, fmt, output, department, year)
        return
    with session_factory(engine)() as session:
        ids = report_ids(session, department, year)
        filtered = ids if (department or year is not None) else None
        if fmt is ExportFormat.json:
            text = dumps(export_json(session, ids))
            if output is None:
                typer.echo(text)
            else:
                write_text(output, text + "\n", encoding="utf-8")
            return
    if fmt is ExportFormat.csv and output is None:
        name = view if view.startswith("v_") else f"v_{view}"
        if name not in EXPORT_VIEWS:
            raise fail(f"unknown view {view!r}: one of {', '.join(v[2:] for v in EXPORT_VIEWS)}", 2)
        sys.stdout.write(csv_text(*view_rows(engine, name, filtered)))
        return
    if output is None:
        raise fail(f"--format {fmt.value} needs -o/--output", 2)
    if fmt is ExportFormat.csv:
        written = export_csv(engine, output, filtered)
    elif fmt is ExportFormat.parquet:
        written = export_parquet(engine, output, filtered)
    else:
        written = [export_xlsx(engine, output, filtered)]
    written_list = ", ".join(str(p) for p in written)
    messages.print(f"wrote {written_list}", markup=False, highlight=False, soft_wrap=True)


def _check_output(output: Path, *, folder: bool) -> None:
    """-o names a file (json, xlsx, panel) or a folder (csv, parquet, datapackage): refuse
    the other kind with one line; make missing parent folders, as the user asked for them."""
    if folder and output.exists() and not output.is_dir():
        raise fail(f"{output} is a file: this format writes a folder of files; give a folder path", 2)
    if not folder and output.is_dir():
        raise fail(f"{output} is a folder: this format writes one file; give a file path", 2)
    target = output if folder else output.parent
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise fail(f"cannot create {target}: {err.strerror or err}") from None


def _export_research(engine, fmt: ExportFormat, output: Path | None,
                     department: str | None, year: int | None) -> None:
    """The panel (CSV to stdout or -o FILE.csv/.parquet) or the data package (-o DIR)."""
    from db.datapackage import export_datapackage
    from db.engine import session_factory
    from db.export import report_ids
    from db.files import write_text
    from db.panel import build_panel, panel_csv, write_panel_parquet

    with session_factory(engine)() as session:
        ids = report_ids(session, department, year)
    if fmt is ExportFormat.datapackage:
        if output is None:
            raise fail("--format datapackage needs -o/--output DIR", 2)
        written = export_datapackage(engine, output, ids)
    else:
        columns, rows = build_panel(engine, ids)
        if output is None:
            sys.stdout.write(panel_csv(columns, rows))
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        if output.suffix.lower() == ".parquet":
            write_panel_parquet(columns, rows, output)
        else:
            write_text(output, panel_csv(columns, rows), encoding="utf-8-sig")
        written = output
    messages.print(f"wrote {written}", markup=False, highlight=False, soft_wrap=True)


# Commands defined in other modules register here (one line each).
app.command("diff")(cli_diff.diff_cmd)
app.command("validate")(cli_diff.validate_cmd)
app.command("datasette-metadata")(cli_metadata.datasette_metadata_cmd)
app.command("trend")(cli_trend.trend_cmd)
app.command("doctor")(cli_doctor.doctor_cmd)


def document_to_json(document) -> dict:
    """The document model as plain JSON (used by ``read`` and by tests)."""
    blocks = []
    for block in document.blocks:
        if block.kind == "paragraph":
            blocks.append({"kind": "paragraph", "block": block.block, "page": block.page,
                           "line": block.line, "text": block.text})
        else:
            blocks.append({
                "kind": "table", "block": block.block, "page": block.page,
                "rows": block.n_rows, "cols": block.n_cols,
                "cells": [{"row": c.row, "col": c.col, "row_span": c.row_span,
                           "col_span": c.col_span, "text": c.text} for c in block.cells],
            })
    read_as = {"mismatch": document.mismatch} if document.mismatch else {}
    if document.notes:
        read_as["notes"] = list(document.notes)
    return {
        "path": document.path, "format": str(document.format), "pages": document.pages,
        **read_as,
        "issues": [{"page": i.page, "problem": i.problem, "detail": i.detail} for i in document.issues],
        "blocks": blocks,
    }


def main() -> None:
    """Console-script entry point: every expected failure is already a one-line message;
    anything else prints one line and the path of a log with the traceback (``--debug`` or
    ``JUESUAN_DEBUG=1`` shows the traceback itself)."""
    from cli.errors import run_guarded

    run_guarded(app)


if __name__ == "__main__":
    main()
