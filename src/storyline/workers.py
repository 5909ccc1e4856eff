"""Worker processes that never outlive the run that started them.

A run may be killed at any moment (SIGKILL, an out-of-memory kill, a closed terminal). Its worker
processes would then wait forever for work that never comes, each holding hundreds of MB: a pool's
workers are not told when their parent dies. :func:`worker_pool` starts workers that die with it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# prctl(2) option: the signal this process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def usable_cpus() -> int:
    """The cores this process may run on (its affinity where the platform tells it, else every core)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worker_pool(
    workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """A process pool whose workers are killed when this process dies, then run ``initializer``.

    Forked on Linux: a spawned worker re-imports the caller's main module, which breaks any script that
    calls storyline without an ``if __name__ == "__main__"`` guard, and starts slower (the embedding model
    and settings are loaded again). Elsewhere (macOS, Windows) fork is unsafe or absent; there, workers
    notice a dead parent only when they next read work, which a killed parent never sends: see
    :func:`_die_with_parent`.
    """
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), initializer, initargs)
    )


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    _die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux); exit now if it already has."""
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no C library to call: the worker lives as before
            pass
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)
