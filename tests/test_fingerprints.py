"""Fingerprints (issue 14 item 15): unique per finding within a run, and independent of the
working directory (relative to the configuration, the baseline, or the document's git
repository; else the absolute path)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from govcheck.engine import Engine
from govcheck.plugins import load_registry
from tests.conftest import REFERENCE, run_cli

NO_CHAIR = REFERENCE.read_text().replace("roles: [chair]", "roles: [non_executive]", 1)

TWICE = '''
from govcheck import Violation, check, hookimpl


@check("twice.same")
def same(doc, params):
    """Yields one violation twice."""
    yield Violation("/icb/name", "the same finding")
    yield Violation("/icb/name", "the same finding")


@hookimpl
def govcheck_register_checks(register):
    register(same)


@hookimpl
def govcheck_register_rule_packs(register):
    register({"pack": "twice", "profile": "twice", "rules": [{
        "id": "TWI001", "slug": "twice-same", "title": "Twice", "severity": "warning",
        "check": "twice.same", "params": {}, "citations": [{"source": "Test plugin"}],
        "rationale": "Test.", "remediation": "Test.",
    }]})
'''


def _fingerprints(stdout: str) -> list[str]:
    return [f["fingerprint"] for d in json.loads(stdout)["documents"] for f in d["findings"]]


def test_identical_findings_get_distinct_fingerprints(tmp_path: Path) -> None:
    plugin = tmp_path / "twice.py"
    plugin.write_text(TWICE)
    engine = Engine(load_registry([str(plugin)], entry_points=False))
    (result,) = [engine.check_text(NO_CHAIR, "doc.yaml")]
    twice = [f for f in result.findings if f.rule == "TWI001"]
    assert [f.message for f in twice] == ["the same finding"] * 2
    assert len({f.fingerprint for f in result.findings}) == len(result.findings)
    # and stable: the same run again gives the same fingerprints, in order
    assert [f.fingerprint for f in engine.check_text(NO_CHAIR, "doc.yaml").findings] == [
        f.fingerprint for f in result.findings
    ]


def test_fingerprints_do_not_depend_on_the_working_directory(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    doc = folder / "c.yaml"
    doc.write_text(NO_CHAIR)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    runs = [
        run_cli("check", "c.yaml", "-f", "json", cwd=folder),
        run_cli("check", "drafts/c.yaml", "-f", "json", cwd=tmp_path),
        run_cli("check", "../drafts/c.yaml", "-f", "json", cwd=elsewhere),
        run_cli("check", str(doc), "-f", "json", cwd=elsewhere),
    ]
    prints = [_fingerprints(r.stdout) for r in runs]
    assert prints[0] and all(p == prints[0] for p in prints)


def test_in_a_repository_fingerprints_survive_moving_the_checkout(tmp_path: Path) -> None:
    repo = tmp_path / "one" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "c.yaml").write_text(NO_CHAIR)
    first = _fingerprints(run_cli("check", "drafts/c.yaml", "-f", "json", cwd=repo).stdout)
    moved = tmp_path / "two" / "clone"
    shutil.copytree(repo, moved)
    second = _fingerprints(run_cli("check", "c.yaml", "-f", "json", cwd=moved / "drafts").stdout)
    assert first and first == second
