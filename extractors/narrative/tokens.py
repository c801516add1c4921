"""Figures in a sentence: amounts, percentages, counts and "no change" phrases, in order.

A token knows its span in the printed text and the words between it and the previous
token or clause delimiter (``near``): those words say what the figure is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extractors.numbers import (
    AMOUNT_RE,
    COUNT_RE,
    PERCENT_RE,
    chinese_count,
    fold_digits,
    parse_prose_number,
    to_wan,
)

DELIMS = "，,；;。：:、!！?？"
_THRESHOLD = regex.compile(r"(?:单价|单位价值)\s*(?:在)?\s*\d+\s*万元\s*(?:[（(]含[)）])?\s*(?:及)?以上")
# Scores ("平均得分99.43分"): counted like counts, but with decimals.
SCORE_RE = regex.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>分)(?![钟之])")
# Floor areas ("共有房屋1647.88平方米", "办公用房2,300㎡", "1.2万平方米"): counted like counts, in 平方米.
AREA_RE = regex.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                        r"\s?(?P<unit>万平方米|平方米|㎡|m²|M²|平米)")
_AREA_UNITS = {"万平方米": Decimal(10000)}
# Counts in Chinese numerals ("三辆", "十二批次", "两个团组"), in the units of 三公 counts only: a
# bare "一个"/"三项" in prose is rarely a figure. Never an ordinal ("第三批次") nor part of a word.
CN_COUNT_RE = regex.compile(r"(?<![第\d零〇一二两三四五六七八九十百千万亿])"
                            r"(?P<num>[零〇一二两三四五六七八九十百千]{1,6})(?P<unit>辆|批次|人次|个(?=(?:出国|出访)?团组))")
_FLAT = regex.compile(r"(?:基本)?持平|无增减(?:变动|变化)?|没有变化|无变化|未发生变化|(?<=[数年算])相同")


@dataclass(frozen=True)
class Token:
    """One figure (or no-change phrase) in a text."""

    kind: str  # "amount" | "percent" | "count" | "flat"
    start: int
    end: int
    near: str  # the words just before it, inside its clause
    value: Decimal | None = None  # amounts in 万元; percents and counts as printed
    printed_value: str | None = None
    printed_unit: str | None = None
    listed: bool = False  # a bare number of a 各 / 分别 list, sharing the unit after the list


def _masked(folded: str) -> str:
    """Hide thresholds that are part of a label ("单价100万元以上设备") from amount matching."""
    return _THRESHOLD.sub(lambda m: "#" * len(m.group()), folded)


_PER = regex.compile(r"\s?[/／]")
# "收、支总计各是4125.49,4143.91万元", "分别增加1.2、3.4万元": bare numbers of a 各 / 分别 list
# sharing the unit printed after the list's last number. Comma-separated items must carry
# decimals (so "各为1,234万元" stays one thousand-separated amount).
_SHARED_UNIT_LIST = regex.compile(
    r"(?<=(?:各|分别)[^，,；;。、\d]{0,4})(?P<items>(?:\d+\.\d+[,，]|\d+(?:\.\d+)?、)+)"
    r"(?=\d+(?:\.\d+)?\s?(?P<unit>亿元|万元|千元|元)(?![\d]))"
)
# "经营收入0.00万，…": 万 without 元, read as 万元 only with a money's two decimals and a clause end after it.
_BARE_WAN = regex.compile(r"(?<![\d.])(?P<num>\d+\.\d{2})\s?(?P<unit>万)(?=[，,；;。]|$)")
_LIST_ITEM = regex.compile(r"(?P<num>\d+(?:\.\d+)?)[,，、]")
# "较上年2.08减少0.03万元": last year's figure printed bare, in the unit of the change right after it.
_BARE_PRIOR = regex.compile(
    r"(?<=(?:较|比)\s*(?:上年度?|去年|上一年度?|(?:19|20)\d{2}\s*年度?)(?:的)?\s*)(?P<num>\d+(?:\.\d+)?)"
    r"(?=\s*(?:增加|减少|增长|下降)了?\s*\d+(?:\.\d+)?\s*(?P<unit>亿元|万元|千元|元)(?![\d]))"
)


def scan(text: str, lo: int = 0, hi: int | None = None) -> list[Token]:
    """Every token in ``text[lo:hi]``, in reading order; amounts win over counts and
    percents that overlap them."""
    hi = len(text) if hi is None else hi
    folded = fold_digits(text)
    masked = _masked(folded)
    spans: list[tuple[int, int, str, regex.Match]] = []
    shared_units: dict[int, str] = {}
    bare_units: dict[int, str] = {}  # bare prior-year figures and the unit they take
    for listed in _SHARED_UNIT_LIST.finditer(masked, lo, hi):
        for item in _LIST_ITEM.finditer(masked, listed.start("items"), listed.end("items")):
            spans.append((item.start(), item.end("num"), "amount", item))
            shared_units[item.start()] = listed.group("unit")
    for prior in _BARE_PRIOR.finditer(masked, lo, hi):
        spans.append((prior.start(), prior.end("num"), "amount", prior))
        bare_units[prior.start()] = prior.group("unit")
    patterns = (("amount", AMOUNT_RE), ("amount", _BARE_WAN), ("percent", PERCENT_RE), ("count", SCORE_RE),
                ("area", AREA_RE), ("count", COUNT_RE), ("cn_count", CN_COUNT_RE),
                ("flat", _FLAT))
    for kind, rx in patterns:
        for m in rx.finditer(masked, lo, hi):
            if any(s < m.end() and m.start() < e for s, e, _, _ in spans):
                continue
            if kind == "amount" and _PER.match(masked, m.end()):
                continue  # "11.05万元/年/人": a rate (a form's target), not an amount of the report
            if kind == "cn_count" and chinese_count(m.group("num")) is None:
                continue  # "三四辆": no one number
            spans.append((m.start(), m.end(), kind, m))
    spans.sort(key=lambda s: s[0])
    tokens: list[Token] = []
    prev_end = lo
    for start, end, kind, m in spans:
        near = near_words(folded, prev_end, start)
        prev_end = end
        tokens.append(_token(text, kind, m, start, end, near, shared_units.get(start), bare_units.get(start)))
    return tokens


def _token(text: str, kind: str, m: regex.Match, start: int, end: int, near: str,
           shared_unit: str | None = None, bare_unit: str | None = None) -> Token:
    if kind == "flat":
        return Token(kind, start, end, near)
    if kind == "cn_count":
        value = chinese_count(m.group("num"))
        return Token("count", start, end, near, None if value is None else Decimal(value),
                     text[m.start("num") : m.end("num")], m.group("unit"))
    number = parse_prose_number(m.group("num"))
    printed = text[m.start("num") : m.end("num")]
    if kind == "amount" and bare_unit:
        return Token(kind, start, end, near, to_wan(number, bare_unit), printed, None)
    if kind == "amount":
        unit = shared_unit or m.group("unit")
        return Token(kind, start, end, near, to_wan(number, "万元" if unit == "万" else unit), printed, unit,
                     listed=shared_unit is not None)
    if kind == "percent":
        return Token(kind, start, end, near, number, printed, "%")
    if kind == "area":  # read as a count in 平方米; the printed unit stays on the fact
        unit = m.group("unit")
        return Token("count", start, end, near, number * _AREA_UNITS.get(unit, Decimal(1)), printed, unit)
    return Token(kind, start, end, near, number, printed, m.group("unit"))


# "收入、支出总计": the 、 joins two words of one label, it does not end a clause.
# "收入总计、支出总计均为…" too: one figure, the summary's 总计, named by both its sides.
_JOINED_PAIR = regex.compile(r"(?<=收入(?:决算|预算)?(?:总计|合计)?)、(?=支出)")


# "收、支总计均为1523.26万元": the two sides of one 总计, abbreviated.
_SIDES_ABBREVIATED = regex.compile(r"收、支(?=(?:决算|预算)?总计)")


def near_words(folded: str, lo: int, hi: int) -> str:
    """The words between ``lo`` and ``hi`` after the last clause delimiter."""
    chunk = _SIDES_ABBREVIATED.sub("收支", _JOINED_PAIR.sub("和", folded[lo:hi]))
    cut = max(chunk.rfind(d) for d in DELIMS)
    return _SPACED_HAN.sub("", (chunk[cut + 1 :] if cut >= 0 else chunk).strip())


# "政 府 采 购 预 算 6429768.84 元": a PDF's text spaced out between characters; the label is the
# words without the spaces.
_SPACED_HAN = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")


def clause_after(text: str, pos: int) -> str:
    """The words after ``pos`` up to the end of the clause, skipping bracketed asides
    ("对6项目（甲、乙、丙）开展了预算事前绩效评估")."""
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,；;。":
            return text[pos:i]
    return text[pos:]
