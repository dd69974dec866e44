"""Checks for the Hampshire and Isle of Wight rules (see rules.yaml for the rules that use them)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck import Violation, check
from govcheck.model import Constitution, Organisation


def _upper_tier(doc: Constitution) -> list[tuple[int, Organisation]]:
    """Upper-tier councils in the ICB area, with their index in icb/area/local_authorities."""
    area = doc.data["icb"]["area"].get("local_authorities", [])
    found = []
    for i, ref in enumerate(area):
        org = doc.organisation(ref)
        if org is not None and org.is_upper_tier_la:
            found.append((i, org))
    return found


@check(
    "hiow.council_political_engagement",
    params={"levels": {"type": "array", "items": {"enum": ["icp", "board"]}, "minItems": 1, "default": ["icp", "board"]}},
)
def council_political_engagement(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every upper-tier council has an elected member engaged at system level (ICP or ICB board)."""
    engaged: set[str] = set()
    if "icp" in params["levels"]:
        icp = doc.data.get("icp") or {}
        engaged |= {m.get("organisation") for m in icp.get("members", []) if m.get("elected")}
    if "board" in params["levels"]:
        for member in doc.members:
            office = member.elected_office
            for key in ("councillor_of", "council_leader_of", "mayor_of"):
                engaged |= set(office.get(key, ()))
    where = " or ".join("the ICB board" if lv == "board" else "the integrated care partnership" for lv in params["levels"])
    for i, org in _upper_tier(doc):
        if org.id not in engaged:
            yield Violation(
                f"/icb/area/local_authorities/{i}",
                f"{org.name} has no elected member on {where}",
                value=org.id,
            )


@check("hiow.place_hwb_footprint")
def place_hwb_footprint(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each place covers one or more whole Health and Wellbeing Board (upper-tier council) footprints."""
    seen: dict[str, str] = {}
    for place in doc.places:
        uppers = [o for o in map(doc.organisation, place.local_authorities) if o is not None and o.is_upper_tier_la]
        if not uppers:
            yield Violation(
                f"{place.path}/local_authorities",
                f"place {place.name!r} names no upper-tier council, so it is not aligned to a Health and "
                "Wellbeing Board footprint",
                value=place.id,
            )
        for org in uppers:
            if org.id in seen:
                yield Violation(
                    f"{place.path}/local_authorities",
                    f"{org.name} is in place {place.name!r} and in place {seen[org.id]!r}: its Health and "
                    "Wellbeing Board footprint is split between places",
                    value=f"{place.id}:{org.id}",
                )
            seen.setdefault(org.id, place.name)


@check(
    "hiow.city_partnership_accountable",
    params={
        "city_name": {"type": "string", "minLength": 1, "default": r"\bCity\b"},
        "responsibility": {"type": "string", "minLength": 1, "default": r"(?i)resources delegated|delegated resources"},
    },
)
def city_partnership_accountable(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """A city's place has a partnership board that is accountable for the resources delegated to the city."""
    city, duty = re.compile(params["city_name"]), re.compile(params["responsibility"])
    for place in doc.places:
        councils = [o for o in map(doc.organisation, place.local_authorities) if o is not None and o.is_upper_tier_la]
        cities = [o for o in councils if city.search(o.name)]
        if not cities:
            continue
        partnership = place.raw.get("partnership")
        if not partnership:
            yield Violation(place.path, f"the city place {place.name!r} has no partnership board", key=True, value=place.id)
            continue
        duties = [d for d in partnership.get("responsible_for", []) if isinstance(d, str)]
        if not any(duty.search(d) for d in duties):
            yield Violation(
                f"{place.path}/partnership",
                f"the partnership board of the city place {place.name!r} is not made responsible for the resources "
                "delegated to the city (partnership.responsible_for)",
                key=True,
                value=place.id,
            )


CHECKS = (council_political_engagement, place_hwb_footprint, city_partnership_accountable)
