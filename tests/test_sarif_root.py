"""SARIF for code scanning: paths relative to the repository's top level, wherever govcheck runs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema

from tests.conftest import FIXTURES, ROOT, run_cli

SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
FAILING = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "governance" / "drafts").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(FAILING, repo / "governance" / "drafts" / "wessex v3.yaml")
    return repo


def _uris(sarif: dict) -> set[str]:
    run = sarif["runs"][0]
    return {
        loc["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"] for loc in r["locations"]
    }


def test_uris_are_relative_to_the_git_top_level_from_a_subdirectory(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = run_cli("check", "drafts", "-f", "sarif", cwd=repo / "governance")
    assert result.returncode == 1, result.stderr
    sarif = json.loads(result.stdout)
    assert not list(jsonschema.Draft7Validator(SARIF_SCHEMA).iter_errors(sarif))
    assert _uris(sarif) == {"governance/drafts/wessex%20v3.yaml"}
    run = sarif["runs"][0]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]} == {
        "%SRCROOT%"
    }
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}


def test_sarif_root_overrides_and_files_outside_it_are_absolute(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    inside = run_cli("check", "drafts", "-f", "sarif", "--sarif-root", ".", cwd=repo / "governance")
    assert _uris(json.loads(inside.stdout)) == {"drafts/wessex%20v3.yaml"}
    outside = run_cli("check", str(FAILING), "-f", "sarif", cwd=repo / "governance")
    sarif = json.loads(outside.stdout)
    assert _uris(sarif) == {FAILING.resolve().as_uri()}
    assert not list(jsonschema.Draft7Validator(SARIF_SCHEMA).iter_errors(sarif))
