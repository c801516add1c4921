"""Issue 11: a row printed without a classification code names the row it belongs to
(``LineItem.parent``) by its numbering: 一、 > （一） > 1. / 1、 > （1）; a 其中 line belongs to the
row just above it; an unnumbered row (合计, 货物) to the open section heading, if any."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from extractors.document import Document, Format, Paragraph, build_table
from extractors.tables import extract_standard_tables
from extractors.tables.rows import ParentStack, numbering_depth


def _cells(*texts: str) -> list[tuple[str, int, int]]:
    return [(t, 1, 1) for t in texts]


def _parents(rows) -> dict[str, str | None]:
    doc = Document(blocks=[Paragraph("2020年部门决算公开相关信息统计表"), Paragraph("金额单位：万元"),
                           build_table(rows)], format=Format.DOCX)
    items = [i for i in extract_standard_tables(doc).line_items if i.table == "statistics"]
    assert items
    got: dict[str, str | None] = {}
    for item in items:
        assert got.setdefault(item.name, item.parent) == item.parent  # one parent per row
    return got


@pytest.mark.parametrize(("name", "depth"), [
    ("一、政府采购", 1), ("十二、其他", 1), ("（一）货物", 2), ("(二)工程", 2), ("1.一般公务用车", 3),
    ("2、执法执勤用车", 3), ("（1）轿车", 4), ("(2)越野车", 4), ("合计", None), ("其中：小型企业", None),
    ("2020年", None),
])
def test_numbering_depth(name, depth):
    assert numbering_depth(name) == depth


def test_depth_stack_over_every_numbering_and_a_new_first_level_row_resets_it():
    stack = ParentStack()
    got = [(row, stack.parent(row)) for row in [
        "一、国有资产占用情况", "（一）车辆", "1.公务用车", "（1）轿车", "（2）越野车",
        "其中：副部级及以上领导用车", "2.执法执勤用车", "（二）房屋", "二、政府采购", "（一）货物"]]
    assert got == [
        ("一、国有资产占用情况", None), ("（一）车辆", "国有资产占用情况"), ("1.公务用车", "车辆"),
        ("（1）轿车", "公务用车"), ("（2）越野车", "公务用车"), ("其中：副部级及以上领导用车", "越野车"),
        ("2.执法执勤用车", "车辆"), ("（二）房屋", "国有资产占用情况"), ("二、政府采购", None),
        ("（一）货物", "政府采购")]


def test_total_rows_belong_to_their_heading_or_to_none():
    stack = ParentStack()
    assert stack.parent("合计") is None  # the table's own total: nothing open
    assert stack.parent("其中：行政单位") == "合计"
    assert stack.parent("一、政府采购情况", heading=True) is None
    assert stack.parent("合计") == "政府采购情况"  # the section's total, told apart from others
    assert stack.parent("货物") == "政府采购情况"
    assert stack.parent("二、机关运行经费") is None  # a row with its own figures: no heading
    assert stack.parent("合计") is None


# Paraphrasing a 部门决算公开相关信息统计表: section headings without figures, numbered rows,
# a count section and a 其中 line.
_GRID = [
    _cells("项目", "行次", "统计数", ""),
    _cells("一、政府采购情况", "", "", ""),
    _cells("合计", "1", "120.00", ""),
    _cells("（一）货物", "2", "80.00", ""),
    _cells("（二）工程", "3", "40.00", ""),
    _cells("二、国有资产占用情况", "", "", ""),
    _cells("（一）车辆数合计（辆）", "4", "12", ""),
    _cells("1.一般公务用车", "5", "8", ""),
    _cells("其中：副部级及以上领导用车", "6", "1", ""),
    _cells("2.执法执勤用车", "7", "4", ""),
    _cells("三、机关运行经费", "8", "55.00", ""),
]


def test_statistics_rows_carry_their_section():
    assert _parents(_GRID) == {
        "合计": "政府采购情况",
        "货物": "政府采购情况",
        "工程": "政府采购情况",
        "车辆数合计（辆）": "国有资产占用情况",
        "一般公务用车": "车辆数合计（辆）",
        "其中：副部级及以上领导用车": "一般公务用车",
        "执法执勤用车": "车辆数合计（辆）",
        "机关运行经费": None,
    }


@pytest.mark.corpus
def test_statistics_rows_of_the_corpus_get_parents_and_coded_lines_none():
    from extractors.errors import NoTextLayer
    from extractors.readers import read_document

    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    statistics = with_parent = 0
    for path in sorted(CORPUS.glob("*.doc")) + sorted(CORPUS.glob("*.pdf")):
        try:
            doc = read_document(path)
        except NoTextLayer:
            continue
        for item in extract_standard_tables(doc).line_items:
            if item.code is not None:
                assert item.parent is None, (path.name, item)
            if item.table == "statistics":
                statistics += 1
                with_parent += item.parent is not None
    if statistics == 0:
        pytest.skip("no 统计表 in the corpus")
    assert with_parent > 0


def test_a_whole_table_total_after_an_empty_numbered_row_has_no_parent():
    """A 收支总表 ends its numbered 支出 rows with an empty heading-like row ("十二、抗疫特别国债
    安排的支出", no figures); the 本年支出合计 and 总计 after it total the table, not that row."""
    from extractors.tables.rows import ParentStack

    stack = ParentStack()
    assert stack.parent("十一、其他支出") is None
    assert stack.parent("十二、抗疫特别国债安排的支出", heading=True) is None
    assert [stack.parent(n) for n in ("本年支出合计", "结余分配", "总计")] == [None, None, None]
    stack.parent("一、政府采购情况", heading=True)
    assert stack.parent("合计") == "政府采购情况"  # a bare 合计 under a heading is the section's
    stack.parent("二、国有资产占用情况", heading=True)
    assert stack.parent("车辆数合计") == "国有资产占用情况"  # a named section total keeps its section
