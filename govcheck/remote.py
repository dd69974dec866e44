"""Rule packs shared by address: a git repository at a revision, or a URL with its SHA-256.

``--rule-pack`` (and the ``rule-packs`` option) accept, besides a file:

- ``git+URL@REV#PATH``: the file ``PATH`` of the git repository ``URL`` at ``REV`` (a tag
  or, better, a commit), e.g. ``git+https://example.org/wessex/rules.git@v1.2#packs/local.yaml``;
- ``https://...#sha256=HEX`` (or ``http://``): a file whose SHA-256 must be ``HEX``. Without
  the hash the pack is refused: a network address alone says nothing about what arrives.

Each is fetched once, announced on stderr, verified and kept in
``$XDG_CACHE_HOME/govcheck/remote-packs/`` (default ``~/.cache``). Later runs use the cached
copy, checked against the SHA-256 recorded when it was fetched, and never fetch again: a
moved tag is not followed until the cache entry is deleted (name a commit to be exact).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from govcheck.errors import ConfigError

MAX_BYTES = 5 * 1024 * 1024  # the largest pack fetched over the network
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$|^[0-9a-f]{64}$")


def is_remote(spec: str) -> bool:
    """True for a pack named by address rather than by file."""
    return spec.startswith(("git+", "https://", "http://"))


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govcheck" / "remote-packs"


def fetch(spec: str) -> Path:
    """The local, verified copy of the pack ``spec`` names (fetched on first use only)."""
    if spec.startswith("git+"):
        return _git(spec)
    return _url(spec)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _announce(spec: str, where: Path) -> None:
    sys.stderr.write(f"govcheck: fetching rule pack {spec} (once; kept in {where})\n")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".fetch-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


# -- https://...#sha256=HEX --------------------------------------------------------------------


def _url(spec: str) -> Path:
    url, _, fragment = spec.partition("#")
    wanted = fragment.removeprefix("sha256=").lower() if fragment.startswith("sha256=") else ""
    if not _SHA256.match(wanted):
        raise ConfigError(
            f"rule pack {url}: refused: a pack fetched from a URL must name its SHA-256, as "
            f"{url}#sha256=<64 hex digits> (`sha256sum FILE` prints it)"
        )
    cached = cache_root() / "sha256" / f"{wanted}.yaml"
    if cached.is_file():
        have = _sha256(cached.read_bytes())
        if have != wanted:
            raise ConfigError(
                f"rule pack {spec}: the cached copy {cached} has changed since it was fetched "
                f"(SHA-256 {have}); delete it to fetch the pack again"
            )
        return cached
    _announce(url, cached)
    from urllib.error import URLError
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=30) as response:  # http(s) only: is_remote() chose this path
            data = response.read(MAX_BYTES + 1)
    except (URLError, OSError, ValueError) as exc:
        raise ConfigError(f"rule pack {url}: cannot fetch: {getattr(exc, 'reason', exc)}") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"rule pack {url}: larger than {MAX_BYTES:,} bytes; refused")
    have = _sha256(data)
    if have != wanted:
        raise ConfigError(f"rule pack {url}: its SHA-256 is {have}, not {wanted} as named; refused")
    _write(cached, data)
    return cached


# -- git+URL@REV#PATH --------------------------------------------------------------------------


def _parse_git(spec: str) -> tuple[str, str, str]:
    left, _, path = spec.removeprefix("git+").partition("#")
    url, at, rev = left.rpartition("@")
    if not at or not rev or "/" in rev or url.endswith(":"):
        raise ConfigError(
            f"rule pack {spec}: name a revision (a tag or commit) and the pack's path, as "
            "git+URL@REV#path/to/pack.yaml"
        )
    if not path or path.startswith("/") or ".." in path.split("/"):
        raise ConfigError(f"rule pack {spec}: after # give the pack's path inside the repository")
    return url, rev, path


def _run_git(args: list[str], cwd: Path, spec: str) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise ConfigError(f"rule pack {spec}: git is not installed") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(f"rule pack {spec}: git {args[0]} took longer than 300 s") from None
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
        why = (fatal or lines or [f"exit status {done.returncode}"])[0]
        raise ConfigError(f"rule pack {spec}: git {args[0]} failed: {why}")
    return done.stdout.decode("utf-8", "replace")


def _git(spec: str) -> Path:
    url, rev, path = _parse_git(spec)
    entry = cache_root() / "git" / _sha256(f"{url}\0{rev}\0{path}".encode())[:32]
    meta_file, cached = entry / "fetched.json", entry / Path(path).name
    if meta_file.is_file() and cached.is_file():
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        have = _sha256(cached.read_bytes())
        if meta.get("sha256") != have:
            raise ConfigError(
                f"rule pack {spec}: the cached copy {cached} has changed since it was fetched; "
                f"delete {entry} to fetch the pack again"
            )
        return cached
    _announce(spec, entry)
    with tempfile.TemporaryDirectory(prefix="govcheck-git-") as tmp:
        work = Path(tmp)
        _run_git(["init", "-q", "--bare"], work, spec)
        target = "FETCH_HEAD"
        try:
            _run_git(["fetch", "-q", "--depth", "1", url, rev], work, spec)
        except ConfigError:  # a server that will not serve a commit by id: fetch everything
            _run_git(["fetch", "-q", "--tags", url, "+refs/heads/*:refs/heads/*"], work, spec)
            target = rev
        try:
            commit = _run_git(["rev-parse", "--verify", "-q", f"{target}^{{commit}}"], work, spec).strip()
        except ConfigError:
            raise ConfigError(f"rule pack {spec}: revision {rev!r} not found in {url}") from None
        if _COMMIT.match(rev) and commit != rev:
            raise ConfigError(f"rule pack {spec}: fetched commit {commit}, not {rev}; refused")
        done = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=work, capture_output=True, timeout=60)
        if done.returncode != 0:
            raise ConfigError(f"rule pack {spec}: no file {path} at {rev} ({commit[:12]})")
        data = done.stdout
    _write(cached, data)
    record = {"url": url, "rev": rev, "commit": commit, "path": path, "sha256": _sha256(data)}
    _write(meta_file, json.dumps(record, indent=2).encode())
    return cached
