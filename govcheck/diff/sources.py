"""The two sides of a diff: each a file, or a file at a git revision (``REV:PATH``).

A name that exists as a file is that file, whatever it looks like. Otherwise a name with a
colon is a git object name, read with ``git show`` from the repository of the working
directory, so no checkout is needed: ``HEAD~1:constitution.yaml``, ``main:constitution.yaml``,
``origin/main:docs/constitution.yaml``, or ``:constitution.yaml`` for the staged version.
As in git, the path after the colon is from the top of the repository, or from the working
directory when it starts with ``./`` or ``../``.

Every problem is a :class:`~govcheck.errors.ConfigError` with a one-line message (exit 2).
"""

from __future__ import annotations

import os
import subprocess
from typing import NamedTuple

from govcheck.errors import ConfigError

GIT_TIMEOUT = 60  # seconds for one git command


class Source(NamedTuple):
    """One side of a diff, read: what was given, its display name, and its bytes."""

    spec: str
    name: str
    raw: bytes
    revision: str | None = None  # the git revision when read from git ("": the index), else None
    path: str = ""  # the file on disk, or the path inside the revision


def read(spec: str, max_bytes: int) -> Source:
    """Read one side. Reads at most ``max_bytes + 1`` bytes (the loader reports the excess)."""
    if not spec:
        raise ConfigError("an empty name is neither a file nor a git revision")
    if os.path.isfile(spec):  # os.path, not pathlib: a name too long is no file, not a traceback
        try:
            with open(spec, "rb") as fh:
                return Source(spec, spec, fh.read(max_bytes + 1), path=spec)
        except OSError as exc:
            raise ConfigError(f"cannot read {spec}: {exc.strerror or exc}") from None
    if os.path.exists(spec):
        raise ConfigError(f"{spec} is not a file (give one constitution file on each side)")
    rev, colon, inner = spec.partition(":")
    if not colon:
        raise ConfigError(
            f"no such file: {spec} (for a version in git, give REVISION:PATH, e.g. HEAD~1:{spec})"
        )
    return _from_git(spec, rev, inner, max_bytes)


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "--no-pager", *args], capture_output=True, env=env, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise ConfigError("git is not installed, so a revision cannot be read") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(f"git did not answer within {GIT_TIMEOUT} seconds") from None


def _first_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return text[0].removeprefix("fatal: ").strip() if text else f"git exited with {proc.returncode}"


def _from_git(spec: str, rev: str, inner: str, max_bytes: int) -> Source:
    if not inner:
        raise ConfigError(f"{spec}: give a path after the colon (e.g. {rev}:constitution.yaml)")
    if rev.startswith("-"):
        raise ConfigError(f"{spec}: {rev!r} is not a git revision")
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0:
        why = _first_line(inside)
        if "not a git repository" in why:
            raise ConfigError(f"no such file: {spec}, and not in a git repository to read it as REVISION:PATH")
        raise ConfigError(f"no such file: {spec}, and git cannot read the repository here: {why}")
    if rev and _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").returncode != 0:
        raise ConfigError(f"{spec}: no such git revision: {rev}")
    kind = _git("cat-file", "-t", "--end-of-options", spec)
    if kind.returncode != 0:
        where = f"revision {rev}" if rev else "the index (staged files)"
        hint = "" if inner.startswith(("./", "../")) else "; paths are from the top of the repository, ./ for here"
        raise ConfigError(f"{spec}: {inner} does not exist in {where}{hint}")
    found = kind.stdout.decode().strip()
    if found != "blob":
        raise ConfigError(f"{spec} is a {found} in git, not a file")
    shown = _git("show", "--no-textconv", "--end-of-options", spec)
    if shown.returncode != 0:
        raise ConfigError(f"{spec}: git show failed: {_first_line(shown)}")
    return Source(spec, spec, shown.stdout[: max_bytes + 1], revision=rev, path=inner)
