"""Totals against the sum of their parts, for the figures the text and tables state.

The rule families here: ``total_vs_parts`` (收入 = its sources, 支出 = 基本 + 项目 + …,
政府采购 = 货物 + 工程 + 服务, 财政拨款收入 = its three kinds), ``basic_personnel_public``
(人员经费 + 公用经费 = 基本支出) and ``three_public_sum`` (三公 = 出国 + 公务用车 + 接待;
公务用车 = 购置 + 运行维护).

A part list is *complete* only when every part of the rule is stated (zeros included, as
the Sichuan template writes "经营收入0万元"). A list that names only some parts ("支出决算
总额为850.18万元，其中：一般公共服务支出712.91万元，…" naming three of four 类) is not a
claim that they add up: it is reported only when the named parts already exceed the total,
or fall short of it by no more than rounding.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from extractors.checks.evidence import Figure, fact_figure, finding
from extractors.checks.policy import amount_severity, amount_tolerance, fmt_amount
from extractors.checks.select import ORIGINS, facts_by_metric
from models.records import Fact, Finding, ReportRecord

# (rule, total metric, alternative part lists): the first list whose parts are all
# stated is used; otherwise the stated parts of the first list are compared as a 其中 list.
SUM_RULES: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...] = (
    ("total_vs_parts", "income.total", (
        ("income.fiscal", "income.superior_subsidy", "income.business", "income.operating",
         "income.affiliated", "income.other"),
        ("income.general_budget", "income.gov_fund", "income.state_capital",
         "income.superior_subsidy", "income.business", "income.operating",
         "income.affiliated", "income.other"),
    )),
    ("total_vs_parts", "income.fiscal", (
        ("income.general_budget", "income.gov_fund", "income.state_capital"),
    )),
    ("total_vs_parts", "expenditure.total", (
        ("expenditure.basic", "expenditure.project", "expenditure.to_superior",
         "expenditure.operating", "expenditure.to_affiliates"),
    )),
    ("total_vs_parts", "procurement.total", (
        ("procurement.goods", "procurement.works", "procurement.services"),
    )),
    ("basic_personnel_public", "general_budget.basic", (("basic.personnel", "basic.public"),)),
    ("three_public_sum", "three_public.total", (
        ("three_public.outbound", "three_public.vehicle", "three_public.reception"),
        ("three_public.outbound", "three_public.vehicle_purchase",
         "three_public.vehicle_operation", "three_public.reception"),
    )),
    ("three_public_sum", "three_public.vehicle", (
        ("three_public.vehicle_purchase", "three_public.vehicle_operation"),
    )),
)

# When the text states 人员经费/公用经费 but no 一般公共预算基本支出, they split 基本支出.
FALLBACK_TOTALS = {"general_budget.basic": "expenditure.basic"}


# Parts a total may or may not include: a budget's 收入预算 in the text counts the 上年结转结余
# among its sources ("（三）上年结转结余22043.26万元"), a 决算's 本年收入合计 does not; likewise a
# budget's 支出预算 may count the 年终结转结余 among its uses ("（三）年终结转结余资金67.86万元"
# after 基本支出 and 项目支出), where a 决算's 本年支出合计 does not.
OPTIONAL_PARTS = {"income.total": ("income.carryover",),
                  "expenditure.total": ("expenditure.carryover",)}


def check_fact_sums(record: ReportRecord) -> Iterator[Finding]:
    """Every SUM_RULES total against its parts, separately for text and for tables."""
    for origin in ORIGINS:
        facts = facts_by_metric(record, origin)
        for rule, total_metric, part_lists in SUM_RULES:
            total = facts.get(total_metric) or facts.get(FALLBACK_TOTALS.get(total_metric, ""))
            if total is None:
                continue
            near = _nearest(record, origin, total)
            parts, complete = _choose_parts({**facts, **near}, part_lists)
            if not parts:
                continue
            optional = [p for m in OPTIONAL_PARTS.get(total_metric, ()) if (p := near.get(m) or facts.get(m))]
            results = [sum_finding(rule, fact_figure(total), [fact_figure(p) for p in chosen],
                                   complete=complete, subject=total_metric)
                       for chosen in ([*parts, *optional], parts) if chosen]
            if optional and any(r is None for r in results):
                continue  # the parts add up with or without the optional one
            if results[-1] is not None and results[-1].severity == "error":
                alternative = _against_alternative(facts, total_metric, parts, complete)
                if alternative is not None:
                    if alternative[0] is not None:
                        yield alternative[0]
                    continue
            if results[-1] is not None:
                yield results[-1]


# Templates that print some sources below the 本年收入合计 (上级补助收入, 上年结转 between it and
# the 收入总计): the sources listed then add up to the 收入总计 instead.
ALTERNATIVE_TOTALS = {"income.total": ("income_expenditure.grand_total",)}


def _against_alternative(facts: dict[str, Fact], metric: str, parts: list[Fact],
                         complete: bool) -> tuple[Finding | None] | None:
    """(the finding against the alternative total,) when the parts add up to it within rounding."""
    for other in ALTERNATIVE_TOTALS.get(metric, ()):
        total = facts.get(other)
        if total is None:
            continue
        result = sum_finding("total_vs_parts", fact_figure(total), [fact_figure(p) for p in parts],
                             complete=complete, subject=other)
        if result is None or result.severity == "info":
            return (result,)
    return None


def _nearest(record: ReportRecord, origin: str, total: Fact) -> dict[str, Fact]:
    """Per metric, the statement nearest the total (its own paragraph first, then the next).

    A text states 人员经费 and 公用经费 once for all 基本支出 and again, a section later, for the
    general budget's ("一般公共预算基本支出293,191.86万元，其中：人员支出246,458.22万元…"): the
    parts printed next to the total are the ones it was split into.
    """
    anchor = total.source.block if total.source.block is not None else 0
    chosen: dict[str, tuple[tuple[int, int], Fact]] = {}
    for fact in record.facts:
        if (fact.origin != origin or fact.subject or fact.value is None
                or fact.year not in (None, total.year) or fact.source.block is None):
            continue
        gap = fact.source.block - anchor
        rank = (abs(gap), 0 if gap >= 0 else 1)
        if fact.metric not in chosen or rank < chosen[fact.metric][0]:
            chosen[fact.metric] = (rank, fact)
    return {metric: f for metric, (_, f) in chosen.items()}


def _choose_parts(facts: dict, part_lists: Sequence[Sequence[str]]) -> tuple[list, bool]:
    for metrics in part_lists:
        if all(m in facts for m in metrics):
            return [facts[m] for m in metrics], True
    stated = [facts[m] for m in part_lists[0] if m in facts]
    return stated, False


def sum_finding(rule: str, total: Figure, parts: Sequence[Figure], *, complete: bool,
                subject: str | None, parts_label: str | None = None) -> Finding | None:
    """Compare ``total`` with the sum of ``parts`` under the rounding policy.

    ``complete`` says the parts are the whole breakdown; when it is False, a shortfall
    beyond rounding is no finding (the list may simply leave parts out).
    """
    total_of_parts = sum((p.value for p in parts), Decimal(0))
    difference = total_of_parts - total.value
    tolerance = amount_tolerance([total.half_unit, *(p.half_unit for p in parts)], len(parts))
    if not complete and difference < 0 and -difference > tolerance:
        return None
    severity = amount_severity(difference, tolerance)
    if severity is None:
        return None
    names = parts_label or " + ".join(p.label for p in parts)
    verdict = "（四舍五入误差）" if severity == "info" else "，超出四舍五入范围"
    message = (f"{total.label}: {names} = {fmt_amount(total_of_parts)}万元 ≠ {total.cite()}，"
               f"相差{fmt_amount(abs(difference))}万元{verdict}")
    return finding(rule, severity, message, [total, *parts], subject=subject,
                   extra_values=(("各部分之和", f"{fmt_amount(total_of_parts)}万元"),))
