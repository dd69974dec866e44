"""The compliance delta: which findings an amendment introduces, resolves or leaves.

Findings on the two sides are matched by a structural fingerprint, never by line: the rule,
the finding's path with list positions replaced by what the item is (``[m-ned-2]``, see
:func:`govcheck.engine.stable_path`), and the message's skeleton: line and column numbers,
list positions in quoted JSON Pointers and other numbers standing alone normalised,
whitespace collapsed. So "the quorum is 6 of 12" becoming "6 of 13" is the same finding,
persisting (its new message is reported), not one resolved and one introduced; ids and
dates are kept. (A baseline's fingerprint keeps numbers: it compares runs, not versions.) On the old
side, renamed ids are read as their new names first, so renaming a member does not turn its
findings into one resolved and one introduced. Equal fingerprints pair up in document order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from govcheck.engine import stable_path
from govcheck.findings import Finding
from govcheck.report import DocumentResult

_LINE_COL = re.compile(r"\b(line|column) \d+")
# A number standing alone (6, 0.5, 250,000), not part of an id (m-ned-3) or a date (2026-04-01).
_NUMBER = re.compile(r"(?<![\w.,-])\d+(?:[.,]\d+)*(?![\w-]|[.,]\d)")
_POINTER = re.compile(r"(?<![\w/~.])/[A-Za-z0-9_~.\-]+(?:/[A-Za-z0-9_~.\-]+)*")


class Persisting(NamedTuple):
    old: Finding
    new: Finding


class RuleChange(NamedTuple):
    """A rule whose outcome differs between the sides (``absent`` when it did not run)."""

    rule: str
    old: str
    new: str


class Delta(NamedTuple):
    introduced: list[Finding]
    resolved: list[Finding]
    persisting: list[Persisting]
    rules: list[RuleChange]


def _renamed(text: str, ids: Mapping[str, str]) -> str:
    if not ids:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r")(?![\w-])")
    return pattern.sub(lambda m: ids[m.group(1)], text)


def fingerprint(finding: Finding, data: Any, ids: Mapping[str, str] | None = None) -> str:
    """The structural identity of a finding within one document (no file name, no line)."""
    message = _LINE_COL.sub(r"\1 #", finding.message)
    message = _POINTER.sub(lambda m: stable_path(data, m.group(0)), message)
    message = _NUMBER.sub("#", message)
    where = stable_path(data, finding.path)
    if finding.related:  # a root cause (govcheck.rootcause) sits at its first place: all places, unordered
        where = " ".join(sorted({where, *(stable_path(data, path) for path, _, _ in finding.related)}))
    text = "\0".join((finding.rule, where, " ".join(message.split())))
    return _renamed(text, ids or {})


def delta(
    old: DocumentResult, old_data: Any, new: DocumentResult, new_data: Any, ids: Mapping[str, str] | None = None
) -> Delta:
    """Match the findings of two checks of one constitution, before and after."""
    pending: dict[str, list[Finding]] = {}
    for f in sorted(old.findings, key=Finding.sort_key):
        pending.setdefault(fingerprint(f, old_data, ids), []).append(f)
    introduced, persisting = [], []
    for f in sorted(new.findings, key=Finding.sort_key):
        matches = pending.get(fingerprint(f, new_data))
        if matches:
            persisting.append(Persisting(matches.pop(0), f))
        else:
            introduced.append(f)
    resolved = sorted((f for fs in pending.values() for f in fs), key=Finding.sort_key)
    before = {o.rule: o.status for o in old.outcomes}
    after = {o.rule: o.status for o in new.outcomes}
    rules = [
        RuleChange(rule, before.get(rule, "absent"), after.get(rule, "absent"))
        for rule in sorted(set(before) | set(after))
        if before.get(rule) != after.get(rule)
    ]
    return Delta(introduced, resolved, persisting, rules)
