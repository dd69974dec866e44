"""Document-level checks: identifiers are unique and every reference resolves."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.shared import find, unresolved
from govcheck.model import Constitution
from govcheck.partial import BrokenInput, HiddenId

ANY_BODY = ("board", "member", "committee", "place", "organisation", "icb", "icp")

# Where references live (``*`` matches any list index) and what they may name.
# Accountability owners and delegates are checked by accountability.owners_resolve.
REFERENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("/icb/area/local_authorities/*", ("organisation",)),
    ("/places/*/local_authorities/*", ("organisation",)),
    ("/places/*/parts/*/local_authority", ("organisation",)),
    ("/places/*/leader/member", ("member", "person")),
    ("/places/*/partnership/members/*/organisation", ("organisation",)),
    ("/places/*/board_representation/member", ("member",)),
    ("/neighbourhoods/*/place", ("place",)),
    ("/board/members/*/organisation", ("organisation",)),
    ("/board/members/*/place", ("place",)),
    ("/board/members/*/appointment/appointed_by", ("organisation", "member", "board", "icb")),
    ("/board/members/*/appointment/approved_by", ("organisation", "member", "board", "icb")),
    ("/board/members/*/appointment/nominated_by/*", ("organisation",)),
    ("/board/members/*/interests/*/organisation", ("organisation", "icb")),
    ("/board/members/*/interests/*/member", ("member",)),
    ("/board/members/*/elected_office/councillor_of/*", ("organisation",)),
    ("/board/members/*/elected_office/council_leader_of/*", ("organisation",)),
    ("/board/members/*/elected_office/mayor_of/*", ("organisation",)),
    ("/board/members/*/holders/*/person", ("person",)),
    ("/board/members/*/holders/*/designated_by", ("member", "organisation", "board", "icb")),
    ("/board/members/*/shared_with/*", ("organisation",)),
    ("/people/*/organisation", ("organisation", "icb")),
    ("/people/*/interests/*/organisation", ("organisation", "icb")),
    ("/people/*/interests/*/member", ("member",)),
    ("/people/*/elected_office/councillor_of/*", ("organisation",)),
    ("/people/*/elected_office/council_leader_of/*", ("organisation",)),
    ("/people/*/elected_office/mayor_of/*", ("organisation",)),
    ("/board/participants/*/organisation", ("organisation",)),
    ("/appointments/chair/appointed_by", ("organisation", "member", "board", "icb")),
    ("/appointments/chair/approved_by", ("organisation", "member", "board", "icb")),
    ("/appointments/chair/removal_by/*", ("organisation", "member", "board", "icb")),
    ("/appointments/chair/removal_approved_by", ("organisation", "member", "board", "icb")),
    ("/appointments/chief_executive/appointed_by", ("organisation", "member", "board", "icb")),
    ("/appointments/chief_executive/approved_by", ("organisation", "member", "board", "icb")),
    ("/committees/*/chair", ("member", "person")),
    ("/committees/*/members/*", ("member", "person")),
    ("/committees/*/place", ("place",)),
    ("/committees/*/parties/*", ("organisation",)),
    ("/accountabilities/*/joint_with/*", ("organisation", "icb")),
    ("/conflicts_of_interest/guardian", ("member",)),
    ("/vcse_agreement/parties/*", ("organisation", "icb")),
    ("/icp/members/*/appointed_by", ("icb", "organisation", "icp")),
    ("/icp/members/*/organisation", ("organisation", "icb")),
    ("/icp/chair/member", ("icp_member", "member", "person")),
    ("/icp/chair/agreed_by/*", ("icb", "organisation")),
    ("/icp/co_chair/member", ("icp_member", "member", "person")),
    ("/icp/co_chairs/*/member", ("icp_member", "member", "person")),
    ("/icp/co_chair/agreed_by/*", ("icb", "organisation")),
    ("/icp/co_chairs/*/agreed_by/*", ("icb", "organisation")),
    ("/icp/vice_chairs/*/member", ("icp_member", "member", "person")),
    ("/icp/members/*/nominated_by", ("organisation", "icb", "icp")),
    ("/icp/members/*/person", ("person",)),
    ("/icp/members/*/substitute_for", ("icp_member",)),
    ("/mandate/parties/*", ("organisation", "icb")),
    ("/scrutiny_committee/members/*/organisation", ("organisation",)),
    ("/partnership_compact/parties/*/organisation", ("organisation", "icb")),
)


@check("document.loader")
def loader_findings(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Reported by the engine while loading and validating a document, before other checks run."""
    return iter(())


