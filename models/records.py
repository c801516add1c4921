"""Plain records that extraction returns and storage consumes.

Extractors build these from the document model; ``db/`` turns them into rows; checks and
diff read them. They are plain dataclasses (no ORM, no I/O) so the same record can be
compared across the .txt, .docx and .pdf renderings of one report, serialised to the
JSON export, and rebuilt from the database.

Conventions (SPEC.md):
* Money is ``Decimal`` in 万元; ``printed_unit`` keeps the unit the source printed
  (元 / 万元 / 亿元) and ``printed_value`` the figure exactly as printed.
* Percentages are numbers: 16.24 means 16.24 %; decreases are negative.
* A figure the document does not state is ``None``, never 0.
* Every fact, line item, project and indicator has a ``Source``: the block index in the
  document, the PDF page (``None`` for .docx and .txt), the .txt line, the text it
  was read from, and how that text was read (``read_by`` "text" or "ocr", with the OCR
  confidence).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["final", "budget"]
Scope = Literal["department", "unit"]
Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Source:
    """Where a record was read: enough for a person to find it in the original file."""

    block: int | None = None
    page: int | None = None
    line: int | None = None
    text: str = ""
    row: int | None = None  # table row (0-based) for table-derived records
    col: int | None = None  # table column (0-based)
    # How the text it was read from was read: "text" (the file's text layer or markup) or
    # "ocr" (recognised from a scanned page image), and for OCR the lowest recognition
    # score (0-1) of the boxes the value came from (its table cell, its form's cells, or
    # its paragraph).
    read_by: str = "text"
    ocr_confidence: Decimal | None = None

    def without_location(self) -> Source:
        """The same source with page/line removed: equal across .txt/.docx/.pdf."""
        return replace(self, page=None, line=None)

    @property
    def is_ocr(self) -> bool:
        return self.read_by == "ocr"


@dataclass(frozen=True)
class Evidence:
    """A report-identity value and where it was found (title, heading, text, file name)."""

    value: str | int | None
    found_in: str  # "manifest" | "title" | "heading" | "text" | "table" | "filename"
    source: Source = field(default_factory=Source)


@dataclass(frozen=True)
class Identity:
    """Who published the report, for which year, of which kind."""

    department: Evidence | None = None
    region: Evidence | None = None
    fiscal_year: Evidence | None = None
    kind: Evidence | None = None  # "final" | "budget"
    scope: Evidence | None = None  # "department" | "unit"
    # "本级" (the department's own accounts) | "汇总" (consolidated with its units), as printed
    # after the name: "深圳市公安局交通管理局（本级）"; None when the document does not say.
    consolidation: Evidence | None = None
    title: str | None = None

    def value(self, name: str) -> Any:
        ev = getattr(self, name)
        return None if ev is None else ev.value


@dataclass(frozen=True)
class Fact:
    """One figure the report states, with its qualifiers.

    ``metric`` is a SPEC.md key (``income.total``, ``three_public.vehicle_fleet`` …).
    ``unit`` is 万元 for money, % for ratios, or the count's own unit (辆, 人, 个 …).
    """

    metric: str
    value: Decimal | None
    unit: str
    source: Source
    printed_unit: str | None = None
    printed_value: str | None = None
    prior_value: Decimal | None = None
    prior_year: int | None = None
    change: Decimal | None = None
    change_pct: Decimal | None = None
    share_pct: Decimal | None = None
    budget_value: Decimal | None = None
    completion_pct: Decimal | None = None
    year: int | None = None  # the year the value refers to, when stated
    origin: str = "narrative"  # "narrative" | "table" | "form"
    subject: str | None = None  # e.g. a project name for project.* metrics
    # Which budget ``budget_value`` and ``completion_pct`` refer to, as the wording names it:
    # "年初预算" (完成年初预算的X%, 年初预算为A), "调整预算" (为调整预算的X%), None when it says 预算 only.
    budget_basis: str | None = None
    # 决算 − 预算 as the sentence states it ("决算数较预算数减少5.91万元" → −5.91), in 万元.
    budget_gap: Decimal | None = None


@dataclass(frozen=True)
class LineItem:
    """One value of one classification line: a (code, name) row × a measure column."""

    # Declaration order is the export's order (models.schema); the keyword-only fields sit
    # where the export puts them without changing the positional arguments.
    table: str  # SPEC.md table key, or "narrative"
    classification: str  # "function" | "economic" | "other"
    code: str | None
    code_origin: str | None = field(default=None, kw_only=True)  # "printed" | "report" | "resolved" | None
    level: str | None = field(default=None, kw_only=True)  # 类 / 款 / 项 (or 合计 for a total row)
    name: str
    column: str  # "total", "basic", "project", "budget", "final", "personnel", …
    side: str | None = field(default=None, kw_only=True)  # "income" | "expenditure" for two-sided tables
    value: Decimal | None
    source: Source
    unit: str = "万元"
    printed_unit: str | None = None
    printed_value: str | None = None

    @property
    def code_level(self) -> str | None:
        return {3: "类", 5: "款", 7: "项"}.get(len(self.code or ""))


@dataclass(frozen=True)
class Indicator:
    """One row of a performance form's indicator block."""

    level1: str | None
    level2: str | None
    level3: str | None
    target: str | None
    actual: str | None
    source: Source
    target_op: str | None = None  # "=", "≥", "≤", ">", "<"
    target_value: Decimal | None = None
    target_unit: str | None = None
    actual_op: str | None = None
    actual_value: Decimal | None = None
    actual_unit: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str | None = None
    nature: str | None = None  # 指标性质 where the form has it


