"""Start `govcheck serve` as a real process on a free loopback port, and stop it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

START_SECONDS = 90  # generous: the machine is shared
# The `govcheck` command of this environment, as an operator runs it.
_SCRIPT = Path(sys.executable).parent / "govcheck"
GOVCHECK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "govcheck"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``govcheck serve --port PORT ARGS`` in ``cwd``; stderr goes to ``cwd/stderr.txt``."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.cwd = cwd
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stderr_path = cwd / "stderr.txt"
        self._stderr = self.stderr_path.open("w")
        self.proc = subprocess.Popen(
            [*GOVCHECK, "serve", "--port", str(self.port), *args],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, as in a terminal (Ctrl-C reaches all of it)
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited {self.proc.returncode}: {self.stderr()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2, trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"server not ready within {START_SECONDS} s: {self.stderr()}")

    def client(self, **kwargs: object) -> httpx.Client:
        """An HTTP client for this server (proxy variables ignored: this is loopback)."""
        return httpx.Client(base_url=self.url, trust_env=False, timeout=60, **kwargs)  # type: ignore[arg-type]

    def stderr(self) -> str:
        if not self._stderr.closed:
            self._stderr.flush()
        return self.stderr_path.read_text()

    def pids(self) -> list[int]:
        """The server process and its descendants (the forkserver and the workers)."""
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                todo += [int(c) for c in task.read_text().split()]
        return found

    def stop(self) -> int:
        """SIGTERM; uvicorn shuts down gracefully, then re-raises the signal (exit -15).
        Raises AssertionError if any of the server's processes outlives it."""
        pids = self.pids() if self.proc.poll() is None else []
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._stderr.close()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in pids if alive(pid)]
        assert left == [], f"processes left behind: {left}"
        return self.proc.returncode


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (VmHWM), MiB; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


SLOW_PLUGIN = '''
import os
import time

from govcheck import Violation, check, hookimpl
from govcheck.reporters.base import Reporter


@check("slow.sleep", params={"seconds": {"type": "number", "minimum": 0}})
def sleep(doc, params):
    """Sleeps when the ICB's name says SLOW: a stand-in for a heavy document."""
    name = str(doc.data.get("icb", {}).get("name", ""))
    if "SLOW" in name:
        time.sleep(params["seconds"])
    if "CRASH" in name:  # a plugin that takes its process down (os._exit stands for a segfault)
        os._exit(3)
    return []


def _broken(report):
    raise ValueError("this reporter is broken")


@hookimpl
def govcheck_register_checks(register):
    register(sleep)


@hookimpl
def govcheck_register_rule_packs(register):
    register({"pack": "slow", "profile": "slow", "rules": [{
        "id": "SLOW001", "slug": "slow-sleep", "title": "Sleeps on SLOW documents", "severity": "info",
        "check": "slow.sleep", "params": {"seconds": 8}, "citations": [{"source": "Test plugin"}],
        "rationale": "Test.", "remediation": "Test.",
    }]})


@hookimpl
def govcheck_register_reporters(register):
    register(Reporter("broken", _broken, "a reporter that raises"))
'''


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each process so far (from /proc/PID/stat), seconds."""
    import os

    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return out
