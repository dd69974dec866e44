"""``govcheck serve``: the checks as an HTTP service (docs/server.md).

Needs the ``server`` extra (``pip install 'govcheck[server]'``): Starlette and uvicorn are
imported only by this command. :func:`serve` loads the configuration, plugins and rule
packs once, starts the worker processes, binds the socket and serves until stopped.
"""

from __future__ import annotations

import socket
import sys

from govcheck.errors import GovcheckError
from govcheck.server.service import Options

__all__ = ["Options", "serve"]


class ServeError(GovcheckError):
    """The server could not start (exit code 2, one line)."""


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets
    # that say they are TCP, and with it on, a kept-alive response waits ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(options: Options, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Serve until SIGINT or SIGTERM. Raises GovcheckError when it cannot start."""
    try:
        import uvicorn

        from govcheck.server.app import State, create_app
    except ImportError as exc:
        raise ServeError(f"govcheck serve needs the server extra ({exc.name} is missing): "
                         "pip install 'govcheck[server]'") from None
    from govcheck.server.audit import AuditLog
    from govcheck.server.pool import Pool, StartError
    from govcheck.server.service import Service

    service = Service(options)  # a bad configuration, plugin or rule pack stops here (exit 2)
    sock = _bind(host, port)
    try:
        audit = AuditLog(options.audit_log, options.audit_max_bytes, options.audit_keep, options.audit_documents)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot open the audit log {options.audit_log}: {exc.strerror or exc}") from None
    pool = Pool(options, service.rules_version)
    try:
        pool.start()
    except StartError as exc:
        sock.close()
        raise ServeError(f"a worker could not start: {exc}") from None
    app = create_app(State(service, pool, audit))
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_keep_alive=5,
        # h11, not httptools: uvicorn bounds h11's incomplete request head (16 KiB), while
        # with httptools a client streaming one endless header grew the process by its size.
        http="h11",
        loop="asyncio",
    )
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(
        f"govcheck serve: listening on http://{shown}:{sock.getsockname()[1]} "
        f"({options.workers} worker(s), rules {service.rules_version})\n"
    )
    sys.stderr.flush()
    _stop_cleanly_on_sigterm()
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        pool.close()
        sock.close()


def _stop_cleanly_on_sigterm() -> None:
    """SIGTERM is how a service is stopped: exit 0 once uvicorn has finished the requests in
    flight (it re-raises the signal to the handler it found), not the 143 of a check run
    stopped part-way (govcheck.signals); ``finally`` blocks still stop the workers."""
    import signal
    import threading

    def stopped(signum: int, frame: object) -> None:
        raise SystemExit(0)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stopped)
