"""The board composition picture: every seat in a hemicycle, drawn as inline SVG.

Colour is the kind of seat (chair, non-executive, partner, place, executive, other,
participant), a gold ring marks an independent member, a hollow dashed seat has no vote, and
a red dot marks a member with an open finding. Everything drawn from the document is escaped.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from govcheck.findings import Finding
from govcheck.model import EXECUTIVE_ROLES, PARTNER_ROLES, Constitution
from govcheck.textsafe import html as escape

GROUPS = {  # group: (label, colour), in the order seats fill the hemicycle from the left
    "chair": ("Chair", "#003087"),
    "non_executive": ("Non-executive members", "#005EB8"),
    "partner": ("Partner members", "#7C2855"),
    "place": ("Place members", "#ED8B00"),
    "other": ("Other members", "#768692"),
    "executive": ("Executive members", "#007F3B"),
    "participant": ("Participants", "#425563"),
}
ROLE_LABELS = {
    "chair": "Chair",
    "deputy_chair": "Deputy chair",
    "senior_non_executive": "Senior independent member",
    "non_executive": "Non-executive member",
    "chief_executive": "Chief executive",
    "finance_director": "Director of finance",
    "medical_director": "Medical director",
    "nursing_director": "Director of nursing",
    "other_executive": "Executive member",
    "partner_trust": "Partner member (NHS trusts and foundation trusts)",
    "partner_primary_medical": "Partner member (primary medical services)",
    "partner_local_authority": "Partner member (local authorities)",
    "place_member": "Place member",
}
ROLE_ORDER = {role: i for i, role in enumerate(ROLE_LABELS)}  # roles listed in this order, others after
TITLES = {"dr", "cllr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame", "rev", "lord", "lady"}
GOLD = "#FFB81C"
CHANGE_COLOURS = {"added": "#009639", "removed": "#DA291C", "changed": "#330072", "renamed": "#330072"}
SEAT_R = 15
SPACING = 40.0


class Seat(NamedTuple):
    name: str
    group: str
    roles: tuple[str, ...]
    voting: bool
    independent: bool
    organisation: str
    path: str
    findings: int = 0
    change: str = ""  # govcheck diff: added, removed, changed or renamed (highlighted)

    @property
    def initials(self) -> str:
        words = [w for w in self.name.split() if w.strip(".").lower() not in TITLES] or self.name.split()
        # a word's first letter or digit (most words start with one)
        letters = [w[0] if w[0].isalnum() else next((ch for ch in w if ch.isalnum()), "") for w in words]
        letters = [x for x in letters if x]
        if not letters:
            return "?"
        return (letters[0] + (letters[-1] if len(letters) > 1 else "")).upper()

    @property
    def description(self) -> str:
        bits = [", ".join(self.roles) or GROUPS[self.group][0]]
        bits.append("voting" if self.voting else "non-voting")
        if self.independent:
            bits.append("independent")
        if self.organisation:
            bits.append(self.organisation)
        if self.findings:
            bits.append(f"{self.findings} open finding(s)")
        if self.change:
            bits.append(f"{self.change} by the amendment")
        return f"{self.name}: " + "; ".join(bits)


def role_key(role: str) -> tuple[int, str]:
    return ROLE_ORDER.get(role, 99), role


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " ").capitalize())


def _group(roles: frozenset[str]) -> str:
    if "chair" in roles:
        return "chair"
    if "non_executive" in roles:
        return "non_executive"
    if roles & EXECUTIVE_ROLES:
        return "executive"
    if roles & PARTNER_ROLES:
        return "partner"
    if "place_member" in roles:
        return "place"
    return "other"


def _open_under(findings: Iterable[Finding]) -> Counter[str]:
    """How many open findings lie at or under each path (a finding counts for its path and
    every ancestor), so a seat's count is one look-up."""
    counts: Counter[str] = Counter()
    for f in findings:
        if f.status == "open":
            parts = f.path.split("/")
            counts.update("/".join(parts[:n]) for n in range(2, len(parts) + 1))
    return counts


