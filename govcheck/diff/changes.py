"""Structural changes between two constitutions, over their entities (:mod:`.entities`).

Ids are identity: an entity with the same kind and id on both sides is the same thing,
changed or not. An entity that disappears while another of the same kind appears with
identical content is a rename, and the old id is read as the new one everywhere else on
the old side, so the committees a renamed member sits on do not show as changed. Lists
are compared as multisets: reordering is never a change.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any, NamedTuple

from govcheck.diff.entities import KINDS, NO_RENAMES, SUCCESSION, Entity

ADDED, REMOVED, CHANGED, RENAMED = "added", "removed", "changed", "renamed"
Entities = Mapping[str, Mapping[str, Entity]]


class FieldChange(NamedTuple):
    """One field that differs: ``old`` and ``new`` values, and for lists the items each side
    has that the other lacks (``added`` / ``removed``)."""

    field: str
    old: Any
    new: Any
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "old": self.old, "new": self.new}
        if isinstance(self.old, list) or isinstance(self.new, list):
            data["added"], data["removed"] = list(self.added), list(self.removed)
        return data


class Change(NamedTuple):
    """An entity added, removed, changed, or renamed (``old_id`` -> ``id``)."""

    kind: str
    id: str
    change: str
    label: str
    old_path: str = ""
    new_path: str = ""
    old_id: str = ""
    fields: tuple[FieldChange, ...] = ()  # changed: what differs
    snapshot: Mapping[str, Any] = {}  # added / removed: the entity's fields
    lineage: tuple[str, ...] = ()  # removed: its successors; added: its predecessors (SUCCESSION)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "id": self.id, "change": self.change, "label": self.label}
        if self.old_path:
            data["old_path"] = self.old_path
        if self.new_path:
            data["new_path"] = self.new_path
        if self.change == RENAMED:
            data["old_id"] = self.old_id
        if self.change in (CHANGED, RENAMED):
            data["fields"] = [f.to_dict() for f in self.fields]
        else:
            data["snapshot"] = dict(self.snapshot)
        if self.lineage:
            data["successors" if self.change == REMOVED else "predecessors"] = list(self.lineage)
        return data


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _mapped(value: Any, ids: Mapping[str, str]) -> Any:
    """``value`` with renamed ids read as their new names."""
    if not ids:
        return value
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, list):
        return [_mapped(v, ids) for v in value]
    if isinstance(value, Mapping):
        return {k: _mapped(v, ids) for k, v in value.items()}
    return value


def _content(entity: Entity, ids: Mapping[str, str]) -> str:
    return canonical(_mapped(dict(entity.fields), ids))


def kind_order(kinds: set[str]) -> list[str]:
    known = list(KINDS)
    return sorted(kinds, key=lambda k: (known.index(k) if k in known else len(known), k))


def find_renames(old: Entities, new: Entities) -> dict[str, dict[str, str]]:
    """Per kind, old id -> new id, for entities that changed only their id. Two passes, so an
    entity whose only other difference is a reference to a renamed entity is found too."""
    renames: dict[str, dict[str, str]] = {}
    for _ in range(2):
        ids = {o: n for pairs in renames.values() for o, n in pairs.items()}
        for kind in kind_order(set(old) & set(new) - NO_RENAMES):
            pairs = renames.setdefault(kind, {})
            gone = sorted(set(old[kind]) - set(new[kind]) - set(pairs))
            taken = set(pairs.values())
            fresh = [i for i in sorted(set(new[kind]) - set(old[kind])) if i not in taken]
            by_content: dict[str, list[str]] = {}
            for i in fresh:
                by_content.setdefault(_content(new[kind][i], {}), []).append(i)
            for i in gone:
                match = by_content.get(_content(old[kind][i], ids))
                if match:
                    pairs[i] = match.pop(0)
    return {k: v for k, v in renames.items() if v}


def diff_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The fields that differ, in the new side's order (then fields only the old side has)."""
    out = []
    for name in [*new, *(k for k in old if k not in new)]:
        o, n = old.get(name), new.get(name)
        lists = isinstance(o, list) or isinstance(n, list)
        if lists and isinstance(o, list | type(None)) and isinstance(n, list | type(None)):
            before = Counter(canonical(v) for v in o or [])
            after = Counter(canonical(v) for v in n or [])
            if before == after:
                continue
            added = tuple(json.loads(v) for v in sorted((after - before).elements()))
            removed = tuple(json.loads(v) for v in sorted((before - after).elements()))
            out.append(FieldChange(name, o, n, added, removed))
            continue
        if canonical(o) != canonical(n):
            out.append(FieldChange(name, o, n))
    return tuple(out)


def compare(old: Entities, new: Entities) -> list[Change]:
    """Every structural change from ``old`` to ``new``, by kind (in :data:`KINDS` order) and id."""
    renames = find_renames(old, new)
    ids = {o: n for pairs in renames.values() for o, n in pairs.items()}
    changes: list[Change] = []
    for kind in kind_order(set(old) | set(new)):
        before, after = old.get(kind, {}), new.get(kind, {})
        pairs = renames.get(kind, {})
        renamed_to = set(pairs.values())
        found: list[Change] = []
        for i, entity in before.items():
            if i in pairs:
                target = after[pairs[i]]
                found.append(Change(kind, target.id, RENAMED, target.label, entity.path, target.path, i))
            elif i not in after:
                found.append(Change(kind, i, REMOVED, entity.label, old_path=entity.path, snapshot=entity.fields))
        for i, entity in after.items():
            if i in before:
                if not ids and before[i].fields == entity.fields:
                    continue  # the common case, without canonical forms
                fields = diff_fields(_mapped(dict(before[i].fields), ids), entity.fields)
                if fields:
                    found.append(Change(kind, i, CHANGED, entity.label, before[i].path, entity.path, fields=fields))
            elif i not in renamed_to:
                found.append(Change(kind, i, ADDED, entity.label, new_path=entity.path, snapshot=entity.fields))
        if kind in SUCCESSION:
            found = _lineage(found, SUCCESSION[kind])
        changes.extend(sorted(found, key=lambda c: (c.id, c.change)))
    return changes


def _cover(change: Change, field: str) -> set[str]:
    value = change.snapshot.get(field)
    items = value if isinstance(value, list) else [value]
    return {canonical(v) for v in items if v is not None}


def _lineage(found: list[Change], field: str) -> list[Change]:
    """Link removed and added entities that share what they cover (``field``)."""
    gone = [c for c in found if c.change == REMOVED]
    new = [c for c in found if c.change == ADDED]
    out = []
    for c in found:
        if c.change == REMOVED:
            c = c._replace(lineage=tuple(sorted(a.id for a in new if _cover(c, field) & _cover(a, field))))
        elif c.change == ADDED:
            c = c._replace(lineage=tuple(sorted(r.id for r in gone if _cover(c, field) & _cover(r, field))))
        out.append(c)
    return out
