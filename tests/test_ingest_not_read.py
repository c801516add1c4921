"""A folder ingest names every file it did not read, with the reason, in the summary, the
stored outcomes and ``juesuan outcomes``; the rest of the batch is stored."""

from __future__ import annotations

import json
import zipfile

from ingest_helpers import copy_files
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database
from ingest.pipeline import IngestOptions, ingest

ERROR_PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>404 页面不存在</title></head>"
              "<body><div class='nav'><a href='/'>返回首页</a></div></body></html>")


def _mixed_folder(tmp_path):
    folder = copy_files(tmp_path / "downloads", "seed/yanbian_2020.docx")
    (folder / "zz_copy").mkdir()
    (folder / "zz_copy" / "again.docx").write_bytes((folder / "yanbian_2020.docx").read_bytes())
    with zipfile.ZipFile(folder / "bundle.zip", "w") as archive:
        archive.writestr("a.txt", "hello")
    (folder / "data.xyz").write_bytes(bytes(range(256)) * 8)
    (folder / "report.pdf").write_text(ERROR_PAGE, encoding="utf-8")
    (folder / "notes.docx").write_text("下载说明：请在工作日联系。\n", encoding="utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "README.txt").write_text("下载清单\n", encoding="utf-8")
    return folder


def test_every_file_of_a_mixed_folder_gets_a_clear_outcome(tmp_path):
    folder = _mixed_folder(tmp_path)
    engine = open_database(str(tmp_path / "j.db"))
    summary = ingest([folder], engine, IngestOptions(workers=2))
    engine.dispose()
    by_name = {o.path.rsplit("/", 1)[-1]: o for o in summary.outcomes}
    assert len(by_name) == 8  # every file found, none passed over in silence
    assert by_name["yanbian_2020.docx"].status == "ingested"
    assert (by_name["again.docx"].status, by_name["again.docx"].reason) == (
        "skipped", f"same content as {folder / 'yanbian_2020.docx'}")
    assert (by_name["bundle.zip"].status, by_name["bundle.zip"].reason) == (
        "skipped", "not read: zip archive, not a report file: unpack it first (juesuan reads "
                   "PDF, Word .docx/.doc, Excel .xlsx/.xls, HTML, plain text)")
    assert by_name["data.xyz"].status == "skipped"
    assert by_name["data.xyz"].reason.startswith("not read: unrecognised file content")
    assert by_name["README.txt"].status == "skipped"
    assert by_name["README.txt"].reason.startswith("not read: plain text file in a folder")
    assert (by_name["report.pdf"].status, by_name["report.pdf"].reason) == (
        "failed", "HTML page saved as .pdf: HTML error page ('404 页面不存在'), not a report")
    assert by_name["notes.docx"].status == "failed"
    assert by_name["notes.docx"].reason.startswith("plain text saved as .docx: ")
    assert (by_name["empty.pdf"].status, by_name["empty.pdf"].reason) == ("failed", "empty file (0 bytes)")
    assert {o.path.rsplit("/", 1)[-1] for o in summary.not_read} == {
        "again.docx", "bundle.zip", "data.xyz", "README.txt"}
    assert summary.exit_code == 1  # three files meant as reports failed


def test_cli_summary_and_outcomes_command_name_them(tmp_path):
    folder = _mixed_folder(tmp_path)
    db = str(tmp_path / "j.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "2"],
                           env={"COLUMNS": "400"})  # no folded paths in the tables
    assert result.exit_code == 1
    for words in ("not read", "bundle.zip", "unpack it first", "failed files",
                  "HTML page saved as .pdf", "empty file (0 bytes)", "same content as"):
        assert words in result.output, words
    listed = runner.invoke(app, ["outcomes", "--db", db, "--status", "not-read", "--format", "json"])
    assert listed.exit_code == 0
    names = sorted(row["path"].rsplit("/", 1)[-1] for row in json.loads(listed.stdout))
    assert names == ["README.txt", "again.docx", "bundle.zip", "data.xyz"]
    failed = runner.invoke(app, ["outcomes", "--db", db, "--failed", "--format", "json"])
    assert sorted(r["path"].rsplit("/", 1)[-1] for r in json.loads(failed.stdout)) == [
        "empty.pdf", "notes.docx", "report.pdf"]
    again = runner.invoke(app, ["ingest", str(folder), "--db", db, "--workers", "2"])
    listed = runner.invoke(app, ["outcomes", "--db", db, "--format", "json"])
    rows = json.loads(listed.stdout)
    assert again.exit_code == 1 and len(rows) == 8  # latest outcome per file
    assert {r["status"] for r in rows if r["path"].endswith("yanbian_2020.docx")} == {"skipped"}


def test_bad_status_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["outcomes", "--db", str(tmp_path / "j.db"), "--status", "gone"])
    assert result.exit_code == 2
