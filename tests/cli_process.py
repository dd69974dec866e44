"""``python -m govcheck`` in a new process, started by forking a process that has already
imported the command line, instead of a new interpreter that imports it again.

Hundreds of tests run the command line (``run_cli``); each new interpreter spends most of its
~0.1 s starting up and importing typer, click and govcheck.cli. A *zygote* (one per test
process, started on first use) imports them once, then forks one child per run. The child is
a real process as the test sees it: its own standard input, output and error (pipes), working
directory, environment (the test's, or the one it passes), umask, exit status (a signal
death is ``-N`` as with ``subprocess``) and, for tests/sandbox.py, its own address-space
ceiling (``RLIMIT_AS``, set in the child); it runs ``govcheck.__main__`` as ``python -m`` does
and exits through normal interpreter shutdown. A ``PYTHONPATH`` of its own is put on
``sys.path`` as a new interpreter puts it (tests/test_cli_process.py compares the two). What
the fork cannot give is a fresh interpreter start: the other variables read at start-up
(``PYTHON*``, the locale) and the hash seed. A run whose environment sets any of those
differently starts a new interpreter instead, as does every run under
``GOVCHECK_TEST_EXEC=1`` (which runs the suite the old way throughout).
"""

from __future__ import annotations

import array
import contextlib
import inspect
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

# Read by the interpreter when it starts, so a forked child cannot honour a change to them.
# (PYTHONPATH is the exception: a child puts its entries on sys.path as a new interpreter would.)
_STARTUP = ("PYTHON", "LC_", "LANG")


def _ceiling(memory_mb: int) -> None:
    """As tests/sandbox.py asks: at most ``memory_mb`` of address space, and no core file."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _entries(pythonpath: str) -> list[str]:
    """The directories PYTHONPATH puts on ``sys.path``, absolute (against the working
    directory) and each once, as the interpreter's start-up (``site``) leaves them."""
    return list(dict.fromkeys(os.path.abspath(p) for p in pythonpath.split(os.pathsep) if p))


def _source(*functions: Callable[..., object]) -> str:
    """The source of ``functions``, for the programs started with ``python -c``."""
    return "".join(inspect.getsource(f) + "\n" for f in functions)


_ZYGOTE = r"""
import array, json, os, runpy, socket, sys
sys.path.pop(0)  # '' (-c): a child puts its own working directory first, as -m does
# without this process's own PYTHONPATH entries (a child puts those of its request instead)
base = sys.path[len(_entries(os.environ.get("PYTHONPATH", ""))):]
import govcheck.cli  # what every run imports first (govcheck/__main__.py)
import govcheck.reporters.text  # and what a check imports (none reads env or cwd):
from govcheck import check_command
check_command.import_engine()  # the runner, engine, loader, model and the built-in check modules

conn = socket.socket(fileno=int(sys.argv[1]))
while True:
    fds = array.array("i")
    msg, anc, _, _ = conn.recvmsg(1 << 20, socket.CMSG_SPACE(3 * fds.itemsize))
    if not msg:
        break
    fds.frombytes(anc[0][2])
    request = json.loads(msg)
    pid = os.fork()
    if pid == 0:
        conn.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        if request["memory_mb"]:
            _ceiling(request["memory_mb"])
        os.environ.clear()
        os.environ.update(request["env"])
        wanted = _entries(os.environ.get("PYTHONPATH", ""))
        sys.path[:] = [os.getcwd(), *wanted, *(p for p in base if p not in wanted)]  # as `python -m` has it
        sys.argv = ["-m", *request["args"]]
        runpy.run_module("govcheck", run_name="__main__", alter_sys=True)
        sys.exit(0)  # normal shutdown: flushes, atexit, as at the end of a script
    for fd in fds:
        os.close(fd)
    conn.sendall(b"%d\n" % pid)
    conn.sendall(b"%d\n" % os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
"""


