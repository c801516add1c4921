"""The same forms from a .docx and from PDFs that break them differently across pages.

``yanbian_2019_flow.pdf`` lets the forms run on, so one form breaks between its
预期目标 label and the goal text, with a different column count on each page;
``yanbian_2019_page_per_form.pdf`` gives each form its own page. Both must give the
records of the .docx, once positions (block, row, column, page) are set aside.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import FIXTURES

from extractors.forms import extract_projects
from extractors.readers import read_document
from models.records import strip_locations

SOURCES = FIXTURES / "sources"
RENDERINGS = ["yanbian_2019.docx", "yanbian_2019_flow.pdf", "yanbian_2019_page_per_form.pdf"]
POSITION_KEYS = {"block", "row", "col", "text"}


def _without_positions(obj):
    if isinstance(obj, dict):
        return {k: _without_positions(v) for k, v in obj.items() if k not in POSITION_KEYS}
    if isinstance(obj, list):
        return [_without_positions(x) for x in obj]
    return obj


def _projects(name: str):
    path = SOURCES / name
    if not path.exists():
        pytest.skip(f"fixture {path} is missing (tests/fixtures/make_fixtures.py y2019)")
    return extract_projects(read_document(path))


@pytest.mark.parametrize("name", RENDERINGS[1:])
def test_pdf_renderings_match_the_docx(name):
    expected = _without_positions(strip_locations(_projects(RENDERINGS[0])))
    assert _without_positions(strip_locations(_projects(name))) == expected


def test_2019_forms_as_printed():
    projects = _projects(RENDERINGS[0])
    assert [(p.name, p.budget, p.executed, len(p.indicators)) for p in projects] == [
        ("县政府办公室工作经费", Decimal("55"), Decimal("54.36"), 5),
        ("办公设备专项购置经费", Decimal("12"), Decimal("11.84"), 5),
        ("全县政务公开标准化建设经费", Decimal("8.60"), Decimal("8.60"), 5),
    ]
    assert projects[1].goal_expected == "实行无纸化会议，节约会议成本。"
    assert projects[1].goal_actual == "已实行无纸化会议。"


def test_form_broken_after_its_goal_labels_keeps_goal_and_rows():
    projects = _projects("yanbian_2019_flow.pdf")
    broken = projects[1]
    assert broken.goal_expected == "实行无纸化会议，节约会议成本。"
    assert {i.source.page for i in broken.indicators} == {broken.indicators[0].source.page}
    assert broken.indicators[0].source.page > broken.source.page
