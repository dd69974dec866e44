"""Board quorum: a majority, the role mix, and whether the members listed can meet it."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from govcheck.checks.base import NotApplicable, Violation, check
from govcheck.model import EXECUTIVE_ROLES, PARTNER_ROLES, Constitution, Member, Quorum

QUORUM = "/board/quorum"

# What each quorum role category means in board roles (mechanism, not policy).
ROLE_SETS: dict[str, frozenset[str]] = {
    "chair_or_deputy": frozenset({"chair", "deputy_chair"}),
    "chair": frozenset({"chair"}),
    "executive": EXECUTIVE_ROLES,
    "clinical_executive": frozenset({"medical_director", "nursing_director"}),
    "non_executive": frozenset({"non_executive"}),
    "partner_member": PARTNER_ROLES,
}
CATEGORY_NAMES = {
    "chair_or_deputy": "the chair or deputy chair",
    "chair": "the chair in person",
    "executive": "an executive member",
    "clinical_executive": "a clinical executive, i.e. the medical or nursing director",
    "non_executive": "a non-executive member",
    "partner_member": "a partner member",
}
# A stricter category satisfies a looser one in the role mix.
SATISFIES = {"chair": {"chair_or_deputy"}, "clinical_executive": {"executive"}}


def _quorum(doc: Constitution) -> Quorum:
    quorum = doc.board_quorum
    if quorum is None:
        raise NotApplicable("the board has no quorum (see the quorum-defined rule)")
    return quorum


def _voting(doc: Constitution) -> list[Member]:
    """The voting members who can attend: held voting seats, one per person (a vacant seat
    has nobody to attend; a person acting in a second seat is still one person)."""
    people: dict[str, Member] = {}
    for m in doc.members:
        if not (m.voting and m.held):
            continue
        first = people.get(m.person_key)
        if first is not None:  # one person in two seats (acting in one): both roles, counted once
            keep = min(first, m, key=lambda seat: seat.id)  # named by one seat whatever the order
            m = keep._replace(roles=first.roles | m.roles)
        people[m.person_key] = m
    return list(people.values())


def effective_count(quorum: Quorum, voting: int) -> tuple[int, str]:
    """The number of voting members the quorum needs, and the field that sets it: the
    largest of ``min_count``, ``min_fraction`` of them, and (``majority: true``) more than
    half of them, recomputed from the seats."""
    count = quorum.min_count
    fraction = quorum.min_fraction
    majority = quorum.majority
    if count is None and fraction is None and not majority:
        raise NotApplicable(
            "the quorum states none of min_count, min_fraction or majority (see the quorum-defined rule)"
        )
    options = []  # on a tie the first wins: min_count, then min_fraction
    if count is not None:
        options.append((count, f"{QUORUM}/min_count"))
    if fraction is not None:
        options.append((math.ceil(fraction * voting - 1e-9), f"{QUORUM}/min_fraction"))
    if majority:
        options.append((voting // 2 + 1, f"{QUORUM}/majority"))
    return max(options, key=lambda option: option[0])


@check(
    "quorum.majority",
    params={
        "quorum_min_fraction": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5},
        "inclusive": {"type": "boolean", "default": False},
    },
)
def majority(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The quorum needs more than ``quorum_min_fraction`` of the voting members (at least
    that fraction when ``inclusive``).
    """
    voting = len(_voting(doc))
    needed, path = effective_count(_quorum(doc), voting)
    fraction = params["quorum_min_fraction"]
    threshold = fraction * voting
    ok = needed >= threshold if params["inclusive"] else needed > threshold
    if not ok:
        bound = "at least" if params["inclusive"] else "more than"
        yield Violation(
            path,
            f"the quorum is {needed} of {voting} voting members; it must be {bound} "
            f"{fraction:g} of them (quorum_min_fraction), i.e. at least "
            f"{_minimum(fraction, voting, params['inclusive'])}",
            key=True,
            value=str(needed),
        )


def _minimum(fraction: float, voting: int, inclusive: bool) -> int:
    threshold = fraction * voting
    low = math.ceil(threshold - 1e-9)
    return low if inclusive or low > threshold else low + 1


