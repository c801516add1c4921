"""Functional-classification sentences of the narrative, as ``narrative`` line items.

The 决算情况说明 / 预算编制说明 name classification lines in several wordings (DOMAIN.md 1.8, 4):

* ``一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）:支出决算为486.90万元，完成预算100%``
* ``一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为1560.05万元，支出决算为1511.89万元``
* ``公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。…2025年当年预算执行数为1690.69万元…``
* ``“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元``
* class lists: ``一般公共服务（类）支出712.91万元，占83.85%；…；卫生健康支出0.09万元，占0.01%``

Each stated measure becomes one ``LineItem`` (table ``narrative``, classification
``function``): ``final`` (支出决算), ``budget`` (年初预算), ``total`` (a budget document's
amount), ``basic`` / ``project`` (其中：基本支出/项目支出), ``prior_executed`` (上年预算执行数),
``completion_pct``, ``share_pct``, ``change_pct``. The code is the printed one when brackets carry
it, else resolved from the names through ``CodeTable`` (``code_origin`` "resolved"), else ``None``.

Zero-valued class mentions in a class list ("教育支出（类）0万元，占0%") are template filler
that every county leaves in: a class line whose amount is 0 and whose share is 0 or absent
is not reported. Any non-zero measure, or a 0 stated for a named 项, is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from extractors import measure_labels
from extractors.codes import CodeTable, default_table, normalize_name
from extractors.document import Document, Paragraph, Table, source_reading
from extractors.narrative_cells import narrative_cells
from extractors.numbers import AMOUNT_RE, PERCENT_RE, fold_digits, parse_prose_number, sign_of, to_wan
from models.records import Identity, LineItem, Source

_OPEN = r"[（(〔［]"
_CLOSE = r"[）)〕］]"
# A subject name: Han characters, with short bracketed parts that are not level markers
# ("政府办公厅（室）及相关机构事务", "因公出国（境）").
_NAME = rf"(?:[\p{{Han}}]|{_OPEN}(?!\s*\d*\s*[类款项]\s*{_CLOSE})[\p{{Han}}]{{1,6}}{_CLOSE})+"


def _MARK(level: str, group: str) -> str:  # upper case: read like the pattern constants it joins
    return rf"{_OPEN}\s*(?P<{group}>\d{{2,7}})?\s*{level}\s*{_CLOSE}"


BRACKET_PATH = regex.compile(
    rf"(?P<n1>{_NAME}?){_MARK('类', 'c1')}(?:支出)?"
    rf"(?:(?P<n2>{_NAME}?){_MARK('款', 'c2')}"
    rf"(?:(?P<n3>{_NAME}?){_MARK('项', 'c3')})?)?"
)
# A path that starts at 款 or 项 ("检察（款）行政运行（项）支出…", "行政运行（项）…"): its 类 (and
# 款) are the ones named last before it, in the paragraph or earlier in the text.
SHORT_PATH = regex.compile(
    rf"(?P<n2>{_NAME}){_MARK('款', 'c2')}(?:(?P<n3>{_NAME}?){_MARK('项', 'c3')})?"
    rf"|(?P<n3b>{_NAME}){_MARK('项', 'c3b')}"
)
# A printed code before the name, the amount right after it: "（一）2040201-行政运行6556.70万元".
# What may follow a code path before its measures: the amount itself, a colon ("2080505机关事业
# 单位基本养老保险缴费支出：年初预算为…"), or the quoted name's 支出 / 科目 ("“2130599其他…支出”支出50万元").
_AFTER_CODE_PATH = r"(?=[”\"]?\s*(?:\d[\d,]*(?:\.\d+)?\s*(?:万元|元|亿元)|[:：]|科目|支出\s*(?:为|是)?\s*\d))"
CODE_PATH = regex.compile(
    rf"(?:^|(?<=[）)：:；;，,。“\"\s])|(?<=^\s*\d{{1,2}}[.．、]))(?P<code>2\d{{2}}(?:\d{{2}}){{0,2}})(?![\d.,])\s*[-－—–、.．]?\s*(?![号年月日元])"
    rf"(?P<name>{_NAME}){_AFTER_CODE_PATH}"
)
# The code in brackets after the name: "（1）行政运行（2010401）2740.23万元", "…事务（20103）行政运行
# （2010301）：支出决算为…" (each level's code printed after it: the deepest names the line).
NAME_CODE_PATH = regex.compile(
    rf"(?P<name>{_NAME}){_OPEN}(?P<code>2\d{{2}}(?:\d{{2}}){{0,2}}){_CLOSE}{_AFTER_CODE_PATH}"
)
DASH_PATH = regex.compile(
    rf"[“\"]\s*(?P<n1>{_NAME})\s*[-－—–]\s*(?P<n2>{_NAME})(?:\s*[-－—–]\s*(?P<n3>{_NAME}))?\s*[”\"]\s*科目"
)
# A class-list entry without a level marker: "；卫生健康支出0.09万元，占0.01%".
_LIST_ENTRY = regex.compile(
    r"(?:^|(?<=[：:；;，,、]))(?P<n1>[\p{Han}]{2,20}?)(?:支出)?(?=\s?\d[\d,.]*\s?(?:万元|元|亿元))"
)
# A numbered paragraph that opens with a name and its amount: "1. 教育支出1595.95万元，…".
_NUMBERED_CLASS = regex.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、])\s*"
    # "(一)文化旅游体育与传媒支出类科目850088.3元" (Guangxi budgets): the 类 named with its level word
    r"(?P<n1>[\p{Han}]{2,20}?)(?:支出)?(?:类科目|类)?(?=\s?\d[\d,.]*\s?(?:万元|元|亿元))"
)
_CLAUSE_STOP = regex.compile(r"[；;。]")  # where a class entry's clause ends
_HEADING = regex.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)")
_MAX_FOLLOW = 2  # paragraphs an item's measures may continue into


@dataclass
class PathMatch:
    """One classification line named in the text and the span of text that belongs to it."""

    block: Paragraph | Table
    text: str
    start: int
    end: int  # end of the name path
    names: tuple[str | None, str | None, str | None]
    printed: tuple[str | None, str | None, str | None]
    extent_end: int = 0  # end of the item's text in this block
    marked: bool = True  # False for an unmarked class-list entry
    follow: list[tuple[Paragraph, int, int]] = field(default_factory=list)
    cell: tuple[int, int] | None = None  # (row, col) when the sentence sits in a table cell
    partial: bool = False  # starts at 款 or 项: the levels above come from the path before it

    @property
    def key(self) -> tuple[int, int | None, int | None]:
        """(block, row, col): where the sentence is, for claimed spans."""
        return (self.block.block, *(self.cell or (None, None)))


def extract_narrative_lines(
    doc: Document, identity: Identity | None = None, codes: CodeTable | None = None,
    paths: list[PathMatch] | None = None,
) -> list[LineItem]:
    """Every classification line the narrative states, one LineItem per measure.
    ``paths``: ``find_paths`` of the same document, codes and year, when the caller has them."""
    codes = codes or default_table()
    year = identity.value("fiscal_year") if identity else None
    kind = identity.value("kind") if identity else None
    items: list[LineItem] = []
    for match in find_paths(doc, codes, year) if paths is None else paths:
        items.extend(_line_items(match, codes, year, kind))
    return _dedupe(items)


SpanKey = tuple[int, int | None, int | None]  # (block, row, col); row/col only for cells


def claimed_spans(
    doc: Document, codes: CodeTable | None = None, year: int | None = None,
    paths: list[PathMatch] | None = None,
) -> dict[SpanKey, list[tuple[int, int]]]:
    """Text spans that belong to classification items, by (block, row, col): fact
    extraction skips them so "支出决算为486.90万元" under a 项 is never read as the
    department's total. ``paths``: ``find_paths`` of the same arguments, when known."""
    spans: dict[SpanKey, list[tuple[int, int]]] = {}
    for match in find_paths(doc, codes or default_table(), year) if paths is None else paths:
        spans.setdefault(match.key, []).append((match.start, match.extent_end))
        for para, start, end in match.follow:
            spans.setdefault((para.block, None, None), []).append((start, end))
    return spans


