"""The per-file worker as a program (``python -m ingest.child``), for a parent that may not
fork children through multiprocessing (a daemonic Dask worker: ``ingest.cluster``).

It reads one pickled request ``(path, sha256, memory_limit_mb, given)`` on stdin and
writes the pickled ``Parsed``/``Unparsed`` on stdout, with the same preload, memory limit
and reasons as a worker forked by the local pool (``ingest.worker.run_in_worker``)."""

from __future__ import annotations

import os
import pickle
import signal
import sys


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops it
    import ingest.preload  # noqa: F401 - the forked worker's warm state, before the limit is counted
    from ingest.worker import limit_memory, parse_limited, send_result

    path, sha256, memory_limit_mb, given = pickle.load(sys.stdin.buffer)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, not into the result
    limit_memory(memory_limit_mb)
    send_result(lambda value: out.write(pickle.dumps(value)), parse_limited(path, sha256, memory_limit_mb, given),
                memory_limit_mb)
    out.close()


if __name__ == "__main__":
    main()
