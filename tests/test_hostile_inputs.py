"""Hostile input through the real batch ingest: one bad file never hurts the batch.

Every hostile file goes through ``ingest.pipeline.ingest`` in a batch with a good report
(worker processes, per-file limits, the single writer), and each test checks the promise
of the issue: the good report is stored completely; the hostile file has a ``failed``
outcome with a one-line reason and nothing of it is stored; the process tree's memory
stays bounded. The files are generated in ``tmp_path`` by
``tests/fixtures/hostile/make_hostile.py`` (pure Python, milliseconds), so the big ones (a
2,000-page PDF, bombs inflating to gigabytes) are never committed.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import make_hostile  # tests/fixtures/hostile (pytest's pythonpath)
import pytest
from conftest import FIXTURES
from measure import TreeSampler  # benchmarks/ (pytest's pythonpath)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import open_database
from db.load import load_record
from extractors.errors import ReadError
from extractors.readers import read_document
from extractors.report import extract_report
from ingest.outcome import FAILED, INGESTED, Summary
from ingest.pipeline import IngestOptions, ingest
from models.orm import FactRow, IngestOutcome, LineItemRow, ProjectRow, Report, SourceFile

GOOD = FIXTURES / "reports" / "盐边县人民政府办公室2020年度部门决算.pdf"
MEMORY_LIMIT_MB = 1536  # per worker; the good report needs a fraction of it
TREE_BOUND_MB = 2 * MEMORY_LIMIT_MB + 1024  # two workers at their limit + this process


class Batch:
    """The result of one ingest run: the summary, the database, the tree's peak memory."""

    def __init__(self, summary: Summary, engine, peak_mb: float) -> None:
        self.summary, self.engine, self.peak_mb = summary, engine, peak_mb
        self.by_name = {Path(o.path).name: o for o in summary.outcomes}

    def outcome(self, name: str):  # ingest.outcome.Outcome
        return self.by_name[name]

    def count(self, model, **where) -> int:
        with Session(self.engine) as session:
            query = select(func.count()).select_from(model).filter_by(**where)
            return session.scalar(query)


def run_batch(folder: Path, db: Path, timeout_s: float = 120, workers: int = 2) -> Batch:
    """``ingest`` over ``folder`` with per-file limits, sampling the tree's memory."""
    engine = open_database(db)
    sampler = TreeSampler(os.getpid(), interval=0.05)
    sampler.start()
    try:
        summary = ingest([folder], engine, IngestOptions(
            workers=workers, timeout_s=timeout_s, memory_limit_mb=MEMORY_LIMIT_MB))
    finally:
        peak = sampler.stop()
    return Batch(summary, engine, peak)


def assert_failed_cleanly(batch: Batch, name: str, *words: str) -> None:
    """Failed, with a one-line reason mentioning ``words``; nothing of the file stored."""
    outcome = batch.outcome(name)
    assert outcome.status == FAILED, (name, outcome)
    assert outcome.reason and "\n" not in outcome.reason and "Traceback" not in outcome.reason
    assert len(outcome.reason) <= 300
    reason = outcome.reason.lower()
    assert any(w.lower() in reason for w in words), (name, outcome.reason)
    assert batch.count(SourceFile, path=outcome.path) == 0
    assert batch.count(IngestOutcome, path=outcome.path, status=FAILED) == 1


def assert_good_stored_completely(batch: Batch, name: str = GOOD.name) -> None:
    """The good report is there with every fact, line and project extraction gives."""
    outcome = batch.outcome(name)
    assert outcome.status == INGESTED, outcome
    expected = extract_report(read_document(GOOD), filename=GOOD.name)
    report_id = outcome.report_id
    assert batch.count(Report, id=report_id) == 1
    assert batch.count(FactRow, report_id=report_id) == len(expected.facts)
    assert batch.count(LineItemRow, report_id=report_id) == len(expected.line_items)
    assert batch.count(ProjectRow, report_id=report_id) == len(expected.projects)
    assert len(expected.projects) > 0
    with Session(batch.engine) as session:
        stored = load_record(session, report_id)
    assert _figures(stored) == _figures(expected)


def _figures(record) -> tuple:  # models.records.ReportRecord
    """What a researcher reads off a report: every figure with what it is and its page."""
    return (
        sorted((f.metric, str(f.subject), str(f.value), f.source.page) for f in record.facts),
        sorted((i.table, str(i.code), i.name, i.column, str(i.value), i.source.page)
               for i in record.line_items),
        sorted((p.name, str(p.budget), str(p.executed), len(p.indicators)) for p in record.projects),
    )


