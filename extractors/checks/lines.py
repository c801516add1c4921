"""Classification lines: 项 against 款 against 类, 类 against 合计, row parts against row totals.

Rules:

* ``hierarchy_sum`` — within one table column, the 项 under a 款 add up to the 款, the 款
  under a 类 (or its 项 when the table shows no 款 rows) to the 类. In the text (table
  ``narrative``) the lines come from separate sentences that may skip items, so a shortfall
  beyond rounding is not reported there (a 其中-style list), an excess or a rounding-sized
  gap is.
* ``table_total`` — a table's 合计 row against the sum of its 类 rows.
* ``row_sum`` — within one row, 合计 against its columns (基本支出 + 项目支出 + …): ``rows``.
* ``total_vs_parts`` (lines) — a sentence giving a total and its 类 ("一般公共预算财政拨款
  支出850.18万元，主要用于…") against the 类 it lists, as a 其中 list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from extractors.checks.evidence import fact_figure, line_figure
from extractors.checks.labels import table_label
from extractors.checks.rows import check_row_sums
from extractors.checks.select import report_year
from extractors.checks.sums import sum_finding
from models.records import Finding, LineItem, ReportRecord

TOTAL_ROW_NAMES = frozenset({"合计", "本年支出合计", "支出合计"})

# Narrative sentence totals whose 类 lines follow in the same sentence.
SENTENCE_TOTALS = ("general_budget.expenditure", "expenditure.total")


def check_lines(record: ReportRecord) -> Iterator[Finding]:
    """Every line-item rule over the record's amount lines."""
    amounts = [li for li in record.line_items if is_amount(li)]
    for key, group in _columns(amounts).items():
        yield from _hierarchy(group, narrative=key[0] == "narrative")
        if key[0] != "narrative":
            yield from _table_total(group)
    yield from check_row_sums(amounts, record.tables_found)
    yield from _sentence_totals(record, amounts)


def is_amount(line: LineItem) -> bool:
    """A money line (not a 占比/完成率 line, not a blank)."""
    return line.value is not None and line.unit != "%" and not line.column.endswith("_pct")


def _columns(lines: Iterable[LineItem]) -> dict[tuple, list[LineItem]]:
    groups: dict[tuple, list[LineItem]] = defaultdict(list)
    for line in lines:
        groups[(line.table, line.classification, line.column, line.side)].append(line)
    return groups


def _first_by_code(lines: Iterable[LineItem]) -> dict[str, LineItem]:
    chosen: dict[str, LineItem] = {}
    for line in lines:
        if line.code and line.code.isdigit() and len(line.code) in (3, 5, 7):
            chosen.setdefault(line.code, line)
    return chosen


def _children(code: str, ordered: list[tuple[str, LineItem]]) -> list[LineItem]:
    """The nearest level of descendants present: 款 of a 类 (else its 项), 项 of a 款.
    ``ordered``: the lines by code, sorted (once per column, not once per code)."""
    for length in (len(code) + 2, len(code) + 4):
        kids = [li for c, li in ordered if len(c) == length and c.startswith(code)]
        if kids:
            return kids
    return []


def repeated_codes(lines: Iterable[LineItem]) -> set[str]:
    """Codes printed on several rows of one column with different amounts.

    A table that lists 政府预算支出经济分类 beside 部门预算支出经济分类 repeats "505 对事业单位经常
    性补助" under 301 and again under 302: such a code is not one node of a tree, and neither it
    nor its 类 can be summed from the rows.
    """
    values: dict[str, set] = defaultdict(set)
    for line in lines:
        if line.code and line.source.row is not None:
            values[line.code].add(line.value)
    return {code for code, seen in values.items() if len(seen) > 1}


def uncoded_below(group: list[LineItem]) -> set[str]:
    """Codes of the 类 / 款 rows under which a table lists a 款 / 项 row whose code is not
    known (a name-only row the code table cannot resolve): their coded children are only
    part of them, so a shortfall is no contradiction."""
    current: dict[int, str] = {}
    partial: set[str] = set()
    for line in group:
        if line.level == "合计":
            current.clear()
            continue
        if line.code and len(line.code) in (3, 5, 7):
            current = {n: c for n, c in current.items() if n < len(line.code)}
            current[len(line.code)] = line.code
            continue
        depth = {"款": 5, "项": 7}.get(line.level or "")
        if line.code is None and depth:
            partial |= {c for n, c in current.items() if n < depth}
    return partial


def _hierarchy(group: list[LineItem], *, narrative: bool) -> Iterator[Finding]:
    by_code = _first_by_code(group)
    repeated = set() if narrative else repeated_codes(group)
    partial = set() if narrative else uncoded_below(group)
    ordered = sorted(by_code.items())
    for code, parent in ordered:
        if len(code) == 7:
            continue
        kids = _children(code, ordered)
        if not kids or any(c.startswith(code) or code.startswith(c) for c in repeated):
            continue
        level = "款" if len(kids[0].code or "") == 5 else "项"
        total = line_figure(parent)
        where = "正文" if narrative else table_label(parent.table)
        result = sum_finding("hierarchy_sum", total, [line_figure(k) for k in kids],
                             complete=not narrative and code not in partial, subject=code,
                             parts_label=f"{where}所列{len(kids)}个{level}之和")
        if result is not None:
            yield result


def _table_total(group: list[LineItem]) -> Iterator[Finding]:
    totals = [li for li in group if li.code is None and _bare(li.name) in TOTAL_ROW_NAMES]
    classes = [li for c, li in sorted(_first_by_code(group).items()) if len(c) == 3]
    if not totals or not classes or any(len(c) == 3 for c in repeated_codes(group)):
        return
    total = line_figure(totals[0])
    result = sum_finding("table_total", total, [line_figure(c) for c in classes], complete=True,
                         subject=totals[0].table, parts_label=f"{len(classes)}个类之和")
    if result is not None:
        yield result


def _bare(name: str) -> str:
    return "".join(name.split())


def _sentence_totals(record: ReportRecord, lines: list[LineItem]) -> Iterator[Finding]:
    year = report_year(record)
    class_lines = [li for li in lines if li.table == "narrative" and li.code and len(li.code) == 3]
    for fact in record.facts:
        if (fact.metric not in SENTENCE_TOTALS or fact.origin != "narrative" or fact.value is None
                or fact.subject or (fact.year not in (None, year))):
            continue
        same_block = [li for li in class_lines if li.source.block == fact.source.block]
        by_code = _first_by_code(same_block)
        if len(by_code) < 2:
            continue
        result = sum_finding("total_vs_parts", fact_figure(fact), [line_figure(li) for li in by_code.values()],
                             complete=False, subject=fact.metric,
                             parts_label=f"文中所列{len(by_code)}个类之和")
        if result is not None:
            yield result
