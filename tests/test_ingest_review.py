"""Storage corner cases found in review: re-runs of a multi-file report, a file that leaves
its report, and what stays behind."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import exported
from test_ingest_multifile import _split

from db.engine import open_database
from ingest.pipeline import IngestOptions, ingest


def _run(paths: list[Path], db: Path, force: bool = False) -> list:
    engine = open_database(db)
    summary = ingest(paths, engine, IngestOptions(workers=2, force=force))
    engine.dispose()
    return summary.outcomes


def test_force_on_a_two_file_report_changes_nothing(tmp_path):
    """--force re-reads both files; the report must come out as it was: same id, sources in
    the same order, warnings, tables and findings not doubled."""
    (tmp_path / "split").mkdir()
    narrative, tables = _split(tmp_path / "split")
    db = tmp_path / "split.db"
    _run([tmp_path / "split"], db)
    before = exported(str(db))["reports"]
    outcomes = _run([tmp_path / "split"], db, force=True)
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    after = exported(str(db))["reports"]
    assert len(after) == 1
    assert [Path(s["path"]).name for s in after[0]["sources"]] == [narrative.name, tables.name]
    for part in ("id", "warnings", "tables_found", "findings", "facts", "line_items"):
        if part in before[0]:
            assert after[0][part] == before[0][part], part


def _move_to_2019(path: Path) -> None:
    """Rewrite every 2020 in the document as 2019: the file now names another report."""
    import docx

    document = docx.Document(path)
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("2020", "2019")
    document.save(path)


def test_a_report_a_file_leaves_is_checked_again(tmp_path):
    """The narrative of a two-file report changes into another year's report: what stays
    (the tables) carries the findings the tables alone give, not those of the pair."""
    (tmp_path / "split").mkdir()
    narrative, tables = _split(tmp_path / "split")
    db = tmp_path / "split.db"
    _run([tmp_path / "split"], db)
    _move_to_2019(narrative)
    _run([tmp_path / "split"], db)
    reports = {r["fiscal_year"]: r for r in exported(str(db))["reports"]}
    assert set(reports) == {2019, 2020}
    assert [Path(s["path"]).name for s in reports[2020]["sources"]] == [tables.name]

    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / tables.name).write_bytes(tables.read_bytes())
    _run([tmp_path / "alone"], tmp_path / "alone.db")
    alone = exported(str(tmp_path / "alone.db"))["reports"][0]
    assert reports[2020]["findings"] == alone["findings"]
    assert reports[2020]["warnings"] == alone["warnings"]


class _ChangeOnFirstSkip:
    """Progress sink that rewrites ``target`` when the first outcome arrives: that is the
    duplicate file skipped while planning, after every file was hashed and before any
    worker reads — a file changing on disk between the two."""

    def __init__(self, target: Path, new_bytes: bytes) -> None:
        self.target, self.new_bytes, self.done = target, new_bytes, False

    def start(self, total: int) -> None:
        pass

    def advance(self, outcome) -> None:
        if not self.done:
            self.target.write_bytes(self.new_bytes)
            self.done = True


def test_a_file_changed_between_hashing_and_reading_is_not_stored_under_the_old_hash(tmp_path):
    """The stored SHA-256 must be that of the content the figures came from; otherwise the
    next run skips the file as unchanged and the database keeps a mismatch for ever."""
    import hashlib

    from ingest_helpers import FIXTURES

    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / "b.docx"
    target.write_bytes((FIXTURES / "sources" / "yanbian_2019.docx").read_bytes())
    (folder / "c.docx").write_bytes(target.read_bytes())  # same bytes: skipped while planning
    db = tmp_path / "j.db"
    engine = open_database(db)
    sink = _ChangeOnFirstSkip(target, (FIXTURES / "sources" / "yanbian_2020_full.docx").read_bytes())
    outcomes = ingest([folder], engine, IngestOptions(workers=1), sink).outcomes
    engine.dispose()
    assert sink.done
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name["b.docx"].status == "failed" and "changed" in by_name["b.docx"].reason
    assert exported(str(db))["reports"] == []
    again = _run([folder], db)  # the next run reads the new content
    assert {Path(o.path).name: o.status for o in again}["b.docx"] == "ingested"
    stored = exported(str(db))["reports"]
    sha = hashlib.sha256(target.read_bytes()).hexdigest()
    assert [r["sha256"] for r in stored if r["fiscal_year"] == 2020] == [sha]


def test_a_file_overwritten_with_a_copy_of_another_takes_its_old_report_with_it(tmp_path):
    """a.docx held the 2019 report; it is overwritten with the bytes of b.docx (2020), which
    is stored already. The re-run skips a.docx (its content is known) but must not keep
    the 2019 figures it no longer holds."""
    from ingest_helpers import FIXTURES

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes((FIXTURES / "sources" / "yanbian_2019.docx").read_bytes())
    (folder / "b.docx").write_bytes((FIXTURES / "sources" / "yanbian_2020_full.docx").read_bytes())
    db = tmp_path / "j.db"
    _run([folder], db)
    assert sorted(r["fiscal_year"] for r in exported(str(db))["reports"]) == [2019, 2020]
    (folder / "a.docx").write_bytes((folder / "b.docx").read_bytes())
    outcomes = _run([folder], db)
    assert [o.status for o in outcomes] == ["skipped", "skipped"]
    reports = exported(str(db))["reports"]
    assert [r["fiscal_year"] for r in reports] == [2020]
    assert [Path(s["path"]).name for s in reports[0]["sources"]] == ["b.docx"]
