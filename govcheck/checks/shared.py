"""What several check modules use: role names, member selection, pointer patterns into the
document, reference resolution, and the criteria for who may nominate a partner member.

No check lives here (``tests/test_check_layout.py``); a helper only one module uses stays in
that module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation
from govcheck.model import COUNTED_ROLES, MISSING, Constitution, Member, Organisation
from govcheck.partial import BrokenInput, HiddenId

# -- board members ----------------------------------------------------------------------

ROLE_NAMES = {
    "chair": "chair",
    "chief_executive": "chief executive",
    "finance_director": "director of finance",
    "medical_director": "medical director",
    "nursing_director": "director of nursing",
    "other_executive": "other executive member",
    "non_executive": "non-executive member",
    "partner_trust": "partner member nominated by NHS trusts and foundation trusts",
    "partner_primary_medical": "partner member nominated by primary medical services providers",
    "partner_local_authority": "partner member nominated by the local authorities in the area",
    "mayoral_authority_member": "member nominated by the mayor of a mayoral strategic authority",
    "place_member": "place member",
    "deputy_chair": "deputy chair",
    "senior_non_executive": "senior non-executive member",
}
ROLE_LIST = {"type": "array", "items": {"enum": sorted(ROLE_NAMES)}, "default": []}


def seat(member: Member) -> str:
    """The member's main seat in words, e.g. 'non-executive member'."""
    counted = sorted(member.roles & COUNTED_ROLES) or sorted(member.roles)
    return ROLE_NAMES.get(counted[0], counted[0]) if counted else "member"


def selected(doc: Constitution, roles: list[str], exclude: list[str]) -> Iterator[Member]:
    """Members holding any of ``roles`` (all when empty) and none of ``exclude``."""
    for member in doc.members:
        if roles and not member.roles & set(roles):
            continue
        if member.roles & set(exclude):
            continue
        yield member


def blank(value: Any) -> bool:
    """Missing, null, or an empty string, list or mapping."""
    if value is MISSING or value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, (list, dict)) and not value


# -- the document: pointer patterns and references ------------------------------------------


def find(data: Any, pattern: str, *, skip_broken: bool = False) -> Iterator[tuple[str, Any]]:
    """Values at a pointer pattern whose ``*`` tokens match every list index (numbers match one).

    Reading a part of the document that is out of format (govcheck.partial) stops the caller
    (the rule could not run), unless ``skip_broken``: then the part is passed over (GOV005
    reports it) and the values around it are still found.
    """
    nodes: list[tuple[str, Any]] = [("", data)]
    for token in pattern.strip("/").split("/"):
        nxt: list[tuple[str, Any]] = []
        for path, node in nodes:
            if token == "*" and isinstance(node, list):
                children: list[tuple[str, Any]] = [(f"{path}/{i}", i) for i in range(len(node))]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                children = [(f"{path}/{token}", int(token))]
            elif isinstance(node, Mapping) and token in node:
                children = [(f"{path}/{token}", token)]
            else:
                continue
            nxt.extend(_read(node, children, skip_broken))
        nodes = nxt
    return iter(nodes)


def _read(node: Any, children: Iterable[tuple[str, Any]], skip_broken: bool) -> Iterator[tuple[str, Any]]:
    for path, key in children:
        try:
            yield path, node[key]
        except BrokenInput:
            if not skip_broken:
                raise


def unresolved(doc: Constitution, path: str, ref: Any, kinds: tuple[str, ...]) -> Violation | None:
    """A Violation when ``ref`` names nothing, or something of the wrong kind."""
    if not isinstance(ref, str):
        return None
    try:
        found = doc.kind_of(ref)
    except HiddenId as exc:
        if exc.kinds & set(kinds):
            return None  # it may be defined in the part that is out of format
        found = None
    if found in kinds:
        return None
    wanted = " or ".join(_a(k) for k in kinds)  # worded only for a finding
    if found is None:
        return Violation(path, f"{ref!r} is not defined anywhere in the document (expected the id of {wanted})", value=ref)
    return Violation(path, f"{ref!r} is {_a(found)}, but this must name {wanted}", value=ref)


def _a(kind: str) -> str:
    """'an organisation', 'a member', 'the board', 'the ICB'."""
    special = {"board": "the board", "icb": "the ICB", "icp": "the ICP", "icp_member": "an ICP member"}
    if kind in special:
        return special[kind]
    word = kind.replace("_", " ")
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


# -- who may nominate a partner member (NHS Act 2006 Sch. 1B para 8) ------------------------
# The criteria are parameters (rule packs hold the policy); nominations.eligible and
# appointments.joint_nomination read them.

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
        listed = doc.area_local_authorities
        if org.id not in listed and org.coverage is None:
            return "its area neither coincides with nor includes any part of the ICB's area (icb.area.local_authorities)"
    return None


def eligible_set(doc: Constitution, criteria: Mapping[str, Any]) -> list[Organisation]:
    """Every organisation in the document that may nominate under ``criteria``."""
    return [o for o in doc.organisations if failed_criterion(doc, o, criteria) is None]
