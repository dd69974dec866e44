"""Root causes first: one undefined id is one finding, and what follows from it is noted there.

Deleting the chair leaves ``m-chair`` referred to in a dozen places. Reported one by one,
the cause drowns in its echoes, and rules that read the same references (who appoints the
chief executive) fail again at the same places. So, per document, after waivers:

- the open GOV007 findings for one undefined id become one finding at its first place,
  listing every place (``Finding.related``; SARIF ``relatedLocations``);
- open findings of other rules at one of those places are consequences: they are taken
  out, named in the cause's message, and their rule's outcome says what it follows from.
"""

from __future__ import annotations

import re

from govcheck.findings import FAILED, OPEN, Finding
from govcheck.report import DocumentResult, Outcome

REFERENCE_RULE = "GOV007"
_UNDEFINED = re.compile(r"^'(?P<id>[^']*)' is not defined anywhere in the document")


def group(result: DocumentResult) -> None:
    """Group the document's findings by root cause, in place (see the module docstring)."""
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        match = _UNDEFINED.match(f.message) if f.rule == REFERENCE_RULE and f.status == OPEN else None
        if match:
            groups.setdefault(match["id"], []).append(f)
    if not groups:
        return
    removed: set[int] = set()
    followers: dict[str, list[str]] = {}  # consequence rule -> its causes, in words
    replaced: dict[int, Finding] = {}
    for ident, items in groups.items():
        items.sort(key=Finding.sort_key)
        places = {f.path for f in items}
        echoes = [
            g for g in result.findings
            if g.rule != REFERENCE_RULE and g.status == OPEN and g.path in places
        ]  # fmt: skip
        if len(items) == 1 and not echoes:
            continue
        first = items[0]
        if len(items) == 1:
            message = first.message
        else:  # the places are in ``related`` (no line numbers here: a message names what, not where)
            message = (
                f"{ident!r} is not defined anywhere in the document, and {len(items)} places refer to it: "
                "define it, or correct each reference"
            )
        if echoes:
            by_rule: dict[str, int] = {}
            for g in echoes:
                by_rule[g.rule] = by_rule.get(g.rule, 0) + 1
            told = ", ".join(f"{rule} fail at {n} of them" for rule, n in sorted(by_rule.items()))
            message += f"; this also makes {told} (not reported separately)"
            for g in echoes:
                removed.add(id(g))
                followers.setdefault(g.rule, []).append(f"{REFERENCE_RULE} at line {first.line} ({ident!r} is not defined)")
        related = tuple((f.path, f.line, f.column) for f in items[1:])
        replaced[id(first)] = first._replace(message=message, related=related)
        removed.update(id(f) for f in items[1:])
    result.findings = [replaced.get(id(f), f) for f in result.findings if id(f) not in removed]
    left = {f.rule for f in result.findings}
    for i, outcome in enumerate(result.outcomes):
        if outcome.status == FAILED and outcome.rule in followers and outcome.rule not in left:
            causes = "; ".join(dict.fromkeys(followers[outcome.rule]))
            result.outcomes[i] = Outcome(outcome.rule, FAILED, f"follows from {causes}: fix that first")