# -- finding name paths ------------------------------------------------------------------


def find_paths(doc: Document, codes: CodeTable, year: int | None) -> list[PathMatch]:
    """Name paths in reading order, each with the extent of text its measures sit in."""
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    out: list[PathMatch] = []
    context: PathMatch | None = None
    for index, para in enumerate(paragraphs):
        for match in _paths_with_extents(para, codes, year):
            if match.partial:
                _inherit(match, context)
            if match.marked and not _has_measure(fold_digits(match.text)[match.end : match.extent_end]):
                match.follow = _following(paragraphs, index)
            if match.marked and match.names[0]:
                context = match
            out.append(match)
    out.extend(_numbered_classes(paragraphs, out, codes, year))
    for cell in narrative_cells(doc):
        for match in _paths_with_extents(cell.paragraph, codes, year):
            match.cell = (cell.row, cell.col)
            out.append(match)
    out.sort(key=lambda m: (m.block.block, m.cell or (-1, -1), m.start))
    return out


def _numbered_classes(
    paragraphs: list[Paragraph], paths: list[PathMatch], codes: CodeTable, year: int | None
) -> list[PathMatch]:
    """Class lines set one per numbered paragraph without a level marker ("1. 教育支出1595.95万元，
    …" / "2. 社会保障和就业支出145.80万元，…"): the list's own numbering makes them a class list,
    as a paragraph of two or more does for ``_list_entries``. A name is a class only if it
    is one of the code table's 类 for the year; with the 类 lines found otherwise, at least two
    must stand."""
    taken = {m.block.block for m in paths}
    found: list[PathMatch] = []
    for para in paragraphs:
        if para.block in taken:
            continue
        text = fold_digits(para.text)
        m = _NUMBERED_CLASS.match(text)
        if not m:
            continue
        name = _clean_name(m.group("n1"))
        code = codes.resolve(name, year=year) if name else None
        if code is None or len(code) != 3:
            continue
        stop = _CLAUSE_STOP.search(text, m.end())
        found.append(PathMatch(para, para.text, m.start("n1"), m.end(), (name, None, None), (None, None, None),
                               extent_end=stop.end() if stop else len(text), marked=False))
    classes = sum(1 for m in paths if m.names[0] and m.names[1] is None)
    return found if len(found) + classes >= 2 else []


