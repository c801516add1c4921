"""The one benchmark command: juesuan ingest against a plain pdfplumber pass, in one run.

    .venv/bin/python benchmarks/bench.py            # default run, ~15 min on 2 cores
    .venv/bin/python benchmarks/bench.py --reports 200 --scale 100 1000 --stored 10000

Sections (all in one run, the ratios from the same run so the machine's state is shared):

* ``ratio``: ``--reports`` synthetic PDFs (``benchmarks/corpus.py``); the plain pass
  (``benchmarks/plain.py``: extract_text + extract_tables on every page), then
  ``juesuan ingest`` with 1 and with 2 workers into fresh SQLite databases. CPU seconds
  per page, pages/s, documents/s, peak memory of the process tree.
* ``scale``: peak memory of ``juesuan ingest --workers 2`` over the first N of a .docx
  corpus for each N in ``--scale`` (default 100 and 1,000). .docx because 1,000 PDFs from
  LibreOffice would take most of an hour to make; memory growth with corpus size is a
  property of the pipeline (what the writer and the workers keep), not of the format.
* ``ocr``: seconds per page of OCR (extra ``juesuan[ocr]``) on the corpus's scanned PDFs
  (or the fixture scan), printed and added to the notes.
* ``stored``: the same first-100 .docx batch into a database that already holds
  ``--stored`` reports (synthetic, inserted through ``db.store.store_report``), against
  the empty-database run of ``scale``: per-document time.

The table goes into ``docs/performance.md`` between its ``bench:start``/``bench:end``
markers (``--out``); the prose around it is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus import generate  # run as a script: this folder is on sys.path
from measure import Measured, run_measured

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

DEFAULT_WORKDIR = Path(os.environ.get("JUESUAN_BENCH_DIR", "/tmp/juesuan-bench"))
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Row:
    """One measured configuration, as it appears in the table."""

    label: str
    docs: int
    pages: int | None
    run: Measured
    ingested: int | None = None
    failed: int | None = None
    steady_docs_per_s: float | None = None  # from the outcome timestamps, start-up excluded

    @property
    def cpu_per_page(self) -> float | None:
        return self.run.cpu_s / self.pages if self.pages else None

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.run.wall_s if self.pages else None

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.run.wall_s

    @property
    def s_per_doc(self) -> float:
        return self.run.wall_s / self.docs


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    targets: list[tuple[str, str, float | None, str, bool | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def row(self, label: str) -> Row | None:
        return next((r for r in self.rows if r.label == label), None)


# -- helpers ---------------------------------------------------------------------------
def juesuan_command() -> list[str]:
    """The installed console script next to this interpreter (else ``python -m``)."""
    script = Path(sys.executable).with_name("juesuan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


def page_count(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def _last_run(db: Path) -> list[tuple[str, object]] | None:
    """(status, at) of the last run's outcomes, None when the database is unreadable."""
    from db.engine import make_engine, resolve_url
    from db.queries import last_run_outcomes

    engine = make_engine(resolve_url(db), read_only=True)
    try:
        return last_run_outcomes(engine)
    finally:
        engine.dispose()


def steady_rate(db: Path) -> float | None:
    """Documents per second between the first and the last stored outcome.

    Excludes the run's fixed start-up (interpreter, imports, schema check, fork server),
    which a 100,000-report run pays once: the throughput a big corpus sees.
    """
    try:
        stamps = sorted(dt.datetime.fromisoformat(str(at)) for status, at in _last_run(db) or []
                        if status != "skipped")
    except ValueError:
        return None
    if len(stamps) < 3:
        return None
    span = (stamps[-1] - stamps[0]).total_seconds()
    return (len(stamps) - 1) / span if span > 0 else None


def outcome_counts(db: Path) -> tuple[int | None, int | None]:
    """(ingested, failed) of the last run in the outcome table, None when unreadable."""
    outcomes = _last_run(db)
    if outcomes is None:
        return None, None
    statuses = [status for status, _ in outcomes]
    return statuses.count("ingested"), statuses.count("failed")


