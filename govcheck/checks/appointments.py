"""Appointments: who appoints, approves and may remove the chair and chief executive, and
how partner members are nominated.

Parties are named in parameters by what they are, not by id: an organisation kind
(``nhs_england``, ``secretary_of_state``), a board role (``chair``), or what an id names
(``board``, ``icb``, ``committee``). A document's reference matches when the organisation
it names has that kind, the member it names holds that role, or it names that kind of thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.shared import NOMINATORS, ROLE_NAMES, eligible_set
from govcheck.model import PARTNER_ROLES, Constitution, Member, OfficeAppointment

PARTY_NAMES = {
    "nhs_england": "NHS England",
    "secretary_of_state": "the Secretary of State",
    "department_of_health_and_social_care": "the Department of Health and Social Care",
    "board": "the ICB board",
    "icb": "the ICB",
    "committee": "a committee",
    **{role: f"the {name}" for role, name in ROLE_NAMES.items()},
}
OFFICES = ("chair", "chief_executive")
PARTIES = {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []}


def describe(specs: Iterable[str]) -> str:
    """Parameter party names in words: 'NHS England or the Secretary of State'."""
    return " or ".join(PARTY_NAMES.get(s, s.replace("_", " ")) for s in specs)


def party_name(doc: Constitution, ref: Any) -> str:
    """What a reference in the document names, in words."""
    org = doc.organisation(ref)
    if org is not None:
        return org.name
    member = doc.member(ref)
    if member is not None:
        return member.name
    kind = doc.kind_of(ref)
    if kind == "icb":
        name = doc.icb_name
        return f"{ref if name is None else name} (the ICB itself)"
    if kind == "board":
        return "the board of the ICB"
    return str(ref)


def matches(doc: Constitution, ref: Any, specs: Iterable[str]) -> bool:
    """Whether the reference names one of the parties in ``specs``."""
    wanted = set(specs)
    if not isinstance(ref, str):
        return False
    org = doc.organisation(ref)
    if org is not None and org.kind in wanted:
        return True
    member = doc.member(ref)
    if member is not None and member.roles & wanted:
        return True
    return doc.kind_of(ref) in wanted


def _office(office: str) -> str:
    return ROLE_NAMES.get(office, office.replace("_", " "))


@check(
    "appointments.office",
    params={
        "office": {"enum": list(OFFICES)},
        "appointed_by": PARTIES,
        "approved_by": PARTIES,
        "holders_appointed_from": {"type": ["string", "null"], "format": "date", "default": None},
    },
)
def office(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The ``appointments`` entry for the office names an appointer (and approver) of the
    required kind; a board member holding the office whose own appointment record names
    a different appointer or approver is reported too, as is a current interim holder
    designated by anyone but the appointer, unless first appointed before
    ``holders_appointed_from`` (a date no law the rule rests on can have been in force
    before: that appointment was made under the law of its day).
    """
    name = params["office"]
    since = params.get("holders_appointed_from")
    start = dt.date.fromisoformat(since) if since else None
    record = doc.appointment(name)
    wanted = [(f, params[f]) for f in ("appointed_by", "approved_by") if params[f]]
    if record is None:
        where = "/appointments" if doc.has("appointments") else ""
        yield Violation(
            where,
            f"the constitution does not say who appoints the {_office(name)} (appointments.{name})",
            key=True,
            value=name,
        )
    else:
        for field, specs in wanted:
            ref = record.appointed_by if field == "appointed_by" else record.approved_by
            verb = "appoints" if field == "appointed_by" else "approves the appointment of"
            if ref is None:
                yield Violation(
                    f"/appointments/{name}",
                    f"the constitution does not say who {verb} the {_office(name)} "
                    f"(appointments.{name}.{field}); it must be {describe(specs)}",
                    key=True,
                    value=f"{name}:{field}",
                )
            elif not matches(doc, ref, specs):
                yield Violation(
                    f"/appointments/{name}/{field}",
                    f"the {_office(name)} must be {field.replace('_', ' ')} {describe(specs)}, "
                    f"not {party_name(doc, ref)!r}",
                    value=f"{name}:{field}:{ref}",
                )
    for member in doc.members_with(name):
        yield from _interim_designations(doc, member, name, params["appointed_by"], start)
        first = member.first_appointed
        if start is not None and first is not None and first < start:
            continue
        for field, specs in wanted:
            ref = member.appointed_by if field == "appointed_by" else member.approved_by
            if ref is not None and not matches(doc, ref, specs):
                yield Violation(
                    f"{member.path}/appointment/{field}",
                    f"{member.name!r} holds the {_office(name)} seat but is recorded as "
                    f"{field.replace('_', ' ')} {party_name(doc, ref)!r}, not {describe(specs)}",
                    value=f"{member.id}:{field}:{ref}",
                )


