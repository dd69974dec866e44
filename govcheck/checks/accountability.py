"""Accountabilities: one accountable owner per function, owners resolve, duties are owned."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.shared import unresolved
from govcheck.model import Accountability, Constitution

OWNER_KINDS = ("board", "member", "committee", "place", "organisation", "icb")

DEFAULT_DUTIES = [
    "safeguarding_children",
    "safeguarding_adults",
    "children_in_care",
    "send",
    "continuing_healthcare",
    "eprr",
    "public_involvement",
]


def _name(item: Accountability) -> str:
    return " ".join(item.function.casefold().split())


@check("accountability.single_owner")
def single_owner(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every function has exactly one accountable owner: a function listed more than once
    (same name, or same statutory duty) is reported at each position. Delegates are not owners.
    """
    groups: dict[tuple[str, str], list[Accountability]] = defaultdict(list)
    for item in doc.accountabilities:
        groups[("name", _name(item))].append(item)
        if item.duty:
            groups[("duty", item.duty)].append(item)
    clashes: dict[str, dict[str, Accountability]] = defaultdict(dict)
    for items in groups.values():
        if len(items) > 1:
            for item in items:
                clashes[item.id].update((other.id, other) for other in items)
    for item in doc.accountabilities:
        entries = clashes.get(item.id)
        if not entries:
            continue
        owners = sorted({e.owner for e in entries.values()})
        if len(owners) > 1:
            what = f"has {len(owners)} accountable owners ({', '.join(owners)})"
        else:
            what = f"is listed {len(entries)} times"
        yield Violation(
            f"{item.path}/function",
            f"function {item.function!r} {what}: entries {', '.join(sorted(entries))}; keep one entry "
            "with one owner and record other parties under delegated_to or joint_with",
            value=item.duty or _name(item),
        )


