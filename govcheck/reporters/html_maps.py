"""The place coverage matrix and the accountability map of the HTML report.

The requirements drawn (required partnership member types, statutory duties) are those of
the rules that ran on the document, so the picture shows what the report judged.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from govcheck.model import Accountability, Constitution, Place
from govcheck.textsafe import html as escape

PARTNER_LABELS = {
    "primary_care_leadership": "Primary care",
    "local_authority": "Local authority",
    "acute_provider": "Acute",
    "community_provider": "Community",
    "mental_health_provider": "Mental health",
    "people_voice": "People's voice",
    "public_health": "Public health",
    "vcse": "VCSE",
    "social_care": "Social care",
    "other": "Other",
}
ROUTES = {
    "place_member": "place member",
    "partner_member": "partner member",
    "non_executive_link": "non-executive link",
    "none": "none",
}
OWNER_KINDS = ("board", "member", "committee", "place", "organisation", "icb")
GAP = "✗"
HAVE = "✓"


_e = escape


def _org(doc: Constitution, ref: str | None) -> str:
    org = doc.organisation(ref)
    return org.name if org else (ref or "")


# -- place coverage matrix ---------------------------------------------------------------


def place_matrix(doc: Constitution, required: list[str]) -> str:
    """Places by partnership member types; a missing required type is a marked gap."""
    if not doc.places:
        return '<p class="muted">The document names no places.</p>'
    present = {m.type for p in doc.places for m in (p.partnership or ())}
    optional = [t for t in PARTNER_LABELS if t in present and t not in required]
    optional += sorted(t for t in present if t not in PARTNER_LABELS and t not in required)
    head = ["<th scope=\"col\">Place</th>"]
    for t in required:
        head.append(f'<th scope="col" class="req" title="required: {_e(t)}">{_e(PARTNER_LABELS.get(t, t))}</th>')
    for t in optional:
        head.append(f'<th scope="col" class="opt" title="not required: {_e(t)}">{_e(PARTNER_LABELS.get(t, t))}</th>')
    head.append('<th scope="col">Route onto the board</th>')
    rows = []
    gaps = 0
    spans: dict[str, str] = {}  # partners' names, escaped once: an organisation serves many places
    for place in doc.places:
        cells, n = _place_row(doc, place, required, optional, spans)
        gaps += n
        rows.append(f"<tr>{''.join(cells)}</tr>")
    key = f'<span class="gap-key">{GAP}</span> {gaps} gap(s)' if gaps else f'<span class="ok-key">{HAVE}</span> No gaps'
    note = (
        f'<p class="matrix-note">{key} against the required members ({len(required)} type(s) required by the '
        "rules that ran); lighter columns are not required.</p>"
    )
    return (
        note
        + '<div class="scroll"><table class="matrix"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


def _place_row(
    doc: Constitution, place: Place, required: list[str], optional: list[str], spans: dict[str, str]
) -> tuple[list[str], int]:
    las = ", ".join(_org(doc, ref) for ref in place.local_authorities)
    pop = f" · pop. {place.population:,}" if place.population else ""  # a number: nothing to escape
    cells = [
        f'<th scope="row"><span class="place-name">{_e(place.name)}</span>'
        f'<span class="sub">{_e(las)}{pop}</span></th>'
    ]
    members: dict[str, list[str]] = defaultdict(list)
    for m in place.partnership or ():
        members[m.type].append(m.name or _org(doc, m.organisation) or m.type)
    gaps = 0
    for t in required:
        if members.get(t):
            cells.append(f'<td class="have"><span class="mark">{HAVE}</span>{_who(members[t], spans)}</td>')
        else:
            gaps += 1
            why = "no place-based partnership" if place.partnership is None else "missing"
            cells.append(
                f'<td class="gap" data-type="{_e(t)}" title="gap: {_e(PARTNER_LABELS.get(t, t))}">'
                f'<span class="mark">{GAP}</span><span class="who">{why}</span></td>'
            )
    for t in optional:
        if members.get(t):
            cells.append(f'<td class="have opt"><span class="mark">{HAVE}</span>{_who(members[t], spans)}</td>')
        else:
            cells.append('<td class="none opt">&ndash;</td>')
    cells.append(f"<td>{_route(doc, place)}</td>")
    return cells, gaps


def _who(names: list[str], spans: dict[str, str]) -> str:
    out = ""
    for name in names:
        span = spans.get(name)
        if span is None:
            span = spans[name] = f'<span class="who">{_e(name)}</span>'
        out += span
    return out


def _route(doc: Constitution, place: Place) -> str:
    if place.board_route in (None, "none"):
        return f'<span class="bad">{GAP} no route</span>'
    member = doc.member(place.board_member)
    who = member.name if member else (place.board_member or "no member named")
    return f'{_e(ROUTES.get(place.board_route, place.board_route))}<span class="who">{_e(who)}</span>'


# -- accountability map ------------------------------------------------------------------


class Function(NamedTuple):
    """One function (entries with the same duty or name merged) and its owners."""

    label: str
    entries: list[Accountability]
    missing_duty: str = ""

    @property
    def duplicate(self) -> bool:
        return len(self.entries) > 1

    @property
    def statutory(self) -> bool:
        return bool(self.missing_duty) or any(a.statutory for a in self.entries)


def _key(item: Accountability) -> str:
    return item.duty or " ".join(item.function.casefold().split())


class Owners(dict[str, tuple[str, str, bool]]):
    """The ``(label, kind, resolves)`` of each owner id of one document, each worked out on
    first look-up (the map, the table and the counts look up every owner several times; a
    big document has thousands)."""

    def __init__(self, doc: Constitution) -> None:
        super().__init__()
        self.doc = doc
        self._names = {("committee", c.id): c.name for c in doc.committees} | {
            ("place", p.id): p.name for p in doc.places
        }

    def __missing__(self, ref: str) -> tuple[str, str, bool]:
        label = self[ref] = self._label(ref)
        return label

    def _label(self, ref: str) -> tuple[str, str, bool]:
        doc = self.doc
        kind = doc.kind_of(ref)
        if kind not in OWNER_KINDS:
            return ref, "unresolved", False
        if kind == "member":
            member = doc.member(ref)
            return (member.name if member else ref), "member", True
        if kind == "organisation":
            return _org(doc, ref), kind, True
        if kind == "board":
            return "ICB board", kind, True
        if kind == "icb":
            return "The ICB", kind, True
        return self._names.get((kind, ref), ref), kind, True


def _kind_text(doc: Constitution, ref: str, kind: str) -> str:
    """What an owner is, for the map: a member's role, else the kind of thing."""
    member = doc.member(ref) if kind == "member" else None
    if member is not None and member.roles:
        from govcheck.reporters.html_board import role_key, role_label

        first = min(member.roles, key=role_key)
        return role_label(first).lower()
    return {"unresolved": "not defined in the document"}.get(kind, kind)


