"""The clause structure of a sentence: where sentences end, brackets, and new subjects.

A qualifier ("比上年增加120.50万元", "增长7.8%", "占74.42%") belongs to the figure its clause
chain is about. Three things in the text change that figure, and this module finds them:

* the end of a sentence (。！？) — but not a 。 inside brackets: "（公务用车购置费0万元…；
  公务用车运行维护费2.5万元，比上年减少1万元。）比上年减少1万元" is one sentence whose last clause
  is about the figure before the bracket;
* brackets: "（" opens an aside, "）" closes it (the reader hands the chain back to the figure
  before the bracket if the aside stated figures of its own);
* a clause that starts a new subject: the reason given for a change ("主要原因：…", "主要是…",
  "原因是…", "一是…") or a breakdown ("其中…", "扣除…"). Whatever such a clause compares is not
  the preceding figure's comparison. A use ("主要用于…") describes the same figure: the
  comparison after it is still the figure's ("基本支出X万元，主要用于…，比2025年增加Y万元").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

_ENDS = "。！？!?"
_OPEN = "（("
_CLOSE = "）)"
_CLAUSE_DELIMS = "，,；;：:"
# How far ahead a 。 inside an open bracket may look for the bracket's end.
_BRACKET_REACH = 120

# Words that open a clause about something else than the figure before it.
NEW_SUBJECT = regex.compile(
    r"\s*(?:[一二三四五六七八九十\d]+[、.．]\s*)?"
    r"(?:其中|主要(?:原因|是|由于|因为)|原因|具体|扣除|分别|[一二三四五六七八九十]是"
    r"|[^，,；;：:。（(]{0,12}?的主要原因|[^，,；;：:。（(]{0,12}?的原因)"
)


# A sentence that opens with a comparison has no subject of its own: it continues the
# previous sentence's ("公务接待费1.35万元。比2023年预算持平。").
# A bare measure may stand before it ("…支出决算627.62万元…。支出决算比上年增加113.37万元").
# "同口径比2018年减少830万元" (a like-for-like comparison) too.
# So may the summary's own name, which states no figure ("收入支出总体与上年相比，增加…",
# "财政拨款总收支较上年下降3.85%"); spaces may stand inside ("较 2022 年度决算数增加").
_OPENS_WITH_COMPARISON = regex.compile(
    r"\s*(?:(?:支出|收入)?(?:决算|预算)(?:数)?|(?:财政拨款)?(?:(?:收入支出|收支)总体(?:情况)?|总收支))?"
    r"\s*(?:同口径)?(?:比|较|同比|与)\s*(?:上年|上一年|去年|(?:19|20)\d{2}\s*年)"
)


def continues_subject(text: str, pos: int) -> bool:
    """True when the sentence starting at ``pos`` opens with a comparison."""
    return bool(_OPENS_WITH_COMPARISON.match(text, pos))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, the end including its 。; a 。 inside a bracket that
    closes soon after it does not end the sentence."""
    spans: list[tuple[int, int]] = []
    start = depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _ENDS and not (depth and _closes_soon(text, i + 1)):
            spans.append((start, i + 1))
            start, depth = i + 1, 0
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _closes_soon(text: str, pos: int) -> bool:
    window = text[pos : pos + _BRACKET_REACH]
    close = min((window.find(c) for c in _CLOSE if c in window), default=-1)
    return close >= 0 and not any(ch in _ENDS for ch in window[:close])


def events(text: str, lo: int, hi: int) -> Iterator[tuple[str, int]]:
    """("open" | "close" | "subject", position) for the text between two figures, in order.

    A sentence start counts as a clause start: a sentence that opens with "主要原因…"
    governs nothing either.
    """
    for i in range(lo, hi):
        ch = text[i]
        if ch in _OPEN:
            yield "open", i
        elif ch in _CLOSE:
            yield "close", i
        elif ch in _CLAUSE_DELIMS and NEW_SUBJECT.match(text, i + 1):
            yield "subject", i
        elif ch in "：:":
            yield "colon", i