@dataclass(frozen=True)
class Project:
    """A project (or the department as a whole) from a performance form or narrative."""

    name: str
    source: Source
    form: str = "project_completion"  # which form layout it came from
    unit: str | None = None
    budget: Decimal | None = None
    budget_fiscal: Decimal | None = None
    budget_other: Decimal | None = None
    executed: Decimal | None = None
    executed_fiscal: Decimal | None = None
    executed_other: Decimal | None = None
    completion_pct: Decimal | None = None
    goal_expected: str | None = None
    goal_actual: str | None = None
    score: Decimal | None = None
    money_unit: str = "万元"
    printed_unit: str | None = None
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A consistency-check result: a named rule, a severity and what it saw."""

    rule: str
    severity: Severity
    message: str
    page: int | None = None
    pages: tuple[int, ...] = ()
    blocks: tuple[int, ...] = ()
    values: tuple[tuple[str, str], ...] = ()  # (label, value as printed) pairs
    subject: str | None = None  # metric, code or project the finding is about


@dataclass
class ReportRecord:
    """Everything extracted from one report (one or several files)."""

    identity: Identity
    facts: list[Fact] = field(default_factory=list)
    line_items: list[LineItem] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tables_found: list[dict[str, Any]] = field(default_factory=list)  # which standard tables, where
    warnings: list[str] = field(default_factory=list)


def to_plain(obj: Any) -> Any:
    """A JSON-ready copy: Decimals as strings-free numbers are left to the exporter."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: to_plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj


def strip_locations(obj: Any) -> Any:
    """``to_plain`` with page/line (and how the text was read) dropped from every Source:
    compares renderings (.txt, .docx, .pdf, a scan of it)."""
    plain = to_plain(obj)
    return _drop_keys(plain, {"page", "line", "pages", "read_by", "ocr_confidence"})


def _drop_keys(obj: Any, keys: set[str]) -> Any:
    if isinstance(obj, dict):
        return {k: _drop_keys(v, keys) for k, v in obj.items() if k not in keys}
    if isinstance(obj, list):
        return [_drop_keys(x, keys) for x in obj]
    return obj


__all__ = [
    "Evidence",
    "Fact",
    "Finding",
    "Identity",
    "Indicator",
    "Kind",
    "LineItem",
    "Project",
    "ReportRecord",
    "Scope",
    "Severity",
    "Source",
    "asdict",
    "strip_locations",
    "to_plain",
]
