"""The figures a check compares, and how a finding names them for a person.

A finding must let a reader go straight to the page: every figure it cites carries its
value as printed, where it was printed (正文 / a table / a performance form) and its page,
line or block. ``Figure`` is that citation; ``finding`` assembles a ``Finding`` from them so
that every rule words its messages, pages and values the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extractors.checks.labels import column_label, metric_label, table_label
from extractors.checks.policy import fmt_amount, printed_half_unit, wan_decimals
from models.records import Fact, Finding, LineItem, Project, Severity, Source

ORIGIN_LABELS = {"narrative": "正文", "table": "表格", "form": "绩效表"}


@dataclass(frozen=True)
class Figure:
    """One amount as a check sees it: value in 万元 plus everything needed to cite it."""

    label: str
    value: Decimal
    source: Source
    origin: str  # 正文 / the table's name / 绩效表
    printed: str  # as printed, with its unit ("0.09万元")
    half_unit: Decimal = Decimal(0)  # printed precision in 万元 (亿元 figures only)
    decimals: int = 2  # decimals of 万元 the figure was printed with (policy.wan_decimals)

    def where(self) -> str:
        """"正文, 第7页" — the origin and the most precise location we have."""
        return f"{self.origin}, {locate(self.source)}"

    def cite(self) -> str:
        """"0.09万元 (正文, 第7页)"."""
        return f"{self.printed} ({self.where()})"


def locate(source: Source) -> str:
    """The page (PDF), else the .txt line, else the block index."""
    if source.page is not None:
        return f"第{source.page}页"
    if source.line is not None:
        return f"第{source.line}行"
    return f"第{source.block}段" if source.block is not None else "位置不明"


def _printed(value: Decimal, printed_value: str | None, printed_unit: str | None, unit: str) -> str:
    if printed_value:
        return f"{printed_value}{printed_unit or unit}"
    return f"{fmt_amount(value)}{unit}"


def fact_figure(fact: Fact, label: str | None = None) -> Figure:
    """The fact's main value as a Figure (callers check ``fact.value`` is not None)."""
    assert fact.value is not None
    return Figure(
        label=label or metric_label(fact.metric, fact.subject),
        value=fact.value,
        source=fact.source,
        origin=ORIGIN_LABELS.get(fact.origin, fact.origin),
        printed=_printed(fact.value, fact.printed_value, fact.printed_unit, fact.unit),
        half_unit=printed_half_unit(fact.printed_value, fact.printed_unit),
        decimals=wan_decimals(fact.printed_value, fact.printed_unit, fact.value),
    )


def qualifier_figure(fact: Fact, value: Decimal, label: str) -> Figure:
    """A qualifier of a fact (prior-year value, change, budget) as a Figure of its own."""
    return Figure(label=label, value=value, source=fact.source,
                  origin=ORIGIN_LABELS.get(fact.origin, fact.origin),
                  printed=f"{fmt_amount(value)}{fact.unit}")


def line_figure(line: LineItem) -> Figure:
    """A classification line's value as a Figure (callers check ``line.value``)."""
    assert line.value is not None
    name = f"{line.name} ({line.code})" if line.code else line.name
    origin = "正文" if line.table == "narrative" else table_label(line.table)
    if line.table != "narrative" and line.column not in ("total", "final"):
        name = f"{name} [{column_label(line.column)}]"
    return Figure(
        label=name, value=line.value, source=line.source, origin=origin,
        printed=_printed(line.value, line.printed_value, line.printed_unit, line.unit),
        half_unit=printed_half_unit(line.printed_value, line.printed_unit),
        decimals=wan_decimals(line.printed_value, line.printed_unit, line.value),
    )


def project_figure(project: Project, attr: str, label: str) -> Figure:
    """A performance form's amount (``executed``, ``budget`` …) as a Figure."""
    value = getattr(project, attr)
    assert value is not None
    return Figure(label=label, value=value, source=project.source, origin="绩效表",
                  printed=f"{fmt_amount(value)}{project.money_unit}")


def finding(rule: str, severity: Severity, message: str, figures: Iterable[Figure],
            subject: str | None = None, extra_values: Iterable[tuple[str, str]] = ()) -> Finding:
    """A Finding citing ``figures``: their pages, blocks and printed values."""
    figures = list(figures)
    pages = tuple(sorted({f.source.page for f in figures if f.source.page is not None}))
    blocks = tuple(sorted({f.source.block for f in figures if f.source.block is not None}))
    values = tuple((f"{f.label} ({f.where()})", f.printed) for f in figures) + tuple(extra_values)
    return Finding(rule=rule, severity=severity, message=message,
                   page=pages[0] if pages else None, pages=pages, blocks=blocks,
                   values=values, subject=subject)
