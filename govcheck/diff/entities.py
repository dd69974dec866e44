"""The governance entities of a constitution, as ``govcheck diff`` compares them.

This is the one place that knows how the typed model (:mod:`govcheck.model`) maps onto
things a reviewer talks about: seats, people, places, committees, accountabilities, the
quorum. Everything else in :mod:`govcheck.diff` is generic over :class:`Entity`.

How entities are found, in order, so that a new part of the format shows up by itself:

1. every collection of the typed model (a tuple field of :class:`~govcheck.model.Constitution`
   whose items have an ``id``) is a kind, named by the field (``members``, ``places``...);
   an item's fields are its typed fields (so a field added to the model is compared), plus
   the keys of its source mapping that the model does not type (``expertise``, ``leader``);
2. lists of identified items the model keeps as data (board participants, ICP members,
   neighbourhoods, or any new top-level list of items with ids) are kinds too;
3. people: the typed ``people`` register when the model has one, else every distinct name
   on the board (members and participants) with the seats it holds;
4. everything else is a singleton: the document's settings (as-of date, law, metadata),
   the ICB, the quorum, the board's other provisions, the ICP, and each remaining section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from govcheck.model import Constitution

# kind -> (singular, plural), for people reading a diff. Unknown kinds read as their name.
KINDS: dict[str, tuple[str, str]] = {
    "document": ("document setting", "document settings"),
    "icb": ("ICB", "ICB"),
    "organisations": ("organisation", "organisations"),
    "members": ("board seat", "board seats"),
    "participants": ("board participant", "board participants"),
    "people": ("person", "people"),
    "quorum": ("board quorum", "board quorum"),
    "board": ("board provision", "board provisions"),
    "places": ("place", "places"),
    "neighbourhoods": ("neighbourhood", "neighbourhoods"),
    "committees": ("committee", "committees"),
    "accountabilities": ("accountability", "accountabilities"),
    "icp": ("integrated care partnership", "integrated care partnership"),
    "icp_members": ("ICP member", "ICP members"),
    "provisions": ("provision", "other provisions"),
}
# Governance words for fields (kind, field) or (*, field); others read as the field name.
FIELD_LABELS: dict[tuple[str, str], str] = {
    ("*", "appointment.appointed_by"): "appointer",
    ("*", "appointment.approved_by"): "approver",
    ("*", "appointment.nominated_by"): "nominators",
    ("members", "name"): "holder",
    ("participants", "name"): "holder",
    ("places", "local_authorities"): "councils",
    ("places", "partnership"): "partnership members",
    ("places", "board_route"): "board representation",
    ("places", "board_member"): "board representative",
    ("accountabilities", "delegated_to"): "delegations",
    ("people", "holds"): "seats held",
}
# Kinds whose ids are derived from content, so an added and a removed item are never a rename.
NO_RENAMES = frozenset({"people", "document", "icb", "quorum", "board", "icp", "provisions"})
# Kinds whose items cover something (a place its councils): a removed item whose cover an
# added one takes over is its predecessor, so a split or a merger reads as one.
SUCCESSION = {"places": "local_authorities", "neighbourhoods": "place"}
# Where the lists of identified items the model keeps as data live, and their kinds.
LISTED = {"/board/participants": "participants", "/icp/members": "icp_members"}
# Mappings that are entities of their own, with the parts that are entities elsewhere.
SINGLETONS = {"/icb": "icb", "/board/quorum": "quorum", "/board": "board", "/icp": "icp"}
DOCUMENT_KEYS = ("as_of", "govcheck", "profiles", "metadata", "law", "ics")


class Entity(NamedTuple):
    """One thing a constitution provides for, with its comparable fields.

    ``fields`` maps a dotted field name (``appointment.nominated_by``) to a plain value:
    text, number, boolean, None, or a list (compared as a multiset: order never matters).
    """

    kind: str
    id: str
    label: str
    path: str
    fields: Mapping[str, Any]


def field_label(kind: str, name: str) -> str:
    return FIELD_LABELS.get((kind, name)) or FIELD_LABELS.get(("*", name)) or name.replace("_", " ")


def kind_label(kind: str, plural: bool = False) -> str:
    names = KINDS.get(kind)
    if names is None:
        return kind.replace("_", " ")
    return names[1] if plural else names[0]


def plain(value: Any) -> Any:
    """A comparable, JSON-ready value: typed objects as mappings (without their JSON Pointer
    or source mapping), sets and tuples as lists, dates as ISO text, None-valued keys dropped."""
    if hasattr(value, "_fields"):
        value = {k: getattr(value, k) for k in value._fields if k not in ("path", "raw")}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, frozenset | set):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def flatten(value: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted names; lists stay whole (they are compared as multisets)."""
    out: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, Mapping):
            out.update(flatten(item, name + "."))  # an empty mapping is no field at all
        else:
            out[name] = item
    return out


def _label(item: Any, fallback: str) -> str:
    for key in ("name", "function", "title"):
        value = item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)
        if isinstance(value, str) and value:
            return value
    return fallback


