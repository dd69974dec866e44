"""Committees: required committees exist, who chairs them, who sits on them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.shared import ROLE_NAMES
from govcheck.model import Committee, Constitution, Person

TYPE = {
    "enum": [
        "audit",
        "remuneration",
        "quality",
        "finance",
        "people",
        "place",
        "primary_care",
        "other",
    ]
}
ROLES = {"type": "array", "items": {"type": "string"}}


def _of_type(doc: Constitution, kind: str) -> list[Committee]:
    return [c for c in doc.committees if c.type == kind]


def _roles(roles: Any) -> str:
    return ", ".join(r.replace("_", " ") for r in sorted(roles))


@check(
    "committees.required_types",
    params={
        "types": {"type": "array", "items": TYPE, "minItems": 1},
        "terms_of_reference": {"type": "boolean", "default": True},
    },
)
def required_types(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """A committee of each listed type exists and (``terms_of_reference``) has terms of
    reference.
    """
    for kind in params["types"]:
        found = _of_type(doc, kind)
        if not found:
            yield Violation(
                "/committees",
                f"the constitution establishes no {kind} committee",
                key=True,
                value=kind,
            )
            continue
        if params["terms_of_reference"] and not any(c.terms_of_reference for c in found):
            c = found[0]
            yield Violation(
                f"{c.path}/terms_of_reference",
                f"the {kind} committee {c.name!r} has no terms of reference (terms_of_reference: true)",
                key=True,
                value=c.id,
            )


@check(
    "committees.chair",
    params={
        "type": TYPE,
        "roles_any": {**ROLES, "default": []},
        "roles_none": {**ROLES, "default": []},
        "expertise_any": {**ROLES, "default": []},
        "not_chair_of": {"type": "array", "items": TYPE, "default": []},
    },
)
def chair(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each committee of ``type`` has a chair who holds one of ``roles_any``, none of
    ``roles_none``, has one of ``expertise_any`` and does not chair a committee of a type in
    ``not_chair_of``. Each failing condition is reported separately.
    """
    barred: dict[str, list[Committee]] = defaultdict(list)  # chair -> committees in not_chair_of
    for other in doc.committees:
        if other.type in params["not_chair_of"] and other.chair is not None:
            barred[other.chair].append(other)
    for c in _of_type(doc, params["type"]):
        if c.chair is None:
            yield Violation(c.path, f"the {c.type} committee {c.name!r} names no chair", key=True, value=c.id)
            continue
        member = doc.seat_for(c.chair)
        wanted = set(params["roles_any"])
        if member is None:
            person = doc.person(c.chair)
            if person is not None and wanted:
                yield Violation(
                    f"{c.path}/chair",
                    f"{person.name!r}, chair of the {c.type} committee, holds no board seat, so is not a "
                    + " or ".join(ROLE_NAMES.get(r, r) for r in sorted(wanted)),
                    value=f"{c.id}:roles",
                )
            continue  # an unknown id is reported by the reference rule
        path, who = f"{c.path}/chair", f"{member.name!r}, chair of the {c.type} committee,"
        if wanted and not member.roles & wanted:
            yield Violation(
                path,
                f"{who} is not a " + " or ".join(ROLE_NAMES.get(r, r.replace("_", " ")) for r in sorted(wanted)),
                value=f"{c.id}:roles",
            )
        for role in sorted(member.roles & set(params["roles_none"])):
            yield Violation(path, f"{who} must not be the {role.replace('_', ' ')}", value=f"{c.id}:{role}")
        expertise = {e.casefold() for e in member.expertise}
        needed = {e.casefold() for e in params["expertise_any"]}
        if needed and member.held and not expertise & needed:  # a vacant seat has no one's expertise
            yield Violation(
                path,
                f"{who} has no recorded {' or '.join(sorted(needed))} expertise (board member's expertise)",
                value=f"{c.id}:expertise",
            )
        for other in barred.get(member.id, ()) or barred.get(member.person or "", ()):
            if other.id != c.id:
                yield Violation(
                    path,
                    f"{who} also chairs the {other.type} committee {other.name!r}",
                    value=f"{c.id}:{other.id}",
                )


