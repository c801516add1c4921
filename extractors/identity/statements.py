"""Where a document states who it is: each function reads one kind of place and votes.

* the cover title (first short lines of page 1, joined: covers break a title anywhere);
* headings and running headers (short lines anywhere: "第二部分佛山市轨道交通局2019年部门决算表",
  "二、2026年杭州市公安局部门预算安排情况说明", a header repeated on every page);
* label lines above tables ("部门：X", "单位名称：X", "编制单位：X … 单位：万元"), in paragraphs
  and in table cells (the name in the cell beside or below the label);
* the opening clauses of the 说明 ("北京市公安局2026年度部门预算…", "X部门决算由…组成");
* table titles ("预算01表收支总表", "2026年预算单位财务收支预算总表", "（2026年度）");
* the file name, last.
"""

from __future__ import annotations

from pathlib import Path

import regex

from extractors.document import Document, Paragraph, Table, source_reading
from extractors.identity.ballot import Ballot
from extractors.identity.names import ORG, ORG_MARKED, YEAR_DIGITS, region_of
from models.records import Source

YEAR = rf"(?P<year>{YEAR_DIGITS})\s*年\s*度?"
_LEVEL = r"(?:区级|县级|市级|省级|州级|旗级)"
# "2021年预算执行情况", "2025年预算数" name another year's budget, not the report's kind.
KIND = (rf"{_LEVEL}?\s*(?:(?P<level>本级)\s*)?(?P<scope>部门|单位)?\s*(?:综合)?\s*"
        r"(?P<kind>决算|预算)(?!执行|调整|完成|数)")

# "第二部分", "二、", "（一）", "1.", "附件2：" before a heading's words.
_ENUMERATOR = regex.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|"
    r"\d{1,2}[、.．](?!\d)|附件\s*\d+\s*[:：]?|附件\s*[:：])\s*"
)
_ORG_YEAR_KIND = regex.compile(rf"^(?:关于)?{ORG_MARKED}\s*(?:部门|单位)?\s*(?:关于)?\s*{YEAR}\s*{KIND}")
_YEAR_ORG_KIND = regex.compile(rf"^{YEAR}\s*{ORG_MARKED}\s*{KIND}")
# A cover that prints the year and the kind first, the name last ("2021年度部门决算" / "XX县财政局").
_YEAR_KIND_ORG = regex.compile(rf"^{YEAR}\s*{KIND}\s*(?:公开)?\s*[:：]?\s*{ORG_MARKED}$")
_BRACKETED = regex.compile(r"^\s*[（(][^）)]{1,12}[）)]\s*$")
_FULL_TITLE = regex.compile(
    rf"(?:{_ORG_YEAR_KIND.pattern})|(?:{_YEAR_ORG_KIND.pattern})|(?:{_YEAR_KIND_ORG.pattern})")
