"""Options and output helpers every ``juesuan`` command shares (defined once).

``DbOption`` and ``FormatOption`` are ``Annotated`` aliases so each command declares
``db: DbOption = None`` / ``fmt: FormatOption = None`` and gets the same flag, help and
environment variable. ``emit_rows`` renders tabular data to stdout in the chosen format;
``messages`` is the stderr console for progress and messages.
"""

from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

messages = Console(stderr=True)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar="JUESUAN_DB", show_envvar=True,
        help="Database: a file path (SQLite) or an SQLAlchemy URL such as "
             "postgresql+psycopg://user@host/db. Default ./juesuan.db.",
    ),
]

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f",
                 help="Output format: table (default on a terminal), csv (default in a pipe), tsv, json, "
                      "jsonl (one object per line), markdown."),
]


def resolve_format(fmt: OutputFormat | None) -> OutputFormat:
    """``table`` on a terminal, ``csv`` when stdout is a pipe or file."""
    if fmt is not None:
        return fmt
    return OutputFormat.table if sys.stdout.isatty() else OutputFormat.csv


def plain(value: Any) -> Any:
    """A cell as text/number for csv and json (Decimals keep their digits)."""
    if isinstance(value, Decimal):
        from models.types import decimal_text

        return decimal_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def emit_rows(columns: list[str], rows: list[tuple], fmt: OutputFormat | None,
              title: str | None = None) -> None:
    """Write rows to stdout as a table, CSV, TSV, JSON (a list of objects), JSON lines or
    a Markdown table. ``rows`` may be any iterable: the text formats stream it."""
    fmt = resolve_format(fmt)
    if fmt in (OutputFormat.csv, OutputFormat.tsv):
        writer = csv.writer(sys.stdout, lineterminator="\n",
                            **({"delimiter": "\t"} if fmt is OutputFormat.tsv else {}))
        writer.writerow(columns)
        for row in rows:
            writer.writerow([plain(v) for v in row])
    elif fmt in (OutputFormat.json, OutputFormat.jsonl):
        from models.exact import dumps

        objects = ({k: _json_cell(v) for k, v in zip(columns, row, strict=False)} for row in rows)
        if fmt is OutputFormat.jsonl:
            for item in objects:
                sys.stdout.write(dumps(item, indent=None) + "\n")
        else:
            typer.echo(dumps(list(objects)))
    elif fmt is OutputFormat.markdown:
        sys.stdout.write(markdown_table(columns, rows))
    else:
        print_table(columns, rows, title)


_TEXT_MIN = 4
# A figure as a table cell shows it: an amount, a percentage, a code, a count.
_FIGURE = re.compile(r"[+\-−]?(\d[\d,]*)(\.\d+)?%?")


def _figure_width(value: Any) -> int:
    """The width a figure needs on one line (0 for text, which may wrap)."""
    if isinstance(value, bool) or value is None:
        return 0
    shown = str(plain(value))
    if isinstance(value, (int, float, Decimal)) or _FIGURE.fullmatch(shown):
        return len(shown)
    return 0


def print_table(columns: list[str], rows, title: str | None = None,
                console: Console | None = None) -> None:  # rows: any iterable of tuples
    """A table that fits the terminal by wrapping text, never figures: each column is at
    least as wide as its widest figure, and when the figures alone need more than the
    terminal's width the table is drawn that wide (the terminal wraps the line, the
    figure's digits stay together)."""
    console = console or Console()
    rows = [tuple(row) for row in rows]
    widths = [max((_figure_width(row[i]) for row in rows if i < len(row)), default=0)
              for i in range(len(columns))]
    table = Table(title=title, show_lines=False)
    for column, width in zip(columns, widths, strict=True):
        # a figure column is exactly as wide as its widest figure; text folds, never below
        # _TEXT_MIN cells (a Chinese character takes two)
        table.add_column(column, overflow="fold", width=width or None, min_width=None if width else _TEXT_MIN)
    for row in rows:
        table.add_row(*(Text("" if v is None else str(plain(v))) for v in row))  # data, never markup
    needed = sum(width or _TEXT_MIN for width in widths) + 3 * len(columns) + 1
    if needed > console.width:
        console = Console(width=needed, file=console.file, force_terminal=console.is_terminal)
    console.print(table)


def markdown_table(columns: list[str], rows) -> str:  # any iterable of tuples
    """A GitHub-flavoured Markdown table; pipes and newlines inside cells escaped."""
    def cell(value: Any) -> str:
        text = "" if value is None else str(plain(value))
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(cell(c) for c in columns) + " |",
             "|" + "|".join(" --- " for _ in columns) + "|"]
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def _json_cell(value: Any) -> Any:
    if isinstance(value, Decimal) or value is None or isinstance(value, (int, float, str, bool)):
        return value
    return plain(value)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line message to stderr and return the Exit to raise."""
    messages.print(message, markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def open_db(db: str | None, *, create: bool = False,
            announce: bool = True):  # a db.engine.Engine, imported lazily (fast --help)
    """Open (and upgrade) an existing database; ``create`` (ingest only) may make a new one
    and says where. A setup problem exits 1 with its one-line message."""
    from db.engine import missing_sqlite_file, open_or_explain
    from db.errors import CannotOpen

    new = missing_sqlite_file(db) if create else None
    try:
        engine = open_or_explain(db, create=create)
    except CannotOpen as err:
        raise fail(str(err)) from None
    if new is not None and announce:
        messages.print(f"created a new database at {new}", markup=False, highlight=False, soft_wrap=True)
    return engine


__all__ = ["DbOption", "FormatOption", "OutputFormat", "emit_rows", "fail", "messages",
           "open_db", "resolve_format"]