def ingest_run(label: str, folder: Path, db: Path, workers: int, docs: int,
               pages: int | None) -> Row:
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    cmd = juesuan_command() + ["ingest", str(folder), "--db", str(db), "--workers", str(workers), "-q"]
    run = run_measured(cmd, cwd=db.parent)
    ingested, failed = outcome_counts(db)
    log(f"{label}: {run.wall_s:.1f} s wall, {run.cpu_s:.1f} s CPU, peak {run.peak_mb:.0f} MB, "
        f"ingested {ingested}, failed {failed}")
    if run.returncode not in (0, 1):
        log(f"  exit {run.returncode}: {run.stderr[-500:]}")
    return Row(label, docs, pages, run, ingested, failed, steady_rate(db))


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def first_n(source: Path, n: int, target: Path) -> Path:
    """A folder with hard links to the first ``n`` files of ``source`` (sorted)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in sorted(source.iterdir())[:n]:
        os.link(path, target / path.name)
    return target


# -- sections --------------------------------------------------------------------------
def section_ratio(args, work: Path, results: Results) -> None:
    log(f"corpus: {args.reports} PDF reports")
    corpus = work / f"pdf-{args.reports}-s{args.seed}"
    generate(corpus, args.reports, pdf_share=1.0, seed=args.seed)
    pdf_dir = corpus / "pdf"
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    pages = sum(page_count(p) for p in pdfs)
    log(f"{len(pdfs)} PDFs, {pages} pages")
    run = run_measured([sys.executable, str(HERE / "plain.py"), str(pdf_dir)])
    log(f"plain pdfplumber: {run.wall_s:.1f} s wall, {run.cpu_s:.1f} s CPU")
    plain = Row("plain pdfplumber (text + tables)", len(pdfs), pages, run)
    one = ingest_run("juesuan ingest, 1 worker", pdf_dir, work / "ratio-w1.db", 1, len(pdfs), pages)
    two = ingest_run("juesuan ingest, 2 workers", pdf_dir, work / "ratio-w2.db", 2, len(pdfs), pages)
    results.rows += [plain, one, two]
    cpu_ratio = one.cpu_per_page / plain.cpu_per_page
    speedup = two.pages_per_s / one.pages_per_s
    results.targets.append(("ingest CPU per page ÷ plain pdfplumber CPU per page", "≤ 0.5",
                            cpu_ratio, f"{one.cpu_per_page:.3f} s ÷ {plain.cpu_per_page:.3f} s",
                            cpu_ratio <= 0.5))
    results.targets.append(("throughput with 2 workers ÷ 1 worker (whole run, start-up included)",
                            "≥ 1.8", speedup,
                            f"{two.pages_per_s:.1f} ÷ {one.pages_per_s:.1f} pages/s",
                            speedup >= 1.8))
    if one.steady_docs_per_s and two.steady_docs_per_s:
        steady = two.steady_docs_per_s / one.steady_docs_per_s
        results.targets.append(("throughput with 2 workers ÷ 1 worker (steady state)", "≥ 1.8",
                                steady, f"{two.steady_docs_per_s:.2f} ÷ "
                                f"{one.steady_docs_per_s:.2f} docs/s between first and last outcome",
                                steady >= 1.8))


def section_scale(args, work: Path, results: Results) -> None:
    biggest = max(args.scale)
    log(f"corpus: {biggest} .docx reports")
    corpus = work / f"docx-{biggest}-s{args.seed + 1}"
    generate(corpus, biggest, pdf_share=0.0, seed=args.seed + 1)
    runs = {}
    for n in sorted(args.scale):
        folder = first_n(corpus / "docx", n, work / f"docx-first-{n}")
        runs[n] = ingest_run(f"juesuan ingest, 2 workers, {n} .docx", folder,
                             work / f"scale-{n}.db", 2, n, None)
        results.rows.append(runs[n])
    small, large = min(runs), max(runs)
    if small != large:
        ratio = runs[large].run.peak_mb / runs[small].run.peak_mb
        results.targets.append((f"peak memory, {large} documents ÷ {small}", "≤ 1.2", ratio,
                                f"{runs[large].run.peak_mb:.0f} ÷ {runs[small].run.peak_mb:.0f} MB",
                                ratio <= 1.2))


def section_stored(args, work: Path, results: Results) -> None:
    baseline = results.row(f"juesuan ingest, 2 workers, {min(args.scale)} .docx")
    folder = work / f"docx-first-{min(args.scale)}"
    if baseline is None or not folder.exists():
        results.notes.append("stored: needs the scale section's first batch; not measured")
        return
    prefilled = prefill(work, args.stored, sorted(folder.glob("*.docx"))[0])
    db = work / "stored.db"
    for stale in work.glob("stored.db*"):
        stale.unlink()
    shutil.copy(prefilled, db)
    cmd = juesuan_command() + ["ingest", str(folder), "--db", str(db), "--workers", "2", "-q"]
    run = run_measured(cmd, cwd=work)
    row = Row(f"juesuan ingest, 2 workers, {baseline.docs} .docx, {args.stored:,} reports stored",
              baseline.docs, None, run, *outcome_counts(db), steady_rate(db))
    log(f"{row.label}: {run.wall_s:.1f} s")
    results.rows.append(row)
    ratio = row.s_per_doc / baseline.s_per_doc
    results.targets.append((f"time per document with {args.stored:,} reports stored ÷ empty database",
                            "≤ 1.2", ratio, f"{row.s_per_doc:.3f} ÷ {baseline.s_per_doc:.3f} s",
                            ratio <= 1.2))


def prefill(work: Path, count: int, template: Path) -> Path:
    """A database holding ``count`` synthetic reports, made once and kept per schema revision
    (what is stored matters for the timing, not which extractor version made it)."""
    from db.migrate import head_revision

    target = work / f"prefilled-{count}-schema{head_revision()}.db"
    if target.exists():
        return target
    log(f"prefilling {count:,} synthetic reports through db.store")
    started = time.monotonic()
    partial = target.with_suffix(".partial")
    for stale in work.glob(partial.name + "*"):
        stale.unlink()
    fill_database(partial, count, template)
    partial.rename(target)
    log(f"prefilled in {time.monotonic() - started:.0f} s")
    return target


def fill_database(db: Path, count: int, template: Path, batch: int = 250) -> None:
    """Store ``count`` copies of one real record, each under its own department and file."""
    import dataclasses
    import hashlib

    from db.engine import open_database, session_factory
    from db.sqlite_file import checkpoint
    from db.store import FileInfo, store_report
    from extractors.readers import read_document
    from extractors.report import EXTRACTOR_VERSION, extract_report
    from models.orm import IngestOutcome
    from models.records import Evidence

    now = dt.datetime.now(dt.UTC)
    record = extract_report(read_document(template), filename=template.name)
    engine = open_database(db)
    sessions = session_factory(engine)
    for start in range(0, count, batch):
        with sessions.begin() as session:
            for i in range(start, min(start + batch, count)):
                identity = dataclasses.replace(
                    record.identity, department=Evidence(f"合成测试单位{i:06d}", "text"))
                copy = dataclasses.replace(record, identity=identity)
                sha = hashlib.sha256(f"synthetic {i}".encode()).hexdigest()
                path = f"synthetic/{i:06d}.docx"
                stored = store_report(session, copy, FileInfo(path, sha, "docx"),
                                      extractor_version=EXTRACTOR_VERSION)
                session.add(IngestOutcome(run_id="bench-prefill", path=path, sha256=sha,
                                          status="ingested", report_id=stored.report_id,
                                          extractor_version=EXTRACTOR_VERSION, at=now))
    engine.dispose()
    checkpoint(db)  # everything into the main file: it is copied alone


# -- the report ------------------------------------------------------------------------
def commit_id() -> str:
    """The code measured: commit, with "+changes" when the working tree differs from it."""
    import subprocess

    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"commit {head}{' +changes' if dirty else ''}"


def render(results: Results, args, started: float) -> str:
    lines = [START, "",
             f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC ({commit_id()}) by "
             f"`{' '.join(['benchmarks/bench.py', *args.argv])}` in {time.monotonic() - started:.0f} s "
             f"on {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
             f"Python {platform.python_version()}, SQLite.", "",
             "| run | docs | pages | wall s | CPU s | CPU s/page | pages/s | docs/s | docs/s steady "
             "| peak MB (tree) | peak MB (1 process) | ingested / failed |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results.rows:
        lines.append(
            f"| {r.label} | {r.docs} | {r.pages or '—'} | {r.run.wall_s:.1f} | {r.run.cpu_s:.1f} | "
            f"{_f(r.cpu_per_page, 4)} | {_f(r.pages_per_s, 1)} | {r.docs_per_s:.2f} | "
            f"{_f(r.steady_docs_per_s, 2)} | "
            f"{r.run.peak_mb:.0f} | {r.run.peak_single_mb:.0f} | "
            f"{'—' if r.ingested is None else f'{r.ingested} / {r.failed}'} |")
    lines += ["", "| target | wanted | measured | from | met |", "|---|---|---:|---|---|"]
    for name, wanted, value, basis, met in results.targets:
        lines.append(f"| {name} | {wanted} | {_f(value, 2)} | {basis} | "
                     f"{'yes' if met else 'no' if met is not None else '—'} |")
    lines += [""] + [f"* {note}" for note in results.notes] + ["", END]
    return "\n".join(lines)


def _f(value: float | None, places: int) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def write_report(out: Path, table: str) -> None:
    """Replace the text between the markers (or append it) so the prose around stays."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Performance\n\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + table + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + table + "\n"
    out.write_text(text, encoding="utf-8")


