"""A report published as two files (the explanation in one, the 附表 in another, as many
Jiangsu departments do) is stored as one report with both files as sources, and holds
what the single-file edition holds."""

from __future__ import annotations

from pathlib import Path

import docx
from ingest_helpers import FIXTURES, exported

from db.engine import open_database
from ingest.pipeline import IngestOptions, ingest

FULL = FIXTURES / "sources" / "yanbian_2020_full.docx"
NAME = "盐边县人民政府办公室2020年度部门决算"


def _split(target: Path) -> tuple[Path, Path]:
    """Cut the full report at 第五部分附表: body before it, tables from it on."""
    narrative, tables = target / f"{NAME}（说明）.docx", target / f"{NAME}（附表）.docx"
    for out, keep_tables in ((narrative, False), (tables, True)):
        document = docx.Document(FULL)
        body = document.element.body
        blocks = [el for el in body.iterchildren() if not el.tag.endswith("}sectPr")]
        cut = next(i for i, el in enumerate(blocks) if "第五部分" in "".join(el.itertext()))
        for el in (blocks[:cut] if keep_tables else blocks[cut:]):
            body.remove(el)
        document.save(out)
    return narrative, tables


def _ingest(paths: list[Path], db: Path) -> list:
    engine = open_database(db)
    summary = ingest(paths, engine, IngestOptions(workers=2))
    engine.dispose()
    return summary.outcomes


def _content(report: dict) -> dict:
    """What a report states, without where (file, block) it was read."""
    drop = {"file", "block", "line", "page", "row", "col"}
    return {part: sorted(repr({k: v for k, v in item.items() if k not in drop})
                         for item in report[part])
            for part in ("facts", "line_items", "projects")}


def test_two_files_make_one_report(tmp_path):
    (tmp_path / "split").mkdir()
    narrative, tables = _split(tmp_path / "split")
    outcomes = _ingest([tmp_path / "split"], tmp_path / "split.db")
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    assert "joined report" in outcomes[1].reason

    reports = exported(str(tmp_path / "split.db"))["reports"]
    assert len(reports) == 1
    report = reports[0]
    assert [Path(s["path"]).name for s in report["sources"]] == [narrative.name, tables.name]
    assert (report["kind"], report["scope"]) == ("final", "department")
    assert {f["file"] for f in report["line_items"]} == {str(narrative), str(tables)}

    _ingest([FULL], tmp_path / "full.db")
    whole = exported(str(tmp_path / "full.db"))["reports"][0]
    assert _content(report) == _content(whole)
