"""Run govcheck in a child process with memory and time ceilings.

A regression in a bound (alias expansion, nesting, size) must fail a test, not hang or
swap the machine: the child gets an address-space limit (``RLIMIT_AS``) and a wall-clock
timeout, and a signal death (a segfault is returncode -11) is reported as such.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

MEMORY_MB = 1536
TIMEOUT_S = 120  # generous: the machine is shared; a hang is what this catches


def run_limited(
    *args: str,
    cwd: Path | None = None,
    memory_mb: int = MEMORY_MB,
    timeout: float = TIMEOUT_S,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m govcheck ARGS`` under ``memory_mb`` of address space and ``timeout`` seconds."""
    # The ceilings are set by the child itself before it imports govcheck: preexec_fn is not
    # safe in a parent with threads, and in-process engine tests leave worker threads behind.
    bootstrap = (
        "import resource, runpy, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory_mb} << 20, {memory_mb} << 20))\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"  # a crash leaves no core file
        "sys.argv[0] = 'govcheck'\n"
        "runpy.run_module('govcheck', run_name='__main__', alter_sys=True)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", bootstrap, *args],
        capture_output=True,
        text=True,
        errors="replace",
        cwd=cwd or ROOT,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def assert_clean(result: subprocess.CompletedProcess[str], code: int) -> None:
    """Exit ``code``, no traceback on either stream, and not killed by a signal."""
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stdout, result.stdout[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == code, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
