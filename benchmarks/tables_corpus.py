"""Which standard tables each corpus PDF yields, and whether its general-budget table adds up.

    .venv/bin/python benchmarks/tables_corpus.py [CORPUS] [--cache DIR] [--only SUBSTR] [-v]

For every text-layer PDF: the keys of the recognised tables (with their line counts), the
general-budget expenditure table's 类 lines summed against its printed 合计 (column
``total``), and the summary-table totals read as facts (income.total, expenditure.total,
income_expenditure.grand_total). Why a script and not only a test: it shows a file's state
(what was found, what is missing) at a glance while a layout is being taught.

``--cache DIR`` pickles each read Document (reading the 171-page PDF takes a while; the
tables layer is what changes while measuring). Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
from pathlib import Path

from extractors.errors import NoTextLayer
from extractors.identity import extract_identity
from extractors.readers import read_document
from extractors.tables import extract_standard_tables
from extractors.tables.sums import class_sum_check

ROOT = Path(__file__).resolve().parent.parent

SUMMARY_METRICS = ("income.total", "expenditure.total", "income_expenditure.grand_total")


def load(path: Path, cache: Path | None):
    """The Document of ``path``, from the pickle cache when one is given and fresh."""
    if cache is None:
        return read_document(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    cached = cache / f"{digest}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    doc = read_document(path)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(doc))
    return doc


def load_measured(path: Path, cache: Path | None):  # -> tuple[Document | None, bool]
    """``load``, or (None, failed) after printing why the file is not measured: failed is
    False for a file with no text layer (a scan), True for one that could not be read."""
    try:
        return load(path, cache), False
    except NoTextLayer as exc:
        print(f"{path.name}: no text layer ({exc.reason}), not measured")
        return None, False
    except Exception as exc:  # a measuring script reports every failure
        print(f"{path.name}: READ FAILED {exc}")
        return None, True


def corpus_arguments(description: str) -> argparse.Namespace:
    """The corpus scripts' command line: CORPUS, --cache DIR (pickled Documents), --only NAME, -v."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", nargs="?",
                        default=os.environ.get("JUESUAN_CORPUS", ROOT.parent / "shared/corpus"))
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--only")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args()


def report(path: Path, cache: Path | None, verbose: bool) -> bool:
    """Print one file's line; True when its general-budget table adds up (or is absent)."""
    doc, failed = load_measured(path, cache)
    if doc is None:
        return not failed
    if not doc.blocks:
        print(f"{path.name}: no text ({', '.join(i.kind for i in doc.issues) or 'empty'})")
        return True
    identity = extract_identity(doc, path.name)
    result = extract_standard_tables(doc, identity)
    found = ", ".join(f"{t['key']}({t['n_items'] if not t['empty'] else 'empty'})"
                      for t in result.tables)
    check = class_sum_check(result.line_items)
    facts = {f.metric: f.value for f in result.facts}
    summary = " ".join(f"{m.split('.')[-1]}={facts.get(m)}" for m in SUMMARY_METRICS)
    status = "no general-budget table" if check is None else (
        f"类 sum {check.class_sum} vs printed {check.printed} -> "
        f"{'OK' if check.ok else 'MISMATCH'}")
    print(f"{path.name}\n  tables: {found or '-'}\n  {status}\n  summary: {summary}")
    if verbose:
        for item in result.line_items:
            if item.table == "general_budget_expenditure" and item.column == "total":
                print(f"    {item.level} {item.code} {item.name} {item.value} p{item.source.page}")
    return check is None or check.ok


def main() -> int:
    args = corpus_arguments(__doc__.splitlines()[0])
    ok = True
    for path in sorted(Path(args.corpus).glob("*.pdf")):
        if args.only and args.only not in path.name:
            continue
        ok = report(path, args.cache, args.verbose) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
