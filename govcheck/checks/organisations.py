"""Places and neighbourhoods: population bands, leaders, whole authorities, budgets, footprint."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.model import Constitution


@check(
    "population.band",
    params={
        "collection": {"enum": ["places", "neighbourhoods"]},
        "min": {"type": "integer", "minimum": 0},
        "max": {"type": "integer", "minimum": 0},
    },
)
def band(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each place or neighbourhood (``collection``) that states a population has one within
    [``min``, ``max``].
    """
    kind = params["collection"].rstrip("s")
    low, high = params["min"], params["max"]
    for i, item in enumerate(doc.data.get(params["collection"]) or ()):
        population = item.get("population")
        if population is None or low <= population <= high:
            continue
        side = "below" if population < low else "above"
        yield Violation(
            f"/{params['collection']}/{i}/population",
            f"{kind} {item.get('name', item.get('id'))!r} has a population of {population:,}, "
            f"{side} the {low:,}-{high:,} band",
            value=item.get("id", ""),
        )


@check("places.leader")
def leader(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every place names a place leader."""
    for place in doc.places:
        if not (place.raw.get("leader") or {}).get("name"):
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
        money = place.raw.get("budget")
        if not money:
            yield Violation(place.path, f"place {place.name!r} states no budget", key=True, value=place.id)
            continue
        if money.get("pooled") is not True:
            yield Violation(
                f"{place.path}/budget/pooled",
                f"place {place.name!r} has no single pooled health and social care budget (pooled: true)",
                key=True,
                value=f"{place.id}:pooled",
            )
        if not money.get("accountable_officer"):
            yield Violation(
                f"{place.path}/budget",
                f"place {place.name!r} names no single accountable officer for its budget",
                key=True,
                value=f"{place.id}:officer",
            )


@check("organisations.coverage_whole")
def coverage_whole(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every local authority in the ICB area lies wholly within it (coverage: whole)."""
    for i, ref in enumerate(doc.data["icb"]["area"].get("local_authorities", ())):
        org = doc.organisation(ref)
        if org is not None and org.coverage != "whole":
            yield Violation(
                f"/icb/area/local_authorities/{i}",
                f"{org.name!r} is only partly in the ICB area "
                f"(coverage: {org.coverage or 'not stated'}); the footprint does not follow local "
                "government boundaries",
                value=ref,
            )


@check("organisations.part_described")
def part_described(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every local authority only partly in the ICB area (``coverage: part``) says which part
    (``part_in_area``), so the constitution specifies the area it is established for.
    """
    area = doc.data["icb"]["area"].get("local_authorities", ())
    for ref in area:
        org = doc.organisation(ref)
        if org is not None and org.coverage == "part" and not org.part_in_area:
            yield Violation(
                f"{org.path}/coverage",
                f"{org.name!r} is only partly in the ICB area (coverage: part) but the document does "
                "not say which part (organisations[].part_in_area)",
                value=ref,
            )
