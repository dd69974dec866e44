"""The typed, immutable view of a validated constitution that checks work on.

Every object carries ``path``, the JSON Pointer of the mapping it was built from, so a
check reports on an object and the engine finds its line and column. Sections that are
simple settings (transparency, conflicts of interest...) stay available as read-only
mappings through :meth:`Constitution.section`.
"""

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

EXECUTIVE_ROLES = frozenset(
    {"chief_executive", "finance_director", "medical_director", "nursing_director", "other_executive"}
)
PARTNER_ROLES = frozenset({"partner_trust", "partner_primary_medical", "partner_local_authority"})
# Roles that count towards a membership requirement; a person may hold only one of them.
COUNTED_ROLES = frozenset(
    {"chair", "non_executive", "place_member"} | EXECUTIVE_ROLES | PARTNER_ROLES
)
OVERLAY_ROLES = frozenset({"deputy_chair", "senior_non_executive"})
# The member types (places[].partnership[].type) every place-based partnership includes by
# default: the default of places.partnership_members, and what the HTML report shows when no
# rule using that check ran.
PLACE_PARTNERSHIP_MINIMUM = (
    "primary_care_leadership",
    "local_authority",
    "community_provider",
    "mental_health_provider",
    "people_voice",
)


# What :meth:`Member.field` returns for a field that is not there (``None`` is a field set to null).
MISSING: Any = object()


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date from the document, or None (the schema has checked the form)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class Organisation(NamedTuple):
    """An organisation in or around the footprint (``/organisations/N``)."""

    path: str
    id: str
    name: str
    kind: str
    tier: str | None
    coverage: str | None
    in_footprint: bool
    services: frozenset[str]
    serves_icb_area: bool | None = None
    part_in_area: str | None = None

    @property
    def serves_area(self) -> bool:
        """Provides services within the ICB's area (stated, or taken from ``in_footprint``)."""
        return self.in_footprint if self.serves_icb_area is None else self.serves_icb_area

    @property
    def social_care(self) -> bool | None:
        """A council's social care functions: True, False (a lower-tier council, or services
        stated without social care), or None when the document does not say."""
        if self.kind != "local_authority":
            return None
        if "social_care" in self.services or self.tier == "upper":
            return True
        if self.tier == "lower" or self.services:
            return False
        return None

    @property
    def is_upper_tier_la(self) -> bool:
        return self.kind == "local_authority" and self.tier == "upper"


class Interest(NamedTuple):
    """A member's role or interest, with its dates (``.../interests/N``)."""

    path: str
    kind: str
    organisation: str | None
    member: str | None
    role: str | None
    start: dt.date | None
    end: dt.date | None
    material: bool
    determination: str | None
    end_reason: str | None = None  # how an ended employment or office ended (``dismissal``...)

    def current(self, on: dt.date) -> bool:
        """Held on the given date (started on or before it, not ended before it)."""
        return (self.start is None or self.start <= on) and (self.end is None or self.end >= on)

    def within(self, years: int, on: dt.date) -> bool:
        """Held at any time in the ``years`` before ``on`` (or now)."""
        try:
            since = on.replace(year=on.year - years)
        except ValueError:  # 29 February
            since = on.replace(year=on.year - years, day=28)
        return self.end is None or self.end >= since


class ElectedOffice(NamedTuple):
    """The elected offices a person holds (``elected_office``), read when asked."""

    raw: Mapping[str, Any]

    @property
    def mp(self) -> bool:
        return self.raw.get("mp") is True

    @property
    def councillor_of(self) -> tuple[str, ...]:
        return tuple(self.raw.get("councillor_of") or ())

    @property
    def council_leader_of(self) -> tuple[str, ...]:
        return tuple(self.raw.get("council_leader_of") or ())

    @property
    def mayor_of(self) -> tuple[str, ...]:
        return tuple(self.raw.get("mayor_of") or ())

    @property
    def civic_leader(self) -> bool:
        """Leads a council or is an elected mayor (``council_leader_of``, else ``mayor_of``)."""
        return bool(self.raw.get("council_leader_of") or self.raw.get("mayor_of"))


