"""The HTML form of a diff: the two board pictures side by side, the seats the amendment
adds, removes or changes ringed, then every change and the compliance delta.

One self-contained page in the style of the HTML report (same stylesheet, same Content
Security Policy: no scripts, no requests); everything from a document is escaped.
"""

from __future__ import annotations

from html import escape
from itertools import groupby
from typing import Any

from govcheck.diff import wording
from govcheck.diff.amendment import Amendment, Side
from govcheck.diff.changes import ADDED, CHANGED, REMOVED, RENAMED
from govcheck.findings import Finding
from govcheck.reporters import html_board
from govcheck.reporters.html_report import CSP, VERDICT_ICONS
from govcheck.reporters.html_style import CSS

SEAT_KINDS = ("members", "participants")
DIFF_CSS = """
.sides{display:grid;grid-template-columns:1fr 1fr;gap:26px;align-items:start}
@media (max-width:820px){.sides{grid-template-columns:1fr}}
.side h3{margin:14px 0 2px;font-size:17px;border:0;padding:0}
.side .src,.changes,.findings code{overflow-wrap:anywhere}
header.mast h1{overflow-wrap:anywhere}
.changes{list-style:none;padding:0;margin:0}
.changes>li{border-left:6px solid #330072;padding:6px 12px;margin:0 0 8px;background:#F7F5FA;border-radius:4px}
.changes>li.added{border-color:#009639;background:#EEF7F1}.changes>li.removed{border-color:#DA291C;background:#FDECEA}
.changes ul{margin:4px 0 0;padding-left:20px;font-size:13.5px}
.ring{display:inline-block;width:14px;height:14px;border-radius:50%;border:3px solid;vertical-align:-2px;margin-right:4px}
h4{margin:18px 0 6px}
"""
CHANGE_WORDS = {ADDED: "added", REMOVED: "removed", CHANGED: "changed", RENAMED: "renamed"}


def _e(value: Any) -> str:
    return escape(str(value))


def _seat_ids(side: Side) -> dict[str, str]:
    """JSON Pointer of each seat -> its id."""
    if side.model is None:
        return {}
    ids = {m.path: m.id for m in side.model.members}
    for i, p in enumerate(side.model.section("board").get("participants") or ()):
        if isinstance(p, dict) and isinstance(p.get("id"), str):
            ids[f"/board/participants/{i}"] = p["id"]
    return ids


def _marks(a: Amendment, old: bool) -> dict[str, str]:
    """Seat id -> change, for the old picture (removed, changed, renamed) or the new one."""
    marks = {}
    for c in a.changes or []:
        if c.kind not in SEAT_KINDS:
            continue
        if old and c.change != ADDED:
            marks[c.old_id or c.id] = c.change
        elif not old and c.change != REMOVED:
            marks[c.id] = c.change
    return marks


def _board(a: Amendment, side: Side, old: bool) -> str:
    title = "Before" if old else "After"
    when = side.model.as_of.isoformat() if side.model and side.model.as_of else "no date"
    head = (
        f'<div class="side" data-side="{"old" if old else "new"}"><h3>{title}</h3>'
        f'<p class="muted src"><code>{_e(side.source.spec)}</code> · as of {_e(when)}</p>'
    )
    if side.model is None:
        return head + '<p class="muted">This version could not be read as format v1, so its board is not drawn.</p></div>'
    findings = [f for f in side.result.findings if f.status == "open"]
    ids, marks = _seat_ids(side), _marks(a, old)
    seats = [
        s._replace(change=marks.get(ids.get(s.path, ""), "")) for s in html_board.seats(side.model, findings)
    ]
    changed = sum(1 for s in seats if s.change)
    return (
        head + html_board.board_svg(seats) + html_board.legend(seats)
        + f'<p class="lede">{_e(html_board.summary(seats))} {changed} seat(s) ringed.</p></div>'
    )


def _key() -> str:
    items = "".join(
        f'<li><span class="ring" style="border-color:{html_board.CHANGE_COLOURS[c]};border-style:{style}"></span>'
        f"{_e(label)}</li>"
        for c, style, label in (
            (ADDED, "solid", "seat added"),
            (REMOVED, "solid", "seat removed"),
            (CHANGED, "dashed", "seat changed or renamed"),
        )
    )
    return f'<ul class="legend" aria-label="rings">{items}</ul>'


def _changes(a: Amendment) -> str:
    if a.changes is None:
        return f'<p class="muted">Not compared: {_e(a.not_compared)}.</p>'
    if not a.changes:
        return '<p class="nothing">No change to the board, places, committees, accountabilities or any other provision.</p>'
    out = []
    for kind, group in groupby(a.changes, key=lambda ch: ch.kind):
        items = []
        for ch in group:
            details = "".join(f"<li>{_e(d)}</li>" for d in wording.details(ch, arrow="→"))
            items.append(
                f'<li class="{ch.change}" data-kind="{_e(kind)}" data-id="{_e(ch.id)}">'
                f"<b>{_e(wording.headline(ch))}</b>{f'<ul>{details}</ul>' if details else ''}</li>"
            )
        out.append(f'<h4>{_e(wording.kind_heading(kind))}</h4><ul class="changes">{"".join(items)}</ul>')
    return "".join(out)


