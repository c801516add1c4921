"""How an ingest run shows itself: a progress bar with ETA on a terminal, a summary table.

The bar goes to stderr and only when stderr is a terminal (a cron job's log stays clean);
the summary is printed unless ``--quiet``.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ingest.outcome import FAILED, INGESTED, SKIPPED, Outcome, Summary


class BarProgress:
    """A ``ProgressSink`` drawing a rich progress bar (use as a context manager)."""

    def __init__(self, console: Console, verbose: bool = False) -> None:
        self.console = console
        self.verbose = verbose
        self.bar = Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.description}"),
            console=console, transient=True,
        )
        self.task = None

    def __enter__(self) -> BarProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.stop()

    def start(self, total: int) -> None:
        self.task = self.bar.add_task("", total=total)

    def advance(self, outcome: Outcome) -> None:
        if self.verbose:
            self.bar.console.print(_line(outcome), markup=False, highlight=False)
        self.bar.update(self.task, advance=1, description=outcome.path.rsplit("/", 1)[-1][:40])


class LogProgress:
    """Off a terminal: nothing per file unless ``--verbose``, then one line each."""

    def __init__(self, console: Console, verbose: bool = False) -> None:
        self.console = console
        self.verbose = verbose

    def __enter__(self) -> LogProgress:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def start(self, total: int) -> None:
        if self.verbose:
            self.console.print(f"{total} files", markup=False)

    def advance(self, outcome: Outcome) -> None:
        if self.verbose:
            self.console.print(_line(outcome), markup=False, highlight=False)


def _line(outcome: Outcome) -> str:
    reason = f": {outcome.reason}" if outcome.reason else ""
    return f"{outcome.status:8} {outcome.path}{reason}"


def summary_table(summary: Summary) -> Table:
    """Counts, then each failed file with its reason (the part a researcher acts on)."""
    counts = summary.counts
    table = Table(title="ingest summary" + (" (interrupted)" if summary.interrupted else ""))
    table.add_column("status")
    table.add_column("files", justify="right")
    for status in (INGESTED, SKIPPED, FAILED):
        table.add_row(status, str(counts.get(status, 0)))
    return table


def not_read_table(summary: Summary) -> Table | None:
    """Files found but not read (duplicates, files that are no report), with why."""
    return _files_table("not read", [(o.path, o.reason or "") for o in summary.not_read])


def failures_table(summary: Summary) -> Table | None:
    """Each failed file with its reason and page."""
    return _files_table("failed files", [(o.path, f"{o.reason}{f' (page {o.page})' if o.page else ''}")
                                         for o in summary.failures])


def _files_table(title: str, rows: list[tuple[str, str]]) -> Table | None:
    if not rows:
        return None
    table = Table(title=title)
    table.add_column("file", overflow="fold")
    table.add_column("reason", overflow="fold")
    for path, reason in rows:
        table.add_row(Text(path), Text(reason))  # not markup: a reason may print "[ocr]"
    return table
