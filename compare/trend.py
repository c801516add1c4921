"""Series over years: one department's metric (or classification line) year by year.

Plain data in (the points ``db.series`` reads), plain data out; no database, no parsing.

For each series (department, scope, kind, metric or line) and year the trend gives the value,
the change from the series' previous stored year, the figure the report itself states for
the year before (as printed, or implied by its stated change: value − change), the previous
year's own report figure, and ``restated`` where the two disagree by more than the rounding
threshold: a department that restates last year's figure is a research finding.

预算 and 决算 are separate series (``kind``); ``execution`` puts them side by side per year
(execution % = 决算 / 预算 × 100).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

ROUNDING = Decimal("0.05")  # printed figures are rounded to 0.01 万元; sums of them drift a little
PCT_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class TrendRow:
    department: str
    scope: str | None
    kind: str | None
    series: str
    label: str
    fiscal_year: int
    value: Decimal | None
    unit: str | None
    change: Decimal | None
    change_pct: Decimal | None
    previous_year: int | None
    previous_value: Decimal | None
    stated_prior: Decimal | None
    stated_prior_source: str | None  # "printed" or "implied" (value − stated change)
    prior_gap: Decimal | None
    restated: bool
    page: int | None
    origin: str | None
    report_id: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ExecutionRow:
    department: str
    scope: str | None
    series: str
    label: str
    fiscal_year: int
    budget: Decimal | None
    final: Decimal | None
    execution_pct: Decimal | None
    unit: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def _key(point: dict) -> tuple:
    return (point["department"], point.get("scope"), point.get("kind"), point["series"])


def build_trend(points: list[dict], labels: dict[str, str] | None = None,
                threshold: Decimal = ROUNDING) -> list[TrendRow]:
    """The rows of every series, ordered by department, scope, kind, series, year.

    Two reports of one series in the same year (should not happen: one report per identity)
    keep the first point."""
    labels = labels or {}
    series: dict[tuple, dict[int, dict]] = defaultdict(dict)
    for point in points:
        if point.get("fiscal_year") is None:
            continue
        series[_key(point)].setdefault(point["fiscal_year"], point)
    rows: list[TrendRow] = []
    for key in sorted(series, key=lambda k: tuple("" if p is None else str(p) for p in k)):
        years = series[key]
        previous: dict | None = None
        for year in sorted(years):
            point = years[year]
            rows.append(_row(point, previous, labels, threshold))
            previous = point
    return rows


def _row(point: dict, previous: dict | None, labels: dict[str, str], threshold: Decimal) -> TrendRow:
    value = point.get("value")
    prev_value = previous.get("value") if previous else None
    change = value - prev_value if value is not None and prev_value is not None else None
    stated, how = stated_prior(point)
    prior_year = point.get("stated_prior_year") or point["fiscal_year"] - 1
    own = prev_value if previous and previous["fiscal_year"] == prior_year else None
    gap = stated - own if stated is not None and own is not None else None
    return TrendRow(
        department=point["department"], scope=point.get("scope"), kind=point.get("kind"),
        series=point["series"], label=labels.get(point["series"], point.get("name") or point["series"]),
        fiscal_year=point["fiscal_year"], value=value, unit=point.get("unit"), change=change,
        change_pct=percent(change, prev_value), previous_year=previous["fiscal_year"] if previous else None,
        previous_value=prev_value, stated_prior=stated, stated_prior_source=how, prior_gap=gap,
        restated=gap is not None and abs(gap) > threshold, page=point.get("page"),
        origin=point.get("origin"), report_id=point["report_id"])


def stated_prior(point: dict) -> tuple[Decimal | None, str | None]:
    """The prior-year figure the report states: printed, else value − stated change."""
    if point.get("stated_prior") is not None:
        return point["stated_prior"], "printed"
    change, value = point.get("stated_change"), point.get("stated_value")
    if change is not None and value is not None:
        return value - change, "implied"
    return None, None


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole × 100, to 0.01 (None when either is missing or whole is 0)."""
    if part is None or whole is None or whole == 0:
        return None
    return (part / whole * 100).quantize(PCT_PLACES, rounding=ROUND_HALF_UP)


def execution(rows: list[TrendRow]) -> list[ExecutionRow]:
    """决算 beside 预算 per department, scope, series and year (where either is stored)."""
    pairs: dict[tuple, dict[str, TrendRow]] = defaultdict(dict)
    for row in rows:
        if row.kind in ("budget", "final"):
            pairs[(row.department, row.scope, row.series, row.fiscal_year)][row.kind] = row
    result = []
    for key in sorted(pairs, key=lambda k: tuple("" if p is None else str(p) for p in k)):
        budget, final = pairs[key].get("budget"), pairs[key].get("final")
        any_row = budget or final
        b = budget.value if budget else None
        f = final.value if final else None
        result.append(ExecutionRow(
            department=key[0], scope=key[1], series=key[2], label=any_row.label, fiscal_year=key[3],
            budget=b, final=f, execution_pct=percent(f, b), unit=any_row.unit))
    return result


TREND_COLUMNS = list(TrendRow.__dataclass_fields__)
EXECUTION_COLUMNS = list(ExecutionRow.__dataclass_fields__)