def _finding(f: Finding, a: Amendment) -> str:
    rule = a.rules.get(f.rule)
    status = "" if f.status == "open" else f' <span class="pill o-waived">{_e(f.status)}</span>'
    return (
        f'<li class="finding {_e(f.severity)}" data-rule="{_e(f.rule)}"><div class="top">'
        f'<span class="pill sev-{_e(f.severity)}">{_e(f.severity)}</span> <b>{_e(f.rule)}</b>'
        f' <span class="rule-title">{_e(rule.title if rule else f.slug)}</span>{status}</div>'
        f'<p class="msg">{_e(f.message)}</p>'
        f'<p class="muted"><code>{_e(f.file)}:{f.line}:{f.column}</code> · <code>{_e(f.path or "/")}</code></p></li>'
    )


def _compliance(a: Amendment) -> str:
    parts = []
    for title, cls, found in (
        ("Introduced", "introduced", a.delta.introduced),
        ("Resolved", "resolved", a.delta.resolved),
    ):
        body = "".join(_finding(f, a) for f in found) or '<li class="muted">None.</li>'
        parts.append(f'<h4>{title} ({len(found)})</h4><ul class="findings" data-delta="{cls}">{body}</ul>')
    if a.rule_errors:
        items = "".join(f"<li>{_e(e)}</li>" for e in a.rule_errors)
        parts.append(f'<div class="rule-errors">Could not be evaluated on the new version:<ul>{items}</ul></div>')
    if a.delta.persisting:
        body = "".join(_finding(p.new, a) for p in a.delta.persisting)
        parts.append(
            f"<details><summary>Persisting ({len(a.delta.persisting)})</summary>"
            f'<ul class="findings" data-delta="persisting">{body}</ul></details>'
        )
    if a.delta.rules:
        rows = "".join(
            f'<tr><td>{_e(r.rule)}</td><td>{_e(a.rules[r.rule].title if r.rule in a.rules else "")}</td>'
            f'<td><span class="pill o-{_e(r.old)}">{_e(r.old)}</span></td>'
            f'<td><span class="pill o-{_e(r.new)}">{_e(r.new)}</span></td></tr>'
            for r in a.delta.rules
        )
        parts.append(
            '<h4>Rules whose outcome changed</h4><table class="plain rule-changes"><thead><tr><th>Rule</th>'
            f"<th>Title</th><th>Before</th><th>After</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return "".join(parts)


def render(a: Amendment) -> str:
    from govcheck.diff.text_report import verdict

    code = a.exit_code()
    c = a.counts()
    k = c["changes"]
    tiles = [
        ("grey", len(a.changes or []), "changes"),
        ("bad" if c["failing"] else "grey", c["introduced"], "findings introduced"),
        ("ok" if c["resolved"] else "grey", c["resolved"], "findings resolved"),
        ("grey", c["persisting"], "findings persisting"),
    ]
    tile_html = "".join(
        f'<div class="tile t-{cls}"><span class="n">{n}</span><span class="l">{_e(label)}</span></div>'
        for cls, n, label in tiles
    )
    heading = f"{a.old.source.spec} → {a.new.source.spec}"
    meta = (
        f"{k['added']} added · {k['removed']} removed · {k['changed']} changed · {k['renamed']} renamed · "
        f"profiles {', '.join(a.profiles)} · fails on {a.fail_on} · govcheck {a.tool_version}"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>Amendment {_e(heading)} (govcheck diff)</title>"
        f"<style>{CSS}{DIFF_CSS}</style></head><body>"
        '<header class="mast"><div class="wrap"><div><p class="kicker">govcheck · amendment</p>'
        f'<h1>{_e(heading)}</h1><p class="meta">{_e(meta)}</p></div>'
        f'<div class="verdict v{code}" id="verdict"><span class="icon" aria-hidden="true">{VERDICT_ICONS[code]}</span>'
        f"<span><b>{_e(verdict(a).capitalize())}</b><small>exit code {code}</small></span></div></div></header>"
        f'<main><div class="wrap"><div class="tiles">{tile_html}</div>'
        '<section class="doc" id="board"><h2>The board, before and after</h2>'
        f'<div class="sides">{_board(a, a.old, True)}{_board(a, a.new, False)}</div>{_key()}</section>'
        f'<section class="doc" id="changes"><h2>What changed</h2>{_changes(a)}</section>'
        f'<section class="doc" id="compliance"><h2>Compliance</h2>{_compliance(a)}</section>'
        "<footer>Generated by govcheck diff. This page is self-contained: it loads nothing and runs no scripts.</footer>"
        "</div></main></body></html>\n"
    )
