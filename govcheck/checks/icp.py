"""The integrated care partnership (ICP): its members and its chair."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import NotApplicable, Violation, check
from govcheck.model import Constitution, IcpMember

ICP = "/icp"


def _icp(doc: Constitution) -> None:
    """Raise NotApplicable when the constitution describes no ICP."""
    if not doc.icp:
        raise NotApplicable("the constitution describes no integrated care partnership (see the ICP rule)")


def _authorities(doc: Constitution, tiers: list[str]) -> list[tuple[int, Any]]:
    """(index in icb.area.local_authorities, organisation) for local authorities of ``tiers``."""
    found = []
    for i, ref in enumerate(doc.area_local_authorities):
        org = doc.organisation(ref)
        if org is not None and org.kind == "local_authority" and (org.tier or "upper") in tiers:
            found.append((i, org))
    return found


TIERS = {"type": "array", "items": {"enum": ["upper", "lower"]}, "default": ["upper"]}


def members(doc: Constitution) -> list[IcpMember]:
    """The ICP's members that count: substitutes attend in a member's place and are never
    counted as members themselves (the ICP must exist: see ``_icp``)."""
    _icp(doc)
    return [m for m in doc.icp_members if m.counted]


@check("icp.appointed_by_icb", params={"min": {"type": "integer", "minimum": 1, "default": 1}})
def appointed_by_icb(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """At least ``min`` ICP members are appointed by the ICB."""
    count = sum(m.counted for m in members(doc) if doc.kind_of(m.appointed_by) == "icb")
    if count < params["min"]:
        yield Violation(
            f"{ICP}/members",
            f"no member of the integrated care partnership is appointed by the ICB ({count} of {params['min']})",
            key=True,
            value="icb",
        )


@check("icp.member_per_authority", params={"tiers": TIERS})
def member_per_authority(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each local authority in the ICB area (of ``tiers``: the responsible, upper-tier ones by
    default) appoints exactly one ICP member.
    """
    # each entry with the members it stands for (``count``): never one list item per member,
    # which a count of 10**9 would turn into gigabytes
    by_appointer: dict[str | None, list[IcpMember]] = defaultdict(list)
    for m in members(doc):
        by_appointer[m.appointed_by].append(m)
    for _, org in _authorities(doc, params["tiers"]):
        appointed = by_appointer.get(org.id, [])
        if not appointed:
            yield Violation(
                f"{ICP}/members",
                f"{org.name!r} ({org.id}) appoints no member of the integrated care partnership",
                key=True,
                value=org.id,
            )
        further: dict[str, tuple[IcpMember, int]] = {}  # by entry path: beyond the first member
        for i, m in enumerate(appointed):
            extra = m.counted - 1 if i == 0 else m.counted
            if extra > 0:
                further[m.path] = (m, further.get(m.path, (m, 0))[1] + extra)
        for m, extra in further.values():
            what = f"{m.name!r} is a further member" if extra == 1 else f"{m.name!r} are {extra:,} further members"
            yield Violation(
                f"{m.path}/appointed_by",
                f"{what} appointed by {org.name!r}: each local authority appoints exactly one; "
                "further members are appointed by the partnership (substitutes are not members)",
                value=f"{org.id}:{m.id}",
            )


