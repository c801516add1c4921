"""Narrative facts and classification lines of the real reports in the corpus.

Each golden file under ``tests/fixtures/expected/narrative/`` was checked by hand against
the PDF (pages rendered with pdftoppm): totals and their composition, 三公, 机关运行经费,
政府采购, vehicles and equipment, performance counts and every classification sentence.
The spot checks below restate the figures a reader is most likely to query, with the page.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import regex
from golden_narrative import load_or_write, serialise

from extractors.classification import extract_narrative_lines
from extractors.identity import extract_identity
from extractors.narrative import extract_facts
from extractors.numbers import fold_digits
from extractors.readers import read_document

pytestmark = pytest.mark.corpus

GOLDEN = {
    "上海市普陀区财政局2024年度部门决算.pdf": "putuo_finance_2024_final",
    "上海市普陀区人民政府万里街道办事处24年预算.pdf": "putuo_wanli_2024_budget",
    "上海市普陀区人民政府万里街道办事处25年预算.pdf": "putuo_wanli_2025_budget",
    "上海市普陀区人民政府办公室25年预算.pdf": "putuo_office_2025_budget",
    "上海市普陀区司法局2026年部门预算(dept_budget).pdf": "putuo_justice_2026_budget",
}

_CACHE: dict[str, tuple] = {}


def _extract(corpus_dir, filename: str):
    if filename not in _CACHE:
        path = corpus_dir / filename
        if not path.exists():
            pytest.skip(f"{filename} is not in the corpus at {corpus_dir}")
        doc = read_document(path)
        identity = extract_identity(doc, filename)
        _CACHE[filename] = (identity, extract_facts(doc, identity), extract_narrative_lines(doc, identity))
    return _CACHE[filename]


def _fact(facts, metric, subject=None):
    return next(f for f in facts if f.metric == metric and f.subject == subject)


@pytest.mark.parametrize("filename", sorted(GOLDEN))
def test_matches_golden(corpus_dir, filename):
    identity, facts, lines = _extract(corpus_dir, filename)
    actual = serialise(identity, facts, lines, with_page=True)
    expected = load_or_write(GOLDEN[filename], actual)
    # Block numbers follow the PDF reader's paragraph segmentation; the page and the
    # source text are what a reader checks against the PDF, so those are compared.
    for part in ("identity", "facts", "lines"):
        assert _without_blocks(actual[part]) == _without_blocks(expected[part]), part


def _without_blocks(records):
    if isinstance(records, dict):
        return {k: _without_blocks(v) for k, v in records.items() if k != "block"}
    if isinstance(records, list):
        return [_without_blocks(r) for r in records]
    return records


@pytest.mark.parametrize("filename", sorted(GOLDEN))
def test_every_record_has_page_and_sentence(corpus_dir, filename):
    _, facts, lines = _extract(corpus_dir, filename)
    assert facts and lines
    for record in [*facts, *lines]:
        assert record.source.page is not None and record.source.block is not None
        if record.printed_value is None:  # a stated nil ("本部门无…支出") or no change ("…持平")
            assert record.value == 0 and regex.search(r"无|没有|未安排|不涉及|持平|相同", record.source.text)
        else:
            assert fold_digits(record.printed_value) in fold_digits(record.source.text)


def test_finance_bureau_2024_final(corpus_dir):
    identity, facts, lines = _extract(corpus_dir, "上海市普陀区财政局2024年度部门决算.pdf")
    assert (identity.value("department"), identity.value("region"), identity.value("fiscal_year"),
            identity.value("kind"), identity.value("scope")) == ("上海市普陀区财政局", "上海市普陀区", 2024, "final", "department")
    total = _fact(facts, "income_expenditure.grand_total")  # p21
    assert (total.value, total.change, total.change_pct, total.source.page) == (
        Decimal("2995.39"), Decimal("-56.95"), Decimal("-1.87"), 21)
    assert _fact(facts, "expenditure.basic").share_pct == Decimal("79.49")
    three = _fact(facts, "three_public.total")  # p23: 年初预算0.95, 决算0.00, 与2023年度持平
    assert (three.value, three.budget_value, three.completion_pct, three.change) == (
        Decimal("0.00"), Decimal("0.95"), Decimal("0"), Decimal("0"))
    costs = _fact(facts, "operating_costs")  # p24
    assert (costs.value, costs.change, costs.change_pct) == (Decimal("184.65"), Decimal("2.55"), Decimal("1.40"))
    assert _fact(facts, "procurement.services").value == Decimal("246.47")
    assert _fact(facts, "assets.equipment_over_1m").value == 2
    items = {(li.code, li.column): li.value for li in lines}
    assert items[("2010608", "budget")] == Decimal("450.52") and items[("2010608", "final")] == Decimal("449.52")
    assert items[("201", "share_pct")] == Decimal("71.73")


def test_justice_bureau_2026_budget_printed_codes(corpus_dir):
    identity, facts, lines = _extract(corpus_dir, "上海市普陀区司法局2026年部门预算(dept_budget).pdf")
    assert (identity.value("department"), identity.value("fiscal_year"), identity.value("kind")) == (
        "上海市普陀区司法局", 2026, "budget")
    coded = {li.code for li in lines}
    assert {"2040601", "2040699", "2080505", "2101101", "2210203"} <= coded
    assert all(li.code_origin == "printed" for li in lines)
    other = {li.column: li.value for li in lines if li.code == "2040699"}  # p9
    assert other == {"total": Decimal("3845.49"), "prior_executed": Decimal("43269.3"), "change_pct": Decimal("17.62")}
    assert _fact(facts, "three_public.total").value == Decimal("10.81")
    assert _fact(facts, "assets.vehicles", "执法执勤用车").value == 3


def test_office_2025_budget_dash_names(corpus_dir):
    _, facts, lines = _extract(corpus_dir, "上海市普陀区人民政府办公室25年预算.pdf")
    totals = {li.code: li.value for li in lines if li.column == "total"}
    assert totals["2010302"] == Decimal("4614") and totals["2010399"] == Decimal("2012")  # "4,614万元"
    assert _fact(facts, "income.fiscal").change == Decimal("-2389.52")
    assert _fact(facts, "three_public.outbound").value == Decimal("839")


def test_wanli_budget_year_pair(corpus_dir):
    _, facts24, lines24 = _extract(corpus_dir, "上海市普陀区人民政府万里街道办事处24年预算.pdf")
    _, facts25, lines25 = _extract(corpus_dir, "上海市普陀区人民政府万里街道办事处25年预算.pdf")
    assert _fact(facts24, "income.total").value == Decimal("15621.11")
    assert _fact(facts25, "income.total").value == Decimal("18976.76")
    assert _fact(facts24, "three_public.vehicles_bought").value == 1
    # "卫生健康支出（类）卫生健康支出（款）计划生育事务（项）" names no 款 the table knows: no code.
    unresolved = [li for li in lines25 if li.name == "计划生育事务"]
    assert unresolved and all(li.code is None and li.code_origin is None for li in unresolved)