_ORG_KIND = regex.compile(rf"^{ORG_MARKED}\s*(?P<scope>部门|单位)\s*(?P<kind>决算|预算)")
_YEAR_KIND = regex.compile(rf"{YEAR}\s*{KIND}")
_REGION_YEAR = regex.compile(
    rf"^(?P<region>[\p{{Han}}]{{2,20}}?(?:省|自治区|市|州|盟|地区|区|县|旗)){YEAR}\s*{_LEVEL}\s*(?P<scope>部门|单位)?\s*(?P<kind>决算|预算)"
)
_LABELS = r"(?:预算主管部门|主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|填报单位|部门|单位)"
_LABEL_LINE = regex.compile(
    rf"(?:^|(?<=\s))(?P<label>{_LABELS})\s*[:：]\s*{ORG_MARKED}(?=$|\s|[（(]?(?:金额)?单位|[（(]?\d)"
)
# In a table a 主管部门 cell names the supervising department (a unit's report prints it in
# every project form): only the reporting body's own labels count there.
_LABEL_CELL = regex.compile(r"^(?:预算单位|编制部门|编制单位|部门名称|单位名称|填报单位|部门|单位)\s*[:：]?$")
_ORG_OVERVIEW = regex.compile(rf"^[:：]?\s*{ORG_MARKED}\s*(?:部门|单位)?(?:基本)?(?:概况|简介)$")
_ORG_ALONE = regex.compile(rf"^{ORG_MARKED}$")
_TRAILING_MARKER = regex.compile(r"^\s*(?:公开)?\s*[（(]\s*(?P<cons>本级|汇总)\s*[）)]")
_TOTAL_ROW = regex.compile(r"^(?:合\s*计|总\s*计|小\s*计|[\d.,\s-]+)$")
# Clause openings that name a department before its report; not "纳入X部门决算…" etc.
# (全国… and 对外… open real names: 全国妇联, 中共中央对外联络部 is printed whole.)
# (本溪, 将乐, 全椒, 全州, 全南 open place names: 本溪市财政局 is a name.)
_NOT_A_NAME = r"纳入|根据|按照|经过|对(?!外)|由|在|将(?!乐)|本(?!溪)|我|全(?!国|椒|州|南)|其中|包括"
# Lead-ins of the sentence that introduces the report ("现将X2024年部门预算公开如下",
# "下面公开的是X…"): set aside, the name follows them.
_LEAD_IN = r"(?:现将|现就|现把|特将|兹将|下面(?:公开|报告|介绍)?的?是|以下(?:公开|报告)?的?是|以下为)"
_CLAUSE = rf"(?:^|(?<=[，。；：、“《]))(?!{_NOT_A_NAME}){_LEAD_IN}?"
# A short line that is still a sentence: it opens with a verb or leads into a list.
_VERB_OPENING = regex.compile(rf"^(?:{_NOT_A_NAME})")
_SENTENCE_LINE = regex.compile(rf"^(?:{_NOT_A_NAME})|[:：]$")
_TEXT_ORG_YEAR_KIND = regex.compile(rf"{_CLAUSE}{ORG_MARKED}\s*(?:部门|单位)?\s*{YEAR}\s*{KIND}")
_TEXT_YEAR_ORG_KIND = regex.compile(rf"{_CLAUSE}{YEAR}\s*[，,]?\s*{ORG_MARKED}\s*{KIND}")
_TEXT_ORG_REPORT = regex.compile(rf"{_CLAUSE}{ORG_MARKED}(?:部门|单位)(?:决算|预算)")
# "北京学校为公益一类事业单位，…": the 概况 presenting the body by its name; weak as text.
# "渠县农业综合技术服务中心下设办公室、…" / "X主要职责是：": the 机构设置 and 职责 paragraphs.
_ORG_IS_BODY = regex.compile(
    rf"^{ORG_MARKED}(?:(?:是|为|系)[^，。；]{{0,30}}?(?:事业单位|行政单位|行政机关|参公单位|法人单位|机构)(?=[，。；,])"
    r"|(?:下设|内设|设有)[^，。；]{0,12}?(?:科|室|股|处|部|组|中心|办公室|机构)|(?:的)?主要职责(?:是|为|如下)?[:：，,])")
_BOOK_TITLE = regex.compile(rf"《{ORG_MARKED}(?:部门|单位){YEAR}")
# Table titles: "预算01表收支总表", "公开05表", "2026年预算单位财务收支预算总表".
_TABLE_CODE = regex.compile(r"^(?:(?P<kind>预算|决算)|公开|财决|表)\s*\d{1,2}(?:-\d{1,2})?\s*表?")
_TABLE_TITLE = regex.compile(r"^.{2,40}表$")
_TITLE_YEAR = regex.compile(rf"^[（(]\s*{YEAR}\s*[）)]$")  # "（2026年度）" under a table's title
_HEADING_MAX = 60
_TITLE_BLOCKS = 6


def title_paragraphs(doc: Document) -> list[Paragraph]:
    """The leading short paragraphs of page 1 that carry a year or 决算/预算 (the cover)."""
    out: list[Paragraph] = []
    for block in doc.blocks[:_TITLE_BLOCKS]:
        if not isinstance(block, Paragraph) or block.page not in (None, 1) or len(block.text) > _HEADING_MAX:
            break
        if regex.search(r"第[一二三四五六七八九十]+部分|^目\s*录$|^[一二三四五六七八九十]+、|[，。；]", block.text):
            break
        if _VERB_OPENING.match(block.text):
            break  # (a cover's "预算主管部门：" line may end in a colon: only the verb counts)
        out.append(block)
    joined = "".join(p.text for p in out)
    return out if regex.search(rf"(?:{YEAR_DIGITS})\s*年|决算|预算", joined) else []


def source(block: Paragraph | Table, text: str, row: int | None = None, col: int | None = None) -> Source:
    line = block.line if isinstance(block, Paragraph) else None
    return Source(block=block.block, page=block.page, line=line, text=text, row=row, col=col,
                  **source_reading(block.reading(row, col)))


