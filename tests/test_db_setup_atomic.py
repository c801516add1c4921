"""A new database's set-up is one transaction under a lock: a kill at any moment leaves a
database every command opens, and concurrent first use waits instead of failing (issue 18,
item 3). The kills are real (SIGKILL from inside the process after its N-th statement)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

_SETUP = textwrap.dedent("""
    import os, signal, sys
    from sqlalchemy import event
    from db.engine import make_engine, resolve_url
    from db.migrate import upgrade_to_head

    engine = make_engine(resolve_url(sys.argv[1]))
    kill_at = int(sys.argv[2])
    seen = [0]

    @event.listens_for(engine, "after_cursor_execute")
    def _count(*_args):
        seen[0] += 1
        if seen[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    upgrade_to_head(engine)
    print(seen[0])
""")


def _setup(db: str, kill_at: int = 0) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _SETUP, db, str(kill_at)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _opens(db: str) -> None:
    result = runner.invoke(app, ["reports", "--db", db, "-f", "csv"])
    assert result.exit_code in (0, 1), result.output  # 1: no reports stored yet
    assert "already exists" not in result.output and "Traceback" not in result.output, result.output
    from db.engine import open_database
    from db.migrate import current_revision, head_revision

    engine = open_database(db)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_a_kill_at_any_moment_of_setup_leaves_a_database_that_opens(db_url):
    if db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL DDL was already one transaction; its race is the concurrent test")
    total = int(_setup(db_url + ".probe").stdout.strip())
    assert total > 10
    for n, kill_at in enumerate(sorted({max(1, total * k // 10) for k in range(1, 11)} - {total})):
        db = f"{db_url}.{n}"
        killed = _setup(db, kill_at)
        assert killed.returncode == -9, (kill_at, killed.stderr[-500:])
        _opens(db)


def test_three_first_uses_at_once_all_succeed(db_url):
    script = "import sys; from db.engine import open_database; open_database(sys.argv[1]).dispose()"
    started = [subprocess.Popen([sys.executable, "-c", script, db_url], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for process in started:
        _out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err[-800:]
    _opens(db_url)
