"""Board composition: required roles, ordinary members, partner nominations, one capacity each."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.nominations import CRITERIA, KIND_NAMES, failed_criterion
from govcheck.model import COUNTED_ROLES, Constitution, Member

ROLE_NAMES = {
    "chair": "chair",
    "chief_executive": "chief executive",
    "finance_director": "director of finance",
    "medical_director": "medical director",
    "nursing_director": "director of nursing",
    "other_executive": "other executive member",
    "non_executive": "non-executive member",
    "partner_trust": "partner member nominated by NHS trusts and foundation trusts",
    "partner_primary_medical": "partner member nominated by primary medical services providers",
    "partner_local_authority": "partner member nominated by the local authorities in the area",
    "mayoral_authority_member": "member nominated by the mayor of a mayoral strategic authority",
    "place_member": "place member",
    "deputy_chair": "deputy chair",
    "senior_non_executive": "senior non-executive member",
}

REQUIREMENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["role"],
    "properties": {
        "role": {"enum": sorted(ROLE_NAMES)},
        "min": {"type": "integer", "minimum": 0},
        "max": {"type": "integer", "minimum": 0},
        "nominators": CRITERIA,
        # Before 2026-11 a requirement named its nominators by kind alone; packs written
        # then still load, read as the criteria below (see _criteria).
        "nominated_by_kinds": {"type": "array", "items": {"type": "string"}},
        "nominators_in_area": {"type": "boolean"},
    },
}


def _criteria(req: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The requirement's nominator criteria: ``nominators``, or the older
    ``nominated_by_kinds`` / ``nominators_in_area`` read as ``kinds`` / ``area``."""
    if "nominators" in req:
        return req["nominators"]  # type: ignore[no-any-return]
    if "nominated_by_kinds" not in req:
        return None
    return {"kinds": req["nominated_by_kinds"], "area": bool(req.get("nominators_in_area"))}


def _name(role: str) -> str:
    return ROLE_NAMES.get(role, role.replace("_", " "))


@check(
    "board.requires_roles",
    params={
        "requirements": {"type": "array", "items": REQUIREMENT, "default": []},
        "min_ordinary_members": {"type": "integer", "minimum": 0, "default": 0},
    },
)
def requires_roles(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each listed role is held by at least ``min`` (at most ``max``) members, each missing
    role reported separately; each holder of a role with ``nominators`` criteria (the same
    criteria as ``nominations.eligible``) is nominated by at least one organisation that
    meets them; and there are at least ``min_ordinary_members`` members besides the chair and
    chief executive.
    """
    for req in params["requirements"]:
        role = req["role"]
        holders = doc.members_with(role)
        low, high = req.get("min", 1), req.get("max")
        if len(holders) < low:
            need = "a" if low == 1 else f"at least {low}"
            have = "none" if not holders else f"only {len(holders)}"
            fix = f"Add a board member with roles: [{role}]"
            criteria = _criteria(req)
            if criteria is not None:
                fix += f", and list under its appointment.nominated_by the {_bodies(criteria)} that jointly nominate them"
            yield Violation(
                "/board/members",
                f"the board needs {need} {_name(role)} (role {role}); it has {have}",
                key=True,
                value=role,
                fix=fix + ".",
            )
        if high is not None and len(holders) > high:
            for extra in holders[high:]:
                yield Violation(
                    f"{extra.path}/roles",
                    f"{extra.name!r} is a further {_name(role)}: the board may have at most {high}",
                    value=role,
                    fix=f"Take {role} out of the roles of {extra.name!r}: the board may have at most {high}.",
                )
        criteria = _criteria(req)
        if criteria is not None:
            for member in holders:
                problem = _nomination_problem(doc, member, role, criteria)
                if problem:
                    yield problem
    minimum = params["min_ordinary_members"]
    ordinary = [m for m in doc.members if not m.roles & {"chair", "chief_executive"}]
    if len(ordinary) < minimum:
        yield Violation(
            "/board/members",
            f"the board needs at least {minimum} ordinary members besides the chair and chief "
            f"executive; it has {len(ordinary)}",
            key=True,
            value="ordinary",
            fix=f"Add board members who are neither chair nor chief executive (ordinary members) until there are {minimum}.",
        )


def _nomination_problem(
    doc: Constitution, member: Member, role: str, criteria: Mapping[str, Any]
) -> Violation | None:
    """The seat's problem when none of its nominators may nominate for it under the
    requirement's nominator criteria (so this rule and ``nominations.eligible`` agree)."""
    nominators = [org for org in map(doc.organisation, member.nominated_by) if org is not None]
    reasons = [(org, failed_criterion(doc, org, criteria)) for org in nominators]
    if any(why is None for _, why in reasons):
        return None
    if len(nominators) < len(member.nominated_by):
        return None  # an unresolved nominator is the reference rule's; the seat cannot be judged
    seat = f"{member.name!r} holds the {_name(role)} seat"
    if member.nominated_by:
        path = f"{member.path}/appointment/nominated_by"
        org, why = reasons[0]
        more = f" (and {len(reasons) - 1} more nominator(s) that may not)" if len(reasons) > 1 else ""
        message = f"{seat} but none of its nominators may nominate for it: {org.name}: {why}{more}"
    else:
        path = f"{member.path}/appointment" if member.appointment else member.path
        kinds = " or ".join(KIND_NAMES.get(k, k.replace("_", " ")) for k in criteria["kinds"])
        message = f"{seat} but names no nominator (appointment.nominated_by); it must be nominated by {kinds}"
    fix = f"List under appointment.nominated_by of {member.name!r} the {_bodies(criteria)} that jointly nominate them."
    return Violation(path, message, value=member.id, fix=fix)


def _bodies(criteria: Mapping[str, Any]) -> str:
    """The bodies that nominate a partner member, in words: 'nhs trusts and foundation trusts'."""
    named = {
        "nhs_trust": "NHS trusts",
        "foundation_trust": "foundation trusts",
        "local_authority": "local authorities",
        "primary_care": "providers of primary medical services",
    }
    kinds = " and ".join(named.get(k, k.replace("_", " ")) for k in criteria["kinds"])
    return kinds + (" in the ICB area" if criteria.get("area") else "")


@check(
    "board.one_capacity",
    params={"roles": {"type": "array", "items": {"type": "string"}, "default": sorted(COUNTED_ROLES)}},
)
def one_capacity(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No person holds two of the listed roles: a person counts in one capacity only. A
    person who holds several seats (by the register of people) holds all their roles; acting
    in a vacant seat is not holding it, and a seat shared with another ICB is one capacity.
    """
    counted = set(params["roles"])
    seats: dict[str, list[Member]] = {}
    for member in doc.members:
        if not member.vacant:
            seats.setdefault(member.person_key, []).append(member)
    for held_seats in seats.values():
        held_seats.sort(key=lambda m: m.id)  # the same finding whatever the order of the seats
        member = held_seats[-1]
        held = sorted({r for m in held_seats for r in m.roles} & counted)
        if len(held) > 1:
            where = f"{member.path}/roles"
            seat_ids = "" if len(held_seats) == 1 else f" through seats {', '.join(m.id for m in held_seats)}"
            yield Violation(
                where,
                f"{member.name!r} holds {len(held)} counted roles ({', '.join(held)}){seat_ids}; "
                "a person counts in one capacity only",
                value=",".join(held),
            )
