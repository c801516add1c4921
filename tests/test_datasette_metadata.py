"""juesuan datasette-metadata: descriptions for every view and column, facets that exist;
datasette (when installed) serves the views with them and sorts money as numbers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from db_sample import narrative_record, precise_record, tables_record
from sqlalchemy import text
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database, session_factory
from db.store import FileInfo, store_report
from db.views import VIEW_NAMES


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "juesuan.db"
    engine = open_database(str(path))
    with session_factory(engine).begin() as session:
        for i, record in enumerate((narrative_record(), tables_record(), precise_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1), extractor_version="test")
    engine.dispose()
    return path


def _metadata(db, tmp_path):
    out = tmp_path / "metadata.json"
    result = CliRunner().invoke(app, ["datasette-metadata", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, json.loads(out.read_text(encoding="utf-8"))


def test_metadata_describes_every_view_and_its_facets_exist(db, tmp_path):
    _, meta = _metadata(db, tmp_path)
    tables = meta["databases"]["juesuan"]["tables"]
    engine = open_database(str(db))
    with engine.connect() as c:
        for view in VIEW_NAMES:
            columns = set(c.execute(text(f"SELECT * FROM {view} WHERE 1 = 0")).keys())
            entry = tables[view]
            assert entry["description"]
            assert set(entry["columns"]) <= columns and entry["facets"] and set(entry["facets"]) <= columns
    engine.dispose()
    assert "万元" in tables["v_facts"]["columns"]["value"]
    assert tables["text_search"] == {"hidden": True}


def test_datasette_serves_the_views_and_sorts_money_as_numbers(db, tmp_path):
    pytest.importorskip("datasette", reason="datasette is not installed (pip install datasette)")
    out, _ = _metadata(db, tmp_path)
    got = subprocess.run(
        [sys.executable, "-m", "datasette", str(db), "-m", str(out), "--get",
         "/juesuan/v_facts.json?_sort_desc=value&_shape=array&_col=value"],
        capture_output=True, text=True, timeout=120, check=True)
    values = [row["value"] for row in json.loads(got.stdout)]
    assert values and all(isinstance(v, (int, float)) for v in values if v is not None)
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True)
