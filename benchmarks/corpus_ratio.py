"""CPU per page on the real corpus: juesuan's read + extract against plain pdfplumber.

    .venv/bin/python benchmarks/corpus_ratio.py [CORPUS]           # default ../shared/corpus
    .venv/bin/python benchmarks/corpus_ratio.py --ingest [CORPUS]  # + the whole `juesuan ingest`

For every text-layer PDF of the corpus, in this one process: the plain pass
(``plain.py``: extract_text + extract_tables on every page) and juesuan's whole
extraction (``read_document`` + ``extract_report``, i.e. what a worker does, without the
database), each timed by process CPU time. Prints per file and in all: pages, CPU
seconds of each, and the ratio juesuan / plain (the issue's bar: at most 0.2).

``--ingest`` also runs ``juesuan ingest --workers 1`` over the same files (links in a
temporary folder) into a fresh SQLite file and counts the CPU time of its whole process
tree (``measure.run_measured``: the CLI, imports, fork server, every per-file worker, the
writer), against the same plain pass. CPU time, not wall time: on a machine shared with
other work the wall clock measures the neighbours.
"""

from __future__ import annotations

import time
from pathlib import Path

from plain import plain_pass  # run as a script: this folder is on sys.path

from extractors.errors import ReadError
from extractors.readers import read_document
from extractors.report import extract_report

ROOT = Path(__file__).resolve().parents[1]


def cpu(fn) -> tuple[float, object]:  # fn: any callable
    started = time.process_time()
    result = fn()
    return time.process_time() - started, result


def _is_scan(path: Path) -> bool:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return not any(page.chars for page in pdf.pages)


def main(corpus: Path, ingest: bool = False) -> None:
    total_pages, total_plain, total_ours = 0, 0.0, 0.0
    measured: list[Path] = []
    print(f"{'file':<48} {'pages':>5} {'plain s':>8} {'juesuan s':>9} {'ratio':>6}")
    for path in sorted(corpus.glob("*.pdf")):
        if _is_scan(path):  # OCR is another cost (bench.py --sections ocr)
            print(f"{path.name[:48]:<48} skipped: no text layer (a scan)")
            continue
        try:
            ours, _ = cpu(lambda p=path: extract_report(read_document(p), filename=p.name))
        except ReadError as err:
            print(f"{path.name[:48]:<48} skipped: {err.reason[:40]}")
            continue
        plain, pages = cpu(lambda p=path: plain_pass(p))
        total_pages += pages
        total_plain += plain
        total_ours += ours
        measured.append(path)
        print(f"{path.name[:48]:<48} {pages:>5} {plain:>8.2f} {ours:>9.2f} {ours / plain:>6.2f}", flush=True)
    print(f"{'all':<48} {total_pages:>5} {total_plain:>8.2f} {total_ours:>9.2f} "
          f"{total_ours / total_plain:>6.2f}")
    if ingest:
        tree = _ingest_tree_cpu(measured)
        print(f"{'juesuan ingest --workers 1, whole process tree':<48} {total_pages:>5} {total_plain:>8.2f} "
              f"{tree:>9.2f} {tree / total_plain:>6.2f}")


def _ingest_tree_cpu(pdfs: list[Path]) -> float:
    """CPU seconds of one ``juesuan ingest --workers 1`` over ``pdfs``, whole process tree."""
    import tempfile

    from bench import juesuan_command
    from measure import run_measured

    from db.engine import open_database
    from db.queries import list_reports

    with tempfile.TemporaryDirectory(prefix="juesuan-ratio-") as work:
        folder = Path(work) / "in"
        folder.mkdir()
        for pdf in pdfs:
            (folder / pdf.name).symlink_to(pdf.resolve())
        # The links point outside the folder: ingest refuses such links unless told to
        # follow them (it did, and this row measured a run that read nothing).
        database = Path(work) / "j.db"
        result = run_measured([*juesuan_command(), "ingest", str(folder), "--db", str(database),
                               "--workers", "1", "--quiet", "--follow-symlinks"])
        if result.returncode not in (0, 1):
            raise SystemExit(f"juesuan ingest failed: {result.stderr[-500:]}")
        engine = open_database(database, create=False)
        stored = len(list_reports(engine)[1])
        engine.dispose()
        if stored == 0:
            raise SystemExit("juesuan ingest stored no report: the measured run read nothing")
        return result.cpu_s


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="folder of the corpus PDFs (default ../shared/corpus)")
    parser.add_argument("--ingest", action="store_true",
                        help="also time one `juesuan ingest --workers 1`, whole process tree")
    options = parser.parse_args()
    main(options.corpus, options.ingest)
