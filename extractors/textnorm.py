"""Text normalisation shared by every reader.

All three readers pass their text through the same functions so that a paragraph read
from Word, from the PDF exported from it, or from the flattened .txt comes out
identical. The rules are deliberately few:

* Kangxi radicals (U+2F00–U+2FDF), CJK-radicals-supplement look-alikes and CJK
  compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F: a font's duplicate glyph for
  金, 年, 度 …, which some PDF producers map to) become the unified ideographs they stand
  for, because they break search and regexes.
* Whitespace runs become one space, and a space survives only between two ASCII letters
  or digits ("Step 1", "2,946.25 9,746.50"). A PDF's justified Chinese line gains
  spurious spaces between Han characters; a Word cell has "基本  满意" from manual
  wrapping; neither space carries meaning, so both go.
* A line break inside a cell or a wrapped PDF line joins the same way: no space unless
  both sides are ASCII alphanumerics.

Full-width punctuation is kept as printed: it is part of the source text shown to users.
``fold_width`` gives the half-width form for matching numbers.
"""

from __future__ import annotations

import unicodedata

import regex

_WS = regex.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

# CJK Radicals Supplement code points that NFKC leaves alone, mapped to the unified
# ideograph (from Unicode's EquivalentUnifiedIdeograph.txt; the ones seen in Chinese
# government PDFs).
_RADICAL_SUPPLEMENT = {
    "\u2e84": "乙", "\u2e86": "冂", "\u2e87": "几", "\u2e88": "刀", "\u2e8b": "卩",
    "\u2e8c": "小", "\u2e8e": "兀", "\u2e8f": "尢", "\u2e90": "尢", "\u2e92": "巳",
    "\u2e93": "幺", "\u2e94": "彑", "\u2e95": "彐", "\u2e97": "心", "\u2e98": "手",
    "\u2e99": "攴", "\u2e9b": "旡", "\u2e9c": "日", "\u2e9d": "月", "\u2e9e": "歹",
    "\u2e9f": "母", "\u2ea0": "民", "\u2ea1": "水", "\u2ea2": "水", "\u2ea3": "火",
    "\u2ea4": "爪", "\u2ea5": "爪", "\u2ea6": "丬", "\u2ea7": "牛", "\u2ea8": "犬",
    "\u2eaa": "疋", "\u2eab": "目", "\u2eac": "示", "\u2ead": "示", "\u2eae": "竹",
    "\u2eb1": "网", "\u2eb2": "网", "\u2eb3": "网", "\u2eb6": "羊", "\u2eb7": "羊",
    "\u2eb9": "老", "\u2ebb": "聿", "\u2ebc": "肉", "\u2ebd": "臼", "\u2ebe": "艸",
    "\u2ebf": "艸", "\u2ec0": "艸", "\u2ec1": "虎", "\u2ec2": "衣", "\u2ec4": "西",
    "\u2ec5": "见", "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2ecb": "车",
    "\u2ecc": "辶", "\u2ecd": "辶", "\u2ecf": "邑", "\u2ed0": "钅", "\u2ed1": "长",
    "\u2ed2": "長", "\u2ed3": "长", "\u2ed4": "门", "\u2ed6": "阜", "\u2ed7": "雨",
    "\u2ed8": "青", "\u2ed9": "韦", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食",
    "\u2edf": "食", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼",
    "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄",
    "\u2eea": "黾", "\u2eeb": "斉", "\u2eec": "齐", "\u2eed": "歯", "\u2eee": "齿",
    "\u2eef": "竜", "\u2ef0": "龙", "\u2ef1": "龜", "\u2ef2": "亀", "\u2ef3": "龟",
}

_FULLWIDTH_DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}


_FOLDABLE = regex.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def _fold_one(match: regex.Match[str]) -> str:
    ch = match.group()
    if "\u2f00" <= ch <= "\u2fdf":
        return unicodedata.normalize("NFKC", ch)
    if ch >= "\uf900":  # compatibility ideographs: their canonical (NFC) equivalent, where one exists
        return unicodedata.normalize("NFC", ch)
    return _RADICAL_SUPPLEMENT.get(ch, ch)


def fold_radicals(text: str) -> str:
    """Replace radicals and compatibility ideographs with the unified ideographs they look like."""
    if _FOLDABLE.search(text) is None:
        return text
    return _FOLDABLE.sub(_fold_one, text)


def _keep_space(left: str, right: str) -> bool:
    return left in _ASCII_ALNUM and right in _ASCII_ALNUM


def normalize_text(text: str) -> str:
    """Normalise one line or paragraph of source text (see the module docstring)."""
    text = fold_radicals(text)
    parts = _WS.split(text.strip())
    if len(parts) == 1:
        return parts[0]
    out = [parts[0]]
    for part in parts[1:]:
        if not part:
            continue
        if out[-1] and _keep_space(out[-1][-1], part[0]):
            out.append(" ")
        out.append(part)
    return "".join(out)


def normalize_cell_text(text: str) -> str:
    """Normalise each line of a cell, dropping empty lines but keeping the breaks."""
    lines = [normalize_text(line) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def flatten_lines(text: str) -> str:
    """Join the lines of a cell (or wrapped PDF lines) the way a reader sees them."""
    if "\n" not in text:
        return text
    lines = [line for line in text.split("\n") if line]
    if not lines:
        return ""
    out = [lines[0]]
    for line in lines[1:]:
        if _keep_space(out[-1][-1], line[0]):
            out.append(" ")
        out.append(line)
    return "".join(out)


def fold_width(text: str) -> str:
    """Half-width digits and number punctuation, for matching figures (not for display)."""
    return text.translate(_FOLD_TABLE)


# Built once: fold_width runs for every table cell and clause.
_FOLD_TABLE = str.maketrans({**dict(_FULLWIDTH_DIGITS),
                             "，": ",", "．": ".", "％": "%", "－": "-", "＋": "+", "：": ":"})


def is_cjk(ch: str) -> bool:
    """True for Han characters and CJK punctuation (the characters Chinese text wraps on)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2A6DF
    )
