"""Report identity: who published the report, for which year, of which kind and scope.

Each value comes with the place it was read (``Evidence.found_in``): the title (the first
lines of page 1), a heading, running text, a table cell, or — only when the document
itself says nothing — the file name. Nothing is invented: a region is the administrative
prefix of the department's own name ("盐边县人民政府办公室" → "盐边县") or a region printed in
the title ("上海市普陀区2024年区级部门预算"), never a province the text does not give.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from extractors.document import Document, Paragraph, Table
from models.records import Evidence, Identity, Source

_FOUND_RANK = {"title": 0, "heading": 1, "text": 2, "table": 3, "filename": 4}

# Organisation-name endings of the bodies that publish 部门/单位 决算 and 预算.
_ORG_SUFFIX = (
    r"(?:办公室|办事处|委员会|检察院|法院|研究室|管理处|事务中心|服务中心|中心|政府|局|委|院|厅|部|所|站|队|"
    r"馆|学校|学院|医院|公司|协会|联合会|大队|处|会|社)"
)
_ORG = rf"[\p{{Han}}（）()]{{3,40}}?{_ORG_SUFFIX}"
_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年\s*度?"
_KIND_WORD = r"(?P<scope>部门|单位)?\s*(?P<kind>决算|预算)"

# "上海市普陀区财政局2024年度部门决算", "盐边县人民政府办公室部门2020年…", "XX局关于2020年度…"
_TITLE_ORG_YEAR = regex.compile(rf"^(?P<org>{_ORG})(?:部门|单位)?(?:关于)?{_YEAR}")
# "2020年度盐边县人民政府办公室部门决算": the year first.
_TITLE_YEAR_ORG = regex.compile(rf"^{_YEAR}\s*(?P<org>{_ORG})(?:部门|单位|本级)?(?:决算|预算)")
# "上海市普陀区2024年区级部门预算": a region, then the year and the level.
_TITLE_REGION_YEAR = regex.compile(
    rf"^(?P<region>[\p{{Han}}]{{2,20}}?(?:省|自治区|市|州|盟|地区|区|县|旗)){_YEAR}(?:区级|县级|市级|省级|本级)"
)
_YEAR_KIND = regex.compile(rf"{_YEAR}\s*(?:区级|县级|市级|省级|本级)?\s*{_KIND_WORD}")
_DEPT_LABEL = regex.compile(
    rf"^(?:预算主管部门|主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|填报单位)\s*[:：]\s*(?P<org>{_ORG})$"
)
_TABLE_LABEL = regex.compile(r"^(?:预算主管部门|主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|填报单位)[:：]?$")
_BOOK_TITLE = regex.compile(rf"《(?P<org>{_ORG})(?:部门|单位){_YEAR}")
# "盐边县财政局部门决算由局机关和…组成": a name opening a clause, before 部门/单位决算.
_ORG_REPORT = regex.compile(
    rf"(?:^|(?<=[，。；：、“《]))(?!纳入|根据|按照|经过|对|由|在|将|本|我|全)(?P<org>{_ORG})(?:部门|单位)(?:决算|预算)"
)
_ORG_ALONE = regex.compile(rf"^(?P<org>{_ORG})$")
_REGION_PREFIX = regex.compile(
    r"^(?:中共|中国共产党)?"
    r"(?P<region>(?:[\p{Han}]{2,7}?(?:省|自治区))?(?:[\p{Han}]{1,7}?(?:市|自治州|州|盟|地区))?"
    r"(?:[\p{Han}]{1,7}?(?:自治县|区|县|旗|市))?)"
)
_TITLE_BLOCKS = 4  # the title is at most the first few paragraphs of page 1


@dataclass(frozen=True)
class _Vote:
    value: str | int
    found_in: str
    source: Source


def extract_identity(doc: Document, filename: str | None = None) -> Identity:
    """The report's department, region, fiscal year, kind and scope, each with its evidence."""
    title_paras = _title_paragraphs(doc)
    title = " ".join(p.text for p in title_paras) or None
    votes: dict[str, list[_Vote]] = {k: [] for k in ("department", "region", "fiscal_year", "kind", "scope")}
    _votes_from_title(title_paras, votes)
    _votes_from_headings(doc, title_paras, votes)
    _votes_from_text(doc, votes)
    _votes_from_tables(doc, votes)
    name = filename or (Path(doc.path).name if doc.path else None)
    if name:
        _votes_from_filename(name, votes)
    department = _elect(votes["department"])
    region = _elect(votes["region"]) or _region_from(department)
    return Identity(
        department=department,
        region=region,
        fiscal_year=_elect(votes["fiscal_year"]),
        kind=_elect(votes["kind"]),
        scope=_elect(votes["scope"]),
        title=title,
    )


