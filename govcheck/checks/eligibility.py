"""Eligibility and independence of members from their records: elected office, tenure,
extra pay from the ICB, nomination by a sector, and links with other board members.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import NotApplicable, Violation, check
from govcheck.checks.shared import ROLE_LIST, seat, selected
from govcheck.model import Constitution, Interest, Member

INDEPENDENT = ["chair", "non_executive"]
ROLE_KINDS = frozenset({"employment", "office"})
# How a council's elected member is recorded (elected_office), and how a finding names it.
COUNCIL_OFFICES = (
    ("councillor_of", "a councillor of"),
    ("council_leader_of", "the leader of"),
    ("mayor_of", "the elected mayor of"),
)


def _area(doc: Constitution) -> set[str]:
    """Local authorities in the ICB area or marked as in the footprint."""
    area = set(doc.area_local_authorities)
    councils = (o for o in doc.organisations if o.kind == "local_authority" and o.in_footprint)
    return area | {o.id for o in councils}


def _current(interest: Interest, on: dt.date | None) -> bool:
    return interest.end is None if on is None else interest.current(on)


def _org(doc: Constitution, ref: str | None) -> str:
    org = doc.organisation(ref)
    return org.name if org else str(ref)


@check(
    "eligibility.elected_office",
    params={
        "office": {"enum": ["mp", "councillor"]},
        "roles": ROLE_LIST,
        "scope": {"enum": ["area", "any"], "default": "area"},
    },
)
def elected_office(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No member holding one of ``roles`` (any member when empty) holds the elected office:
    ``mp`` (a Member of Parliament), or ``councillor``: an elected member of a local authority
    (in the ICB area or footprint when ``scope`` is ``area``; any when ``any``), recorded as
    its councillor, its leader or its directly elected mayor. A council reported under one of
    these is not reported again under another.
    """
    area = _area(doc)
    for member in selected(doc, params["roles"], []):
        office = member.office
        if params["office"] == "mp":
            if office.mp:
                yield Violation(
                    member.field_path("elected_office/mp"),
                    f"{member.name!r} ({seat(member)}) is a Member of Parliament",
                    value=member.id,
                )
            continue
        reported: set[str] = set()
        held = {"councillor_of": office.councillor_of, "council_leader_of": office.council_leader_of,
                "mayor_of": office.mayor_of}
        for key, what in COUNCIL_OFFICES:
            for i, ref in enumerate(held[key]):
                if ref in reported or not (params["scope"] == "any" or ref in area):
                    continue
                reported.add(ref)
                yield Violation(
                    member.field_path(f"elected_office/{key}/{i}"),
                    f"{member.name!r} ({seat(member)}) is {what} {_org(doc, ref)}",
                    value=f"{member.id}:{ref}",
                )