class Person(NamedTuple):
    """Someone in the register of people (``/people/N``): who may hold a seat, chair a
    committee or sit on the ICP, with their organisation, other roles and dated interests."""

    path: str
    id: str
    name: str
    organisation: str | None
    interests: tuple[Interest, ...]
    raw: Mapping[str, Any]

    # Fields read when a check needs them (from ``raw``, so a part out of format raises
    # when read: see govcheck.partial).
    @property
    def employee_of_icb(self) -> bool | None:
        found: bool | None = self.raw.get("employee_of_icb")
        return found

    @property
    def elected_office(self) -> Mapping[str, Any]:
        return self.raw.get("elected_office") or MappingProxyType({})

    @property
    def office(self) -> ElectedOffice:
        """The typed view of ``elected_office``."""
        return ElectedOffice(self.elected_office)

    @property
    def expertise(self) -> tuple[str, ...]:
        return tuple(self.raw.get("expertise", ()))


class Holder(NamedTuple):
    """One holding of a board seat (``/board/members/N/holders/M``).

    ``capacity`` is ``substantive`` (appointed to the seat), ``interim`` (appointed for a
    limited time) or ``acting`` (designated to act while the seat is vacant or its holder
    absent; not an appointment). ``designated_by`` names who designated an acting holder.
    """

    path: str
    person: str | None
    start: dt.date | None
    end: dt.date | None
    capacity: str
    designated_by: str | None

    @property
    def acting(self) -> bool:
        return self.capacity == "acting"

    def current(self, on: dt.date | None) -> bool:
        """Held on ``on``; without a date, a holding with no end date is current."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or self.end >= on)


# Fields of a seat entry that describe the person holding it; with ``holders`` they come
# from the register of people instead.
PERSON_FIELDS = frozenset(
    {"name", "organisation", "interests", "elected_office", "checks", "employee_of_icb",
     "mental_health_expertise", "expertise"}
)


class Member(NamedTuple):
    """A board seat (``/board/members/N``) and the person it is judged by.

    A seat the constitution provides for is a member for every rule about the board's
    composition, whether or not anyone holds it. Rules about people read ``name``,
    ``interests``, ``elected_office`` and ``raw`` person fields, which come from the seat
    entry itself (format v1 as first written: one entry, one person) or, when the seat lists
    ``holders``, from the register entry of the current holder (``person``): the substantive
    or interim holder, else the acting one. A vacant seat has no interests.
    """

    path: str
    id: str
    name: str
    roles: frozenset[str]
    voting: bool
    employee_of_icb: bool | None
    mental_health_expertise: bool
    organisation: str | None
    place: str | None
    appointment: Mapping[str, Any]
    interests: tuple[Interest, ...]
    elected_office: Mapping[str, Any]
    raw: Mapping[str, Any]
    vacant: bool = False
    holders: tuple[Holder, ...] = ()
    shared_with: tuple[str, ...] = ()
    person: str | None = None
    person_path: str | None = None

    @property
    def expertise(self) -> tuple[str, ...]:
        """The person's areas of expertise (finance, audit, clinical...)."""
        return tuple(self.raw.get("expertise", ()))

    @property
    def office(self) -> ElectedOffice:
        """The typed view of ``elected_office``."""
        return ElectedOffice(self.elected_office)

    @property
    def joint_nomination(self) -> bool | None:
        """``appointment.joint_nomination``: False says the nomination is not joint."""
        flag: bool | None = self.appointment.get("joint_nomination")
        return flag

    @property
    def joint_process(self) -> bool:
        """The appointment states the joint nomination process (``appointment.joint_process``)."""
        return bool(self.appointment.get("joint_process"))

    @property
    def appointed_by(self) -> str | None:
        ref: str | None = self.appointment.get("appointed_by")
        return ref

    @property
    def approved_by(self) -> str | None:
        ref: str | None = self.appointment.get("approved_by")
        return ref

    def field(self, field: str) -> Any:
        """The value at a slash path a rule pack names (the members.* checks' ``fields``),
        read as :meth:`field_path` places it, or ``MISSING``."""
        node: Any = self.raw
        for token in field.split("/"):
            if not isinstance(node, Mapping) or token not in node:
                return MISSING
            node = node[token]
        return node

    @property
    def held(self) -> bool:
        """Whether anyone holds or acts in the seat (so there is a person to judge)."""
        return self.person is not None or (not self.holders and not self.vacant)

    @property
    def person_key(self) -> str:
        """The same for every seat one person holds: the register id, else the seat id."""
        return self.person or self.id

    def field_path(self, field: str) -> str:
        """The JSON Pointer of a field (a slash path) as the rules read it: person fields
        of a seat with holders live in the register of people."""
        if self.person_path is not None and field.split("/", 1)[0] in PERSON_FIELDS:
            return f"{self.person_path}/{field}"
        return f"{self.path}/{field}"

    @property
    def counted_roles(self) -> frozenset[str]:
        return self.roles & COUNTED_ROLES

    @property
    def is_independent(self) -> bool:
        """The chair and non-executive members are the independent members."""
        return bool(self.roles & {"chair", "non_executive"})

    @property
    def nominated_by(self) -> tuple[str, ...]:
        return tuple(self.appointment.get("nominated_by", ()))

    @property
    def first_appointed(self) -> dt.date | None:
        stated = parse_date(self.appointment.get("first_appointed"))
        if stated is not None or self.vacant:
            return stated
        held = [h for h in self.holders if h.person == self.person and not h.acting]
        return min((h.start for h in held if h.start is not None), default=None)


