"""Helpers for plugin tests: fake installed distributions and a CLI runner with a PYTHONPATH."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from tests.conftest import ROOT, run_cli

# A complete plugin: a check, a rule pack (as a mapping), a report format and govcheck_configure.
DEMO_PLUGIN = '''
from govcheck import Violation, check, hookimpl
from govcheck.errors import ConfigError
from govcheck.reporters.base import Reporter


@check("demo.board_size", params={"max": {"type": "integer", "minimum": 1}})
def board_size(doc, params):
    """The board has at most ``max`` members."""
    if len(doc.members) > params["max"]:
        yield Violation("/board/members", f"the board has {len(doc.members)} members; at most {params['max']}", key=True)


@check("demo.explodes")
def explodes(doc, params):
    """A check with a bug."""
    raise KeyError("missing")


def _rule(rule_id, slug, check, params=None):
    return {
        "id": rule_id, "slug": slug, "title": f"Demo rule {rule_id}", "severity": "warning",
        "check": check, "params": params or {}, "citations": [{"source": "Demo source para 1"}],
        "rationale": "Demo.", "remediation": "Demo.",
    }


@hookimpl
def govcheck_register_checks(register):
    register(board_size)
    register(explodes)


@hookimpl
def govcheck_register_rule_packs(register):
    rules = [_rule("DEMO001", "demo-board-size", "demo.board_size", {"max": 10})]
    rules.append(_rule("DEMO002", "demo-explodes", "demo.explodes", {}))
    register({"pack": "demo", "profile": "demo", "rules": rules})


@hookimpl
def govcheck_register_reporters(register):
    register(Reporter("count", lambda report: f"{len(report.findings)} finding(s)\\n", "number of findings"))


@hookimpl
def govcheck_configure(config):
    if config["fail-on"] == "never":
        raise ConfigError("demo refuses --fail-on never")
    assert config["plugin-settings"] == {}
'''


def install_fake(site: Path, dist: str, version: str, entry_points: dict[str, str], modules: dict[str, str]) -> Path:
    """Make ``site`` look like site-packages holding distribution ``dist`` with these modules."""
    site.mkdir(parents=True, exist_ok=True)
    for name, source in modules.items():
        (site / name).write_text(textwrap.dedent(source))
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[govcheck]\n{lines}")
    return site


def cli(*args: str, path: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m govcheck ARGS`` with ``path`` first on PYTHONPATH (so its distributions are found)."""
    env = dict(os.environ)
    parts = [str(path)] if path else []
    env["PYTHONPATH"] = os.pathsep.join([*parts, str(ROOT)])
    return run_cli(*args, cwd=cwd, env=env)
