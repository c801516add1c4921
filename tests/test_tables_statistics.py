"""…统计表 (部门决算公开相关信息统计表, 国有资产占有使用情况统计表, 机构运行信息统计表): table key
``statistics``, every named row a line, counts (车辆数（辆）) kept as counts, not money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import CORPUS

from extractors.document import Document, Format, Paragraph, build_table
from extractors.tables import extract_standard_tables, table_key
from extractors.tables.lines import _COUNT_UNIT


def _cells(*texts: str) -> list[tuple[str, int, int]]:
    return [(t, 1, 1) for t in texts]


@pytest.mark.parametrize("title", ["2016年部门决算公开相关信息统计表", "国有资产占有使用情况统计表",
                                   "公开08表 机构运行信息统计表"])
def test_statistics_titles(title):
    assert table_key(title) == "statistics"


# 太原市发展和改革委员会 2016年决算公开 公开08表 (金额单位：元), as printed.
_TAIYUAN = [
    _cells("一、政府采购情况", "", "", ""),
    _cells("项目", "行次", "采购预算", "采购金额"),
    _cells("合计", "1", "4,723,299.00", "4,524,155.10"),
    _cells("货物", "2", "1,260,799.00", "1,179,655.10"),
    _cells("二、机关运行经费", "", "", ""),
    _cells("项目", "", "统计数", ""),
    _cells("（一）行政单位", "5", "3,999,400.00", ""),
    _cells("三、国有资产占用情况", "", "", ""),
    _cells("（一）车辆数合计（辆）", "7", "20", ""),
    _cells("2.一般公务用车", "9", "14", ""),
    _cells("3.一般执法执勤用车", "10", "6", ""),
    _cells("（二）单价50万元以上通用设备（台、套）", "13", "0", ""),
]


def _lines(rows):
    doc = Document(blocks=[Paragraph("2016年部门决算公开相关信息统计表"), Paragraph("金额单位：元"),
                           build_table(rows)], format=Format.DOCX)
    return [i for i in extract_standard_tables(doc).line_items if i.table == "statistics"]


def test_sections_re_head_their_columns_and_counts_stay_counts():
    got = {(i.name, i.column): (i.value, i.unit) for i in _lines(_TAIYUAN)}
    assert got == {
        ("合计", "采购预算"): (Decimal("472.3299"), "万元"),
        ("合计", "采购金额"): (Decimal("452.41551"), "万元"),
        ("货物", "采购预算"): (Decimal("126.0799"), "万元"),
        ("货物", "采购金额"): (Decimal("117.96551"), "万元"),
        ("行政单位", "统计数"): (Decimal("399.94"), "万元"),
        ("车辆数合计（辆）", "统计数"): (Decimal("20"), "辆"),
        ("一般公务用车", "统计数"): (Decimal("14"), "辆"),
        ("一般执法执勤用车", "统计数"): (Decimal("6"), "辆"),
        ("单价50万元以上通用设备（台、套）", "统计数"): (Decimal("0"), "台、套"),
    }
    assert {i.classification for i in _lines(_TAIYUAN)} == {"other"}


@pytest.mark.corpus
def test_every_statistics_line_in_the_corpus_is_named_and_counts_are_whole_numbers():
    from extractors.errors import NoTextLayer
    from extractors.readers import read_document

    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    seen = 0
    for path in sorted(CORPUS.glob("*.doc")) + sorted(CORPUS.glob("*.pdf")):
        try:
            doc = read_document(path)
        except NoTextLayer:
            continue
        for item in extract_standard_tables(doc).line_items:
            if item.table != "statistics":
                continue
            seen += 1
            assert item.name and item.code is None, (path.name, item)
            if _COUNT_UNIT.search(item.name):
                assert item.unit != "万元" and item.value == item.value.to_integral_value(), (path.name, item)
    if seen == 0:
        pytest.skip("no 统计表 in the corpus")
