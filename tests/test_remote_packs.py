"""Rule packs shared by address: a git repository (file:// URL) at a revision, and a URL with
a required SHA-256 served by a real HTTP server on 127.0.0.1 (issue 16 item 5)."""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT
from tests.plugin_helpers import cli as _cli

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "govcheck tests",
    "GIT_AUTHOR_EMAIL": "tests@govcheck.invalid",
    "GIT_COMMITTER_NAME": "govcheck tests",
    "GIT_COMMITTER_EMAIL": "tests@govcheck.invalid",
}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "govcheck" / "remote-packs"


def cli(*args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return _cli(*args, cwd=cwd)  # XDG_CACHE_HOME comes from the environment


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    return done.stdout.strip()


@pytest.fixture
def rules_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "wessex-rules"
    (repo / "packs").mkdir(parents=True)
    shutil.copy(PACK, repo / "packs" / "local-rules.yaml")
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "v1", cwd=repo)
    _git("tag", "v1", cwd=repo)
    return repo


pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_a_pack_from_a_git_repository_at_a_tag_is_fetched_once(rules_repo: Path, cache: Path, tmp_path: Path) -> None:
    spec = f"git+file://{rules_repo}@v1#packs/local-rules.yaml"
    first = cli("check", "--rule-pack", spec, str(REFERENCE))
    assert first.returncode == 1, first.stderr
    assert " LOCAL001 warning found 3 non-executive member(s) on the board; at least 4 required" in first.stdout
    assert first.stderr.startswith(f"govcheck: fetching rule pack {spec} (once; kept in {cache / 'git'}")
    # The tag moves to a commit where the pack demands five: the cached copy is used, silently
    # unchanged, with no fetch (the repository is even gone).
    pack = rules_repo / "packs" / "local-rules.yaml"
    pack.write_text(pack.read_text().replace("min: 4", "min: 5"))
    _git("commit", "-qam", "v2", cwd=rules_repo)
    _git("tag", "-f", "v1", cwd=rules_repo)
    shutil.move(rules_repo, tmp_path / "moved")
    again = cli("check", "--rule-pack", spec, str(REFERENCE))
    assert (again.returncode, again.stderr) == (1, "")
    assert "at least 4 required" in again.stdout


def test_a_pack_at_a_commit_and_the_cache_is_verified(rules_repo: Path, cache: Path) -> None:
    commit = _git("rev-parse", "HEAD", cwd=rules_repo)
    spec = f"git+file://{rules_repo}@{commit}#packs/local-rules.yaml"
    shown = cli("rules", "show", "LOCAL001", "--rule-pack", spec)
    assert shown.returncode == 0, shown.stderr
    assert f"plugin: local:{spec}" in shown.stdout
    # Tampering with the cached copy is noticed, not trusted.
    [cached] = list((cache / "git").glob("*/local-rules.yaml"))
    cached.write_text(cached.read_text().replace("min: 4", "min: 1"))
    tampered = cli("rules", "--rule-pack", spec)
    assert tampered.returncode == 2
    assert tampered.stderr == (
        f"govcheck: error: rule pack {spec}: the cached copy {cached} has changed since it was fetched; "
        f"delete {cached.parent} to fetch the pack again\n"
    )


@pytest.mark.parametrize(
    ("suffix", "message"),
    [
        ("#packs/local-rules.yaml", "name a revision (a tag or commit) and the pack's path, as git+URL@REV#path/to/pack.yaml"),
        ("@v1", "after # give the pack's path inside the repository"),
        ("@v9#packs/local-rules.yaml", "revision 'v9' not found in file://"),
        ("@v1#packs/missing.yaml", "no file packs/missing.yaml at v1 ("),
    ],
)
def test_a_bad_git_pack_name_exits_2(rules_repo: Path, cache: Path, suffix: str, message: str) -> None:
    spec = f"git+file://{rules_repo}{suffix}"
    result = cli("rules", "--rule-pack", spec)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(f"govcheck: error: rule pack {spec}: {message}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, format: str, *args: object) -> None:
        _Quiet.requests.append(self.path)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(PACK, root / "local-rules.yaml")
    _Quiet.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/local-rules.yaml"
    finally:
        server.shutdown()
        server.server_close()


def test_a_pack_from_a_url_needs_its_sha256(served: str, cache: Path) -> None:
    refused = cli("rules", "--rule-pack", served)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"govcheck: error: rule pack {served}: refused: a pack fetched from a URL must name its SHA-256, as "
        f"{served}#sha256=<64 hex digits> (`sha256sum FILE` prints it)\n"
    )
    assert _Quiet.requests == []  # refused before any request
    digest = hashlib.sha256(PACK.read_bytes()).hexdigest()
    spec = f"{served}#sha256={digest}"
    first = cli("check", "--rule-pack", spec, str(REFERENCE))
    assert first.returncode == 1
    assert "LOCAL001 warning" in first.stdout
    assert first.stderr == f"govcheck: fetching rule pack {served} (once; kept in {cache / 'sha256' / (digest + '.yaml')})\n"
    second = cli("check", "--rule-pack", spec, str(REFERENCE))
    assert (second.returncode, second.stderr) == (1, "")
    assert _Quiet.requests == ["/local-rules.yaml"]  # fetched once


def test_a_url_whose_content_does_not_match_is_refused(served: str, cache: Path) -> None:
    wrong = "0" * 64
    result = cli("rules", "--rule-pack", f"{served}#sha256={wrong}")
    assert result.returncode == 2
    digest = hashlib.sha256(PACK.read_bytes()).hexdigest()
    assert result.stderr.splitlines()[-1] == (
        f"govcheck: error: rule pack {served}: its SHA-256 is {digest}, not {wrong} as named; refused"
    )
    assert not (cache / "sha256" / f"{wrong}.yaml").exists()


def test_a_url_pack_in_configuration(served: str, cache: Path, tmp_path: Path) -> None:
    digest = hashlib.sha256(PACK.read_bytes()).hexdigest()
    repo = tmp_path / "neighbour"
    repo.mkdir()
    shutil.copy(REFERENCE, repo / "constitution.yaml")
    (repo / ".govcheck.toml").write_text(f'rule-packs = ["{served}#sha256={digest}"]\n')
    result = cli("check", "constitution.yaml", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "LOCAL001 warning" in result.stdout


def test_a_repository_that_does_not_exist(tmp_path: Path, cache: Path) -> None:
    spec = f"git+file://{tmp_path}/nowhere@v1#local-rules.yaml"
    result = cli("rules", "--rule-pack", spec)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"govcheck: error: rule pack {spec}: git fetch failed: fatal: '{tmp_path}/nowhere' does not appear to be a git repository"
    )
    assert not (cache / "git").exists() or not any((cache / "git").rglob("*.yaml"))
