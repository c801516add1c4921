"""Identity from the content, on every real report of the corpus (``../shared/corpus`` or
$JUESUAN_CORPUS; skipped when absent).

The expected identities are the corpus's own ``identity.json`` (read from the documents by
whoever assembled the corpus), so every file listed there — today's and future ones — is
checked. A file the readers cannot read yet (.doc, .html, a scan without OCR) is skipped with
the reader's reason; the formats work turns those into documents.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from conftest import CORPUS

from extractors.document import Document
from extractors.errors import ReadError
from extractors.identity import extract_identity
from extractors.identity.statements import title_paragraphs
from extractors.readers import read_document

FIELDS = ("department", "fiscal_year", "kind", "scope")


def _expected() -> dict[str, dict]:
    path = CORPUS / "identity.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


EXPECTED = _expected()
NAMES = sorted(EXPECTED) or ["(corpus absent)"]


@cache
def _read(name: str) -> Document:
    return read_document(CORPUS / name)


def _doc(corpus_dir, name: str) -> Document:  # the corpus_dir fixture's Path
    if name not in EXPECTED or not (corpus_dir / name).is_file():
        pytest.skip(f"{name} not in {corpus_dir}")
    try:
        return _read(name)
    except ReadError as err:
        pytest.skip(f"{name}: the readers cannot read it yet ({err.reason})")


def _fields(identity) -> dict:  # models.records.Identity
    return {name: identity.value(name) for name in FIELDS}


@pytest.mark.parametrize("name", NAMES)
def test_identity_equals_identity_json(corpus_dir, name):
    identity = extract_identity(_doc(corpus_dir, name), name)
    assert _fields(identity) == EXPECTED[name]
    assert all(getattr(identity, f).found_in != "filename" for f in FIELDS), "stated in the content"


@pytest.mark.parametrize("name", NAMES)
def test_a_misleading_file_name_changes_nothing(corpus_dir, name):
    doc = _doc(corpus_dir, name)
    identity = extract_identity(doc, "2030年某某县某某局单位决算.pdf")
    assert _fields(identity) == EXPECTED[name]


@pytest.mark.parametrize("name", NAMES)
def test_identity_from_the_body_when_the_cover_is_lost(corpus_dir, name):
    """A cover that is an image (or a reader dropping it) leaves the body's statements:
    running headers, 目录 lines, label lines, the 说明's opening clauses, table titles."""
    doc = _doc(corpus_dir, name)
    cover = {p.block for p in title_paragraphs(doc)}
    body = Document(blocks=[b for b in doc.blocks if b.block not in cover], format=doc.format)
    identity = extract_identity(body)
    assert _fields(identity) == EXPECTED[name]


@pytest.mark.parametrize("name", NAMES)
def test_region_is_a_prefix_of_the_name_or_central(corpus_dir, name):
    identity = extract_identity(_doc(corpus_dir, name), name)
    region, department = identity.value("region"), identity.value("department")
    assert region == "中央" or department.startswith(region)
    assert region == "中央" or region.endswith(("省", "自治区", "市", "区", "县", "旗", "州", "盟", "地区"))
    assert "市市" not in region and "（" not in department and not department.startswith("关于")
