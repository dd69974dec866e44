"""A cache of checked rule packs, invalidated the way CPython invalidates bytecode caches.

Parsing the built-in packs (~2,000 lines of YAML) with the positioned loader and validating
them costs ~15 ms, more than checking a typical document, and they rarely change. A pack
that parsed and validated without problems is stored as JSON in
``$XDG_CACHE_HOME/govcheck/rule-packs-<version>/`` (default ``~/.cache``), one file per pack
named after its absolute path, with the pack's size and modification time in nanoseconds
(what a ``.pyc`` records for its source) and the modification times of the files of the
code that parses and validates it, which the caller names (govcheck.rules names the loader
and itself, so a development checkout notices a changed loader or pack schema; this module
imports neither). Any change
means parsing and validating again; a missing, corrupt or unwritable cache only means that.
A run reads only the files of its own packs, however many packs other projects or test
runs have cached. ``GOVCHECK_NO_CACHE=1`` turns the cache off.

Beside the packs, ``registry-<crc32>.verdict`` files record that a registry, named by a key
of what its checks and rules came from (govcheck.plugins stamps the files), validated
without a problem, so the next run with the same key skips validating it again; the
verdict on the plugins also holds the order pluggy gave their hook implementations, so
that run need not import pluggy.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote  # already imported by pathlib


def cache_dir() -> Path | None:
    if os.environ.get("GOVCHECK_NO_CACHE"):
        return None
    from govcheck import __version__

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govcheck" / f"rule-packs-{__version__}"


def _entry_file(folder: Path, pack: Path) -> Path:
    return folder / (quote(str(pack.resolve()), safe="") + ".json")


def _stamp(stat: os.stat_result, code: Sequence[str]) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, *(os.stat(file).st_mtime_ns for file in code)]


def get(path: Path, stat: os.stat_result, code: Sequence[str]) -> Any | None:
    """The parsed data of ``path`` if cached for this exact file (size and mtime) and for
    the ``code`` files as they are now, else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads(_entry_file(folder, path).read_bytes())
    except (OSError, ValueError):
        return None
    if isinstance(entry, dict) and entry.get("stamp") == _stamp(stat, code):
        return entry.get("data")
    return None


def put(path: Path, stat: os.stat_result, data: Any, code: Sequence[str]) -> None:
    """Remember the parsed data of ``path`` as it was at ``stat``, parsed by ``code`` as it
    is now; never fails the run.

    Entries of packs that no longer exist are removed at the same time."""
    folder = cache_dir()
    if folder is None:
        return
    if not _write(_entry_file(folder, path), {"stamp": _stamp(stat, code), "data": data}):
        return
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.suffix == ".json" and not os.path.exists(unquote(entry.name[: -len(".json")])):
                entry.unlink()


def _verdict_file(folder: Path, key: str) -> Path:
    import zlib  # built in: no module file to read

    return folder / f"registry-{zlib.crc32(key.encode()):08x}.verdict"  # not .json: put() prunes those


def verdict(key: str) -> dict[str, Any] | None:
    """What was recorded when a registry built from exactly ``key`` (what its checks and
    rules came from, stamped) was validated without a problem; None if it was not."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads(_verdict_file(folder, key).read_bytes())
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("validated") == key else None


def remember_validated(key: str, **data: Any) -> None:
    """Record that the registry ``key`` stands for passed validation, with ``data`` (JSON)
    that :func:`verdict` returns; never fails the run."""
    folder = cache_dir()
    if folder is None:
        return
    _write(_verdict_file(folder, key), {**data, "validated": key})


def _write(file: Path, entry: Any) -> bool:
    """Write ``entry`` as JSON to ``file`` atomically (concurrent runs see the old or the new
    file); False, leaving nothing behind, when it cannot be written."""
    tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(entry), encoding="utf-8")
        os.replace(tmp, file)
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True