def functions(owners: Owners, duties: list[str]) -> list[Function]:
    doc = owners.doc
    groups: dict[str, Function] = {}
    for item in doc.accountabilities:
        key = _key(item)
        if key not in groups:
            groups[key] = Function(item.function, [])
        groups[key].entries.append(item)
    owned = {a.duty for a in doc.accountabilities if a.duty and owners[a.owner][2]}
    for duty in duties:
        if duty not in owned and duty not in groups:
            groups[duty] = Function(duty.replace("_", " ").capitalize(), [], missing_duty=duty)
    return list(groups.values())


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def accountability_map(owners: Owners, funcs: list[Function]) -> str:
    """Functions (left) joined to their accountable owners (right), as inline SVG."""
    if not funcs:
        return '<p class="muted">The document records no accountabilities.</p>'
    order = {k: i for i, k in enumerate((*OWNER_KINDS, "unresolved"))}
    # by kind, then in the order first named (a stable sort)
    owner_ids = sorted(dict.fromkeys(a.owner for fn in funcs for a in fn.entries), key=lambda o: order[owners[o][1]])
    by_owner = {o: i for i, o in enumerate(owner_ids)}
    # functions grouped under their first owner, missing duties last (sorted, not in place)
    funcs = sorted(funcs, key=lambda f: by_owner[f.entries[0].owner] if f.entries else len(owner_ids))
    row, top, left_w, gap_w, right_w = 24, 16, 330, 160, 300
    fys = [top + i * row + row / 2 for i in range(len(funcs))]
    ys: dict[str, list[float]] = {o: [] for o in owner_ids}
    for fn, y in zip(funcs, fys, strict=True):
        for a in fn.entries:
            ys[a.owner].append(y)
    wanted = {o: sum(ys[o]) / len(ys[o]) for o in owner_ids}
    oy: dict[str, float] = {}
    last = -1e9
    for o in sorted(owner_ids, key=lambda o: wanted[o]):
        oy[o] = max(wanted[o], last + 30)
        last = oy[o]
    if any(fn.missing_duty for fn in funcs):
        oy["?"] = max(max(y for fn, y in zip(funcs, fys, strict=True) if fn.missing_duty), last + 30)
    height = max([top + len(funcs) * row, *(y + 20 for y in oy.values())]) + 8
    width = left_w + gap_w + right_w
    x1, x2 = left_w + 8, left_w + gap_w - 8
    out = [
        # Drawn at its own size (labels stay 11-12 px), scrolling in its box on a narrow screen.
        f'<div class="scroll"><svg class="acc-svg" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height:.0f}" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-label="Accountability map: {len(funcs)} functions, {len(owner_ids)} owners" '
        "font-family=\"Arial, 'Liberation Sans', sans-serif\" font-size=\"12\">"
    ]
    # A curve from a function to its owner: red for a duplicate function or an owner not
    # defined (dashed); each owner's end of it written once.
    resolved = {o: owners[o][2] for o in owner_ids}
    ends = {o: f"{x2 - 70} {ty:.1f}, {x2} {ty:.1f}\" fill=\"none\" stroke=" for o, ty in oy.items()}
    red = '"#DA291C" stroke-width="2"'
    curves = {o: ends[o] + ('"#8BA6C1" stroke-width="1.5"/>' if ok else red + ' stroke-dasharray="5 4"/>') for o, ok in resolved.items()}
    red_curves = {o: ends[o] + (red + "/>" if ok else red + ' stroke-dasharray="5 4"/>') for o, ok in resolved.items()}
    for fn, y in zip(funcs, fys, strict=True):
        duplicate, at = fn.duplicate, f"{y:.1f}"
        start = f'<path d="M {x1} {at} C {x1 + 70} {at}, '
        ends_of = red_curves if duplicate else curves
        all_resolve, statutory = True, bool(fn.missing_duty)
        for a in fn.entries:
            out.append(start + ends_of[a.owner])
            all_resolve = all_resolve and resolved[a.owner]
            statutory = statutory or a.statutory
        if fn.missing_duty:
            out.append(f'{start}{ends["?"]}{red} stroke-dasharray="5 4"/>')
        if duplicate:
            kind = "duplicate"
        elif fn.missing_duty or not all_resolve:
            kind = "orphan"
        else:
            kind = "ok"
        label = _e(fn.label)
        tags = ("statutory, " if statutory else "") + (f"{len(fn.entries)} entries" if duplicate else "")
        title = f"{label} ({tags.removesuffix(', ')})" if tags else label
        fill = "#212B32" if kind == "ok" else "#DA291C"
        weight = ' font-weight="700"' if statutory else ""
        out.append(
            f'<g class="function" data-state="{kind}"><title>{title}</title>'
            f'<text x="{left_w}" y="{y + 4:.1f}" text-anchor="end" fill="{fill}"{weight}>'
            f"{label if len(fn.label) <= 52 else _e(_clip(fn.label, 52))}</text>"
            f'<circle cx="{x1}" cy="{at}" r="3.5" fill="{fill}"/></g>'
        )
    for o in owner_ids:
        label, kind, resolves = owners[o]
        y = oy[o]
        fill = "#005EB8" if resolves else "#DA291C"
        text = label if resolves else f"{o} (not defined)"
        sub = _kind_text(owners.doc, o, kind)
        out.append(
            f'<g class="owner" data-kind="{_e(kind)}"><title>{_e(label)} ({_e(kind)})</title>'
            f'<circle cx="{x2}" cy="{y:.1f}" r="5" fill="{fill}"/>'
            f'<text x="{x2 + 10}" y="{y + 4:.1f}" fill="{fill}" font-weight="700">{_e(_clip(text, 42))}</text>'
            f'<text x="{x2 + 10}" y="{y + 16:.1f}" fill="#768692" font-size="11">{_e(sub)}</text></g>'
        )
    if "?" in oy:
        y = oy["?"]
        out.append(
            f'<g class="owner" data-kind="none"><circle cx="{x2}" cy="{y:.1f}" r="5" fill="#fff" stroke="#DA291C" '
            f'stroke-width="2"/><text x="{x2 + 10}" y="{y + 4:.1f}" fill="#DA291C" font-weight="700">'
            "no accountable owner</text></g>"
        )
    out.append("</svg></div>")
    return "".join(out)


