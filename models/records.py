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
* A field's storage is stated beside it: ``stored(length=16)`` (a ``VARCHAR(16)``; a ``str``
  without a length is ``TEXT``), ``index=True``, ``column="…"`` (its column's name when the
  field's is an SQL keyword), ``insert_default`` / ``server_default``. ``models.columns``
  builds the ORM columns from these and the annotations, so a new field is one edit here
  plus its migration.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["final", "budget"]
Scope = Literal["department", "unit"]
Severity = Literal["info", "warning", "error"]

COLUMN = "column"  # the key of a field's storage in ``dataclasses.field(metadata=...)``


def stored(
    default: Any = MISSING, *, default_factory: Any = MISSING, kw_only: Any = MISSING,
    length: int | None = None, index: bool = False, column: str | None = None,
    insert_default: Any = MISSING, server_default: str | None = None,
) -> Any:
    """A dataclass field and how its column is stored (no SQL here: ``models.columns`` reads it).

    ``length``: a ``str`` column's ``VARCHAR`` length (without one it is ``TEXT``); ``index``:
    the column is indexed; ``column``: the column's name when it is not the field's;
    ``insert_default`` / ``server_default``: the column's default on insert, in Python and in
    the database (the field's own ``default`` is the record's, not the column's)."""
    storage = {"length": length, "index": index, "name": column,
               "insert_default": insert_default, "server_default": server_default}
    return field(default=default, default_factory=default_factory, kw_only=kw_only,
                 metadata={COLUMN: storage})


@dataclass(frozen=True)
class Source:
    """Where a record was read: enough for a person to find it in the original file."""

    block: int | None = None
    page: int | None = None
    line: int | None = None
    text: str = stored("", insert_default="")
    row: int | None = stored(None, column="cell_row")  # table row (0-based) for table-derived records
    col: int | None = stored(None, column="cell_col")  # table column (0-based)
    # How the text it was read from was read: "text" (the file's text layer or markup) or
    # "ocr" (recognised from a scanned page image), and for OCR the lowest recognition
    # score (0-1) of the boxes the value came from (its table cell, its form's cells, or
    # its paragraph).
    read_by: str = stored("text", length=8, insert_default="text", server_default="text")
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
    found_in: str  # "manifest" | "title" | "heading" | "text" | "table" | "filename" | "mention"
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

    metric: str = stored(length=80, index=True)
    value: Decimal | None
    unit: str = stored(length=16)
    source: Source
    printed_unit: str | None = stored(None, length=16)
    printed_value: str | None = stored(None, length=64)
    prior_value: Decimal | None = None
    prior_year: int | None = None
    change: Decimal | None = None
    change_pct: Decimal | None = None
    share_pct: Decimal | None = None
    budget_value: Decimal | None = None
    completion_pct: Decimal | None = None
    year: int | None = None  # the year the value refers to, when stated
    origin: str = stored("narrative", length=16)  # "narrative" | "table" | "form"
    subject: str | None = None  # e.g. a project name for project.* metrics
    # Which budget ``budget_value`` and ``completion_pct`` refer to, as the wording names it:
    # "年初预算" (完成年初预算的X%, 年初预算为A), "调整预算" (为调整预算的X%), None when it says 预算 only.
    budget_basis: str | None = stored(None, length=8)
    # 决算 − 预算 as the sentence states it ("决算数较预算数减少5.91万元" → −5.91), in 万元.
    budget_gap: Decimal | None = None


@dataclass(frozen=True)
class LineItem:
    """One value of one classification line: a (code, name) row × a measure column."""

    # Declaration order is the export's order (models.schema); the keyword-only fields sit
    # where the export puts them without changing the positional arguments.
    table: str = stored(length=48, column="table_key")  # SPEC.md table key, or "narrative"
    classification: str = stored(length=16)  # "function" | "economic" | "other"
    code: str | None = stored(length=16, index=True)
    code_origin: str | None = stored(None, kw_only=True, length=16)  # "printed" | "report" | "resolved" | None
    level: str | None = stored(None, kw_only=True, length=8)  # 类 / 款 / 项 (or 合计 for a total row)
    name: str
    # The name of the row this one belongs to (一、 > （一） > 1. > （1）; 其中 under the row
    # above), for rows printed without a classification code; None otherwise.
    parent: str | None = stored(None, kw_only=True, length=255)
    # "total", "basic", "project", "budget", "final", "personnel", …; TEXT (schema 0008): a
    # measure qualified by its headers ("<banner>:change") has no bound.
    column: str = stored(column="measure")
    side: str | None = stored(None, kw_only=True, length=16)  # "income" | "expenditure" for two-sided tables
    value: Decimal | None
    source: Source
    unit: str = stored("万元", length=16)
    printed_unit: str | None = stored(None, length=16)
    printed_value: str | None = stored(None, length=64)

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
    target_op: str | None = stored(None, length=4)  # "=", "≥", "≤", ">", "<"
    target_value: Decimal | None = None
    target_unit: str | None = stored(None, length=16)
    actual_op: str | None = stored(None, length=4)
    actual_value: Decimal | None = None
    actual_unit: str | None = stored(None, length=16)
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str | None = None
    nature: str | None = None  # 指标性质 where the form has it


@dataclass(frozen=True)
class Project:
    """A project (or the department as a whole) from a performance form or narrative."""

    name: str
    source: Source
    form: str = stored("project_completion", length=48)  # which form layout it came from
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
    money_unit: str = stored("万元", length=16)
    printed_unit: str | None = stored(None, length=16)
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A consistency-check result: a named rule, a severity and what it saw."""

    rule: str = stored(length=64, index=True)
    severity: Severity = stored(length=8)
    message: str
    page: int | None = None
    pages: tuple[int, ...] = stored((), insert_default=list)
    blocks: tuple[int, ...] = stored((), insert_default=list)
    values: tuple[tuple[str, str], ...] = stored((), insert_default=list)  # (label, value as printed) pairs
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
