"""The shipped code tables grown from the corpus: every pair has where it was printed, the
new pairs resolve name-only lines, and a table whose name-only row stays unresolved is not
reported as a contradiction of its own 款 / 类."""

from __future__ import annotations

import csv
import re
import subprocess
from decimal import Decimal
from importlib import resources

import pytest
from conftest import CORPUS

from extractors.checks.lines import check_lines, uncoded_below
from extractors.codes import CodeTable
from models.records import Identity, LineItem, ReportRecord, Source

DATA = resources.files("extractors") / "data"
# Source rows of pairs checked against the corpus text: "…: FILE; pdftotext -layout".
_VERIFIED = re.compile(r"; (?:pdftotext -layout|LibreOffice text|HTML table row)$")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("table", ["subject_codes", "economic_codes"])
def test_every_pair_seen_in_a_corpus_document_is_in_the_table_for_that_year(table):
    years = {(r["code"], r["name"]): set(r["year_or_version"].split(";")) for r in _rows(f"{table}.csv")}
    seen = [r for r in _rows(f"{table}_sources.csv") if _VERIFIED.search(r["source"])]
    assert len(seen) > 200
    for row in seen:
        assert row["year"] in years[(row["code"], row["name"])], row


def test_pairs_printed_in_other_provinces_resolve_their_names():
    table = CodeTable.load()
    # Beijing 公安局 2026 p4: "2040220 执法办案"; Chongqing 水利局 2026 p16: "2130314 防汛".
    assert table.resolve("公共安全支出", "公安", "执法办案", year=2026) == "2040220"
    assert table.resolve("农林水支出", "水利", "防汛", year=2026) == "2130314"
    # Shenzhen 交通管理局 2026 p23: "224 灾害防治及应急管理支出".
    assert table.name_of("224", 2026) == "灾害防治及应急管理支出"
    # Taiyuan 2016 决算: 30314 采暖补贴 (a pair no later report prints).
    assert table.name_of("30314", 2016, classification="economic") == "采暖补贴"
    # 事业运行 under 公安 (2040250) is printed in no stored document: never guessed.
    assert table.resolve("公共安全支出", "公安", "事业运行", year=2026) is None


_pages: dict[str, list[str]] = {}


def _page_text(path, page: int) -> str:
    if str(path) not in _pages:
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                             text=True, check=True).stdout
        _pages[str(path)] = out.split("\f")
    return _pages[str(path)][page - 1]


@pytest.mark.corpus
@pytest.mark.parametrize("table", ["subject_codes", "economic_codes"])
def test_every_corpus_source_page_prints_its_pair(table):
    """Each (code, name) said to be printed on a corpus PDF page is on that page, as code then
    name (whole, or split over 类 | 款 | 项 columns on one line)."""
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    checked = 0
    for row in _rows(f"{table}_sources.csv"):
        m = re.fullmatch(r"(.+\.pdf) p(\d+)", row["document"])
        if not row["source"].endswith("pdftotext -layout") or not m or not (CORPUS / m[1]).exists():
            continue
        code, name = row["code"], row["name"].replace("(", "（").replace(")", "）")
        parts = [code[:3]] + [code[i:i + 2] for i in range(3, len(code), 2)]
        spelled = "(?:" + code + "|" + r"\s+".join(parts) + ")"
        pattern = re.compile(rf"(?<!\d){spelled}(?!\d)\s*" + r"\s*".join(map(re.escape, name)))
        text = _page_text(CORPUS / m[1], int(m[2])).replace("(", "（").replace(")", "）")
        assert pattern.search(text), (row["document"], code, name)
        checked += 1
    assert checked > 100


def _line(code, level, name, value, row):
    return LineItem(table="general_budget_expenditure", classification="function", code=code,
                    level=level, name=name, column="total", value=Decimal(value),
                    source=Source(page=26, row=row), code_origin="printed" if code else None)


# Hangzhou 公安局 2026 一般公共预算财政拨款支出表 (p26): 事业运行 under 公安 has no code the
# table can resolve; the coded 项 under 20402 sum to 297,646.55, the 款 prints 299,901.02.
_HANGZHOU = [
    _line(None, "合计", "合计", "370219.25", 0),
    _line("204", "类", "公共安全支出", "299901.02", 1),
    _line("20402", "款", "公安", "299901.02", 2),
    _line("2040201", "项", "行政运行", "260448.73", 3),
    _line("2040202", "项", "一般行政管理事务", "27949.75", 4),
    _line("2040219", "项", "信息化建设", "1628.92", 5),
    _line("2040220", "项", "执法办案", "3307.07", 6),
    _line(None, "项", "事业运行", "2254.47", 7),
    _line("2040299", "项", "其他公安支出", "4312.09", 8),
    _line("206", "类", "科学技术支出", "32240.98", 9),
    _line(None, "款", "技术研究与开发", "32240.98", 10),
]


def test_a_name_only_row_makes_its_parents_partial():
    assert uncoded_below(_HANGZHOU) == {"204", "20402", "206"}


def test_a_partial_parent_is_no_contradiction_but_an_excess_still_is():
    record = ReportRecord(identity=Identity(), line_items=list(_HANGZHOU))
    assert [f for f in check_lines(record) if f.rule == "hierarchy_sum"] == []
    inflated = list(_HANGZHOU)
    inflated[3] = _line("2040201", "项", "行政运行", "270448.73", 3)  # coded 项 now exceed 20402
    found = [f for f in check_lines(ReportRecord(identity=Identity(), line_items=inflated)) if f.rule == "hierarchy_sum"]
    assert [f.subject for f in found] == ["20402"]


def test_pairs_printed_in_stored_page_text_of_putuo_reports_resolve_narrative_names():
    """Pairs taken from the page text of Putuo reports stored in a public repository
    (sources rows name the fixture): a narrative "类/款/项" line now finds its code."""
    table = CodeTable.load()
    # 建管委 2026 部门预算 prints "208 07 04 社会保险补贴" and "212 06 01 建设市场管理与监督".
    assert table.resolve("社会保障和就业支出", "就业补助", "社会保险补贴", year=2026) == "2080704"
    assert table.resolve("城乡社区支出", "建设市场管理与监督", "建设市场管理与监督", year=2026) == "2120601"
    assert table.resolve("农林水支出", "水利", "水利工程运行与维护", year=2026) == "2130306"
    # 石泉路街道 2026 单位预算: "2120803城市建设支出", "2240299其他消防救援事务支出".
    assert table.resolve("城乡社区支出", "国有土地使用权出让收入安排的支出", "城市建设支出",
                         year=2026) == "2120803"
    assert table.resolve("灾害防治及应急管理支出", "消防救援事务", "其他消防救援事务支出",
                         year=2026) == "2240299"
    # 宜川路街道 / 石泉路街道 2025 决算: "2080799 其他就业补助支出", "2010505 专项统计业务".
    assert table.resolve("社会保障和就业支出", "就业补助", "其他就业补助支出", year=2025) == "2080799"
    assert table.resolve("一般公共服务支出", "统计信息事务", "专项统计业务", year=2025) == "2010505"
    assert table.resolve_under("20138", "其他市场监督管理事务", year=2025) == "2013899"


def test_education_items_no_stored_document_prints_stay_unresolved():
    # 小学教育 / 初中教育 (普通教育) are printed with their code in no stored public document
    # found so far: the table never guesses them.
    table = CodeTable.load()
    assert table.resolve("教育支出", "普通教育", "小学教育", year=2025) is None
    assert table.resolve("教育支出", "普通教育", "初中教育", year=2025) is None
