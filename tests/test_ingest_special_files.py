"""Symbolic links and special files (issue 18, item 7): a link leading out of the folder
given is not followed unless --follow-symlinks, and its outcome names it; a FIFO, device or
socket named on the command line or met in a folder gets an outcome saying what it is
(failed when named, skipped in a folder), and never makes ingest wait."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_TXT
from ingest_helpers import copy_files

from db.engine import open_database
from ingest.discover import find
from ingest.outcome import FAILED, INGESTED, SKIPPED
from ingest.pipeline import IngestOptions, ingest

DOCX = "seed/yanbian_2020.docx"
WIDE = {**os.environ, "COLUMNS": "400"}  # each outcome's reason on one line of the summary


def _run(paths: list[Path], db: Path, **options):
    engine = open_database(db)
    try:
        summary = ingest(paths, engine, IngestOptions(workers=1, **options))
    finally:
        engine.dispose()
    return {Path(o.path).name: o for o in summary.outcomes}, summary


def _juesuan() -> str:
    exe = Path(sys.executable).parent / "juesuan"
    if not exe.exists():
        pytest.skip("the juesuan console command is not installed in this environment")
    return str(exe)


@pytest.fixture
def outside(tmp_path) -> Path:
    return copy_files(tmp_path / "outside", DOCX) / "yanbian_2020.docx"


def test_a_link_out_of_the_folder_is_not_followed_and_named(tmp_path, outside):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.docx").symlink_to(outside)
    outcomes, summary = _run([folder], tmp_path / "j.db")
    link = outcomes["report.docx"]
    assert link.status == SKIPPED and summary.exit_code == 0
    assert "symbolic link" in link.reason and str(outside) in link.reason and "--follow-symlinks" in link.reason
    assert summary.not_read == [link]  # listed under "not read", not passed over in silence


def test_follow_symlinks_reads_it(tmp_path, outside):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.docx").symlink_to(outside)
    outcomes, summary = _run([folder], tmp_path / "j.db", follow_symlinks=True)
    assert outcomes["report.docx"].status == INGESTED, outcomes


def test_a_link_out_of_a_folder_to_a_folder_is_not_walked_unless_asked(tmp_path, outside):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "elsewhere").symlink_to(outside.parent, target_is_directory=True)
    assert [p.name for p in find([folder]).files] == ["elsewhere"]
    assert "outside the folder" in find([folder]).left_out[folder / "elsewhere"].reason
    assert [p.name for p in find([folder], follow_symlinks=True).files] == ["yanbian_2020.docx"]


def test_links_inside_the_folder_are_followed_once_and_loops_end(tmp_path):
    folder = copy_files(tmp_path / "in", DOCX)
    (folder / "again.docx").symlink_to(folder / "yanbian_2020.docx")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a loop
    (folder / "gone.pdf").symlink_to(tmp_path / "missing.pdf")
    found = find([folder])
    assert sorted(p.name for p in found.files) == ["again.docx", "gone.pdf"]  # the target once
    assert "symbolic link to nothing" in found.left_out[folder / "gone.pdf"].reason
    outcomes, summary = _run([folder], tmp_path / "j.db")
    assert outcomes["again.docx"].status == INGESTED and outcomes["gone.pdf"].status == SKIPPED


def test_a_link_named_on_the_command_line_is_read(tmp_path, outside):
    link = tmp_path / "named.docx"
    link.symlink_to(outside)
    outcomes, _ = _run([link], tmp_path / "j.db")
    assert outcomes["named.docx"].status == INGESTED


def test_a_socket_in_a_folder_is_skipped_by_name(tmp_path):
    folder = copy_files(tmp_path / "in", DOCX)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "s.sock"))
        outcomes, summary = _run([folder], tmp_path / "j.db")
    finally:
        server.close()
    assert outcomes["s.sock"].status == SKIPPED and "a socket" in outcomes["s.sock"].reason
    assert outcomes["yanbian_2020.docx"].status == INGESTED and summary.exit_code == 0


@pytest.mark.parametrize("where", ["named", "in a folder"])
def test_a_fifo_never_makes_ingest_wait(tmp_path, where):
    """As a real process with a time limit: a FIFO opened for reading waits for a writer."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_TXT, folder / "seed.txt")
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    db = tmp_path / "j.db"
    target = [str(fifo)] if where == "named" else [str(folder)]
    out = subprocess.run([_juesuan(), "ingest", *target, "--db", str(db), "--workers", "1"],
                         capture_output=True, text=True, timeout=120, env=WIDE)
    assert "Traceback" not in out.stderr
    assert "a FIFO (named pipe), not a regular file" in out.stderr, out.stderr
    assert "no files found" not in out.stderr
    with sqlite3.connect(db) as connection:
        status = dict(connection.execute("SELECT path, status FROM ingest_outcomes"))
    connection.close()
    assert status[str(fifo)] == (FAILED if where == "named" else SKIPPED)
    assert out.returncode == (1 if where == "named" else 0), out.stderr


def test_a_device_named_on_the_command_line_fails_with_its_kind(tmp_path):
    out = subprocess.run([_juesuan(), "ingest", os.devnull, "--db", str(tmp_path / "j.db")],
                         capture_output=True, text=True, timeout=120, env=WIDE)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "a device, not a regular file" in out.stderr and "no files found" not in out.stderr


def test_hashing_refuses_a_fifo_put_in_a_file_s_place(tmp_path):
    """Found as a file, replaced by a FIFO before it is hashed: refused at once, not waited on."""
    from ingest.worker import fingerprint

    fifo = tmp_path / "late.pdf"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        fingerprint(fifo)