@check("committees.excluded_roles", params={"type": TYPE, "roles": {**ROLES, "minItems": 1}})
def excluded_roles(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No member of a committee of ``type`` holds any of ``roles``."""
    banned = set(params["roles"])
    for c in _of_type(doc, params["type"]):
        for j, ref in enumerate(c.members):
            member = doc.seat_for(ref)
            if member is not None and member.roles & banned:
                yield Violation(
                    f"{c.path}/members/{j}",
                    f"{member.name!r} ({_roles(member.roles & banned)}) must not be a member of "
                    f"the {c.type} committee {c.name!r}",
                    value=f"{c.id}:{member.id}",
                )


NOT_INDEPENDENT = [
    "chief_executive",
    "finance_director",
    "medical_director",
    "nursing_director",
    "other_executive",
    "partner_trust",
    "partner_primary_medical",
    "partner_local_authority",
]


def _membership(doc: Constitution, kind: str, params: Mapping[str, Any], minimum: str) -> Iterator[Violation]:
    """Independent members of each committee of ``kind`` reach ``params[minimum]``; members
    holding a role in ``not_members`` are reported.
    """
    independent, barred = set(params["independent_roles"]), set(params["not_members"])
    for c in _of_type(doc, kind):
        count = 0
        for j, ref in enumerate(c.members):
            member = doc.seat_for(ref)
            person = doc.person(ref) if member is None else None
            if person is not None and _icb_employee(doc, person):
                yield Violation(
                    f"{c.path}/members/{j}",
                    f"{person.name!r} (not on the board) is an employee of the ICB, so not independent: "
                    f"they may attend the {kind} committee but should not be a member",
                    value=f"{c.id}:{person.id}",
                )
            elif person is not None and params.get("count_non_board"):
                count += 1  # a member from outside the board and the ICB's staff is independent
            if member is None:
                continue
            if member.roles & independent:
                count += 1
            if member.roles & barred:
                yield Violation(
                    f"{c.path}/members/{j}",
                    f"{member.name!r} ({_roles(member.roles & barred)}) is not independent: they "
                    f"may attend the {kind} committee but should not be a member",
                    value=f"{c.id}:{member.id}",
                )
        if params.get("count_non_board"):
            count += c.independent_non_board_members
        if count < params[minimum]:
            yield Violation(
                f"{c.path}/members",
                f"the {kind} committee {c.name!r} has {count} independent member(s); it needs "
                f"at least {params[minimum]} ({minimum})",
                key=True,
                value=c.id,
            )


def _icb_employee(doc: Constitution, person: Person) -> bool:
    """A person from the register who works for the ICB: ``employee_of_icb``, or a current
    employment at the ICB."""
    if person.employee_of_icb is True:
        return True
    return any(
        i.kind == "employment" and doc.kind_of(i.organisation) == "icb"
        and (i.current(doc.as_of) if doc.as_of else i.end is None)
        for i in person.interests
    )


@check(
    "committees.audit_membership",
    params={
        "audit_min_members": {"type": "integer", "minimum": 0, "default": 3},
        "independent_roles": {**ROLES, "default": ["non_executive"]},
        "not_members": {**ROLES, "default": NOT_INDEPENDENT},
        "count_non_board": {"type": "boolean", "default": True},
    },
)
def audit_membership(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each audit committee has at least ``audit_min_members`` independent members (board
    members holding ``independent_roles``, plus, when ``count_non_board``, non-board members
    marked independent and members from the register of people who are not ICB employees),
    and no member holding a role in ``not_members`` or employed by the ICB.
    """
    return _membership(doc, "audit", params, "audit_min_members")


@check(
    "committees.remuneration_membership",
    params={
        "rem_min_members": {"type": "integer", "minimum": 0, "default": 3},
        "independent_roles": {**ROLES, "default": ["non_executive", "chair"]},
        "not_members": {**ROLES, "default": NOT_INDEPENDENT},
        "count_non_board": {"type": "boolean", "default": False},
    },
)
def remuneration_membership(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each remuneration committee has at least ``rem_min_members`` independent members
    (board members holding ``independent_roles``; the board chair may be a member), and no
    member holding a role in ``not_members`` or employed by the ICB.
    """
    return _membership(doc, "remuneration", params, "rem_min_members")


@check("committees.complete")
def complete(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every committee has terms of reference, a chair and members."""
    for c in doc.committees:
        if not c.terms_of_reference:
            yield Violation(
                f"{c.path}/terms_of_reference",
                f"committee {c.name!r} has no terms of reference",
                key=True,
                value=f"{c.id}:tor",
            )
        if c.chair is None:
            yield Violation(c.path, f"committee {c.name!r} names no chair", key=True, value=f"{c.id}:chair")
        if not c.members:
            yield Violation(c.path, f"committee {c.name!r} lists no members", key=True, value=f"{c.id}:members")
