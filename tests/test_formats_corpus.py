"""The real corpus's files that are not PDFs (HTML pages, Word 97 .doc, workbooks), read by
content: each reads into text and table grids that state the identity the corpus README
gives (department and year, from identity.json). Skipped when the corpus, or LibreOffice
for a legacy Office file, is absent.
"""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS

from extractors.detect import detect
from extractors.document import Format
from extractors.readers import read_document
from extractors.readers.convert import INSTALL_HINT, find_soffice

NEEDS_SOFFICE = {Format.DOC, Format.XLS, Format.RTF, Format.ODT, Format.ODS}


def _others() -> list[str]:
    if not CORPUS.is_dir():
        return []
    names = []
    for path in sorted(CORPUS.iterdir()):
        if path.is_file() and path.suffix.lower() not in (".md", ".json", ".pdf"):
            names.append(path.name)
    return names


NAMES = _others() or ["(corpus absent)"]


@pytest.fixture
def identities(corpus_dir) -> dict:
    return json.loads((corpus_dir / "identity.json").read_text(encoding="utf-8"))


@pytest.mark.corpus
@pytest.mark.parametrize("name", NAMES)
def test_non_pdf_corpus_file_reads_with_its_identity_stated(corpus_dir, identities, name):
    path = corpus_dir / name
    if not path.exists():
        pytest.skip("no non-PDF file in the corpus")
    fmt = detect(path).format
    if fmt in NEEDS_SOFFICE and find_soffice() is None:
        pytest.skip(f"{name} needs LibreOffice: {INSTALL_HINT}")
    document = read_document(path)
    assert document.format is fmt
    text = document.full_text()
    identity = identities[name]
    assert identity["department"] in text
    assert str(identity["fiscal_year"]) in text
    assert document.tables and any(table.spans() for table in document.tables)
    for table in document.tables:  # every grid position covered exactly once
        covered = [(r, c) for cell in table.cells for r in range(cell.row, cell.last_row + 1)
                   for c in range(cell.col, cell.last_col + 1)]
        assert len(covered) == len(set(covered)) == table.n_rows * table.n_cols


@pytest.mark.corpus
@pytest.mark.parametrize("name", NAMES)
def test_html_corpus_pages_leave_the_site_out(corpus_dir, name):
    path = corpus_dir / name
    if not path.exists() or detect(path).format is not Format.HTML:
        pytest.skip(f"{name} is not an HTML page")
    document = read_document(path)
    text = document.full_text()
    for furniture in ("首页", "字号", "分享", "var ", "function("):
        assert furniture not in text, furniture
