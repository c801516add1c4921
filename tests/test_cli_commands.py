"""The read commands, sql, export and ingest through the command line (typer)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES
from db_sample import narrative_record, precise_record, tables_record
from ingest_helpers import counts
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database, session_factory
from db.store import FileInfo, store_report

runner = CliRunner()


def _fill(db: str) -> None:
    engine = open_database(db)
    with session_factory(engine).begin() as session:
        for i, record in enumerate((narrative_record(), tables_record(), precise_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                         extractor_version="test")
    engine.dispose()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "j.db")
    _fill(path)
    return path


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_sql_refuses_writes_and_the_data_is_intact(db_url):
    _fill(db_url)
    refused = _run("sql", "DELETE FROM reports", "--db", db_url)
    assert refused.exit_code == 1
    assert "read-only" in refused.stderr
    count = _run("sql", "SELECT COUNT(*) AS n FROM reports", "--db", db_url, "--format", "csv")
    assert count.exit_code == 0 and count.stdout == "n\n2\n"
    for statement in ("DROP TABLE facts", "UPDATE facts SET value = 0",
                      "CREATE TABLE x (a INTEGER)", "INSERT INTO reports (report_key) VALUES ('x')"):
        assert _run("sql", statement, "--db", db_url).exit_code == 1, statement
    intact = _run("sql", "SELECT COUNT(*) AS n FROM facts", "--db", db_url, "-f", "csv")
    assert intact.stdout == "n\n4\n"


def test_sql_json_output_has_exact_numbers(db):
    result = _run("sql", "SELECT printed_value, value FROM facts WHERE metric = 'income.total' "
                  "ORDER BY id", "--db", db, "-f", "json")
    assert json.loads(result.stdout, parse_float=Decimal) == [
        {"printed_value": "850.18", "value": "850.18"},
        {"printed_value": "850.18", "value": "15621.1123"},
    ]


def test_sql_errors_and_missing_database(db, tmp_path):
    assert _run("sql", "SELEC 1", "--db", db).exit_code == 2
    missing = _run("sql", "SELECT 1", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "no database" in missing.stderr


def test_reports_lists_and_filters(db):
    result = _run("reports", "--db", db, "-f", "csv")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("report_id,department,fiscal_year,kind,scope")
    assert len(lines) == 3
    only = _run("reports", "--db", db, "-f", "json", "--year", "2021")
    assert [r["department"] for r in json.loads(only.stdout)] == ["精度测试局"]
    assert json.loads(_run("reports", "--db", db, "-f", "json", "-d", "盐边").stdout)[0]["files"] == 2


def test_show_by_id_department_year_and_path(db):
    by_name = _run("show", "盐边县人民政府办公室", "2020", "--db", db, "-f", "json")
    assert by_name.exit_code == 0
    report = json.loads(by_name.stdout, parse_float=Decimal)
    assert report["facts"][0]["value"] == Decimal("850.18")
    assert json.loads(_run("show", "1", "--db", db, "-f", "json").stdout)["id"] == 1
    assert json.loads(_run("show", "r2.pdf", "--db", db, "-f", "json").stdout)["department"] == "精度测试局"
    table = _run("show", "1", "--db", db, "-f", "csv")
    assert "facts,income.total,850.18,万元,731.42,16.24" in table.stdout
    missing = _run("show", "不存在的部门", "--db", db)
    assert missing.exit_code == 1 and "no stored report" in missing.stderr


def test_export_json_to_file_and_usage_errors(db, tmp_path):
    out = tmp_path / "all.json"
    assert _run("export", "--format", "json", "-o", str(out), "--db", db).exit_code == 0
    assert len(json.loads(out.read_text())["reports"]) == 2
    part = _run("export", "--format", "json", "--year", "2021", "--db", db)
    assert [r["fiscal_year"] for r in json.loads(part.stdout)["reports"]] == [2021]
    assert _run("export", "--format", "parquet", "--db", db).exit_code == 2
    assert _run("export", "--format", "csv", "--view", "nope", "--db", db).exit_code == 2
    csv_out = _run("export", "--format", "csv", "--view", "projects", "--db", db)
    assert csv_out.stdout.startswith("project_id,report_id,department")


def test_ingest_exit_codes_and_summary(tmp_path):
    db = str(tmp_path / "j.db")
    missing = _run("ingest", str(tmp_path / "nowhere"), "--db", db)
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"")
    failed = _run("ingest", str(bad), "--db", db, "--workers", "1")
    assert failed.exit_code == 1
    assert "ingest summary" in failed.stderr and "empty file" in failed.stderr
    seed = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"
    ok = _run("ingest", str(seed), "--db", db, "--workers", "1")
    assert ok.exit_code == 0, ok.stderr
    assert ok.stdout == ""  # data only on stdout; the summary is a message
    quiet = _run("ingest", str(seed), "--db", db, "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_show_finds_a_file_by_content(tmp_path):
    seed = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"
    db = str(tmp_path / "j.db")
    assert _run("ingest", str(seed), "--db", db, "--workers", "1", "-q").exit_code == 0
    elsewhere = tmp_path / "copy.txt"
    elsewhere.write_bytes(seed.read_bytes())
    shown = _run("show", str(elsewhere), "--db", db, "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["department"] == "盐边县人民政府办公室"


def test_show_csv_is_one_table_a_program_can_read(db):
    """One header row; every row says which part it belongs to; the columns are the union."""
    import csv
    import io

    shown = _run("show", "1", "--db", db, "-f", "csv")
    assert shown.exit_code == 0, shown.stderr
    rows = list(csv.reader(io.StringIO(shown.stdout)))
    header, body = rows[0], rows[1:]
    assert header[0] == "part" and len(set(header)) == len(header)
    assert sum(1 for row in rows if row[0] == "part") == 1
    assert all(len(row) == len(header) for row in body)
    parts = {row[0] for row in body}
    assert {"report", "facts", "line items"} <= parts
    fact = next(dict(zip(header, row, strict=False)) for row in body
                if row[0] == "facts" and row[header.index("metric")] == "income.total")
    assert (fact["value"], fact["unit"], fact["page"]) == ("850.18", "万元", "block 40")
    facts_only = _run("show", "1", "--db", db, "-f", "csv", "--part", "facts")
    lines = facts_only.stdout.splitlines()
    assert lines[0].startswith("metric,value,unit") and all(line.count(",") >= 6 for line in lines)
    assert len(lines) == 1 + sum(1 for row in body if row[0] == "facts")


def test_show_lists_the_reports_when_several_match(tmp_path):
    path = str(tmp_path / "j.db")
    engine = open_database(path)
    with session_factory(engine).begin() as session:
        for i, year in enumerate((2020, 2021)):
            store_report(session, narrative_record(year=year),
                         FileInfo(f"y{year}.pdf", str(i) * 64, "pdf", 21, 1), extractor_version="test")
    engine.dispose()
    shown = _run("show", "盐边县人民政府办公室", "--db", path)
    assert shown.exit_code == 2
    assert "2020" in shown.stderr and "2021" in shown.stderr
    assert "y2020.pdf" in shown.stderr and "y2021.pdf" in shown.stderr
    assert _run("show", "盐边县人民政府办公室", "2021", "--db", path, "-f", "json").exit_code == 0


def test_table_output_prints_brackets_as_data_not_markup(db):
    """Rich would read "[201]" or "[ocr]" as style tags and drop them from a table cell."""
    result = _run("sql", "SELECT '[201]一般公共服务支出' AS name, 'juesuan[ocr]' AS hint",
                  "--db", db, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "[201]一般公共服务支出" in result.output and "juesuan[ocr]" in result.output


@pytest.mark.parametrize("command", [["reports"], ["show", "某部门", "2020"], ["validate"],
                                     ["export", "--format", "json"], ["search", "公务用车"],
                                     ["diff", "某部门", "2019", "2020"], ["trend", "某部门"]])
def test_a_mistyped_db_on_a_read_command_creates_nothing(tmp_path, command):
    """Only ingest creates a database: a read command names the path it looked for, exit 1."""
    missing = tmp_path / "typo" / "juesuan.db"
    result = _run(*command, "--db", str(missing))
    assert result.exit_code == 1, result.output
    assert f"no database at {missing}" in result.output
    assert not missing.parent.exists()


def test_ingest_says_where_it_created_the_database(tmp_path):
    target = tmp_path / "new" / "j.db"
    result = _run("ingest", str(FIXTURES / "reports"), "--db", str(target))
    assert result.exit_code == 0, result.output
    assert f"created a new database at {target}" in result.output and target.is_file()


def test_sql_from_stdin_and_from_a_file(db, tmp_path):
    from_stdin = runner.invoke(app, ["sql", "-", "--db", db, "--format", "csv"],
                               input="SELECT count(*) AS n FROM reports\n")
    assert from_stdin.exit_code == 0, from_stdin.output
    stored = str(counts(db)["reports"])
    assert from_stdin.output.splitlines()[-1] == stored
    query = tmp_path / "q.sql"
    query.write_text("SELECT count(*) AS n FROM reports;", encoding="utf-8")
    from_file = _run("sql", "--file", str(query), "--db", db, "--format", "jsonl")
    assert from_file.exit_code == 0, from_file.output
    assert json.loads(from_file.output.splitlines()[-1]) == {"n": int(stored)}


@pytest.mark.parametrize("args", [[], [""], ["   "], ["SELECT 1", "--file", "x.sql"]])
def test_sql_without_exactly_one_statement_is_a_usage_error(db, args):
    result = _run("sql", *args, "--db", db)
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "markdown"])
def test_every_read_command_takes_tsv_jsonl_and_markdown(db, fmt):
    for command in (["sql", "SELECT department, fiscal_year FROM reports ORDER BY id"], ["reports"],
                    ["validate"], ["show", "县政府办公室", "2020", "--part", "facts"]):
        result = _run(*command, "--db", db, "--format", fmt)
        assert result.exit_code in (0, 1), (command, result.output)
    rows = _run("sql", "SELECT 'a|b' AS x, 1 AS n", "--db", db, "--format", fmt).output.splitlines()
    expected = {"tsv": ["x\tn", "a|b\t1"], "jsonl": ['{"x": "a|b", "n": 1}'],
                "markdown": ["| x | n |", "| --- | --- |", "| a\\|b | 1 |"]}[fmt]
    assert rows[-len(expected):] == expected


def test_doctor_names_each_piece_and_how_to_add_a_missing_one():
    result = _run("doctor", "--format", "json")
    assert result.exit_code == 0, result.output
    pieces = {row["piece"]: row for row in json.loads(result.output)}
    assert {"pdfplumber", "LibreOffice (soffice)", "psycopg", "a CJK font"} <= set(pieces)
    assert pieces["pdfplumber"]["status"] == "ok"  # a core dependency
    assert all(row["install"] for row in pieces.values() if row["status"] == "missing")


def test_help_shows_plain_types_not_python_annotations():
    for command in ([], ["ingest"], ["sql"], ["export"], ["trend"]):
        result = _run(*command, "--help")
        assert result.exit_code == 0
        assert "<bool>" not in result.output and "<list[" not in result.output and "<str>" not in result.output
    assert "'.[distributed]'" in _run("ingest", "--help").output  # not eaten as markup


def test_export_output_paths_give_one_line_not_a_traceback(db, tmp_path):
    made = _run("export", "--format", "json", "-o", str(tmp_path / "new" / "x.json"), "--db", db)
    assert made.exit_code == 0 and (tmp_path / "new" / "x.json").is_file()  # parents are made
    (tmp_path / "folder").mkdir()
    onto_folder = _run("export", "--format", "json", "-o", str(tmp_path / "folder"), "--db", db)
    assert onto_folder.exit_code == 2 and "is a folder" in onto_folder.output
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    onto_file = _run("export", "--format", "csv", "-o", str(tmp_path / "file.txt"), "--db", db)
    assert onto_file.exit_code == 2 and "is a file" in onto_file.output


@pytest.mark.parametrize("content", [b"", b"\x00\x01random bytes, not SQLite" * 40])
def test_a_file_that_is_no_database_is_one_line(tmp_path, content):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    result = _run("reports", "--db", str(bad))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_malformed_url_is_one_line():
    result = _run("reports", "--db", "notaurl://x")
    assert result.exit_code == 1 and "not a database URL or path" in result.output


def test_nothing_found_or_matched_exits_1_saying_so(db, tmp_path):
    (tmp_path / "empty").mkdir()
    empty = _run("ingest", str(tmp_path / "empty"), "--db", db)
    assert empty.exit_code == 1 and "no files found" in empty.output
    none = _run("reports", "--db", db, "--department", "没有这个部门")
    assert none.exit_code == 1 and "no stored report matches" in none.output


def test_an_unexpected_error_is_one_line_with_the_log(tmp_path, monkeypatch):
    from cli import errors

    monkeypatch.setattr(errors.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(errors.sys, "argv", ["juesuan", "boom"])

    def boom() -> None:
        raise RuntimeError("something nobody expected\nsecond line")

    with pytest.raises(SystemExit) as exited:
        errors.run_guarded(boom)
    assert exited.value.code == 1
    logs = list((tmp_path / "juesuan").glob("error-*.log"))
    assert len(logs) == 1 and "RuntimeError" in logs[0].read_text(encoding="utf-8")
