"""Stopping a run: SIGTERM, SIGHUP and Ctrl-C.

The command line turns SIGTERM and SIGHUP into :class:`Stopped` (a ``SystemExit`` with code
128 + the signal's number) in the main thread, so ``finally`` blocks run: worker processes
are stopped (``govcheck.batch``), a report file being written is removed before it replaces
anything (``govcheck.fileio.write_atomic``), and the process exits 143 (SIGTERM) or 129
(SIGHUP). Ctrl-C is recorded too, so that a check that raises ``KeyboardInterrupt`` itself is
told apart from the user pressing Ctrl-C (``interrupted``).
"""

from __future__ import annotations

import signal
import threading
from types import FrameType


class Stopped(SystemExit):
    """The run was stopped by a signal; ``code`` is 128 + its number."""


_received: list[int] = []


_installed: list[bool] = []


def interrupted() -> bool:
    """True once the user pressed Ctrl-C (SIGINT) or the run was stopped by a signal.

    Without the handlers (the Python API), every KeyboardInterrupt counts as the user's."""
    return bool(_received) or not _installed


def _stop(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise Stopped(128 + signum)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise KeyboardInterrupt


def install() -> None:
    """Install the handlers (main thread only; a no-op elsewhere, e.g. under a server)."""
    if threading.current_thread() is not threading.main_thread():
        return
    _installed.append(True)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)


def default_in_child() -> None:
    """In a forked worker: SIGTERM and SIGHUP end it at once (the parent reports)."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
