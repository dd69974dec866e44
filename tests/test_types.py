"""govcheck type-checks under ``mypy --strict`` (``[tool.mypy]`` in pyproject.toml).

A test rather than a step of ``make test`` before the suite: under pytest-xdist it runs on one
worker while the others run tests (it is marked slow, so it starts first), instead of holding
up the whole suite for its ~10 s from a clean checkout.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_govcheck_is_clean_under_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found in "), result.stdout
