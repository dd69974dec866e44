"""The board: required roles, ordinary members, partner nominations and home organisations,
one capacity each, the mayor's member, and who holds each seat.

A seat the constitution provides for may be held, held by an interim or acting holder, or
vacant; ``board.seat_holders`` reads what a seat says about who holds it and
``board.vacancies`` how long a statutory office has gone without an appointed holder.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import NotApplicable, Violation, check
from govcheck.checks.shared import CRITERIA, KIND_NAMES, ROLE_NAMES, failed_criterion
from govcheck.model import COUNTED_ROLES, PARTNER_ROLES, Constitution, Holder, Member

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


def _plural(name: str) -> str:
    """'non-executive member' -> 'non-executive members', 'director of finance' ->
    'directors of finance', 'deputy chair' -> 'deputy chairs'."""
    words = name.split(" ")
    head = words.index("member") if "member" in words else (words.index("of") if "of" in words else len(words)) - 1
    words[head] += "s"
    return " ".join(words)


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
            name = _name(role) if low == 1 else _plural(_name(role))
            have = "none" if not holders else f"only {len(holders)}"
            fix = f"Add a board member with roles: [{role}]"
            criteria = _criteria(req)
            if criteria is not None:
                fix += f", and list under its appointment.nominated_by the {_bodies(criteria)} that jointly nominate them"
            yield Violation(
                "/board/members",
                f"the board needs {need} {name} (role {role}); it has {have}",
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


STATUTORY_OFFICES = ["chair", "chief_executive", "partner_local_authority", "partner_primary_medical", "partner_trust"]


def office_name(member: Member) -> str:
    """The seat's office in words: 'chair', 'chief executive', ... ('seat' with no role)."""
    roles = sorted(member.roles - {"deputy_chair", "senior_non_executive"}) or sorted(member.roles)
    return ROLE_NAMES.get(roles[0], roles[0].replace("_", " ")) if roles else "seat"


def _who(doc: Constitution, holder: Holder) -> str:
    person = doc.person(holder.person)
    return repr(person.name) if person is not None else repr(holder.person)


