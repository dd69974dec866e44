"""Shared test helpers: paths, a CLI runner that uses a real subprocess, and the schemas."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REFERENCE = FIXTURES / "valid" / "reference.yaml"


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govcheck ARGS`` in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "govcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        input=input,
        timeout=120,
    )


@pytest.fixture(scope="session")
def report_schema() -> dict:
    return json.loads((ROOT / "govcheck" / "schemas" / "report-v1.schema.json").read_text())
