"""Parse the numbers of fiscal reports: amounts, percentages, units.

Every parser here is total: it returns ``None`` for text that is not a number and never
raises, because report text is hostile (placeholders "XX", dashes for empty cells, page
footers). Amounts come back as ``Decimal`` exactly as printed; conversion to 万元 is a
separate, explicit step (``to_wan``) so the printed figure is never lost.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from extractors.textnorm import fold_width

# Multipliers to 万元 for the money units reports print.
UNIT_TO_WAN: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "万元": Decimal("1"),
    "万": Decimal("1"),
    "亿元": Decimal("10000"),
    "亿": Decimal("10000"),
    "千元": Decimal("0.1"),
}

_CELL_NUMBER = regex.compile(r"^[(（]?([-+−]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[)）]?$")
_EMPTY_MARKS = frozenset({"", "-", "—", "--", "——", "－", "/", "／", "…", "x", "X", "×"})
_UNIT_LABEL = regex.compile(r"(?:金额)?单\s*位\s*[:：]\s*(亿元|万元|千元|元|万)")


def parse_decimal(text: str | None) -> Decimal | None:
    """A printed number (table cell or extracted figure) as Decimal, or None.

    Accepts thousands separators, full-width digits, a leading sign, bracket negatives
    "(12.5)" and "（12.5）", and a trailing "%". Returns None for blanks and dash marks:
    a blank cell is "not stated", not zero.
    """
    if text is None:
        return None
    s = fold_width(str(text)).strip().replace(" ", "").rstrip("%")
    if s in _EMPTY_MARKS:
        return None
    m = _CELL_NUMBER.match(s)
    if not m:
        return None
    sign, digits = m.groups()
    negative = sign in ("-", "−") or (s.startswith(("(", "（")) and s.endswith((")", "）")))
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if negative else value


def is_empty_mark(text: str | None) -> bool:
    """True for a cell that states nothing (blank, dash): distinct from a printed 0."""
    return text is None or fold_width(str(text)).strip().replace(" ", "") in _EMPTY_MARKS


def to_wan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """Convert an amount printed in ``unit`` to 万元 exactly (None stays None)."""
    if value is None:
        return None
    factor = UNIT_TO_WAN.get((unit or "万元").strip())
    if factor is None:
        return None
    if factor == 1:
        return value  # keep the printed precision (850.10 stays 850.10)
    return trim_zeros(value * factor)


def trim_zeros(value: Decimal) -> Decimal:
    """Drop trailing zeros a unit conversion adds, never switching to exponent form."""
    trimmed = value.normalize()
    return trimmed.quantize(Decimal(1)) if trimmed == trimmed.to_integral() else trimmed


def find_unit_label(text: str) -> str | None:
    """The money unit of a table's "单位：万元" line (spaced or truncated forms too)."""
    m = _UNIT_LABEL.search(fold_width(text))
    if not m:
        return None
    unit = m.group(1)
    return "万元" if unit == "万" else unit


# --------------------------------------------------------------------------------------
# Figures inside running text (narrative sentences)
# --------------------------------------------------------------------------------------

# Full-width digits and number punctuation folded one character for one character, so a
# match position in the folded text is the same position in the printed text (the source
# sentence is kept exactly as printed).
_FOLD_1TO1 = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%", "﹪": "%", "－": "-"}
)

# A number in prose: thousands separators (ASCII or full-width comma between digit groups)
# and an optional space before the decimal part are what PDFs and Word produce.
_PROSE_NUMBER = r"(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"

MONEY_UNITS = ("亿元", "万元", "千元", "元")
AMOUNT_RE = regex.compile(
    rf"(?<![\d.])(?P<num>{_PROSE_NUMBER})\s?(?P<unit>亿元|万元|千元|元)"
)
PERCENT_RE = regex.compile(rf"(?<![\d.])(?P<num>{_PROSE_NUMBER})\s?%")

# The counts reports state (vehicles, people, groups, projects, equipment) and their units.
COUNT_RE = regex.compile(
    r"(?<![\d.])(?P<num>\d+)\s?(?P<unit>台（套）|台\(套\)|人次|批次|个|辆|人|名|次|台|套|家|项|批)"
)

SIGN_WORDS: dict[str, int] = {
    "增加": 1, "增长": 1, "上升": 1, "提高": 1, "增": 1, "多": 1,
    "减少": -1, "下降": -1, "降低": -1, "减": -1, "少": -1, "下浮": -1,
}


def fold_digits(text: str) -> str:
    """Half-width digits, ``.`` and ``%`` without changing the text's length.

    Used to match figures while slicing the printed text with the same indices.
    """
    return text.translate(_FOLD_1TO1)


def parse_prose_number(text: str | None) -> Decimal | None:
    """A number as written in a sentence ("2,946.25", "１２.５", "1，234") or None."""
    if text is None:
        return None
    s = fold_digits(str(text)).strip().replace(",", "").replace("，", "").replace(" ", "")
    if not regex.fullmatch(r"\d+(?:\.\d+)?", s):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def parse_amount(text: str | None) -> tuple[Decimal, str, str] | None:
    """An amount with its unit ("850.18万元", "2,946.25 万元", "3.5亿元") as
    (value in 万元, printed value, printed unit); None when the text is not one amount."""
    if text is None:
        return None
    printed = str(text).strip()
    m = AMOUNT_RE.fullmatch(fold_digits(printed))
    if not m:
        return None
    value = parse_prose_number(m.group("num"))
    wan = to_wan(value, m.group("unit"))
    if wan is None:
        return None
    return wan, printed[m.start("num") : m.end("num")], m.group("unit")


def sign_of(word: str | None) -> int | None:
    """+1 for 增加/增长/上升, -1 for 减少/下降/降低, None for anything else."""
    if not word:
        return None
    return SIGN_WORDS.get(word)


def parse_percent(text: str | None) -> Decimal | None:
    """A percentage as a number: "16.24%" → 16.24, "下降1.28%" → -1.28, "增长５％" → 5.

    A sign word directly before the number sets the sign; anything else is None.
    """
    if text is None:
        return None
    folded = fold_digits(str(text)).strip()
    m = regex.fullmatch(
        rf"(?P<word>增加|增长|上升|提高|减少|下降|降低)?(?:了|率为|率|为)?\s?(?P<sign>[-+−])?"
        rf"(?P<num>{_PROSE_NUMBER})\s?%",
        folded,
    )
    if not m:
        return None
    value = parse_prose_number(m.group("num"))
    if value is None:
        return None
    negative = m.group("sign") in ("-", "−") or sign_of(m.group("word")) == -1
    return -value if negative else value


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}


def chinese_count(text: str) -> int | None:
    """A whole number written in Chinese numerals up to 9999 ("三", "两", "十二", "一百零五",
    "两千零二十"), or None when the text is not one. Counts in prose ("三辆", "十二批次")."""
    if not text:
        return None
    total, digit, last_power = 0, None, 10_000
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0:
                return None  # "三四": two digits with no power between them
            digit = _CN_DIGITS[ch] if _CN_DIGITS[ch] != 0 else None
        elif ch in _CN_POWERS:
            power = _CN_POWERS[ch]
            if power >= last_power:
                return None  # "十百", "百百": powers must fall
            if digit is None and not (power == 10 and total == 0):
                return None  # only a leading 十 stands alone ("十二" = 12)
            total += (1 if digit is None else digit) * power
            digit, last_power = None, power
        else:
            return None
    if digit is not None:
        total += digit
    elif total == 0 and text not in {"零", "〇"}:
        return None
    return total
