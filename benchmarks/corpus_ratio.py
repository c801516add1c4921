"""CPU per page on the real corpus: juesuan's read + extract against plain pdfplumber.

    .venv/bin/python benchmarks/corpus_ratio.py [CORPUS]     # default ../shared/corpus

For every text-layer PDF of the corpus, in this one process: the plain pass
(``plain.py``: extract_text + extract_tables on every page) and juesuan's whole
extraction (``read_document`` + ``extract_report``, i.e. what a worker does, without the
database), each timed by process CPU time. Prints per file and in all: pages, CPU
seconds of each, and the ratio juesuan / plain (the issue's bar: at most 0.2).
"""

from __future__ import annotations

import sys
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


def main(corpus: Path) -> None:
    total_pages, total_plain, total_ours = 0, 0.0, 0.0
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
        print(f"{path.name[:48]:<48} {pages:>5} {plain:>8.2f} {ours:>9.2f} {ours / plain:>6.2f}", flush=True)
    print(f"{'all':<48} {total_pages:>5} {total_plain:>8.2f} {total_ours:>9.2f} "
          f"{total_ours / total_plain:>6.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