@check(
    "eligibility.tenure",
    params={
        "years": {"type": "number", "exclusiveMinimum": 0},
        "roles": {**ROLE_LIST, "default": INDEPENDENT},
        "advice": {"type": "string", "minLength": 1, "default": "more than the limit"},
    },
)
def tenure(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No member holding one of ``roles`` has served more than ``years`` since
    ``appointment.first_appointed``, judged at the document's as-of date.
    """
    on = doc.as_of
    if on is None:
        raise NotApplicable("no as-of date: set 'as_of' in the document or pass --as-of")
    limit = params["years"]
    for member in selected(doc, params["roles"], []):
        first = member.first_appointed
        if first is None:
            continue
        served = (on - first).days / 365.25
        if served > limit:
            yield Violation(
                f"{member.path}/appointment/first_appointed",
                f"{member.name!r} ({seat(member)}) has served {served:.1f} years since "
                f"{first.isoformat()}, {params['advice']} of {limit:g} years",
                value=f"{member.id}:tenure",
            )


@check(
    "eligibility.dismissal",
    params={
        "years": {"type": "integer", "minimum": 1, "default": 5},
        "body_kinds": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["foundation_trust", "icb", "nhs_england", "nhs_trust"],
        },
        "roles": ROLE_LIST,
    },
)
def dismissal(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No member (holding one of ``roles``; any when empty) was dismissed, other than for
    redundancy, from employment by a health service body (an organisation of one of
    ``body_kinds``) within ``years`` before the as-of date (``end_reason: dismissal``).
    """
    on = doc.as_of
    if on is None:
        raise NotApplicable("no as-of date: set 'as_of' in the document or pass --as-of")
    for member in selected(doc, params["roles"], []):
        for interest in member.interests:
            org = doc.organisation(interest.organisation)
            if (
                interest.kind == "employment"
                and interest.end_reason == "dismissal"
                and org is not None
                and org.kind in params["body_kinds"]
                and interest.end is not None
                and interest.within(params["years"], on)
            ):
                yield Violation(
                    f"{interest.path}/end_reason",
                    f"{member.name!r} ({seat(member)}) was dismissed by {org.name} on "
                    f"{interest.end.isoformat()}, within {params['years']} years",
                    value=f"{member.id}:{org.id}",
                )


@check("eligibility.extra_remuneration", params={"roles": {**ROLE_LIST, "default": INDEPENDENT}})
def extra_remuneration(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No member holding one of ``roles`` receives pay from the ICB beyond the appointment
    fee (a current ``remuneration`` interest with the ICB). The fee for a seat shared with
    another ICB may be paid by that ICB: pay from it is the appointment fee, not extra. Pay
    from another ICB for a post held there (a cluster chair appointed to both) is not pay
    from this ICB; links through that ICB are GOV216's.
    """
    for member in selected(doc, params["roles"], []):
        for interest in member.interests:
            at_icb = doc.is_this_icb(interest.organisation)
            if interest.kind == "remuneration" and at_icb and _current(interest, doc.as_of):
                yield Violation(
                    interest.path,
                    f"{member.name!r} ({seat(member)}) receives remuneration from the ICB beyond "
                    f"the appointment fee ({interest.role or 'remuneration'})",
                    value=f"{member.id}:remuneration",
                )


@check("eligibility.not_nominated", params={"roles": {**ROLE_LIST, "default": ["non_executive"]}})
def not_nominated(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No member holding one of ``roles`` was nominated by an organisation or sector
    (``appointment.nominated_by``): they would represent their nominators.
    """
    for member in selected(doc, params["roles"], []):
        if member.nominated_by:
            names = ", ".join(_org(doc, ref) for ref in member.nominated_by)
            yield Violation(
                f"{member.path}/appointment/nominated_by",
                f"{member.name!r} ({seat(member)}) is nominated by {names}, so represents a "
                "sector or organisation rather than being independent",
                value=member.id,
            )


def _posts(member: Member, on: dt.date | None) -> dict[str, Interest]:
    found: dict[str, Interest] = {}
    for interest in member.interests:
        if interest.kind in ROLE_KINDS and interest.organisation and _current(interest, on):
            found.setdefault(interest.organisation, interest)
    return found


@check("eligibility.cross_links", params={"roles": {**ROLE_LIST, "default": INDEPENDENT}})
def cross_links(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No member holding one of ``roles`` holds a current office or employment at an
    organisation (other than the ICB) where another board member also does.
    """
    icb = doc.icb_id
    posts = {m.id: _posts(m, doc.as_of) for m in doc.members}
    holders: dict[str, list[Member]] = {}
    for m in doc.members:
        for org in posts[m.id]:
            holders.setdefault(org, []).append(m)
    for member in selected(doc, params["roles"], []):
        shared = doc.sharing_icbs(member)
        for org, interest in sorted(posts[member.id].items()):
            if org == icb or org in shared:
                continue
            # one person in several seats (acting in one) is one person, not a link
            sharing = [m for m in holders[org] if m.person_key != member.person_key or m.id == member.id]
            if len(sharing) < 2:
                continue
            others = [o for o in sharing[:4] if o.id != member.id][:3]
            names = ", ".join(repr(o.name) for o in others)
            if len(sharing) - 1 > len(others):
                names += f" and {len(sharing) - 1 - len(others)} more"
            yield Violation(
                interest.path,
                f"{member.name!r} ({seat(member)}) and board member(s) {names} both hold "
                f"roles at {_org(doc, org)}: a significant link through another body",
                value=f"{member.id}:{org}",
            )
