"""Rendering a ``ReportDiff``: a terminal table with coloured ↑/↓, CSV, JSON and Markdown.

``diff_rows`` flattens one or several diffs into one table (a row per fact, line, project
measure or restatement) so that ``juesuan diff --all --format csv`` gives a file a researcher
loads straight into pandas or Stata. JSON keeps the structure (sections, statuses, pages);
the terminal and Markdown forms group rows by section, largest change first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, is_dataclass
from decimal import Decimal
from typing import Any

from compare.diff import Change, ReportDiff, within_rounding
from extractors.checks.labels import column_label, table_label

COLUMNS = ["department", "year_a", "year_b", "section", "status", "table", "column", "side", "code_a", "code_b",
           "name_a", "name_b", "value_a", "value_b", "change", "change_pct", "unit", "page_a", "page_b",
           "note"]

SECTION_TITLES = {"fact": "数字 (facts)", "line": "科目 (classification lines)",
                  "project": "项目 (projects)", "restatement": "上年数重述 (restatements)"}

STATUS_LABELS = {"added": "新增", "removed": "删除", "renamed": "更名", "changed": "变化",
                 "unchanged": "未变"}


def diff_rows(diffs: Iterable[ReportDiff], include_unchanged: bool = False) -> list[dict[str, Any]]:
    """Every diff as flat rows with the ``COLUMNS`` keys."""
    rows: list[dict[str, Any]] = []
    for diff in diffs:
        head = {"department": diff.department, "year_a": diff.year_a, "year_b": diff.year_b}
        for row in _rows(diff):
            if include_unchanged or row["status"] != "unchanged":
                rows.append({**dict.fromkeys(COLUMNS), **head, **row})
    return rows


def _change_cells(change: Change) -> dict[str, Any]:
    return {"value_a": change.a, "value_b": change.b, "change": change.delta, "change_pct": change.pct}


def _rows(diff: ReportDiff) -> Iterator[dict[str, Any]]:
    for f in diff.facts:
        yield {"section": "fact", "status": f.status, "code_a": f.metric, "code_b": f.metric,
               "name_a": f.label, "name_b": f.label, "unit": f.unit, "page_a": f.page_a,
               "page_b": f.page_b, **_change_cells(f.change)}
    for li in diff.lines:
        yield {"section": "line", "status": li.status, "table": li.table, "column": li.column, "side": li.side,
               "code_a": li.code_a, "code_b": li.code_b, "name_a": li.name_a, "name_b": li.name_b,
               "unit": "万元", "page_a": li.page_a, "page_b": li.page_b, "note": li.rename,
               **_change_cells(li.change)}
    for p in diff.projects:
        for measure, change in (("executed", p.executed), ("budget", p.budget)):
            if change.a is None and change.b is None:
                continue
            yield {"section": "project", "status": p.status, "column": measure, "name_a": p.name,
                   "name_b": p.name, "unit": "万元", "page_a": p.page_a, "page_b": p.page_b,
                   **_change_cells(change)}
    for r in diff.restatements:
        how = "上年数" if r.how == "stated" else "本年数 − 增减额"
        note = f"{diff.year_b}年报告所述{r.year}年数（{how}）≠ {r.year}年报告本身"
        if within_rounding(r):
            note += "（四舍五入范围内）"
        yield {"section": "restatement", "status": "changed", "code_a": r.metric, "code_b": r.metric,
               "name_a": r.label, "name_b": r.label, "value_a": r.own_in_a, "value_b": r.stated_in_b,
               "change": r.difference, "unit": "万元", "page_a": r.page_a, "page_b": r.page_b,
               "note": note}


def to_json(diffs: list[ReportDiff]) -> str:
    """The diffs as JSON (exact decimals): one object, or a list for ``--all``."""
    from models.exact import dumps

    data = [_plain(d) for d in diffs]
    return dumps(data[0] if len(data) == 1 else data)


def _plain(obj: Any) -> Any:
    if isinstance(obj, Change):
        return {"a": obj.a, "b": obj.b, "change": obj.delta, "change_pct": obj.pct}
    if is_dataclass(obj) and not isinstance(obj, type):
        out = {k: _plain(getattr(obj, k)) for k in asdict(obj)}
        if hasattr(obj, "difference"):
            out["difference"] = obj.difference
        return out
    if isinstance(obj, list):
        return [_plain(x) for x in obj]
    return obj


def arrow(value: Decimal | None, colour: bool = True) -> str:
    """"↑12.5" / "↓0.69" (rich-coloured when asked); blank when unknown."""
    if value is None:
        return ""
    if value == 0:
        return "0"
    text = f"{'↑' if value > 0 else '↓'}{abs(value)}"
    if not colour:
        return text
    return f"[green]{text}[/green]" if value > 0 else f"[red]{text}[/red]"


def _where(row: dict[str, Any]) -> str:
    """"支出表/基本支出" — which table and measure a line row comes from."""
    side = {"income": "收入方", "expenditure": "支出方"}.get(row["side"] or "", "")
    return "/".join(p for p in (table_label(row["table"]), side, column_label(row["column"])) if p)


def _merged(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Line rows that say the same thing in several tables, shown once with the tables listed."""
    out: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        if row["section"] != "line":
            out[(id(row),)] = row
            continue
        key = tuple(row[c] for c in ("status", "code_a", "code_b", "name_a", "name_b", "value_a", "value_b", "note"))
        if key in out:
            out[key]["where"].append(_where(row))
        else:
            out[key] = {**row, "where": [_where(row)]}
    return list(out.values())


