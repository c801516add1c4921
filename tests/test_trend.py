"""compare.trend on plain points: year-on-year change, the stated prior figure (printed or
implied by the stated change) against the previous report, budget vs final side by side."""

from __future__ import annotations

from decimal import Decimal as D

from compare.trend import build_trend, execution, percent, stated_prior


def _p(year, value, kind="final", **extra):
    return {"report_id": year, "department": "甲局", "scope": "department", "kind": kind,
            "fiscal_year": year, "series": "expenditure.total", "value": D(value), "unit": "万元",
            "page": 3, "origin": "table", **extra}


def test_change_and_restatement():
    rows = build_trend([
        _p(2021, "110.00", stated_prior=D("100.00"), stated_prior_year=2020),
        _p(2020, "100.00"),
        _p(2022, "99.00", stated_prior=D("120.00"), stated_prior_year=2021),
    ], labels={"expenditure.total": "支出总额"})
    assert [r.fiscal_year for r in rows] == [2020, 2021, 2022]
    first, second, third = rows
    assert first.change is None and first.previous_value is None and not first.restated
    assert second.change == D("10.00") and second.change_pct == D("10.00")
    assert second.stated_prior == D("100.00") and second.prior_gap == D(0) and not second.restated
    assert third.change == D("-11.00") and third.change_pct == D("-10.00")
    assert third.prior_gap == D("10.00") and third.restated and third.label == "支出总额"


def test_implied_prior_from_stated_change_and_rounding():
    point = _p(2021, "110.00", stated_change=D("9.98"), stated_value=D("110.00"), stated_prior_year=2020)
    assert stated_prior(point) == (D("100.02"), "implied")
    rows = build_trend([_p(2020, "100.00"), point])
    assert rows[1].stated_prior_source == "implied" and rows[1].prior_gap == D("0.02")
    assert not rows[1].restated  # within rounding


def test_gap_only_against_the_year_stated():
    rows = build_trend([_p(2019, "100"), _p(2021, "120", stated_prior=D("90"), stated_prior_year=2020)])
    assert rows[1].previous_year == 2019 and rows[1].change == D(20)
    assert rows[1].prior_gap is None and not rows[1].restated  # 2020 is not stored


def test_budget_and_final_are_separate_series_and_side_by_side():
    rows = build_trend([_p(2020, "80", kind="budget"), _p(2021, "90", kind="budget"),
                        _p(2020, "76")])
    assert [(r.kind, r.fiscal_year, r.change) for r in rows] == [
        ("budget", 2020, None), ("budget", 2021, D(10)), ("final", 2020, None)]
    side = execution(rows)
    assert [(e.fiscal_year, e.budget, e.final, e.execution_pct) for e in side] == [
        (2020, D(80), D(76), D("95.00")), (2021, D(90), None, None)]


def test_percent_refuses_zero_and_missing():
    assert percent(D(1), D(0)) is None and percent(None, D(1)) is None
    assert percent(D(-1), D(3)) == D("-33.33")
