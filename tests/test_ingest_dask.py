"""Ingest on Dask: a real scheduler and workers as separate processes on 127.0.0.1, storing
into PostgreSQL, give the export of a one-process SQLite ingest; a worker killed mid-batch
still leaves every report stored once; SQLite is refused for a --scheduler cluster.

``distributed`` is a test dependency (missing, these tests fail); skipped, with the reason,
when no PostgreSQL answers (``JUESUAN_TEST_PG``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, corpus_pdfs
from ingest_helpers import copy_files, counts, exported
from pg_schema import fresh_pg_schema

from db.engine import open_database, session_factory
from ingest.outcome import time_limit_reason

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

FIXTURE_FILES = ("seed/yanbian_2020.docx", "sources/yanbian_2019.docx", "bad/encrypted.pdf")
# Shanghai reports, one file each, and Beijing's split disclosure (说明 + 报表: one report
# whatever order its files are stored in).
CORPUS_FILES = ("上海市普陀区财政局2024年度部门决算.pdf", "上海市普陀区社会福利院2024年单位预算.pdf",
                "上海市普陀区人民政府办公室25年预算.pdf", "2026年北京市公安局部门预算.pdf",
                "公安局_附件2：北京市公安局2026年度部门预算报表.pdf")


def _bin(name: str) -> str:
    exe = Path(sys.executable).parent / name
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"the {name} command is not installed in this environment")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_workers(address: str, n: int, timeout: float = 60) -> None:
    from distributed import Client

    with Client(address, timeout="20s") as client:
        client.wait_for_workers(n, timeout=timeout)


def _start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def cluster() -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """`dask scheduler` and two `dask worker` processes (one thread each), as a user runs them."""
    dask = _bin("dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _start([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                        "--no-dashboard"])
    workers = [_start([dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                       "--host", "127.0.0.1"]) for _ in range(2)]
    try:
        _wait_for_workers(address, 2)
        yield address, workers
    finally:
        for process in [*workers, scheduler]:
            _stop(process)


@pytest.fixture
def folder(tmp_path) -> Path:
    target = copy_files(tmp_path / "in", *FIXTURE_FILES)
    for name in CORPUS_FILES:
        if (CORPUS / name).is_file():
            shutil.copy(CORPUS / name, target / name)
    return target


def _ingest(folder: Path, db: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([_bin("juesuan"), "ingest", str(folder), "--db", db, *extra],
                          capture_output=True, text=True, timeout=600)


def _comparable(export: dict) -> list[dict]:
    """Reports without their ids, every list as a sorted multiset.

    Parallel workers commit in any order: report ids differ. A report published in
    several files (Beijing's 说明 + 报表) is the same whatever order its files were stored
    in (they are ordered by path), so it is compared whole, like any other."""
    def canonical(report: dict) -> dict:
        out = {}
        for key, value in report.items():
            if key == "id":
                continue
            if isinstance(value, list):
                value = sorted(json.dumps(v, sort_keys=True, default=str, ensure_ascii=False) for v in value)
            out[key] = value
        return out

    return sorted((canonical(r) for r in export["reports"]), key=lambda r: r["sources"])


@pytest.fixture
def shared_cluster(request) -> str:  # pytest's request
    """The cluster CI starts (``JUESUAN_TEST_DASK``: its scheduler address), else our own."""
    address = os.environ.get("JUESUAN_TEST_DASK")
    if address:
        _wait_for_workers(address, 1)
        return address
    return request.getfixturevalue("cluster")[0]


def test_a_real_cluster_into_postgresql_gives_the_sqlite_export(shared_cluster, folder, tmp_path):
    address = shared_cluster
    sqlite_db = str(tmp_path / "one.db")
    one = _ingest(folder, sqlite_db, "--workers", "1")
    assert one.returncode == 1, one.stderr  # the encrypted fixture fails, the rest store
    with fresh_pg_schema() as url:
        on_dask = _ingest(folder, url, "--scheduler", address)
        assert on_dask.returncode == 1, on_dask.stderr
        assert _comparable(exported(url)) == _comparable(exported(sqlite_db))
        again = _ingest(folder, url, "--scheduler", address)  # idempotent: all skipped
        assert again.returncode == 1 and counts(url) == counts(sqlite_db)


def test_killing_a_worker_mid_batch_still_stores_every_report_once(cluster, tmp_path):
    if not corpus_pdfs():
        pytest.skip(f"real corpus not found at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    address, workers = cluster
    folder = tmp_path / "many"
    folder.mkdir()
    for pdf in corpus_pdfs():
        shutil.copy(pdf, folder / pdf.name)
    reference = str(tmp_path / "ref.db")
    _ingest(folder, reference, "--workers", "2")
    with fresh_pg_schema() as url:
        process = subprocess.Popen([_bin("juesuan"), "ingest", str(folder), "--db", url,
                                    "--scheduler", address], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        _wait_for_reports(url, 1, process)
        os.killpg(workers[0].pid, signal.SIGKILL)  # a worker host lost mid-batch
        _, stderr = process.communicate(timeout=600)
        assert process.returncode in (0, 1), stderr
        assert counts(url) == counts(reference)
        assert _comparable(exported(url)) == _comparable(exported(reference))


def _wait_for_reports(url: str, n: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if counts(url)["reports"] >= n:
                return
        except Exception:  # the schema may not be created yet
            pass
        time.sleep(0.2)
    pytest.fail("the ingest finished (or stalled) before a worker could be killed mid-run")


# The corpus's longest PDF (171 pages, ≈ 10 s of CPU): past a 1 s limit on any machine.
SLOW_FILE = "卫生健康委员会_2026年部门预算.pdf"
LIMITS = {"timeout": ("--timeout", "1"), "memory": ("--memory-limit", "1")}


def _outcomes(db: str) -> dict[str, tuple[str, str | None, str | None]]:
    """File name → (status, category, reason) of the outcome rows of the latest run."""
    from sqlalchemy import select

    from models.orm import IngestOutcome

    engine = open_database(db)
    with session_factory(engine)() as session:
        last = session.scalar(select(IngestOutcome.run_id).order_by(IngestOutcome.id.desc()).limit(1))
        rows = session.execute(select(IngestOutcome.path, IngestOutcome.status, IngestOutcome.category,
                                      IngestOutcome.reason).where(IngestOutcome.run_id == last)).all()
    engine.dispose()
    return {Path(path).name: (status, category, reason) for path, status, category, reason in rows}


@pytest.fixture
def slow_folder(tmp_path) -> Path:
    if not (CORPUS / SLOW_FILE).is_file():
        pytest.skip(f"{SLOW_FILE} not found in the corpus at {CORPUS} (set JUESUAN_CORPUS to its folder)")
    target = copy_files(tmp_path / "slow", "seed/yanbian_2020.docx")
    shutil.copy(CORPUS / SLOW_FILE, target / SLOW_FILE)
    return target


def _limited_outcome(folder: Path, db: str, limit: str, *executor: str) -> tuple[str, str | None, str | None]:
    result = _ingest(folder, db, *LIMITS[limit], *executor)
    assert result.returncode == 1, result.stderr  # the limited file fails, alone
    return _outcomes(db)[SLOW_FILE]


@pytest.mark.parametrize("limit", sorted(LIMITS))
def test_a_dask_task_has_the_local_pools_time_and_memory_limits(slow_folder, tmp_path, limit, cluster):
    """--timeout and --memory-limit hold for a file parsed on a Dask worker, and the outcome
    names the limit exactly as the local pool's does: on a LocalCluster (its workers fork
    the file's process from a warm server) and on `dask worker` processes as a user starts
    them (daemonic: the file's process is a fresh interpreter)."""
    local = _limited_outcome(slow_folder, str(tmp_path / "local.db"), limit, "--workers", "1")
    on_local_cluster = _limited_outcome(slow_folder, str(tmp_path / "dask.db"), limit,
                                        "--executor", "dask", "--workers", "1")
    assert local[0] == "failed"
    if limit == "timeout":
        assert local[1:] == ("time_limit", time_limit_reason(1))
    else:  # PDFium aborts when an allocation fails (SIGABRT), Python raises MemoryError
        assert local[1] in ("memory_limit", "resource_limit"), local
    with fresh_pg_schema() as url:
        on_cluster = _limited_outcome(slow_folder, url, limit, "--scheduler", cluster[0])
    if limit == "timeout":
        assert on_local_cluster == on_cluster == local
    else:
        # Which allocation fails first under a 1 MB cap differs from process to process:
        # PDFium's (the process aborts) or Python's (MemoryError). Either way the file
        # fails as out of memory, on every executor.
        for outcome in (on_local_cluster, on_cluster):
            assert outcome[0] == "failed" and outcome[1] in ("memory_limit", "resource_limit"), outcome
    from distributed import Client

    with Client(cluster[0], timeout="20s") as client:  # the file's process died, not the workers
        assert len(client.scheduler_info()["workers"]) == 2
        assert all(worker.poll() is None for worker in cluster[1])


def test_sqlite_is_refused_for_a_scheduler_cluster(folder, tmp_path):
    result = _ingest(folder, str(tmp_path / "x.db"), "--scheduler", "tcp://127.0.0.1:1")
    assert result.returncode == 2
    assert "SQLite file cannot be shared" in result.stderr


def test_a_local_dask_cluster_gives_the_local_pool_export(folder, tmp_path):
    pool, local = str(tmp_path / "pool.db"), str(tmp_path / "dask.db")
    assert _ingest(folder, pool, "--workers", "2").returncode == 1
    result = _ingest(folder, local, "--executor", "dask", "--workers", "2")
    assert result.returncode == 1, result.stderr
    assert _comparable(exported(local)) == _comparable(exported(pool))