@check("document.references")
def references(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every id referred to is defined, and names the right kind of thing. References in a
    part out of format are passed over, and so are references that could name an id defined
    in such a part; every other reference is judged.
    """
    for pattern, kinds in REFERENCES:
        for indices, ref in _matches(doc.data, pattern):
            if not isinstance(ref, str):
                continue
            try:
                found = doc.kind_of(ref)
            except HiddenId:
                found = None  # may be defined in a part out of format: unresolved() decides
            if found not in kinds:  # paths are spelt out only for findings
                problem = unresolved(doc, pattern.replace("*", "{}").format(*indices), ref, kinds)
                if problem:
                    yield problem
    yield from _shared_with_other_icbs(doc)


def _shared_with_other_icbs(doc: Constitution) -> Iterator[Violation]:
    """A seat is shared only with another ICB (``shared_with`` names organisations of kind
    ``icb``): a seat "shared" with a trust or a council would be a footprint role that the
    independence rules must see, so it is the wrong kind of reference, not an exemption."""
    for member in doc.members:
        for i, ref in enumerate(member.shared_with):
            org = doc.organisation(ref)
            if org is not None and org.kind != "icb":
                yield Violation(
                    f"{member.path}/shared_with/{i}",
                    f"{ref!r} is {org.name} (kind {org.kind}), but a shared seat must name another ICB "
                    "(an organisation of kind icb)",
                    value=ref,
                )


def _matches(data: Any, pattern: str) -> list[tuple[tuple[int, ...], Any]]:
    """What :func:`~govcheck.checks.shared.find` finds (parts out of format passed over), with
    the list indices its ``*`` tokens matched instead of a path: a big document has hundreds
    of thousands of references, and only a finding needs its path spelt out."""
    nodes: list[tuple[tuple[int, ...], Any]] = [((), data)]
    for token in pattern.strip("/").split("/"):
        nxt: list[tuple[tuple[int, ...], Any]] = []
        for indices, node in nodes:
            if token == "*" and isinstance(node, list):
                children: list[tuple[tuple[int, ...], Any]] = [((*indices, i), i) for i in range(len(node))]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                children = [(indices, int(token))]
            elif isinstance(node, Mapping) and token in node:
                children = [(indices, token)]
            else:
                continue
            for where, key in children:
                try:
                    nxt.append((where, node[key]))
                except BrokenInput:
                    continue  # GOV005 reports the part; the references around it are still judged
        nodes = nxt
    return nodes


@check("document.unique_ids")
def unique_ids(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every id is defined once across the whole document (ids in a part out of format are
    passed over)."""
    for path, ident in _id_holders(doc.data):
        kind, first = doc.ids[ident]
        if first != path:
            yield Violation(f"{path}/id", f"id {ident!r} is already used by the {kind} at {first}", value=ident)


def _id_holders(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Where each id is defined, with the id (ids in parts out of format are passed over)."""
    for pattern in ("/icb", "/board", "/icp", "/organisations/*", "/places/*", "/neighbourhoods/*",
                    "/committees/*", "/accountabilities/*", "/board/members/*", "/board/participants/*",
                    "/icp/members/*", "/people/*"):
        for path, item in find(data, pattern, skip_broken=True):
            for _, ident in find(item, "/id", skip_broken=True):
                if isinstance(ident, str):
                    yield path, ident


@check("document.interest_dates")
def interest_dates(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No declared interest or other role ends (``to``) before it begins (``from``), whether
    it is recorded on a board seat or in the register of people (each record once)."""
    seen: set[str] = set()
    holders = [(p.name, p.interests) for p in doc.people] + [(m.name, m.interests) for m in doc.members]
    for name, interests in holders:
        for interest in interests:
            if interest.path in seen or interest.start is None or interest.end is None:
                continue
            seen.add(interest.path)
            if interest.end < interest.start:
                what = interest.role or interest.kind.replace("_", " ")
                org = doc.organisation(interest.organisation)
                at = f" at {org.name}" if org else ""
                yield Violation(
                    f"{interest.path}/to",
                    f"the interest of {name!r} ({what}{at}) ends ({interest.end.isoformat()}) before it "
                    f"begins ({interest.start.isoformat()})",
                    value=interest.path,
                )


@check("document.waivers")
def waiver_findings(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Reported by the engine after the other rules have run and the waivers were applied."""
    return iter(())
