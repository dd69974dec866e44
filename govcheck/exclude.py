"""Which files a directory walk leaves out: ``--exclude GLOB``, the ``exclude`` option, and
rule packs (YAML that is not a constitution, which a rules folder often sits beside).

Patterns are .gitignore-like globs (:func:`govcheck.config.glob_match`): ``*`` within a path
segment, ``**`` across segments, and a pattern without ``/`` matches a file or directory
name anywhere. Command-line patterns are relative to the working directory, configuration
patterns to the configuration file's directory. As with ruff's ``exclude``, a file named
explicitly on the command line is always checked; only files found by walking are left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from govcheck.config import glob_match

_PACK_KEY = re.compile(rb"^pack\s*:", re.MULTILINE)
_RULES_KEY = re.compile(rb"^rules\s*:", re.MULTILINE)
_CONSTITUTION_KEY = re.compile(rb"^govcheck\s*:", re.MULTILINE)


def excluded(path: str | os.PathLike[str], patterns: Iterable[str], root: Path) -> str | None:
    """The first pattern that excludes ``path`` (or a directory above it, up to ``root``)."""
    patterns = tuple(patterns)
    if not patterns:  # the common case: no Path built for each file of a walk
        return None
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return None
    parts = rel.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        if any(glob_match(pattern, c) for c in candidates):
            return pattern
    return None


def is_rule_pack(path: str | os.PathLike[str]) -> bool:
    """True for a YAML file whose top-level keys include ``pack`` and ``rules`` but not
    ``govcheck`` (a constitution's version key): a rule pack, not a broken constitution."""
    import stat

    try:  # never block on a FIFO or device: open without blocking, read only a regular file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            head = fh.read(64 * 1024)
    except OSError:
        return False
    return bool(_PACK_KEY.search(head) and _RULES_KEY.search(head) and not _CONSTITUTION_KEY.search(head))
