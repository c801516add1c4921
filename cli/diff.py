"""``juesuan diff`` and ``juesuan validate``: thin adapters over ``compare.diff`` and the stored findings.

Registered in ``cli/main.py`` with one line each. Data goes to stdout; messages to stderr.
Exit codes: 0 success; 1 when a requested report is not stored; 2 on usage errors (bad
arguments, a department name that matches several departments — they are listed).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.options import DbOption, FormatOption, OutputFormat, emit_rows, fail, messages, open_db, resolve_format
from compare.kinds import KindPairs, kind_pairs

DiffFormat = OutputFormat  # the same choices as every read command (markdown is the diff's own rendering)


class SeverityChoice(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


def _parse_args(args: list[str], all_departments: bool) -> tuple[str | None, int, int]:
    expected = 2 if all_departments else 3
    if len(args) != expected:
        usage = "YEAR_A YEAR_B with --all" if all_departments else "DEPARTMENT YEAR_A YEAR_B"
        raise fail(f"diff takes {usage} (got {len(args)} arguments)", 2)
    *department, year_a, year_b = args
    if not (year_a.isdigit() and year_b.isdigit()):
        raise fail(f"years must be numbers, got {year_a!r} and {year_b!r}", 2)
    return (department[0] if department else None), int(year_a), int(year_b)


def _kind_pairs(kind: str | None) -> KindPairs:
    try:
        return kind_pairs(kind)
    except ValueError as err:
        raise fail(str(err), 2) from None


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
    fmt: Annotated[DiffFormat | None, typer.Option(
        "--format", "-f", help="table, csv, tsv, json, jsonl or markdown.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="final, budget, or A:B (e.g. budget:final). "
                                             "Default: 决算 vs 决算, else 预算 vs 预算.")] = None,
    all_departments: Annotated[bool, typer.Option("--all", help="Diff every department that has both years.")] = False,
    unchanged: Annotated[bool, typer.Option("--unchanged", help="Also list what did not change.")] = False,
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Also draw the largest changes: .html, .svg or .png ('.[charts]').")] = None,
    db: DbOption = None,
) -> None:
    """What changed in a department's report between two years: facts, lines, projects, restatements.

    Example: juesuan diff 万里街道 2024 2025 --format markdown
    """
    department, year_a, year_b = _parse_args(args, all_departments)
    limit, kinds = _threshold(threshold), _kind_pairs(kind)
    from db.engine import session_factory

    with session_factory(open_db(db))() as session:
        if department is None:
            diffs = _diff_all(session, year_a, year_b, kinds, limit)
        else:
            diffs = [_diff_one(session, department, year_a, year_b, kinds, limit)]
    if chart is not None:
        _draw(chart, diffs)
    _render(diffs, fmt, unchanged)


def _draw(path: Path, diffs: list) -> None:
    from compare import render as render_diff
    from compare.charts import FORMATS, ChartUnavailable, diff_chart, write_chart
    from db.files import write_bytes

    if path.suffix.lower() not in FORMATS:
        raise fail(f"--chart: use a file name ending in {', '.join(FORMATS)} (got {path.name!r})", 2)
    try:
        write_chart(diff_chart(render_diff.diff_rows(diffs, False)), path, write_bytes)
    except ChartUnavailable as err:
        raise fail(str(err), 2) from None
    except OSError as err:  # a full disk, a read-only folder: the old chart is kept
        raise fail(f"cannot write {path}: {err.strerror or err}; nothing was replaced") from None
    messages.print(f"wrote {path}", markup=False, highlight=False)


def _diff_one(session, text: str, year_a: int, year_b: int, kinds, limit: Decimal):
    from db.selection import match_departments

    names = match_departments(session, text)
    if not names:
        raise fail(f"no stored department matches {text!r} (see `juesuan reports`)", 1)
    if len(names) > 1:
        raise fail(f"{text!r} matches {len(names)} departments; give one of:\n  " + "\n  ".join(names), 2)
    result = _pair(session, names[0], year_a, year_b, kinds, limit)
    if isinstance(result, str):
        raise fail(result, 1)
    return result


def _pair(session, department: str, year_a: int, year_b: int, kinds: KindPairs,
          limit: Decimal):
    """The diff of the first kind pair both years have, or a message saying what is missing."""
    from compare.diff import compare_reports
    from db.load import load_record
    from db.selection import report_pair

    pair = report_pair(session, department, year_a, year_b, kinds)
    if pair is None:
        wanted = " or ".join(f"{ka}/{kb}" for ka, kb in kinds)
        return f"{department}: no pair of {wanted} reports for {year_a} and {year_b} is stored"
    a, b = (load_record(session, report_id) for report_id in pair)
    return compare_reports(a, b, threshold=limit)


def _diff_all(session, year_a: int, year_b: int, kinds, limit: Decimal) -> list:
    from db.selection import departments_with_both

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
    from compare import render as render_diff

    chosen = resolve_format(fmt)  # table on a terminal, else csv
    if chosen is DiffFormat.json:
        typer.echo(render_diff.to_json(diffs))
    elif chosen is DiffFormat.markdown:
        typer.echo(render_diff.to_markdown(diffs, unchanged), nl=False)
    elif chosen in (DiffFormat.csv, DiffFormat.tsv, DiffFormat.jsonl):
        rows = render_diff.diff_rows(diffs, unchanged)
        emit_rows(render_diff.COLUMNS, [tuple(r[c] for c in render_diff.COLUMNS) for r in rows], chosen)
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
    from db.engine import session_factory
    from db.selection import stored_findings

    with session_factory(open_db(db))() as session:
        found = stored_findings(session, department, year, rule, severity.value if severity else None)
    rows = [tuple(getattr(f, c) for c in FINDING_COLUMNS) for f in found]
    summary = _summary(found)
    chosen = resolve_format(fmt)
    if chosen is OutputFormat.json:
        from models.exact import dumps

        typer.echo(dumps({"findings": [dict(zip(FINDING_COLUMNS, r, strict=False)) for r in rows],
                          "summary": [dict(zip(SUMMARY_COLUMNS, s, strict=False)) for s in summary]}))
        return
    emit_rows(FINDING_COLUMNS, rows, chosen, title="findings")
    if chosen is OutputFormat.table:
        emit_rows(SUMMARY_COLUMNS, summary, chosen, title="per rule")
    else:
        for rule_name, *counts, total in summary:
            by_severity = ", ".join(f"{n} {s}" for s, n in zip(SEVERITIES, counts, strict=False) if n)
            messages.print(f"{rule_name}: {total} ({by_severity})",
                           markup=False, highlight=False)


SEVERITIES = ("error", "warning", "info")
SUMMARY_COLUMNS = ["rule", *SEVERITIES, "total"]


def _summary(found) -> list[tuple]:
    """Per rule: counts by severity and in all, most errors first."""
    counts: dict[str, Counter] = {}
    for f in found:
        counts.setdefault(f.rule, Counter())[f.severity] += 1
    rows = [(rule, *(c[s] for s in SEVERITIES), sum(c.values())) for rule, c in counts.items()]
    return sorted(rows, key=lambda r: (-r[1], -r[2], -r[4], r[0]))
