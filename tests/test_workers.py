"""Worker processes die with the run that started them, even when it is killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.workers import worker_pool

# A run that starts a pool, makes sure its worker is up, prints the worker's pid, then waits to be killed.
RUN = """
import os, sys, time
from storyline.workers import worker_pool
pool = worker_pool(1)
print(pool.submit(os.getpid).result(), flush=True)
time.sleep(120)
"""


def _gone(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        state = next(line for line in status.read_text().splitlines() if line.startswith("State:"))
    except (FileNotFoundError, ProcessLookupError):
        return True
    return "Z" in state.split()[1]  # a zombie has exited and only waits to be reaped


def test_a_worker_runs_the_initializer_and_the_work() -> None:
    with worker_pool(1, initializer=os.environ.setdefault, initargs=("STORYLINE_TEST_WORKER", "set")) as pool:
        assert pool.submit(os.getenv, "STORYLINE_TEST_WORKER").result() == "set"
        assert pool.submit(os.getppid).result() == os.getpid()


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's parent-death signal is Linux's")
def test_workers_die_when_their_run_is_killed() -> None:
    run = subprocess.Popen([sys.executable, "-c", RUN], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(run.stdout.readline())
        assert not _gone(worker)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=10)
        deadline = time.monotonic() + 10
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(worker), "the worker outlived its killed parent"
    finally:
        if run.poll() is None:
            run.kill()
