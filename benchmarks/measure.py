"""Run one command and measure its whole process tree: CPU seconds, wall time, peak memory.

Why not just ``resource.getrusage``: ``juesuan ingest`` forks workers (through a fork
server), and a process that is never waited for by its parent does not add its CPU time
to anyone's ``RUSAGE_CHILDREN``. So the measuring process makes itself a *child
subreaper* (Linux ``prctl``): orphans are re-parented to it and reaped by it, and every
CPU second of the tree arrives in its ``RUSAGE_CHILDREN``. Peak memory is the largest
sum over the tree of each process's proportional set size (PSS, so pages a forked worker
shares with its parent count once), sampled every ``interval`` seconds
(reading ``/proc/PID/task/*/children``, about 1 ms a sample, so the sampler itself
does not steal the cores it measures).
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Measured:
    """One measured run of a command."""

    wall_s: float
    cpu_s: float  # user + system, whole tree
    peak_mb: float  # peak of the tree's summed PSS (RSS where PSS is unreadable)
    peak_single_mb: float  # largest sampled memory of one process of the tree
    returncode: int
    stderr: str


def become_subreaper() -> bool:
    """Adopt orphaned descendants so their CPU time is accounted (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def children(pid: int) -> list[int]:
    """Direct children of ``pid``, from ``/proc/PID/task/*/children`` (cheap: no full scan)."""
    found: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            try:
                found += [int(c) for c in Path(task.path, "children").read_text().split()]
            except OSError:
                continue
    except OSError:
        pass
    return found


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children(pid))
    return out


def memory_mb(pid: int) -> float:
    """PSS of one process in MB (RSS when smaps_rollup is not readable)."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            lines = Path(f"/proc/{pid}/{name}").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    return 0.0


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process tree until stopped."""

    def __init__(self, root: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_mb = 0.0
        self.peak_single_mb = 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            sizes = [memory_mb(pid) for pid in descendants(self.root)]
            self.peak_mb = max(self.peak_mb, sum(sizes))
            self.peak_single_mb = max([self.peak_single_mb, *sizes])
            self._stop_event.wait(self.interval)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


def _reap_orphans() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def run_measured(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None,
                 timeout: float | None = None, interval: float = 0.2) -> Measured:
    """Run ``cmd`` to completion and measure its process tree."""
    become_subreaper()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid, interval)
    sampler.start()
    try:
        _, stderr = proc.communicate(timeout=timeout)
    finally:
        peak = sampler.stop()
    wall = time.monotonic() - started
    _reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(round(wall, 3), round(cpu, 3), round(peak, 1),
                    round(sampler.peak_single_mb, 1), proc.returncode, stderr)