# -- one batch with every small hostile file ---------------------------------------------
SECRET = "JUESUAN-XXE-SECRET-7f3a"

SMALL_CASES = {
    # name in the batch: (maker, words one of which the reason must contain)
    "zero_byte.pdf": (make_hostile.zero_byte, ("empty",)),
    "truncated.pdf": (make_hostile.truncated_pdf, ("truncated", "damaged", "corrupt")),
    "encrypted.pdf": (make_hostile.encrypted_pdf, ("encrypted", "password")),
    "cid_glyphs.pdf": (make_hostile.cid_glyphs_pdf, ("cid", "glyph", "no text", "ocr")),
    "scanned.pdf": (make_hostile.scanned_pdf, ("no text layer", "scanned", "ocr")),
    "not_a_report.pdf": (make_hostile.not_a_report_pdf, ("no report identity",)),
    "error_page.pdf": (make_hostile.html_named_pdf, ("html",)),
    "cyclic_page_tree.pdf": (make_hostile.cyclic_page_tree_pdf, ("damaged", "page tree", "loop")),
    "deeply_nested.pdf": (make_hostile.deeply_nested_pdf, ("no text", "nested", "damaged")),
}


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory) -> tuple[Batch, Path]:
    folder = tmp_path_factory.mktemp("hostile_small")
    batch_dir = folder / "batch"
    batch_dir.mkdir()
    shutil.copy(GOOD, batch_dir / GOOD.name)
    for name, (maker, _) in SMALL_CASES.items():
        maker(batch_dir / name)
    secret = folder / "secret.txt"
    secret.write_text(SECRET)
    make_hostile.xxe_docx(batch_dir / "xxe.docx", secret)
    make_hostile.laughs_docx(batch_dir / "laughs.docx")
    return run_batch(batch_dir, folder / "small.db"), folder


def test_good_report_is_stored_completely_beside_hostile_files(small_batch):
    batch, _ = small_batch
    assert_good_stored_completely(batch)
    assert batch.summary.exit_code == 1  # some files failed: SPEC.md's exit code


@pytest.mark.parametrize("name", sorted(SMALL_CASES))
def test_hostile_file_fails_alone_with_a_one_line_reason(small_batch, name):
    batch, _ = small_batch
    assert_failed_cleanly(batch, name, *SMALL_CASES[name][1])


def test_external_entities_are_never_resolved(small_batch):
    """An XXE .docx may be read or refused, but the named file's content never gets in."""
    batch, folder = small_batch
    outcome = batch.outcome("xxe.docx")
    if outcome.status == FAILED:
        assert_failed_cleanly(batch, "xxe.docx", "entit", "doctype", "xml", "dtd", "identity")
    db_bytes = b"".join(p.read_bytes() for p in folder.glob("small.db*"))
    assert SECRET.encode() not in db_bytes
    try:
        document = read_document(folder / "batch" / "xxe.docx")
    except ReadError:
        return  # refused by the reader: the failed outcome was checked above
    assert SECRET not in document.full_text()


def test_entity_expansion_is_never_performed(small_batch):
    """"Billion laughs": read without expanding, or refused; never 10^9 words in memory."""
    batch, folder = small_batch
    outcome = batch.outcome("laughs.docx")
    if outcome.status == FAILED:
        assert_failed_cleanly(batch, "laughs.docx", "entit", "doctype", "xml", "dtd", "identity")
    try:
        document = read_document(folder / "batch" / "laughs.docx")
    except ReadError:
        return  # refused by the reader: the failed outcome was checked above
    assert "哈哈哈哈" not in document.full_text()


def test_wrong_extension_is_read_by_content(tmp_path):
    """A real report PDF named .docx: content wins, it is stored as the PDF it is."""
    batch_dir = tmp_path / "batch"
    batch_dir.mkdir()
    make_hostile.pdf_named_docx(batch_dir / "report_download.docx")
    batch = run_batch(batch_dir, tmp_path / "misnamed.db", workers=1)
    outcome = batch.outcome("report_download.docx")
    assert outcome.status == INGESTED, outcome
    assert batch.count(SourceFile, path=outcome.path, format="pdf") == 1


def test_small_batch_memory_stays_bounded(small_batch):
    batch, _ = small_batch
    assert 0 < batch.peak_mb < TREE_BOUND_MB


