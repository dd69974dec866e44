"""Places: every local authority in a place, each place's partnership, and its board route."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.model import PLACE_PARTNERSHIP_MINIMUM, Constitution

PARTNER_TYPE_NAMES = {
    "primary_care_leadership": "primary care provider leadership",
    "local_authority": "the local authority",
    "acute_provider": "an acute provider",
    "community_provider": "a community services provider",
    "mental_health_provider": "a mental health provider",
    "people_voice": "a voice for people who use services (e.g. Healthwatch)",
    "public_health": "the Director of Public Health",
    "vcse": "the voluntary, community and social enterprise sector",
    "social_care": "adult social care",
    "other": "other partners",
}


@check(
    "places.coverage",
    params={"tiers": {"type": "array", "items": {"enum": ["upper", "lower"]}, "default": ["upper", "lower"]}},
)
def coverage(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every local authority in the ICB area (of the given tiers) belongs to at least one place,
    and no place names a local authority outside the ICB area.
    """
    area = list(doc.area_local_authorities)
    placed = {la for place in doc.places for la in place.local_authorities}
    for i, ref in enumerate(area):
        org = doc.organisation(ref)
        if org is None or org.kind != "local_authority" or (org.tier or "upper") not in params["tiers"]:
            continue
        if ref not in placed:
            yield Violation(
                f"/icb/area/local_authorities/{i}",
                f"local authority {org.name!r} is in the ICB area but belongs to no place",
                value=ref,
            )
    in_area = set(area)
    for place in doc.places:
        for j, ref in enumerate(place.local_authorities):
            if ref not in in_area and doc.organisation(ref) is not None:
                yield Violation(
                    f"{place.path}/local_authorities/{j}",
                    f"place {place.name!r} names {ref!r}, which is not in the ICB area (icb.area.local_authorities)",
                    value=f"{place.id}:{ref}",
                )


@check(
    "places.partnership_members",
    params={
        "required_types": {
            "type": "array",
            "items": {"enum": sorted(PARTNER_TYPE_NAMES)},
            "default": list(PLACE_PARTNERSHIP_MINIMUM),
        }
    },
)
def partnership_members(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every place has a place-based partnership that includes each required member type
    (each missing type is reported separately).
    """
    for place in doc.places:
        if place.partnership is None:
            yield Violation(place.path, f"place {place.name!r} has no place-based partnership", key=True, value=place.id)
            continue
        present = {m.type for m in place.partnership}
        for wanted in params["required_types"]:
            if wanted not in present:
                yield Violation(
                    f"{place.path}/partnership/members",
                    f"the partnership for place {place.name!r} lacks "
                    f"{PARTNER_TYPE_NAMES.get(wanted, wanted)} ({wanted})",
                    key=True,
                    value=f"{place.id}:{wanted}",
                )
        if "local_authority" in params["required_types"] and "local_authority" in present:
            # In a two-tier area a district council alone is not the place's local authority:
            # each council of the place with social care functions sits in the partnership.
            councils = {m.organisation for m in place.partnership if m.type == "local_authority"}
            for ref in place.local_authorities:
                org = doc.organisation(ref)
                if org is not None and org.social_care and ref not in councils:
                    yield Violation(
                        f"{place.path}/partnership/members",
                        f"the partnership for place {place.name!r} lacks the local authority {org.name!r} "
                        f"(local_authority), which has the place's social care functions",
                        key=True,
                        value=f"{place.id}:local_authority:{ref}",
                    )


ROUTE_ROLES = {
    "place_member": {"place_member"},
    "partner_member": {"partner_trust", "partner_primary_medical", "partner_local_authority"},
    "non_executive_link": {"non_executive", "chair"},
}


@check("places.board_route")
def board_route(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every place has a route onto the ICB board: a named board member who holds a place,
    partner or non-executive seat, as the stated route requires. A single place coterminous
    with the ICB (it covers every upper-tier council of the area, whole) needs none: the ICB
    board is its board.
    """
    coterminous = len(doc.places) == 1 and not doc.places[0].parts and {
        o.id for o in doc.upper_tier_las()
    } <= set(doc.places[0].local_authorities)
    for place in doc.places:
        if coterminous:
            continue
        if place.board_route in (None, "none"):
            path = f"{place.path}/board_representation" if place.board_route else place.path
            yield Violation(path, f"place {place.name!r} has no route onto the ICB board", key=True, value=place.id)
            continue
        member = doc.member(place.board_member)
        path = f"{place.path}/board_representation"
        if member is None:
            if place.board_member is None:
                yield Violation(path, f"place {place.name!r} names no board member for its route", value=place.id)
            continue  # an unknown id is reported by GOV007
        wanted = ROUTE_ROLES[place.board_route]
        if not member.roles & wanted:
            yield Violation(
                f"{path}/member",
                f"place {place.name!r} is represented through {member.name!r}, who holds no "
                f"{place.board_route.replace('_', ' ')} seat",
                value=place.id,
            )


@check("places.leader")
def leader(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every place names a place leader."""
    for place in doc.places:
        if not place.leader_name:
            yield Violation(place.path, f"place {place.name!r} names no place leader", key=True, value=place.id)


@check("places.whole_authorities")
def whole_authorities(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No upper-tier local authority is split between places (each belongs to one place),
    unless every place it belongs to says which part of it is that place's (``parts``).
    """
    homes: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for place in doc.places:
        for j, ref in enumerate(place.local_authorities):
            homes[ref].append((place.path, j))
    for ref, where in homes.items():
        org = doc.organisation(ref)
        if org is None or not org.is_upper_tier_la or len(where) < 2:
            continue
        described = {p.path for p in doc.places if ref in p.parts}
        if all(path in described for path, _ in where):
            continue  # the constitution says which part belongs where
        if described:  # some places say which part is theirs: report the ones that do not
            names = {p.path: p.name for p in doc.places}
            for path, j in where:
                if path not in described:
                    yield Violation(
                        f"{path}/local_authorities/{j}",
                        f"{org.name!r} is split between {len(where)} places; a place should match whole "
                        "health and wellbeing board (upper-tier local authority) footprints, or say which "
                        f"part is its own: place {names[path]!r} does not (parts)",
                        value=f"{ref}:{path}",
                    )
            continue
        for path, j in where[1:]:
            yield Violation(
                f"{path}/local_authorities/{j}",
                f"{org.name!r} is split between {len(where)} places; a place should match whole "
                "health and wellbeing board (upper-tier local authority) footprints",
                value=f"{ref}:{path}",
            )


@check("places.budget")
def budget(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every place has a single pooled health and social care budget with an accountable officer."""
    for place in doc.places:
        money = place.budget
        if not money:
            yield Violation(place.path, f"place {place.name!r} states no budget", key=True, value=place.id)
            continue
        if money.pooled is not True:
            yield Violation(
                f"{place.path}/budget/pooled",
                f"place {place.name!r} has no single pooled health and social care budget (pooled: true)",
                key=True,
                value=f"{place.id}:pooled",
            )
        if not money.accountable_officer:
            yield Violation(
                f"{place.path}/budget",
                f"place {place.name!r} names no single accountable officer for its budget",
                key=True,
                value=f"{place.id}:officer",
            )
