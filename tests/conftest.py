"""Shared fixtures: paths to our own fixture documents and to the real corpus."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from extractors.document import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED_TXT = FIXTURES / "seed_yanbian_2020.txt"


def _corpus_path() -> Path:
    env = os.environ.get("JUESUAN_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


CORPUS = _corpus_path()


def corpus_pdfs() -> list[Path]:
    """The real PDFs, or [] when the corpus folder is absent."""
    return sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


def read_once(cache: dict[str, Any], path: Path | None, extract: Callable[[Document], Any]) -> Any:
    """``extract(document)`` of a corpus file, read and extracted once per ``cache`` (a test
    module's); skipped, saying why, without a corpus or when the file has no text layer."""
    from extractors.errors import NoTextLayer
    from extractors.readers import read_document

    if path is None:
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    if path.name not in cache:
        try:
            cache[path.name] = extract(read_document(path))
        except NoTextLayer as exc:
            cache[path.name] = exc
    got = cache[path.name]
    if isinstance(got, NoTextLayer):
        pytest.skip(f"{path.name}: {got.reason}")
    return got


@pytest.fixture
def corpus_dir() -> Path:
    """The real-corpus folder; the test is skipped, with the reason, when it is absent."""
    if not corpus_pdfs():
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    return CORPUS


@pytest.fixture
def soffice() -> str:
    """The LibreOffice program juesuan would run; skipped, saying why, when there is none."""
    from extractors.readers.convert import INSTALL_HINT, find_soffice

    program = find_soffice()
    if program is None:
        pytest.skip(f"LibreOffice (soffice) not found: {INSTALL_HINT}")
    return program


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The same test on a SQLite file and on a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "juesuan.db")
        return
    from pg_schema import fresh_pg_schema

    with fresh_pg_schema() as url:
        yield url