# -- sources of evidence ---------------------------------------------------------------


def _source(block: Paragraph | Table, text: str, row: int | None = None, col: int | None = None) -> Source:
    line = block.line if isinstance(block, Paragraph) else None
    return Source(block=block.block, page=block.page, line=line, text=text, row=row, col=col)


def _title_paragraphs(doc: Document) -> list[Paragraph]:
    """The leading paragraphs of page 1 that carry a year or 决算/预算 (the cover title)."""
    out: list[Paragraph] = []
    for block in doc.blocks[:_TITLE_BLOCKS]:
        if not isinstance(block, Paragraph) or (block.page not in (None, 1)) or len(block.text) > 60:
            break
        if regex.search(r"第[一二三四五六七八九十]+部分|^目\s*录$", block.text):
            break
        out.append(block)
    joined = "".join(p.text for p in out)
    return out if regex.search(r"(?:19|20)\d{2}\s*年|决算|预算", joined) else []


_LOOSE_YEAR = regex.compile(_YEAR)
_LOOSE_KIND = regex.compile(_KIND_WORD)


def _add_year_kind(
    text: str, found_in: str, source: Source, votes: dict[str, list[_Vote]], loose: bool = False
) -> bool:
    """Year, kind and scope from "2020年度部门决算"; with ``loose`` (a title), the year and
    the kind may stand apart ("2020年度盐边县人民政府办公室部门决算")."""
    m = _YEAR_KIND.search(text)
    year_m, kind_m = (m, m) if m else ((_LOOSE_YEAR.search(text), _LOOSE_KIND.search(text)) if loose else (None, None))
    if not (year_m and kind_m):
        return False
    votes["fiscal_year"].append(_Vote(int(year_m.group("year")), found_in, source))
    votes["kind"].append(_Vote("final" if kind_m.group("kind") == "决算" else "budget", found_in, source))
    if kind_m.group("scope"):
        votes["scope"].append(_Vote("unit" if kind_m.group("scope") == "单位" else "department", found_in, source))
    return True


def _votes_from_title(paras: list[Paragraph], votes: dict[str, list[_Vote]]) -> None:
    if not paras:
        return
    text = "".join(p.text for p in paras)
    source = _source(paras[0], text)
    _add_year_kind(text, "title", source, votes, loose=True)
    if m := _TITLE_REGION_YEAR.match(text):
        votes["region"].append(_Vote(m.group("region"), "title", source))
    elif m := _TITLE_ORG_YEAR.match(text) or _TITLE_YEAR_ORG.match(text):
        votes["department"].append(_Vote(m.group("org"), "title", source))
    for p in paras:
        if m := _DEPT_LABEL.match(p.text):
            votes["department"].append(_Vote(m.group("org"), "title", _source(p, p.text)))


