"""Board seats and their holders: a seat the constitution provides for may be held, held
by an interim or acting holder, or vacant; these checks read what a seat says about who
holds it (``board.seat_holders``) and how long a statutory office has gone without an
appointed holder (``board.vacancies``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.board import ROLE_NAMES
from govcheck.model import PERSON_FIELDS, Constitution, Holder, Member

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
        raw = doc.data["board"]["members"][int(member.path.rsplit("/", 1)[1])]
        has_name = isinstance(raw.get("name"), str)
        flagged = raw.get("vacant") is True
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
            for field in sorted(PERSON_FIELDS & set(raw)):
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
