"""Every figure the seed report's text states, exact and identical from .txt, .docx and .pdf.

The golden file ``tests/fixtures/expected/narrative/seed_yanbian_2020.json`` was reviewed
line by line against ``tests/fixtures/seed_yanbian_2020.txt`` (the .docx/.pdf are generated
from it, so block numbers agree; page/line are left out). It holds the report identity,
the facts with their qualifiers and the 12 classification lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_TXT
from golden_narrative import load_or_write, serialise

from extractors.classification import extract_narrative_lines
from extractors.document import Document
from extractors.identity import extract_identity
from extractors.narrative import extract_facts
from extractors.numbers import fold_digits
from extractors.readers import read_document

RENDERINGS = {
    "txt": SEED_TXT,
    "docx": FIXTURES / "seed" / "yanbian_2020.docx",
    "pdf": FIXTURES / "seed" / "yanbian_2020.pdf",
}
SEED_CODES = {
    "201", "208", "210", "221",
    "2010301", "2010302", "2010350", "2080501", "2080505", "2080506", "2100409", "2210201",
}


def _read(kind: str) -> Document:
    path = RENDERINGS[kind]
    if not Path(path).exists():
        pytest.skip(f"{path} is not generated yet")
    return read_document(path)


@pytest.fixture(scope="module", params=sorted(RENDERINGS))
def extracted(request):
    doc = _read(request.param)
    identity = extract_identity(doc)
    return request.param, identity, extract_facts(doc, identity), extract_narrative_lines(doc, identity)


def test_seed_matches_golden(extracted):
    kind, identity, facts, lines = extracted
    actual = serialise(identity, facts, lines, with_page=False)
    expected = load_or_write("seed_yanbian_2020", actual) if kind == "txt" else load_or_write_readonly()
    assert actual["identity"] == expected["identity"]
    assert actual["facts"] == expected["facts"]
    assert actual["lines"] == expected["lines"]


def load_or_write_readonly():
    """The .docx/.pdf renderings compare with the file the .txt run wrote (never rewrite it)."""
    import json

    from golden_narrative import EXPECTED

    return json.loads((EXPECTED / "seed_yanbian_2020.json").read_text(encoding="utf-8"))


def test_seed_identity(extracted):
    _, identity, _, _ = extracted
    assert identity.value("department") == "盐边县人民政府办公室"
    assert identity.value("region") == "盐边县"
    assert identity.value("fiscal_year") == 2020
    assert identity.value("kind") == "final"
    assert identity.value("scope") == "department"
    assert identity.fiscal_year.found_in == "heading"
    assert "2020年度部门决算" in identity.fiscal_year.source.text


def test_seed_classification_codes(extracted):
    _, _, _, lines = extracted
    assert {li.code for li in lines} == SEED_CODES
    assert all(li.code_origin == "resolved" and li.table == "narrative" for li in lines)
    by_code = {(li.code, li.column): li.value for li in lines}
    assert str(by_code[("2010301", "final")]) == "486.90"
    assert str(by_code[("2100409", "final")]) == "0.09"
    assert str(by_code[("201", "share_pct")]) == "83.85"
    assert str(by_code[("210", "share_pct")]) == "0.01"


def test_seed_key_facts(extracted):
    """Spot checks a reader can verify against the text without opening the golden file."""
    _, _, facts, _ = extracted
    first = {}
    for f in facts:
        first.setdefault((f.metric, f.subject), f)
    income = first[("income.total", None)]
    assert (str(income.value), str(income.prior_value), str(income.change), str(income.change_pct)) == (
        "850.18", "731.42", "118.76", "16.24")
    # "支出预算总额较2019年…增加" sits under the 支出决算 sentence: it qualifies expenditure.total.
    assert str(first[("expenditure.total", None)].change) == "118.76"
    costs = first[("operating_costs", None)]
    assert (str(costs.change), str(costs.change_pct)) == ("-0.69", "-1.28")
    # 0 is stated, so it is 0 (not absent); the 政府性基金 income is 0 with a 0 share.
    gov_fund = first[("income.gov_fund", None)]
    assert gov_fund.value == 0 and gov_fund.share_pct == 0
    # The text says 0.09 for the 新冠 project (its form says 0.9): the text's figure is kept.
    covid = first[("project.executed", "新型冠状肺炎防控工作保障经费")]
    assert str(covid.value) == "0.09"
    assert first[("three_public.vehicle_fleet", None)].unit == "辆"
    assert first[("staff.actual", None)].change == 0  # "较2019年无变化"


def test_every_record_has_its_source(extracted):
    """No fact or line without its block and a source text that prints the figure."""
    _, _, facts, lines = extracted
    for record in [*facts, *lines]:
        assert record.source.block is not None
        assert record.source.text
        if record.printed_value is not None:
            assert fold_digits(record.printed_value) in fold_digits(record.source.text)


def test_identical_statements_are_kept_once(extracted):
    _, _, facts, _ = extracted
    keys = [(f.metric, f.subject, f.value, f.prior_value, f.change, f.change_pct, f.share_pct,
             f.budget_value, f.completion_pct) for f in facts]
    assert len(keys) == len(set(keys))