def accountability_table(owners: Owners, funcs: list[Function]) -> str:
    rows = []
    cells: dict[str, str] = {}  # each owner's cell, escaped once
    for fn in funcs:
        if fn.missing_duty:
            rows.append(
                f'<tr class="orphan"><td>{_e(fn.label)}</td><td>{_e(fn.missing_duty)}</td>'
                f'<td class="bad">{GAP} no accountable owner</td><td></td><td>orphan</td></tr>'
            )
            continue
        duplicate = fn.duplicate
        for a in fn.entries:
            label, _, resolves = owners[a.owner]
            state = "duplicate" if duplicate else ("orphan" if not resolves else "")
            owner = cells.get(a.owner)
            if owner is None:
                owner = cells[a.owner] = (
                    _e(label) if resolves else f'<span class="bad">{GAP} {_e(a.owner)} is not defined</span>'
                )
            delegates = ", ".join(owners[d][0] for d in a.delegated_to)
            if a.joint_with:
                delegates += ("; " if delegates else "") + "jointly with " + ", ".join(
                    owners[j][0] for j in a.joint_with
                )
            rows.append(
                f'<tr class="{state}"><td>{_e(a.function)}</td><td>{_e(a.duty or "")}'
                f'{" <small>statutory</small>" if a.statutory else ""}</td><td>{owner}</td>'
                f"<td>{_e(delegates)}</td><td>{state}</td></tr>"
            )
    return (
        '<div class="scroll"><table class="plain"><thead><tr><th>Function</th><th>Duty</th><th>Accountable owner</th>'
        "<th>Delegated to</th><th>Problem</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
    )
