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
from govcheck.checks.shared import NOMINATORS, failed_criterion
from govcheck.model import Constitution, Member

SEAT_NAMES = {
    "partner_trust": "trust partner member",
    "partner_primary_medical": "primary care partner member",
    "partner_local_authority": "local authority partner member",
}


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
