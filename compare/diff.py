"""What changed between two reports of one department: data only, no I/O, no rendering.

``compare_reports(a, b)`` answers "what changed from YEAR_A to YEAR_B":

* facts side by side (one value per metric, the text's before a table's), with the
  absolute and % change;
* classification lines matched by code within the same table and measure, with names
  crosswalked across years (``compare.crosswalk``): a line whose name or code changed is
  ``renamed``, never removed + added; a table only one report has is noted, not diffed
  (its lines are not "removed", the other report just lacks the table);
* projects matched by name;
* restatements: where b states a prior-year figure (a ``prior_value``, or one implied by
  "比上年增加X万元") that differs from a's own figure for that metric.

Lists are ordered largest change first. ``threshold`` (万元, or percentage points / units
for non-money facts) hides changes no larger than it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from compare.crosswalk import Crosswalk, name_key
from extractors.checks.labels import metric_label, table_label
from extractors.checks.policy import AMOUNT_TOLERANCE
from extractors.checks.select import ORIGINS, is_current, report_year
from extractors.checks.subjects import subject_key
from extractors.codes import default_table
from models.records import Fact, LineItem, ReportRecord

Status = Literal["added", "removed", "renamed", "changed", "unchanged"]


@dataclass(frozen=True)
class Change:
    """Two values of one thing and how they differ."""

    a: Decimal | None
    b: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def pct(self) -> Decimal | None:
        """% change, two decimals; None over a zero or missing base."""
        if self.delta is None or not self.a:
            return None
        return (self.delta * 100 / abs(self.a)).quantize(Decimal("0.01"))

    @property
    def size(self) -> Decimal:
        """How big the change is, for ordering (added/removed: the value itself)."""
        if self.delta is not None:
            return abs(self.delta)
        return abs(self.b if self.b is not None else self.a or Decimal(0))


@dataclass(frozen=True)
class FactChange:
    metric: str
    label: str
    unit: str
    status: Status
    change: Change
    page_a: int | None = None
    page_b: int | None = None


@dataclass(frozen=True)
class LineChange:
    table: str
    column: str
    code_a: str | None
    code_b: str | None
    name_a: str | None
    name_b: str | None
    status: Status
    change: Change
    rename: str | None = None  # what changed in the name/code, and whether it is documented
    page_a: int | None = None
    page_b: int | None = None
    side: str | None = None  # "income" / "expenditure" in two-sided tables

    @property
    def code(self) -> str | None:
        return self.code_b or self.code_a

    @property
    def name(self) -> str | None:
        return self.name_b or self.name_a


@dataclass(frozen=True)
class ProjectChange:
    name: str
    status: Status
    budget: Change
    executed: Change
    page_a: int | None = None
    page_b: int | None = None


@dataclass(frozen=True)
class Restatement:
    """b's statement about a's year against a's own report."""

    metric: str
    label: str
    year: int | None  # the year restated (a's year)
    stated_in_b: Decimal
    own_in_a: Decimal
    how: str  # "stated" (上年数 printed) or "implied" (本年数 − 增减额)
    page_a: int | None = None
    page_b: int | None = None

    @property
    def difference(self) -> Decimal:
        return self.stated_in_b - self.own_in_a


