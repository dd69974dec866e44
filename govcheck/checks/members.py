"""Board members one by one: required fields, flagged expertise, overlay roles (deputy chair,
senior non-executive), board size, and non-voting participants.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.shared import ROLE_LIST, ROLE_NAMES, blank, seat, selected
from govcheck.model import MISSING, PERSON_FIELDS, Constitution

FIELD = {"type": "string", "pattern": "^[a-z_]+(/[a-z_]+)*$"}


def _fields_in_format(params: Mapping[str, Any]) -> None:
    """Each field a rule names is a field of a board member in the format: a name it does not
    have would fail on every member, at a path that names nothing (a rule error on every run)."""
    from govcheck import formatpaths

    named = params["fields"] if "fields" in params else [params["field"]]
    for i, field in enumerate(named):
        try:
            formatpaths.schema_at(f"/board/members/*/{field}")
        except formatpaths.PathProblem as exc:
            where = "field" if "field" in params else f"fields/{i}"
            raise ValueError(f"parameter {where}: {field!r} never matches: {exc}") from None


@check(
    "members.field_required",
    params={
        "fields": {"type": "array", "items": FIELD, "minItems": 1},
        "roles": ROLE_LIST,
        "exclude_roles": ROLE_LIST,
        "value": {
            "type": ["boolean", "string", "number", "null"],
            "default": None,
            "description": "When given (not null), each field must have exactly this value.",
        },
    },
    validate=_fields_in_format,
)
def field_required(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every member holding one of ``roles`` (any member when empty) and none of
    ``exclude_roles`` states each of ``fields`` (slash paths inside the member, e.g.
    ``appointment/procedure``); with ``value``, each field must equal it.
    """
    want = MISSING if params["value"] is None else params["value"]
    for member in selected(doc, params["roles"], params["exclude_roles"]):
        for field in params["fields"]:
            if not member.held and field.split("/", 1)[0] in PERSON_FIELDS:
                continue  # a vacant seat has nobody to check
            found = member.field(field)
            dotted = field.replace("/", ".")
            path = member.field_path(field)
            if blank(found):
                yield Violation(
                    path,
                    f"{member.name!r} ({seat(member)}) does not state {dotted}"
                    + (f" (it must be {json.dumps(want)})" if want is not MISSING else ""),
                    key=True,
                    value=f"{member.id}:{field}",
                )
            elif want is not MISSING and found != want:
                yield Violation(
                    path,
                    f"{member.name!r} ({seat(member)}) has {dotted}: {json.dumps(found)}; "
                    f"it must be {json.dumps(want)}",
                    value=f"{member.id}:{field}",
                )


