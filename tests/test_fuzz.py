"""Fuzzing: mangled fixtures, mutated documents, random text and random bytes.

Whatever the input, govcheck answers with a report (exit 0, 1 or 2) and never raises. In
process through the engine for speed; a few examples through the real CLI as well.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcheck import loader
from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from govcheck.reporters import json_report, text
from tests.conftest import FIXTURES, ROOT
from tests.schema_oracle import REPORT, assert_valid
from tests.strategies import dump, mangled_text, mutated

ENGINE = Engine(load_registry([], entry_points=False), Settings(profiles=("statutory", "nhse-policy", "good-practice")))
SEEDS = sorted(p for d in ("valid", "invalid", "hostile") for p in (FIXTURES / d).glob("*.yaml"))
# Small seeds only: the alias and merge bombs are exercised by tests/test_hostile.py.
SMALL_SEEDS = [p for p in SEEDS if p.stat().st_size < 64 * 1024 and "bomb" not in p.name and "laughs" not in p.name]

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(doc: loader.Document) -> None:
    result = ENGINE.check_document(doc)
    report = ENGINE.report([result])
    assert report.exit_code() in (0, 1, 2)
    errored = [o for o in result.outcomes if o.status == "error"]
    assert not errored, f"a built-in check raised: {errored}"
    text.render(report)
    assert_valid(json.loads(json_report.render(report)), REPORT)


@FUZZ
@given(mangled_text())
def test_mangled_reference(source: str) -> None:
    _check(loader.load_text(source, "mangled.yaml"))


@FUZZ
@given(mutated())
def test_mutated_documents(data: dict[str, Any]) -> None:
    _check(loader.load_text(dump(data), "mutated.yaml"))


@FUZZ
@given(st.text(max_size=400))
def test_random_text(source: str) -> None:
    _check(loader.load_text(source, "random.yaml"))


@FUZZ
@given(st.sampled_from(SMALL_SEEDS), st.binary(max_size=64), st.integers(min_value=0))
def test_fixture_bytes_with_random_bytes_spliced_in(seed: Path, junk: bytes, where: int) -> None:
    raw = seed.read_bytes()
    at = where % (len(raw) + 1)
    _check(loader.load_bytes(raw[:at] + junk + raw[at:], "spliced.yaml"))


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    _check(loader.load_bytes(raw, "random.bin"))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(mangled_text().map(str.encode), st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_cli_on_random_input(tmp_path: Path, raw: bytes) -> None:
    target = tmp_path / "fuzz.yaml"
    target.write_bytes(raw)
    for fmt in ("text", "json"):
        proc = subprocess.run(
            [sys.executable, "-m", "govcheck", "check", str(target), "--format", fmt],
            capture_output=True, cwd=ROOT, timeout=120,
        )
        assert proc.returncode in (0, 1, 2), proc.returncode
        assert b"Traceback" not in proc.stdout + proc.stderr, proc.stderr[-2000:]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_reports_cleanly(seed: Path) -> None:
    _check(loader.load_bytes(seed.read_bytes(), seed.name))
