"""The classification code table: 支出功能分类 and 部门预算支出经济分类 codes by name and year.

Narrative sentences name a line ("一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行
（项）") without printing its code. The code is resolved here from the names, top-down (类 → 款 under
that 类 → 项 under that 款), because 项 names such as 行政运行 recur under many 款.

Names and codes change across years (20805 行政事业单位离退休 became 行政事业单位养老支出; 30311
住房公积金 moved to 30113, and 30311 later means 代缴社会保险费), so every (code, name) pair keeps
the years it was seen in. Resolution never guesses: a name that matches several codes which the
year cannot separate resolves to ``None``, as does a name the table does not hold.

The shipped table (``extractors/data/*.csv``) starts from the verified pairs of
``shared/reference`` and grows with pairs printed in ingested tables (``CodeTable.learn``);
``*_sources.csv`` beside it says where each pair was seen.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Literal

import regex

Classification = Literal["function", "economic"]

_DATA_FILES: dict[Classification, str] = {
    "function": "subject_codes.csv",
    "economic": "economic_codes.csv",
}

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "［": "（", "］": "）", "[": "（", "]": "）"})
_NOISE = regex.compile(r"[\s\u3000“”\"'‘’]+")
_LEVEL_MARK = regex.compile(r"（\d*[类款项]）$")


def normalize_name(name: str) -> str:
    """A subject name in one canonical spelling: full-width brackets, no spaces or quotes,
    no trailing （类）/（款）/（项） marker."""
    text = _NOISE.sub("", name or "").translate(_BRACKETS)
    return _LEVEL_MARK.sub("", text)


def _loose(name: str) -> str:
    """The name without a trailing 支出: 类 names are printed both ways."""
    name = normalize_name(name)
    return name[:-2] if name.endswith("支出") and len(name) > 2 else name


@dataclass
class CodeEntry:
    """One (code, name) pair and the fiscal years it was seen in (empty: undated source)."""

    code: str
    name: str
    level: str  # 类 / 款 / 项
    parent: str | None
    classification: Classification
    years: set[int] = field(default_factory=set)
    learned: bool = False  # added at run time from a table, not shipped

    def covers(self, year: int) -> bool:
        """True when ``year`` lies within the years this pair was seen (inclusive span)."""
        return bool(self.years) and min(self.years) <= year <= max(self.years)


def _parse_years(text: str) -> set[int]:
    return {int(y) for y in regex.findall(r"\d{4}", text or "")}


class CodeTable:
    """Code ↔ name pairs with years; resolves narrative names to codes without guessing."""

    def __init__(self, entries: Iterable[CodeEntry] = ()) -> None:
        self.entries: list[CodeEntry] = []
        self._by_pair: dict[tuple[Classification, str, str], CodeEntry] = {}
        # The same entries, in the same order, by (classification, code length) and by
        # (classification, code): a lookup scans its level, not the whole table.
        self._by_length: dict[tuple[Classification, int], list[CodeEntry]] = {}
        self._by_code: dict[tuple[Classification, str], list[CodeEntry]] = {}
        for entry in entries:
            self._add(entry)

    # -- loading and learning ----------------------------------------------------------
    @classmethod
    def load(cls) -> CodeTable:
        """The table shipped in ``extractors/data`` (functional and economic codes)."""
        table = cls()
        base = resources.files("extractors") / "data"
        for classification, filename in _DATA_FILES.items():
            with (base / filename).open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    table._add(
                        CodeEntry(
                            code=row["code"].strip(),
                            name=normalize_name(row["name"]),
                            level=row["level"].strip(),
                            parent=row["parent_code"].strip() or None,
                            classification=classification,
                            years=_parse_years(row["year_or_version"]),
                        )
                    )
        return table

    def copy(self) -> CodeTable:
        """An independent copy: a report learns its own tables' pairs without touching
        the shared table (so results never depend on which reports a worker saw first)."""
        return CodeTable(replace(e, years=set(e.years)) for e in self.entries)

    def _add(self, entry: CodeEntry) -> CodeEntry:
        key = (entry.classification, entry.code, entry.name)
        existing = self._by_pair.get(key)
        if existing is not None:
            existing.years |= entry.years
            return existing
        self._by_pair[key] = entry
        self.entries.append(entry)
        self._by_length.setdefault((entry.classification, len(entry.code)), []).append(entry)
        self._by_code.setdefault((entry.classification, entry.code), []).append(entry)
        return entry

    def learn(
        self, code: str, name: str, year: int | None = None, classification: Classification | None = None
    ) -> bool:
        """Record a (code, name) pair a table printed; True when the pair (or its year) is new.

        Only well-formed codes are kept (3/5/7 digits, 2xx functional, 3xx economic), so a
        misread cell cannot poison later resolutions.
        """
        code = (code or "").strip()
        name = normalize_name(name)
        if not name or not regex.fullmatch(r"\d{3}(?:\d{2}){0,2}", code):
            return False
        classification = classification or ("economic" if code.startswith(("3", "5")) else "function")
        if classification == "economic" and len(code) > 5:
            return False
        key = (classification, code, name)
        before = self._by_pair.get(key)
        if before is not None and (year is None or year in before.years):
            return False
        level = {3: "类", 5: "款", 7: "项"}[len(code)]
        self._add(
            CodeEntry(
                code=code,
                name=name,
                level=level,
                parent=code[:-2] if len(code) > 3 else None,
                classification=classification,
                years={year} if year else set(),
                learned=True,
            )
        )
        return True

    def learn_lines(self, items: Iterable, year: int | None = None) -> int:
        """Learn the (code, name) pairs that table line items print; returns how many were new.

        Only printed codes count (``code_origin`` "printed", or table rows, which always
        carry their printed code): a code this table resolved itself teaches nothing.
        """
        new = 0
        for item in items:
            if not item.code or not item.name or item.code_origin not in (None, "printed"):
                continue
            if item.table == "narrative" and item.code_origin != "printed":
                continue
            classification = item.classification if item.classification in ("function", "economic") else None
            new += self.learn(item.code, item.name, year, classification)
        return new

    def learned(self) -> list[CodeEntry]:
        """Pairs added at run time, for the storage layer to persist."""
        return [e for e in self.entries if e.learned]

    # -- lookup ------------------------------------------------------------------------
    def name_of(self, code: str, year: int | None = None, classification: Classification = "function") -> str | None:
        """The name of ``code`` in ``year`` (None when unknown or the year cannot decide)."""
        cands = self._by_code.get((classification, code), [])
        names = {e.name for e in cands}
        if len(names) == 1:
            return names.pop()
        if year is not None:
            dated = {e.name for e in cands if e.covers(year)}
            if len(dated) == 1:
                return dated.pop()
        return None

    def resolve(
        self,
        class_name: str,
        kuan_name: str | None = None,
        xiang_name: str | None = None,
        year: int | None = None,
        classification: Classification = "function",
    ) -> str | None:
        """The code of the deepest level named, resolved top-down; None unless unambiguous."""
        code = self._pick(self._matches(class_name, None, "类", classification), year)
        for level, name in (("款", kuan_name), ("项", xiang_name)):
            if name is None:
                continue
            if code is None:
                return None
            code = self._pick(self._matches(name, code, level, classification), year)
        return code

    def resolve_under(
        self, parent: str, name: str, year: int | None = None,
        classification: Classification = "function",
    ) -> str | None:
        """The code of ``name`` one level below the code ``parent`` (a 款 under its 类, a 项
        under its 款); None unless unambiguous for ``year``."""
        level = {3: "款", 5: "项"}.get(len(parent))
        if level is None:
            return None
        return self._pick(self._matches(name, parent, level, classification), year)

    def _matches(
        self, name: str, parent: str | None, level: str, classification: Classification
    ) -> list[CodeEntry]:
        """Entries at ``level`` under ``parent`` whose name equals ``name`` (exactly, else
        ignoring a trailing 支出)."""
        pool = self._by_length.get((classification, {"类": 3, "款": 5, "项": 7}[level]), [])
        if parent is not None:
            pool = [e for e in pool if e.code.startswith(parent)]
        wanted = normalize_name(name)
        exact = [e for e in pool if e.name == wanted]
        if exact:
            return exact
        loose = _loose(wanted)
        return [e for e in pool if _loose(e.name) == loose]

    @staticmethod
    def _pick(cands: list[CodeEntry], year: int | None) -> str | None:
        codes = {e.code for e in cands}
        if len(codes) == 1:
            return codes.pop()
        if len(codes) > 1 and year is not None:
            dated = {e.code for e in cands if e.covers(year)}
            if len(dated) == 1:
                return dated.pop()
        return None


_DEFAULT: CodeTable | None = None


def default_table() -> CodeTable:
    """The shipped table, loaded once per process (callers that learn should ``load()``)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = CodeTable.load()
    return _DEFAULT
