"""Run check functions so that a raise, a hang or a malformed result cannot take a run down.

The checks of one document are handed to a worker thread in one batch; the worker runs them
in order (draining the iterable each returns: a generator does its work while drained),
keeping each result, and says when the batch is done. The caller sleeps until then, waking
only when the check running has had ``timeout`` seconds (not once per check: each wake-up
is a thread switch, ~10 µs, and ~1 ms over a document's hundred checks). Python cannot
kill a thread, so a check that hangs is abandoned: its daemon thread is left behind (it
ends with the process, and runs nothing more of the batch), and the checks after it go to
a new worker. This does not contain a check that exhausts memory, calls ``os._exit`` or
blocks inside C code holding the GIL: plugins are code you chose to run (docs/security.md).
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from govcheck.checks.base import Violation

Call = tuple[Callable[..., Any], tuple[Any, ...]]
Result = Callable[[], list[Any]]  # returns the call's list, or raises what the call raised


class TimedOut(Exception):
    """The check did not finish within its time limit."""


class NotIterable(Exception):
    """The check returned something other than an iterable of violations (repr as message)."""


def call(func: Callable[..., Any], *args: Any, timeout: float | None) -> list[Any]:
    """``list(func(*args))`` within ``timeout`` seconds (``None`` or 0: no limit, same thread).

    Whatever the function raises is raised here, in the caller's thread.
    """
    return call_many([(func, args)], timeout=timeout)[0]()


def call_many(calls: Sequence[Call], *, timeout: float | None) -> list[Result]:
    """Run ``calls`` in order, each within ``timeout`` seconds; one result per call.

    Each result, called, returns the call's list or raises its exception (``TimedOut`` for
    a call cut off). One hand-off to the worker per batch keeps the cost per rule low.
    """
    if not timeout:
        return [_inline(func, args) for func, args in calls]
    results: list[Result] = []
    while len(results) < len(calls):
        worker = _worker()
        rest = calls[len(results) :]
        if worker is None:  # no thread could be started: check without the time limit
            results += [_inline(func, args) for func, args in rest]
            break
        batch = _Batch(rest)
        worker.tasks.put(batch)
        stuck = None
        while not batch.done.wait(max(batch.running[1] + timeout - time.monotonic(), 0)):
            index, started = batch.running
            if len(batch.results) <= index and time.monotonic() - started >= timeout:
                batch.cancelled = True  # the stuck worker runs nothing more of this batch
                _local.worker = None  # and is never reused
                stuck = index
                break
        finished = batch.results[:stuck]  # a copy: an abandoned worker may still add to it
        # emptied, or an exception would keep the batch (and its document) alive in a cycle:
        # exception -> traceback -> the worker's frame -> batch -> results -> exception
        batch.results.clear()
        results += [_returner(value) if ok else _raiser(value) for ok, value in finished]
        if stuck is not None:
            results.append(_raiser(TimedOut()))
    return results


def well_formed(item: object) -> bool:
    """True for a :class:`Violation` whose fields have the documented types."""
    return (
        isinstance(item, Violation)
        and isinstance(item.path, str)
        and (item.path == "" or item.path.startswith("/"))
        and isinstance(item.message, str)
        and bool(item.message.strip())
        and isinstance(item.key, bool)
        and isinstance(item.value, str)
    )


# At most this many violations of one rule on one document are kept; the rest are counted
# (Kept.dropped) and reported as one "and N more" finding, so a check that would yield
# millions cannot exhaust memory (docs/security.md).
MAX_VIOLATIONS = 200


class Kept(list):  # type: ignore[type-arg]
    """The violations kept from one check's result, and how many more it yielded."""

    dropped = 0


def _drain(func: Callable[..., Any], args: tuple[Any, ...]) -> list[Any]:
    result = func(*args)
    if (
        result is None
        or isinstance(result, (str, bytes, Mapping, Violation))  # a Violation is a tuple, so iterable
        or not isinstance(result, Iterable)
    ):
        text = repr(result)
        raise NotIterable(text if len(text) <= 80 else text[:77] + "...")
    kept = Kept()
    for item in result:
        if len(kept) < MAX_VIOLATIONS:
            kept.append(item)
        else:
            kept.dropped += 1
    return kept


def _inline(func: Callable[..., Any], args: tuple[Any, ...]) -> Result:
    from govcheck import signals

    try:
        return _returner(_checking(func, args))
    except BaseException as exc:  # handed to the caller, which decides
        if isinstance(exc, (KeyboardInterrupt, signals.Stopped)) and signals.interrupted():
            raise
        return _raiser(exc)


# A check that forks (os.fork, multiprocessing with "fork") would leave a copy of govcheck
# running the rest of the run in the child: it could print a second report, hold the
# output pipe open and hang whoever waits for it. The child of a fork made inside a check
# exits at once instead (status 70); forks made by govcheck itself (--jobs) are unaffected.
_in_check = threading.local()


def _checking(func: Callable[..., Any], args: tuple[Any, ...]) -> list[Any]:
    _in_check.active = True
    try:
        return _drain(func, args)
    finally:
        _in_check.active = False


def _end_forked_check() -> None:
    if getattr(_in_check, "active", False):
        os._exit(70)


def _returner(value: list[Any]) -> Result:
    return lambda: value


def _raiser(exc: BaseException) -> Result:
    # The exception is handed over once, not held by the closure: a closure that raises its
    # own cell's exception is a reference cycle (exception -> traceback -> frame -> cell ->
    # exception) that keeps the whole checked document alive until a full collection.
    box = [exc]

    def result() -> list[Any]:
        raise box.pop()

    return result


_local = threading.local()  # one worker per calling thread, so parallel engines do not queue


def _forget_workers() -> None:
    """In a forked child the parent's worker threads do not exist: start afresh."""
    global _local
    _local = threading.local()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_workers)
    os.register_at_fork(after_in_child=_end_forked_check)


def _worker() -> _Worker | None:
    worker = getattr(_local, "worker", None)
    if worker is None:
        try:
            worker = _local.worker = _Worker()
        except RuntimeError:  # "can't start new thread" (a tight memory or thread limit)
            return None
    return worker


class _Batch:
    def __init__(self, calls: Sequence[Call]) -> None:
        self.calls = calls
        self.results: list[tuple[bool, Any]] = []  # (returned, the list or the exception), in order
        self.running = (0, time.monotonic())  # the call running and when it started
        self.done = threading.Event()
        self.cancelled = False


class _Worker:
    """A daemon thread that runs batches of calls for the thread that created it."""

    def __init__(self) -> None:
        self.tasks: queue.SimpleQueue[_Batch] = queue.SimpleQueue()
        thread = threading.Thread(target=self._loop, name="govcheck-check", daemon=True)
        thread.start()

    def _loop(self) -> None:
        while True:
            # No local of this loop holds a batch, so the document is not kept alive between batches.
            self._run(self.tasks.get())

    @staticmethod
    def _run(batch: _Batch) -> None:
        try:
            for index, (func, args) in enumerate(batch.calls):
                if batch.cancelled:
                    break
                batch.running = (index, time.monotonic())
                try:
                    batch.results.append((True, _checking(func, args)))
                except BaseException as exc:  # handed to the caller, which decides
                    batch.results.append((False, exc))
        finally:
            batch.done.set()