def _display(row: dict[str, Any], colour: bool) -> list[str]:
    code = row["code_b"] or row["code_a"] or ""
    name = row["name_b"] or row["name_a"] or ""
    if row["name_a"] and row["name_b"] and row["name_a"] != row["name_b"]:
        name = f"{row['name_a']} → {row['name_b']}"
    if row["unit"] and row["unit"] != "万元":
        name = f"{name}（{row['unit']}）"
    if row["section"] == "line":
        code = f"{code} {'，'.join(row['where'])}".strip()
    elif row["section"] == "project":
        code = {"executed": "执行数", "budget": "预算数"}[row["column"]]
    pct = f"{row['change_pct']}%" if row["change_pct"] is not None else ""
    pages = "/".join("" if p is None else str(p) for p in (row["page_a"], row["page_b"]))
    return [STATUS_LABELS.get(row["status"], row["status"]), code, name, _text(row["value_a"]),
            _text(row["value_b"]), arrow(row["change"], colour), pct, pages.strip("/"), row["note"] or ""]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


DISPLAY_HEADERS = ["状态", "项目 / 编码 表", "名称", "A", "B", "变化", "%", "页 A/B", "说明"]


def _title(diff: ReportDiff) -> str:
    kinds = {"final": "决算", "budget": "预算"}
    return (f"{diff.department}: {diff.year_a}年{kinds.get(diff.kind_a or '', '')} → "
            f"{diff.year_b}年{kinds.get(diff.kind_b or '', '')}")


def _sections(diff: ReportDiff, include_unchanged: bool) -> Iterator[tuple[str, list[dict]]]:
    """(section title, its rows) for each section the diff has rows in, in display order."""
    rows = _merged(diff_rows([diff], include_unchanged))
    for section, title in SECTION_TITLES.items():
        chosen = [r for r in rows if r["section"] == section]
        if chosen:
            yield title, chosen


def print_table(diffs: list[ReportDiff], include_unchanged: bool = False) -> None:
    """Rich tables on stdout, one per section per diff, ↑ green / ↓ red."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for diff in diffs:
        console.print(f"[bold]{_title(diff)}[/bold]")
        for title, chosen in _sections(diff, include_unchanged):
            table = Table(title=title, title_justify="left")
            for header in DISPLAY_HEADERS:
                table.add_column(header, overflow="fold")
            for row in chosen:
                table.add_row(*_display(row, colour=True))
            console.print(table)
        for note in diff.notes:
            console.print(f"注: {note}", markup=False)


def to_markdown(diffs: list[ReportDiff], include_unchanged: bool = False) -> str:
    """GitHub-flavoured Markdown: a heading per diff, a table per section."""
    out: list[str] = []
    for diff in diffs:
        out.append(f"## {_title(diff)}\n")
        for title, chosen in _sections(diff, include_unchanged):
            out.append(f"### {title}\n")
            out.append("| " + " | ".join(DISPLAY_HEADERS) + " |")
            out.append("|" + "---|" * len(DISPLAY_HEADERS))
            for row in chosen:
                cells = [c.replace("|", "\\|") for c in _display(row, colour=False)]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        out.extend(f"> 注: {note}" for note in diff.notes)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
