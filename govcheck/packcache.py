"""A cache of parsed rule packs, invalidated the way CPython invalidates bytecode caches.

Parsing the built-in packs (~2,000 lines of YAML) with the positioned loader costs ~15 ms,
more than checking a typical document, and they rarely change. A pack that parsed without
problems is stored as JSON in ``$XDG_CACHE_HOME/govcheck`` (default ``~/.cache/govcheck``),
keyed by its absolute path, size and modification time in nanoseconds (what a ``.pyc``
records for its source) and the govcheck version. Any change to the file means parsing it
again; a missing, corrupt or unwritable cache only means parsing. ``GOVCHECK_NO_CACHE=1``
turns the cache off. Validation of the pack still runs on every load.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

_entries: dict[str, Any] | None = None  # the cache file's content, read once per process


def cache_file() -> Path | None:
    if os.environ.get("GOVCHECK_NO_CACHE"):
        return None
    from govcheck import __version__

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govcheck" / f"rule-packs-{__version__}.json"


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns]


def _load(file: Path) -> dict[str, Any]:
    global _entries
    if _entries is None:
        try:
            _entries = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(_entries, dict):
                _entries = {}
        except (OSError, ValueError):
            _entries = {}
    return _entries


def get(path: Path, stat: os.stat_result) -> Any | None:
    """The parsed data of ``path`` if cached for this exact file (size and mtime), else None."""
    file = cache_file()
    if file is None:
        return None
    entry = _load(file).get(str(path.resolve()))
    if isinstance(entry, dict) and entry.get("stamp") == _stamp(stat):
        return entry.get("data")
    return None


def put(path: Path, stat: os.stat_result, data: Any) -> None:
    """Remember the parsed data of ``path`` as it was at ``stat``; never fails the run."""
    file = cache_file()
    if file is None:
        return
    entries = _load(file)
    for gone in [k for k in entries if not os.path.exists(k)]:  # packs since deleted
        del entries[gone]
    entries[str(path.resolve())] = {"stamp": _stamp(stat), "data": data}
    tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(tmp, file)  # atomic: concurrent runs see the old or the new file
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink()
