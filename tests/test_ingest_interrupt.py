"""Ctrl-C (SIGINT) or SIGTERM during an ingest: exit 130, the stored part complete, and
the same command run again finishes the job."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_helpers import copy_files, counts

SEED_TXT = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"


def _juesuan() -> str:
    exe = Path(sys.executable).parent / "juesuan"
    found = str(exe) if exe.exists() else shutil.which("juesuan")
    if not found:
        pytest.skip("the juesuan console command is not installed in this environment")
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_then_rerun(tmp_path, signum):
    folder = copy_files(tmp_path / "in", "seed/yanbian_2020.docx", "sources/yanbian_2019.docx")
    seed = SEED_TXT.read_text(encoding="utf-8")
    slow = folder / "zz_long.txt"  # sorts last; parses for many seconds
    slow.write_text(seed * 500, encoding="utf-8")
    db = str(tmp_path / "j.db")
    command = [_juesuan(), "ingest", str(folder / "yanbian_2020.docx"),
               str(folder / "yanbian_2019.docx"), str(slow), "--db", db, "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    _wait_until_reports(db, 2, process)
    os.killpg(process.pid, signum)  # the whole group, as a terminal's Ctrl-C does
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert counts(db)["reports"] == 2

    rerun = subprocess.run(command + ["--timeout", "2"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1  # the long file now times out: a failure, not a hang
    assert counts(db)["reports"] == 2 and counts(db)["sources"] == 2


def _wait_until_reports(db: str, n: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
                if connection.execute("SELECT COUNT(*) FROM reports").fetchone()[0] >= n:
                    return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.05)
    pytest.fail("the ingest ended before it could be interrupted")
