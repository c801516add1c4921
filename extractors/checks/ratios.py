"""Percentages and year-on-year changes against the amounts they were computed from.

Rules: ``share_pct`` (占X% against part / whole), ``change_pct`` (增长X% against the
change over the prior-year value), ``change_amount`` (增加X万元 against this year minus the
prior-year value stated in the same sentence), ``completion_pct`` (完成预算的X% against
executed / budget, for department figures, for projects in the text and in the forms).

A percentage that does not round to the printed one at its printed precision is a
``warning``; a change amount that disagrees beyond rounding is an ``error`` (two amounts that
cannot both be right). Where the base is zero the percentage is undefined and not checked
(reports write "增长100%" from nothing by convention).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from extractors.checks.evidence import (
    Figure,
    fact_figure,
    finding,
    project_figure,
    qualifier_figure,
)
from extractors.checks.labels import metric_label
from extractors.checks.policy import (
    CENT,
    ROUNDING_NOTE,
    amount_severity,
    amount_tolerance,
    fmt_amount,
    fmt_pct,
    percent_disagrees,
    percent_of,
    rounding_could_explain,
)
from extractors.checks.select import first_fact, is_current, report_year
from extractors.checks.subjects import same_subject
from models.records import Fact, Finding, Project, ReportRecord

# A share is "占X%" of this whole.
SHARE_WHOLES = {
    **{m: "income.total" for m in (
        "income.fiscal", "income.general_budget", "income.gov_fund", "income.state_capital",
        "income.superior_subsidy", "income.business", "income.operating", "income.affiliated",
        "income.other")},
    **{m: "expenditure.total" for m in (
        "expenditure.basic", "expenditure.project", "expenditure.to_superior",
        "expenditure.operating", "expenditure.to_affiliates", "general_budget.expenditure")},
    **{m: "three_public.total" for m in (
        "three_public.outbound", "three_public.vehicle", "three_public.reception")},
    **{m: "procurement.total" for m in (
        "procurement.goods", "procurement.works", "procurement.services",
        "procurement.sme", "procurement.small_micro", "procurement.centralized", "procurement.decentralized")},
}


def check_ratios(record: ReportRecord) -> Iterator[Finding]:
    """Shares, changes and completion rates of every current-year fact."""
    year = report_year(record)
    for fact in record.facts:
        if fact.value is None or not is_current(fact, year) or fact.unit == "%":
            continue
        if fact.share_pct is not None and not fact.subject:
            yield from _share(record, fact)
        yield from _change(fact)
        if fact.completion_pct is not None and fact.budget_value is not None:
            yield from completion_finding(metric_label(fact.metric), fact_figure(fact),
                                   qualifier_figure(fact, fact.budget_value, "预算数"),
                                   fact.completion_pct)
    yield from _project_text_completion(record)
    for project in record.projects:
        yield from _project_form_completion(project)


# Shares the text may state of a nearer whole: 授予小微企业 "占授予中小企业合同金额的28.93%".
OTHER_SHARE_WHOLES = {"procurement.small_micro": ("procurement.sme",)}


def _share(record: ReportRecord, fact: Fact) -> Iterator[Finding]:
    whole_metric = SHARE_WHOLES.get(fact.metric)
    whole = first_fact(record, whole_metric, fact.origin) if whole_metric else None
    if whole is None or whole.value is None:
        return
    for other_metric in OTHER_SHARE_WHOLES.get(fact.metric, ()):
        other = first_fact(record, other_metric, fact.origin)
        computed = percent_of(fact.value, other.value) if other is not None and other.value is not None else None
        if computed is not None and not percent_disagrees(fact.share_pct, computed):
            return  # the share of the nearer whole
    yield from share_finding(fact_figure(fact), fact_figure(whole), fact.share_pct,
                             fact.value, whole.value, subject=fact.metric)


def share_finding(part_fig, whole_fig, printed: Decimal, part: Decimal, whole: Decimal,
                  subject: str | None) -> Iterator[Finding]:
    """A printed share that the amounts do not give (beyond its rounding): a warning.

    Shared by narrative facts ("占83.04%") and classification lines ("占83.85%").
    """
    yield from _rate_finding(
        "share_pct", "印出的比例", printed, part, whole, [part_fig, whole_fig], subject,
        lambda computed: (f"{part_fig.label}占{whole_fig.label}的比例: 印 {printed}% ({part_fig.where()})，"
                          f"按金额 {part_fig.printed} / {whole_fig.printed} 计算为 {computed}"))


def _change(fact: Fact) -> Iterator[Finding]:
    figure = fact_figure(fact)
    prior = fact.prior_value
    if prior is not None and fact.change is not None:
        difference = (fact.value - prior) - fact.change
        tolerance = amount_tolerance([figure.half_unit], n_parts=2)
        severity = amount_severity(difference, tolerance)
        if severity is not None:
            message = (f"{figure.label}: 本年 {figure.printed} − 上年 {fmt_amount(prior)}{fact.unit} = "
                       f"{fmt_amount(fact.value - prior)}{fact.unit}，但文中写增减 "
                       f"{fmt_amount(fact.change)}{fact.unit} ({figure.where()})")
            yield finding("change_amount", severity, message, [figure], subject=fact.metric,
                          extra_values=(("上年数", fmt_amount(prior)), ("增减额", fmt_amount(fact.change))))
    if fact.change_pct is None:
        return
    if prior is None and fact.change is not None:
        prior = fact.value - fact.change
    if prior is None:
        return
    yield from _rate_finding(
        "change_pct", "印出的增减率", fact.change_pct, fact.value - prior, prior, [figure], fact.metric,
        lambda computed: (f"{figure.label}: 增减率印为 {fact.change_pct}% ({figure.where()})，按本年 {figure.printed} "
                          f"与上年 {fmt_amount(prior)}{fact.unit} 计算为 {computed}"),
        whole_half=CENT * 2 if fact.prior_value is None else CENT)  # a prior computed from two rounded figures


def completion_finding(subject: str, executed: Figure, budget: Figure,
                printed_pct: Decimal) -> Iterator[Finding]:
    yield from _rate_finding(
        "completion_pct", "印出的完成率", printed_pct, executed.value, budget.value, [executed, budget], subject,
        lambda computed: (f"{subject}: 完成预算的 {printed_pct}% ({executed.where()})，按执行数 {executed.printed} / "
                          f"预算数 {budget.printed} 计算为 {computed}"))


def _rate_finding(rule: str, printed_label: str, printed: Decimal, part: Decimal, whole: Decimal,
                  figures: list[Figure], subject: str | None, message: Callable[[str], str],
                  whole_half: Decimal = CENT) -> Iterator[Finding]:
    """A printed rate (share, change %, completion) that ``part`` / ``whole`` do not give,
    beyond its rounding: a warning. ``message`` words it, given the computed rate."""
    computed = percent_of(part, whole)
    if computed is None or not percent_disagrees(printed, computed):
        return
    text = message(fmt_pct(computed)) + rounding_note(printed, part, whole, whole_half=whole_half)
    yield finding(rule, "warning", text, figures, subject=subject,
                  extra_values=((printed_label, f"{printed}%"), ("按金额计算", fmt_pct(computed))))


def _project_text_completion(record: ReportRecord) -> Iterator[Finding]:
    """Project sentences: 预算数A万元，执行数为B万元，完成预算的C% (facts per subject)."""
    by_subject: dict[str, dict[str, Fact]] = {}
    for fact in record.facts:
        if fact.subject and fact.metric.startswith("project.") and fact.origin == "narrative":
            slot = next((k for k in by_subject if same_subject(k, fact.subject)), fact.subject)
            by_subject.setdefault(slot, {}).setdefault(fact.metric, fact)
    for subject, facts in by_subject.items():
        budget, executed = facts.get("project.budget"), facts.get("project.executed")
        pct_fact = facts.get("project.completion_pct")
        pct = pct_fact.value if pct_fact is not None else (
            executed.completion_pct if executed is not None else None)
        if budget is None or executed is None or pct is None or budget.value is None or executed.value is None:
            continue
        yield from completion_finding(subject, fact_figure(executed, f"{subject} 执行数"),
                               fact_figure(budget, f"{subject} 预算数"), pct)


def _project_form_completion(project: Project) -> Iterator[Finding]:
    if project.completion_pct is None or project.executed is None or project.budget is None:
        return
    yield from completion_finding(project.name, project_figure(project, "executed", f"{project.name} 执行数"),
                           project_figure(project, "budget", f"{project.name} 预算数"),
                           project.completion_pct)


def rounding_note(printed_pct: Decimal, part: Decimal, whole: Decimal, whole_half: Decimal = CENT) -> str:
    """Say so when amounts rounded to the cent could have produced the printed percentage."""
    return ROUNDING_NOTE if rounding_could_explain(printed_pct, part, whole, CENT, whole_half) else ""
