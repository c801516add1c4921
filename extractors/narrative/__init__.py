"""Every figure a report's text states, as ``Fact`` records with their source sentence.

Entry point: ``extract_facts(doc, identity)``. The work is split by what it knows:

* ``tokens.py`` finds figures (amounts, percents, counts, "持平") and the words before them;
* ``labels.py`` maps those words to SPEC.md metric keys;
* ``scanner.py`` reads a paragraph, attaching qualifiers (prior value, change, change %,
  share, budget, completion) to the figure of the sentence they are in.

Text claimed by a classification sentence (``extractors.classification``) is left to that
module, so a 项's "支出决算为486.90万元" is never read as the department's total.

Restatements: an identical statement (same metric, subject, value, qualifiers) is kept
once — the first; a restatement that adds nothing new is dropped; one that differs is kept
so the consistency checks can flag it.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from extractors.classification import claimed_spans
from extractors.codes import CodeTable, default_table
from extractors.document import Document, source_reading
from extractors.narrative.scanner import DocState, Draft, ParagraphReader
from extractors.narrative.units import text_units
from extractors.numbers import fold_digits
from models.records import Fact, Identity, Source

__all__ = ["extract_facts"]

# "（五）项目支出100,763.03万元，具体包括：" — the numbered paragraphs after it are projects.
_PROJECT_LIST_HEAD = regex.compile(r"项目支出[^。；;]{0,30}万元[，,]?\s*(?:具体|主要)?包括(?:以下项目)?[：:]\s*$")
_NUMBERED_ITEM = regex.compile(r"\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])")
_QUOTED_PROJECT = regex.compile(r"“(?P<name>[^“”]{4,40})”(?:项目|等\d+个项目|、|“)")
_QUALIFIERS = ("prior_value", "prior_year", "change", "change_pct", "share_pct", "budget_value", "completion_pct",
               "budget_basis", "budget_gap")


def extract_facts(doc: Document, identity: Identity | None = None, codes: CodeTable | None = None,
                  claimed: dict | None = None) -> list[Fact]:
    """The facts the document's paragraphs state, in reading order, deduplicated.
    ``claimed``: the classification spans (``claimed_spans``), when the caller has them."""
    kind = identity.value("kind") if identity else None
    year = identity.value("fiscal_year") if identity else None
    codes = codes or default_table()
    state = DocState(kind=kind, year=year, projects=_project_names(doc), codes=codes)
    claimed = claimed_spans(doc, codes, year) if claimed is None else claimed
    previous_project: str | None = None
    for unit in text_units(doc):
        if not _NUMBERED_ITEM.match(unit.text):
            state.project_list = False  # a list of projects ends at the first paragraph that is no item
        project = _project_of(unit.text, previous_project)
        spans = [span for para in unit.paragraphs for span in unit.local(para, claimed.get(unit.key(para), []))]
        reader = ParagraphReader(unit, state, spans, project)
        reader.read()
        state.heading = reader.heading_of_unit()
        previous_project = _own_project(unit.text) or (project if _continues(unit.text) else None)
        if _PROJECT_LIST_HEAD.search(fold_digits(unit.text)):
            state.project_list = True
    return _dedupe([_to_fact(d) for d in sorted(state.drafts, key=lambda d: d.order)])


# -- projects ----------------------------------------------------------------------------


def _project_names(doc: Document) -> set[str]:
    """Names printed in quotes as projects ("“县政府办公室工作经费”项目", "“甲”、“乙”等6个项目")."""
    names: set[str] = set()
    for para in doc.paragraphs:
        text = fold_digits(para.text)
        if "项目" not in text:
            continue
        for m in _QUOTED_PROJECT.finditer(text):
            name = m.group("name")
            if "三公" not in name:
                names.add(name)
    return names


# "（一）财政信息化建设项目。项目全年预算数…": an unquoted name heading its paragraph.
_HEADED_PROJECT = regex.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])\s*(?P<name>[^。，,；;：:“”（）()]{2,40}?项目)[。：:]"
)


# "6.西安市中心血站采供血人员经费项目绩效自评综述：全年预算数…": a project's self-evaluation
# (also "…迁建项目（设备购置）绩效自评综述", "1.卫生健康事业发展专项资金绩效自评综述").
_REVIEWED_PROJECT = regex.compile(
    r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])?\s*(?P<name>[^。，,；;：:“”]{2,80}?"
    r"(?:项目(?:[（(][^（()）]{1,12}[)）])?|专项资金|专项经费))(?:绩效)?(?:自评|目标完成情况)?综述"
)


def _own_project(text: str) -> str | None:
    """The project a paragraph is about: “quoted”项目, or a numbered heading ending in 项目."""
    m = (
        regex.search(r"“(?P<name>[^“”]{4,40})”项目", text)
        or _HEADED_PROJECT.match(text)
        or _REVIEWED_PROJECT.match(text)
    )
    return m.group("name") if m and "三公" not in m.group("name") else None


def _project_of(text: str, previous: str | None) -> str | None:
    """The project a paragraph reports on: named in it, or in the heading just before it
    ("（一）“县政府办公室工作经费”项目…综述。" then "项目全年预算数78万元…")."""
    own = _own_project(text)
    if own:
        return own
    return previous if text.startswith("项目") else None


def _continues(text: str) -> bool:
    return len(text) < 60 and "项目" in text


# -- records -----------------------------------------------------------------------------


def _to_fact(draft: Draft) -> Fact:
    para = draft.text_unit.para_at(draft.at)
    cell = draft.text_unit.cell
    source = Source(block=para.block, page=para.page, line=para.line,
                    text=draft.text_unit.text[draft.start : draft.end].strip(),
                    row=cell[0] if cell else None, col=cell[1] if cell else None,
                    **source_reading(para.reading()))
    return replace(draft.fact, source=source)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """Keep the first of identical statements; drop a restatement that adds nothing."""
    kept: list[Fact] = []
    for fact in facts:
        if any(_covers(earlier, fact) for earlier in kept):
            continue
        kept.append(fact)
    return kept


def _covers(earlier: Fact, later: Fact) -> bool:
    if (earlier.metric, earlier.subject, earlier.value, earlier.unit) != \
            (later.metric, later.subject, later.value, later.unit):
        return False
    return all(
        getattr(later, q) is None or getattr(later, q) == getattr(earlier, q) for q in _QUALIFIERS
    )
