"""Split disclosures in the real corpus: files whose identity.json entries are equal (the
Beijing 情况说明 and its 附件2 报表) become one report through ``ingest`` — in one run, and in
two runs (the second file days later) — each row keeping its own file and page.

Computed from identity.json, so any future split pair in the corpus is covered too."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from conftest import CORPUS
from ingest_helpers import exported

from db.engine import open_database
from ingest.pipeline import IngestOptions, ingest

pytestmark = [pytest.mark.corpus]


def _groups() -> list[tuple[str, ...]]:
    path = CORPUS / "identity.json"
    if not path.is_file():
        return []
    by_identity: dict[tuple, list[str]] = defaultdict(list)
    for name, identity in json.loads(path.read_text(encoding="utf-8")).items():
        by_identity[tuple(sorted(identity.items()))].append(name)
    return [tuple(sorted(names)) for names in by_identity.values() if len(names) > 1]


GROUPS = _groups() or [("(corpus absent)",)]


def _run(paths, db) -> list:
    engine = open_database(db)
    summary = ingest(paths, engine, IngestOptions(workers=1))
    engine.dispose()
    return summary.outcomes


def _check(db, names) -> None:
    reports = exported(str(db))["reports"]
    assert len(reports) == 1
    report = reports[0]
    assert sorted(s["path"].rsplit("/", 1)[-1] for s in report["sources"]) == sorted(names)
    files = {row["file"].rsplit("/", 1)[-1] for part in ("facts", "line_items") for row in report[part]}
    assert files <= set(names) and files  # every row names its own file ...
    assert all(row["page"] is not None for row in report["line_items"])  # ... and page


@pytest.mark.parametrize("names", GROUPS, ids=lambda names: "+".join(n[:12] for n in names))
def test_split_disclosure_is_one_report_in_one_run(corpus_dir, tmp_path, names):
    if not all((corpus_dir / n).is_file() for n in names):
        pytest.skip("corpus group incomplete")
    outcomes = _run([corpus_dir / n for n in names], tmp_path / "j.db")
    assert [o.status for o in outcomes] == ["ingested"] * len(names), [o.reason for o in outcomes]
    _check(tmp_path / "j.db", names)


@pytest.mark.parametrize("names", GROUPS, ids=lambda names: "+".join(n[:12] for n in names))
def test_split_disclosure_is_one_report_across_runs(corpus_dir, tmp_path, names):
    if not all((corpus_dir / n).is_file() for n in names):
        pytest.skip("corpus group incomplete")
    for name in reversed(names):  # the other order than the one-run test's
        (outcome,) = _run([corpus_dir / name], tmp_path / "j.db")
        assert outcome.status == "ingested", outcome.reason
    _check(tmp_path / "j.db", names)