def _votes_from_headings(doc: Document, title: list[Paragraph], votes: dict[str, list[_Vote]]) -> None:
    """Short paragraphs: part headings ("第二部分2020年度部门决算情况说明") and an attachment's
    title split over two lines ("盐边县人民政府办公室" / "2020年部门整体绩效评价报告")."""
    skip = {p.block for p in title}
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph) and b.block not in skip]
    for i, p in enumerate(paragraphs):
        if len(p.text) > 40:
            continue
        if regex.match(r"^第[一二三四五六七八九十]+部分", p.text):
            _add_year_kind(p.text, "heading", _source(p, p.text), votes)
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        m = _ORG_ALONE.match(p.text)
        if m and nxt is not None and regex.match(r"^(?:19|20)\d{2}\s*年", nxt.text):
            votes["department"].append(_Vote(m.group("org"), "heading", _source(p, p.text + nxt.text)))


def _votes_from_text(doc: Document, votes: dict[str, list[_Vote]]) -> None:
    for p in doc.paragraphs:
        for m in [*_BOOK_TITLE.finditer(p.text), *_ORG_REPORT.finditer(p.text)]:
            votes["department"].append(_Vote(m.group("org"), "text", _source(p, p.text)))
        if m := _DEPT_LABEL.match(p.text):
            votes["department"].append(_Vote(m.group("org"), "text", _source(p, p.text)))


def _votes_from_tables(doc: Document, votes: dict[str, list[_Vote]]) -> None:
    """Label cells such as 预算单位 / 编制部门 with the name in the next cell."""
    for table in doc.tables:
        for cell in table.cells:
            label = cell.value
            if m := _DEPT_LABEL.match(label):
                votes["department"].append(_Vote(m.group("org"), "table", _source(table, label, cell.row, cell.col)))
                continue
            if not _TABLE_LABEL.match(label):
                continue
            nxt = table.anchor_at(cell.row, cell.last_col + 1)
            if nxt is not None and (m := _ORG_ALONE.match(nxt.value)):
                votes["department"].append(
                    _Vote(m.group("org"), "table", _source(table, f"{label} {nxt.value}", nxt.row, nxt.col))
                )


def _votes_from_filename(name: str, votes: dict[str, list[_Vote]]) -> None:
    stem = Path(name).stem
    source = Source(text=name)
    m = regex.search(r"((?:19|20)\d{2})\s*年?", stem) or regex.search(r"(?<!\d)(\d{2})年", stem)
    if m:
        year = int(m.group(1))
        votes["fiscal_year"].append(_Vote(year + 2000 if year < 100 else year, "filename", source))
    if "决算" in stem or "预算" in stem:
        votes["kind"].append(_Vote("final" if "决算" in stem else "budget", "filename", source))
    if m := regex.match(rf"^(?P<org>{_ORG})(?=\d|$|部门|单位)", stem):
        votes["department"].append(_Vote(m.group("org"), "filename", source))


# -- choosing --------------------------------------------------------------------------


def _elect(votes: list[_Vote]) -> Evidence | None:
    """The value with the best kind of evidence; among equals, the most frequent one.

    A title beats everything; a value read in the document always beats the file name.
    """
    if not votes:
        return None
    best_rank = min(_FOUND_RANK[v.found_in] for v in votes)
    in_doc = [v for v in votes if v.found_in != "filename"] or votes
    if best_rank == _FOUND_RANK["title"]:
        pool = [v for v in votes if v.found_in == "title"]
    else:
        pool = in_doc
    counts = Counter(v.value for v in pool)
    top = max(counts.values())
    winners = [v for v in pool if counts[v.value] == top]
    chosen = min(winners, key=lambda v: (_FOUND_RANK[v.found_in], v.source.block or 0))
    return Evidence(value=chosen.value, found_in=chosen.found_in, source=chosen.source)


def region_of(name: str) -> str | None:
    """The administrative prefix of an organisation name ("上海市普陀区财政局" → "上海市普陀区")."""
    m = _REGION_PREFIX.match(name or "")
    region = m.group("region") if m else ""
    return region if region and region != name else None


def _region_from(department: Evidence | None) -> Evidence | None:
    if department is None or not isinstance(department.value, str):
        return None
    region = region_of(department.value)
    if region is None:
        return None
    return Evidence(value=region, found_in=department.found_in, source=department.source)