def _typed_fields(item: Any) -> dict[str, Any]:
    """The typed fields of a model object, plus the source keys the model does not type."""
    fields = plain(item)
    fields.pop("id", None)
    raw = getattr(item, "raw", None)
    if isinstance(raw, Mapping):
        typed = set(item._fields)
        for key, value in raw.items():
            inside = _TYPED_INSIDE.get(type(item).__name__, {}).get(key)
            if inside is not None and isinstance(value, Mapping):
                value = {k: v for k, v in value.items() if k not in inside}
                key = f"{key}_details" if key in typed else key
            elif key in typed or key == "id":
                continue
            if value is not None and value != {}:
                fields[key] = plain(value)
    return flatten(fields)


# Source mappings whose parts the model types under other names: (type, key) -> typed parts.
_TYPED_INSIDE: dict[str, dict[str, set[str]]] = {
    "Place": {"partnership": {"members"}, "board_representation": {"route", "member"}},
}


def _container(path: str) -> str:
    return path.rsplit("/", 1)[0]


def _is_identified_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, Mapping) and isinstance(v.get("id"), str) for v in value)
    )


def _add(out: dict[str, dict[str, Entity]], entity: Entity) -> None:
    out.setdefault(entity.kind, {}).setdefault(entity.id, entity)  # first wins, as in the model


def entities(doc: Constitution) -> dict[str, dict[str, Entity]]:
    """Every entity of a constitution, by kind and id."""
    out: dict[str, dict[str, Entity]] = {}
    claimed: set[str] = set()
    # 1. the typed collections of the model
    for name in doc._fields:
        items = getattr(doc, name)
        if not isinstance(items, tuple) or not all(hasattr(i, "_fields") and hasattr(i, "id") for i in items):
            continue
        for item in items:
            _add(out, Entity(name, item.id, _label(item, item.id), item.path, _typed_fields(item)))
            claimed.add(_container(item.path))
    data = doc.data
    # 2. lists of identified items kept as data
    for pointer, value in _walk_lists(data):
        if pointer in claimed or not _is_identified_list(value):
            continue
        kind = LISTED.get(pointer, pointer.rsplit("/", 1)[1])
        if kind in out and pointer not in LISTED:
            continue  # a typed collection of that name exists
        for i, item in enumerate(value):
            fields = flatten(plain({k: v for k, v in item.items() if k != "id"}))
            _add(out, Entity(kind, item["id"], _label(item, item["id"]), f"{pointer}/{i}", fields))
        claimed.add(pointer)
    # 3. people
    if "people" not in out:
        for person in _people(doc, out):
            _add(out, person)
    # 4. singletons
    document = {k: data[k] for k in DOCUMENT_KEYS if k in data}  # the document's own as_of, not --as-of
    _add(out, Entity("document", "document", "the document", "", flatten(plain(document))))
    for key, value in data.items():
        pointer = f"/{key}"
        if key in DOCUMENT_KEYS or pointer in claimed or value in ([], {}, None):
            continue
        _singleton(out, pointer, value, claimed)
        if isinstance(value, Mapping):
            for sub, inner in value.items():
                if f"{pointer}/{sub}" in SINGLETONS:
                    _singleton(out, f"{pointer}/{sub}", inner, claimed)
    return out


def _walk_lists(data: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    """Lists at the top level and one level down, with their JSON Pointers."""
    for key, value in data.items():
        if isinstance(value, list):
            yield f"/{key}", value
        elif isinstance(value, Mapping):
            for sub, inner in value.items():
                if isinstance(inner, list):
                    yield f"/{key}/{sub}", inner


def _singleton(out: dict[str, dict[str, Entity]], pointer: str, value: Any, claimed: set[str]) -> None:
    if isinstance(value, Mapping):
        skip = {p.rsplit("/", 1)[1] for p in (*claimed, *SINGLETONS) if _container(p) == pointer}
        fields = flatten(plain({k: v for k, v in value.items() if k not in skip}))
    else:
        fields = {"items" if isinstance(value, list) else "value": plain(value)}
    kind = SINGLETONS.get(pointer, "provisions")
    name = pointer.lstrip("/").replace("/", ".")
    ident = kind if kind != "provisions" else name
    label = _label(value, name) if kind in ("icb", "icp") else name.rsplit(".", 1)[-1].replace("_", " ")
    _add(out, Entity(kind, ident, label, pointer, fields))


def _people(doc: Constitution, found: dict[str, dict[str, Entity]]) -> list[Entity]:
    """Everyone named on the board, by name, with the seats they hold (no register yet)."""
    holds: dict[str, list[str]] = {}
    where: dict[str, str] = {}
    for kind in ("members", "participants"):
        for entity in found.get(kind, {}).values():
            name = entity.fields.get("name")
            if isinstance(name, str):
                key = " ".join(name.split())
                holds.setdefault(key, []).append(entity.id)
                where.setdefault(key, entity.path)
    return [Entity("people", name, name, where[name], {"holds": sorted(seats)}) for name, seats in holds.items()]