class PartnershipMember(NamedTuple):
    """One member of a place-based partnership."""

    path: str
    type: str
    organisation: str | None
    name: str | None


class Place(NamedTuple):
    """A place, its partnership and its route onto the board (``/places/N``)."""

    path: str
    id: str
    name: str
    local_authorities: tuple[str, ...]
    population: int | None
    partnership: tuple[PartnershipMember, ...] | None
    board_route: str | None
    board_member: str | None
    raw: Mapping[str, Any]
    parts: Mapping[str, str] = MappingProxyType({})  # local authority id -> the part covered

    # Fields read when a check needs them (from ``raw``, so a part out of format raises
    # when read: see govcheck.partial).
    @property
    def leader_name(self) -> str | None:
        """The place leader's name (``leader.name``)."""
        name: str | None = (self.raw.get("leader") or {}).get("name")
        return name

    @property
    def partnership_name(self) -> str | None:
        name: str | None = (self.raw.get("partnership") or {}).get("name")
        return name

    @property
    def partnership_governance_model(self) -> str | None:
        """The partnership's governance model (``partnership.governance.model``)."""
        governance = (self.raw.get("partnership") or {}).get("governance") or {}
        found: str | None = governance.get("model")
        return found

    @property
    def budget(self) -> "Budget | None":
        """The place's budget, or None when it states none (or an empty one)."""
        money = self.raw.get("budget")
        return Budget(money.get("pooled"), money.get("accountable_officer")) if money else None


class Budget(NamedTuple):
    """A place's budget (``/places/N/budget``)."""

    pooled: bool | None
    accountable_officer: str | None


class Committee(NamedTuple):
    """A committee of the board (``/committees/N``)."""

    path: str
    id: str
    name: str
    type: str
    chair: str | None
    members: tuple[str, ...]
    raw: Mapping[str, Any]
    arrangement: str = "committee"
    parties: tuple[str, ...] = ()

    # Fields read when a check needs them (from ``raw``, so a part out of format raises
    # when read: see govcheck.partial).
    @property
    def place(self) -> str | None:
        """The place a place committee is for."""
        ref: str | None = self.raw.get("place")
        return ref

    @property
    def terms_of_reference(self) -> bool:
        return bool(self.raw.get("terms_of_reference"))

    @property
    def independent_non_board_members(self) -> int:
        """How many of the committee's members from outside the board are independent."""
        return sum(1 for n in self.raw.get("non_board_members", ()) if n.get("independent"))

    @property
    def joint(self) -> bool:
        """A joint committee or committees in common with other bodies."""
        return self.arrangement != "committee" or self.type == "joint"


