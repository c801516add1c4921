"""``ingest --manifest``: the user completes or overrides a file's identity; a file whose
content lacks its year still ingests, flagged; only a file with no fiscal content fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from cli.main import app
from db.engine import open_database, session_factory
from ingest.manifest import ManifestError, load_manifest
from ingest.pipeline import IngestOptions, ingest
from models.orm import FindingRow, IdentityValue, Report

NO_YEAR = ("某某县财政局部门决算\n\n一、收入支出决算总体情况说明\n\n"
           "本年收入合计100.00万元，其中：财政拨款收入80.00万元，占80%；其他收入20.00万元，占20%。\n")
SEED_TXT = Path(__file__).parent / "fixtures" / "seed_yanbian_2020.txt"


def _manifest(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_values_normalised_blanks_left_out(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"x")
    path = _manifest(tmp_path, "path,department,fiscal_year,kind,scope\n"
                               "a.pdf,某某局,2021,决算,\n"
                               "sub/b.pdf,,,budget,单位\n")
    manifest = load_manifest(path)
    assert manifest.given(tmp_path / "a.pdf") == {"department": "某某局", "fiscal_year": 2021, "kind": "final"}
    assert manifest.given(tmp_path / "sub" / "b.pdf") == {"kind": "budget", "scope": "unit"}
    assert manifest.given(tmp_path / "c.pdf") is None and len(manifest) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [("file,department\na.pdf,X局\n", "'path'"),
     ("path,year\na.pdf,2020\n", "unknown column(s) year"),
     ("path,fiscal_year\na.pdf,20x1\n", "line 2: fiscal_year '20x1' is not a year"),
     ("path,kind\na.pdf,年报\n", "line 2: kind '年报' is not one of")],
)
def test_a_bad_manifest_says_where(tmp_path, text, message):
    with pytest.raises(ManifestError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_manifest(_manifest(tmp_path, text))


def test_cli_refuses_a_bad_manifest_with_exit_2(tmp_path):
    bad = _manifest(tmp_path, "path,year\na.pdf,2020\n")
    result = CliRunner().invoke(app, ["ingest", str(SEED_TXT), "--db", str(tmp_path / "j.db"), "--manifest", str(bad)])
    assert result.exit_code == 2 and "unknown column" in result.output


def _ingest(paths: list[Path], db: Path, manifest: Path | None = None) -> list:
    engine = open_database(db)
    options = IngestOptions(workers=1, manifest=load_manifest(manifest) if manifest else None)
    summary = ingest(paths, engine, options)
    engine.dispose()
    return summary.outcomes


def _reports(db: Path) -> list[tuple]:
    engine = open_database(db)
    with session_factory(engine)() as session:
        reports = [(r.department, r.region, r.fiscal_year, r.kind, r.scope) for r in session.scalars(select(Report))]
        findings = session.scalars(select(FindingRow.message).where(FindingRow.rule == "identity_incomplete")).all()
        found_in = dict(session.execute(select(IdentityValue.field, IdentityValue.found_in)).all())
    engine.dispose()
    return reports, findings, found_in


def test_missing_year_ingests_flagged_then_a_manifest_completes_it(tmp_path):
    path = tmp_path / "财政局说明.txt"
    path.write_text(NO_YEAR, encoding="utf-8")
    db = tmp_path / "j.db"
    (first,) = _ingest([path], db)
    assert first.status == "ingested"
    reports, findings, _ = _reports(db)
    assert reports == [("某某县财政局", "某某县", None, "final", "department")]
    assert findings == ["identity incomplete: fiscal_year not stated (give it with --manifest)"]

    manifest = _manifest(tmp_path, f"path,department,fiscal_year,kind,scope\n{path.name},,2021,,\n")
    (second,) = _ingest([path], db, manifest)  # unchanged, but listed: read again
    assert second.status == "ingested"
    reports, findings, found_in = _reports(db)
    assert reports == [("某某县财政局", "某某县", 2021, "final", "department")]  # one report, completed
    assert findings == [] and found_in["fiscal_year"] == "manifest" and found_in["department"] == "title"


def test_manifest_overrides_what_the_content_says(tmp_path):
    db = tmp_path / "j.db"
    manifest = _manifest(tmp_path, f"path,department,fiscal_year,kind,scope\n{SEED_TXT},攀枝花市盐边县人民政府办公室,,,\n")
    (outcome,) = _ingest([SEED_TXT], db, manifest)
    assert outcome.status == "ingested"
    reports, findings, found_in = _reports(db)
    assert reports == [("攀枝花市盐边县人民政府办公室", "攀枝花市盐边县", 2020, "final", "department")]
    assert found_in["department"] == found_in["region"] == "manifest" and found_in["fiscal_year"] != "manifest"


def test_no_fiscal_content_fails_saying_what_was_looked_for(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n\n今天讨论了办公室搬迁事宜。\n", encoding="utf-8")
    (outcome,) = _ingest([path], tmp_path / "j.db")
    assert outcome.status == "failed"
    assert "looked for a department and a fiscal year" in outcome.reason and "file name" in outcome.reason


def test_bare_names_match_anywhere_and_unmatched_rows_are_named(tmp_path):
    manifest = load_manifest(_manifest(tmp_path, "path,fiscal_year\nreport.pdf,2021\nmissing/x.pdf,2020\n"))
    elsewhere = tmp_path / "downloads" / "report.pdf"
    assert manifest.given(elsewhere) == {"fiscal_year": 2021}
    assert manifest.unmatched([elsewhere]) == ["missing/x.pdf"]


def test_cli_names_manifest_rows_that_match_no_file(tmp_path):
    manifest = _manifest(tmp_path, f"path,department\n{SEED_TXT},某某局\nnowhere/x.pdf,某某局\n")
    result = CliRunner().invoke(app, ["ingest", str(SEED_TXT), "--db", str(tmp_path / "j.db"), "--manifest", str(manifest)])
    assert result.exit_code == 0, result.output
    assert "manifest: 1 row(s) name no file of this run: nowhere/x.pdf" in result.output
