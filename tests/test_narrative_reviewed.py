"""Narrative facts of corpus reports from other provinces, against hand-reviewed lists.

Each file under ``tests/fixtures/expected/narrative/reviewed/`` holds the facts a person read
on the pages (its ``checked`` field says which pages and what was compared), with every
qualifier the page states for each figure, and ``not_extracted``: figures the page states that
the extractor does not give yet (recall still to gain, written down rather than hidden).
Unlike the Shanghai goldens (a serialised extractor output), these lists are the reference:
a fact the extractor adds or loses, or a qualifier on the wrong figure, fails the test.

Pages: ``page`` is where the figure is printed; ``paragraph_page`` (when given) is where the
paragraph holding it starts, which is the page the PDF reader reports for a paragraph running
over a page break.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.identity import extract_identity
from extractors.narrative import extract_facts
from extractors.readers import read_document

pytestmark = pytest.mark.corpus

REVIEWED = sorted((Path(__file__).parent / "fixtures" / "expected" / "narrative" / "reviewed").glob("*.json"))
_FIELDS = ("metric", "subject", "value", "unit", "prior_value", "prior_year", "change", "change_pct",
           "share_pct", "budget_value", "completion_pct", "budget_basis", "budget_gap")


def _compact(fact) -> dict:
    out = {}
    for name in _FIELDS:
        value = getattr(fact, name)
        if value is not None:
            out[name] = value if isinstance(value, (int, str)) and name != "value" else str(value)
    return out


def _key(entry: dict) -> str:
    return json.dumps({k: entry[k] for k in _FIELDS if k in entry}, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("path", REVIEWED, ids=lambda p: p.stem)
def test_facts_match_the_reviewed_list(corpus_dir, path):
    spec = json.loads(path.read_text(encoding="utf-8"))
    source = corpus_dir / spec["file"]
    if not source.exists():
        pytest.skip(f"{spec['file']} is not in the corpus at {corpus_dir}")
    doc = read_document(source)
    facts = extract_facts(doc, extract_identity(doc, source.name))
    actual = [(_key(_compact(f)), f.source.page) for f in facts]
    expected = [(_key(e), e) for e in spec["facts"]]
    assert sorted(k for k, _ in actual) == sorted(k for k, _ in expected)
    pages = {}
    for key, page in actual:
        pages.setdefault(key, []).append(page)
    for key, entry in expected:
        allowed = {entry["page"], entry.get("paragraph_page", entry["page"])}
        assert pages[key].pop(0) in allowed, (key, entry["page"])


def test_every_reviewed_list_says_what_was_checked():
    for path in REVIEWED:
        spec = json.loads(path.read_text(encoding="utf-8"))
        assert len(spec["checked"]) > 80 and spec["facts"], path.name
        assert all(set(e) >= {"page", "metric", "value", "unit"} for e in spec["facts"]), path.name
        assert all({"page", "text", "why"} <= set(e) for e in spec["not_extracted"]), path.name
