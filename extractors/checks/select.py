"""Picking the facts a rule compares out of a record.

A record holds several facts per metric (the text states a total in two sections, a table
states it again, a prior-year value is a fact of its own). Rules that add or divide want one
value per metric *from one place*, so that a contradiction between places is reported once,
by the agreement rules, and not again by every sum that uses the figure.
"""

from __future__ import annotations

from models.records import Fact, ReportRecord

ORIGINS = ("narrative", "table", "form")


def report_year(record: ReportRecord) -> int | None:
    """The fiscal year the report is about, when identity found it."""
    year = record.identity.value("fiscal_year")
    return int(year) if isinstance(year, int) or (isinstance(year, str) and year.isdigit()) else None


def is_current(fact: Fact, year: int | None) -> bool:
    """A fact about the report's own year (not a prior-year statement)."""
    return fact.year is None or year is None or fact.year == year


def facts_by_metric(record: ReportRecord, origin: str) -> dict[str, Fact]:
    """The first stated, current-year, department-level fact per metric from ``origin``."""
    year = report_year(record)
    chosen: dict[str, Fact] = {}
    for fact in record.facts:
        if fact.origin != origin or fact.subject or fact.value is None or not is_current(fact, year):
            continue
        chosen.setdefault(fact.metric, fact)
    return chosen


def first_fact(record: ReportRecord, metric: str, prefer: str) -> Fact | None:
    """The metric from ``prefer``'s origin, else from any other origin."""
    for origin in (prefer, *[o for o in ORIGINS if o != prefer]):
        fact = facts_by_metric(record, origin).get(metric)
        if fact is not None:
            return fact
    return None
