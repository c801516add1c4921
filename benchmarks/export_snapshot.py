"""Every export of the fixture reports, written to a folder, to compare two versions of juesuan.

    .venv/bin/python benchmarks/export_snapshot.py /tmp/before      # on the old commit
    .venv/bin/python benchmarks/export_snapshot.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo byte-identical
    .venv/bin/python benchmarks/export_snapshot.py /tmp/corpus-before ../shared/corpus   # other inputs

The reports (tests/fixtures/reports, seed, sources) are ingested with one worker into a fresh
SQLite file, so report ids follow the files' order; then the JSON export, one CSV per view
and ``show``'s JSON of each report are written (timestamps blanked). A refactoring of storage or export must leave
the two folders byte-identical.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from db.engine import open_database, session_factory
from db.export import EXPORT_VIEWS, csv_text, dumps, export_json, report_ids, report_json, view_rows
from ingest.pipeline import IngestOptions, ingest

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
FOLDERS = ("reports", "seed", "sources")


def snapshot(out: Path, sources: list[Path]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="juesuan-snapshot-") as work:
        inputs = Path(work) / "in"
        for folder in sources:  # copied to a fixed path, so the exports' file names match between runs
            shutil.copytree(folder, inputs / folder.name)
        engine = open_database(Path(work) / "j.db")
        summary = ingest([inputs], engine, IngestOptions(workers=1))
        with session_factory(engine)() as session:
            text = dumps(export_json(session)).replace(str(inputs), "IN")
            (out / "export.json").write_text(text + "\n", encoding="utf-8")
            for report_id in report_ids(session):
                shown = dumps(report_json(session, report_id)).replace(str(inputs), "IN")
                (out / f"show-{report_id}.json").write_text(shown + "\n", encoding="utf-8")
        for view in EXPORT_VIEWS:
            columns, rows = view_rows(engine, view)
            rows = [_without_clock(columns, row) for row in rows]
            (out / f"{view}.csv").write_text(csv_text(columns, rows).replace(str(inputs), "IN"), encoding="utf-8")
        engine.dispose()
    counts = ", ".join(f"{n} {status}" for status, n in sorted(summary.counts.items()))
    print(f"{out}: {counts}")


def _without_clock(columns: list[str], row: tuple) -> tuple:
    """The row with its timestamps (``ingested_at``) blanked: the one thing two runs never share."""
    return tuple("" if name.endswith("_at") else value for name, value in zip(columns, row, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the exports to")
    parser.add_argument("inputs", type=Path, nargs="*", help="folders to ingest (default: the fixture reports)")
    args = parser.parse_args()
    snapshot(args.out, args.inputs or [FIXTURES / folder for folder in FOLDERS])


if __name__ == "__main__":
    main()
