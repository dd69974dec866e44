"""How a change reads, in words shared by the text, Markdown and HTML forms of a diff."""

from __future__ import annotations

from typing import Any

from govcheck.diff.changes import ADDED, CHANGED, REMOVED, RENAMED, Change, FieldChange
from govcheck.diff.entities import field_label, kind_label

# The fields that say what an added or removed entity is, per kind (others: its label only).
SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "members": ("name", "roles", "voting", "organisation", "appointment.appointed_by", "appointment.nominated_by"),
    "participants": ("name", "role", "organisation", "voting"),
    "people": ("holds",),
    "organisations": ("name", "kind", "tier"),
    "places": ("name", "local_authorities", "population", "board_route", "board_member"),
    "committees": ("name", "type", "chair", "members"),
    "accountabilities": ("function", "owner", "delegated_to"),
    "icp_members": ("name", "organisation", "appointed_by"),
    "neighbourhoods": ("name", "place"),
}
VERBS = {ADDED: "added", REMOVED: "removed", CHANGED: "changed", RENAMED: "renamed"}
PEOPLE_VERBS = {ADDED: "joins", REMOVED: "leaves", CHANGED: "changes seats"}
MARKS = {ADDED: "+", REMOVED: "-", CHANGED: "~", RENAMED: "="}
ARROW = "->"


def value(v: Any) -> str:
    """A field value in a few words."""
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return ", ".join(value(x) for x in v) if v else "(none)"
    if isinstance(v, dict):
        return " ".join(f"{k}={value(x)}" for k, x in v.items())
    return " ".join(str(v).split())


def field_change(kind: str, f: FieldChange, arrow: str = ARROW) -> str:
    label = field_label(kind, f.field)
    if f.added or f.removed:
        parts = [f"+ {value(x)}" for x in f.added] + [f"- {value(x)}" for x in f.removed]
        return f"{label}: " + "; ".join(parts)
    return f"{label}: {value(f.old)} {arrow} {value(f.new)}"


def headline(c: Change) -> str:
    """``m-ned-4 (Jane Doe) added``: the entity and what happened to it."""
    who = c.id if c.label in (c.id, "") else f"{c.id} ({c.label})"
    if c.kind == "people":
        return f"{c.label} {PEOPLE_VERBS.get(c.change, VERBS[c.change])}"
    if c.change == RENAMED:
        return f"{c.old_id} renamed to {who}"
    if c.lineage:
        names = " and ".join(c.lineage)
        if c.change == REMOVED:
            return f"{who} {'split into' if len(c.lineage) > 1 else 'replaced by'} {names}"
        return f"{who} added, {'merging' if len(c.lineage) > 1 else 'from'} {names}"
    if c.kind in ("document", "icb", "quorum", "board", "icp", "provisions"):
        return f"{c.label} {VERBS[c.change]}"
    return f"{who} {VERBS[c.change]}"


def details(c: Change, arrow: str = ARROW) -> list[str]:
    """What changed (changed), or what the entity is (added, removed)."""
    if c.change in (CHANGED, RENAMED):
        return [field_change(c.kind, f, arrow) for f in c.fields]
    shown = SUMMARY_FIELDS.get(c.kind, ())
    return [f"{field_label(c.kind, k)}: {value(c.snapshot[k])}" for k in shown if k in c.snapshot and k != "name"]


def kind_heading(kind: str) -> str:
    text = kind_label(kind, plural=True)
    return text[:1].upper() + text[1:]