@check("accountability.owners_resolve")
def owners_resolve(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every owner and delegate names a defined board, member, committee, place or body."""
    for item in doc.accountabilities:
        problem = unresolved(doc, f"{item.path}/owner", item.owner, OWNER_KINDS)
        if problem:
            yield problem
        for i, ref in enumerate(item.delegated_to):
            problem = unresolved(doc, f"{item.path}/delegated_to/{i}", ref, OWNER_KINDS)
            if problem:
                yield problem


@check(
    "accountability.duties_assigned",
    params={"duties": {"type": "array", "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                       "default": DEFAULT_DUTIES}},
)
def duties_assigned(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each statutory duty in ``duties`` is discharged by an accountability whose owner resolves."""
    owned = {
        item.duty
        for item in doc.accountabilities
        if item.duty and unresolved(doc, item.path, item.owner, OWNER_KINDS) is None
    }
    for duty in params["duties"]:
        if duty not in owned:
            yield Violation(
                "/accountabilities",
                f"statutory duty {duty!r} has no accountable owner: add an accountability with "
                f"'duty: {duty}' and an owner",
                key=True,
                value=duty,
            )


@check("accountability.delegation_loops")
def delegation_loops(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No owner delegates a function to itself, and delegations never lead back to where they
    started (the board delegates to a committee that delegates to the board): each delegation
    in a loop is reported, with the loop.
    """
    edges: dict[str, dict[str, str]] = defaultdict(dict)  # owner -> delegate -> accountability id
    for item in doc.accountabilities:
        for ref in item.delegated_to:
            if isinstance(ref, str) and ref != item.owner:  # the smallest id names an edge: order-free
                edges[item.owner][ref] = min(item.id, edges[item.owner].get(ref, item.id))
    for item in doc.accountabilities:
        for i, ref in enumerate(item.delegated_to):
            where = f"{item.path}/delegated_to/{i}"
            if ref == item.owner:
                yield Violation(
                    where,
                    f"{item.id}: {ref!r} owns this function and delegates it to itself; "
                    "remove the delegation or name the body that really exercises it",
                    value=f"{item.id}:{ref}",
                )
                continue
            back = _path(edges, ref, item.owner)
            if back is not None:
                steps = [f"{item.owner} -> {ref} ({item.id})"]
                steps += [f"{a} -> {b} ({edges[a][b]})" for a, b in pairwise(back)]
                yield Violation(
                    where,
                    f"{item.id}: delegating to {ref!r} closes a loop of delegation back to "
                    f"{item.owner!r}: {', '.join(steps)}; lines of accountability must not loop",
                    value=f"{item.id}:{ref}",
                )


def _path(edges: Mapping[str, Mapping[str, str]], start: str, goal: str) -> list[str] | None:
    """The shortest delegation path from ``start`` to ``goal`` (breadth first), or None."""
    previous: dict[str, str] = {start: start}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(edges.get(node, ())):
                if nxt in previous:
                    continue
                previous[nxt] = node
                if nxt == goal:
                    found = [goal]
                    while found[-1] != start:
                        found.append(previous[found[-1]])
                    return found[::-1]
                following.append(nxt)
        frontier = following
    return None


@check("accountability.place_delegation")
def place_delegation(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """A function delegated to a place names the place's decision-making body (a place
    committee for it, or a named partnership or its governance model) and the delegation's
    limits.
    """
    committees = {c.place for c in doc.committees if c.type == "place"}
    by_id: dict[str, Any] = {}
    for p in doc.places:
        by_id.setdefault(p.id, p)  # the first definition, as doc.kind_of uses
    for item in doc.accountabilities:
        places = [(j, ref) for j, ref in enumerate(item.delegated_to) if doc.kind_of(ref) == "place"]
        for j, ref in places:
            place = by_id[ref]
            body = place.partnership_name or place.partnership_governance_model
            if ref not in committees and not body:
                yield Violation(
                    f"{item.path}/delegated_to/{j}",
                    f"{item.function!r} is delegated to place {place.name!r}, which has no place "
                    "committee and no named partnership (partnership.name or governance.model) "
                    "to exercise it",
                    value=f"{item.id}:{ref}",
                )
        if places and not item.limits:
            yield Violation(
                f"{item.path}/delegated_to",
                f"{item.function!r} is delegated to a place without stating the scope and "
                "financial limits of the delegation (limits)",
                key=True,
                value=f"{item.id}:limits",
            )


@check("accountability.committee_delegation")
def committee_delegation(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """A function delegated to a committee (an ICB committee, a place committee or a joint
    committee) states the scope and limits of the delegation (``limits``). A committee named
    as the delegate of its own function is not a delegation (the delegation-loop rule's).
    """
    for item in doc.accountabilities:
        if item.limits:
            continue
        named = [
            ref for ref in item.delegated_to if doc.kind_of(ref) == "committee" and ref != item.owner
        ]
        if named:
            yield Violation(
                f"{item.path}/delegated_to",
                f"{item.function!r} is delegated to committee {', '.join(named)} without stating the "
                "scope and limits of the delegation (limits)",
                key=True,
                value=f"{item.id}:limits",
            )


def _matches(item: Any, key: str) -> bool:
    return key in (item.duty, item.matter)


@check(
    "accountability.matters",
    params={
        "matters": {
            "type": "array",
            "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
            "minItems": 1,
        },
        "reserved_to_board": {"type": "boolean", "default": False},
    },
)
def matters(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each matter in ``matters`` has an accountability (``matter:`` or ``duty:`` key) with an
    owner; with ``reserved_to_board`` it must also be reserved to the board.
    """
    for key in params["matters"]:
        found = [a for a in doc.accountabilities if _matches(a, key)]
        if not found:
            yield Violation(
                "/accountabilities",
                f"no accountability covers {key!r}: add one with 'matter: {key}' and an owner",
                key=True,
                value=key,
            )
            continue
        if params["reserved_to_board"] and not any(
            a.reserved_to_board and doc.kind_of(a.owner) == "board" for a in found
        ):
            a = found[0]
            yield Violation(
                f"{a.path}/reserved_to_board",
                f"{a.function!r} ({key}) is not reserved to the board (owner: the board, reserved_to_board: true)",
                key=True,
                value=key,
            )


PERMITTED = [
    "icb",
    "nhs_england",
    "nhs_trust",
    "foundation_trust",
    "local_authority",
    "combined_authority",
]


@check(
    "accountability.joint_partners",
    params={"kinds": {"type": "array", "items": {"type": "string"}, "default": PERMITTED}},
)
def joint_partners(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Functions are exercised jointly (``joint_with``, or through a joint committee or
    committees in common and its ``parties``) only with bodies of a permitted kind; a joint
    committee names at least one other party.
    """
    kinds = set(params["kinds"])
    for c in doc.committees:
        if not c.joint:
            continue
        if not c.parties:
            yield Violation(
                c.path,
                f"{c.name!r} is a joint committee or committees in common but names no other party (parties)",
                key=True,
                value=f"{c.id}:parties",
            )
        for j, ref in enumerate(c.parties):
            org = doc.organisation(ref)
            if org is not None and org.kind not in kinds:
                yield Violation(
                    f"{c.path}/parties/{j}",
                    f"{c.name!r} includes {org.name!r}, a {org.kind.replace('_', ' ')}, which is not a "
                    "body an ICB may form joint arrangements with",
                    value=f"{c.id}:{ref}",
                )
    for item in doc.accountabilities:
        for j, ref in enumerate(item.joint_with):
            if doc.kind_of(ref) == "icb":
                continue
            org = doc.organisation(ref)
            if org is not None and org.kind not in kinds:
                yield Violation(
                    f"{item.path}/joint_with/{j}",
                    f"{item.function!r} is exercised jointly with {org.name!r}, a "
                    f"{org.kind.replace('_', ' ')}, which is not a body an ICB may form joint "
                    "arrangements with",
                    value=f"{item.id}:{ref}",
                )