def _strip_enumerator(text: str) -> str:
    """The line without its "二、" / "附件2：" and without a sentence's lead-in ("现将")."""
    return regex.sub(rf"^{_LEAD_IN}", "", _ENUMERATOR.sub("", text, count=1))


def read_statement(text: str, found_in: str, src: Source, ballot: Ballot, loose: bool = False) -> bool:
    """A heading-like line stating org/year/kind in one of the orders reports print them."""
    text = _strip_enumerator(text)
    if _SENTENCE_LINE.search(text):
        return False  # "纳入X2026年部门预算编制范围的二级预算单位包括：" is a sentence
    m = _ORG_YEAR_KIND.match(text) or _YEAR_ORG_KIND.match(text) or _YEAR_KIND_ORG.match(text)
    if m:
        marker = m.group("cons") or m.group("level") or _marker_after(text[m.end():])
        ballot.org(m.group("org"), found_in, src, marker)
        ballot.statement(m.group("year"), m.group("kind"), m.group("scope"), found_in, src)
        return True
    if m := _REGION_YEAR.match(text):
        ballot.add("region", m.group("region"), found_in, src)
        ballot.statement(m.group("year"), m.group("kind"), m.group("scope"), found_in, src)
        return True
    if m := _ORG_KIND.match(text):
        ballot.org(m.group("org"), found_in, src, m.group("cons"))
        ballot.statement(None, m.group("kind"), m.group("scope"), found_in, src)
        if y := _YEAR_KIND.search(text) if loose else None:
            ballot.statement(y.group("year"), None, None, found_in, src)
        return True
    if m := _YEAR_KIND.match(text):
        ballot.statement(m.group("year"), m.group("kind"), m.group("scope"), found_in, src)
        return True
    if loose:
        year, kind = regex.search(YEAR, text), regex.search(KIND, text)
        if year and kind:
            ballot.statement(year.group("year"), kind.group("kind"), kind.group("scope"), found_in, src)
            return True
    return False


def _marker_after(rest: str) -> str | None:
    """A consolidation marker printed after the kind ("X2024年部门预算（汇总）")."""
    m = _TRAILING_MARKER.match(rest)
    return m.group("cons") if m else None


def stating_lines(paras: list[Paragraph]) -> list[Paragraph]:
    """The cover lines that state name, year and kind on their own.

    A web page saved or converted as a report opens with the site's lines ("欢迎访问X网站",
    "无障碍", "监督索引号…", "发布时间：…") before the report's title: joined to them, the
    title reads as one long run that no order of name, year and kind matches, or lends a
    greeting to the name ("欢迎来到X医院"). A line that is a whole title is the title.
    """
    out: list[Paragraph] = []
    for i, p in enumerate(paras):
        whole = _FULL_TITLE.match(_strip_enumerator(p.text))
        # a bracketed line right under the title ("（本级）", "（公开版）") is part of it
        if whole or (out and out[-1] is paras[i - 1] and _BRACKETED.match(p.text)):
            out.append(p)
    return out


def from_title(paras: list[Paragraph], ballot: Ballot) -> list[Paragraph]:
    """Votes of the cover; returns the lines that are the title (for ``Identity.title``)."""
    if not paras:
        return []
    if whole := stating_lines(paras):
        paras = whole
    text = "".join(p.text for p in paras)
    read_statement(text, "title", source(paras[0], text), ballot, loose=True)
    for p in paras:
        _label_votes(p.text, "title", source(p, p.text), ballot)
    if not ballot.votes.get("department"):
        # A cover that prints the name on a line of its own, apart from its year and kind
        # ("部门预算（2024年度）" / "南京市秦淮区城市管理局").
        for p in paras:
            if m := _ORG_ALONE.match(_strip_enumerator(p.text)):
                ballot.org(m.group("org"), "title", source(p, p.text), m.group("cons"))
                break
    return paras


def from_headings(doc: Document, skip: set[int], ballot: Ballot) -> None:
    """Short paragraphs anywhere: part headings, running headers, 目录 lines, and an
    attachment's title over two lines ("盐边县人民政府办公室" / "2020年部门整体绩效评价报告")."""
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph) and b.block not in skip]
    for i, p in enumerate(paragraphs):
        if len(p.text) > _HEADING_MAX or regex.search(r"[，。；]", p.text):
            continue  # a sentence, not a heading
        text = regex.sub(r"[.…·]{3,}\s*\d*$", "", p.text)  # 目录 leader dots and page number
        read_statement(text, "heading", source(p, p.text), ballot)
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        m = _ORG_ALONE.match(_strip_enumerator(text))
        if m and nxt is not None and regex.match(r"^(?:19|20)\d{2}\s*年", nxt.text):
            ballot.org(m.group("org"), "heading", source(p, p.text + nxt.text), m.group("cons"))
        _table_title_votes(text, source(p, p.text), ballot)
        if m := _ORG_OVERVIEW.match(_strip_enumerator(text)):
            # "第一部分 腾冲市腾越镇概况": the part that presents the body names it; weak as text.
            ballot.org(m.group("org"), "text", source(p, p.text), m.group("cons"))


