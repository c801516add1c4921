"""Percentages the text prints beside a classification line, against the line's amounts.

"一般公共服务（类）支出712.91万元，占83.85%" (share of the 一般公共预算财政拨款支出),
"…支出决算为486.90万元，完成预算100%" (against the 年初预算 in the same sentence),
"2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%"
(change against the prior-year execution). Each percentage is compared with the amounts of
the same line stated in the same paragraph (else anywhere in the text); a mismatch beyond the
printed rounding is a ``warning`` (rules ``share_pct``, ``completion_pct``, ``change_pct``).
When a sentence names two amounts for one measure, the first is used: the agreement rules
report the pair.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from extractors.checks.evidence import fact_figure, finding, line_figure
from extractors.checks.policy import fmt_pct, percent_disagrees, percent_of
from extractors.checks.ratios import completion_finding, rounding_note, share_finding
from extractors.checks.select import first_fact
from models.records import Fact, Finding, LineItem, ReportRecord

AMOUNT_COLUMNS = ("final", "total")


class _Amounts:
    """The text's amount lines by (code, column), preferring the same paragraph."""

    def __init__(self, lines: list[LineItem]) -> None:
        self.by_block: dict[tuple[str, str, int | None], LineItem] = {}
        self.anywhere: dict[tuple[str, str], LineItem] = {}
        for line in lines:
            if line.table == "narrative" and line.code and line.value is not None and line.unit != "%":
                self.by_block.setdefault((line.code, line.column, line.source.block), line)
                self.anywhere.setdefault((line.code, line.column), line)

    def get(self, code: str, columns: tuple[str, ...], block: int | None) -> LineItem | None:
        """The amount in the percentage's paragraph, else the one stated nearest before it."""
        for column in columns:
            line = self.by_block.get((code, column, block))
            if line is not None:
                return line
        for column in columns:
            stated = [li for (c, col, _), li in self.by_block.items() if c == code and col == column]
            if stated:
                return min(stated, key=lambda li: _distance(li.source.block, block))
        return None


def _distance(block: int | None, anchor: int | None) -> tuple[int, int]:
    """How far ``block`` is before ``anchor`` (blocks after it rank last)."""
    if block is None or anchor is None:
        return (1, 0)
    return (0, anchor - block) if block <= anchor else (1, block - anchor)


# What a 类's "占X%" can be a share of: the total of the section it is listed in (general budget,
# government funds, all 财政拨款 with its carryover, all funds), stated before the list.
SHARE_WHOLES = ("general_budget.expenditure", "gov_fund.expenditure", "state_capital.expenditure",
                "appropriation.expenditure", "appropriation.grand_total", "income_expenditure.grand_total",
                "expenditure.total")


def _whole(record: ReportRecord, block: int | None) -> Fact | None:
    """The section total stated nearest before the percentage (else the general budget's)."""
    wholes = [f for f in record.facts if f.metric in SHARE_WHOLES and f.origin == "narrative"
              and f.value is not None and not f.subject and f.source.block is not None]
    before = [f for f in wholes if block is None or f.source.block <= block]
    if before:
        return min(before, key=lambda f: _distance(f.source.block, block))
    return first_fact(record, "general_budget.expenditure", "narrative")


def check_line_ratios(record: ReportRecord) -> Iterator[Finding]:
    """Share, completion and change percentages of the text's classification lines."""
    amounts = _Amounts(record.line_items)
    for line in record.line_items:
        if line.table != "narrative" or line.value is None or not line.code or not line.column.endswith("_pct"):
            continue
        block = line.source.block
        amount = amounts.get(line.code, AMOUNT_COLUMNS, block)
        if amount is None:
            continue
        whole = _whole(record, block) if line.column == "share_pct" else None
        if line.column == "share_pct" and whole is not None and whole.value is not None:
            yield from share_finding(line_figure(amount), fact_figure(whole), line.value,
                                     amount.value, whole.value, subject=amount.code)
        elif line.column == "completion_pct":
            budget = amounts.get(line.code, ("budget",), block)
            if budget is not None:
                yield from completion_finding(f"{amount.name} ({amount.code})", line_figure(amount),
                                              replace(line_figure(budget), label="预算数"), line.value)
        elif line.column == "change_pct":
            prior = amounts.get(line.code, ("prior_executed",), block)
            if prior is not None:
                yield from _change(line, amount, prior)


def _change(rate: LineItem, amount: LineItem, prior: LineItem) -> Iterator[Finding]:
    computed = percent_of(amount.value - prior.value, prior.value)
    if computed is None or not percent_disagrees(rate.value, computed):
        return
    now_fig, prior_fig = line_figure(amount), replace(line_figure(prior), label="上年执行数")
    message = (f"{now_fig.label}: 增减率印为 {rate.value}% ({now_fig.where()})，按 {now_fig.printed} 与上年执行数 "
               f"{prior_fig.printed} 计算为 {fmt_pct(computed)}"
               f"{rounding_note(rate.value, amount.value - prior.value, prior.value)}")
    yield finding("change_pct", "warning", message, [now_fig, prior_fig], subject=amount.code,
                  extra_values=(("印出的增减率", f"{rate.value}%"), ("按金额计算", fmt_pct(computed))))
