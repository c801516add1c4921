"""Every text-layer corpus PDF: its general-budget expenditure table adds up, its 总表 is read.

For each PDF present in the corpus folder (today's and any added later) whose general-budget
expenditure table (一般公共预算财政拨款支出决算表 / 一般公共预算支出(情况)表 / 预算05表 …) gives
lines, the 类 lines (or, where only 项 rows are printed, those) sum to the printed 合计
within the publishers' rounding (``extractors.tables.sums``); a 收支总表 that gives lines
gives its grand total and its year's income or spending total as facts. A recognised
general-budget table with no line must be an empty table with a 说明.

Where the document itself does not add up, the mismatch is listed with the figures seen on
the page (so the test still asserts them): Beijing's 预算05表 (附件2 pp.9–11) prints 74 项
rows summing to 794,205.792437 万元 under a 合计 of 857,935.778736 — counted from
``pdftotext -layout`` and the page images (pdftoppm -r 50, p.10 by eye: no row missing from
the text layer); every column of the table is short by a like amount.

Goldens (``tests/fixtures/expected/tables/layouts/<name>.json``, regenerated only with
JUESUAN_REGEN_GOLDEN=1) hold every general-budget expenditure line and the 总表 facts of a
few layouts; what was checked against the page images is written in each file's "checked".
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import FIXTURES, corpus_pdfs, read_once
from golden import reviewed_golden

from extractors.identity import extract_identity
from extractors.tables import extract_standard_tables
from extractors.tables.sums import class_sum_check

GOLDEN_DIR = FIXTURES / "expected" / "tables" / "layouts"
D = Decimal
# (class sum, printed total) where the publisher's own figures do not add up.
SOURCE_MISMATCH = {
    "公安局_附件2：北京市公安局2026年度部门预算报表": (D("794205.792437"), D("857935.778736")),
}
SUMMARY_TOTALS = ("income.total", "expenditure.total")
_CACHE: dict[str, object] = {}


def _pdfs() -> list:
    return corpus_pdfs() or [None]


def _read(path):
    return read_once(_CACHE, path, lambda doc: extract_standard_tables(doc, extract_identity(doc, path.name)))


def _id(path) -> str:
    return path.stem if path is not None else "no-corpus"


@pytest.mark.parametrize("path", _pdfs(), ids=_id)
def test_general_budget_classes_sum_to_the_printed_total(path):
    result = _read(path)
    found = [t for t in result.tables if t["key"] == "general_budget_expenditure"]
    check = class_sum_check(result.line_items)
    if check is None:
        assert all(t["empty"] and t["note"] for t in found), (
            "a general-budget expenditure table gave no line and has no 说明")
        if not found:
            pytest.skip(f"{path.name} prints no general-budget expenditure table")
        return
    assert check.class_sum is not None and check.printed is not None
    known = SOURCE_MISMATCH.get(path.stem)
    if known:
        assert (check.class_sum, check.printed) == known
    else:
        assert check.ok, (check.class_sum, check.printed)


@pytest.mark.parametrize("path", _pdfs(), ids=_id)
def test_summary_table_totals_are_read(path):
    result = _read(path)
    summary = [t for t in result.tables if t["key"] == "income_expenditure_summary"]
    if not any(t["n_items"] for t in summary):
        pytest.skip(f"{path.name} prints no 收支总表 with figures")
    facts = {f.metric: f.value for f in result.facts}
    assert facts.get("income_expenditure.grand_total") is not None
    assert any(facts.get(m) is not None for m in SUMMARY_TOTALS)


GOLDEN_NAMES = sorted(p.stem for p in GOLDEN_DIR.glob("*.json")) if GOLDEN_DIR.is_dir() else []


def _golden_view(result) -> dict:
    lines = [
        {"code": i.code, "name": i.name, "level": i.level, "column": i.column,
         "printed_value": i.printed_value, "value": str(i.value), "page": i.source.page}
        for i in result.line_items if i.table == "general_budget_expenditure"
    ]
    keys = ("income.total", "expenditure.total", "income_expenditure.grand_total",
            "general_budget.expenditure")
    facts = {f.metric: str(f.value) for f in result.facts if f.metric in keys}
    return {"general_budget_expenditure": lines, "facts": facts}


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_layout_matches_golden(corpus_dir, name):
    path = corpus_dir / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} is not in the corpus folder")
    got = _golden_view(_read(path))
    assert got == reviewed_golden(GOLDEN_DIR / f"{name}.json", got)