class _Zygote:
    def __init__(self) -> None:
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)  # one request, one message
        self.env = dict(os.environ)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _source(_ceiling, _entries) + _ZYGOTE, str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            cwd=Path(__file__).resolve().parent.parent,
        )
        theirs.close()
        self.lines = self.sock.makefile("rb")
        self.lock = threading.Lock()

    def close(self) -> None:
        """End the zygote (it stops when the connection closes) and reap it, so its time counts
        as this process's (``time make test``)."""
        self.lines.close()
        self.sock.close()
        self.proc.wait(timeout=60)

    def can_run(self, env: dict[str, str]) -> bool:
        def startup(e: dict[str, str]) -> dict[str, str]:
            return {k: v for k, v in e.items() if k.startswith(_STARTUP) and k != "PYTHONPATH"}

        return self.proc.poll() is None and startup(env) == startup(self.env)

    def run(
        self, args: list[str], cwd: Path, input: str | None, env: dict[str, str], timeout: float, memory_mb: int
    ) -> tuple[int, bytes, bytes]:
        with self.lock:  # one run at a time over the one connection
            return self._run(args, cwd, input, env, timeout, memory_mb)

    def _run(
        self, args: list[str], cwd: Path, input: str | None, env: dict[str, str], timeout: float, memory_mb: int
    ) -> tuple[int, bytes, bytes]:
        # no input: /dev/null, what a subprocess inherits from pytest (it captures fd 0 so)
        stdin_r, stdin_w = os.pipe() if input is not None else (os.open(os.devnull, os.O_RDONLY), -1)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        umask = os.umask(0)
        os.umask(umask)
        request = json.dumps(
            {"args": args, "cwd": os.fspath(cwd), "env": env, "umask": umask, "memory_mb": memory_mb}
        ).encode()
        self.sock.sendmsg(
            [request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [stdin_r, out_w, err_w]))]
        )
        for fd in (stdin_r, out_w, err_w):
            os.close(fd)
        pid = int(self.lines.readline())
        chunks: dict[int, bytes] = {}

        def drain(fd: int) -> None:
            with open(fd, "rb") as fh:
                chunks[fd] = fh.read()

        readers = [threading.Thread(target=drain, args=(fd,), daemon=True) for fd in (out_r, err_r)]
        for reader in readers:
            reader.start()
        if input is not None:
            # a child that exits without reading it all is not an error (nor is it for subprocess)
            with contextlib.suppress(BrokenPipeError), open(stdin_w, "wb") as fh:
                fh.write(_encode(input))
        for reader in readers:
            reader.join(timeout)
        if any(reader.is_alive() for reader in readers):
            os.kill(pid, 9)
            self.lines.readline()
            raise subprocess.TimeoutExpired([sys.executable, "-m", "govcheck", *args], timeout)
        code = int(self.lines.readline())
        return code, chunks[out_r], chunks[err_r]


def _encode(text: str) -> bytes:
    return text.encode(_encoding())


def _decode(data: bytes, errors: str) -> str:
    # as subprocess.run(text=True): the locale's encoding, universal newlines
    return data.decode(_encoding(), errors).replace("\r\n", "\n").replace("\r", "\n")


def _encoding() -> str:
    import locale

    return locale.getpreferredencoding(False)


_zygote: _Zygote | None = None


def stop() -> None:
    """End the zygote, if one was started (conftest: when the test process ends)."""
    global _zygote
    if _zygote is not None:
        _zygote.close()
        _zygote = None


def run_govcheck(
    args: list[str],
    cwd: Path,
    input: str | None,
    env: dict[str, str] | None,
    timeout: float,
    memory_mb: int = 0,
    errors: str = "strict",
) -> subprocess.CompletedProcess[str]:
    """``python -m govcheck ARGS`` in a new process, forked from the zygote when it can be;
    ``memory_mb``: under that much address space (``RLIMIT_AS``) and with no core file;
    ``errors``: how output that is not in the locale's encoding is decoded."""
    global _zygote
    command = [sys.executable, "-m", "govcheck", *args]
    environment = dict(os.environ if env is None else env)
    if not os.environ.get("GOVCHECK_TEST_EXEC"):
        if _zygote is None:
            _zygote = _Zygote()
        if _zygote.can_run(environment):
            code, out, err = _zygote.run(args, cwd, input, environment, timeout, memory_mb)
            return subprocess.CompletedProcess(command, code, _decode(out, errors), _decode(err, errors))
    if memory_mb:
        # The ceilings are set by the child itself before it imports govcheck: preexec_fn is not
        # safe in a parent with threads, and in-process engine tests leave worker threads behind.
        command[1:3] = [
            "-c",
            _source(_ceiling)
            + f"_ceiling({memory_mb})\nimport runpy\nrunpy.run_module('govcheck', run_name='__main__', alter_sys=True)\n",
        ]
    return subprocess.run(
        command, capture_output=True, text=True, errors=errors, cwd=cwd, input=input, env=env, timeout=timeout
    )