@check(
    "quorum.role_mix",
    params={
        "required": {
            "type": "array",
            "items": {"enum": sorted(ROLE_SETS)},
            "default": ["chair_or_deputy", "executive", "non_executive", "partner_member"],
        }
    },
)
def role_mix(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The quorum's ``required_roles`` include each category in ``required`` (a stricter
    category counts for a looser one: the chair for chair-or-deputy, a clinical executive for
    an executive). Each missing category is reported separately.
    """
    stated = set(_quorum(doc).required_roles)
    covered = stated | {loose for s in stated for loose in SATISFIES.get(s, ())}
    for wanted in params["required"]:
        if wanted not in covered:
            yield Violation(
                f"{QUORUM}/required_roles",
                f"the quorum does not require {CATEGORY_NAMES[wanted]} ({wanted}) to be present",
                key=True,
                value=wanted,
            )


def _assign(roles: Sequence[str], people: Sequence[Member]) -> bool:
    """Whether each role category can be filled by a different person (bipartite matching)."""
    return _assignment(roles, people) is not None


def _assignment(roles: Sequence[str], people: Sequence[Member]) -> dict[str, int] | None:
    """One way to fill each role category by a different person: person id -> role index."""
    match: dict[str, int] = {}  # person id -> index of the role they fill
    ok = all(_fill(i, set(), roles, people, match) for i in range(len(roles)))
    return match if ok else None


def _fill(i: int, seen: set[str], roles: Sequence[str], people: Sequence[Member], match: dict[str, int]) -> bool:
    """Kuhn's augmenting path for role ``i``. A module-level function, not a closure that
    calls itself: such a closure is a reference cycle that outlives every document checked
    while the collector is paused (docs/performance.md, "Flat memory in batches")."""
    for m in people:
        if m.id in seen or not m.roles & ROLE_SETS[roles[i]]:
            continue
        seen.add(m.id)
        if m.id not in match or _fill(match[m.id], seen, roles, people, match):
            match[m.id] = i
            return True
    return False


@check("quorum.satisfiable", params={"single_absence": {"type": "boolean", "default": True}})
def satisfiable(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Computed: the voting members actually listed can form a quorum. The count does not
    exceed them; every required role category is held by a voting member, by different
    people when the one-capacity rule applies; and (``single_absence``) no single absence
    makes the board inquorate: the sole holder of a required category, a member every
    assignment needs, or a quorum that needs every voting member.
    """
    quorum = _quorum(doc)
    voting = _voting(doc)
    needed, count_path = effective_count(quorum, len(voting))
    if needed > len(voting):
        yield Violation(
            count_path,
            f"the quorum needs {needed} voting members but the board lists only {len(voting)}",
            key=True,
            value="count",
        )
        return
    roles = [r for r in quorum.required_roles if r in ROLE_SETS]
    distinct = quorum.one_capacity_rule
    holders = {r: [m for m in voting if m.roles & ROLE_SETS[r]] for r in roles}
    missing = False
    for i, role in enumerate(roles):
        if not holders[role]:
            missing = True
            yield Violation(
                f"{QUORUM}/required_roles/{i}",
                f"the quorum requires {CATEGORY_NAMES[role]} ({role}) but no voting member holds that role",
                key=False,
                value=role,
            )
    if missing:
        return
    if distinct and not _assign(roles, voting):
        yield Violation(
            f"{QUORUM}/required_roles",
            "the required roles cannot all be filled by different voting members (one capacity "
            f"per person): {', '.join(roles)}",
            key=True,
            value="assignment",
        )
        return
    if not params["single_absence"]:
        return
    if needed == len(voting) and needed > 0:
        yield Violation(
            count_path,
            f"the quorum of {needed} needs every one of the {len(voting)} voting members: any "
            "single absence or conflict makes the board inquorate",
            key=True,
            value="every-member",
        )
    sole: set[str] = set()
    for i, role in enumerate(roles):
        if len(holders[role]) == 1:
            only = holders[role][0]
            sole.add(only.id)
            yield Violation(
                f"{QUORUM}/required_roles/{i}",
                f"only {only.name!r} ({only.id}) can fill {CATEGORY_NAMES[role]} ({role}) in the "
                "quorum: if they are absent or conflicted the board is inquorate",
                value=f"sole:{role}",
            )
    if distinct:
        # Only someone in a working assignment can be indispensable (without anyone else it
        # still works): at most one test per role, so the check stays linear in board size.
        used = _assignment(roles, voting) or {}
        for m in voting:
            if m.id in used and m.id not in sole and not _assign(roles, [v for v in voting if v.id != m.id]):
                yield Violation(
                    f"{QUORUM}/required_roles",
                    f"without {m.name!r} ({m.id}) the required roles cannot be filled by different "
                    "voting members: their absence makes the board inquorate",
                    key=True,
                    value=f"needed:{m.id}",
                )