@dataclass
class ReportDiff:
    department: str | None
    year_a: int | None
    year_b: int | None
    kind_a: str | None
    kind_b: str | None
    facts: list[FactChange] = field(default_factory=list)
    lines: list[LineChange] = field(default_factory=list)
    projects: list[ProjectChange] = field(default_factory=list)
    restatements: list[Restatement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def changed(self, items: Iterable) -> list:
        """Items whose status is not ``unchanged``."""
        return [i for i in items if i.status != "unchanged"]


def compare_reports(a: ReportRecord, b: ReportRecord, threshold: Decimal | int | str = 0,
                    crosswalk: Crosswalk | None = None) -> ReportDiff:
    """Compare report ``a`` (usually the earlier year) with report ``b``."""
    threshold = Decimal(str(threshold))
    year_a, year_b = report_year(a), report_year(b)
    forward = year_a is None or year_b is None or year_a <= year_b
    diff = ReportDiff(
        department=b.identity.value("department") or a.identity.value("department"),
        year_a=year_a, year_b=year_b,
        kind_a=a.identity.value("kind"), kind_b=b.identity.value("kind"),
    )
    diff.facts = _diff_facts(a, b, threshold)
    diff.lines, diff.notes = _diff_lines(a, b, threshold, crosswalk or Crosswalk.load(), forward)
    diff.projects = _diff_projects(a, b, threshold)
    if diff.kind_a == diff.kind_b:
        diff.restatements = _restatements(a, b)
    else:  # a 预算 report's prior-year figures are budgets, a 决算 report's are finals
        diff.notes.append("决算与预算相比：不比较上年数重述")
    return diff


# -- facts ------------------------------------------------------------------------------

def main_facts(record: ReportRecord) -> dict[str, Fact]:
    """One current-year value per department-level metric: the text's first, else a table's."""
    year = report_year(record)
    chosen: dict[str, Fact] = {}
    for origin in ORIGINS:
        for fact in record.facts:
            if (fact.origin == origin and not fact.subject and fact.value is not None
                    and is_current(fact, year)):
                chosen.setdefault(fact.metric, fact)
    return chosen


def _status(change: Change, threshold: Decimal) -> Status:
    if change.a is None:
        return "added"
    if change.b is None:
        return "removed"
    return "changed" if abs(change.b - change.a) > threshold else "unchanged"


def _diff_facts(a: ReportRecord, b: ReportRecord, threshold: Decimal) -> list[FactChange]:
    fa, fb = main_facts(a), main_facts(b)
    out = []
    for metric in list(fa) + [m for m in fb if m not in fa]:
        x, y = fa.get(metric), fb.get(metric)
        change = Change(x.value if x else None, y.value if y else None)
        unit = (y or x).unit  # type: ignore[union-attr]
        out.append(FactChange(metric, metric_label(metric), unit, _status(change, threshold), change,
                              x.source.page if x else None, y.source.page if y else None))
    return sorted(out, key=_order)


def _order(item) -> tuple:
    """Renamed, changed, added, removed, unchanged; money before counts; largest first."""
    rank = {"renamed": 0, "changed": 1, "added": 2, "removed": 3, "unchanged": 4}[item.status]
    change = item.change if hasattr(item, "change") else item.executed
    return (rank, getattr(item, "unit", "万元") != "万元", -change.size)


# -- classification lines -------------------------------------------------------------

def _line_groups(record: ReportRecord) -> dict[tuple, dict[str, LineItem]]:
    """(table, column, side) → first line per code (or per name when it has no code)."""
    groups: dict[tuple, dict[str, LineItem]] = {}
    for line in record.line_items:
        if line.value is None or line.unit == "%" or line.column.endswith("_pct"):
            continue
        key = line.code or f"name:{name_key(line.name)}"
        groups.setdefault((line.table, line.column, line.side), {}).setdefault(key, line)
    return groups


def _diff_lines(a: ReportRecord, b: ReportRecord, threshold: Decimal, crosswalk: Crosswalk,
                forward: bool) -> tuple[list[LineChange], list[str]]:
    ga, gb = _line_groups(a), _line_groups(b)
    notes = [f"{table_label(t)} ({c}) 仅见于{label}年报告，未比较"
             for groups, other, label in ((ga, gb, _year(a)), (gb, ga, _year(b)))
             for (t, c, s) in groups if (t, c, s) not in other]
    out: list[LineChange] = []
    for group in [k for k in ga if k in gb]:
        out.extend(_match_group(group, ga[group], gb[group], threshold, crosswalk, forward,
                                (report_year(a), report_year(b))))
    return sorted(out, key=_order), sorted(set(notes))


def _year(record: ReportRecord) -> str:
    year = report_year(record)
    return str(year) if year is not None else "?"


def _match_group(group: tuple, la: dict[str, LineItem], lb: dict[str, LineItem], threshold: Decimal,
                 crosswalk: Crosswalk, forward: bool, years: tuple[int | None, int | None]) -> list[LineChange]:
    table, column, side = group
    pairs: list[tuple[LineItem | None, LineItem | None, str | None]] = []
    left, right = dict(la), dict(lb)
    # 1. documented renames (a code may move: 30311 住房公积金 → 30113)
    for key, x in list(left.items()):
        rename = crosswalk.successor(x.code, x.name, forward)
        if rename is None:
            continue
        code, name = crosswalk.target(rename, forward)
        y = right.get(code)
        if y is not None:
            pairs.append((x, y, f"{rename.describe()}（对照表）"))
            del left[key], right[code]
    # 2. same code (a name that differs without a documented rename is still reported)
    for key in [k for k in left if k in right]:
        x, y = left.pop(key), right.pop(key)
        pairs.append((x, y, None if name_key(x.name) == name_key(y.name) else _name_note(x, y, years)))
    # 3. same name and level, new code
    for key, x in list(left.items()):
        match = next((k for k, y in right.items() if name_key(y.name) == name_key(x.name)
                      and len(y.code or "") == len(x.code or "")), None)
        if match is not None:
            y = right.pop(match)
            del left[key]
            pairs.append((x, y, f"编码变更: {x.code} → {y.code}"))
    pairs += [(x, None, None) for x in left.values()] + [(None, y, None) for y in right.values()]
    return [replace(_line_change(table, column, x, y, note, threshold), side=side) for x, y, note in pairs]


def _name_note(x: LineItem, y: LineItem, years: tuple[int | None, int | None]) -> str:
    """"名称不同: A → B", saying so when the code table has each name for its year."""
    codes = default_table()
    kind = x.classification if x.classification in ("function", "economic") else "function"
    known = (x.code is not None and None not in years
             and name_key(codes.name_of(x.code, years[0], kind) or "") == name_key(x.name)
             and name_key(codes.name_of(x.code, years[1], kind) or "") == name_key(y.name))
    return f"名称不同{'（代码表记录）' if known else ''}: {x.name} → {y.name}"


def _line_change(table: str, column: str, x: LineItem | None, y: LineItem | None, note: str | None,
                 threshold: Decimal) -> LineChange:
    change = Change(x.value if x else None, y.value if y else None)
    status: Status = "renamed" if note else _status(change, threshold)
    return LineChange(table, column, x.code if x else None, y.code if y else None,
                      x.name if x else None, y.name if y else None, status, change, note,
                      x.source.page if x else None, y.source.page if y else None)


# -- projects ---------------------------------------------------------------------------

def projects_of(record: ReportRecord) -> dict[str, tuple[str, Decimal | None, Decimal | None, int | None]]:
    """Project key → (name, budget, executed, page): forms first, then the text's project facts."""
    out: dict[str, tuple[str, Decimal | None, Decimal | None, int | None]] = {}
    for project in record.projects:
        out.setdefault(subject_key(project.name), (project.name, project.budget, project.executed,
                                                   project.source.page))
    text: dict[str, dict[str, Fact]] = {}
    for fact in record.facts:
        if fact.subject and fact.metric in ("project.budget", "project.executed") and fact.value is not None:
            text.setdefault(subject_key(fact.subject), {}).setdefault(fact.metric, fact)
    for key, facts in text.items():
        if key not in out:
            any_fact = next(iter(facts.values()))
            budget, executed = facts.get("project.budget"), facts.get("project.executed")
            out[key] = (any_fact.subject or key, budget.value if budget else None,
                        executed.value if executed else None, any_fact.source.page)
    return out


def _diff_projects(a: ReportRecord, b: ReportRecord, threshold: Decimal) -> list[ProjectChange]:
    pa, pb = projects_of(a), projects_of(b)
    out = []
    for key in list(pa) + [k for k in pb if k not in pa]:
        x, y = pa.get(key), pb.get(key)
        budget = Change(x[1] if x else None, y[1] if y else None)
        executed = Change(x[2] if x else None, y[2] if y else None)
        if x is None:
            status: Status = "added"
        elif y is None:
            status = "removed"
        else:
            moved = [c.delta for c in (budget, executed) if c.delta is not None and abs(c.delta) > threshold]
            status = "changed" if moved else "unchanged"
        out.append(ProjectChange((y or x)[0], status, budget, executed,  # type: ignore[index]
                                 x[3] if x else None, y[3] if y else None))
    return sorted(out, key=lambda p: (_order(p)[0], -max(p.executed.size, p.budget.size)))


# -- restatements -----------------------------------------------------------------------

def _restatements(a: ReportRecord, b: ReportRecord) -> list[Restatement]:
    """b's prior-year figures that differ from a's own (more than a rounding cent)."""
    own = main_facts(a)
    year_a, year_b = report_year(a), report_year(b)
    out: dict[str, Restatement] = {}
    for fact in b.facts:
        if fact.subject or fact.metric not in own:
            continue
        stated = _prior_of(fact, year_a, year_b)
        if stated is None:
            continue
        value, how = stated
        mine = own[fact.metric]
        if mine.value is None or value == mine.value:
            continue
        out.setdefault(fact.metric, Restatement(fact.metric, metric_label(fact.metric), year_a, value,
                                                mine.value, how, mine.source.page, fact.source.page))
    return sorted(out.values(), key=lambda r: -abs(r.difference))


def _prior_of(fact: Fact, year_a: int | None, year_b: int | None) -> tuple[Decimal, str] | None:
    """What ``fact`` (in b) says a's year was: its prior value, or this year's minus the change."""
    if fact.year is not None and year_a is not None and fact.year == year_a and fact.value is not None:
        return fact.value, "stated"
    if not is_current(fact, year_b) or fact.value is None:
        return None
    if fact.prior_year is not None and year_a is not None and fact.prior_year != year_a:
        return None
    if fact.prior_value is not None:
        return fact.prior_value, "stated"
    if fact.change is not None:
        return fact.value - fact.change, "implied"
    return None


def within_rounding(restatement: Restatement) -> bool:
    """A restatement no larger than rounding (≤ 0.05 万元): worth listing, not alarming."""
    return abs(restatement.difference) <= AMOUNT_TOLERANCE
