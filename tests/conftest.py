"""Shared test helpers: paths, a CLI runner that uses a real subprocess, and the schemas."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REFERENCE = FIXTURES / "valid" / "reference.yaml"


def _libyaml_version() -> tuple[int, ...]:
    try:
        from yaml import _yaml
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return (0,)
    return tuple(_yaml.get_version())


# libyaml 0.2.6 (bundled from PyYAML 6.0.4) stops at 1,000 nesting levels by itself, so on
# the main thread govcheck skips its own event scan and a finding is at libyaml's mark.
# Older libyaml leaves it to govcheck's scan. Probed here, independently of the loader.
LIBYAML_NESTING_LIMIT = _libyaml_version() >= (0, 2, 6)


def run_cli(
    *args: str, cwd: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govcheck ARGS`` in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "govcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        input=input,
        env=env,
        timeout=120,
    )


def assert_fixture_findings(name: str, expected: list[tuple[int, int, str, str]], settings: Any) -> Any:
    """Check ``fixtures/invalid/<name>.yaml``: its rule (the name's prefix) fails with exactly
    the ``expected`` (line, column, path, message fragment) findings, in order. Returns the report."""
    from govcheck.api import check_file

    rule = name.split("-")[0]
    report = check_file(FIXTURES / "invalid" / f"{name}.yaml", settings=settings, entry_points=False)
    found = [(f.line, f.column, f.path, f.message) for f in report.findings if f.rule == rule]
    assert len(found) == len(expected), found
    for (line, col, path, message), (e_line, e_col, e_path, fragment) in zip(found, expected, strict=True):
        assert (line, col, path) == (e_line, e_col, e_path)
        assert fragment in message
    outcome = next(o for d in report.documents for o in d.outcomes if o.rule == rule)
    assert outcome.status == "failed"
    return report


@pytest.fixture(scope="session")
def report_schema() -> dict:
    return json.loads((ROOT / "govcheck" / "schemas" / "report-v1.schema.json").read_text())
