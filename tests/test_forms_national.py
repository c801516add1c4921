"""盐边县财政局 2020: a 项目支出绩效自评表 in the national layout (一级指标 merged down).

Golden checked by hand against the form's grid: 年度资金总额 60.00 / 58.62 (执行率 97.7%,
得分 9.77), 其中：本年财政拨款 60.00 / 58.62, 上年结转资金 and 其他资金 blank (None); nine
indicators, 一级指标 产出指标 ×5, 效益指标 ×3, 满意度指标 ×1; 总分 96.77.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import FIXTURES
from golden import golden, plain

from extractors.forms import extract_projects
from extractors.readers import read_document
from models.records import strip_locations

RENDERINGS = {
    "docx": FIXTURES / "reports" / "盐边县财政局2020年度部门决算.docx",
    "pdf": FIXTURES / "sources" / "caizheng_2020.pdf",  # LibreOffice export of the .docx
}
GOLDEN = FIXTURES / "expected" / "forms" / "caizheng_2020.json"


def _projects(ext: str):
    path = RENDERINGS[ext]
    if not path.exists():
        pytest.skip(f"fixture {path.name} is missing (tests/fixtures/make_fixtures.py caizheng)")
    return extract_projects(read_document(path))


def _plain(projects) -> list:
    return plain(strip_locations(projects))


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_matches_golden(ext):
    got = _plain(_projects(ext))
    expected = golden(GOLDEN, got, regenerate_from_this=ext == "docx")
    if ext == "pdf":  # PDF paragraphs split at page ends: block indexes shift
        got, expected = _drop(got, "block"), _drop(expected, "block")
    assert got == expected


def _drop(obj, key):
    if isinstance(obj, dict):
        return {k: _drop(v, key) for k, v in obj.items() if k != key}
    if isinstance(obj, list):
        return [_drop(x, key) for x in obj]
    return obj


def test_money_scores_and_levels():
    [project] = _projects("docx")
    assert project.form == "project_self_eval"
    assert (project.budget, project.budget_fiscal, project.budget_other) == (
        Decimal("60.00"), Decimal("60.00"), None)
    assert (project.executed, project.executed_fiscal, project.executed_other) == (
        Decimal("58.62"), Decimal("58.62"), None)
    assert (project.completion_pct, project.score) == (Decimal("97.7"), Decimal("96.77"))
    assert [i.level1 for i in project.indicators] == ["产出指标"] * 5 + ["效益指标"] * 3 + ["满意度指标"]
    saving = project.indicators[6]
    assert (saving.target_op, saving.target_value, saving.target_unit) == ("≥", Decimal("2"), "万元")
    assert (saving.actual_value, saving.weight, saving.score) == (Decimal("1.6"), Decimal("10"), Decimal("8"))
    assert saving.deviation_reason.startswith("电子凭证10月上线")
    assert project.indicators[3].target == "2020年12月31日前" and project.indicators[3].target_value is None
