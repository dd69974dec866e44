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
from typing import TYPE_CHECKING, Any, TextIO

from govcheck.report import Documents

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
    engine: Engine, paths: Sequence[str | os.PathLike[str]], jobs: int | None = None, progress: bool = False
) -> Documents:
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
        results = engine.check_each(paths)
    done = Documents()
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
    from govcheck.signals import default_in_child

    default_in_child()
    _ENGINE = engine


def _stop_workers(pool: Any) -> None:
    """Stop a pool's worker processes now (the run is being stopped): none is left behind."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=2)
        if process.is_alive():
            process.kill()
            process.join(timeout=2)
    pool.shutdown(wait=True)  # join the pool's manager thread now, not in an exit handler
    # CPython 3.11's exit handler would wake the (now closed) manager of this pool again and
    # print "Bad file descriptor": it is done, so take it off that list.
    from concurrent.futures import process as futures_process

    wakeups = getattr(futures_process, "_threads_wakeups", None)
    if wakeups is not None and manager is not None:
        wakeups.pop(manager, None)


def _check_chunk(paths: list[str]) -> list[DocumentResult]:
    assert _ENGINE is not None, "worker used without an engine"
    return [_ENGINE.check_path(p, p) for p in paths]


def _chunks(paths: Sequence[str | os.PathLike[str]], size: int) -> Iterator[list[str]]:
    for start in range(0, len(paths), size):
        yield [str(p) for p in paths[start : start + size]]


def _parallel(engine: Engine, paths: Sequence[str | os.PathLike[str]], jobs: int) -> Iterator[DocumentResult]:
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Small chunks keep both workers busy to the end; large ones cost fewer round trips.
    size = max(1, min(MAX_CHUNK, len(paths) // (jobs * 4)))
    frozen_before = gc.get_freeze_count() > 0  # the command line freezes at start-up
    gc.freeze()  # forked workers then share the engine's pages instead of copying them

    def new_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(engine,),
        )

    # One bad document never costs the others. A chunk whose worker died (a check that
    # called os._exit or was killed for memory) or whose result could not be sent back is
    # checked again one document at a time, each alone in a worker, so the document at
    # fault is known: it alone gets an error outcome.
    failed: list[str] = []
    try:
        with new_pool(jobs) as pool:
            try:
                futures = [(chunk, pool.submit(_check_chunk, chunk)) for chunk in _chunks(paths, size)]
                for chunk, future in futures:
                    if failed:  # after a failure, keep the order: the rest waits for the retry
                        failed.extend(chunk)
                        continue
                    try:
                        yield from future.result()
                    except BrokenProcessPool:
                        failed.extend(chunk)
                    except Exception:  # e.g. a plugin's result that cannot be sent between processes
                        failed.extend(chunk)
            except BaseException:  # Ctrl-C, SIGTERM/SIGHUP (govcheck.signals), a closed generator
                _stop_workers(pool)
                raise
        if failed:
            yield from _one_at_a_time(engine, failed, new_pool)
    finally:
        if not frozen_before:  # unfreeze() releases everything; leave the CLI's freeze alone
            gc.unfreeze()


def _one_at_a_time(
    engine: Engine, paths: list[str], new_pool: Callable[[int], Any]
) -> Iterator[DocumentResult]:
    """Check each of ``paths`` alone in a worker; a document that breaks it gets an error outcome."""
    from concurrent.futures.process import BrokenProcessPool

    pool = new_pool(1)
    try:
        for path in paths:
            try:
                yield pool.submit(_check_chunk, [path]).result()[0]
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                pool = new_pool(1)
                yield engine.failed(
                    path, "the worker process checking this document stopped unexpectedly "
                    "(a check that ended the process, or out of memory)"
                )
            except Exception as exc:
                yield engine.failed(path, f"the result could not be returned from its worker: {type(exc).__name__}: {exc}")
    except BaseException:
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True)


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
