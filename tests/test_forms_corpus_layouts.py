"""Performance forms of every corpus PDF: one project per form, with its budget and indicators.

Over every PDF present (today's and any added later): each project read has a name that is
a name (not a header word such as 年度预算申请 or 预算数), a page, and indicators that say
something; in a 预算 report every project target form or list row (``project_target``)
carries its budget. The golden (``tests/fixtures/expected/forms/
corpus/<name>.json``, regenerated only with JUESUAN_REGEN_GOLDEN=1) holds the projects of a
few layouts, each file saying what was checked against the page images.
"""

from __future__ import annotations

import pytest
import regex
from conftest import FIXTURES, corpus_pdfs, read_once
from golden import reviewed_golden

from extractors.forms import extract_projects
from extractors.identity import extract_identity

GOLDEN_DIR = FIXTURES / "expected" / "forms" / "corpus"
_HEADER_WORD = regex.compile(
    r"^(?:项目名称|项目|年度预算申请|预算数|金额|资金总额|绩效目标|合计|总计|单位名称|主管部门)$"
)
_CACHE: dict[str, object] = {}


def _read(path):
    return read_once(_CACHE, path, lambda doc: (extract_identity(doc, path.name), extract_projects(doc)))


def _id(path) -> str:
    return path.stem if path is not None else "no-corpus"


@pytest.mark.parametrize("path", corpus_pdfs() or [None], ids=_id)
def test_projects_are_named_paged_and_budget_forms_have_budgets(path):
    identity, projects = _read(path)
    if not projects:
        pytest.skip(f"{path.name} has no performance form")
    for project in projects:
        assert project.name.strip() and not _HEADER_WORD.match(project.name), project.name
        assert project.source.page is not None
        for indicator in project.indicators:
            assert indicator.level3 or indicator.target or indicator.actual
    if identity.value("kind") == "budget":
        # every project target form prints its amount; a 部门整体绩效目标表 may not
        # (Chongqing's states the department's goal and indicators only)
        targets = [p for p in projects if p.form == "project_target"]
        assert [p.name for p in targets if p.budget is None] == []


GOLDEN_NAMES = sorted(p.stem for p in GOLDEN_DIR.glob("*.json")) if GOLDEN_DIR.is_dir() else []


def _view(projects) -> list[dict]:
    return [
        {"name": p.name, "form": p.form, "unit": p.unit, "page": p.source.page,
         "budget": str(p.budget) if p.budget is not None else None,
         "budget_fiscal": str(p.budget_fiscal) if p.budget_fiscal is not None else None,
         "budget_other": str(p.budget_other) if p.budget_other is not None else None,
         "indicators": [[i.level1, i.level2, i.level3, i.target] for i in p.indicators]}
        for p in projects
    ]


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_forms_match_golden(corpus_dir, name):
    path = corpus_dir / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} is not in the corpus folder")
    got = _view(_read(path)[1])
    assert got == reviewed_golden(GOLDEN_DIR / f"{name}.json", {"projects": got})["projects"]
