"""The board member nominated by the mayor of a mayoral strategic authority (Health Bill 2026).

As reported by the County Councils Network (written evidence to the Public Bill Committee,
2026), clause 21 of the Health Bill as introduced replaces the member jointly nominated by
the local authorities with "a member nominated by the mayor of each mayoral strategic
authority". The clause text itself was not read here, so what applies where no such
authority covers the ICB area, or where several do, is a parameter of the check.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import NotApplicable, Violation, check
from govcheck.checks.nominations import KIND_NAMES, SEAT_NAMES, STATUTORY
from govcheck.model import Constitution


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


@check(
    "board.nominators_in_area",
    params={
        "seats": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "default": {
                "partner_trust": ["nhs_trust", "foundation_trust"],
                "partner_primary_medical": ["primary_care"],
            },
        },
    },
)
def nominators_in_area(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each nominator of a seat (a role mapped to the organisation kinds that may nominate
    for it) is an organisation of one of those kinds that provides services in the ICB's area
    (``serves_icb_area``, which defaults to ``in_footprint``); each other nominator is
    reported (an undefined one is GOV007's).
    """
    seats: Mapping[str, list[str]] = params["seats"]
    for member in doc.members:
        for role in sorted(member.roles & set(seats)):
            kinds = set(seats[role])
            # a person who provides primary medical services may nominate for that seat
            # whatever its kind (Sch. 1B para 8), as GOV124 reads it
            provides = set(STATUTORY.get(role, {}).get("provides", ()))
            for i, ref in enumerate(member.nominated_by):
                org = doc.organisation(ref)
                if org is None and doc.kind_of(ref) is None:
                    continue  # an unresolved reference is GOV007's
                fits = org is not None and (org.kind in kinds or bool(provides & org.services))
                if fits and org is not None and org.serves_area:
                    continue
                name = org.name if org is not None else str(ref)
                why = "does not provide services in the ICB's area" if fits else (
                    f"is not {' or '.join(KIND_NAMES.get(k, k.replace('_', ' ')) for k in sorted(kinds))}"
                )
                seat = SEAT_NAMES.get(role, role.replace("_", " "))
                yield Violation(
                    f"{member.path}/appointment/nominated_by/{i}",
                    f"{name!r} nominates {member.name!r} for the {seat} seat but {why}",
                    value=f"{member.id}:{ref}",
                )