def _inherit(match: PathMatch, context: PathMatch | None) -> None:
    """Fill the levels a 款- or 项-first path leaves out from the path named before it: the
    类 for a 款, the 类 and 款 for a 项. Without such a path they stay unknown (no code)."""
    names, printed = list(match.names), list(match.printed)
    top = 1 if match.names[1] else 2
    if context is not None and all(context.names[:top]):
        names[:top] = context.names[:top]
        printed[:top] = context.printed[:top]
    match.names, match.printed = tuple(names), tuple(printed)  # type: ignore[assignment]


def _paths_with_extents(para: Paragraph, codes: CodeTable, year: int | None) -> list[PathMatch]:
    """The paths of one paragraph, each running to the next path (a class entry: to the
    end of its clause)."""
    text = fold_digits(para.text)
    matches = _paths_in(para, text, codes, year)
    for i, match in enumerate(matches):
        match.extent_end = matches[i + 1].start if i + 1 < len(matches) else len(text)
        if match.names[1] is None and match.names[2] is None:
            stop = _CLAUSE_STOP.search(text, match.end, match.extent_end)
            match.extent_end = stop.end() if stop else match.extent_end
    return matches


def _paths_in(para: Paragraph, text: str, codes: CodeTable, year: int | None) -> list[PathMatch]:
    found: list[PathMatch] = []
    for rx in (BRACKET_PATH, DASH_PATH):
        for m in rx.finditer(text):
            names = tuple(_clean_name(m.group(g)) if m.group(g) else None for g in ("n1", "n2", "n3"))
            if not names[0]:
                continue
            start, class_name = _class_start(text, m.start(), m.start("n1"), names[0], codes, year)
            names = (class_name, *names[1:])
            printed = tuple(m.groupdict().get(g) for g in ("c1", "c2", "c3"))
            found.append(PathMatch(para, para.text, start, m.end(), names, printed))  # type: ignore[arg-type]
    found.extend(_code_paths(para, text, found))
    found.extend(_short_paths(para, text, found))
    found.extend(_list_entries(para, text, codes, year, found))
    found.sort(key=lambda p: p.start)
    return found


def _code_paths(para: Paragraph, text: str, full: list[PathMatch]) -> list[PathMatch]:
    """"2040201-行政运行6556.70万元": a line named by its printed code and deepest name."""
    out: list[PathMatch] = []
    for m in [*CODE_PATH.finditer(text), *NAME_CODE_PATH.finditer(text)]:
        if any(p.start <= m.start() < p.end for p in [*full, *out]):
            continue
        code, name = m.group("code"), _clean_name(m.group("name"))
        depth = (len(code) - 3) // 2
        names: list[str | None] = [None, None, None]
        printed: list[str | None] = [None, None, None]
        names[depth], printed[depth] = name, code
        out.append(PathMatch(para, para.text, m.start(), m.end(), tuple(names), tuple(printed)))  # type: ignore[arg-type]
    return out


