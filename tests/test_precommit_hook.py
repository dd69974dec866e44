"""The pre-commit hook, run by the real pre-commit (``pre-commit run``).

pre-commit needs a git repository with the hook manifest committed, so the working tree
(including uncommitted changes) is copied into a temporary repository and committed there;
pre-commit then builds the hook's own environment from it, as it would from a tag. Every run
here shares one pre-commit store (PRE_COMMIT_HOME), as a developer's machine does, so that
environment is built once for the module (pre-commit locks the store while it builds; try-repo
would build it again in a throwaway store on every call: tests/test_verify.py runs try-repo).
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

from tests.conftest import REFERENCE, ROOT
from tests.report_docs import failing_data, write

pytestmark = pytest.mark.slow  # pre-commit builds the hook's fresh environment

GIT_ENV = {
    "GIT_AUTHOR_NAME": "govcheck tests",
    "GIT_AUTHOR_EMAIL": "tests@govcheck.invalid",
    "GIT_COMMITTER_NAME": "govcheck tests",
    "GIT_COMMITTER_EMAIL": "tests@govcheck.invalid",
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


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
    """Both pre-commit runs, started together in the shared store (the first to take its lock
    builds the hook environment, the other reuses it). The configuration names the hook
    repository at its commit, as a user's names a tag, and lies outside the governance
    repository so that it is not one of the YAML files the hook sees."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True).stdout.strip()
    config = tmp_path_factory.mktemp("pre-commit-config") / ".pre-commit-config.yaml"
    config.write_text(yaml.safe_dump({"repos": [{"repo": str(hook_repo), "rev": head, "hooks": [{"id": "govcheck"}]}]}))
    cases = {
        "compliant": ["--files", "constitution.yaml"],
        "all": ["--all-files", "--verbose"],
    }
    procs = {}
    for name, args in cases.items():
        env = {
            **os.environ,
            **GIT_ENV,
            "PRE_COMMIT_HOME": str(pre_commit_home),
            "PRE_COMMIT_COLOR": "never",
        }
        procs[name] = subprocess.Popen(
            [sys.executable, "-m", "pre_commit", "run", "--config", str(config), *args],
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
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}

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
