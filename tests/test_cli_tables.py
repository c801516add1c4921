"""Issue 15: ``show -f csv`` carries whole sentences, and table output at 80 columns wraps
text but never breaks a figure (amounts, percentages, codes stay on one line, whole)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import SEED_TXT
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()
LONG_NAME = "某某省某某市某某区人民政府办公室下属事业单位机关服务中心（本级）一般公共服务支出项目经费"
FIGURES = ["-98765432.10", "2010301", "12.5%"]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("tables") / "seed.db"
    result = runner.invoke(app, ["ingest", str(SEED_TXT), "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return str(db)


def _table(args: list[str], columns: int = 80) -> str:
    result = runner.invoke(app, [*args, "-f", "table"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", [80, 100])
def test_table_output_wraps_text_never_figures(seed_db, columns):
    selected = ", ".join(f"'{f}' AS f{i}" for i, f in enumerate(FIGURES))
    out = _table(["sql", f"SELECT '{LONG_NAME}' AS name, 123456789012.34 AS amount, {selected}, "
                  f"'{LONG_NAME * 2}' AS text, 1234567.5 AS prior",
                  "--db", seed_db], columns)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns, out
    for figure in ["123456789012.34", *FIGURES, "1234567.5"]:
        assert any(re.search(rf"(^|[\s│]){re.escape(figure)}($|[\s│])", line) for line in lines), (figure, out)
    # the long name was wrapped over several lines, not cut
    assert "".join(re.sub(r"[│\s]", "", line.split("│")[1]) if line.count("│") > 2 else ""
                   for line in lines) .startswith(LONG_NAME[:20]), out


def test_show_table_at_80_columns_keeps_every_stored_figure_whole(seed_db):
    data = json.loads(runner.invoke(app, ["show", "1", "--db", seed_db, "-f", "json"]).stdout, parse_float=str)
    out = _table(["show", "1", "--db", seed_db, "--part", "lines"])
    cells = [c.strip() for line in out.splitlines() for c in line.split("│")]
    for item in data["line_items"]:
        assert str(item["value"]) in cells, (item, out)
        assert item["code"] is None or item["code"] in cells, (item, out)


def test_figures_wider_than_the_terminal_are_still_whole(seed_db):
    many = ", ".join(f"{10**14 + i}.25 AS c{i}" for i in range(8))
    out = _table(["sql", f"SELECT {many}", "--db", seed_db], 80)
    cells = [c.strip() for line in out.splitlines() for c in line.split("│")]
    for i in range(8):
        assert f"{10**14 + i}.25" in cells, out


def test_show_csv_never_truncates_text(seed_db):
    data = json.loads(runner.invoke(app, ["show", "1", "--db", seed_db, "-f", "json"]).stdout, parse_float=str)
    sentences = [f["text"] for f in data["facts"]]
    assert any(len(s) > 60 for s in sentences)  # the seed has long sentences to cut
    for args in (["-f", "csv"], ["-f", "csv", "--part", "facts"], ["-f", "tsv", "--part", "facts"]):
        result = runner.invoke(app, ["show", "1", "--db", seed_db, *args])
        assert result.exit_code == 0, result.output
        delimiter = "\t" if "tsv" in args else ","
        rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
        texts = [r["text"] for r in rows if r.get("part", "facts") == "facts"]
        assert texts == sentences, args
        assert "…" not in "".join(texts) or any("…" in s for s in sentences)


def test_show_markdown_and_jsonl_carry_whole_sentences(seed_db):
    data = json.loads(runner.invoke(app, ["show", "1", "--db", seed_db, "-f", "json"]).stdout, parse_float=str)
    longest = max((f["text"] for f in data["facts"]), key=len)
    for fmt in ("markdown", "jsonl"):
        result = runner.invoke(app, ["show", "1", "--db", seed_db, "-f", fmt, "--part", "facts"])
        assert result.exit_code == 0 and longest.replace("|", "\\|") in result.stdout.replace('\\"', '"'), fmt