@check(
    "members.field_matches",
    params={
        "fields": {"type": "array", "items": FIELD, "minItems": 1},
        "roles": ROLE_LIST,
        "exclude_roles": ROLE_LIST,
        "pattern": {"type": "string", "minLength": 1, "description": "A case-insensitive regular expression."},
        "expected": {"type": "string", "minLength": 1, "description": "What a matching text refers to, in words."},
    },
    validate=_fields_in_format,
)
def field_matches(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each of ``fields`` that a selected member states is text matching ``pattern`` (a
    field that is not stated is left to another rule).
    """
    pattern = re.compile(params["pattern"], re.IGNORECASE)
    for member in selected(doc, params["roles"], params["exclude_roles"]):
        for field in params["fields"]:
            found = member.field(field)
            if blank(found) or (isinstance(found, str) and pattern.search(found)):
                continue
            yield Violation(
                member.field_path(field),
                f"{member.name!r} ({seat(member)}) has {field.replace('/', '.')}: {json.dumps(found)}, "
                f"which does not refer to {params['expected']}",
                value=f"{member.id}:{field}",
            )


@check(
    "members.with_attribute",
    params={
        "field": FIELD,
        "value": {"default": True},
        "roles": ROLE_LIST,
        "exclude_roles": {**ROLE_LIST, "default": ["chair", "chief_executive"]},
        "min": {"type": "integer", "minimum": 1, "default": 1},
        "description": {"type": ["string", "null"], "minLength": 1, "default": None},
    },
    validate=_fields_in_format,
)
def with_attribute(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """At least ``min`` members (holding one of ``roles``, none of ``exclude_roles``) have
    ``field`` equal to ``value``; ``description`` says in words what they bring.
    """
    holders = [
        m for m in selected(doc, params["roles"], params["exclude_roles"])
        if m.field(params["field"]) == params["value"]
    ]
    if len(holders) < params["min"]:
        what = params.get("description") or params["field"].replace("/", ".")
        need = "a member" if params["min"] == 1 else f"at least {params['min']} members"
        among = ""
        if params["exclude_roles"]:
            names = (ROLE_NAMES.get(r, r) for r in params["exclude_roles"])
            among = " besides the " + " and ".join(names)
        yield Violation(
            "/board/members",
            f"the board needs {need}{among} with {what} "
            f"({params['field'].replace('/', '.')}: {json.dumps(params['value'])}); "
            f"it has {len(holders)}",
            key=True,
            value=params["field"],
        )


@check(
    "members.overlay_role",
    params={
        "role": {"enum": sorted(ROLE_NAMES)},
        "holder_roles": {**ROLE_LIST, "default": ["non_executive"]},
        "min": {"type": "integer", "minimum": 0, "default": 1},
        "max": {"type": "integer", "minimum": 0, "default": 1},
        "not_chairing": {"type": "array", "items": {"type": "string"}, "default": []},
    },
)
def overlay_role(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Between ``min`` and ``max`` members hold ``role``; each also holds one of
    ``holder_roles`` and chairs no committee of a type in ``not_chairing``.
    """
    role = params["role"]
    name = ROLE_NAMES.get(role, role)
    holders = doc.members_with(role)
    if len(holders) < params["min"]:
        yield Violation(
            "/board/members",
            f"no member is designated {name} (role {role}); the board needs "
            + ("one" if params["min"] == 1 else f"at least {params['min']}"),
            key=True,
            value=role,
        )
    for extra in holders[params["max"]:]:
        yield Violation(
            f"{extra.path}/roles",
            f"{extra.name!r} is a further {name}: there may be at most {params['max']}",
            value=f"{extra.id}:{role}",
        )
    allowed = set(params["holder_roles"])
    for member in holders:
        if allowed and not member.roles & allowed:
            kinds = " or ".join(ROLE_NAMES.get(r, r) for r in sorted(allowed))
            yield Violation(
                f"{member.path}/roles",
                f"{member.name!r} is {name} but is not a {kinds}",
                value=f"{member.id}:{role}:holder",
            )
        for committee in doc.committees:
            if committee.chair == member.id and committee.type in params["not_chairing"]:
                yield Violation(
                    f"{committee.path}/chair",
                    f"{member.name!r} is {name} and must not also chair the {committee.name!r} "
                    f"({committee.type} committee)",
                    value=f"{member.id}:{role}:{committee.id}",
                )


@check(
    "members.board_size",
    params={
        "min": {"type": ["integer", "null"], "minimum": 0, "default": None},
        "max": {"type": ["integer", "null"], "minimum": 1, "default": None},
        "voting_only": {"type": "boolean", "default": True},
    },
)
def board_size(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The board has at least ``min`` and at most ``max`` members (voting members only,
    unless ``voting_only`` is false). Participants are never counted.
    """
    counted = [m for m in doc.members if m.voting or not params["voting_only"]]
    what = "voting members" if params["voting_only"] else "members"
    low, high = params["min"], params["max"]
    if low is not None and len(counted) < low:
        yield Violation(
            "/board/members", f"the board has {len(counted)} {what}; it needs at least {low}",
            key=True, value="min",
        )
    if high is not None and len(counted) > high:
        yield Violation(
            "/board/members",
            f"the board has {len(counted)} {what}, more than {high}: a board that size works as a "
            "partnership forum rather than a decision-making board",
            key=True,
            value="max",
        )


@check("members.participants_non_voting")
def participants_non_voting(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """No participant or observer at the board is given a vote."""
    for person in doc.board_participants:
        if person.voting:
            yield Violation(
                f"{person.path}/voting",
                f"participant {person.name!r} is given a vote; participants attend without "
                "voting and are not counted as members",
                value=str(person.id),
            )
