"""Properties of the rounding policy and of run_checks on arbitrary records (hypothesis).

run_checks runs inside every ingest: whatever extraction hands it (zeros, missing values,
negative changes, odd codes) it must return findings, never raise. And a percentage printed
as the correctly rounded quotient of two printed amounts must never be called wrong.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.checks import RULES, run_checks
from extractors.checks.labels import METRIC_LABELS
from extractors.checks.policy import percent_disagrees, rounding_could_explain, same_at_precision
from models.records import Evidence, Fact, Identity, LineItem, Project, ReportRecord, Source

cents = st.integers(min_value=1, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))
maybe_amount = st.one_of(st.none(), st.integers(min_value=-10**7, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2)))
percent = st.one_of(st.none(), st.integers(min_value=-10**4, max_value=10**5).map(lambda n: Decimal(n).scaleb(-2)))
source = st.builds(Source, block=st.integers(0, 50), page=st.one_of(st.none(), st.integers(1, 30)))


@given(part=cents, whole=cents)
def test_a_correctly_rounded_percentage_is_never_wrong(part, whole):
    printed = (part * 100 / whole).quantize(Decimal("0.01"))
    assert not percent_disagrees(printed, part * 100 / whole)
    assert rounding_could_explain(printed, part, whole)


@given(value=cents, decimals=st.integers(min_value=-2, max_value=6))
def test_same_at_precision_is_reflexive_and_symmetric(value, decimals):
    other = value + Decimal("0.004")
    assert same_at_precision(value, value, decimals)
    assert same_at_precision(value, other, decimals) == same_at_precision(other, value, decimals)


facts = st.builds(
    Fact,
    metric=st.sampled_from(sorted(METRIC_LABELS)),
    value=maybe_amount,
    unit=st.sampled_from(["万元", "万元", "%", "个"]),
    source=source,
    printed_value=st.one_of(st.none(), st.sampled_from(["0", "1.5", "712.91", "3,503,499"])),
    printed_unit=st.one_of(st.none(), st.sampled_from(["万元", "元", "亿元"])),
    prior_value=maybe_amount,
    change=maybe_amount,
    change_pct=percent,
    share_pct=percent,
    budget_value=maybe_amount,
    completion_pct=percent,
    year=st.one_of(st.none(), st.sampled_from([2019, 2020])),
    origin=st.sampled_from(["narrative", "table", "form"]),
    subject=st.one_of(st.none(), st.sampled_from(["县政府办公室工作经费", "“新型冠状肺炎防控工作保障经费”"])),
)
lines = st.builds(
    LineItem,
    table=st.sampled_from(["narrative", "expenditure", "general_budget_expenditure", "general_budget_basic"]),
    classification=st.sampled_from(["function", "economic"]),
    code=st.one_of(st.none(), st.sampled_from(["201", "20103", "2010301", "2010302", "208", "20805", "301", "x1"])),
    name=st.sampled_from(["合计", "行政运行", "一般公共服务支出", "本年支出合计"]),
    column=st.sampled_from(["total", "final", "basic", "project", "budget", "share_pct", "completion_pct",
                            "change_pct", "prior_executed", "personnel", "public"]),
    value=maybe_amount,
    source=st.builds(Source, block=st.integers(0, 5), page=st.integers(1, 30), row=st.one_of(st.none(), st.integers(0, 9))),
    unit=st.sampled_from(["万元", "%"]),
    side=st.one_of(st.none(), st.sampled_from(["income", "expenditure"])),
)
projects = st.builds(Project, name=st.sampled_from(["县政府办公室工作经费", "新型冠状肺炎防控工作保障经费"]),
                     source=source, budget=maybe_amount, executed=maybe_amount, completion_pct=percent)


@settings(max_examples=200, deadline=None)
@given(facts=st.lists(facts, max_size=25), lines=st.lists(lines, max_size=25), projects=st.lists(projects, max_size=4),
       year=st.one_of(st.none(), st.just(2020)))
def test_run_checks_never_raises_and_names_known_rules(facts, lines, projects, year):
    identity = Identity(fiscal_year=Evidence(year, "text")) if year else Identity()
    record = ReportRecord(identity=identity, facts=facts, line_items=lines, projects=projects)
    for finding in run_checks(record):
        assert finding.rule in RULES and finding.severity in ("info", "warning", "error")
        assert finding.message
