"""Who may nominate a partner member: each nominator against the criteria of NHS Act 2006
Sch. 1B para 8 (``nominations.eligible``), and the eligible set every joint nomination is
measured against (used by ``appointments.joint_nomination``).

The criteria are parameters (rule packs hold the policy); the mechanism reads them:

- ``kinds``: the organisation kinds that may nominate (e.g. ``nhs_trust``);
- ``provides``: services that make an organisation of another kind eligible too (para 8(2)(b)
  reads "persons who provide primary medical services": an NHS trust or foundation trust that
  holds a GP contract itself is such a person);
- ``serves_area``: the organisation provides services within the ICB's area
  (``serves_icb_area``, or ``in_footprint`` when that is not stated);
- ``social_care``: a council with social care functions: its ``services`` include
  ``social_care``, or it is an upper-tier authority (a lower-tier district council has none);
- ``area``: a council whose area coincides with, or includes all or part of, the ICB's area
  (listed in ``icb.area.local_authorities``, or its ``coverage`` is stated).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.model import Constitution, Member, Organisation

CRITERIA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kinds"],
    "properties": {
        "kinds": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "provides": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "serves_area": {"type": "boolean"},
        "social_care": {"type": "boolean"},
        "area": {"type": "boolean"},
    },
}
# NHS Act 2006 Sch. 1B para 8, as the rule packs state it; the default for checks that
# need the eligible set without restating it.
STATUTORY: dict[str, dict[str, Any]] = {
    "partner_trust": {"kinds": ["nhs_trust", "foundation_trust"], "serves_area": True},
    "partner_primary_medical": {"kinds": ["primary_care"], "provides": ["primary_care"], "serves_area": True},
    "partner_local_authority": {"kinds": ["local_authority"], "social_care": True, "area": True},
}
NOMINATORS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {role: CRITERIA for role in sorted(STATUTORY)},
    "default": STATUTORY,
}
SEAT_NAMES = {
    "partner_trust": "trust partner member",
    "partner_primary_medical": "primary care partner member",
    "partner_local_authority": "local authority partner member",
}
KIND_NAMES = {
    "nhs_trust": "an NHS trust",
    "foundation_trust": "an NHS foundation trust",
    "primary_care": "a provider of primary medical services",
    "local_authority": "a local authority",
}


def failed_criterion(doc: Constitution, org: Organisation, criteria: Mapping[str, Any]) -> str | None:
    """Why ``org`` may not nominate under ``criteria``, in words; None when it may."""
    provides = set(criteria.get("provides", ()))
    if org.kind not in criteria["kinds"] and not provides & org.services:
        kinds = " or ".join(KIND_NAMES.get(k, k.replace("_", " ")) for k in criteria["kinds"])
        also = f", and {' or '.join(sorted(provides))} is not among its services" if provides else ""
        return f"it is not {kinds}{also}"
    if criteria.get("serves_area") and not org.serves_area:
        return "it is not recorded as providing services within the ICB's area (serves_icb_area or in_footprint)"
    if criteria.get("social_care") and org.social_care is False:
        return "it has no social care functions (a lower-tier district council)"
    if criteria.get("area"):
        listed = doc.data["icb"]["area"].get("local_authorities", ())
        if org.id not in listed and org.coverage is None:
            return "its area neither coincides with nor includes any part of the ICB's area (icb.area.local_authorities)"
    return None


def eligible_set(doc: Constitution, criteria: Mapping[str, Any]) -> list[Organisation]:
    """Every organisation in the document that may nominate under ``criteria``."""
    return [o for o in doc.organisations if failed_criterion(doc, o, criteria) is None]


def _nominees(doc: Constitution, roles: Mapping[str, Any]) -> Iterator[tuple[Member, str, Mapping[str, Any]]]:
    for member in doc.members:
        for role in sorted(member.roles & set(roles)):
            yield member, role, roles[role]


@check("nominations.eligible", params={"nominators": NOMINATORS})
def eligible(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every organisation that nominates a partner member meets the criteria for that seat
    in ``nominators``; each wrong nominator is reported at the nomination, naming the
    organisation and the criterion it fails.
    """
    for member, role, criteria in _nominees(doc, params["nominators"]):
        for i, ref in enumerate(member.nominated_by):
            org = doc.organisation(ref)
            if org is None:
                continue  # an unresolved reference is GOV007's
            why = failed_criterion(doc, org, criteria)
            if why:
                yield Violation(
                    f"{member.path}/appointment/nominated_by/{i}",
                    f"{org.name} may not nominate the {SEAT_NAMES.get(role, role.replace('_', ' '))} "
                    f"({member.id}): {why}",
                    value=f"{member.id}:{org.id}",
                )
