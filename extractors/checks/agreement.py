"""The same figure, stated in several places, must be the same number.

Rules (named after the two places compared):

* ``narrative_vs_table``, ``narrative_vs_form``, ``table_vs_form`` — a metric (or a
  project's 预算数/执行数, or a 类/款/项 line) stated in the text and again in a table or a
  performance form;
* ``narrative_restated`` / ``table_restated`` — the text (or the tables) state one figure
  twice with two values (the 附件 repeating a section with a different number).

Amounts follow the rounding policy (``policy``): within 0.05 万元 ``info``, beyond it
``error``. A figure printed at two precisions (350.35万元 in the text, 3,503,499元 in a table)
is one figure when both round to the coarser precision: no finding. Percentages stated twice
disagree as ``warning``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from extractors.checks.evidence import Figure, fact_figure, finding, line_figure, project_figure
from extractors.checks.policy import amount_severity, amount_tolerance, percent_disagrees, same_at_precision
from extractors.checks.select import is_current, report_year
from extractors.checks.subjects import same_subject, subject_key
from models.records import Fact, Finding, LineItem, ReportRecord, Severity

PLACES = ("narrative", "table", "form")  # Fact.origin values, in the order rule names use

# Narrative columns that state the same amount as a table's 合计 column.
NARRATIVE_AMOUNT_COLUMNS = ("final", "total")
# Tables (and their amount columns) whose line a text's 类/款/项 amount may restate, preferred
# first on a tie: the general-budget table, the all-funds 支出 table, the 支出 side of the
# 财政拨款收支总表 (当年 + 上年结转) and of the 收支总表.
TABLES_FOR_NARRATIVE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("general_budget_expenditure", ("total",)),
    ("expenditure", ("total",)),
    ("appropriation_summary", ("total", "budget", "final")),
    ("income_expenditure_summary", ("total", "budget", "final")),
)


def check_agreement(record: ReportRecord) -> Iterator[Finding]:
    """Facts stated twice, project amounts in text vs forms, lines in text vs tables."""
    yield from _facts(record)
    yield from _projects(record)
    yield from _lines(record)
    yield from _lines_restated(record)


def rule_name(origin_a: str, origin_b: str) -> str:
    """``narrative_vs_table`` etc.; ``narrative_restated`` when both are the same place."""
    a, b = sorted((origin_a, origin_b), key=lambda o: PLACES.index(o) if o in PLACES else len(PLACES))
    return f"{a}_restated" if a == b else f"{a}_vs_{b}"


def compare(rule: str, first: Figure, second: Figure, *, percent: bool = False,
            subject: str | None = None) -> Finding | None:
    """One finding when ``first`` and ``second`` disagree (None when they agree)."""
    severity: Severity | None
    if percent:
        severity = "warning" if percent_disagrees(first.value, second.value) else None
    elif same_at_precision(first.value, second.value, min(first.decimals, second.decimals)):
        severity = None  # one figure printed at two precisions (万元 text, 元 table)
    elif (_whole_wan(first) or _whole_wan(second)) and same_at_precision(first.value, second.value, 0):
        severity = "info"  # "28,828万元" in the text for 288,280,739元: rounded to the 万元
    else:
        tolerance = amount_tolerance([first.half_unit, second.half_unit])
        severity = amount_severity(second.value - first.value, tolerance)
    if severity is None:
        return None
    verdict = "（四舍五入误差）" if severity == "info" else ""
    message = f"{first.label}: {first.cite()} ≠ {second.cite()}{verdict}"
    return finding(rule, severity, message, [first, second], subject=subject)


def _whole_wan(figure: Figure) -> bool:
    """A large amount the text prints in whole 万元 ("28,828万元"): rounded to the 万元.

    Small whole amounts ("78万元") are usually exact, so only figures of four digits or more
    are taken as rounded: there the cents were dropped, not zero.
    """
    return bool(_WHOLE_WAN.fullmatch(figure.printed))


_WHOLE_WAN = regex.compile(r"\d{1,3}(,\d{3})+万元|\d{4,}万元")


def _facts(record: ReportRecord) -> Iterator[Finding]:
    year = report_year(record)
    groups: dict[tuple[str, str | None], list[Fact]] = {}
    for fact in record.facts:
        if fact.value is not None and is_current(fact, year):
            key = (fact.metric, subject_key(fact.subject) if fact.subject else None)
            groups.setdefault(key, []).append(fact)
    carryovers = [f.value for f in groups.get(("income.carryover", None), []) if f.value is not None]
    grand_totals = [f.value for f in groups.get(("income_expenditure.grand_total", None), []) if f.value is not None]
    for (metric, subject), facts in groups.items():
        scopes = [] if subject else _other_scopes(record, metric, groups)
        if metric in WITH_OR_WITHOUT_CARRYOVER:
            scopes = [*scopes, *grand_totals]  # the text's 收入预算 as the table's 收入总计
        yield from _disagreements(facts, percent=any(f.unit == "%" for f in facts),
                                  carryovers=carryovers if metric in WITH_OR_WITHOUT_CARRYOVER else [],
                                  other_scopes=scopes)


# Totals a report states either for the year's own income or with the 上年结转 added (the 收入
# 预算 of a budget's text includes it, the table's 本年收入合计 does not).
WITH_OR_WITHOUT_CARRYOVER = frozenset({"income.total"})

# Text metrics whose words also name the general budget's figure: "一般公共预算财政拨款支出X万元，
# 其中：基本支出Y万元，项目支出Z万元" states the general budget's 基本支出 with the words of all
# funds'. (metric, the general-budget fact, the general-budget table's 合计-row column)
OTHER_SCOPES = {"expenditure.basic": ("general_budget.basic", "basic"),
                "expenditure.project": (None, "project")}


def _other_scopes(record: ReportRecord, metric: str, groups: dict) -> list:
    """Values the tables print for the same words in another scope (the general budget's)."""
    if metric not in OTHER_SCOPES:
        return []
    fact_metric, column = OTHER_SCOPES[metric]
    values = [f.value for f in groups.get((fact_metric, None), []) if f.origin == "table"] if fact_metric else []
    values += [li.value for li in record.line_items
               if li.table == "general_budget_expenditure" and li.code is None and li.level == "合计"
               and li.column == column and li.value is not None]
    return values


def _disagreements(facts: list[Fact], *, percent: bool, carryovers: list = (),
                   other_scopes: list = ()) -> Iterator[Finding]:
    """Every value of one metric against the text's statement of it.

    Two statements in the text are compared only within one paragraph: sections state a
    metric for different scopes (人员经费 of all 基本支出, then of the general budget's). A
    table's value is compared with the text's closest statement; when the text states the
    metric in several paragraphs with several values it uses the words for several scopes,
    and a table value none of them matches is not a contradiction of any.
    """
    narrative = [f for f in facts if f.origin == "narrative"]
    reference = narrative[0] if narrative else facts[0]
    several_scopes = len({f.value for f in narrative}) > 1 and len({f.source.block for f in narrative}) > 1
    seen = {reference.value}
    for other in facts:
        if other is reference or other.value in seen:
            continue
        if other.origin == reference.origin == "narrative" and other.source.block != reference.source.block:
            continue
        if any(_is_carryover(abs(other.value - reference.value), c) for c in carryovers):
            continue  # one total with 上年结转, the other without: the same report
        first = reference
        if narrative and other.origin != "narrative":
            if several_scopes and not percent:
                continue
            if any(abs(reference.value - v) <= amount_tolerance() for v in other_scopes):
                continue  # the text's figure is the table's in another scope (general budget, 收入总计)
            first = min(narrative, key=lambda f: abs(f.value - other.value))
        seen.add(other.value)
        result = compare(rule_name(first.origin, other.origin), fact_figure(first),
                         fact_figure(other), percent=percent, subject=first.subject or first.metric)
        if result is not None:
            yield result


def _is_carryover(gap, carryover) -> bool:
    return carryover != 0 and abs(gap - abs(carryover)) <= amount_tolerance()


def _projects(record: ReportRecord) -> Iterator[Finding]:
    """A project's 预算数/执行数 in the text against its performance form."""
    attrs = {"project.executed": ("executed", "执行数"), "project.budget": ("budget", "预算数")}
    for project in record.projects:
        for fact in record.facts:
            if fact.metric not in attrs or fact.value is None or not same_subject(fact.subject, project.name):
                continue
            attr, word = attrs[fact.metric]
            if getattr(project, attr) is None:
                continue
            text = fact_figure(fact, f"{project.name}: {word}")
            form = project_figure(project, attr, f"{project.name}: {word}")
            result = compare(rule_name(fact.origin, "form"), text, form, subject=project.name)
            if result is not None:
                yield result


def _lines(record: ReportRecord) -> Iterator[Finding]:
    """A 类/款/项 amount in the text against the same code in the tables.

    The text states a line for the general budget ("一般公共预算财政拨款支出…公共安全支出（类）")
    or for all funds (支出总额 by 功能科目, the 支出总表); the line alone does not say which. So it
    is compared with the table line of that code closest to it (general-budget table first on a
    tie): a figure one of the tables prints is no contradiction, one that no table prints is.
    """
    in_tables: dict[str, list[LineItem]] = {}
    for table_key, columns in TABLES_FOR_NARRATIVE:
        chosen: dict[str, LineItem] = {}
        for line in record.line_items:
            if (line.table == table_key and line.column in columns and line.side in (None, "expenditure")
                    and line.code and line.value is not None):
                chosen.setdefault(line.code, line)
        for code, line in chosen.items():
            in_tables.setdefault(code, []).append(line)
    if not in_tables:
        return
    seen: set[tuple[str, object]] = set()
    for line in _narrative_amounts(record.line_items):
        candidates = in_tables.get(line.code or "")
        if not candidates or (line.code, line.value) in seen:
            continue
        seen.add((line.code, line.value))
        other = min(candidates, key=lambda c: abs((c.value or 0) - (line.value or 0)))
        result = compare("narrative_vs_table", line_figure(line), line_figure(other), subject=line.code)
        if result is not None:
            yield result


def _narrative_amounts(lines: Iterable[LineItem]) -> Iterator[LineItem]:
    for line in lines:
        if (line.table == "narrative" and line.code and line.value is not None
                and line.column in NARRATIVE_AMOUNT_COLUMNS and line.unit != "%"):
            yield line


def _lines_restated(record: ReportRecord) -> Iterator[Finding]:
    """One paragraph giving one line two amounts for one measure ("住房公积金（项）”350.35万元 …
    2024年预算安排352.67万元"). Only within a paragraph: two sections may state a line for
    different scopes (all funds, the general budget)."""
    seen: dict[tuple, LineItem] = {}
    reported: set[tuple] = set()
    for line in _narrative_amounts(record.line_items):
        key = (line.code, line.column, line.source.block)
        first = seen.setdefault(key, line)
        if first is line or first.value == line.value or (key, line.value) in reported:
            continue
        reported.add((key, line.value))
        result = compare("narrative_restated", line_figure(first), line_figure(line), subject=line.code)
        if result is not None:
            yield result