class IcpMember(NamedTuple):
    """A member of the integrated care partnership (``/icp/members/N``): one person, a group
    of ``size`` members described together (the document's ``count``), or a substitute for
    another member."""

    path: str
    id: str
    name: str
    appointed_by: str | None
    nominated_by: str | None
    organisation: str | None
    elected: bool
    clinical: bool
    substitute_for: str | None
    size: int
    person: str | None

    @property
    def counted(self) -> int:
        """How many members the entry stands for: a substitute is never counted."""
        return 0 if self.substitute_for else self.size


class IcpLead(NamedTuple):
    """The ICP's chair or a co-chair (``/icp/chair``, ``/icp/co_chair``, ``/icp/co_chairs/N``),
    its fields read when asked."""

    path: str
    raw: Mapping[str, Any]

    @property
    def name(self) -> str | None:
        found: str | None = self.raw.get("name")
        return found

    @property
    def member(self) -> str | None:
        """The ICP member, board member or person who leads."""
        ref: str | None = self.raw.get("member")
        return ref

    @property
    def agreed_by(self) -> tuple[str, ...]:
        return tuple(self.raw.get("agreed_by", ()))


class BoardParticipant(NamedTuple):
    """Someone who attends the board without being a member (``/board/participants/N``)."""

    path: str
    raw: Mapping[str, Any]

    @property
    def id(self) -> str | None:
        ref: str | None = self.raw.get("id")
        return ref

    @property
    def name(self) -> str | None:
        found: str | None = self.raw.get("name")
        return found

    @property
    def voting(self) -> bool:
        """Given a vote (``voting: true``)."""
        return self.raw.get("voting") is True

    @property
    def organisation(self) -> str | None:
        ref: str | None = self.raw.get("organisation")
        return ref


class OfficeAppointment(NamedTuple):
    """Who appoints, approves and removes one office (``/appointments/<office>``)."""

    path: str
    raw: Mapping[str, Any]

    @property
    def appointed_by(self) -> str | None:
        ref: str | None = self.raw.get("appointed_by")
        return ref

    @property
    def approved_by(self) -> str | None:
        ref: str | None = self.raw.get("approved_by")
        return ref

    @property
    def removal_by(self) -> tuple[str, ...]:
        return tuple(self.raw.get("removal_by") or ())

    @property
    def removal_approved_by(self) -> str | None:
        ref: str | None = self.raw.get("removal_approved_by")
        return ref


class Accountability(NamedTuple):
    """A function and its single accountable owner (``/accountabilities/N``)."""

    path: str
    id: str
    function: str
    duty: str | None
    statutory: bool
    owner: str
    delegated_to: tuple[str, ...]
    joint_with: tuple[str, ...]
    raw: Mapping[str, Any]

    # Fields read when a check needs them (from ``raw``, so a part out of format raises
    # when read: see govcheck.partial).
    @property
    def matter(self) -> str | None:
        """A standard key for the matter the entry covers (strategy, constitution...)."""
        key: str | None = self.raw.get("matter")
        return key

    @property
    def limits(self) -> str | None:
        """The scope and financial limits of a delegation."""
        text: str | None = self.raw.get("limits")
        return text

    @property
    def reserved_to_board(self) -> bool:
        return bool(self.raw.get("reserved_to_board"))


class Quorum(NamedTuple):
    """The board's quorum (``/board/quorum``), its fields read when asked."""

    raw: Mapping[str, Any]

    @property
    def min_count(self) -> int | None:
        count: int | None = self.raw.get("min_count")
        return count

    @property
    def min_fraction(self) -> float | None:
        fraction: float | None = self.raw.get("min_fraction")
        return fraction

    @property
    def majority(self) -> bool:
        """More than half of the voting members (``majority: true``)."""
        return self.raw.get("majority") is True

    @property
    def required_roles(self) -> tuple[str, ...]:
        return tuple(self.raw.get("required_roles", ()))

    @property
    def one_capacity_rule(self) -> bool:
        """Each required role is filled by a different person."""
        return bool(self.raw.get("one_capacity_rule", False))


