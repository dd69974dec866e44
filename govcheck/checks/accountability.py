"""Accountabilities: one accountable owner per function, owners resolve, duties are owned."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.document import unresolved
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
