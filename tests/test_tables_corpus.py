"""Real published PDFs: every row of the expenditure and general-budget expenditure tables.

One golden file per corpus PDF (tests/fixtures/expected/tables/corpus/<name>.json) lists
each line item of the 支出决算表 / 部门支出预算总表 and the 一般公共预算财政拨款支出决算表 /
一般公共预算支出功能分类预算表 as printed: code (normalised to 3/5/7 digits), name, column,
printed value, value in 万元, page. Every row was checked against ``pdftotext -layout`` of
its page (394 rows; the six 财政局 rows whose figures sit on their own text line by eye),
and page images were compared by eye (财政局 p10, 万里24 p16, 万里25 p17, 办公室25 p11,
司法局 p12), including the source's own rounding slips listed below.

The sums are tested as invariants; where the source itself does not add up (rounding in
the publisher's own figures, seen on the page images) the mismatch is listed here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import FIXTURES, corpus_pdfs
from golden import golden
from test_tables_invariants import column_mismatches, hierarchy_mismatches

from extractors.readers import read_document
from extractors.tables import extract_standard_tables

GOLDEN_DIR = FIXTURES / "expected" / "tables" / "corpus"
TABLES = ("expenditure", "general_budget_expenditure")
NAMES = [
    "上海市普陀区人民政府万里街道办事处24年预算",
    "上海市普陀区人民政府万里街道办事处25年预算",
    "上海市普陀区人民政府办公室25年预算",
    "上海市普陀区司法局2026年部门预算(dept_budget)",
    "上海市普陀区财政局2024年度部门决算",
]
D = Decimal
# Where the publisher's own figures do not add up (checked on the page images).
SOURCE_MISMATCHES: dict[str, dict[tuple[str, str], list]] = {
    "上海市普陀区人民政府万里街道办事处25年预算": {
        (t, "total"): [("212", D("15436.9326"), D("15436.9327")),
                       ("21201", D("9499.579"), D("9499.5789"))] for t in TABLES
    },
    "上海市普陀区财政局2024年度部门决算": {
        **{(t, "total"): [("合计", D("2940.05"), D("2940.06"))] for t in TABLES},
        **{(t, "basic"): [("合计", D("2336.91"), D("2336.92"))] for t in TABLES},
    },
}
COLUMN_MISMATCHES = {
    "上海市普陀区人民政府万里街道办事处25年预算": [
        ("21201", "城乡社区管理事务", D("9499.579"), D("9499.5789"))],
}

_CACHE: dict[str, object] = {}


def _result(corpus, name: str):
    if name not in _CACHE:
        path = corpus / f"{name}.pdf"
        if not path.exists():
            pytest.skip(f"{path.name} is not in the corpus folder")
        _CACHE[name] = extract_standard_tables(read_document(path))
    return _CACHE[name]


def _rows(result) -> list[dict]:
    return [
        {"table": i.table, "code": i.code, "name": i.name, "level": i.level,
         "column": i.column, "printed_value": i.printed_value, "printed_unit": i.printed_unit,
         "value": str(i.value), "page": i.source.page, "row": i.source.row}
        for i in result.line_items if i.table in TABLES
    ]


def test_corpus_is_the_expected_one():
    if not corpus_pdfs():
        pytest.skip("real corpus not found (set JUESUAN_CORPUS)")
    assert {p.stem for p in corpus_pdfs()} >= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_expenditure_tables_match_golden(corpus_dir, name):
    got = _rows(_result(corpus_dir, name))
    assert got == golden(GOLDEN_DIR / f"{name}.json", got)


@pytest.mark.parametrize("name", NAMES)
def test_codes_are_normalised_and_every_row_has_a_page(corpus_dir, name):
    items = [i for i in _result(corpus_dir, name).line_items if i.table in TABLES]
    assert {i.table for i in items} == set(TABLES)
    assert all(i.code is None or len(i.code) in (3, 5, 7) for i in items)
    assert all(i.code or i.level == "合计" for i in items)
    assert all(i.source.page and i.source.block is not None for i in items)


@pytest.mark.parametrize("name", NAMES)
def test_sums_hold_where_the_source_does(corpus_dir, name):
    items = _result(corpus_dir, name).line_items
    known = SOURCE_MISMATCHES.get(name, {})
    for table in TABLES:
        for column in ("total", "basic", "project"):
            assert hierarchy_mismatches(items, table, column) == known.get((table, column), [])
        assert column_mismatches(items, table) == COLUMN_MISMATCHES.get(name, [])


@pytest.mark.parametrize("name", NAMES)
def test_general_budget_equals_expenditure_table(corpus_dir, name):
    """Every one of these departments is funded by the general budget alone."""
    items = _result(corpus_dir, name).line_items
    by_table = {t: {(i.code, i.name, i.column): i.value for i in items if i.table == t}
                for t in TABLES}
    assert by_table["expenditure"] == by_table["general_budget_expenditure"]