def from_text(doc: Document, ballot: Ballot) -> None:
    for p in doc.paragraphs:
        src = source(p, p.text)
        if len(p.text) > _HEADING_MAX or regex.search(r"[，。；]|[:：]$", p.text):
            for m in [*_TEXT_ORG_YEAR_KIND.finditer(p.text), *_TEXT_YEAR_ORG_KIND.finditer(p.text)]:
                ballot.org(m.group("org"), "text", src, m.group("cons") or m.group("level"))
                ballot.statement(m.group("year"), m.group("kind"), m.group("scope"), "text", src)
        found = [*_BOOK_TITLE.finditer(p.text), *_TEXT_ORG_REPORT.finditer(p.text)]
        if m := _ORG_IS_BODY.match(_strip_enumerator(p.text)):
            found.append(m)
        for m in found:
            ballot.org(m.group("org"), "text", src, m.group("cons"))
        _label_votes(p.text, "text", src, ballot)


def _label_votes(text: str, found_in: str, src: Source, ballot: Ballot) -> None:
    for m in _LABEL_LINE.finditer(text):
        ballot.org(m.group("org"), found_in, src, m.group("cons"))


def from_tables(doc: Document, ballot: Ballot) -> None:
    """Label cells (预算单位 / 部门名称 …) with the name beside or below them; label lines
    inside a cell; the titles in a table's first rows."""
    for table in doc.tables:
        for cell in table.cells:
            label = cell.value
            if cell.row < 4:
                _table_title_votes(label, source(table, label, cell.row, cell.col), ballot)
            if _LABEL_LINE.search(label):
                _label_votes(label, "table", source(table, label, cell.row, cell.col), ballot)
                continue
            if not _LABEL_CELL.match(label):
                continue
            for nxt in _beside_or_below(table, cell):
                if m := _ORG_ALONE.match(nxt.value):
                    ballot.org(m.group("org"), "table",
                               source(table, f"{label} {nxt.value}", nxt.row, nxt.col), m.group("cons"))
                    break


def _beside_or_below(table: Table, cell):  # Cell, generator of Cells
    """The cell right of a label when it holds a name, or — for a column header — the one
    below it when the whole column names one organisation (a 单位名称 column listing
    sub-units votes for none; 合计 rows are not names)."""
    right = table.anchor_at(cell.row, cell.last_col + 1)
    if right is not None and _ORG_ALONE.match(right.value):
        yield right
        return
    below = [table.anchor_at(r, cell.col) for r in range(cell.last_row + 1, table.n_rows)]
    below = [c for c in below if c is not None and c.value and not _TOTAL_ROW.match(c.value)]
    if len({c.value for c in below}) == 1:
        yield below[0]


def _table_title_votes(text: str, src: Source, ballot: Ballot) -> None:
    """Kind, scope and year from a table's title; "table" evidence, weaker than headings."""
    if m := _TITLE_YEAR.match(text):
        ballot.statement(m.group("year"), None, None, "table", src)
        return
    if not _TABLE_TITLE.match(text):
        return
    code = _TABLE_CODE.match(text)
    rest = text[code.end():] if code else text
    kind = code.group("kind") if code and code.group("kind") else None
    if kind is None and (m := regex.search(r"(决算|预算)(?:总|明细)?表$", rest)):
        kind = "决算" if "决算" in rest else m.group(1)
    elif kind is None and "决算" in rest:
        kind = "决算"
    year = regex.match(YEAR, rest)
    rest = rest[year.end():] if year else rest
    scope = "单位" if regex.match(r"^(?:预算)?单位", rest) else "部门" if rest.startswith("部门") else None
    if kind or scope or (year and code):
        ballot.statement(year.group("year") if year else None, kind, scope, "table", src)


# What may stand before a name printed with its region in front ("发布机构：德兴市李宅乡人民政府").
_NAME_START = r"(?:^|(?<=[\s:：|，。、；（(“《]))"