class SeatAsWritten(NamedTuple):
    """What a seat's own entry says: whether it gives a name, ``vacant: true``, and which
    fields describing a person it has (they belong in the register when the seat lists
    holders)."""

    named: bool
    vacant: bool
    person_fields: frozenset[str]


class Constitution(NamedTuple):
    """A validated constitution. Build it with :func:`build`."""

    file: str
    data: Mapping[str, Any]
    as_of: dt.date | None
    organisations: tuple[Organisation, ...]
    places: tuple[Place, ...]
    members: tuple[Member, ...]
    committees: tuple[Committee, ...]
    accountabilities: tuple[Accountability, ...]
    ids: Mapping[str, tuple[str, str]]  # id -> (kind, path)
    by_id: Mapping[str, Organisation | Member]  # organisations and members by id
    people: tuple[Person, ...] = ()
    people_by_id: Mapping[str, Person] = MappingProxyType({})
    icp_members: tuple[IcpMember, ...] = ()

    def section(self, name: str) -> Mapping[str, Any]:
        """A top-level section as a read-only mapping (empty when absent)."""
        value = self.data.get(name)
        return MappingProxyType(value) if isinstance(value, dict) else MappingProxyType({})

    def has(self, name: str) -> bool:
        """Whether the document has the top-level section ``name`` at all (even empty)."""
        return name in self.data

    def entries(self, name: str) -> list[Mapping[str, Any]]:
        """The items of a top-level list section (``places``, ``neighbourhoods``...), or []."""
        return list(self.data.get(name) or ())

    @property
    def icb_id(self) -> str | None:
        """The ICB's own id (``icb.id``), which organisations and references may name."""
        ident: str | None = self.data["icb"].get("id")
        return ident

    @property
    def area_local_authorities(self) -> tuple[str, ...]:
        """The ids of the local authorities the ICB area lists (``icb.area.local_authorities``)."""
        return tuple(self.data["icb"]["area"].get("local_authorities", ()))

    def seat_as_written(self, member: Member) -> "SeatAsWritten":
        """What the seat's own entry under ``board.members`` says (``member.raw`` is the
        holder's, for a seat with holders)."""
        entry = self.data["board"]["members"][int(member.path.rsplit("/", 1)[1])]
        return SeatAsWritten(
            named=isinstance(entry.get("name"), str),
            vacant=entry.get("vacant") is True,
            person_fields=PERSON_FIELDS & set(entry),
        )

    # Top-level sections and settings the checks read, one property each (read from
    # ``data`` when asked, so a part out of format raises when read: see govcheck.partial).
    @property
    def icb_name(self) -> str | None:
        name: str | None = self.section("icb").get("name")
        return name

    @property
    def appointments(self) -> Mapping[str, Any]:
        """Who appoints, approves and removes each office (``appointments.<office>``)."""
        return self.section("appointments")

    @property
    def board_quorum(self) -> "Quorum | None":
        """The board's quorum (``board.quorum``), or None when it states none (or an empty one)."""
        quorum = self.section("board").get("quorum")
        return Quorum(quorum) if quorum else None

    @property
    def board_member_entries(self) -> Sequence[Mapping[str, Any]]:
        """The seats under ``board.members`` as written (``members`` is the typed view)."""
        entries: Sequence[Mapping[str, Any]] = self.section("board").get("members", ())
        return entries

    def appointment(self, office: str) -> OfficeAppointment | None:
        """The ``appointments`` entry for ``office``, or None when there is none."""
        record = self.appointments.get(office)
        return OfficeAppointment(f"/appointments/{office}", record) if isinstance(record, Mapping) else None

    @property
    def board_participants(self) -> Iterator[BoardParticipant]:
        """Who attends the board without being a member (``board.participants``), read one by one."""
        entries: Sequence[Mapping[str, Any]] = self.section("board").get("participants") or ()
        return (BoardParticipant(f"/board/participants/{i}", p) for i, p in enumerate(entries))

    @property
    def icp(self) -> Mapping[str, Any]:
        """The integrated care partnership section (chair, co-chairs, members), or empty."""
        return self.section("icp")

    @property
    def icp_chair(self) -> IcpLead | None:
        chair = self.icp.get("chair")
        return IcpLead("/icp/chair", chair) if chair else None

    @property
    def icp_co_chair(self) -> IcpLead | None:
        """A single co-chair (``icp.co_chair``)."""
        lead = self.icp.get("co_chair")
        return IcpLead("/icp/co_chair", lead) if lead else None

    @property
    def icp_co_chairs(self) -> tuple[IcpLead, ...]:
        """The co-chairs listed under ``icp.co_chairs``."""
        return tuple(IcpLead(f"/icp/co_chairs/{i}", c) for i, c in enumerate(self.icp.get("co_chairs") or ()))

    @property
    def icp_member_entries(self) -> Sequence[Mapping[str, Any]]:
        """The ICP's members as written (``icp_members`` is the typed view)."""
        entries: Sequence[Mapping[str, Any]] = self.icp.get("members", ())
        return entries

    def organisation(self, ref: str | None) -> Organisation | None:
        found = self.by_id.get(ref) if ref else None
        return found if isinstance(found, Organisation) else None

    def member(self, ref: str | None) -> Member | None:
        found = self.by_id.get(ref) if ref else None
        return found if isinstance(found, Member) else None

    def is_this_icb(self, ref: str | None) -> bool:
        """Whether ``ref`` names this ICB: its own id (``icb.id``), or an organisation of kind
        ``icb`` listed under the ICB's own name. Another ICB (a neighbour, a cluster partner)
        is not this ICB."""
        if ref is not None and ref == self.icb_id:
            return True
        org = self.organisation(ref)
        own = (self.icb_name or "").casefold()
        return org is not None and org.kind == "icb" and bool(own) and org.name.casefold() == own

    def sharing_icbs(self, member: Member) -> frozenset[str]:
        """The other ICBs whose board the seat also sits on: the ``shared_with`` entries that
        name an organisation of kind ``icb``. Sharing a seat with anything else (a trust, a
        council) is no sharing at all: it is reported where it is written (GOV007) and gives
        no exemption to the rules about a holder's other roles."""
        return frozenset(
            ref for ref in member.shared_with if (org := self.organisation(ref)) is not None and org.kind == "icb"
        )

    def seat_for(self, ref: str | None) -> Member | None:
        """The board seat a reference names: a seat id, or a person in the register who holds
        a seat (appointed, else acting); None for someone not on the board."""
        found = self.member(ref)
        if found is not None or ref is None:
            return found
        held = [m for m in self.members if m.person == ref]
        return next((m for m in held if not m.vacant), held[0] if held else None)

    def person(self, ref: str | None) -> Person | None:
        """A person in the register of people, by id."""
        return self.people_by_id.get(ref) if ref else None

    def kind_of(self, ref: str | None) -> str | None:
        """What an id names: organisation, member, place, committee, board, icb, ... or None."""
        entry = self.ids.get(ref) if ref else None
        return entry[0] if entry else None

    def members_with(self, role: str) -> list[Member]:
        return [m for m in self.members if role in m.roles]

    def upper_tier_las(self) -> list[Organisation]:
        """Upper-tier local authorities listed in the ICB area."""
        orgs = (self.organisation(ref) for ref in self.area_local_authorities)
        return [o for o in orgs if o is not None and o.is_upper_tier_la]


