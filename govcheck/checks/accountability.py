"""Accountabilities: one accountable owner per function, owners resolve, duties are owned."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
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


def _key(item: Accountability) -> str:
    return item.duty or " ".join(item.function.casefold().split())


@check("accountability.single_owner")
def single_owner(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every function has exactly one accountable owner: a function (same name, or same duty)
    listed more than once is reported at each position. Delegates are not owners.
    """
    groups: dict[str, list[Accountability]] = defaultdict(list)
    for item in doc.accountabilities:
        groups[_key(item)].append(item)
    for items in groups.values():
        if len(items) < 2:
            continue
        owners = sorted({i.owner for i in items})
        others = ", ".join(i.id for i in items)
        if len(owners) > 1:
            what = f"has {len(owners)} accountable owners ({', '.join(owners)})"
        else:
            what = f"is listed {len(items)} times"
        for item in items:
            yield Violation(
                f"{item.path}/function",
                f"function {item.function!r} {what}: entries {others}; keep one entry with one owner "
                "and record other parties under delegated_to or joint_with",
                value=_key(item),
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
