"""``juesuan diff`` and ``juesuan validate``: thin adapters over ``ingest.diff`` and the stored findings.

Registered in ``ingest/cli.py`` with one line each. Data goes to stdout; messages to stderr.
Exit codes: 0 success; 1 when a requested report is not stored; 2 on usage errors (bad
arguments, a department name that matches several departments — they are listed).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ingest.cli_options import DbOption, FormatOption, OutputFormat, emit_rows, fail, messages, resolve_format


class DiffFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class SeverityChoice(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


KINDS = {"final": "final", "budget": "budget", "决算": "final", "预算": "budget"}


def _engine(db: str | None):  # noqa: ANN202 - a SQLAlchemy Engine
    from sqlalchemy.exc import OperationalError

    from db.engine import open_database
    from db.migrate import SchemaTooNew

    try:
        return open_database(db)
    except SchemaTooNew as err:
        raise fail(str(err)) from None
    except OperationalError as err:
        raise fail(f"cannot open the database: {str(err.orig).splitlines()[0]}") from None


def _parse_args(args: list[str], all_departments: bool) -> tuple[str | None, int, int]:
    expected = 2 if all_departments else 3
    if len(args) != expected:
        usage = "YEAR_A YEAR_B with --all" if all_departments else "DEPARTMENT YEAR_A YEAR_B"
        raise fail(f"diff takes {usage} (got {len(args)} arguments)", 2)
    *department, year_a, year_b = args
    if not (year_a.isdigit() and year_b.isdigit()):
        raise fail(f"years must be numbers, got {year_a!r} and {year_b!r}", 2)
    return (department[0] if department else None), int(year_a), int(year_b)


def _parse_kinds(kind: str | None) -> list[tuple[str, str]]:
    """The (kind A, kind B) pairs to try: 决算↔决算 then 预算↔预算 unless --kind says otherwise."""
    if not kind:
        return [("final", "final"), ("budget", "budget")]
    parts = kind.split(":")
    try:
        kinds = [KINDS[p.strip()] for p in parts]
    except KeyError:
        raise fail(f"--kind takes final, budget or A:B such as budget:final (got {kind!r})", 2) from None
    if len(kinds) == 1:
        return [(kinds[0], kinds[0])]
    if len(kinds) == 2:
        return [(kinds[0], kinds[1])]
    raise fail(f"--kind takes at most two kinds (got {kind!r})", 2)


def _threshold(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise fail(f"--threshold must be a number of 万元 (got {text!r})", 2) from None
    if value < 0:
        raise fail("--threshold cannot be negative", 2)
    return value


def diff_cmd(
    args: Annotated[list[str], typer.Argument(metavar="[DEPARTMENT] YEAR_A YEAR_B",
                                              help="Department (name, alias or unique part) and two years")],
    threshold: Annotated[str, typer.Option("--threshold", help="Hide changes no larger than this (万元).")] = "0",
    fmt: Annotated[DiffFormat | None, typer.Option("--format", "-f", help="table, csv, json or markdown.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="final, budget, or A:B (e.g. budget:final). "
                                             "Default: 决算 vs 决算, else 预算 vs 预算.")] = None,
    all_departments: Annotated[bool, typer.Option("--all", help="Diff every department that has both years.")] = False,
    unchanged: Annotated[bool, typer.Option("--unchanged", help="Also list what did not change.")] = False,
    chart: Annotated[Path | None, typer.Option("--chart", help="Also draw the largest changes: .html, .svg or .png ('.[charts]').")] = None,
    db: DbOption = None,
) -> None:
    """What changed in a department's report between two years: facts, lines, projects, restatements.

    Example: juesuan diff 万里街道 2024 2025 --format markdown
    """
    department, year_a, year_b = _parse_args(args, all_departments)
    limit, kinds = _threshold(threshold), _parse_kinds(kind)
    engine = _engine(db)
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        if department is None:
            diffs = _diff_all(session, year_a, year_b, kinds, limit)
        else:
            diffs = [_diff_one(session, department, year_a, year_b, kinds, limit)]
    if chart is not None:
        _draw(chart, diffs)
    _render(diffs, fmt, unchanged)


def _draw(path: Path, diffs: list) -> None:
    from compare.charts import FORMATS, ChartUnavailable, diff_chart, write_chart
    from ingest import render_diff

    if path.suffix.lower() not in FORMATS:
        raise fail(f"--chart: use a file name ending in {', '.join(FORMATS)} (got {path.name!r})", 2)
    try:
        write_chart(diff_chart(render_diff.diff_rows(diffs, False)), path)
    except ChartUnavailable as err:
        raise fail(str(err), 2) from None
    messages.print(f"wrote {path}", markup=False, highlight=False)


def _diff_one(session, text: str, year_a: int, year_b: int, kinds, limit: Decimal):  # noqa: ANN001, ANN202
    from ingest.diff_select import match_departments

    names = match_departments(session, text)
    if not names:
        raise fail(f"no stored department matches {text!r} (see `juesuan reports`)", 1)
    if len(names) > 1:
        raise fail(f"{text!r} matches {len(names)} departments; give one of:\n  " + "\n  ".join(names), 2)
    result = _pair(session, names[0], year_a, year_b, kinds, limit)
    if isinstance(result, str):
        raise fail(result, 1)
    return result


def _pair(session, department: str, year_a: int, year_b: int, kinds, limit: Decimal):  # noqa: ANN001, ANN202
    """The diff of the first kind pair both years have, or a message saying what is missing."""
    from db.load import load_record
    from ingest.diff import compare_reports
    from ingest.diff_select import reports_of

    for kind_a, kind_b in kinds:
        ra, rb = reports_of(session, department, year_a, kind_a), reports_of(session, department, year_b, kind_b)
        if ra and rb:
            a, b = _prefer_department_scope(ra), _prefer_department_scope(rb)
            return compare_reports(load_record(session, a.id), load_record(session, b.id), threshold=limit)
    wanted = " or ".join(f"{ka}/{kb}" for ka, kb in kinds)
    return f"{department}: no pair of {wanted} reports for {year_a} and {year_b} is stored"


def _prefer_department_scope(reports):  # noqa: ANN001, ANN202
    return next((r for r in reports if r.scope == "department"), reports[0])


def _diff_all(session, year_a: int, year_b: int, kinds, limit: Decimal) -> list:  # noqa: ANN001
    from ingest.diff_select import departments_with_both

    names = sorted({d for ka, kb in kinds for d in departments_with_both(session, year_a, year_b, ka, kb)})
    if not names:
        raise fail(f"no department has reports for both {year_a} and {year_b}", 1)
    diffs = []
    for name in names:
        result = _pair(session, name, year_a, year_b, kinds, limit)
        if isinstance(result, str):
            messages.print(result, markup=False, highlight=False)
        else:
            diffs.append(result)
    messages.print(f"{len(diffs)} departments compared", markup=False, highlight=False)
    return diffs


def _render(diffs: list, fmt: DiffFormat | None, unchanged: bool) -> None:
    from ingest import render_diff

    chosen = fmt or DiffFormat(resolve_format(None).value)  # table on a terminal, else csv
    if chosen is DiffFormat.json:
        typer.echo(render_diff.to_json(diffs))
    elif chosen is DiffFormat.markdown:
        typer.echo(render_diff.to_markdown(diffs, unchanged), nl=False)
    elif chosen is DiffFormat.csv:
        rows = render_diff.diff_rows(diffs, unchanged)
        emit_rows(render_diff.COLUMNS, [tuple(r[c] for c in render_diff.COLUMNS) for r in rows], OutputFormat.csv)
    else:
        render_diff.print_table(diffs, unchanged)


FINDING_COLUMNS = ["report_id", "department", "fiscal_year", "kind", "rule", "severity", "page", "subject",
                   "message"]


def validate_cmd(
    department: Annotated[str | None, typer.Option("--department", help="Department name or part of it.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Fiscal year.")] = None,
    rule: Annotated[str | None, typer.Option("--rule", help="Only this rule (e.g. narrative_vs_form).")] = None,
    severity: Annotated[SeverityChoice | None, typer.Option(
        "--severity", help="Minimum severity: info (all), warning (warning + error), error.")] = None,
    fmt: FormatOption = None,
    db: DbOption = None,
) -> None:
    """List the consistency-check findings stored at ingest, and how many per rule.

    Example: juesuan validate --year 2020 --severity error
    """
    from sqlalchemy.orm import Session

    from ingest.diff_select import stored_findings

    with Session(_engine(db)) as session:
        found = stored_findings(session, department, year, rule, severity.value if severity else None)
    rows = [tuple(getattr(f, c) for c in FINDING_COLUMNS) for f in found]
    summary = _summary(found)
    chosen = resolve_format(fmt)
    if chosen is OutputFormat.json:
        from db.export import dumps

        typer.echo(dumps({"findings": [dict(zip(FINDING_COLUMNS, r)) for r in rows],
                          "summary": [dict(zip(SUMMARY_COLUMNS, s)) for s in summary]}))
        return
    emit_rows(FINDING_COLUMNS, rows, chosen, title="findings")
    if chosen is OutputFormat.table:
        emit_rows(SUMMARY_COLUMNS, summary, chosen, title="per rule")
    else:
        for rule_name, *counts, total in summary:
            messages.print(f"{rule_name}: {total} ({', '.join(f'{n} {s}' for s, n in zip(SEVERITIES, counts) if n)})",
                           markup=False, highlight=False)


SEVERITIES = ("error", "warning", "info")
SUMMARY_COLUMNS = ["rule", *SEVERITIES, "total"]


def _summary(found) -> list[tuple]:  # noqa: ANN001
    """Per rule: counts by severity and in all, most errors first."""
    counts: dict[str, Counter] = {}
    for f in found:
        counts.setdefault(f.rule, Counter())[f.severity] += 1
    rows = [(rule, *(c[s] for s in SEVERITIES), sum(c.values())) for rule, c in counts.items()]
    return sorted(rows, key=lambda r: (-r[1], -r[2], -r[4], r[0]))
