"""Ingest on a Dask distributed cluster: the client plans, each worker parses and stores.

Why this shape:
* The client does what needs the whole batch — find the files, hash them, leave out the
  ones already stored or known to fail (the same plan as the local pool, ``IngestRun.plan``)
  — then sends each remaining file's *bytes* to a task. Workers need no shared
  filesystem and no copy of the folder.
* Each task parses its file in a child process under the same per-file time and memory
  limits as the local pool (``parse_in_worker``: a file that hangs or eats memory fails
  alone, with the same reason, and never takes its Dask worker down), then stores the
  report in its own transaction, straight into the shared database, with the same store
  step as the local pool (``IngestRun.store``): a
  report is all or nothing, and its outcome row is written with it. The client only
  gathers the outcomes for the progress bar and the summary, so it is never the
  bottleneck, and what is stored survives the client's restart.
* Dask reruns the task of a worker that died. A task first looks whether its content is
  already stored (the first attempt may have committed just before the worker died), and
  storing the same file again replaces its own earlier version in any case: every report
  ends up stored once.
* SQLite is one file on one disk: a cluster given by ``--scheduler`` may span hosts, so it
  is refused there with the reason; a LocalCluster (``--executor dask``) on this machine
  may use it.

A Dask worker started by a nanny is a *daemonic* process, which Python's multiprocessing
refuses to let have children. The LocalCluster of ``--executor dask`` starts its workers
non-daemonic, and so does ``dask worker`` run with ``DASK_DISTRIBUTED__WORKER__DAEMON=False``
(docs/cluster.md): each file is then forked from a warm server, as locally. On a daemonic
worker the child is a fresh interpreter instead (``ingest.worker`` as a program): the
same limits and reasons, ≈ 1 s more CPU per file for its imports.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from db.engine import Engine, make_engine
from ingest.outcome import SKIPPED, Outcome, Summary, path_text
from ingest.pipeline import IngestOptions, IngestRun, Job, ProgressSink, parse_in_program, parse_in_worker

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
RERUN_REASON = "already stored by an earlier attempt of this task"


class ClusterUnavailable(RuntimeError):
    """Dask is not installed, the scheduler cannot be reached, or the database cannot be shared."""


@dataclass(frozen=True)
class ClusterOptions:
    """Where the work goes: an existing scheduler, or a LocalCluster of ``workers`` processes."""

    scheduler: str | None = None
    workers: int = 2
    threads_per_worker: int = 1


def ingest_on_dask(
    paths: list[Path],
    engine: Engine,
    options: IngestOptions | None = None,
    cluster: ClusterOptions | None = None,
    progress: ProgressSink | None = None,
) -> Summary:
    """``ingest.pipeline.ingest`` with the parsing and storing done by Dask workers.

    ``engine``'s database must be current (the CLI opens it, creating or upgrading it,
    before the tasks start: workers never migrate)."""
    from ingest.discover import find, named_directly

    cluster = cluster or ClusterOptions()
    _refuse_unshareable(engine, cluster)
    client, owned = _connect(cluster)
    try:
        run = IngestRun(engine, options or IngestOptions(), progress)
        found = find(paths, run.options.follow_symlinks)
        url = engine.url.render_as_string(hide_password=False)
        return run.execute(found.files, named_directly(paths), found.left_out,
                           executor=lambda run, jobs: _on_dask(client, url, run, jobs))
    finally:
        client.close()
        if owned is not None:
            owned.close()


def scheduler_address(option: str | None) -> str | None:
    """The ``--scheduler`` option, else ``DASK_SCHEDULER_ADDRESS``, else None."""
    return option or os.environ.get(SCHEDULER_ENV) or None


def _refuse_unshareable(engine: Engine, cluster: ClusterOptions) -> None:
    if cluster.scheduler and engine.url.get_backend_name() == "sqlite":
        raise ClusterUnavailable(
            "a Dask cluster given by --scheduler may run on several hosts, and a SQLite file "
            "cannot be shared between them: use a PostgreSQL URL (--db postgresql+psycopg://…), "
            "or --executor dask without --scheduler for a local cluster"
        )


def _connect(cluster: ClusterOptions):  # (distributed.Client, LocalCluster | None)
    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError:
        raise ClusterUnavailable(
            "Dask is not installed: pip install 'juesuan[distributed]'") from None
    if cluster.scheduler:
        try:
            return Client(cluster.scheduler, timeout="10s"), None
        except OSError as err:
            raise ClusterUnavailable(
                f"cannot reach the Dask scheduler at {cluster.scheduler}: {err}") from None
    import dask

    # Non-daemonic workers may start the per-file child processes (see the module's doc).
    with dask.config.set({"distributed.worker.daemon": False}):
        local = LocalCluster(n_workers=cluster.workers, threads_per_worker=cluster.threads_per_worker,
                             processes=True, dashboard_address=None)
    return Client(local), local


def _on_dask(client, url: str, run: IngestRun, jobs: list[Job]) -> Iterator[Outcome]:
    """The executor: one task per job, outcomes as the tasks finish."""
    from distributed import as_completed

    futures = [
        client.submit(store_on_worker, job, job.path.read_bytes(), url, run.options, run.run_id,
                      key=f"juesuan-{run.run_id}-{job.index}", pure=False, retries=1)
        for job in jobs
    ]
    for future in as_completed(futures):
        yield future.result()


_ENGINES: dict[str, Engine] = {}


def store_on_worker(job: Job, data: bytes, url: str, options: IngestOptions, run_id: str) -> Outcome:
    """On a Dask worker: parse one file's bytes in a limited child process and store its
    report in one transaction.

    The file is written under its own name in a private temporary folder, so the readers
    see its real extension and the identity's file-name fallback its real name; every
    record keeps the client's path as its provenance."""
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _ENGINES[url] = make_engine(url)
    run = IngestRun(engine, options, run_id=run_id)
    if not job.given and run.is_stored(job.sha256):  # a --manifest file is read again
        outcome = Outcome(path_text(job.path), SKIPPED, RERUN_REASON, job.sha256)
        run.record([outcome], progress=False)
        return outcome
    with tempfile.TemporaryDirectory(prefix="juesuan-") as folder:
        local = Path(folder) / job.path.name
        local.write_bytes(data)
        if multiprocessing.current_process().daemon:
            result, seconds = parse_in_program(job, options, local)
        else:
            result, seconds = parse_in_worker(job, options, local)
    return run.store(job, result, seconds)