def _interim_designations(
    doc: Constitution, member: Member, office_name: str, specs: list[str], start: dt.date | None
) -> Iterator[Violation]:
    """An interim holder is appointed to the office for a limited time, so by whoever appoints
    to it: a current interim holder designated by anyone else is reported (an acting holder,
    designated to act without being appointed, is not judged here)."""
    if not specs:
        return
    for holder in member.holders:
        if holder.capacity != "interim" or holder.designated_by is None or not holder.current(doc.as_of):
            continue
        if start is not None and holder.start is not None and holder.start < start:
            continue
        if not matches(doc, holder.designated_by, specs):
            person = doc.person(holder.person)
            who = person.name if person is not None else holder.person
            yield Violation(
                f"{holder.path}/designated_by",
                f"{who!r} holds the {_office(office_name)} seat as interim, appointed by "
                f"{party_name(doc, holder.designated_by)!r}, not {describe(specs)}",
                value=f"{member.id}:{holder.path}:designated_by:{holder.designated_by}",
            )


@check(
    "appointments.removal",
    params={
        "office": {"enum": list(OFFICES)},
        "removal_by": PARTIES,
        "removal_approved_by": PARTIES,
        "silent_ok": {"type": "boolean", "default": False},
    },
)
def removal(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Only the listed parties may remove the office holder, with the listed approval: the
    removal power must be stated (unless ``silent_ok``: a constitution that confers no
    removal power passes), and every other body given it is reported.
    """
    name = params["office"]
    record = doc.appointment(name)
    base = f"/appointments/{name}"
    if record is None:
        base = "/appointments" if doc.has("appointments") else ""
        record = OfficeAppointment(base, {})
    removers = record.removal_by
    if params["silent_ok"] and not removers:
        return
    if params["removal_by"]:
        if not removers:
            yield Violation(
                base,
                f"the constitution does not say who may remove the {_office(name)} "
                f"(appointments.{name}.removal_by); only {describe(params['removal_by'])} may",
                key=True,
                value=f"{name}:removal_by",
            )
        for i, ref in enumerate(removers):
            if not matches(doc, ref, params["removal_by"]):
                yield Violation(
                    f"{base}/removal_by/{i}",
                    f"{party_name(doc, ref)!r} is given power to remove the {_office(name)}; "
                    f"only {describe(params['removal_by'])} may",
                    value=f"{name}:removal_by:{ref}",
                )
    specs = params["removal_approved_by"]
    if specs:
        approver = record.removal_approved_by
        if approver is None:
            yield Violation(
                base,
                f"the constitution does not say whose approval removing the {_office(name)} needs "
                f"(appointments.{name}.removal_approved_by); it must be {describe(specs)}",
                key=True,
                value=f"{name}:removal_approved_by",
            )
        elif not matches(doc, approver, specs):
            yield Violation(
                f"{base}/removal_approved_by",
                f"removing the {_office(name)} must need the approval of {describe(specs)}, "
                f"not {party_name(doc, approver)!r}",
                value=f"{name}:removal_approved_by:{approver}",
            )


@check(
    "appointments.joint_nomination",
    params={
        "roles": {"type": "array", "items": {"type": "string"}, "default": sorted(PARTNER_ROLES)},
        "nominators": NOMINATORS,
    },
)
def joint_nomination(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every member holding one of ``roles`` is jointly nominated: ``nominated_by`` lists
    every organisation eligible to nominate for the seat (``nominators``), or the
    appointment states the joint process (``joint_process``). ``joint_nomination: false``
    says it is not joint; the flag alone never makes a nomination joint.
    """
    roles = set(params["roles"])
    for member in doc.members:
        held = sorted(member.roles & roles)
        if not held:
            continue
        seat = ROLE_NAMES.get(held[0], held[0])
        flag = member.joint_nomination
        if flag is False:
            yield Violation(
                f"{member.path}/appointment/joint_nomination",
                f"{member.name!r} holds the {seat} seat but is not recorded as jointly nominated "
                "(appointment.joint_nomination: true)",
                value=member.id,
            )
            continue
        if member.joint_process:
            continue
        if any(doc.organisation(ref) is None for ref in member.nominated_by):
            continue  # an unresolved nominator is the reference rule's; the set cannot be judged
        criteria = params["nominators"].get(held[0])
        eligible = [o.id for o in eligible_set(doc, criteria)] if criteria else []
        missing = [ref for ref in eligible if ref not in member.nominated_by]
        if eligible and not missing:
            continue
        if not member.appointment:
            path, key = member.path, False
        elif member.nominated_by:
            path, key = f"{member.path}/appointment/nominated_by", True
        else:
            path, key = f"{member.path}/appointment", True
        if not eligible:
            why = "no organisation in the document is eligible to nominate for it"
        else:
            listed = len(eligible) - len(missing)
            names = ", ".join(party_name(doc, ref) for ref in missing[:4])
            more = f" and {len(missing) - 4} more" if len(missing) > 4 else ""
            why = f"nominated by {listed} of the {len(eligible)} eligible organisations (not by {names}{more})"
        yield Violation(
            path,
            f"{member.name!r} holds the {seat} seat but is not recorded as jointly nominated: {why}; "
            "list every eligible nominator under appointment.nominated_by, or state the joint process "
            "(appointment.joint_process)",
            key=key,
            value=member.id,
        )
