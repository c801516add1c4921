"""What happened to each file of an ingest run, and the run's summary.

Errors are data: a file that cannot be read or is no report gets a ``failed`` outcome with
a one-line reason (and page where known); the batch goes on.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Status(StrEnum):
    """What a run did with a file (stored as its value in ``ingest_outcomes.status``)."""

    INGESTED = "ingested"
    SKIPPED = "skipped"
    FAILED = "failed"


INGESTED, SKIPPED, FAILED = Status.INGESTED, Status.SKIPPED, Status.FAILED


class Category(StrEnum):
    """Why a file failed. The readers' own codes (``extractors.errors.ReadError.code``)
    come first and are carried unchanged; the rest name what ingest itself met. Whether an
    unchanged file is read again on the next run is decided by category (``RETRIED``),
    never by the wording of its reason."""

    UNREADABLE = "unreadable"
    UNSUPPORTED_FORMAT = "unsupported_format"
    EMPTY_FILE = "empty_file"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    NO_TEXT = "no_text"
    UNSAFE = "unsafe"
    MISSING_TOOL = "missing_tool"
    CONVERSION_FAILED = "conversion_failed"
    NO_REPORT = "no_report"  # read, but no report identity (not a 决算/预算 report?)
    EXTRACTION_ERROR = "extraction_error"  # an extractor raised: a bug to report
    TIME_LIMIT = "time_limit"  # stopped at --timeout: read again by a run that allows more time
    MEMORY_LIMIT = "memory_limit"  # ran out of --memory-limit: read again by a run that allows more
    RESOURCE_LIMIT = "resource_limit"  # nesting depth, a worker killed (and limits before 0.x: see above)
    CANNOT_OPEN = "cannot_open"  # the path could not be opened for hashing
    FILE_CHANGED = "file_changed"  # the bytes changed while being read
    STORAGE = "storage"  # the database refused or was unavailable

    @classmethod
    def of_read_error(cls, code: str) -> Category:
        """The category of a reader's error code (a code added later reads as unreadable)."""
        try:
            return cls(code)
        except ValueError:
            return cls.UNREADABLE


# Not the file's fault: an unchanged file that failed so is read again on the next run.
RETRIED = frozenset({Category.FILE_CHANGED, Category.STORAGE})


# A limit the user sets (TIME_LIMIT, MEMORY_LIMIT): its reason names the limit, its value
# and the option; an unchanged file that failed so is read again once the limit is raised.
def time_limit_reason(timeout_s: float) -> str:
    return f"time limit reached: timed out after {timeout_s:g} s (raise --timeout to read it)"


def memory_limit_reason(limit_mb: int | None, where: str = "while reading the file") -> str:
    stated = f" of {limit_mb} MB" if limit_mb else ""
    return f"memory limit{stated} reached {where} (raise --memory-limit to read it)"


# The limit a failure met, as its reason states it (written by the two functions above).
_STATED = {Category.TIME_LIMIT: re.compile(r"^time limit reached: timed out after ([0-9.]+) s"),
           Category.MEMORY_LIMIT: re.compile(r"^memory limit of (\d+) MB reached")}


def retried_under(category: Category | None, reason: str | None, *, timeout_s: float,
                  memory_limit_mb: int | None) -> bool:
    """Whether a run with these limits reads again an unchanged file that failed at a limit.

    The category says which limit it met, its reason the value that limit had (the one
    number these reasons carry): a run that allows more time, or more memory (or no memory
    limit at all), reads it again. Any other failure, or a value that cannot be read (a
    file out of memory with no limit set): False, as for every failure (``--force`` reads it)."""
    pattern = _STATED.get(category) if category is not None else None
    stated = pattern.match(original_failure(reason)) if pattern is not None else None
    if stated is None:
        return False
    if category is Category.TIME_LIMIT:
        return timeout_s > float(stated.group(1))
    return memory_limit_mb is None or memory_limit_mb > int(stated.group(1))


# A file that failed before and has not changed is not parsed again, but it is still a
# failure: SPEC.md's exit 0 means every file is stored. Its outcome repeats the old reason.
UNCHANGED_FAILURE = "unchanged since it failed: "


def unchanged_failure(reason: str | None) -> str:
    """``reason`` of a failure carried over from an earlier run (never nested twice)."""
    return UNCHANGED_FAILURE + original_failure(reason)


def original_failure(reason: str | None) -> str:
    """The reason a file first failed, whatever number of runs carried it over since."""
    return (reason or "").removeprefix(UNCHANGED_FAILURE)


def path_text(path: Path | str) -> str:
    """A file's path as text a database (and a terminal) takes.

    A name that is not UTF-8 (archives from Chinese sites carry GBK names) reaches Python
    as lone surrogates, which no UTF-8 text column stores: each such part of the path is
    read as GB18030 (a superset of GBK), or shown as ``\\xNN`` bytes when it is not that
    either. The worker still opens the file by its real name."""
    text = os.fspath(path)
    if _storable(text):
        return text
    return os.sep.join(part if _storable(part) else _decode_name(part) for part in text.split(os.sep))


def storable_text(text: str | None) -> str | None:
    """``text`` with any lone surrogate (from a file name quoted in a reason) escaped."""
    if text is None or _storable(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _decode_name(part: str) -> str:
    raw = os.fsencode(part)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Outcome:
    path: str
    status: Status
    reason: str | None = None
    sha256: str | None = None
    page: int | None = None
    report_id: int | None = None
    seconds: float | None = None
    category: Category | None = None  # set for failures


@dataclass
class Summary:
    """Counts and the failures of one run; ``exit_code`` follows SPEC.md."""

    outcomes: list[Outcome]
    interrupted: bool = False
    stopped: str | None = None  # why the batch stopped early: the database could take nothing more

    @property
    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    @property
    def not_read(self) -> list[Outcome]:
        """Files skipped without being read: duplicates by content and files that are no
        report (an archive, a README), each with its reason; not those already stored."""
        return [o for o in self.outcomes
                if o.status == SKIPPED and not (o.reason or "").startswith("unchanged")]

    @property
    def exit_code(self) -> int:
        """0 when every file was ingested or skipped as already stored; 1 when any failed,
        in this run or (unchanged since) an earlier one, or the run was cut short."""
        return 1 if self.failures or self.interrupted or self.stopped else 0
