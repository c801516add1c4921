"""Reading cost against page count: must be linear (issue: quadratic PDF paragraphs).

Generates PDFs of 50 to 2,000 pages of running text (45 lines a page, paragraphs of six
lines, a page number at the foot) and times ``read_pdf`` on each, best of a few runs. It
prints seconds, seconds per page, and the ratio of the largest to the smallest file's
time — under 40x for 40x the pages is the bar (linear, with fixed costs amortised).

    .venv/bin/python benchmarks/page_scaling.py [PAGES ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fixtures.gen.raw_pdf import pages_pdf, text_page

from extractors.readers.pdf import read_pdf

SENTENCE = "Expenditure in 2024 was 1,234.56 wan yuan, up 56.78 wan yuan or 4.8 percent on 2023"


def make(pages: int, folder: Path) -> Path:
    contents = []
    for n in range(1, pages + 1):
        lines = [f"{SENTENCE} (page {n}, line {i})." for i in range(45)]
        contents.append(text_page(lines) + f"\nBT /F1 10 Tf 290 40 Td (- {n} -) Tj ET")
    path = folder / f"pages_{pages}.pdf"
    path.write_bytes(pages_pdf(contents))
    return path


def best_of(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read_pdf(path)
        times.append(time.perf_counter() - started)
    return min(times)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = []
        for pages in sizes:
            seconds = best_of(make(pages, Path(folder)), runs=3 if pages <= 200 else 1)
            results.append((pages, seconds))
            print(f"{pages:>6} pages  {seconds:8.2f} s  {1000 * seconds / pages:7.2f} ms/page", flush=True)
    (small, t_small), (large, t_large) = results[0], results[-1]
    print(f"{large}/{small} pages: {t_large / t_small:.1f}x the time for {large / small:.0f}x the pages")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 200, 800, 2000])
