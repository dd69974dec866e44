"""Run govcheck in a child process with memory and time ceilings.

A regression in a bound (alias expansion, nesting, size) must fail a test, not hang or
swap the machine: the child gets an address-space limit (``RLIMIT_AS``) and a wall-clock
timeout, and a signal death (a segfault is returncode -11) is reported as such.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.cli_process import run_govcheck
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
    """``python -m govcheck ARGS`` under ``memory_mb`` of address space and ``timeout`` seconds
    (``env``: variables added to this process's), as :func:`tests.conftest.run_cli` runs it."""
    environment = {**os.environ, **env} if env else None
    return run_govcheck(list(args), cwd or ROOT, None, environment, timeout, memory_mb=memory_mb, errors="replace")


def assert_clean(result: subprocess.CompletedProcess[str], code: int) -> None:
    """Exit ``code``, no traceback on either stream, and not killed by a signal."""
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stdout, result.stdout[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == code, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
