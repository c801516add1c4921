"""Reviewed goldens of corpus files' performance forms, every field a researcher is scored on.

``tests/fixtures/expected/forms/reviewed/<file stem>.json`` holds, per file, ``checked`` (what
was compared against the page images, pdftoppm -r 80, and how) and the projects as read:
name, form, unit, page, money (budget / fiscal / other, executed likewise, printed unit),
completion, score, goals, and every indicator row (levels, nature, target and actual with
their parsed operator / value / unit, weight, score, deviation reason). Regenerated only with
JUESUAN_REGEN_GOLDEN=1 (``tests/golden.py``), then checked again by hand before committing.
Skips when the corpus folder is absent.
"""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES
from golden import golden, plain

from extractors.forms import extract_projects
from extractors.readers import read_document

REVIEWED = FIXTURES / "expected" / "forms" / "reviewed"
NAMES = sorted(p.stem for p in REVIEWED.glob("*.json")) if REVIEWED.is_dir() else []
_INDICATOR_FIELDS = ("level1", "level2", "level3", "nature", "target", "target_op", "target_value",
                     "target_unit", "actual", "actual_op", "actual_value", "actual_unit", "weight",
                     "score", "deviation_reason")
_PROJECT_FIELDS = ("name", "form", "unit", "budget", "budget_fiscal", "budget_other", "executed",
                   "executed_fiscal", "executed_other", "completion_pct", "score", "printed_unit",
                   "goal_expected", "goal_actual")


def view(projects) -> list[dict]:
    out = []
    for p in projects:
        row = {name: getattr(p, name) for name in _PROJECT_FIELDS}
        row["page"] = p.source.page
        row["indicators"] = [
            {name: getattr(i, name) for name in _INDICATOR_FIELDS} | {"page": i.source.page}
            for i in p.indicators
        ]
        out.append(row)
    return plain(out)


def _corpus_file(corpus_dir, stem: str):
    found = [p for p in corpus_dir.iterdir() if p.stem == stem]
    if not found:
        pytest.skip(f"{stem} is not in the corpus folder")
    return found[0]


@pytest.mark.parametrize("name", NAMES)
def test_forms_match_reviewed_golden(corpus_dir, name, monkeypatch):
    monkeypatch.setenv("JUESUAN_OCR", "0")
    path = _corpus_file(corpus_dir, name)
    got = view(extract_projects(read_document(path)))
    target = REVIEWED / f"{name}.json"
    checked = json.loads(target.read_text(encoding="utf-8")).get("checked")  # kept on regenerating
    expected = golden(target, {"checked": checked, "projects": got})
    assert expected["checked"] and not expected["checked"].startswith("TODO")
    assert got == expected["projects"]


def test_reviewed_goldens_exist():
    assert NAMES, f"no reviewed form goldens under {REVIEWED}"