def _interests(member_path: str, raw: list[dict[str, Any]]) -> tuple[Interest, ...]:
    return tuple(
        Interest(
            path=f"{member_path}/interests/{i}",
            kind=item["kind"],
            organisation=item.get("organisation"),
            member=item.get("member"),
            role=item.get("role"),
            start=parse_date(item.get("from")),
            end=parse_date(item.get("to")),
            material=bool(item.get("material", False)),
            determination=item.get("determination"),
            end_reason=item.get("end_reason"),
        )
        for i, item in enumerate(raw)
    )


def _collect_ids(data: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Every id defined in the document, with what it names and where (first wins)."""
    ids: dict[str, tuple[str, str]] = {}

    def add(kind: str, path: str, item: Any) -> None:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            ids.setdefault(item["id"], (kind, path))

    add("icb", "/icb", data.get("icb"))
    add("board", "/board", data.get("board"))
    add("icp", "/icp", data.get("icp"))
    for section, kind in _LISTS:
        for path, item in iter_list(data, section):
            add(kind, path, item)
    for i, item in enumerate(data.get("board", {}).get("members", [])):
        add("member", f"/board/members/{i}", item)
    for i, item in enumerate(data.get("board", {}).get("participants", [])):
        add("participant", f"/board/participants/{i}", item)
    for path, item in iter_list(data, "people"):
        add("person", path, item)
    for i, item in enumerate(data.get("icp", {}).get("members", []) if data.get("icp") else []):
        add("icp_member", f"/icp/members/{i}", item)
    return ids


_LISTS = (
    ("organisations", "organisation"),
    ("places", "place"),
    ("neighbourhoods", "neighbourhood"),
    ("committees", "committee"),
    ("accountabilities", "accountability"),
)


def iter_list(data: Mapping[str, Any], section: str) -> Iterator[tuple[str, Any]]:
    for i, item in enumerate(data.get(section) or ()):
        yield f"/{section}/{i}", item


def _holders(seat_path: str, raw: list[dict[str, Any]]) -> tuple[Holder, ...]:
    return tuple(
        Holder(
            path=f"{seat_path}/holders/{i}",
            person=h.get("person"),
            start=parse_date(h.get("from")),
            end=parse_date(h.get("to")),
            capacity=h.get("capacity", "substantive"),
            designated_by=h.get("designated_by"),
        )
        for i, h in enumerate(raw)
    )


def judged_holder(holders: tuple[Holder, ...], on: dt.date | None) -> Holder | None:
    """The holding a seat's people rules judge: the current substantive or interim holder
    (the latest started), else the current acting holder, else None."""
    current = [h for h in holders if h.current(on)]
    for pool in ([h for h in current if not h.acting], [h for h in current if h.acting]):
        if pool:
            return max(pool, key=lambda h: h.start or dt.date.min)
    return None


def _seat(path: str, m: Mapping[str, Any], people: Mapping[str, Person], on: dt.date | None) -> Member:
    holders = _holders(path, m.get("holders") or [])
    judged = judged_holder(holders, on) if holders else None
    person = people.get(judged.person) if judged is not None and judged.person else None
    vacant = (judged is None or judged.acting) if holders else m.get("vacant") is True
    fields: dict[str, Any] = dict(m)
    if person is not None or m.get("vacant") is True or holders:
        # the person is the register's; a vacant seat describes nobody
        fields = {k: v for k, v in m.items() if k not in PERSON_FIELDS}
    if person is not None:
        fields.update({k: v for k, v in person.raw.items() if k in PERSON_FIELDS})
    name = fields.get("name")
    if not isinstance(name, str) or not name:
        name = judged.person if judged is not None and judged.person else f"vacant seat {m.get('id')}"
    interests = person.interests if person is not None else _interests(path, fields.get("interests", []))
    return Member(
        path=path,
        id=m["id"],
        name=name,
        roles=frozenset(m.get("roles", ())),
        voting=bool(m.get("voting", True)),
        employee_of_icb=fields.get("employee_of_icb"),
        mental_health_expertise=bool(fields.get("mental_health_expertise", False)),
        organisation=fields.get("organisation"),
        place=m.get("place"),
        appointment=MappingProxyType(m.get("appointment", {})),
        interests=interests,
        elected_office=MappingProxyType(fields.get("elected_office", {})),
        raw=MappingProxyType(fields),
        vacant=vacant,
        holders=holders,
        shared_with=tuple(m.get("shared_with", ())),
        person=person.id if person is not None else None,
        person_path=person.path if person is not None else None,
    )


def build(file: str, data: Mapping[str, Any], as_of: dt.date | None = None) -> Constitution:
    """Build the typed view of a document that has passed schema validation."""
    on = as_of or parse_date(data.get("as_of"))
    people = tuple(
        Person(
            path=path,
            id=p["id"],
            name=p["name"],
            organisation=p.get("organisation"),
            interests=_interests(path, p.get("interests", [])),
            raw=MappingProxyType(p),
        )
        for path, p in iter_list(data, "people")
    )
    register: dict[str, Person] = {}
    for p in people:
        register.setdefault(p.id, p)  # the first definition, as ids resolve
    organisations = tuple(
        Organisation(
            path=path,
            id=o["id"],
            name=o["name"],
            kind=o["kind"],
            tier=o.get("tier"),
            coverage=o.get("coverage"),
            in_footprint=bool(o.get("in_footprint", False)),
            services=frozenset(o.get("services", ())),
            serves_icb_area=o.get("serves_icb_area"),
            part_in_area=o.get("part_in_area"),
        )
        for path, o in iter_list(data, "organisations")
    )
    places = []
    for path, p in iter_list(data, "places"):
        partnership = p.get("partnership")
        partners = None
        if partnership is not None:
            partners = tuple(
                PartnershipMember(f"{path}/partnership/members/{i}", m["type"], m.get("organisation"), m.get("name"))
                for i, m in enumerate(partnership.get("members", ()))
            )
        route = p.get("board_representation") or {}
        places.append(
            Place(
                path=path,
                id=p["id"],
                name=p["name"],
                local_authorities=tuple(p.get("local_authorities", ())),
                population=p.get("population"),
                partnership=partners,
                board_route=route.get("route"),
                board_member=route.get("member"),
                raw=MappingProxyType(p),
                parts=MappingProxyType({x["local_authority"]: x["description"] for x in p.get("parts", ())}),
            )
        )
    members = [
        _seat(f"/board/members/{i}", m, register, on) for i, m in enumerate(data["board"].get("members", ()))
    ]
    committees = tuple(
        Committee(
            path=path,
            id=c["id"],
            name=c["name"],
            type=c["type"],
            chair=c.get("chair"),
            members=tuple(c.get("members", ())),
            raw=MappingProxyType(c),
            arrangement=c.get("arrangement", "committee"),
            parties=tuple(c.get("parties", ())),
        )
        for path, c in iter_list(data, "committees")
    )
    accountabilities = tuple(
        Accountability(
            path=path,
            id=a["id"],
            function=a["function"],
            duty=a.get("duty"),
            statutory=bool(a.get("statutory", False)),
            owner=a["owner"],
            delegated_to=tuple(a.get("delegated_to", ())),
            joint_with=tuple(a.get("joint_with", ())),
            raw=MappingProxyType(a),
        )
        for path, a in iter_list(data, "accountabilities")
    )
    return Constitution(
        file=file,
        data=MappingProxyType(dict(data)),
        as_of=on,
        organisations=organisations,
        places=tuple(places),
        members=tuple(members),
        committees=committees,
        accountabilities=accountabilities,
        ids=MappingProxyType(_collect_ids(data)),
        by_id=MappingProxyType({o.id: o for o in organisations} | {m.id: m for m in members}),
        people=people,
        people_by_id=MappingProxyType(register),
        icp_members=_icp_members(data),
    )


def _icp_members(data: Mapping[str, Any]) -> tuple[IcpMember, ...]:
    icp = data.get("icp")
    entries = icp.get("members") or () if isinstance(icp, Mapping) else ()
    return tuple(
        IcpMember(
            path=f"/icp/members/{j}",
            id=m["id"],
            name=m["name"],
            appointed_by=m.get("appointed_by"),
            nominated_by=m.get("nominated_by"),
            organisation=m.get("organisation"),
            elected=bool(m.get("elected", False)),
            clinical=bool(m.get("clinical", False)),
            substitute_for=m.get("substitute_for"),
            size=int(m.get("count", 1)),
            person=m.get("person"),
        )
        for j, m in enumerate(entries)
    )
