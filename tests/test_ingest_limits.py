"""A failure caused by a limit the user sets (--timeout, --memory-limit) is named as that
limit and is read again by a run that raises it; a run with the same limit reports it
failed again without reading it (issue 18, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_TXT

from db.engine import open_database
from ingest.outcome import FAILED, Category, retried_under, unchanged_failure
from ingest.pipeline import IngestOptions, ingest

SEED = SEED_TXT.read_text(encoding="utf-8")


def _one(path: Path, db: Path, **limits):
    engine = open_database(db)
    try:
        summary = ingest([path], engine, IngestOptions(workers=1, **limits))
    finally:
        engine.dispose()
    [outcome] = summary.outcomes
    return outcome


def test_a_timed_out_file_is_read_again_when_the_timeout_is_raised(tmp_path):
    slow = tmp_path / "long.txt"
    slow.write_text(SEED * 200, encoding="utf-8")  # 200 reports back to back: 10 s or more
    db = tmp_path / "j.db"
    first = _one(slow, db, timeout_s=2)
    assert (first.status, first.category) == (FAILED, Category.TIME_LIMIT)
    assert "time limit" in first.reason and "2 s" in first.reason and "--timeout" in first.reason
    for _ in range(2):  # the same limit: failed again, not read (twice: the carried row keeps its time)
        again = _one(slow, db, timeout_s=2)
        assert again.status == FAILED and again.reason == unchanged_failure(first.reason)
        assert again.category is Category.TIME_LIMIT
    raised = _one(slow, db, timeout_s=3)  # read again: it meets the new limit
    assert raised.category is Category.TIME_LIMIT and raised.reason.startswith("time limit reached")
    assert "after 3 s" in raised.reason and raised.seconds >= 3
    lower = _one(slow, db, timeout_s=2)
    assert lower.reason == unchanged_failure(raised.reason)


def test_a_file_out_of_memory_is_read_again_when_the_memory_limit_is_raised(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(SEED * 1000, encoding="utf-8")  # its document model needs far more than 64 MB
    db = tmp_path / "j.db"
    first = _one(big, db, memory_limit_mb=64)
    assert (first.status, first.category) == (FAILED, Category.MEMORY_LIMIT), first
    assert first.reason.startswith("memory limit of 64 MB reached") and "--memory-limit" in first.reason
    again = _one(big, db, memory_limit_mb=64)
    assert again.reason == unchanged_failure(first.reason)
    assert _one(big, db, memory_limit_mb=32).reason == unchanged_failure(first.reason)
    raised = _one(big, db, memory_limit_mb=72)
    assert raised.category is Category.MEMORY_LIMIT and raised.reason.startswith("memory limit of 72 MB")


@pytest.mark.parametrize(("category", "reason", "timeout_s", "memory", "expected"), [
    (Category.TIME_LIMIT, "time limit reached: timed out after 300 s (raise --timeout to read it)", 300, 4096, False),
    (Category.TIME_LIMIT, unchanged_failure("time limit reached: timed out after 300 s (…)"), 600, 4096, True),
    (Category.TIME_LIMIT, "time limit reached: timed out after 2.5 s (…)", 2, 4096, False),
    (Category.MEMORY_LIMIT, "memory limit of 4096 MB reached while reading the file (…)", 300, 4096, False),
    (Category.MEMORY_LIMIT, unchanged_failure("memory limit of 4096 MB reached …"), 300, 8192, True),
    (Category.MEMORY_LIMIT, "memory limit of 4096 MB reached …", 300, None, True),  # --memory-limit 0
    (Category.CORRUPT, "damaged PDF", 10_000, None, False),
    (Category.RESOURCE_LIMIT, "file structure nested too deeply to read", 10_000, None, False),
])
def test_which_limit_failures_a_run_reads_again(category, reason, timeout_s, memory, expected):
    assert retried_under(category, reason, timeout_s=timeout_s, memory_limit_mb=memory) is expected
