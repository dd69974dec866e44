"""Organisations in the ICB area: whether each local authority lies wholly in it, and which part if not."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.model import Constitution


@check("organisations.coverage_whole")
def coverage_whole(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every local authority in the ICB area lies wholly within it (coverage: whole)."""
    for i, ref in enumerate(doc.area_local_authorities):
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
    area = doc.area_local_authorities
    for ref in area:
        org = doc.organisation(ref)
        if org is not None and org.coverage == "part" and not org.part_in_area:
            yield Violation(
                f"{org.path}/coverage",
                f"{org.name!r} is only partly in the ICB area (coverage: part) but the document does "
                "not say which part (organisations[].part_in_area)",
                value=ref,
            )
