"""Batch ingest: outcomes, idempotency, editions of one report, per-file limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import copy_files, counts, exported

from db.engine import open_database
from ingest.discover import NoSuchPath, discover, not_read_reason
from ingest.pipeline import IngestOptions, ingest

SEED_DOCX = "seed/yanbian_2020.docx"
DOCX_2019 = "sources/yanbian_2019.docx"
BAD = ("bad/empty.pdf", "bad/encrypted.pdf", "bad/truncated.pdf", "bad/not_word.docx")


def _run(paths: list[Path], db: Path, **options) -> dict[str, list]:
    engine = open_database(db)
    summary = ingest(paths, engine, IngestOptions(**{"workers": 2, **options}))
    engine.dispose()
    by_status: dict[str, list] = {"ingested": [], "skipped": [], "failed": []}
    for outcome in summary.outcomes:
        by_status[outcome.status].append(outcome)
    by_status["exit_code"] = summary.exit_code  # type: ignore[assignment]
    return by_status


def test_discover_finds_reports_recursively_and_named_files(tmp_path):
    folder = copy_files(tmp_path / "in" / "deep", SEED_DOCX)
    (folder / "notes.txt").write_text("not a report")
    seed_txt = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"
    found = discover([tmp_path / "in", seed_txt, folder / "yanbian_2020.docx"])
    # every file of a folder is found (the pipeline says why notes.txt is not read)
    assert [p.name for p in found] == ["notes.txt", "yanbian_2020.docx", "seed_yanbian_2020.txt"]
    assert not_read_reason(folder / "notes.txt").startswith("not read: plain text file in a folder")
    assert not_read_reason(folder / "yanbian_2020.docx") is None
    with pytest.raises(NoSuchPath):
        discover([tmp_path / "missing"])


def test_second_run_skips_everything_and_force_gives_identical_content(tmp_path):
    folder = copy_files(tmp_path / "in", SEED_DOCX, DOCX_2019, *BAD)
    db = tmp_path / "j.db"
    first = _run([folder], db)
    assert len(first["ingested"]) == 2 and len(first["failed"]) == len(BAD)
    assert first["exit_code"] == 1
    before, export_before = counts(str(db)), exported(str(db))
    assert before["reports"] == 2

    second = _run([folder], db)
    assert not second["ingested"] and len(second["skipped"]) == 2
    # The bad files are not parsed again, but they are still failures (SPEC.md: exit 0 only
    # when every file is stored), with the reason they failed the first time.
    first_reasons = {o.path: o.reason for o in first["failed"]}
    assert {o.path: o.reason for o in second["failed"]} == \
        {path: f"unchanged since it failed: {reason}" for path, reason in first_reasons.items()}
    assert all(o.seconds is None for o in second["failed"])  # no worker ran for them
    assert second["exit_code"] == 1
    assert counts(str(db)) == before

    third = _run([folder], db)  # the carried reason does not grow with every run
    assert [o.reason for o in third["failed"]] == [o.reason for o in second["failed"]]

    forced = _run([folder], db, force=True)
    assert len(forced["ingested"]) == 2
    assert counts(str(db)) == before
    assert exported(str(db)) == export_before  # same ids, same figures, same provenance


def test_failures_have_one_line_reasons(tmp_path):
    folder = copy_files(tmp_path / "in", *BAD)
    result = _run([folder], tmp_path / "j.db")
    reasons = {Path(o.path).name: o.reason for o in result["failed"]}
    assert reasons["empty.pdf"].startswith("empty file")
    assert "encrypted" in reasons["encrypted.pdf"]
    assert all("\n" not in r and "Traceback" not in r for r in reasons.values())


def test_not_a_report_is_failed_with_the_identity_reason(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n\n今天讨论了办公室搬迁事宜。\n", encoding="utf-8")
    result = _run([path], tmp_path / "j.db")
    from extractors.report import NoIdentity

    assert [o.reason for o in result["failed"]] == [NoIdentity.reason]
    assert NoIdentity.reason.startswith("no report identity found") and "looked for" in NoIdentity.reason


def test_renderings_of_one_report_are_editions_not_duplicates(tmp_path):
    seed_txt = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"
    folder = copy_files(tmp_path / "in", SEED_DOCX)
    db = tmp_path / "j.db"
    result = _run([seed_txt, folder / "yanbian_2020.docx"], db)
    assert len(result["ingested"]) == 2
    assert "replaced report" in (result["ingested"][1].reason or "")
    data = exported(str(db))
    assert len(data["reports"]) == 1
    assert [s["path"] for s in data["reports"][0]["sources"]] == [str(folder / "yanbian_2020.docx")]
    again = _run([seed_txt, folder / "yanbian_2020.docx"], db)
    assert len(again["skipped"]) == 2  # the superseded .txt does not flip back


def test_changed_file_replaces_its_report(tmp_path):
    folder = copy_files(tmp_path / "in", SEED_DOCX)
    db = tmp_path / "j.db"
    _run([folder], db)
    first = exported(str(db))["reports"][0]
    (folder / "yanbian_2020.docx").write_bytes((Path(__file__).parent / "fixtures" / DOCX_2019).read_bytes())
    result = _run([folder], db)
    assert len(result["ingested"]) == 1
    reports = exported(str(db))["reports"]
    assert [r["fiscal_year"] for r in reports] == [2019]
    assert reports[0]["sha256"] != first["sha256"]


def test_a_slow_file_times_out_and_the_batch_goes_on(tmp_path):
    folder = copy_files(tmp_path / "in", SEED_DOCX)  # parses in well under a second
    seed = (Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt").read_text(encoding="utf-8")
    slow = tmp_path / "long.txt"
    slow.write_text(seed * 200, encoding="utf-8")  # 200 reports back to back: 10 s or more
    result = _run([slow, folder], tmp_path / "j.db", timeout_s=3)
    assert [o.reason for o in result["failed"]] == ["time limit reached: timed out after 3 s (raise --timeout to read it)"]
    assert len(result["ingested"]) == 1


def test_memory_limit_fails_only_that_file(tmp_path):
    folder = copy_files(tmp_path / "in", SEED_DOCX)
    seed = (Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(seed * 1000, encoding="utf-8")  # its document model needs far more than 64 MB
    result = _run([big, folder], tmp_path / "j.db", memory_limit_mb=64)
    assert [Path(o.path).name for o in result["failed"]] == ["big.txt"]
    reason = result["failed"][0].reason.lower()
    assert "memory" in reason or "killed" in reason
    assert len(result["ingested"]) == 1  # the batch went on
