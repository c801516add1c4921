"""Every export is byte-identical to its reviewed snapshot (a refactoring of storage or export
must not change one byte of what users get).

Each rendering is compared by its SHA-256 with a reviewed list (tests/fixtures/expected/exports/
reports.json for the fixture reports of tests/fixtures/reports; corpus.json for a few corpus
files, when the corpus is present: it is never copied into the repository). The fixture reports'
JSON export and CSV files, which hold every stored field, are also committed whole
(tests/fixtures/expected/exports/reports/), so a change shows as a diff to review. What is rendered, and how the binary formats
are read back: tests/export_snapshot.py. Regenerate on purpose only, with
``JUESUAN_REGEN_GOLDEN=1`` (tests/golden.py), and review the diff.
"""

from __future__ import annotations

import difflib
import hashlib
import shutil

import pytest
from conftest import FIXTURES
from export_snapshot import snapshot
from golden import REGEN, golden, golden_text

SNAPSHOTS = FIXTURES / "expected" / "exports"
REPORTS = FIXTURES / "reports"
# Small files of three layouts: two editions of one office (Shanghai), another province's budget.
CORPUS_FILES = (
    "上海市普陀区人民政府万里街道办事处24年预算.pdf",
    "上海市普陀区人民政府万里街道办事处25年预算.pdf",
    "2026年杭州市公安局部门预算.pdf",
)


def _first_difference(expected: str, actual: str) -> str:
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "snapshot", "now", lineterm="", n=1)
    return "\n".join(list(diff)[:30])


def _checksums(rendered: dict[str, str]) -> dict[str, str]:
    return {name: hashlib.sha256(text.encode()).hexdigest() for name, text in sorted(rendered.items())}


def _changed(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    assert sorted(expected) == sorted(actual), "renderings added or gone: regenerate and review"
    return [name for name in actual if actual[name] != expected[name]]


@pytest.mark.slow
def test_every_export_of_the_fixture_reports_is_its_snapshot(tmp_path):
    rendered = snapshot(sorted(p for p in REPORTS.iterdir() if p.suffix in (".pdf", ".docx")), tmp_path)
    folder = SNAPSHOTS / "reports"
    if REGEN:
        shutil.rmtree(folder, ignore_errors=True)
    whole = {name: text for name, text in rendered.items() if name == "export.json" or name.startswith("csv/")}
    differing = {}
    for name, text in whole.items():
        expected = golden_text(folder / name, text)
        if expected != text:
            differing[name] = _first_difference(expected, text)
    assert {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} == set(whole)
    assert not differing, "\n\n".join(f"{name}:\n{diff}" for name, diff in differing.items())
    actual = _checksums(rendered)
    assert _changed(golden(SNAPSHOTS / "reports.json", actual), actual) == []


@pytest.mark.slow
@pytest.mark.corpus
def test_every_export_of_corpus_files_has_its_reviewed_checksum(corpus_dir, tmp_path):
    actual = _checksums(snapshot([corpus_dir / name for name in CORPUS_FILES], tmp_path))
    assert _changed(golden(SNAPSHOTS / "corpus.json", actual), actual) == []