def _short_paths(para: Paragraph, text: str, full: list[PathMatch]) -> list[PathMatch]:
    """Paths that start at 款 or 项, outside any full path of the paragraph."""
    out = []
    for m in SHORT_PATH.finditer(text):
        if any(p.start <= m.start() < p.end or m.start() <= p.start < m.end() for p in full):
            continue
        if m.group("n3b"):
            names, printed = (None, None, _clean_name(m.group("n3b"))), (None, None, m.group("c3b"))
        else:
            n3 = _clean_name(m.group("n3")) if m.group("n3") else None
            names, printed = (None, _clean_name(m.group("n2")), n3), (None, m.group("c2"), m.group("c3"))
        if names[1] or names[2]:
            out.append(PathMatch(para, para.text, m.start(), m.end(), names, printed, partial=True))
    return out


def _class_start(
    text: str, match_start: int, name_start: int, name: str, codes: CodeTable, year: int | None
) -> tuple[int, str]:
    """Where the path really starts when running text leads into the 类 name without
    punctuation ("主要用于一般公共服务（类）…"): at the longest tail of the words that names a
    known 类. Names the table does not know are kept whole (their code stays null)."""
    if codes.resolve(name, year=year) is not None:
        return match_start, name
    raw = text[name_start : name_start + len(name) + 8]
    for cut in range(1, len(name) - 1):
        tail = name[cut:]
        offset = raw.find(tail)
        if offset >= 0 and codes.resolve(tail, year=year) is not None:
            return name_start + offset, tail
    return match_start, name


def _list_entries(
    para: Paragraph, text: str, codes: CodeTable, year: int | None, marked: list[PathMatch]
) -> list[PathMatch]:
    """Unmarked class names in a list of at least two classes ("其中：一般公共服务支出712.91万元，
    社会保障和就业78.15万元，…")."""
    entries = []
    for m in _LIST_ENTRY.finditer(text):
        if any(p.start <= m.start() < p.end for p in marked):
            continue
        name = _clean_name(m.group("n1"))
        if name and codes.resolve(name, year=year) is not None:
            entries.append(PathMatch(para, para.text, m.start(), m.end(), (name, None, None), (None, None, None),
                                     marked=False))
    return entries if len(entries) + sum(1 for p in marked if p.names[1] is None) >= 2 else []


def _clean_name(name: str) -> str:
    name = regex.sub(r"^(?:其中[:：]?|\d+[.、．]|[一二三四五六七八九十]+、|主要用于以下方面[:：]?)", "", name.strip())
    return normalize_name(name)


def _has_measure(text: str) -> bool:
    return bool(AMOUNT_RE.search(text) or PERCENT_RE.search(text))


def _following(paragraphs: list[Paragraph], index: int) -> list[tuple[Paragraph, int, int]]:
    """Paragraphs after an item whose measures were pushed there by a page or line break."""
    out: list[tuple[Paragraph, int, int]] = []
    for para in paragraphs[index + 1 : index + 1 + _MAX_FOLLOW]:
        text = fold_digits(para.text)
        if _HEADING.match(text) or BRACKET_PATH.search(text) or DASH_PATH.search(text):
            break
        out.append((para, 0, len(text)))
        if _has_measure(text):
            break
    return out if out and _has_measure(fold_digits(out[-1][0].text)) else []


# -- measures ----------------------------------------------------------------------------

# Budget, 决算, share, completion and change labels: measure_labels.py (shared with the narrative facts).
_PRIOR_EXEC_LABEL = regex.compile(r"(?:当年)?预算执行数(?:为)?$")
_PLAN_LABEL = regex.compile(r"预算安排(?:为)?$")
_PART_LABEL = regex.compile(r"(?P<part>基本|项目)支出(?:为|是)?$")
_DELIMS = "，,；;。：:、"


def _line_items(match: PathMatch, codes: CodeTable, year: int | None, kind: str | None) -> list[LineItem]:
    """One LineItem per measure stated for the path, in its text and any follow-on paragraphs."""
    code, origin, level = _code_of(match, codes, year)
    name = next(n for n in reversed(match.names) if n)
    segments = [(match.block, match.text, match.end, match.extent_end)]
    segments += [(p, p.text, s, e) for p, s, e in match.follow]
    items: list[LineItem] = []
    default_used = False
    lead = ""
    for block, text, start, end in segments:
        for column, value, unit, printed, sentence in _measures(text, start, end, kind, default_used, lead):
            default_used = default_used or column in ("final", "total")
            items.append(
                LineItem(
                    table="narrative",
                    classification="function",
                    code=code,
                    name=name,
                    column=column,
                    value=value,
                    source=_source(match, block, sentence),
                    unit=unit,
                    printed_unit=printed[1],
                    printed_value=printed[0],
                    code_origin=origin,
                    level=level,
                )
            )
        lead = _dangling_label(fold_digits(text)[start:end])
    if level == "类" and _is_filler(items):
        return []
    return items


