"""The scheme of reservation and delegation: place delegations, named matters, joint working."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.model import PARTNER_ROLES, Constitution


@check("accountability.place_delegation")
def place_delegation(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """A function delegated to a place names the place's decision-making body (a place
    committee for it, or a named partnership or its governance model) and the delegation's
    limits.
    """
    committees = {c.raw.get("place") for c in doc.committees if c.type == "place"}
    by_id: dict[str, Any] = {}
    for p in doc.places:
        by_id.setdefault(p.id, p)  # the first definition, as doc.kind_of uses
    for item in doc.accountabilities:
        places = [(j, ref) for j, ref in enumerate(item.delegated_to) if doc.kind_of(ref) == "place"]
        for j, ref in places:
            place = by_id[ref]
            partnership = place.raw.get("partnership") or {}
            body = partnership.get("name") or (partnership.get("governance") or {}).get("model")
            if ref not in committees and not body:
                yield Violation(
                    f"{item.path}/delegated_to/{j}",
                    f"{item.function!r} is delegated to place {place.name!r}, which has no place "
                    "committee and no named partnership (partnership.name or governance.model) "
                    "to exercise it",
                    value=f"{item.id}:{ref}",
                )
        if places and not item.raw.get("limits"):
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
        if item.raw.get("limits"):
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
    return key in (item.duty, item.raw.get("matter"))


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
            a.raw.get("reserved_to_board") and doc.kind_of(a.owner) == "board" for a in found
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


@check("board.partner_home_organisation")
def partner_home_organisation(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every partner member's home organisation is recorded (organisation), so the conflicts
    of interest policy can be applied to decisions about it. A vacant seat nobody acts in has
    no member, so no home organisation, to record.
    """
    for m in doc.members:
        if m.roles & PARTNER_ROLES and m.held and not m.organisation:
            yield Violation(
                m.path,
                f"partner member {m.name!r} has no home organisation recorded (organisation)",
                key=True,
                value=m.id,
            )