@check("icp.chair_agreed", params={"tiers": TIERS})
def chair_agreed(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The ICP chair is agreed by the ICB and by every local authority of ``tiers`` in the area;
    a partnership led by co-chairs and no single chair has each co-chair so agreed.
    """
    _icp(doc)
    chair = doc.icp_chair
    if chair is not None:
        leads = [(chair.path, "the ICP chair", chair)]
    else:
        leads = [(c.path, f"ICP co-chair {c.name!r}", c) for c in doc.icp_co_chairs]
        co_chair = doc.icp_co_chair
        if co_chair is not None:
            leads.append((co_chair.path, f"ICP co-chair {co_chair.name!r}", co_chair))
    if not leads:
        yield Violation(ICP, "the integrated care partnership has no chair", key=True, value="chair")
        return
    for base, who, lead in leads:
        tag = "" if base == f"{ICP}/chair" else f"{base}:"  # the chair's values as before
        agreed = lead.agreed_by
        path = f"{base}/agreed_by" if agreed else base
        if not any(doc.kind_of(ref) == "icb" for ref in agreed):
            yield Violation(path, f"{who} is not recorded as agreed by the ICB", key=True, value=f"{tag}icb")
        for _, org in _authorities(doc, params["tiers"]):
            if org.id not in agreed:
                yield Violation(
                    path,
                    f"{who} is not recorded as agreed by {org.name!r} ({org.id})",
                    key=True,
                    value=f"{tag}{org.id}",
                )


@check("icp.other_members_appointed_by_icp", params={"tiers": TIERS})
def other_members(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every ICP member is appointed by the ICB, by a responsible local authority (of
    ``tiers``), or by the ICP itself: nobody else appoints members; and a substitute is
    appointed by the body that appoints the member they stand in for.
    """
    authorities = {org.id for _, org in _authorities(doc, params["tiers"])}
    by_id = {m.id: m for m in doc.icp_members}
    for sub in doc.icp_members:
        member = by_id.get(sub.substitute_for or "")
        if member is None or sub.appointed_by == member.appointed_by:
            continue  # an undefined member is the reference rule's
        yield Violation(
            f"{sub.path}/substitute_for",
            f"{sub.name!r}, appointed by {_appointer(doc, sub.appointed_by)!r}, is recorded as substitute for "
            f"{member.name!r}, whom {_appointer(doc, member.appointed_by)!r} appoints: a substitute stands in "
            "for a member appointed by the same body",
            value=sub.id,
        )
    for m in members(doc):
        ref = m.appointed_by
        if doc.kind_of(ref) in ("icb", "icp") or ref in authorities:
            continue
        org = doc.organisation(ref)
        if org is None:
            continue  # an unknown id is reported by the reference rule
        yield Violation(
            f"{m.path}/appointed_by",
            f"{m.name!r} is appointed by {org.name!r}; members other than the ICB's and the "
            "responsible local authorities' are appointed by the partnership itself (appointed_by: the ICP)",
            value=m.id,
        )


def _appointer(doc: Constitution, ref: str | None) -> str:
    org = doc.organisation(ref)
    if org is not None:
        return org.name
    kind = doc.kind_of(ref)
    return {"icb": "the ICB", "icp": "the partnership"}.get(kind or "", str(ref))


def _leader_traits(doc: Constitution, ref: str | None) -> tuple[bool, bool]:
    """(civic: an elected leader, clinical) for an ICP member, board member or person id."""
    for m in doc.icp_members:
        if m.id == ref:
            return m.elected, m.clinical
    member, person = doc.member(ref), doc.person(ref)
    if member is None and person is None:
        return False, False
    holder = member if member is not None else person
    assert holder is not None
    civic = holder.office.civic_leader
    roles = member.roles if member is not None else frozenset()
    clinical = bool(roles & {"medical_director", "nursing_director"}) or "clinical" in {
        e.casefold() for e in holder.expertise
    }
    return civic, clinical


@check("icp.joint_leadership")
def joint_leadership(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The ICP's chair and co-chair include an elected civic leader and a clinical leader."""
    _icp(doc)
    leads = [lead for lead in (doc.icp_chair, doc.icp_co_chair) if lead is not None] + list(doc.icp_co_chairs)
    if not leads:
        yield Violation(ICP, "the integrated care partnership has no chair or co-chair", key=True, value="chair")
        return
    traits = [_leader_traits(doc, lead.member) for lead in leads]
    names = " and ".join(repr(lead.name) for lead in leads)
    if not any(civic for civic, _ in traits):
        yield Violation(
            f"{ICP}/chair",
            f"no ICP chair or co-chair ({names}) is an elected civic leader (an ICP member with elected: true)",
            key=True,
            value="civic",
        )
    if not any(clinical for _, clinical in traits):
        yield Violation(
            f"{ICP}/chair",
            f"no ICP chair or co-chair ({names}) is a clinical leader (an ICP member with clinical: true)",
            key=True,
            value="clinical",
        )
