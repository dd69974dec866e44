"""The pre-commit hooks (govcheck, govcheck-verify), run by the real pre-commit.

pre-commit needs a git repository with the hook manifest committed, so the working tree
(including uncommitted changes) is copied into a temporary repository and committed there;
pre-commit then builds the hooks' own environment from it, as it would from a tag. The
``pre-commit run`` calls here share one store (PRE_COMMIT_HOME), as a developer's machine
does, so that environment is built once for the module (pre-commit locks the store while it
builds). One call is docs/reports.md's ``pre-commit try-repo``, which always builds in a
throwaway store of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from tests.conftest import REFERENCE, ROOT, install_env
from tests.report_docs import failing_data, write

GIT_ENV = {
    "GIT_AUTHOR_NAME": "govcheck tests",
    "GIT_AUTHOR_EMAIL": "tests@govcheck.invalid",
    "GIT_COMMITTER_NAME": "govcheck tests",
    "GIT_COMMITTER_EMAIL": "tests@govcheck.invalid",
}

pytestmark = [
    pytest.mark.slow,  # pre-commit builds the hook's fresh environment
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of this working tree (tracked and untracked, not ignored, files)."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "govcheck under test", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module: the hook repository at its commit is cloned and
    its environment installed once, then reused by every run."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def governance_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A governance repository: a compliant constitution, a failing draft, and other YAML."""
    repo = tmp_path_factory.mktemp("governance")
    shutil.copy(REFERENCE, repo / "constitution.yaml")
    (repo / "drafts").mkdir()
    write(repo / "drafts" / "wessex-2027.constitution.yaml", failing_data())
    (repo / "notes.yaml").write_text("not: [a constitution\n")  # broken, but not matched by the hook
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def runs(
    hook_repo: Path, governance_repo: Path, pre_commit_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Result]:
    """Both pre-commit runs, started together: ``run`` in the shared store with a configuration
    that names the hook repository at its commit (as a user's names a tag; it lies outside the
    governance repository so it is not one of the YAML files the hook sees), and docs/reports.md's
    ``try-repo``, which builds its own environment meanwhile."""
    config = tmp_path_factory.mktemp("pre-commit-config") / ".pre-commit-config.yaml"
    config.write_text(_config(hook_repo, "govcheck"))
    cases = {
        "compliant": ["run", "--config", str(config), "--files", "constitution.yaml"],
        "all": ["try-repo", str(hook_repo), "govcheck", "--all-files", "--verbose"],
    }
    procs = {}
    for name, args in cases.items():
        env = _pre_commit_env(pre_commit_home)
        procs[name] = subprocess.Popen(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=governance_repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=600)
        results[name] = Result(proc.returncode, out, err)
    return results


def _pre_commit_env(home: Path) -> dict[str, str]:
    """pre-commit's environment: the shared store ``home``, no colour, a git identity, and pip
    and the hook's environment as tests install (tests/conftest.py: install_env)."""
    return {**install_env(), **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}


