"""``juesuan trend``: a thin adapter (options → ``db.series`` → ``compare.trend`` → rendering).

Registered in ``ingest/cli.py`` with one line. Data to stdout, messages to stderr; exit 1
when nothing stored matches, 2 on usage errors.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.options import DbOption, FormatOption, OutputFormat, emit_rows, fail, messages, resolve_format

DEFAULT_METRICS = ("income.total", "expenditure.total")


class KindChoice(StrEnum):
    final = "final"
    budget = "budget"
    both = "both"


def trend_cmd(
    departments: Annotated[list[str], typer.Argument(
        help="Department names (or part of a name); each matching department is a series.")],
    metric: Annotated[list[str] | None, typer.Option(
        "--metric", "-m", help="Metric key (repeatable; `juesuan metrics` lists them). "
                               "Default: income.total and expenditure.total unless --line is given.")] = None,
    line: Annotated[list[str] | None, typer.Option(
        "--line", "-l", help="Classification code (repeatable), e.g. 201 or 2010301.")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First fiscal year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last fiscal year.")] = None,
    kind: Annotated[KindChoice, typer.Option(
        "--kind", help="final (决算), budget (预算) or both (separate series).")] = KindChoice.both,
    side_by_side: Annotated[bool, typer.Option(
        "--execution",
        help="决算 beside 预算 per year (execution % = 决算/预算) instead of the series (csv/json).")] = False,
    chart: Annotated[Path | None, typer.Option(
        "--chart",
        help="Also draw the series: .html (self-contained), .svg or .png, by extension ('.[charts]').")] = None,
    db: DbOption = None,
    fmt: FormatOption = None,
) -> None:
    """Series per department and metric (or line) over the stored years: year-on-year change,
    the prior-year figure each report states beside the previous report's own figure, and
    `restated` where they disagree.

    Example: juesuan trend 万里街道 --metric expenditure.total --format csv
    """
    from cli.options import open_db as _open
    from compare.trend import EXECUTION_COLUMNS, TREND_COLUMNS, build_trend, execution
    from db.series import departments_matching, fact_points, line_points
    from models.metrics import label

    if chart is not None:
        _check_chart_path(chart)
    engine = _open(db)
    matched = departments_matching(engine, departments)
    for name, found in matched.items():
        if not found:
            messages.print(f"no stored department matches {name!r}", markup=False, highlight=False)
    names = sorted({d for found in matched.values() for d in found})
    if not names:
        raise fail("nothing to show: no department matched", 1)
    metrics = list(metric or ([] if line else DEFAULT_METRICS))
    points = fact_points(engine, names, metrics, year_from, year_to) if metrics else []
    points += line_points(engine, names, list(line or []), year_from, year_to) if line else []
    if kind is not KindChoice.both:
        points = [p for p in points if p["kind"] == kind.value]
    if not points:
        raise fail("no stored figure for " + ", ".join(metrics + list(line or [])) + " in " + ", ".join(names), 1)
    rows = build_trend(points, {m: label(m) for m in metrics})
    side = execution(rows)
    if chart is not None:
        _draw(chart, rows)
    _emit(rows, side, side_by_side, fmt, TREND_COLUMNS, EXECUTION_COLUMNS)


def _emit(rows, side, side_by_side, fmt, trend_columns, execution_columns) -> None:
    fmt = resolve_format(fmt)
    series = (trend_columns, [tuple(_cell(r.as_dict()[c]) for c in trend_columns) for r in rows])
    paired = (execution_columns, [tuple(e.as_dict()[c] for c in execution_columns) for e in side])
    if fmt is OutputFormat.json:
        from db.export import dumps

        typer.echo(dumps({"series": [r.as_dict() for r in rows],
                          "execution": [e.as_dict() for e in side]}))
    elif fmt is not OutputFormat.table:  # csv, tsv, jsonl, markdown: one flat table
        emit_rows(*(paired if side_by_side else series), fmt)
    else:
        if not side_by_side:
            departments = sorted({r.department for r in rows})
            keep = TABLE_COLUMNS if len(departments) > 1 else TABLE_COLUMNS[1:]  # one: in the title
            title = ("" if len(departments) > 1 else f"{departments[0]}: ") + \
                "trend (restated: the report's prior-year figure ≠ the previous report's)"
            emit_rows(*_narrow(*series, keep), fmt, title=title)
        if side_by_side or any(e.budget is not None and e.final is not None for e in side):
            emit_rows(*paired, fmt, title="execution (决算 / 预算)")


# A terminal table shows the columns a reader compares; csv/json carry them all.
TABLE_COLUMNS = ("department", "kind", "label", "fiscal_year", "value", "change", "change_pct",
                 "stated_prior", "prior_gap", "restated", "page")


def _narrow(columns: list[str], rows: list[tuple], keep: tuple[str, ...]) -> tuple[list[str], list[tuple]]:
    index = [columns.index(c) for c in keep]
    return list(keep), [tuple(row[i] for i in index) for row in rows]


def _cell(value):
    if value is True:
        return "yes"
    if value is False:
        return ""
    return value


def _check_chart_path(path: Path) -> None:
    from compare.charts import FORMATS

    if path.suffix.lower() not in FORMATS:
        raise fail(f"--chart: use a file name ending in {', '.join(FORMATS)} (got {path.name!r})", 2)


def _draw(path: Path, rows) -> None:
    from compare.charts import ChartUnavailable, trend_chart, write_chart
    from db.files import write_bytes

    try:
        write_chart(trend_chart([r.as_dict() for r in rows]), path, write_bytes)
    except ChartUnavailable as err:
        raise fail(str(err), 2) from None
    except OSError as err:  # a full disk, a read-only folder: the old chart is kept
        raise fail(f"cannot write {path}: {err.strerror or err}; nothing was replaced") from None
    messages.print(f"wrote {path}", markup=False, highlight=False)
