"""Run check functions so that a raise, a hang or a malformed result cannot take a run down.

A check runs on a worker thread and the engine waits at most ``timeout`` seconds for it
to finish, including draining the iterable it returns (a generator does its work while
being drained). Python cannot kill a thread, so a check that hangs is abandoned: its
daemon thread is left behind (it ends with the process) and later checks get a new
worker. What this does not do is contain a check that exhausts memory or calls
``os._exit``: plugins are code you chose to run (see docs/security.md).
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from govcheck.checks.base import Violation


class TimedOut(Exception):
    """The check did not finish within its time limit."""


class NotIterable(Exception):
    """The check returned something other than an iterable of violations (repr as message)."""


def call(func: Callable[..., Any], *args: Any, timeout: float | None) -> list[Any]:
    """``list(func(*args))`` within ``timeout`` seconds (``None`` or 0: no limit, same thread).

    Whatever the function raises is raised here, in the caller's thread.
    """
    if not timeout:
        return _drain(func, args)
    worker = getattr(_local, "worker", None)
    if worker is None:
        try:
            worker = _local.worker = _Worker()
        except RuntimeError:  # "can't start new thread" (a tight memory or thread limit)
            return _drain(func, args)  # still checked, only without the time limit
    try:
        return worker.run(func, args, timeout)
    except TimedOut:
        _local.worker = None  # the old thread is stuck in the check; never reuse it
        raise


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


def _drain(func: Callable[..., Any], args: tuple[Any, ...]) -> list[Any]:
    result = func(*args)
    if result is None or isinstance(result, (str, bytes, Mapping)) or not isinstance(result, Iterable):
        text = repr(result)
        raise NotIterable(text if len(text) <= 80 else text[:77] + "...")
    return list(result)


_local = threading.local()  # one worker per calling thread, so parallel engines do not queue


def _forget_workers() -> None:
    """In a forked child the parent's worker threads do not exist: start afresh."""
    global _local
    _local = threading.local()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_workers)


class _Worker:
    """A daemon thread that runs one call at a time for the thread that created it."""

    def __init__(self) -> None:
        self.tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()
        thread = threading.Thread(target=self._loop, name="govcheck-check", daemon=True)
        thread.start()

    def _loop(self) -> None:
        while True:
            func, args, box, done = self.tasks.get()
            try:
                box.append((True, _drain(func, args)))
            except BaseException as exc:  # handed to the caller, which decides
                box.append((False, exc))
            finally:
                del func, args  # do not keep the document alive between calls
                done.release()

    def run(self, func: Callable[..., Any], args: tuple[Any, ...], timeout: float) -> list[Any]:
        box: list[tuple[bool, Any]] = []
        done = threading.Lock()  # a bare lock is much cheaper than an Event
        done.acquire()
        self.tasks.put((func, args, box, done))
        if not done.acquire(timeout=timeout):
            raise TimedOut
        ok, value = box[0]
        if ok:
            return value
        raise value
