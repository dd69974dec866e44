"""Waivers: accepted exceptions recorded in the document's ``waivers`` block.

A waiver names one rule (id or slug) and the JSON Pointer of the part of the document it
covers; a finding of that rule at that path, or anywhere under it, is *waived* and shows the
waiver's reason. A waiver must give a reason, name a known rule and not have expired (judged
against the run's as-of date, never the wall clock); otherwise it waives nothing and is
reported under GOV009. A valid waiver that covers no finding of a rule that ran is reported
under GOV010.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from govcheck.findings import WAIVED, Finding
from govcheck.rules import Rule

INVALID_RULE = "GOV009"
UNUSED_RULE = "GOV010"
WAIVER_RULES = frozenset({INVALID_RULE, UNUSED_RULE})


class Problem(NamedTuple):
    """A waiver that is itself a finding: which rule, where, and what is wrong."""

    rule: str
    path: str
    message: str
    key: bool = False


class Waiver(NamedTuple):
    index: int
    rule: str  # the rule id it resolves to ("" when unknown)
    path: str
    reason: str
    approver: str
    expires: str

    @property
    def pointer(self) -> str:
        return f"/waivers/{self.index}"

    def covers(self, finding: Finding) -> bool:
        return finding.rule == self.rule and (
            not self.path
            or finding.path == self.path
            or finding.path.startswith(self.path + "/")
        )


def read(
    data: Mapping[str, Any], lookup: Callable[[str], Rule | None], as_of: dt.date | None
) -> tuple[list[Waiver], list[Problem]]:
    """The usable waivers of a (schema-valid) document, and the problems with the others."""
    usable: list[Waiver] = []
    problems: list[Problem] = []
    for i, item in enumerate(data.get("waivers") or ()):
        where = f"/waivers/{i}"
        name = item["rule"]
        rule = lookup(name)
        reason = " ".join(str(item.get("reason", "")).split())
        expires = str(item.get("expires", ""))
        if rule is None:
            problems.append(
                Problem(INVALID_RULE, f"{where}/rule", f"waiver names unknown rule {name!r}")
            )
            continue
        if rule.id in WAIVER_RULES:
            message = f"waiver names {rule.id} ({rule.slug}), which cannot be waived"
            problems.append(Problem(INVALID_RULE, f"{where}/rule", message))
            continue
        if not reason:
            at = item["path"] or "/"
            message = f"waiver for {rule.id} at {at} gives no reason; a reason is required"
            problems.append(Problem(INVALID_RULE, where, message))
            continue
        if expires and as_of is not None and dt.date.fromisoformat(expires[:10]) < as_of:
            message = (
                f"waiver for {rule.id} at {item['path'] or '/'} expired on {expires[:10]} "
                f"(as of {as_of.isoformat()})"
            )
            problems.append(Problem(INVALID_RULE, f"{where}/expires", message))
            continue
        path = item["path"].rstrip("/")  # "/places/0/" covers what "/places/0" covers; "/" all
        usable.append(Waiver(i, rule.id, path, reason, str(item.get("approver", "")), expires[:10]))
    return usable, problems


def apply(
    waivers: Sequence[Waiver], findings: Sequence[Finding], judged: set[str]
) -> tuple[list[Finding], list[Problem]]:
    """Mark covered findings waived; report waivers (of rules in ``judged``) that covered none.

    The first waiver (in document order) that covers a finding is the one shown.
    """
    used: set[int] = set()
    out = []
    for f in findings:
        w = next((w for w in waivers if w.covers(f)), None)
        if w is None:
            out.append(f)
            continue
        used.add(w.index)
        out.append(
            f._replace(
                status=WAIVED,
                waiver_reason=w.reason,
                waiver_approver=w.approver,
                waiver_expires=w.expires,
                waiver_path=w.pointer,
            )
        )
    return out, [
        Problem(
            UNUSED_RULE,
            w.pointer,
            f"waiver for {w.rule} at {w.path or '/'} matches no finding; remove it",
        )
        for w in waivers
        if w.index not in used and w.rule in judged
    ]