def seats(doc: Constitution, findings: list[Finding], questioned: frozenset[str] = frozenset()) -> list[Seat]:
    """Board members, then non-voting participants, in hemicycle order.

    A chair or non-executive member is drawn independent unless an open finding of one of the
    ``questioned`` rules (the independence rules) is on them: the picture agrees with the findings.
    """
    out = []
    under = _open_under(findings)
    doubted = _open_under(f for f in findings if f.rule in questioned)
    for m in doc.members:
        org = doc.organisation(m.organisation)
        ordered = sorted(m.roles, key=role_key)
        out.append(
            Seat(
                name=m.name,
                group=_group(m.roles),
                roles=tuple(role_label(r) for r in ordered),
                voting=m.voting,
                independent=m.is_independent and not doubted[m.path],
                organisation=org.name if org else (m.organisation or ""),
                path=m.path,
                findings=under[m.path],
            )
        )
    for i, p in enumerate(doc.section("board").get("participants") or ()):
        if not isinstance(p, dict):
            continue
        org = doc.organisation(p.get("organisation"))
        path = f"/board/participants/{i}"
        out.append(
            Seat(
                name=str(p.get("name", "")),
                group="participant",
                roles=(str(p["role"]),) if p.get("role") else ("Participant",),
                voting=bool(p.get("voting", False)),
                independent=False,
                organisation=org.name if org else str(p.get("organisation") or ""),
                path=path,
                findings=under[path],
            )
        )
    order = list(GROUPS)
    return sorted(out, key=lambda s: order.index(s.group))  # stable: document order within a group


def _layout(n: int, inner: float) -> list[tuple[float, float]]:
    """Polar positions (radius, angle) for n seats on concentric half rings, left to right."""
    if n == 0:
        return []
    rows = 1
    while True:
        caps = [int(math.pi * (inner + i * SPACING) / SPACING) + 1 for i in range(rows)]
        if sum(caps) >= n:
            break
        rows += 1
    total = sum(caps)
    counts = [n * c // total for c in caps]
    for i in sorted(range(rows), key=lambda i: -(n * caps[i] % total))[: n - sum(counts)]:
        counts[i] += 1
    spots = []
    for i, k in enumerate(counts):
        radius = inner + i * SPACING
        for j in range(k):
            angle = math.pi / 2 if k == 1 else math.pi - math.pi * j / (k - 1)
            spots.append((radius, angle))
    return sorted(spots, key=lambda s: (-round(s[1], 6), s[0]))


def _seat_svg(seat: Seat, x: float, y: float, r: float) -> str:
    _, colour = GROUPS[seat.group]
    cx, cy = f"{x:.1f}", f"{y:.1f}"  # formatted once: a big board has hundreds of seats
    parts = [
        f'<g class="seat" data-group="{seat.group}" data-voting="{str(seat.voting).lower()}" '
        f'data-independent="{str(seat.independent).lower()}" data-findings="{seat.findings}">',
        f"<title>{escape(seat.description)}</title>",
    ]
    if seat.change:
        parts[0] = parts[0][:-1] + f' data-change="{escape(seat.change)}">'
        parts.append(
            f'<circle class="seat-change" cx="{cx}" cy="{cy}" r="{r + 6:.1f}" fill="none" '
            f'stroke="{CHANGE_COLOURS.get(seat.change, "#330072")}" stroke-width="3"'
            + (' stroke-dasharray="5 3"/>' if seat.change in ("changed", "renamed") else "/>")
        )
    if seat.independent:
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r + 3.5:.1f}" fill="{GOLD}"/>')
    if seat.voting:
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r:.1f}" fill="{colour}" stroke="#fff" stroke-width="1.5"/>')
        ink = "#fff"
    else:
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="{r - 1:.1f}" fill="#fff" stroke="{colour}" '
            'stroke-width="2" stroke-dasharray="4 3"/>'
        )
        ink = colour
    size = 11 if r < 20 else 14
    parts.append(
        f'<text x="{cx}" y="{y + size * 0.36:.1f}" text-anchor="middle" font-size="{size}" '
        f'font-weight="700" fill="{ink}">{escape(seat.initials)}</text>'
    )
    if seat.findings:
        parts.append(
            f'<circle class="seat-finding" cx="{x + r * 0.72:.1f}" cy="{y - r * 0.72:.1f}" r="5" '
            'fill="#DA291C" stroke="#fff" stroke-width="1.5"/>'
        )
    parts.append("</g>")
    return "".join(parts)


