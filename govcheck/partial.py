"""Checking a document that is partly out of format: the rest of it is still judged.

A format violation (GOV005) or a value the loader refused (GOV001) breaks one part of a
document, not all of it. The engine builds the model from a repaired copy of the data (a
missing or wrongly-typed value replaced by an empty one of the right type) and then
*guards* every broken part: reading it, through a model object's field or through the raw
data, raises :class:`BrokenInput`. A rule whose check never reads a broken part runs as
usual; one that does is reported as not runnable, naming the part it needed. So one date
written ``01/04/2023`` stops only the rules that read that date.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from govcheck import model

# Outcome detail of a rule that could not run; reports count outcomes by this prefix.
NOT_RUNNABLE = "could not run"

# Model fields whose document key has another name.
_KEYS = {"start": "from", "end": "to", "board_route": "board_representation", "board_member": "board_representation"}
# Model fields that are views of a mapping: read through a guard instead of refused outright.
_VIEWS = frozenset({"raw", "appointment", "elected_office"})
# The Constitution's lists, by document path.
_LISTS = {
    "organisations": "/organisations",
    "places": "/places",
    "members": "/board/members",
    "committees": "/committees",
    "accountabilities": "/accountabilities",
    "people": "/people",
    "icp_members": "/icp/members",
}


class BrokenInput(BaseException):
    """A check read a part of the document that is not in the expected format.

    A BaseException, so a check's own ``except Exception`` cannot mistake it for a result.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def not_runnable_detail(path: str) -> str:
    return f"{NOT_RUNNABLE}: it reads {path or '/'}, which is missing or not in the expected format (see GOV005)"


def under(path: str, root: str) -> bool:
    return path == root or path.startswith(root + "/")


def _tokens(path: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in path.lstrip("/").split("/")] if path else []


def join(parent: str, token: str | int) -> str:
    return f"{parent}/" + str(token).replace("~", "~0").replace("/", "~1")


# -- repairing ---------------------------------------------------------------------------


def _schema_at(schema: Mapping[str, Any], defs: Mapping[str, Any], tokens: list[str]) -> Mapping[str, Any] | None:
    node: Any = schema
    for token in tokens:
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[1]]
        if "properties" in node and token in node["properties"]:
            node = node["properties"][token]
        elif isinstance(node.get("items"), Mapping) and token.isdigit():
            node = node["items"]
        elif isinstance(node.get("additionalProperties"), Mapping):
            node = node["additionalProperties"]
        else:
            return None
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    return node if isinstance(node, Mapping) else None


_EMPTY = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": int}
_PY: dict[str, type | tuple[type, ...]] = {
    "object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float),
}  # fmt: skip


def _fits(value: Any, schema: Mapping[str, Any] | None) -> bool:
    if schema is None or "type" not in schema:
        return True
    names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    for name in names:
        if name == "null" and value is None:
            return True
        expected = _PY.get(name)
        if expected and isinstance(value, expected) and not (name != "boolean" and isinstance(value, bool)):
            return True
    return False


def _empty(schema: Mapping[str, Any] | None, defs: Mapping[str, Any]) -> Any:
    """An empty value of the schema's type, with its required keys (themselves empty)."""
    if schema is None:
        return None
    names = schema.get("type", "null")
    name = names[0] if isinstance(names, list) else names
    if "null" in (names if isinstance(names, list) else [names]):
        return None
    if name == "object":
        props = schema.get("properties", {})
        out = {}
        for key in schema.get("required", ()):
            sub = props.get(key)
            if sub is not None and "$ref" in sub:
                sub = defs[sub["$ref"].rsplit("/", 1)[1]]
            out[key] = _empty(sub, defs)
        return out
    return _EMPTY.get(name, type(None))()


