"""A pool of worker processes that run the checks, so one heavy document cannot stall the rest.

The web process never checks a document itself: it hands each request to an idle worker
over a pipe and waits (without blocking its event loop) for the answer. At most
``workers`` checks run at once and at most ``queue`` more wait for a worker; a request
beyond that is refused at once (:class:`Busy`, HTTP 429). A check that outlives the
request time limit has its worker killed and replaced (:class:`TimedOut`, HTTP 503); a
worker that dies (out of memory under its address-space ceiling, say) is replaced too
(:class:`WorkerLost`, HTTP 503). A worker is also replaced after ``jobs_per_worker``
checks, so memory a plugin leaks cannot grow without bound.

Workers are started by multiprocessing's *forkserver*: each is a fork of a small, clean,
single-threaded process, never of the web server (which holds the listening socket and
an event loop). Each builds its :class:`~govcheck.server.service.Service` from the same
start-up options and refuses to serve if its rules differ from those the server started
with (a rule pack edited on disk after start).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
from collections.abc import Coroutine
from multiprocessing.connection import Connection
from typing import Any

from govcheck.server.service import CheckRequest, CheckResult, Options, RequestError

logger = logging.getLogger("govcheck.server")
START_TIMEOUT = 60.0  # seconds for a new worker to import govcheck and load its rules


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TimedOut(Exception):
    """The check did not finish within the request time limit."""


class WorkerLost(Exception):
    """The worker died while checking (its memory ceiling, or a crash); it was replaced."""


class CheckFailed(Exception):
    """The check raised (a reporter plugin's bug, say); the worker lives on."""


class StartError(Exception):
    """A worker could not start (its configuration or rules differ from the server's)."""


def _worker_main(conn: Connection, options: Options, rules_version: str) -> None:
    """A worker: build the service once, then answer check requests until told to stop."""
    import resource
    import signal

    # Ctrl-C in a terminal reaches the whole process group: the web process shuts the pool
    # down itself, so a worker must not die mid-check with a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    if options.worker_memory_mb:
        limit = options.worker_memory_mb << 20
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        from govcheck.server.service import Service

        service = Service(options)
        if service.rules_version != rules_version:
            conn.send(("error", f"the rules changed since the server started ({service.rules_version}, "
                                f"not {rules_version}); restart the server"))
            return
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    # The service's modules and rules live as long as the worker: the collector's full passes
    # skip them from now on. While a request is answered the collector is paused (as the
    # engine pauses it to check): its passes would only walk the request's document and
    # report, which are freed, acyclic, when the answer has gone; cycles left are collected
    # once it runs again, between requests.
    gc.freeze()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        gc.disable()
        try:
            _answer(conn, service, request)
        finally:
            gc.enable()
        request = None  # free the document before waiting


def _answer(conn: Connection, service: Any, request: CheckRequest) -> None:
    try:
        reply: tuple[str, Any] = ("ok", service.check(request))
    except RequestError as exc:
        reply = ("request", (exc.status, exc.detail))
    except MemoryError:
        reply = ("memory", "the document needed more memory than a worker may use")
    except Exception as exc:  # a reporter plugin's bug, say: the request fails, the worker lives
        reply = ("failed", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(reply)
    except MemoryError:
        conn.send(("memory", "the report needed more memory than a worker may use"))


class _Worker:
    def __init__(self, ctx: Any, options: Options, rules_version: str) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.process = ctx.Process(
            target=_worker_main, args=(child, options, rules_version), name="govcheck-serve-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.jobs = 0

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StartError(f"a worker did not start within {timeout:g} seconds")
        try:
            kind, detail = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StartError("a worker exited while starting") from None
        if kind != "ready":
            self.kill()
            raise StartError(str(detail))

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


class Pool:
    """``options.workers`` worker processes and a bounded queue in front of them."""

    def __init__(self, options: Options, rules_version: str) -> None:
        self.options = options
        self.rules_version = rules_version
        self.ctx = multiprocessing.get_context("forkserver")
        self.ctx.set_forkserver_preload(["govcheck.server.service"])
        self.workers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] | None = None
        self.waiting = 0
        self.running = 0
        self.replaced = 0
        self.starting = 0  # workers being replaced
        self.closed = False
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        """Start every worker and wait until each has loaded its rules (raises StartError)."""
        workers = [_Worker(self.ctx, self.options, self.rules_version) for _ in range(self.options.workers)]
        try:
            for w in workers:
                w.wait_ready(START_TIMEOUT)
        except StartError:
            for w in workers:
                w.kill()
            raise
        self.workers = workers

    @property
    def idle(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:  # created on the event loop that serves
            self._idle = asyncio.Queue()
            for w in self.workers:
                self._idle.put_nowait(w)
        return self._idle

    @property
    def ready(self) -> bool:
        return not self.closed and any(w.process.is_alive() for w in self.workers)

    async def check(self, request: CheckRequest, deadline: float) -> CheckResult:
        """Run one check; ``deadline`` is the event loop's clock time it must end by."""
        loop = asyncio.get_running_loop()
        idle = self.idle
        if not self.workers and not self.starting:
            raise WorkerLost("no worker is running (a replacement could not start; see the server's log)")
        try:
            worker = idle.get_nowait()  # taken at once, so two requests never count one idle worker
        except asyncio.QueueEmpty:
            if self.waiting >= self.options.queue:
                raise Busy() from None
            self.waiting += 1
            try:
                worker = await asyncio.wait_for(idle.get(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                raise TimedOut() from None
            finally:
                self.waiting -= 1
        self.running += 1
        healthy = False
        try:
            worker.conn.send(request)
            kind, value = await self._reply(worker, deadline)
            if kind == "memory":  # the worker hit its ceiling: it may be in a bad state
                raise WorkerLost(value)
            healthy = True
        except (OSError, EOFError):
            raise WorkerLost() from None
        finally:
            # A worker that failed, overran, or whose request was cancelled mid-check (its
            # answer would go to the next request) is replaced in the background, so the
            # client's 503 does not wait for the new worker to start.
            self.running -= 1
            worker.jobs += 1
            if not healthy:
                self._background(self._recycle(worker, graceful=False))
            elif worker.jobs >= self.options.jobs_per_worker:
                self._background(self._recycle(worker, graceful=True))
            else:
                idle.put_nowait(worker)
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "request":
            status, detail = value
            raise RequestError(detail, status)
        raise CheckFailed(value)

    async def _reply(self, worker: _Worker, deadline: float) -> tuple[str, Any]:
        loop = asyncio.get_running_loop()
        readable: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()

        def wake() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(fd, wake)
        try:
            await asyncio.wait_for(readable, max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            raise TimedOut() from None
        finally:
            loop.remove_reader(fd)
        try:
            reply: tuple[str, Any] = worker.conn.recv()
        except (EOFError, OSError):
            raise WorkerLost("the worker stopped while checking the document") from None
        return reply

    def _background(self, job: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _recycle(self, worker: _Worker, graceful: bool) -> None:
        """Stop ``worker`` and put a fresh one in its place (none, if none can start)."""
        self.replaced += 1
        self.starting += 1
        try:
            self.workers.remove(worker)
            await asyncio.to_thread(worker.stop if graceful else worker.kill)
            if self.closed:
                return
            try:
                fresh = await asyncio.to_thread(self._start_one)
            except StartError as exc:
                logger.error("govcheck serve: a replacement worker could not start: %s", exc)
                return
        finally:
            self.starting -= 1
        if self.closed:
            fresh.stop()
            return
        self.workers.append(fresh)
        self.idle.put_nowait(fresh)

    def _start_one(self) -> _Worker:
        worker = _Worker(self.ctx, self.options, self.rules_version)
        worker.wait_ready(START_TIMEOUT)
        return worker

    def close(self) -> None:
        self.closed = True
        for w in list(self.workers):
            w.stop()
        self.workers = []