def board_svg(all_seats: list[Seat]) -> str:
    """The hemicycle: the (first) chair at the centre, everyone else on the rings."""
    centre = next((s for s in all_seats if s.group == "chair"), None)
    ring = [s for s in all_seats if s is not centre]
    inner = 96.0
    spots = _layout(len(ring), inner)
    outer = max((r for r, _ in spots), default=inner)
    pad = SEAT_R + 8
    base = SEAT_R + 10  # the floor under the bottom seats
    width = 2 * (outer + pad)
    cx, cy = width / 2, outer + pad
    height = cy + base + 26
    voting = sum(1 for s in all_seats if s.voting)
    label = f"Board composition: {len(all_seats)} seats, {voting} voting"
    rim = outer + pad - 4
    body = [
        f'<svg class="board-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{escape(label)}" font-family="Arial, \'Liberation Sans\', sans-serif">',
        f'<path d="M {cx - rim:.1f} {cy + base:.1f} L {cx - rim:.1f} {cy:.1f} A {rim:.1f} {rim:.1f} 0 0 1 '
        f'{cx + rim:.1f} {cy:.1f} L {cx + rim:.1f} {cy + base:.1f} Z" fill="#E8EDEE"/>',
        f'<path d="M {cx - inner + pad:.1f} {cy + base:.1f} L {cx - inner + pad:.1f} {cy:.1f} A {inner - pad:.1f} '
        f'{inner - pad:.1f} 0 0 1 {cx + inner - pad:.1f} {cy:.1f} L {cx + inner - pad:.1f} {cy + base:.1f} Z" '
        'fill="#F7F9FA"/>',
    ]
    for seat, (radius, angle) in zip(ring, spots, strict=True):
        x, y = cx + radius * math.cos(angle), cy - radius * math.sin(angle)
        body.append(_seat_svg(seat, x, y, SEAT_R))
    if centre is not None:
        body.append(_seat_svg(centre, cx, cy - 12, 24))
    body.append(
        f'<text x="{cx:.1f}" y="{height - 7:.1f}" text-anchor="middle" font-size="13" fill="#425563">'
        f"{voting} voting · {len(all_seats) - voting} non-voting</text>"
    )
    body.append("</svg>")
    return "".join(body)


def legend(all_seats: list[Seat]) -> str:
    present = [g for g in GROUPS if any(s.group == g for s in all_seats)]
    items = []
    for g in present:
        label, colour = GROUPS[g]
        n = sum(1 for s in all_seats if s.group == g)
        hollow = g == "participant"
        dot = (
            '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6" '
            + (f'fill="#fff" stroke="{colour}" stroke-width="2" stroke-dasharray="3 2"' if hollow else f'fill="{colour}"')
            + "/></svg>"
        )
        items.append(f"<li>{dot} {escape(label)} <b>{n}</b></li>")
    items.append(
        f'<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="7.5" '
        f'fill="{GOLD}"/><circle cx="8" cy="8" r="5" fill="#005EB8"/></svg> independent '
        f"<b>{sum(1 for s in all_seats if s.independent)}</b></li>"
    )
    items.append(
        '<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6" '
        'fill="#fff" stroke="#425563" stroke-width="2" stroke-dasharray="3 2"/></svg> no vote</li>'
    )
    if any(s.findings for s in all_seats):
        items.append(
            '<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="5" '
            'fill="#DA291C"/></svg> has a finding</li>'
        )
    return '<ul class="legend">' + "".join(items) + "</ul>"


def summary(all_seats: list[Seat]) -> str:
    """One sentence a board paper can quote."""
    members = [s for s in all_seats if s.group != "participant"]
    voting = [s for s in members if s.voting]
    independent = [s for s in members if s.independent]
    parts = [f"{len(members)} board member(s), {len(voting)} of them voting"]
    parts.append(f"{len(independent)} independent (the chair and non-executive members)")
    for g in ("executive", "partner", "place", "other"):
        n = sum(1 for s in members if s.group == g)
        if n:
            parts.append(f"{n} {GROUPS[g][0].lower()}")
    participants = len(all_seats) - len(members)
    text = "; ".join(parts)
    if participants:
        text += f"; and {participants} participant(s) who attend without a vote"
    return text + "."