def section_ocr(args, work: Path, results: Results) -> None:
    """OCR seconds per page on the scans at hand (corpus scans, else the fixture scan),
    read in this process with the ``ocr`` extra; a note, not a table row."""
    from extractors.readers import ocr
    from extractors.readers.pdf import read_pdf

    if not ocr.available():
        results.notes.append(f"ocr: not measured, the extra is not installed ({ocr.INSTALL_HINT})")
        return
    scans = [p for p in sorted(_corpus_dir().glob("*.pdf")) if _is_scan(p)] if _corpus_dir().is_dir() else []
    scans = scans or [ROOT / "tests" / "fixtures" / "bad" / "scanned.pdf"]
    pages, started = 0, time.monotonic()
    for scan in scans:
        log(f"ocr: {scan.name}")
        document = read_pdf(scan)
        pages += sum(1 for issue in document.issues if issue.problem == "read_by_ocr")
    seconds = time.monotonic() - started
    per_page = seconds / pages if pages else None
    results.notes.append(f"ocr: {pages} scanned pages in {len(scans)} files, {seconds:.1f} s: "
                         f"{_f(per_page, 2)} s per page ({ocr.ENGINE_NAME}, {ocr.dpi()} dpi, one process)")
    print(f"OCR seconds per page: {_f(per_page, 2)}", flush=True)


def _corpus_dir() -> Path:
    env = os.environ.get("JUESUAN_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def _is_scan(pdf: Path) -> bool:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return bool(doc.pages) and all(not page.chars for page in doc.pages[:3])


SECTIONS = {"ratio": section_ratio, "scale": section_scale, "stored": section_stored,
            "ocr": section_ocr}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=40, help="PDF reports for the ratios")
    parser.add_argument("--scale", type=int, nargs="+", default=[100, 1000],
                        help=".docx corpus sizes for the memory test")
    parser.add_argument("--stored", type=int, default=10_000,
                        help="reports already stored for the per-document time test")
    parser.add_argument("--sections", nargs="+", choices=list(SECTIONS), default=list(SECTIONS))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help="corpora and databases (kept between runs: corpora are reused)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args(argv)
    args.argv = argv
    started = time.monotonic()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = Results()
    for name in args.sections:
        SECTIONS[name](args, args.workdir, results)
    table = render(results, args, started)
    write_report(args.out, table)
    if args.json:
        args.json.write_text(json.dumps([{**r.run.__dict__, "label": r.label, "docs": r.docs,
                                          "pages": r.pages} for r in results.rows], indent=1))
    print(table)


if __name__ == "__main__":
    main()