def repair(data: dict[str, Any], broken: Iterable[str], schema: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` in which every broken path holds a value of the right type."""
    import copy  # only for a document with a part out of format

    defs = schema.get("$defs", {})
    fixed = copy.deepcopy(data)
    for path in sorted(set(broken), key=len):
        tokens = _tokens(path)
        if not tokens:
            continue
        parent: Any = fixed
        for token in tokens[:-1]:
            if isinstance(parent, dict) and token in parent:
                parent = parent[token]
            elif isinstance(parent, list) and token.isdigit() and int(token) < len(parent):
                parent = parent[int(token)]
            else:
                parent = None
                break
        last = tokens[-1]
        node = _schema_at(schema, defs, tokens)
        if isinstance(parent, dict) and (last not in parent or not _fits(parent[last], node)):
            parent[last] = _empty(node, defs)
        elif isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
            index = int(last)
            parent[index] = parent[index] if _fits(parent[index], node) else _empty(node, defs)
    return fixed


# -- guarding ----------------------------------------------------------------------------


class _GuardedDict(dict):  # type: ignore[type-arg]
    """A mapping whose broken values raise :class:`BrokenInput` when read."""

    __slots__ = ("_broken", "_path")

    def __init__(self, value: Mapping[str, Any], path: str, broken: frozenset[str]) -> None:
        super().__init__(value)
        self._path = path
        self._broken = broken

    def _child(self, key: str) -> str:
        return join(self._path, key)

    def __getitem__(self, key: str) -> Any:
        return _guard(super().__getitem__(key), self._child(key), self._broken)

    def get(self, key: str, default: Any = None) -> Any:
        child = self._child(key)
        if child in self._broken:
            raise BrokenInput(child)
        if not super().__contains__(key):
            return default
        return self[key]

    def __iter__(self) -> Iterator[str]:
        # Defined here so that dict(view) and {**view} copy through __getitem__: CPython copies
        # a dict whose iterator is dict's own straight from its table, past the guard.
        return super().__iter__()

    def values(self) -> Any:
        return [self[k] for k in self]

    def items(self) -> Any:
        return [(k, self[k]) for k in self]

    def copy(self) -> dict[str, Any]:
        return dict(self.items())


class _GuardedList(list):  # type: ignore[type-arg]
    """A list whose broken items raise :class:`BrokenInput` when read."""

    __slots__ = ("_broken", "_path")

    def __init__(self, value: list[Any], path: str, broken: frozenset[str]) -> None:
        super().__init__(value)
        self._path = path
        self._broken = broken

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = index + len(self) if index < 0 else index
        return _guard(super().__getitem__(index), join(self._path, i), self._broken)

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    # list's own C methods read the items directly, past __getitem__: route them through it
    def __contains__(self, item: object) -> bool:
        return any(x is item or x == item for x in self)

    def __reversed__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self) - 1, -1, -1))

    def index(self, item: Any, *args: Any) -> int:
        return list(self).index(item, *args)

    def count(self, item: Any) -> int:
        return list(self).count(item)


class _SeatView(_GuardedDict):
    """A seat's ``raw`` view when its person is in the register: the person's fields are
    guarded at their register paths (``/people/N/checks``), the seat's own at the seat's."""

    __slots__ = ("_person",)

    def __init__(self, value: Mapping[str, Any], path: str, person_path: str, broken: frozenset[str]) -> None:
        super().__init__(value, path, broken)
        self._person = person_path

    def _child(self, key: str) -> str:
        return join(self._person if key in model.PERSON_FIELDS else self._path, key)


def _guard(value: Any, path: str, broken: frozenset[str]) -> Any:
    if path in broken:
        raise BrokenInput(path)
    if not any(under(b, path) for b in broken):
        return value
    if isinstance(value, dict):
        return _GuardedDict(value, path, broken)
    if isinstance(value, list):
        return _GuardedList(value, path, broken)
    return value


def _view(value: Mapping[str, Any], path: str, broken: frozenset[str]) -> Mapping[str, Any]:
    guarded = _guard(dict(value), path, broken)
    return MappingProxyType(guarded) if isinstance(guarded, dict) else guarded


# Where ids are defined (``*``: any list index) and the kind of thing each names; see
# model._collect_ids.
_ID_HOMES = [
    (p.split("/")[1:], kind)
    for p, kind in (
        ("/icb/id", "icb"), ("/board/id", "board"), ("/icp/id", "icp"), ("/organisations/*/id", "organisation"),
        ("/places/*/id", "place"), ("/neighbourhoods/*/id", "neighbourhood"), ("/committees/*/id", "committee"),
        ("/accountabilities/*/id", "accountability"), ("/board/members/*/id", "member"),
        ("/board/participants/*/id", "participant"), ("/icp/members/*/id", "icp_member"), ("/people/*/id", "person"),
    )
]  # fmt: skip


def _hidden_kinds(path: str) -> frozenset[str]:
    """The kinds of id a broken ``path`` may define (so a missing id of those kinds proves nothing)."""
    tokens = _tokens(path)
    return frozenset(
        kind
        for home, kind in _ID_HOMES
        if len(tokens) <= len(home)
        and all(h in ("*", t) and (h != "*" or t.isdigit()) for h, t in zip(home, tokens, strict=False))
    )


class HiddenId(BrokenInput):
    """An id was looked up that is not defined, while a broken part (``path``) may define ids
    of ``kinds``: a reference that may name one of them cannot be judged, any other can."""

    def __init__(self, path: str, kinds: frozenset[str]) -> None:
        super().__init__(path)
        self.kinds = kinds


class _IdTable(dict):  # type: ignore[type-arg]
    """Ids by name: looking up an id that is not found raises when broken parts may define it."""

    __slots__ = ("_hidden", "_kinds")

    def __init__(self, value: Mapping[str, Any], hidden: str, kinds: frozenset[str]) -> None:
        super().__init__(value)
        self._hidden = hidden
        self._kinds = kinds

    def __getitem__(self, key: str) -> Any:
        if not super().__contains__(key):
            raise HiddenId(self._hidden, self._kinds)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key is not None else default

    def __contains__(self, key: object) -> bool:
        if not super().__contains__(key):
            raise HiddenId(self._hidden, self._kinds)
        return True


def _raiser(path: str) -> property:
    def read(self: Any) -> Any:
        raise BrokenInput(path)

    return property(read)


@functools.cache
def _guarded_class(cls: Any, fields: frozenset[tuple[str, str]]) -> Any:
    """A subclass of a model class whose given fields raise when read."""
    attrs: dict[str, Any] = {"__slots__": ()}
    for name, path in fields:
        attrs[name] = _raiser(path)
    return type(cls.__name__, (cls,), attrs)


def _guard_object(obj: Any, broken: frozenset[str], **replace: Any) -> Any:
    """``obj`` (a model NamedTuple) with its broken fields raising and its views guarded.

    A board seat whose person is in the register (``Member.person_path``) reads the person's
    fields (``model.PERSON_FIELDS``) from there, so those are guarded at their register paths.
    """
    base = obj.path
    person = getattr(obj, "person_path", None) if isinstance(obj, model.Member) else None
    if not any(under(b, base) or (person is not None and under(b, person)) for b in broken):
        return obj._replace(**replace) if replace else obj
    whole = next((b for b in broken if under(base, b)), None)
    raising = []
    for name in obj._fields:
        if name in ("path", *replace):
            continue
        key = _KEYS.get(name, name)
        key_path = join(person if person is not None and key in model.PERSON_FIELDS else base, key)
        if whole is not None:
            raising.append((name, whole))
        elif name == "raw" and person is not None:
            replace[name] = MappingProxyType(_SeatView(getattr(obj, name), base, person, broken))
        elif name in _VIEWS:
            view_path = base if name == "raw" else key_path
            replace[name] = _view(getattr(obj, name), view_path, broken)
            if view_path in broken:
                raising.append((name, view_path))
        else:
            hit = next((b for b in sorted(broken) if under(b, key_path)), None)
            if hit is not None:
                raising.append((name, hit))
    if replace:
        obj = obj._replace(**replace)
    if not raising:
        return obj
    cls: Any = type(obj)
    return _guarded_class(cls, frozenset(raising))(*obj)


def guarded_model(
    file: str, data: dict[str, Any], broken: frozenset[str], as_of: Any, schema: Mapping[str, Any]
) -> model.Constitution:
    """The model of a partly broken document: built from a repair, its broken parts guarded."""
    fixed = repair(data, broken, schema)
    built = model.build(file, fixed, as_of)

    register_hidden = next((b for b in sorted(broken) if "person" in _hidden_kinds(b)), None)

    def guard_all(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = []
        for item in items:
            extra = {}
            if isinstance(item, (model.Member, model.Person)):
                extra["interests"] = tuple(_guard_object(i, broken) for i in item.interests)
            if isinstance(item, model.Place) and item.partnership is not None:
                extra["partnership"] = tuple(_guard_object(p, broken) for p in item.partnership)
            # a field whose list is itself broken (or inside a broken part) raises instead
            # (a seat's interests are its register person's when it has one)
            owner = getattr(item, "person_path", None) or item.path
            homes = {"interests": f"{owner}/interests", "partnership": f"{item.path}/partnership/members"}
            extra = {k: v for k, v in extra.items() if not any(under(homes[k], b) for b in broken)}
            guarded = _guard_object(item, broken, **extra)
            # a holder names a person the register does not define while part of the register
            # is broken: who holds the seat (or whether anyone does) is unknown
            if (
                isinstance(item, model.Member)
                and item.person is None
                and register_hidden is not None
                and any(h.person and h.person not in built.people_by_id for h in item.holders)
            ):
                fields = frozenset({("person", register_hidden), ("person_path", register_hidden)})
                cls: Any = type(guarded)
                guarded = _guarded_class(cls, fields)(*guarded)
            out.append(guarded)
        return tuple(out)

    lists = {name: guard_all(getattr(built, name)) for name in _LISTS}
    # by the ids as built, as ``by_id`` below (a guarded person's own id may be the broken part)
    guarded_people = {id(p): g for p, g in zip(built.people, lists["people"], strict=True)}
    people = {k: guarded_people[id(p)] for k, p in built.people_by_id.items()}
    # by the ids as built (a guarded object's own id may be the broken part)
    objects = dict(zip((o.id for o in built.organisations), lists["organisations"], strict=True))
    objects |= dict(zip((m.id for m in built.members), lists["members"], strict=True))
    root = _GuardedDict(fixed, "", broken)
    by_id: Mapping[str, Any] = {k: objects.get(k, v) for k, v in built.by_id.items()}
    ids: Mapping[str, Any] = built.ids
    hiding = {b: _hidden_kinds(b) for b in sorted(broken)}
    hidden = next((b for b, kinds in hiding.items() if kinds), None)
    if hidden is not None:
        kinds = frozenset().union(*hiding.values())
        by_id, ids = _IdTable(by_id, hidden, kinds), _IdTable(ids, hidden, kinds)
    constitution = built._replace(
        data=MappingProxyType(root),
        by_id=MappingProxyType(by_id),
        ids=MappingProxyType(ids),
        organisations=lists["organisations"],
        places=lists["places"],
        members=lists["members"],
        committees=lists["committees"],
        accountabilities=lists["accountabilities"],
        people=lists["people"],
        people_by_id=MappingProxyType(people),
        icp_members=lists["icp_members"],
    )
    raising = [
        (name, next(b for b in broken if under(path, b)))
        for name, path in _LISTS.items()
        if any(under(path, b) for b in broken)
    ]
    if as_of is None and "/as_of" in broken:
        raising.append(("as_of", "/as_of"))
    if raising:
        constitution = _guarded_class(model.Constitution, frozenset(raising))(*constitution)
    return constitution
