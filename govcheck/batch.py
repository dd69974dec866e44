"""Checking many documents: worker processes (``--jobs``) and a plain progress bar.

One :class:`~govcheck.engine.Engine` (plugin manager, rule set, validator) serves the
whole batch. Worker processes are forked from the process that built it, so they share
it without pickling or reloading anything; only paths go out and results come back, in
chunks, and the results are returned in the order of the paths. Where ``fork`` is not
available (Windows), documents are checked one after another in this process.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from govcheck.errors import GovcheckError

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.engine import Engine
    from govcheck.report import DocumentResult

PROGRESS_MIN_FILES = 200  # shorter batches finish before a bar would help
MAX_CHUNK = 32  # documents per task sent to a worker
# Starting the workers costs ~50 ms of CPU, about five typical documents' worth, so by
# default each worker gets at least this many documents (docs/performance.md).
MIN_FILES_PER_WORKER = 8


def default_jobs(files: int) -> int:
    """Worker processes for ``files`` documents: one per usable core, fewer for small
    batches (one for fewer than ``2 * MIN_FILES_PER_WORKER`` documents)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, files // MIN_FILES_PER_WORKER))


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def check_paths(
    engine: Engine, paths: Sequence[Path], jobs: int | None = None, progress: bool = False
) -> list[DocumentResult]:
    """Check ``paths`` with ``jobs`` processes (None: :func:`default_jobs`), results in order.

    ``progress`` allows a progress bar on standard error for batches of at least
    ``PROGRESS_MIN_FILES`` documents; the caller decides whether standard error is a terminal.
    """
    jobs = default_jobs(len(paths)) if jobs is None else max(1, min(jobs, len(paths)))
    bar = Progress(len(paths)) if progress and len(paths) >= PROGRESS_MIN_FILES else None
    # Documents kept for drawing (the HTML report) hold read-only mappings that cannot be
    # sent back from a worker; such runs check in this process.
    if jobs > 1 and not engine.keep_documents and can_fork():
        results = _parallel(engine, paths, jobs)
    else:
        results = (engine.check_path(p, str(p)) for p in paths)
    done = []
    for result in results:
        done.append(result)
        if bar is not None:
            bar.update(len(done))
    if bar is not None:
        bar.close()
    return done


# -- worker processes ----------------------------------------------------------------------

_ENGINE: Engine | None = None


def _init_worker(engine: Engine) -> None:
    global _ENGINE
    _ENGINE = engine


def _check_chunk(paths: list[str]) -> list[DocumentResult]:
    assert _ENGINE is not None, "worker used without an engine"
    return [_ENGINE.check_path(Path(p), p) for p in paths]


def _chunks(paths: Sequence[Path], size: int) -> Iterator[list[str]]:
    for start in range(0, len(paths), size):
        yield [str(p) for p in paths[start : start + size]]


def _parallel(engine: Engine, paths: Sequence[Path], jobs: int) -> Iterator[DocumentResult]:
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Small chunks keep both workers busy to the end; large ones cost fewer round trips.
    size = max(1, min(MAX_CHUNK, len(paths) // (jobs * 4)))
    frozen_before = gc.get_freeze_count() > 0  # the command line freezes at start-up
    gc.freeze()  # forked workers then share the engine's pages instead of copying them
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(engine,),
        ) as pool:
            for chunk in pool.map(_check_chunk, _chunks(paths, size)):
                yield from chunk
    except BrokenProcessPool:
        raise GovcheckError(
            "a worker process stopped unexpectedly (out of memory?); rerun with --jobs 1"
        ) from None
    except Exception as exc:  # e.g. a plugin's result that cannot be sent between processes
        raise GovcheckError(
            f"a worker process failed: {type(exc).__name__}: {exc}; rerun with --jobs 1"
        ) from None
    finally:
        if not frozen_before:  # unfreeze() releases everything; leave the CLI's freeze alone
            gc.unfreeze()


# -- progress ------------------------------------------------------------------------------


class Progress:
    """``checked 120/1000 [###.......]`` on one line of standard error, redrawn at most 10x/s."""

    WIDTH = 30

    def __init__(
        self, total: int, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic
    ):
        self.total = total
        self.stream = stream or sys.stderr
        self.clock = clock
        self.last = float("-inf")  # the first update is always drawn

    def update(self, done: int) -> None:
        now = self.clock()
        if done < self.total and now - self.last < 0.1:
            return
        self.last = now
        filled = self.WIDTH * done // max(self.total, 1)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\rchecked {done}/{self.total} [{bar}]")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar, so that the report starts on a clean line."""
        self.stream.write("\r" + " " * (self.WIDTH + 30) + "\r")
        self.stream.flush()
