"""Rows printed vs lines read, per corpus file and standard table, and whether sums hold.

    .venv/bin/python benchmarks/tables_lines.py [CORPUS] [--cache DIR] [--only SUBSTR] [-v]

For every readable corpus file (PDF, Word, HTML) and every recognised standard table:

* ``rows``: body rows printing a figure vs rows that gave at least one line item;
* ``cells``: figure cells of those rows (outside code and percentage columns) vs cells
  that gave a line item — a cell left unread is a missed line;
* ``cols``: the measure names read;
* ``sums``: for function/economic tables, the 类/款/项 hierarchy and the 合计 row per
  measure column, and 基本 + 项目 = 合计 per row ("ok" or the number of mismatches —
  a mismatch is a misread row or the publisher's own rounding, to be checked by eye).

Grids that print figures but were recognised as no table are listed with the text just
before them: an unrecognised table (or a narrative grid, rightly left alone).

Figure cells are counted from the grid itself, not from the extractor's reading: a cell
whose text parses as a number, outside the columns whose cells are mostly codes. The
counts are an estimate of what the page prints (a 栏次 row or a count column may slip in),
good for finding where lines are lost, not a score.

``--cache DIR`` pickles each read Document. Nothing is written to the repository.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from tables_corpus import corpus_arguments, load
from test_tables_invariants import column_mismatches, hierarchy_mismatches

from extractors.document import Document, Table
from extractors.errors import NoTextLayer
from extractors.identity import extract_identity
from extractors.numbers import find_unit_label, parse_decimal
from extractors.tables import extract_standard_tables
from extractors.tables.headers import _PERCENT_WORDS, is_column_numbers, read_header
from extractors.tables.locate import locate_tables
from extractors.tables.rows import clean_code, split_glued_code

# A publisher rounds each printed figure: children may miss their parent by a cent or two.
ROUNDING = Decimal("0.05")
# Columns that are differences or shares, not amounts that add up along the hierarchy.
DERIVED = {"增减额", "增减", "比上年增减"}
SUFFIXES = (".pdf", ".doc", ".docx", ".html", ".htm", ".xls", ".xlsx")
HIERARCHY_KEYS = {"expenditure", "general_budget_expenditure", "gov_fund", "state_capital",
                  "appropriation_expenditure", "general_budget_project", "project_expenditure",
                  "general_budget_basic", "general_budget_economic", "basic_expenditure"}


@dataclass
class TableCount:
    key: str
    pages: list[int]
    rows_printed: int = 0
    rows_read: int = 0
    cells_printed: int = 0
    cells_read: int = 0
    columns: set[str] = field(default_factory=set)
    sum_errors: int | None = None
    missed: list[str] = field(default_factory=list)
    sum_details: list[str] = field(default_factory=list)
    sum_rounding: int = 0


def _explained(items, mismatch) -> bool:
    """A 合计 mismatch of a table with several 合计 rows (人员经费合计 | 公用经费合计 of a
    two-sided economic table): the classes add up to all of them together."""
    if mismatch[0] != "合计":
        return False
    grands = {(i.source.block, i.source.row, i.source.col): i.value for i in items
              if i.level == "合计" and i.code is None}
    return len(grands) > 1 and abs(sum(grands.values()) - mismatch[2]) <= ROUNDING


def _figure(text: str) -> bool:
    """A printed amount (a percentage is a share, not money: rightly left unread)."""
    v = text.strip()
    return (bool(v) and not v.endswith(("%", "％")) and not find_unit_label(v)
            and parse_decimal(v) is not None)


def _code_columns(table: Table, start: int) -> set[int]:
    """Columns whose figure-looking cells are mostly codes (3/5/7 digits, 类/款/项 parts)
    with no decimal figure among them (a two- or three-sided table repeats its code
    columns further right)."""
    out = set()
    for c in range(table.n_cols):
        values = [cell.value for r in range(start, table.n_rows)
                  if (cell := table.anchor_at(r, c)) is not None and cell.value.strip()]
        if not values:
            continue
        codes = [v for v in values if clean_code(v) or (v.isdigit() and len(v) <= 2)
                 or split_glued_code(v)[0]]
        decimals = [v for v in values if "." in v]
        if len(codes) * 2 >= len(values) and not decimals:
            out.add(c)
    return out


def _ignored_columns(table: Table, start: int) -> set[int]:
    """Percentage columns (增减%), which the extractor rightly does not read as money."""
    header = read_header(table, start)
    return {c.index for c in header.columns
            if c.path and any(_PERCENT_WORDS.search(p) for p in c.path)}


def body_figures(table: Table, start: int, header_start: int = 0) -> dict[int, list[int]]:
    """{row: [figure columns]} of a grid's body from row ``start`` (its header from
    ``header_start``)."""
    codes = _code_columns(table, start)
    if start > 0:  # the header says which columns hold figures (a 元 figure may look like a code)
        header = read_header(table, header_start)
        measures = {c.index for c in header.columns if c.role == "measure"}
        codes = (codes - measures) | {c.index for c in header.columns if c.role.startswith("code")}
    ignored = _ignored_columns(table, header_start) if start > 0 else set()
    out: dict[int, list[int]] = {}
    for r in range(start, table.n_rows):
        if is_column_numbers(table, r):
            continue
        cols = [cell.col for cell in table.row_cells(r)
                if cell.col not in codes and cell.col not in ignored and _figure(cell.value)]
        if cols:
            out[r] = cols
    return out


def measure(doc: Document, identity) -> tuple[list[TableCount], list[str], int]:
    result = extract_standard_tables(doc, identity)
    located = locate_tables(doc)
    read_cells: dict[tuple[int, int], set[int]] = defaultdict(set)
    by_key_block: dict[int, list] = defaultdict(list)
    for item in result.line_items:
        read_cells[(item.source.block, item.source.row)].add(item.source.col)
        by_key_block[item.source.block].append(item)
    counts: list[TableCount] = []
    in_tables: set[int] = set()
    # The key the extractor settled on (a table may be re-keyed by its sums after reading).
    settled = {t["block"]: t["key"] for t in result.tables}
    for loc in located:
        key = settled.get(loc.parts[0].block, loc.key)
        count = TableCount(key, loc.pages)
        items = [i for part in loc.parts for i in by_key_block[part.block] if i.table == key]
        count.columns = {i.column for i in items}
        for n, part in enumerate(loc.parts):
            in_tables.add(part.block)
            header_start = loc.start_row if n == 0 else 0
            start = read_header(part, header_start).end
            figures = body_figures(part, start, header_start)
            if loc.note and all(parse_decimal(part.anchor_at(r, c).value) == 0
                                for r, cols in figures.items() for c in cols):
                figures = {}  # "本表无数据" over a 合计 row of zeros: nothing to read
            for r, cols in figures.items():
                count.rows_printed += 1
                got = read_cells.get((part.block, r), set())
                count.rows_read += bool(got)
                count.cells_printed += len(cols)
                count.cells_read += len(set(cols) & got)
                if set(cols) - got:
                    row = " | ".join(c.value for c in part.row_cells(r) if c.value)
                    count.missed.append(f"p{part.row_pages[r] if r < len(part.row_pages) else '?'}"
                                        f" r{r}: {row[:110]}")
        if key in HIERARCHY_KEYS and items:
            bad = [(col, *m) for col in sorted(count.columns - DERIVED)
                   for m in hierarchy_mismatches(items, key, col) if not _explained(items, m)]
            parts = ("basic", "project") if "basic" in count.columns else (
                "personnel", "public", "project")
            bad += [("row", *m) for m in column_mismatches(items, key, parts)]
            count.sum_rounding = sum(abs(m[-1] - m[-2]) <= ROUNDING for m in bad)
            bad = [m for m in bad if abs(m[-1] - m[-2]) > ROUNDING]
            count.sum_errors = len(bad)
            count.sum_details = [" ".join(str(x) for x in m) for m in bad]
        counts.append(count)
    unrecognised = []
    forms = 0
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, Table) or block.nested or index in in_tables:
            continue
        figures = body_figures(block, 0)
        if len(figures) < 2:
            continue
        if "绩效" in block.text() or any("绩效" in b.text for b in doc.blocks[max(0, index - 3):index]
                                         if not isinstance(b, Table)):
            forms += 1  # a performance form (extractors/forms), not a standard table
            continue
        before = next((b.text for b in reversed(doc.blocks[max(0, index - 3):index])
                       if not isinstance(b, Table) and b.text.strip()), "")
        first = " | ".join(c.value for c in block.row_cells(0) if c.value)
        unrecognised.append(f"p{block.page} {len(figures)} rows; before: {before[:50]!r}; "
                            f"row0: {first[:60]!r}")
    return counts, unrecognised, forms


# The standard tables, in the order reports print them, with a short column label.
MATRIX_KEYS = (
    ("income_expenditure_summary", "收支总"), ("income", "收入"), ("expenditure", "支出"),
    ("appropriation_summary", "拨款总"), ("general_budget_expenditure", "一般支"),
    ("general_budget_basic", "基本"), ("general_budget_economic", "经济"),
    ("three_public", "三公"), ("gov_fund", "基金"), ("state_capital", "国资"),
    ("project_expenditure", "项目"), ("procurement", "采购"),
)


def print_matrix(summary: list[tuple[str, str, str]]) -> None:
    """One line per file, one column per standard table: figure cells read / printed
    ("." when the table is absent; "empty" for a table printing no figure)."""
    by_file: dict[str, dict[str, str]] = {}
    for name, key, cell in summary:
        row = by_file.setdefault(name, {})
        if key == "-":
            row["-"] = cell
        elif key in row:
            row[key] += f"+{cell}"
        else:
            row[key] = cell
    print("\n" + f"{'file':24}" + "".join(f"{label:>11}" for _, label in MATRIX_KEYS))
    for name, row in by_file.items():
        if "-" in row:
            print(f"{name[:24]:24}  {row['-']}")
            continue
        cells = []
        for key, _ in MATRIX_KEYS:
            value = row.get(key, ".")
            cells.append(f"{'empty' if value == '0/0' else value:>11}")
        print(f"{name[:24]:24}" + "".join(cells))


def main() -> int:
    args = corpus_arguments(__doc__.splitlines()[0])
    totals = defaultdict(int)
    summary: list[tuple[str, str, str]] = []
    for path in sorted(Path(args.corpus).iterdir()):
        if path.suffix.lower() not in SUFFIXES or (args.only and args.only not in path.name):
            continue
        try:
            doc = load(path, args.cache)
        except NoTextLayer:
            summary.append((path.name, "-", "no text layer"))
            continue
        except Exception as exc:  # a measuring script reports every failure
            summary.append((path.name, "-", f"READ FAILED {exc}"))
            continue
        identity = extract_identity(doc, path.name)
        counts, unrecognised, forms = measure(doc, identity)
        totals["forms"] += forms
        print(path.name)
        for c in counts:
            sums = "-" if c.sum_errors is None else (
                ("ok" if c.sum_errors == 0 else f"{c.sum_errors} BAD")
                + (f" ~{c.sum_rounding}" if c.sum_rounding else ""))
            line = (f"  {c.key:34} p{c.pages[0] if c.pages else '?':<4} rows {c.rows_read:>3}/"
                    f"{c.rows_printed:<3} cells {c.cells_read:>4}/{c.cells_printed:<4} sums {sums:12}"
                    f" cols {','.join(sorted(c.columns))[:70]}")
            print(line)
            if args.verbose:
                for m in c.missed[:12]:
                    print(f"      missed {m}")
                for m in c.sum_details[:12]:
                    print(f"      sum {m}")
            totals["rows_printed"] += c.rows_printed
            totals["rows_read"] += c.rows_read
            totals["cells_printed"] += c.cells_printed
            totals["cells_read"] += c.cells_read
            totals["sum_bad"] += bool(c.sum_errors)
            totals["tables"] += 1
            summary.append((path.name, c.key, f"{c.cells_read}/{c.cells_printed}"))
        for u in unrecognised:
            print(f"  UNRECOGNISED {u}")
            totals["unrecognised"] += 1
    print_matrix(summary)
    cells = totals["cells_read"] / totals["cells_printed"] if totals["cells_printed"] else 0
    rows = totals["rows_read"] / totals["rows_printed"] if totals["rows_printed"] else 0
    print(f"\nTOTAL tables {totals['tables']}  rows {totals['rows_read']}/{totals['rows_printed']}"
          f" ({rows:.1%})  cells {totals['cells_read']}/{totals['cells_printed']} ({cells:.1%})"
          f"  tables with sum mismatches {totals['sum_bad']}"
          f"  unrecognised figure grids {totals['unrecognised']}"
          f" (performance-form grids left to forms: {totals['forms']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