# -- resource exhaustion: bombs and a very long PDF, one batch with the good report -------
EXHAUSTION_CASES = {
    "bomb.pdf": (make_hostile.pdf_bomb, ("memory", "killed")),
    "bomb.docx": (make_hostile.docx_bomb, ("memory", "killed", "too large", "bomb", "size")),
    # 2,000 pages: the per-file time limit ends it (or the reader, if fast enough, reads
    # it all and finds no report in it)
    "long.pdf": (make_hostile.long_pdf, ("timed out", "no report identity")),
}
# The long PDF must meet the time limit; the bombs must meet the memory limit *whatever the
# machine's load* (on a busy machine inflating 4 GiB can outlast a short time limit), so
# they run in a second batch whose time limit is far beyond any inflation.
TIME_LIMITED = {"long.pdf"}
EXHAUSTION_TIMEOUT_S = 20
BOMB_TIMEOUT_S = 900


@dataclass
class _Batches:
    time_limited: Batch
    memory_limited: Batch

    def of(self, name: str) -> Batch:
        return self.time_limited if name in TIME_LIMITED else self.memory_limited


@pytest.fixture(scope="module")
def exhaustion_batches(tmp_path_factory) -> _Batches:
    folder = tmp_path_factory.mktemp("hostile_exhaustion")
    batches = []
    for label, names, timeout in (("time", TIME_LIMITED, EXHAUSTION_TIMEOUT_S),
                                  ("memory", set(EXHAUSTION_CASES) - TIME_LIMITED, BOMB_TIMEOUT_S)):
        batch_dir = folder / label
        batch_dir.mkdir()
        shutil.copy(GOOD, batch_dir / GOOD.name)
        for name in names:
            EXHAUSTION_CASES[name][0](batch_dir / name)
        batches.append(run_batch(batch_dir, folder / f"{label}.db", timeout_s=timeout))
    return _Batches(*batches)


@pytest.fixture(scope="module")
def exhaustion_batch(exhaustion_batches) -> Batch:
    """The batch with the bombs: the one that tests the memory bound."""
    return exhaustion_batches.memory_limited


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXHAUSTION_CASES))
def test_resource_exhaustion_fails_only_its_file(exhaustion_batches, name):
    """A worker at its memory or time limit fails its file; the batch goes on."""
    assert_failed_cleanly(exhaustion_batches.of(name), name, *EXHAUSTION_CASES[name][1])


@pytest.mark.slow
def test_good_report_survives_the_exhaustion_batch(exhaustion_batches):
    assert_good_stored_completely(exhaustion_batches.time_limited)
    assert_good_stored_completely(exhaustion_batches.memory_limited)


@pytest.mark.slow
def test_exhaustion_batch_memory_stays_within_the_limits(exhaustion_batch):
    """Two workers at most at their address-space limit, plus the writer."""
    assert 0 < exhaustion_batch.peak_mb < TREE_BOUND_MB


def test_unreadable_file_fails_alone(tmp_path):
    """A file the ingest process may not read fails alone ("permission denied").

    Root reads anything, so when the tests run as root the ingest runs in a child that
    has dropped the two capabilities that let root ignore file modes.
    """
    batch_dir = tmp_path / "batch"
    batch_dir.mkdir()
    shutil.copy(GOOD, batch_dir / GOOD.name)
    locked = make_hostile.not_a_report_pdf(batch_dir / "locked.pdf")
    locked.chmod(0o000)
    db = tmp_path / "unreadable.db"
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _INGEST_SCRIPT, str(batch_dir), str(db)],
            capture_output=True, text=True, timeout=300, cwd=tmp_path,
            preexec_fn=_without_root_file_access if os.geteuid() == 0 else None,
        )
    finally:
        locked.chmod(0o644)
    assert proc.returncode == 0, proc.stderr[-2000:]
    engine = open_database(db)
    with Session(engine) as session:
        rows = {Path(r.path).name: r for r in session.scalars(select(IngestOutcome))}
    assert rows["locked.pdf"].status == FAILED
    assert "permission denied" in rows["locked.pdf"].reason.lower()
    assert "\n" not in rows["locked.pdf"].reason
    assert rows[GOOD.name].status == INGESTED
    assert Batch(Summary([]), engine, 0).count(SourceFile, path=rows["locked.pdf"].path) == 0


def _without_root_file_access() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set before exec."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused")


PR_CAPBSET_DROP = 24

