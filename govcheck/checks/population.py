"""Populations of places and neighbourhoods."""

from __future__ import annotations

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
    for i, item in enumerate(doc.entries(params["collection"])):
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
