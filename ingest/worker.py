"""The part of ingest that runs in a worker process: read one file, extract one record.

Each file gets a fresh process (forked from a pre-loaded server, so it starts in
milliseconds) with an address-space limit: a pathological file can exhaust only its own
worker, which the parent then reports as that file's failure. Workers never touch the
database; they send a picklable result back over a pipe.
"""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import signal
import stat
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from extractors.errors import ReadError
from ingest.outcome import Category, memory_limit_reason, name_reading
from models.records import ReportRecord

FILE_CHANGED = "file changed while it was read"  # not the file's fault: read again next run


def fingerprint(path: Path) -> tuple[str, int]:
    """SHA-256 and size from one open: the size is that of the file that was hashed, even
    if a new version is renamed into its place meanwhile."""
    # O_NONBLOCK: a FIFO put in the file's place opens at once instead of waiting for a
    # writer, and is refused as no regular file (no effect on reading a regular file).
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return hashlib.file_digest(handle, "sha256").hexdigest(), status.st_size


@dataclass
class Parsed:
    """A successful extraction: the record and what the document said about the file."""

    record: ReportRecord
    format: str
    pages: int | None
    note: str | None = None  # how the file was read, for its outcome ("HTML page saved as .pdf")


@dataclass
class Unparsed:
    """A file that could not be turned into a report, with a one-line reason."""

    reason: str
    page: int | None = None
    category: Category = Category.UNREADABLE


def parse_file(path: str, given: dict | None = None) -> Parsed | Unparsed:
    """Read and extract one file; every expected problem becomes an ``Unparsed``.
    ``given``: the file's identity values from ``--manifest``."""
    # Imported here, not by the ingest parent that imports this module for its types: the
    # workers' fork server has them loaded (ingest.preload), the parent only stores.
    from extractors.readers import read_document
    from extractors.report import NoIdentity, extract_report

    document = None
    try:
        document = read_document(Path(path))
        record = extract_report(document, filename=name_reading(Path(path).name), given=given)
    except ReadError as err:
        if _ran_out_of_memory(err) or "MemoryError" in err.reason:  # a reader wrapped it
            return Unparsed(memory_limit_reason(None), category=Category.MEMORY_LIMIT)
        return Unparsed(err.reason, err.page, Category.of_read_error(err.code))
    except NoIdentity as err:
        mismatch = document.mismatch if document is not None else None
        return Unparsed(f"{mismatch}: {err.reason}" if mismatch else err.reason, category=Category.NO_REPORT)
    except MemoryError:
        return Unparsed(memory_limit_reason(None), category=Category.MEMORY_LIMIT)
    except RecursionError:
        return Unparsed("file structure nested too deeply to read", category=Category.RESOURCE_LIMIT)
    except Exception as err:  # one bad file must not stop the batch
        reason = f"extraction error: {type(err).__name__}: {err}".splitlines()[0][:300]
        return Unparsed(reason, category=Category.EXTRACTION_ERROR)
    return Parsed(record, str(document.format), document.pages, _note(document))


def _ran_out_of_memory(err: BaseException) -> bool:
    """A MemoryError anywhere in the error's chain of causes."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _note(document) -> str | None:  # extractors.document.Document
    parts = ([document.mismatch] if document.mismatch else []) + list(document.notes)
    return "; ".join(parts) or None


def parse_unchanged(path: str, sha256: str, given: dict | None = None) -> Parsed | Unparsed:
    """``parse_file``, refused when the file no longer has the content that was hashed
    (``sha256``, when the run was planned): the figures must come from the bytes whose
    hash is stored, or a later run would skip the file as unchanged."""
    result = parse_file(path, given)
    if isinstance(result, Parsed):
        try:
            now = fingerprint(Path(path))[0]
        except OSError as err:
            return Unparsed(f"{FILE_CHANGED}: {err.strerror or err}", category=Category.FILE_CHANGED)
        if now != sha256:
            return Unparsed(f"{FILE_CHANGED} (SHA-256 {sha256[:12]}… when found, {now[:12]}… after)",
                            category=Category.FILE_CHANGED)
    return result


def run_in_worker(path: str, sha256: str, connection: Connection, memory_limit_mb: int | None,
                  given: dict | None = None) -> None:
    """Worker-process entry: limit memory, parse, send the result, exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit_memory(memory_limit_mb)
    try:
        send_result(connection.send, parse_limited(path, sha256, memory_limit_mb, given), memory_limit_mb)
    finally:
        connection.close()


def limit_memory(memory_limit_mb: int | None) -> None:
    """This process may take ``memory_limit_mb`` more address space than it has now."""
    if memory_limit_mb:
        # The soft limit only: LibreOffice, run for a .doc, reserves far more address
        # space than it uses and lifts the soft limit in its own process
        # (extractors.readers.convert); nothing in this process raises it.
        limit = _address_space() + memory_limit_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        hard = limit if hard != resource.RLIM_INFINITY and hard < limit else hard
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def parse_limited(path: str, sha256: str, memory_limit_mb: int | None,
                  given: dict | None = None) -> Parsed | Unparsed:
    """``parse_unchanged`` in a process limited to ``memory_limit_mb``: running out names
    the limit's value."""
    result = parse_unchanged(path, sha256, given)
    if isinstance(result, Unparsed) and result.category is Category.MEMORY_LIMIT:
        result = Unparsed(memory_limit_reason(memory_limit_mb), result.page, result.category)
    return result


def send_result(send, result: Parsed | Unparsed, memory_limit_mb: int | None) -> None:
    """``send`` (pickles and sends one object) the result, or why it could not be sent."""
    try:
        send(result)
    except MemoryError:
        send(Unparsed(memory_limit_reason(memory_limit_mb, "while sending the result"),
                      category=Category.MEMORY_LIMIT))
    except Exception as err:  # e.g. an unpicklable value in the record
        send(Unparsed(f"extraction result could not be sent: {type(err).__name__}",
                      category=Category.EXTRACTION_ERROR))


def _address_space() -> int:
    """Bytes of address space the worker already has when it starts (the fork server's
    preloaded libraries: PDFium alone maps ~40 MB), so the limit measures what reading
    the file takes, whatever is preloaded."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
