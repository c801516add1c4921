"""Look-alike code points a PDF's font may map its glyphs to become the ideographs a
researcher searches for: the same paragraph reads the same whatever the producer."""

from __future__ import annotations

import pytest

from extractors.textnorm import fold_radicals, normalize_text


@pytest.mark.parametrize(("printed", "read"), [
    ("\u2f00般公共预算", "一般公共预算"),  # Kangxi radical ⼀
    ("\u2e9c常公用经费", "日常公用经费"),  # radicals-supplement ⺜
    ("资\uf90a", "资金"),  # CJK compatibility ideograph 金 (U+F90A)
    ("\uf9b2星支出", "零星支出"),  # 零 (U+F9B2)
])
def test_look_alikes_fold_to_unified_ideographs(printed, read):
    assert fold_radicals(printed) == read
    assert all(not ("\uf900" <= ch <= "\ufaff") for ch in fold_radicals(printed))


def test_compatibility_supplement_and_unified_lookalikes():
    assert fold_radicals("\U0002f800") == "\u4e3d"  # 丽
    # U+FA11 﨑 is a unified ideograph in the compatibility block (no decomposition): kept.
    assert fold_radicals("\ufa11") == "\ufa11"


def test_plain_text_is_returned_unchanged_and_spaces_still_go():
    text = "一般公共预算财政拨款支出"
    assert fold_radicals(text) is text
    assert normalize_text("资\uf90a 合 计  12 34") == "资金合计12 34"