def _source(match: PathMatch, block: Paragraph, sentence: str) -> Source:
    """Where a measure was read: its paragraph (or cell), with the path it belongs to."""
    path_text = match.text[match.start : match.end]
    if block is not match.block:
        text = f"{path_text} … {sentence}"
    elif sentence.startswith(path_text):
        text = sentence
    else:
        text = match.text[match.start : match.extent_end]
    in_cell = match.cell is not None and block is match.block
    return Source(
        block=block.block,
        page=block.page,
        line=getattr(block, "line", None),
        text=text,
        row=match.cell[0] if in_cell else None,
        col=match.cell[1] if in_cell else None,
        **source_reading(block.reading()),
    )


def _is_filler(items: list[LineItem]) -> bool:
    """A class mention stating only 0 (and a 0 share): the template's untouched filler."""
    return bool(items) and all(i.value == 0 for i in items)


def _dangling_label(segment: str) -> str:
    """Words a segment ends with after its last figure or delimiter ("…年初预算为"): a page or
    line break split the label from its figure, which opens the next segment."""
    tail = _near(segment, 0, len(segment))
    return "" if regex.search(r"\d", tail) else tail


def _measures(text: str, start: int, end: int, kind: str | None, default_used: bool, lead: str = ""):
    """(column, value, unit, (printed value, printed unit), sentence) for each figure in
    ``text[start:end]``, labelled by the words just before it (``lead``: a label the previous
    segment ended with, for the segment's first figure)."""
    folded = fold_digits(text)
    tokens = sorted(
        [("amount", m) for m in AMOUNT_RE.finditer(folded, start, end)]
        + [("percent", m) for m in PERCENT_RE.finditer(folded, start, end)]
        + [("flat", m) for m in _FLAT_LINE.finditer(folded, start, end)],
        key=lambda t: t[1].start(),
    )
    prev_end = start
    first = True
    stated_pct = False
    for token_kind, m in tokens:
        near = _near(folded, prev_end, m.start())
        if first and lead and not near:
            near = lead
        prev_end = m.end()
        sentence = _sentence(text, m.start(), m.end(), start)
        if token_kind == "flat":
            # "2026年预算数为236.83万元，与2025年执行数相同": no change, in 万元 and in %
            if _versus_last_year(folded[start : m.start()], kind):
                yield "change", Decimal(0), "万元", (None, None), sentence
                if not stated_pct:
                    yield "change_pct", Decimal(0), "%", (None, None), sentence
            continue
        number = parse_prose_number(m.group("num"))
        printed_num = text[m.start("num") : m.end("num")]
        if token_kind == "percent":
            column = _percent_column(near)
            if column is None:
                continue
            value = number
            word = measure_labels.CHANGE_PCT.search(near).group("word") if column == "change_pct" else ""
            if column == "change_pct" and (word in ("降幅", "减幅") or sign_of(word) == -1):
                value = -number
            stated_pct = stated_pct or column == "change_pct"
            yield column, value, "%", (printed_num, "%"), sentence
            continue
        if (change := _CHANGE_AMOUNT.search(near)) and _versus_last_year(folded[start : m.start()], kind):
            if _REASON.search(folded, start, m.start()):
                continue  # "原因是：一是人员经费支出增加840.12万元": a part's change, not the line's
            # "比2025年执行数增加271.14万元": the line's change from last year, signed
            sign = sign_of(change.group("word")) or 1
            first = False
            yield "change", to_wan(number, m.group("unit")) * sign, "万元", (printed_num, m.group("unit")), sentence
            continue
        if gap := measure_labels.GAP.search(near):
            # "决算数大于预算数55.93万元": the gap to the budget, signed; never the budget itself
            first = False
            yield ("budget_gap", to_wan(number, m.group("unit")) * measure_labels.GAP_SIGN[gap.group("word")], "万元",
                   (printed_num, m.group("unit")), sentence)
            continue
        column = _amount_column(near, kind, first and not default_used)
        first = False
        if column is None:
            continue
        unit = m.group("unit")
        yield column, to_wan(number, unit), "万元", (printed_num, unit), sentence


