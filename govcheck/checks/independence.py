"""Independence of the chair and non-executive members, and private healthcare interests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import NotApplicable, Violation, check
from govcheck.model import Constitution, Interest, Member

ROLE_KINDS = frozenset({"employment", "office"})


def _in_footprint(doc: Constitution, interest: Interest) -> bool:
    if interest.organisation == doc.icb_id:
        return True
    org = doc.organisation(interest.organisation)
    return bool(org and org.in_footprint)


def _as_of(doc: Constitution) -> Any:
    if doc.as_of is None:
        raise NotApplicable("no as-of date: set 'as_of' in the document or pass --as-of")
    return doc.as_of


def _org_name(doc: Constitution, ref: str | None) -> str:
    org = doc.organisation(ref)
    return org.name if org else str(ref)


@check(
    "independence.footprint_roles",
    params={"reading": {"enum": ["strict", "normally", "chair_only"], "default": "strict"}},
)
def footprint_roles(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The chair and non-executive members hold no current role in a health or care body in
    the footprint. ``strict``: no exceptions; ``normally``: a non-executive's role is allowed
    when the interest records the appointer's determination; ``chair_only``: test the chair only.
    """
    on = _as_of(doc)
    reading = params["reading"]
    for member in doc.members:
        is_chair = "chair" in member.roles
        if not is_chair and ("non_executive" not in member.roles or reading == "chair_only"):
            continue
        for interest in member.interests:
            if interest.kind not in ROLE_KINDS or not interest.current(on) or not _in_footprint(doc, interest):
                continue
            if interest.organisation in doc.sharing_icbs(member):
                continue  # the seat itself is shared with that ICB
            if reading == "normally" and not is_chair and interest.determination:
                continue
            who = "chair" if is_chair else "non-executive member"
            role = interest.role or interest.kind
            yield Violation(
                interest.path,
                f"{who} {member.name!r} holds a current role ({role}) at "
                f"{_org_name(doc, interest.organisation)}, which is in the ICS footprint",
                value=f"{member.id}:{interest.organisation}",
            )


@check(
    "independence.private_healthcare",
    params={"members": {"enum": ["all", "independent"], "default": "all"}},
)
def private_healthcare(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """A member with private healthcare involvement needs the appointer's recorded
    determination that it does not undermine the independence of the health service.
    """
    for member in doc.members:
        if params["members"] == "independent" and not member.is_independent:
            continue
        for interest in member.interests:
            if interest.kind != "private_healthcare" or interest.determination:
                continue
            if doc.as_of is not None and not interest.current(doc.as_of):
                continue
            yield Violation(
                interest.path,
                f"{member.name!r} has private healthcare involvement "
                f"({interest.role or _org_name(doc, interest.organisation)}) with no recorded "
                "determination by the appointer that it does not undermine the health service's independence",
                value=f"{member.id}:{interest.organisation}",
            )


@check(
    "independence.code_tests",
    params={
        "employment_years": {"type": "integer", "minimum": 0, "default": 5},
        "business_years": {"type": "integer", "minimum": 0, "default": 3},
        "tenure_years": {"type": "integer", "minimum": 0, "default": 9},
        "family_ties": {"type": "boolean", "default": True},
    },
)
def code_tests(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """UK Corporate Governance Code 2018 provision 10, applied to the chair and non-executive
    members from their dated interests: past employment in the footprint, material business
    relationships, close family ties with other board members, and tenure.
    """
    on = _as_of(doc)
    for member in doc.members:
        if not member.is_independent:
            continue
        yield from _code_violations(doc, member, params, on)


def _code_violations(doc: Constitution, member: Member, params: Mapping[str, Any], on: Any) -> Iterator[Violation]:
    for interest in member.interests:
        if (
            interest.kind == "employment"
            and interest.end is not None
            and interest.end < on
            and interest.within(params["employment_years"], on)
            and _in_footprint(doc, interest)
        ):
            yield Violation(
                interest.path,
                f"{member.name!r} was employed at {_org_name(doc, interest.organisation)} in the "
                f"footprint until {interest.end.isoformat()}, within {params['employment_years']} years",
                value=f"{member.id}:employment:{interest.organisation}",
            )
        elif (
            interest.kind == "business_relationship"
            and interest.material
            and interest.within(params["business_years"], on)
        ):
            yield Violation(
                interest.path,
                f"{member.name!r} has had a material business relationship with "
                f"{_org_name(doc, interest.organisation)} within {params['business_years']} years",
                value=f"{member.id}:business:{interest.organisation}",
            )
        elif interest.kind == "family_tie" and params["family_ties"] and doc.member(interest.member):
            other = doc.member(interest.member)
            assert other is not None
            yield Violation(
                interest.path,
                f"{member.name!r} has a close family tie with board member {other.name!r}",
                value=f"{member.id}:family:{other.id}",
            )
    first = member.first_appointed
    if first is not None:
        years = (on - first).days / 365.25
        if years > params["tenure_years"]:
            yield Violation(
                f"{member.path}/appointment/first_appointed",
                f"{member.name!r} has served {years:.1f} years, more than {params['tenure_years']}",
                value=f"{member.id}:tenure",
            )
