"""Word automatic numbering: the "一、" / "（一）" / "1." labels Word draws but never stores.

Government templates number their headings with Word lists, so the text of a heading
paragraph in ``document.xml`` is "部门主要职责" while the printed page (and the PDF
exported from it) reads "一、部门主要职责". Field extractors find sections by those labels,
and the .docx reading must equal the PDF reading, so the reader renders the labels as Word
does (ECMA-376 §17.9): the paragraph's ``w:numPr`` (or its style's) selects a ``w:num``,
which points to an ``w:abstractNum`` whose level gives the start value, the number format
and the label template (``w:lvlText``, "%1、").

Counters are kept per abstract list, as Word continues a list across ``w:num`` instances;
a ``w:num`` with a ``w:startOverride`` (Word's "restart numbering") counts on its own.
Bullets render as nothing: a bullet glyph is usually a Symbol-font private-use character
that carries no content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # isLgl: every %N shown in decimal
    suffix: str = "\t"
    style: str | None = None  # pStyle bound to this level


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, _Level] = field(default_factory=dict)  # full lvl overrides


@dataclass
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None


class Numbering:
    """List definitions of one document and the running counters, in document order."""

    def __init__(self, ns: str, numbering: etree._Element | None,
                 styles: etree._Element | None) -> None:
        self._w = lambda local: f"{{{ns}}}{local}"
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum → numStyleLink style id
        self.nums: dict[str, _Num] = {}
        self.styles: dict[str, _Style] = {}
        self.default_style: str | None = None
        self._counters: dict[str, dict[int, int]] = {}
        if numbering is not None:
            self._load_numbering(numbering)
        if styles is not None:
            self._load_styles(styles)

    # -- definitions --------------------------------------------------------------------
    def _val(self, parent: etree._Element | None, local: str) -> str | None:
        element = parent.find(self._w(local)) if parent is not None else None
        return element.get(self._w("val")) if element is not None else None

    def _load_numbering(self, root: etree._Element) -> None:
        w = self._w
        for abstract in root.iter(w("abstractNum")):
            key = abstract.get(w("abstractNumId"))
            self.abstracts[key] = {
                _int(lvl.get(w("ilvl")), 0): self._level(lvl) for lvl in abstract.iter(w("lvl"))}
            link = self._val(abstract, "numStyleLink")
            if link:
                self.links[key] = link
        for num in root.iter(w("num")):
            self.nums[num.get(w("numId"))] = self._num(num)

    def _num(self, num: etree._Element) -> _Num:
        w = self._w
        entry = _Num(abstract=self._val(num, "abstractNumId") or "")
        for override in num.iter(w("lvlOverride")):
            level = _int(override.get(w("ilvl")), 0)
            start = self._val(override, "startOverride")
            if start is not None:
                entry.starts[level] = _int(start, 1)
            lvl = override.find(w("lvl"))
            if lvl is not None:
                entry.levels[level] = self._level(lvl)
        return entry

    def _level(self, lvl: etree._Element) -> _Level:
        legal = lvl.find(self._w("isLgl"))
        restart = self._val(lvl, "lvlRestart")
        return _Level(
            start=_int(self._val(lvl, "start"), 1),
            fmt=self._val(lvl, "numFmt") or "decimal",
            text=self._val(lvl, "lvlText") or "",
            restart=None if restart is None else _int(restart, 0),
            legal=legal is not None and legal.get(self._w("val")) not in ("0", "false", "off"),
            suffix={"space": " ", "nothing": ""}.get(self._val(lvl, "suff") or "", "\t"),
            style=self._val(lvl, "pStyle"),
        )

    def _load_styles(self, root: etree._Element) -> None:
        w = self._w
        for style in root.iter(w("style")):
            if style.get(w("type")) not in (None, "paragraph", "numbering"):
                continue
            style_id = style.get(w("styleId"))
            num_pr = _find_path(style, w("pPr"), w("numPr"))
            ilvl = self._val(num_pr, "ilvl")
            self.styles[style_id] = _Style(
                based_on=self._val(style, "basedOn"),
                num_id=self._val(num_pr, "numId"),
                ilvl=None if ilvl is None else _int(ilvl, 0),
            )
            is_default = style.get(w("default")) in ("1", "true", "on")
            if is_default and style.get(w("type")) == "paragraph":
                self.default_style = style_id

    # -- labels ---------------------------------------------------------------------------
    def label(self, p: etree._Element) -> str:
        """The label Word draws before paragraph ``p`` (advancing the counters), or ""."""
        target = self._list_of(p)
        if target is None:
            return ""
        num_id, ilvl = target
        num = self.nums.get(num_id)
        levels = self._levels(num) if num is not None else {}
        level = levels.get(ilvl)
        if level is None:
            return ""
        counts = self._count(num_id, num, levels, ilvl)
        if level.fmt == "bullet":
            return ""
        return _render(level, levels, counts) + level.suffix

    def _list_of(self, p: etree._Element) -> tuple[str, int] | None:
        """(numId, level) from the paragraph's numPr, else from its style chain."""
        w = self._w
        ppr = p.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id, ilvl = self._val(num_pr, "numId"), self._val(num_pr, "ilvl")
        style_id = self._val(ppr, "pStyle") or self.default_style
        if num_id is None or ilvl is None:
            inherited = self._style_numbering(style_id)
            num_id = num_id if num_id is not None else inherited[0]
            if ilvl is None and inherited[1] is not None:
                ilvl = str(inherited[1])
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:
            return num_id, self._level_bound_to(num_id, style_id)
        return num_id, _int(ilvl, 0)

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        num_id = ilvl = None
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
            style_id = style.based_on
        return num_id, ilvl

    def _level_bound_to(self, num_id: str, style_id: str | None) -> int:
        """A style-numbered paragraph without ilvl takes the level naming its style."""
        for ilvl, level in self._levels(self.nums[num_id]).items():
            if style_id and level.style == style_id:
                return ilvl
        return 0

    def _levels(self, num: _Num) -> dict[int, _Level]:
        levels = dict(self._abstract_levels(num.abstract))
        levels.update(num.levels)
        return levels

    def _abstract_levels(self, abstract: str) -> dict[int, _Level]:
        """Levels of an abstract list, following one numStyleLink to its definition."""
        levels = self.abstracts.get(abstract, {})
        link = self.links.get(abstract)
        if not levels and link:
            linked = self.styles.get(link)
            target = self.nums.get(linked.num_id) if linked and linked.num_id else None
            if target is not None and target.abstract != abstract:
                return self.abstracts.get(target.abstract, {})
        return levels

    def _count(self, num_id: str, num: _Num, levels: dict[int, _Level],
               ilvl: int) -> dict[int, int]:
        """Advance level ``ilvl``, restart the deeper levels, return every level's count."""
        key = f"num:{num_id}" if num.starts else f"abstract:{num.abstract}"
        counts = self._counters.setdefault(key, {})
        start = num.starts.get(ilvl, levels[ilvl].start)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start
        for deeper in [d for d in counts if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counts[deeper]
        return {k: counts.get(k, num.starts.get(k, lvl.start)) for k, lvl in levels.items()}


def _render(level: _Level, levels: dict[int, _Level], counts: dict[int, int]) -> str:
    """``lvlText`` with each %N replaced by level N-1's counter in its format."""
    out, text, i = [], level.text, 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
            k = int(text[i + 1]) - 1
            fmt = "decimal" if level.legal else (levels[k].fmt if k in levels else "decimal")
            out.append(format_number(counts.get(k, 1), fmt))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (decimal for the ones not listed)."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return _chinese(n, _CN_DIGITS, _CN_UNITS, short_ten=True)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL_DIGITS, _CN_LEGAL_UNITS, short_ten=False)
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _EARTHLY_BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    return _western(n, fmt)


def _western(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    enclosed = {"decimalEnclosedCircle": 0x2460, "decimalEnclosedCircleChinese": 0x2460,
                "decimalEnclosedParen": 0x2474, "decimalEnclosedFullstop": 0x2488}
    if fmt in enclosed and 1 <= n <= 20:
        return chr(enclosed[fmt] + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero" and 0 <= n < 10:
        return f"0{n}"
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _chinese(n: int, digits: str, units: tuple[str, ...], short_ten: bool) -> str:
    """1→一, 10→十, 11→十一, 20→二十, 101→一百零一 (up to 9999; beyond, Arabic)."""
    if n <= 0 or n > 9999:
        return str(n)
    places = [int(d) for d in str(n)]
    out: list[str] = []
    zero_pending = False
    for i, d in enumerate(places):
        unit = units[len(places) - 1 - i]
        if d == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append(digits[0])
            zero_pending = False
        if not (short_ten and d == 1 and unit == units[1] and not out):
            out.append(digits[d])
        out.append(unit)
    return "".join(out)


def _find_path(element: etree._Element, *tags: str) -> etree._Element | None:
    for tag in tags:
        element = element.find(tag) if element is not None else None
    return element


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