@check("board.seat_holders")
def seat_holders(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each seat says who holds it, consistently: a name, holders from the register of
    people, or ``vacant: true``; a vacant seat names its office (roles); no more than one
    appointed holder at a time (two without dates cannot be told apart); a holding does not
    end before it starts; an acting holder says who designated them and since when; a seat
    with holders keeps the person's details in the register, not on the seat.
    """
    for member in doc.members:
        written = doc.seat_as_written(member)
        has_name, flagged = written.named, written.vacant
        if not has_name and not member.holders and not flagged:
            yield Violation(
                member.path,
                f"seat {member.id!r} ({office_name(member)}) says nobody holds it and is not marked "
                "vacant: give the holder's name, list its holders, or write vacant: true",
                key=True,
                value=member.id,
            )
        if flagged and not member.roles:
            yield Violation(
                f"{member.path}/roles",
                f"seat {member.id!r} is marked vacant but names no office: list the role the vacant seat is for",
                key=True,
                value=member.id,
            )
        if member.holders or flagged:
            why = "lists holders" if member.holders else "is marked vacant"
            for field in sorted(written.person_fields):
                yield Violation(
                    f"{member.path}/{field}",
                    f"seat {member.id!r} {why}: {field} describes a person, so it belongs in the "
                    "register of people (people), not on the seat",
                    key=True,
                    value=f"{member.id}:{field}",
                )
        appointed = [h for h in member.holders if not h.acting and h.current(doc.as_of)]
        if len(appointed) > 1:
            names = ", ".join(_who(doc, h) for h in appointed)
            undated = all(h.start is None and h.end is None for h in appointed)
            why = "and no dates say who holds it now" if undated else "whose dates overlap"
            yield Violation(
                f"{member.path}/holders",
                f"seat {member.id!r} ({office_name(member)}) has {len(appointed)} holders at once ({names}) "
                f"{why}: give each holding its from and to dates",
                key=True,
                value=member.id,
            )
        if flagged:
            for h in appointed:
                yield Violation(
                    h.path,
                    f"seat {member.id!r} is marked vacant but {_who(doc, h)} holds it ({h.capacity}): "
                    "remove vacant: true, or end the holding (to) or mark it acting",
                    value=f"{member.id}:{h.person}",
                )
        for h in member.holders:
            if h.start is not None and h.end is not None and h.end < h.start:
                yield Violation(
                    f"{h.path}/to",
                    f"the holding of seat {member.id!r} by {_who(doc, h)} ends ({h.end.isoformat()}) before "
                    f"it starts ({h.start.isoformat()})",
                    value=f"{member.id}:{h.person}:dates",
                )
            if h.acting and (h.designated_by is None or h.start is None):
                missing = " and ".join(
                    w for w, gap in (("who designated them (designated_by)", h.designated_by is None),
                                     ("since when (from)", h.start is None)) if gap
                )
                yield Violation(
                    h.path,
                    f"{_who(doc, h)} acts in seat {member.id!r} ({office_name(member)}) but the entry "
                    f"does not say {missing}",
                    key=True,
                    value=f"{member.id}:{h.person}:acting",
                )


@check(
    "board.vacancies",
    params={
        "offices": {"type": "array", "items": {"enum": sorted(ROLE_NAMES)}, "default": STATUTORY_OFFICES},
        "max_acting_days": {"type": "integer", "minimum": 0, "default": 183},
    },
)
def vacancies(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No seat holding one of ``offices`` is vacant with nobody acting, or held only by an
    acting holder for more than ``max_acting_days`` at the as-of date (without an as-of
    date, the acting period is not judged).
    """
    offices = set(params["offices"])
    limit = params["max_acting_days"]
    for member in doc.members:
        if not member.vacant or not member.roles & offices:
            continue
        office = office_name(member)
        acting = [h for h in member.holders if h.acting and h.current(doc.as_of)]
        if not acting:
            yield Violation(
                member.path,
                f"the {office} seat ({member.id}) is vacant and nobody is designated to act in it",
                key=True,
                value=f"{member.id}:vacant",
            )
            continue
        holder = acting[0]
        if doc.as_of is None or holder.start is None:
            continue
        days = (doc.as_of - holder.start).days
        if days > limit:
            yield Violation(
                holder.path,
                f"the {office} seat ({member.id}) has been held only by an acting holder, "
                f"{_who(doc, holder)}, since {holder.start.isoformat()}: {days} days, more than "
                f"{limit} (max_acting_days)",
                value=f"{member.id}:acting",
            )


# The board member nominated by the mayor of a mayoral strategic authority (Health Bill 2026).
# As reported by the County Councils Network (written evidence to the Public Bill Committee,
# 2026), clause 21 of the Health Bill as introduced replaces the member jointly nominated by
# the local authorities with "a member nominated by the mayor of each mayoral strategic
# authority". The clause text itself was not read here, so what applies where no such
# authority covers the ICB area, or where several do, is a parameter of the check.
@check(
    "board.mayoral_members",
    params={
        "authority_kinds": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["mayoral_strategic_authority"],
        },
        "per_authority": {"type": "boolean", "default": True},
        "if_none": {"enum": ["not_applicable", "fail"], "default": "not_applicable"},
    },
)
def mayoral_members(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """For each mayoral strategic authority covering the area (organisations of the given
    kinds that are in the footprint), a board member is nominated by it; with
    ``per_authority`` false, one member nominated by any of them is enough. Where none
    covers the area the rule is not applicable (``if_none: not_applicable``) or fails.
    """
    kinds = set(params["authority_kinds"])
    authorities = [o for o in doc.organisations if o.kind in kinds and o.in_footprint]
    if not authorities:
        if params["if_none"] == "fail":
            yield Violation(
                "/organisations",
                "no mayoral strategic authority covering the ICB area is listed, so no board member "
                "can be nominated by its mayor",
                key=True,
                value="none",
            )
            return
        raise NotApplicable(
            "no mayoral strategic authority covering the ICB area is listed (organisations of kind "
            f"{' or '.join(sorted(kinds))} with in_footprint true); what the Bill requires then "
            "was not read at source"
        )
    nominees: dict[str, list[str]] = {o.id: [] for o in authorities}
    for member in doc.members:
        for ref in member.nominated_by:
            if ref in nominees:
                nominees[ref].append(member.id)
    if not params["per_authority"]:
        if not any(nominees.values()):
            names = ", ".join(o.name for o in authorities)
            yield Violation(
                "/board/members",
                f"no board member is nominated by the mayor of a mayoral strategic authority ({names})",
                key=True,
                value="any",
            )
        return
    for org in authorities:
        if not nominees[org.id]:
            yield Violation(
                org.path,
                f"no board member is nominated by the mayor of {org.name}: the Bill (clause 21, as "
                "reported) gives each mayoral strategic authority covering the area a nominee",
                value=org.id,
            )
