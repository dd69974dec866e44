"""Root causes first: one undefined id is one finding, and what follows from it is noted there.

Deleting the chair leaves ``m-chair`` referred to in a dozen places. Reported one by one,
the cause drowns in its echoes, and rules that read the same references (who appoints the
chief executive) fail again at the same places. So, per document, after waivers:

- the open findings of one rule for one undefined id ("'x' is not defined anywhere in the
  document": GOV007 for references, GOV403 for accountability owners) become one finding at
  its first place, listing every place (``Finding.related``; SARIF ``relatedLocations``);
- open findings of other rules at one of those places are consequences: they are taken
  out, named in the cause's message, and their rule's outcome says what it follows from;
- when the definition itself is what is missing, the finding that says so is the cause of
  all of that. A finding on the list where ids of the expected kind are defined (the board's
  members for a member, ``committees`` for a committee), whose message names a word of the
  undefined id (``m-chair`` and "the board needs a chair"; ``c-audit`` and "no audit
  committee"), takes the id's places as its own ``related`` places, names the id in its
  message and fix, and the undefined-id findings and their echoes are folded into it.
  Without such a word the id is not linked (a misspelt reference is not a deleted
  definition), so the undefined-id finding stands.
"""

from __future__ import annotations

import re

from govcheck.findings import FAILED, OPEN, Finding
from govcheck.report import DocumentResult, Outcome

_UNDEFINED = re.compile(
    r"^'(?P<id>[^']*)' is not defined anywhere in the document(?: \(expected the id of (?P<kinds>[^)]*)\))?"
)
# Where the ids of each kind are defined: a finding on this list as a whole says one is missing.
DEFINED_IN = {
    "member": "/board/members",
    "committee": "/committees",
    "organisation": "/organisations",
    "place": "/places",
    "person": "/people",
}


def _kinds(words: str | None) -> set[str]:
    """'an organisation, a member or the board' -> {'organisation', 'member', 'board'}."""
    found = set()
    for part in re.split(r",\s*|\s+or\s+", words or ""):
        found.add(part.split(" ", 1)[-1].replace(" ", "_"))
    return found


def _cause(ident: str, kinds: set[str], findings: list[Finding]) -> Finding | None:
    """The open finding that says the definition of ``ident`` is missing, if exactly one
    says so best: the most words of the id (a word matches its plural, "trust" and
    "trusts"); a tie links nothing, so the result never depends on the findings' order."""
    lists = {DEFINED_IN[k] for k in kinds if k in DEFINED_IN}
    words = {w for w in re.split(r"[-_.]", ident.lower()) if len(w) >= 3 and w.isalpha()}
    scored: list[tuple[int, Finding]] = []
    for f in findings:
        if f.status != OPEN or f.path not in lists:
            continue
        said = set(re.findall(r"[a-z]+", f.message.lower()))
        score = sum(1 for w in words if w in said or f"{w}s" in said)
        if score:
            scored.append((score, f))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    best = [f for score, f in scored if score == top]
    return best[0] if len(best) == 1 else None


def _told(echoes: list[Finding]) -> str:
    by_rule: dict[str, int] = {}
    for g in echoes:
        by_rule[g.rule] = by_rule.get(g.rule, 0) + 1
    said = [f"{rule} fail at {n} of them" for rule, n in sorted(by_rule.items())]
    return " and ".join([", ".join(said[:-1]), said[-1]] if len(said) > 1 else said)


def group(result: DocumentResult) -> None:
    """Group the document's findings by root cause, in place (see the module docstring)."""
    groups: dict[tuple[str, str], list[Finding]] = {}  # (rule, id) -> its findings
    kinds: dict[str, set[str]] = {}
    for f in result.findings:
        match = _UNDEFINED.match(f.message) if f.status == OPEN else None
        if match:
            groups.setdefault((f.rule, match["id"]), []).append(f)
            kinds.setdefault(match["id"], set()).update(_kinds(match["kinds"]))
    if not groups:
        return
    undefined = {id(f) for items in groups.values() for f in items}
    removed: set[int] = set()
    followers: dict[str, list[str]] = {}  # consequence rule -> its causes, in words
    replaced: dict[int, Finding] = {}
    for (_, ident), items in sorted(groups.items()):  # by rule and id: the same whatever the order
        items.sort(key=Finding.sort_key)
        places = {f.path for f in items}
        echoes = [g for g in result.findings if id(g) not in undefined and g.status == OPEN and g.path in places]
        cause = _cause(ident, kinds[ident], [f for f in result.findings if id(f) not in undefined])
        if cause is not None:
            cause = replaced.get(id(cause), cause)
            n = len(items)
            where = "1 place refers" if n == 1 else f"{n} places refer"
            message = (
                f"{cause.message}; {where} to {ident!r}, which is not defined, "
                f"so this also makes {_told(items + echoes)} (not reported separately)"
            )
            remediation = f"{cause.remediation} Give it the id {ident!r}, which the references already use."
            related = cause.related + tuple((f.path, f.line, f.column) for f in items)
            replaced[id(cause)] = cause._replace(message=message, remediation=remediation, related=related)
            said = f"{cause.rule} at line {cause.line} ({ident!r} is missing)"
            for g in items + echoes:
                removed.add(id(g))
                followers.setdefault(g.rule, []).append(said)
            continue
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
            message += f"; this also makes {_told(echoes)} (not reported separately)"
            for g in echoes:
                removed.add(id(g))
                followers.setdefault(g.rule, []).append(f"{first.rule} at line {first.line} ({ident!r} is not defined)")
        related = tuple((f.path, f.line, f.column) for f in items[1:])
        replaced[id(first)] = first._replace(message=message, related=related)
        removed.update(id(f) for f in items[1:])
    result.findings = [replaced.get(id(f), f) for f in result.findings if id(f) not in removed]
    left = {f.rule for f in result.findings}
    for i, outcome in enumerate(result.outcomes):
        if outcome.status == FAILED and outcome.rule in followers and outcome.rule not in left:
            causes = "; ".join(dict.fromkeys(followers[outcome.rule]))
            result.outcomes[i] = Outcome(outcome.rule, FAILED, f"follows from {causes}: fix that first")
