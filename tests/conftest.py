"""Shared test helpers: paths, a CLI runner that uses a real subprocess, and the schemas."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
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

# Every process of the suite may cache bytecode (this machine sets PYTHONDONTWRITEBYTECODE):
# pytest then keeps each test module as rewritten for its assertions (~2.5 s a worker, each
# run, otherwise), and the programs the tests start keep what they compile. Bytecode goes to
# __pycache__, which git ignores.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

# A suite started in the background by a non-interactive shell (`make test &`) inherits SIGINT
# ignored, and an ignored signal stays ignored in every program the tests start: Ctrl-C would
# not reach them (tests/test_server.py expects it to). A terminal's disposition, as in CI.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def install_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for pip, pre-commit and the programs of the fresh environments that tests
    build (``base``, or this process's): pip does not compile every module it installs
    (``PIP_COMPILE=0``; ~3 s for pytest, hypothesis and pre-commit with their dependencies, of
    which a test imports a fraction); each module is compiled once, on first use (bytecode is
    cached, see above)."""
    return {**(os.environ if base is None else base), "PIP_COMPILE": "0"}


def run_cli(
    *args: str, cwd: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govcheck ARGS`` in a new process, as a user would (forked from a
    process that has imported the command line already: tests/cli_process.py)."""
    from tests.cli_process import run_govcheck

    return run_govcheck(list(args), cwd=cwd or ROOT, input=input, env=env, timeout=120)


# What a rule test expects of one finding: ``(path, message fragment)``, positioned where
# the node at ``path`` is in the checked document (``AtKey(path)``: at its key), computed by
# tests/positions.py; or ``(line, column, path, fragment)`` for a problem that is not about a
# node (a syntax or encoding error in a hand-written fixture) or a position computed by the test.
Expected = tuple[str, str] | tuple[int, int, str, str]


def expected_findings(text: str, expected: list[Expected]) -> list[tuple[int, int, str, str]]:
    """``expected`` with every position computed from ``text``, the document checked."""
    from tests.positions import node_position

    found: list[tuple[int, int, str, str]] = []
    for e in expected:
        if len(e) == 4:
            found.append(e)
        else:
            path, fragment = e
            found.append((*node_position(text, path), path, fragment))
    return found


def assert_fixture_findings(
    name: str,
    expected: list[Expected] | Callable[[str], list[Expected]],
    settings: Any,
    fixtures: Path = FIXTURES,
) -> Any:
    """Check ``<fixtures>/invalid/<name>.yaml``: its rule (the name's prefix) fails with exactly
    the ``expected`` findings (or those a function computes from the fixture's text), in
    order, each at its exact line and column. Returns the report."""
    from govcheck.api import check_file

    rule = name.split("-")[0]
    path = fixtures / "invalid" / f"{name}.yaml"
    report = check_file(path, settings=settings, entry_points=False)
    found = [(f.line, f.column, f.path, f.message) for f in report.findings if f.rule == rule]
    text = path.read_bytes().decode("utf-8", "replace")
    wanted = expected_findings(text, expected(text) if callable(expected) else expected)
    assert len(found) == len(wanted), found
    for (line, col, path_, message), (e_line, e_col, e_path, fragment) in zip(found, wanted, strict=True):
        assert (line, col, path_) == (e_line, e_col, e_path)
        assert fragment in message
    outcome = next(o for d in report.documents for o in d.outcomes if o.rule == rule)
    assert outcome.status == "failed"
    return report


def edit(text: str, *pairs: tuple[str, str]) -> str:
    """``text`` with each ``(old, new)`` replaced; each ``old`` must occur exactly once, so an
    edit can never land in the wrong place (or nowhere) when a fixture changes."""
    for old, new in pairs:
        assert text.count(old) == 1, f"edit target not found exactly once: {old!r}"
        text = text.replace(old, new)
    return text


def _hypothesis_profiles() -> None:
    """One Hypothesis profile for the whole run (it is global): 25 examples unless a test says
    otherwise, no deadline (the machine is shared); HYPOTHESIS_PROFILE=thorough for 300."""
    from hypothesis import HealthCheck, settings

    settings.register_profile("default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("thorough", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config: pytest.Config) -> None:
    """Compile govcheck's modules once per run (in the pytest-xdist controller, before any
    worker starts), so the workers and the programs they start do not all compile them at
    once on a clean checkout. Up to date files are skipped; each ``.pyc`` is written
    atomically; ``__pycache__`` is ignored by git."""
    if not hasattr(config, "workerinput"):
        import compileall

        compileall.compile_dir(ROOT / "govcheck", quiet=1)
    _hypothesis_profiles()


def pytest_unconfigure(config: pytest.Config) -> None:
    if "tests.cli_process" in sys.modules:
        sys.modules["tests.cli_process"].stop()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Test files marked slow (they build wheels, fresh environments or real servers) run
    first: under pytest-xdist (make test: -n 3 --dist loadfile --no-loadscope-reorder, which
    keeps this order) their long runs overlap the many short files instead of one of them
    ending the run while the other worker idles. The order is otherwise unchanged."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test process (each pytest-xdist worker) has its own cache directory, so the rule
    pack cache is never shared between workers nor written into the user's ~/.cache; a test
    that needs another sets XDG_CACHE_HOME itself (monkeypatch)."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture(scope="session")
def report_schema() -> dict:
    return json.loads((ROOT / "govcheck" / "schemas" / "report-v1.schema.json").read_text())


def one_rule_pack(tmp_path: Path, check: str, params: dict[str, Any], name: str = "") -> Path:
    """Write a rule pack holding one rule, T001 (warning, profile ``local``), using ``check``
    with ``params``; named ``name`` or after the parameters (several packs in one folder)."""
    import yaml

    rule = {
        "id": "T001", "slug": "t", "title": "t", "severity": "warning", "check": check, "params": params,
        "citations": [{"source": "test"}], "rationale": "t", "remediation": "t",
    }  # fmt: skip
    path = tmp_path / (name or f"pack-{abs(hash(repr(params)))}.yaml")
    path.write_text(yaml.safe_dump({"pack": "t", "profile": "local", "rules": [rule]}))
    return path