def region_printed_before(doc: Document, name: str) -> tuple[str, Source] | None:
    """The region a document prints in front of a name that lacks it, or lacks its upper
    levels: a cover titled "李宅乡人民政府2024年部门预算" whose page says "发布机构：德兴市李宅乡
    人民政府" (德兴市); "曾都区…管理处" whose 职能 say "随州市曾都区…管理处" (随州市曾都区). The words
    before the name must be a region and nothing else (set off by a space, a label's colon or
    punctuation), so "来源于德兴市…" lends no "来源于德兴市"; the region printed most often wins."""
    pattern = regex.compile(rf"{_NAME_START}(?P<pre>[\p{{Han}}]{{2,16}}?){regex.escape(name)}")
    seen: dict[str, list[Source]] = {}
    own = region_of(name)
    for block, text in doc.iter_text():
        if name not in text:
            continue
        for m in pattern.finditer(text):
            pre = m.group("pre")
            if own and pre.endswith(own):
                continue  # the name's own region printed twice ("大冶市大冶市中医医院")
            region = region_of(pre + name)
            if region and region.startswith(pre) and _plain_region(pre):
                line = text[max(0, m.start() - 20): m.end() + 20]
                seen.setdefault(region, []).append(Source(block=block.block, page=block.page, text=line))
    if not seen:
        return None
    region = max(seen, key=lambda r: (len(seen[r]), -min(s.block or 0 for s in seen[r])))
    return region, seen[region][0]


# Words that may stand right before a name without a space ("来源于X", "位于X") and are no region.
_LEAD_WORDS = regex.compile(r"^(?:来源|来自|源自|发布|属于|位于|隶属|主管|上级|所属)")
# One to three levels of a region, each up to four characters and its suffix, longer only when autonomous.
_PLAIN_REGION = regex.compile(
    r"(?:[\p{Han}]{1,4}?(?:省|市|州|盟|地区|区|县|旗)|[\p{Han}]{2,12}?自治(?:区|州|县|旗)){1,3}")


def _plain_region(text: str) -> bool:
    """A region and nothing else: "德兴市", "兴庆区", "西双版纳傣族自治州", not "来源于南康市"."""
    return not _LEAD_WORDS.match(text) and bool(_PLAIN_REGION.fullmatch(text))


_SCOPE_MENTION = regex.compile(r"(部门|单位)(?:预算|决算)")


def from_mentions(doc: Document, ballot: Ballot) -> None:
    """The scope by the words the report uses of itself ("部门预算纳入绩效考评项目表",
    "单位决算公开"), for a report whose title prints neither ("X学校2023年预算"): each
    paragraph votes once, as a mention — weaker than the file name."""
    for p in doc.paragraphs:
        words = {m.group(1) for m in _SCOPE_MENTION.finditer(p.text)}
        if len(words) == 1:
            ballot.add("scope", "unit" if words == {"单位"} else "department", "mention", source(p, p.text))


def from_filename(name: str, ballot: Ballot) -> None:
    """The file name, for what the document never states. Crawler prefixes ("005_广州__",
    "公安局_") and "附件2：" are set aside; of two years, the one before 决算/预算 counts."""
    stem = Path(name).name
    while Path(stem).suffix.lower() in (".pdf", ".docx", ".doc", ".txt", ".html", ".htm", ".xls"):
        stem = Path(stem).stem
    src = Source(text=name)
    years = list(regex.finditer(r"((?:19|20)\d{2})\s*年?\s*度?|(?<!\d)(\d{2})年", stem))
    if years:
        before_kind = [m for m in years if regex.match(r"\s*(?:部门|单位)?(?:决算|预算)", stem[m.end():])]
        m = (before_kind or years)[-1 if before_kind else 0]
        year = int(m.group(1) or m.group(2))
        ballot.add("fiscal_year", year + 2000 if year < 100 else year, "filename", src)
    if "决算" in stem or "预算" in stem:
        ballot.add("kind", "final" if "决算" in stem else "budget", "filename", src)
    if m := regex.search(r"(部门|单位)(?:决算|预算)", stem):
        ballot.add("scope", "unit" if m.group(1) == "单位" else "department", "filename", src)
    for part in regex.split(r"[_\s]+", stem):
        part = regex.sub(r"^(?:(?:19|20)\d{2}\s*年\s*度?|\d+|附件\s*\d*\s*[:：])+", "", part)
        if m := regex.match(rf"^(?P<org>{ORG})(?=\d|$|部门|单位|[（(])", part):
            ballot.org(m.group("org"), "filename", src)
            break