def _config(hook_repo: Path, hook: str) -> str:
    """A .pre-commit-config.yaml naming ``hook`` of the hook repository at its commit."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True).stdout.strip()
    return yaml.safe_dump({"repos": [{"repo": str(hook_repo), "rev": head, "hooks": [{"id": hook}]}]})


class Result(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def test_manifest_declares_the_govcheck_hook() -> None:
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "govcheck")
    assert hook["id"] == "govcheck"
    assert hook["entry"] == "govcheck check --skip-other-yaml"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for name in ("constitution.yaml", "gov/constitution.yml", "drafts/wessex-v3.yaml", "mkdocs.yml"):
        assert pattern.search(name), name
    for name in ("my-constitution.yaml.bak", "constitution.json", "notes.md"):
        assert not pattern.search(name), name


def test_compliant_constitution_passes(runs: dict[str, Result]) -> None:
    result = runs["compliant"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^govcheck \(ICS constitution compliance\)\.+Passed$", result.stdout, re.M), result.stdout


def test_failing_constitution_fails_with_the_finding_and_other_yaml_is_left_alone(runs: dict[str, Result]) -> None:
    result = runs["all"]
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^govcheck \(ICS constitution compliance\)\.+Failed$", result.stdout, re.M), result.stdout
    assert "- exit code: 1" in result.stdout
    assert "drafts/wessex-2027.constitution.yaml:" in result.stdout
    assert " GOV302 warning the partnership for place 'Isle of Harrow' " in result.stdout
    assert "result: NOT compliant" in result.stdout
    # constitution.yaml and the draft were checked; the broken notes.yaml (no govcheck: key) was skipped
    assert "2 document(s) checked" in result.stdout
    assert "GOV001" not in result.stdout
    assert "govcheck: note: skipped 1 YAML file(s) with no top-level 'govcheck:' key (not constitutions): notes.yaml" in (
        result.stdout
    )


def _docs_config() -> str:
    """The .pre-commit-config.yaml of docs/reports.md, as written."""
    doc = (ROOT / "docs" / "reports.md").read_text()
    start = doc.index("```yaml\nrepos:\n") + len("```yaml\n")
    return doc[start : doc.index("```", start)]


def test_the_documented_config_works_as_written_on_a_fresh_repository(
    hook_repo: Path, pre_commit_home: Path, tmp_path: Path
) -> None:
    """docs/reports.md's config, autoupdate, run: the only change is where govcheck comes from."""
    repo = tmp_path / "governance"
    (repo / "drafts").mkdir(parents=True)
    shutil.copy(REFERENCE, repo / "constitution.yaml")
    write(repo / "drafts" / "wessex-v3.yaml", failing_data())
    (repo / "mkdocs.yml").write_text("site_name: Wessex governance\nnav: [index.md]\n")
    config = _docs_config()
    assert "https://github.com/OWNER/govcheck" in config and "rev: HEAD" in config
    (repo / ".pre-commit-config.yaml").write_text(config.replace("https://github.com/OWNER/govcheck", str(hook_repo)))
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    env = _pre_commit_env(pre_commit_home)

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", *args]
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    updated = pre_commit("autoupdate")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    pinned = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["rev"]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True).stdout.strip()
    assert pinned == head  # no release tag in the test repository: the newest commit
    result = pre_commit("run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "drafts/wessex-v3.yaml:" in result.stdout  # a constitution in a subfolder, any name
    assert "2 document(s) checked" in result.stdout
    (note,) = [line for line in result.stdout.splitlines() if line.startswith("govcheck: note: skipped")]
    assert note.endswith("(not constitutions): .pre-commit-config.yaml, mkdocs.yml"), note


# -- the verify hook of a rules repository (govcheck verify: docs/plugins.md) --------------------

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"


def test_the_verify_hook_in_a_rules_repository(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    """pre-commit builds the hook from the committed copy of this tree, then runs it in a rules
    repository whose configuration names its pack: passing, then failing."""
    rules = tmp_path / "rules-repo"
    (rules / "packs").mkdir(parents=True)
    shutil.copy(PACK, rules / "packs" / "local-rules.yaml")
    (rules / ".govcheck.toml").write_text('rule-packs = ["packs/local-rules.yaml"]\n')
    _git("init", "-q", cwd=rules)
    _git("add", "-A", cwd=rules)
    config = tmp_path / ".pre-commit-config.yaml"  # outside the rules repository, as in runs()
    config.write_text(_config(hook_repo, "govcheck-verify"))
    env = _pre_commit_env(pre_commit_home)
    command = [sys.executable, "-m", "pre_commit", "run", "--config", str(config), "--all-files", "--verbose"]
    passed = subprocess.run(command, cwd=rules, env=env, capture_output=True, text=True, timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^govcheck verify \(rule packs' own examples\)\.+Passed$", passed.stdout, re.M), passed.stdout

    pack = rules / "packs" / "local-rules.yaml"
    pack.write_text(pack.read_text().replace("expect: [LOCAL001 /board/members]", "expect: []"))
    _git("add", "-A", cwd=rules)
    failed = subprocess.run(command, cwd=rules, env=env, capture_output=True, text=True, timeout=600)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"^govcheck verify \(rule packs' own examples\)\.+Failed$", failed.stdout, re.M)
    assert "example 1 (the reference has three non-executive members): FAILED" in failed.stdout
    assert "unexpected: LOCAL001 /board/members" in failed.stdout
