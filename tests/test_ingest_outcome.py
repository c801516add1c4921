"""File names as storable text, and a file the database refuses failing alone."""

from __future__ import annotations

import os
from pathlib import Path

from ingest_helpers import copy_files

import ingest.pipeline as pipeline
from db.engine import open_database
from ingest.outcome import name_reading, path_text, storable_text
from ingest.pipeline import IngestOptions, ingest


def test_a_gbk_file_name_keeps_its_bytes_and_reads_as_gbk_for_people():
    gbk = os.fsdecode("盐边县2019年度部门决算.pdf".encode("gbk"))
    stored = path_text(os.path.join("/数据/下载", gbk))
    stored.encode("utf-8")  # storable
    assert stored.startswith("/数据/下载/") and "\\x" in stored
    assert stored != "/数据/下载/盐边县2019年度部门决算.pdf"  # not the text of a UTF-8 name
    assert name_reading(gbk) == "盐边县2019年度部门决算.pdf"
    assert path_text("/数据/报告.pdf") == "/数据/报告.pdf"
    assert path_text(os.fsencode(os.path.join("/in", gbk))) == path_text(os.path.join("/in", gbk))  # bytes paths


def test_a_name_in_no_known_encoding_is_shown_as_bytes():
    odd = os.fsdecode(b"\xff\xfe.pdf")
    text = path_text(Path("/in") / odd)
    text.encode("utf-8")  # storable
    assert text == "/in/\\xff\\xfe.pdf"
    assert storable_text(f"cannot open {odd}") == "cannot open \\udcff\\udcfe.pdf"
    assert storable_text(None) is None


def test_an_unexpected_error_while_storing_fails_that_file_only(tmp_path, monkeypatch):
    folder = copy_files(tmp_path / "in", "seed/yanbian_2020.docx", "sources/yanbian_2019.docx")
    real_store = pipeline.store_report

    def refuse_2019(session, record, info, **kwargs):
        if "2019" in info.path:
            raise ValueError("value out of range")
        return real_store(session, record, info, **kwargs)

    monkeypatch.setattr(pipeline, "store_report", refuse_2019)
    engine = open_database(tmp_path / "j.db")
    summary = ingest([folder], engine, IngestOptions(workers=1))
    engine.dispose()
    by_name = {Path(o.path).name: o for o in summary.outcomes}
    assert by_name["yanbian_2020.docx"].status == "ingested"
    failed = by_name["yanbian_2019.docx"]
    assert (failed.status, failed.reason) == ("failed", "could not store: ValueError: value out of range")
    assert summary.exit_code == 1


def test_known_outcomes_across_lookup_chunks(tmp_path):
    """More files than one IN (...) list holds: every stored file is found, and a failure
    is carried over only when this extractor version would repeat it."""
    import datetime as dt

    from sqlalchemy import insert

    from db.engine import session_factory
    from db.ledger import LOOKUP_CHUNK
    from extractors.report import EXTRACTOR_VERSION
    from models.orm import IngestOutcome, SourceFile

    count = LOOKUP_CHUNK * 2 + 7
    shas = [f"{i:064x}" for i in range(count)]
    now = dt.datetime.now(dt.UTC)
    stored, failed, old_version, db_trouble, carried = shas[:-4], shas[-4], shas[-3], shas[-2], shas[-1]

    def outcome(sha: str, reason: str, version: str = EXTRACTOR_VERSION, category: str = "encrypted") -> dict:
        return dict(run_id="r", path=f"/in/{sha[-4:]}.pdf", sha256=sha, status="failed", category=category,
                    reason=reason, page=3, extractor_version=version, at=now)

    engine = open_database(tmp_path / "j.db")
    with session_factory(engine).begin() as session:
        session.execute(insert(SourceFile), [
            dict(sha256=sha, path=f"/in/{sha[-4:]}.pdf", format="pdf", status="stored", report_id=None,
                 extractor_version=EXTRACTOR_VERSION, ingested_at=now) for sha in stored])
        session.execute(insert(IngestOutcome), [
            outcome(failed, "encrypted PDF"), outcome(old_version, "no text", version="0.0.1"),
            outcome(db_trouble, "could not store: database is locked", category="storage"),
            outcome(carried, "unchanged since it failed: empty file (0 bytes)")])
    with session_factory(engine)() as session:
        known = pipeline._known_outcomes(session, shas)
    engine.dispose()
    assert {sha for sha, prior in known.items() if prior.status == "skipped"} == set(stored)
    assert known[failed] == ("failed", "unchanged since it failed: encrypted PDF", 3, "encrypted")
    assert known[carried].reason == "unchanged since it failed: empty file (0 bytes)"
    assert old_version not in known and db_trouble not in known  # parsed again
