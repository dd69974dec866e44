"""Document-level checks: identifiers are unique and every reference resolves."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.model import Constitution

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
    ("/icp/chair/member", ("icp_member", "member")),
    ("/icp/chair/agreed_by/*", ("icb", "organisation")),
    ("/icp/co_chair/member", ("icp_member", "member")),
    ("/icp/co_chairs/*/member", ("icp_member", "member")),
    ("/icp/co_chair/agreed_by/*", ("icb", "organisation")),
    ("/icp/co_chairs/*/agreed_by/*", ("icb", "organisation")),
    ("/icp/vice_chairs/*/member", ("icp_member", "member")),
    ("/icp/members/*/nominated_by", ("organisation", "icb", "icp")),
    ("/icp/members/*/person", ("person",)),
    ("/icp/members/*/substitute_for", ("icp_member",)),
    ("/mandate/parties/*", ("organisation", "icb")),
    ("/scrutiny_committee/members/*/organisation", ("organisation",)),
    ("/partnership_compact/parties/*/organisation", ("organisation", "icb")),
)


def find(data: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    """Values at a pointer pattern whose ``*`` tokens match every list index (numbers match one)."""
    nodes: list[tuple[str, Any]] = [("", data)]
    for token in pattern.strip("/").split("/"):
        nxt: list[tuple[str, Any]] = []
        for path, node in nodes:
            if token == "*" and isinstance(node, list):
                nxt.extend((f"{path}/{i}", item) for i, item in enumerate(node))
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                nxt.append((f"{path}/{token}", node[int(token)]))
            elif isinstance(node, Mapping) and token in node:
                nxt.append((f"{path}/{token}", node[token]))
        nodes = nxt
    return iter(nodes)


def unresolved(doc: Constitution, path: str, ref: Any, kinds: tuple[str, ...]) -> Violation | None:
    """A Violation when ``ref`` names nothing, or something of the wrong kind."""
    if not isinstance(ref, str):
        return None
    found = doc.kind_of(ref)
    if found in kinds:
        return None
    wanted = " or ".join(_a(k) for k in kinds)
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


@check("document.loader")
def loader_findings(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Reported by the engine while loading and validating a document, before other checks run."""
    return iter(())


@check("document.references")
def references(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every id referred to is defined, and names the right kind of thing."""
    for pattern, kinds in REFERENCES:
        for indices, ref in _matches(doc.data, pattern):
            if isinstance(ref, str) and doc.kind_of(ref) not in kinds:  # paths only for findings
                problem = unresolved(doc, pattern.replace("*", "{}").format(*indices), ref, kinds)
                if problem:
                    yield problem


def _matches(data: Any, pattern: str) -> list[tuple[tuple[int, ...], Any]]:
    """What :func:`find` finds, with the list indices its ``*`` tokens matched instead of a
    path: a big document has hundreds of thousands of references, and only a finding needs
    its path spelt out."""
    nodes: list[tuple[tuple[int, ...], Any]] = [((), data)]
    for token in pattern.strip("/").split("/"):
        nxt: list[tuple[tuple[int, ...], Any]] = []
        for indices, node in nodes:
            if token == "*" and isinstance(node, list):
                nxt.extend(((*indices, i), item) for i, item in enumerate(node))
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                nxt.append((indices, node[int(token)]))
            elif isinstance(node, Mapping) and token in node:
                nxt.append((indices, node[token]))
        nodes = nxt
    return nodes


@check("document.unique_ids")
def unique_ids(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every id is defined once across the whole document."""
    for path, item in _id_holders(doc.data):
        ident = item["id"]
        kind, first = doc.ids[ident]
        if first != path:
            yield Violation(f"{path}/id", f"id {ident!r} is already used by the {kind} at {first}", value=ident)


def _id_holders(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for section in ("icb", "board", "icp"):
        if isinstance(data.get(section), Mapping) and "id" in data[section]:
            yield f"/{section}", data[section]
    for pattern in ("/organisations/*", "/places/*", "/neighbourhoods/*", "/committees/*",
                    "/accountabilities/*", "/board/members/*", "/board/participants/*", "/icp/members/*",
                    "/people/*"):
        for path, item in find(data, pattern):
            if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                yield path, item


@check("document.waivers")
def waiver_findings(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Reported by the engine after the other rules have run and the waivers were applied."""
    return iter(())