# Runs the pipeline in a child process and exits 0 when it ran (whatever the outcomes).
_INGEST_SCRIPT = """
import sys
from pathlib import Path
from db.engine import open_database
from db.load import load_record
from ingest.pipeline import IngestOptions, ingest
if __name__ == "__main__":
    engine = open_database(sys.argv[2])
    ingest([Path(sys.argv[1])], engine, IngestOptions(workers=1, timeout_s=120))
"""


def test_cli_lists_each_hostile_file_without_a_traceback(tmp_path):
    """``juesuan ingest`` on a hostile batch: exit 1, every failure named, no traceback."""
    batch_dir = tmp_path / "batch"
    made = make_hostile.make_small(batch_dir)
    shutil.copy(GOOD, batch_dir / GOOD.name)
    script = Path(sys.executable).with_name("juesuan")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cli"]
    proc = subprocess.run(
        [*command, "ingest", str(batch_dir), "--db", str(tmp_path / "cli.db"), "--workers", "2",
         "--timeout", "120", "--memory-limit", str(MEMORY_LIMIT_MB)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={**os.environ, "COLUMNS": "400"},  # a wide "terminal": paths are not wrapped
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-2000:]
    assert "Traceback" not in output
    engine = open_database(tmp_path / "cli.db")
    with Session(engine) as session:
        failed = {Path(r.path).name for r in session.scalars(
            select(IngestOutcome).where(IngestOutcome.status == FAILED))}
    expected = {p.name for p in made} - {"xxe.docx"}  # XXE may be read (entity unresolved)
    assert expected <= failed
    for name in failed:
        assert name in output  # the summary names every failed file


def test_a_failure_while_storing_leaves_nothing_half_written(tmp_path, monkeypatch):
    """The writer fails after flushing part of a report: the transaction leaves no trace."""
    from sqlalchemy.exc import OperationalError

    import ingest.pipeline as pipeline

    victim = FIXTURES / "reports" / "盐边县人民政府办公室2019年度部门决算.pdf"
    real_store = pipeline.store_report

    def store_then_fail(session, record, file, **kwargs):
        result = real_store(session, record, file, **kwargs)  # rows flushed, not committed
        if Path(file.path).name == victim.name:
            raise OperationalError("INSERT …", {}, Exception("disk I/O error"))
        return result

    monkeypatch.setattr(pipeline, "store_report", store_then_fail)
    batch_dir = tmp_path / "batch"
    batch_dir.mkdir()
    shutil.copy(GOOD, batch_dir / GOOD.name)
    shutil.copy(victim, batch_dir / victim.name)
    batch = run_batch(batch_dir, tmp_path / "store.db")
    assert_good_stored_completely(batch)
    outcome = batch.outcome(victim.name)
    assert outcome.status == FAILED and "could not store" in outcome.reason
    assert "\n" not in outcome.reason
    assert batch.count(SourceFile, path=outcome.path) == 0
    assert batch.count(Report) == 1  # only the good report: no 2019 report, no orphan rows
    with Session(batch.engine) as session:
        good_id = batch.outcome(GOOD.name).report_id
        for model in (FactRow, LineItemRow, ProjectRow):
            assert session.scalar(select(func.count()).select_from(model)
                                  .where(model.report_id != good_id)) == 0


def test_a_gbk_encoded_file_name_does_not_sink_the_batch(tmp_path):
    """Zip archives from Chinese sites often carry GBK file names: on a UTF-8 system they
    are bytes Python can only hold as surrogates, which no database text column takes."""
    batch_dir = tmp_path / "batch"
    batch_dir.mkdir()
    shutil.copy(GOOD, batch_dir / GOOD.name)
    other = FIXTURES / "reports" / "盐边县人民政府办公室2019年度部门决算.pdf"
    gbk_name = os.fsdecode(other.stem.encode("gbk") + b".pdf")
    shutil.copy(other, batch_dir / gbk_name)
    batch = run_batch(batch_dir, tmp_path / "gbk.db")
    assert_good_stored_completely(batch)
    others = [o for o in batch.summary.outcomes if Path(o.path).name != GOOD.name]
    assert len(others) == 1
    outcome = others[0]
    assert outcome.status in (INGESTED, FAILED)
    with Session(batch.engine) as session:
        stored = [r.path for r in session.scalars(select(IngestOutcome))]
    assert len(stored) == 2
    for path in stored:
        path.encode("utf-8")  # storable text, no lone surrogates
    assert any("\\x" in path for path in stored)  # the name kept as its bytes
    if outcome.status == INGESTED:
        assert "read as GB18030: 盐边县人民政府办公室2019年度部门决算.pdf" in outcome.reason  # and read for people