_REASON = regex.compile(r"原因|主要是|[一二三四五]是|其中")
_CHANGE_AMOUNT = regex.compile(r"(?P<word>增加|减少|增长|下降|上升|降低)了?$")
_FLAT_LINE = regex.compile(r"(?:基本)?持平|无增减(?:变动|变化)?|无变化|(?<=[数年算])相同")
_LAST_YEAR = regex.compile(r"(?:比|较|与|同)\s*(?:上年|上一年|去年|(?P<year>(?:19|20)\d{2})\s*年)|同比(?!\s*预算)")
_VERSUS_BUDGET = regex.compile(r"(?:比|较|与)\s*(?:年初|全年|调整后?)?预算")


def _versus_last_year(before: str, kind: str | None) -> bool:
    """The latest comparison before a change is with last year (in a 决算, "比年初预算" is the
    gap to the budget, and "决算数与预算数持平" is no change from last year)."""
    last_year = list(_LAST_YEAR.finditer(before))
    budget = list(_VERSUS_BUDGET.finditer(before))
    if not last_year:
        return False
    return not budget or budget[-1].start() < last_year[-1].start() or kind == "budget"


def _near(text: str, lo: int, hi: int) -> str:
    """The words between the previous figure (or delimiter) and this one."""
    chunk = text[lo:hi]
    cut = max(chunk.rfind(d) for d in _DELIMS)
    return chunk[cut + 1 :].strip() if cut >= 0 else chunk.strip()


def _sentence(text: str, lo: int, hi: int, floor: int) -> str:
    start = max(text.rfind("。", floor, lo) + 1, floor)
    stop = text.find("。", hi)
    return text[start : stop + 1 if stop >= 0 else len(text)].strip()


def _percent_column(near: str) -> str | None:
    if measure_labels.COMPLETION.search(near):  # "占年初预算的98%" is completion, not a share
        return "completion_pct"
    if measure_labels.SHARE.search(near):
        return "share_pct"
    if measure_labels.CHANGE_PCT.search(near):
        return "change_pct"
    return None


def _amount_column(near: str, kind: str | None, may_default: bool) -> str | None:
    if measure_labels.CHANGE_PCT.search(near):
        return None  # an amount of change is not a measure of the line
    if _PRIOR_EXEC_LABEL.search(near):
        return "prior_executed"
    if _PLAN_LABEL.search(near):
        return "total"
    if measure_labels.ACTUAL.search(near):
        return "final"
    if measure_labels.BUDGET.search(near):
        return "budget" if kind != "budget" else "total"
    if m := _PART_LABEL.search(near):
        return "basic" if m.group("part") == "基本" else "project"
    if may_default and regex.fullmatch(r"[”\"]?(?:科目)?(?:支出)?(?:为|是)?", near):
        return "total" if kind == "budget" else "final"
    return None


# -- codes -------------------------------------------------------------------------------


def _code_of(match: PathMatch, codes: CodeTable, year: int | None) -> tuple[str | None, str | None, str]:
    """(code, origin, level) of the deepest level named."""
    depth = max(i for i, n in enumerate(match.names) if n)
    level = "类款项"[depth]
    printed = _printed_code(match.printed, depth)
    if printed is not None:
        return printed, "printed", level
    c1, c2, c3 = match.names
    if not c1 or (depth == 2 and not c2):
        return None, None, level  # a 款/项 whose 类 the text never named
    code = codes.resolve(c1, c2 if depth >= 1 else None, c3 if depth >= 2 else None, year=year)
    return code, ("resolved" if code else None), level


def _printed_code(printed: tuple[str | None, ...], depth: int) -> str | None:
    """Join printed 类/款/项 codes ("204","06","01" → 2040601; full codes kept as printed)."""
    parts = printed[: depth + 1]
    if not parts or parts[-1] is None:
        return None
    last = parts[-1]
    if len(last) == 3 + 2 * depth:
        return last
    code = ""
    for part in parts:
        if part is None:
            return None
        code = part if len(part) > len(code) and part.startswith(code) and len(part) in (3, 5, 7) else code + part
    return code if len(code) == 3 + 2 * depth else None


def _dedupe(items: list[LineItem]) -> list[LineItem]:
    """Drop a restatement identical in code, name, column and value (keep the first)."""
    seen: set[tuple] = set()
    out: list[LineItem] = []
    for item in items:
        key = (item.code, item.name, item.level, item.column, item.value)
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out
