"""Baselines: the findings a repository has accepted for now, so only new ones fail.

A baseline file lists findings by fingerprint (rule, document, structural path and a
normalised value; see :func:`govcheck.engine.fingerprint`), never by line, so edits elsewhere
in a document neither resurrect a baselined finding nor hide a new one. Fingerprints are
counted: if a baseline holds one finding with a fingerprint and a run has two, one is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from typing import Any

from govcheck.errors import ConfigError
from govcheck.findings import BASELINED, OPEN, Finding
from govcheck.report import DocumentResult

FORMAT = "govcheck-baseline"
VERSION = 1
MAX_BYTES = 256 * 1024**2  # a baseline larger than 256 MiB (about two million findings) is refused
NEW = "new"


def render(findings: Iterable[Finding]) -> str:
    """The baseline file for these findings (open ones only), as deterministic JSON."""
    entries = [
        {
            "fingerprint": f.fingerprint,
            "rule": f.rule,
            "file": f.file,
            "path": f.path,
            "message": f.message,
        }
        for f in sorted(findings, key=Finding.sort_key)
        if f.status == OPEN
    ]
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "findings": entries}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load(path: str | os.PathLike[str]) -> Counter[str]:
    """The fingerprints in a baseline file, counted. Raises ConfigError (exit 2) when unusable."""
    from govcheck.fileio import read_small

    try:
        text = read_small(path, MAX_BYTES, "baseline").decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"baseline {path}: no such file (create it with `govcheck baseline`)"
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"baseline {path}: cannot read: {exc}") from None
    from govcheck import strictjson

    try:
        data = strictjson.loads(text)
    except (json.JSONDecodeError, strictjson.DuplicateKey) as exc:
        raise ConfigError(f"baseline {path}: not JSON: {exc}") from None
    except RecursionError:
        raise ConfigError(f"baseline {path}: not a govcheck baseline (nested too deeply)") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise ConfigError(f"baseline {path}: not JSON: a number of more than 4,300 digits") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f'baseline {path}: not a govcheck baseline (no "format": "{FORMAT}")')
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # true and 1.0 equal 1 in Python; not here
        raise ConfigError(
            f"baseline {path}: version {data.get('version')!r} is not supported "
            f"(expected {VERSION})"
        )
    entries = data.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise ConfigError(
            f'baseline {path}: "findings" must be a list of entries with a "fingerprint"'
        )
    return Counter(e["fingerprint"] for e in entries)


def apply(results: Iterable[DocumentResult], known: Counter[str]) -> None:
    """Mark each finding ``baselined`` (status too, when open) or ``new``, in place."""
    remaining = Counter(known)
    for result in results:
        marked = []
        for f in sorted(result.findings, key=Finding.sort_key):
            if remaining[f.fingerprint] > 0:
                remaining[f.fingerprint] -= 1
                marked.append(f._replace(baseline=BASELINED, status=BASELINED if f.status == OPEN else f.status))
            else:
                marked.append(f._replace(baseline=NEW))
        result.findings = marked
