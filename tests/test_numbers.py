"""The number, percentage and unit parsers: exact examples and properties (hypothesis).

Properties: no parser raises on any string; an amount formatted the way reports print
it (thousands separators or not, full-width digits, 元/万元/亿元) parses back exactly.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.numbers import (
    chinese_count,
    find_unit_label,
    fold_digits,
    is_empty_mark,
    parse_amount,
    parse_decimal,
    parse_percent,
    parse_prose_number,
    sign_of,
    to_wan,
)

FULL_WIDTH = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)} | {".": "．"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("850.18万元", (Decimal("850.18"), "850.18", "万元")),
        ("2,946.25 万元", (Decimal("2946.25"), "2,946.25", "万元")),
        ("278,076,101元", (Decimal("27807.6101"), "278,076,101", "元")),
        ("3.5亿元", (Decimal("35000"), "3.5", "亿元")),
        ("１２．５万元", (Decimal("12.5"), "１２．５", "万元")),
        ("0万元", (Decimal("0"), "0", "万元")),
        ("850.10万元", (Decimal("850.10"), "850.10", "万元")),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "万元", "XX万元", "—", "12.5", "１２%", "12.5万", None])
def test_parse_amount_rejects(text):
    assert parse_amount(text) is None


def test_zero_is_not_absent():
    assert parse_amount("0万元")[0] == 0
    assert parse_decimal("0.00") == Decimal("0.00")
    assert parse_decimal("—") is None and is_empty_mark("—") and not is_empty_mark("0")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16.24%", Decimal("16.24")),
        ("下降1.28%", Decimal("-1.28")),
        ("增长率为16.24%", Decimal("16.24")),
        ("减少100%", Decimal("-100")),
        ("１６．２４％", Decimal("16.24")),
        ("-3%", Decimal("-3")),
        ("16.24", None),
        ("占", None),
    ],
)
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


def test_sign_words():
    assert [sign_of(w) for w in ("增加", "增长", "上升", "减少", "下降", "降低", "持平")] == [1, 1, 1, -1, -1, -1, None]


def test_fold_digits_keeps_length():
    text = "支出决算为１２３．４５万元，占１００％"
    assert len(fold_digits(text)) == len(text)
    assert fold_digits(text) == "支出决算为123.45万元，占100%"


def test_unit_label_forms():
    assert [find_unit_label(t) for t in ("单位：万元", "单 位 ：元", "金额单位:亿元", "单位：万", "无")] == [
        "万元", "元", "亿元", "万元", None]


# -- properties ------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=Decimal("99999999999.99"), places=2, allow_nan=False, allow_infinity=False)


def _format(value: Decimal, thousands: bool, full_width: bool) -> str:
    text = f"{value:,.2f}" if thousands else f"{value:.2f}"
    return text.translate(FULL_WIDTH) if full_width else text


@settings(max_examples=300)
@given(st.text())
def test_parsers_never_raise(text):
    parse_decimal(text)
    parse_amount(text)
    parse_percent(text)
    parse_prose_number(text)
    is_empty_mark(text)
    find_unit_label(text)
    assert len(fold_digits(text)) == len(text)


@settings(max_examples=300)
@given(amounts, st.booleans(), st.booleans(), st.sampled_from(["万元", "元", "亿元"]), st.booleans())
def test_formatted_amounts_parse_back(value, thousands, full_width, unit, space):
    printed = _format(value, thousands, full_width)
    parsed = parse_amount(printed + (" " if space else "") + unit)
    assert parsed is not None
    wan, printed_value, printed_unit = parsed
    assert printed_value == printed and printed_unit == unit
    assert wan == to_wan(value, unit)
    assert parse_prose_number(printed) == value


@settings(max_examples=300)
@given(amounts, st.sampled_from(["", "增长", "下降", "增加", "减少"]), st.booleans())
def test_formatted_percents_parse_back(value, word, full_width):
    printed = _format(value, False, full_width) + ("％" if full_width else "%")
    expected = -value if word in ("下降", "减少") else value
    assert parse_percent(word + printed) == expected


@settings(max_examples=200)
@given(amounts)
def test_to_wan_is_exact(value):
    assert to_wan(value, "元") * 10000 == value
    assert to_wan(value, "亿元") == value * 10000
    assert to_wan(value, "万元") == value


@pytest.mark.parametrize(("text", "value"), [
    ("零", 0), ("一", 1), ("两", 2), ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
    ("一百", 100), ("一百零五", 105), ("两百二十", 220), ("三千零二", 3002), ("两千零二十", 2020),
])
def test_chinese_count(text, value):
    assert chinese_count(text) == value


@pytest.mark.parametrize("text", ["", "辆", "三四", "十百", "百", "三十十", "3", "一百万"])
def test_chinese_count_rejects_what_is_not_a_count(text):
    assert chinese_count(text) is None
