"""Pointer patterns and field paths in rule-pack parameters, checked against the format.

A rule pack names parts of a constitution by pointer pattern (``/board/members/*``) and by
field (``voting``, ``organisation->kind``). A name the format does not have can never match,
so a rule using it would pass on every document: :func:`schema_at` and :func:`field_schema`
resolve them in the constitution format's JSON Schema when the pack loads, and raise
:class:`PathProblem` naming the closest valid name. The same walk gives a field's ``default``
(``voting`` is true when left out) so filters mean what the format says.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

_REF = "#/$defs/ref"
MISSING = object()  # a field without a default in the format


class PathProblem(ValueError):
    """A pointer or field that the constitution format does not have."""


@cache
def format_schema() -> dict[str, Any]:
    from pathlib import Path

    text = (Path(__file__).parent / "schemas" / "constitution-v1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _deref(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return {**format_schema()["$defs"][ref.rsplit("/", 1)[1]], **node}  # keeps $ref: is_reference
    return node


def is_reference(node: dict[str, Any]) -> bool:
    """True for a field that holds an id (or a list of ids) of something else."""
    if node.get("$ref") == _REF:
        return True
    return node.get("type") == "array" and isinstance(node.get("items"), dict) and node["items"].get("$ref") == _REF


def _closest(token: str, names: list[str]) -> str:
    import difflib  # only for a near miss

    near = difflib.get_close_matches(token, names, n=1, cutoff=0.5)
    if near:
        return f"; did you mean {near[0]!r}?"
    return f"; it has: {', '.join(sorted(names))}" if names else ""


def _step(node: dict[str, Any], token: str, where: str) -> dict[str, Any]:
    node = _deref(node)
    if node.get("type") == "array":
        if token == "*" or token.isdigit():
            return _deref(node.get("items", {}))
        raise PathProblem(f"{where or '/'} is a list: use * (or an index) before {token!r}")
    props = node.get("properties")
    if not isinstance(props, dict):
        raise PathProblem(f"{where or '/'} holds a single value; it has no {token!r}")
    if token == "*":
        raise PathProblem(f"{where or '/'} is a mapping, not a list: * matches list items only")
    if token not in props:
        raise PathProblem(f"{where or '/'} has no field {token!r}{_closest(token, list(props))}")
    return _deref(props[token])


def schema_at(pattern: str, node: dict[str, Any] | None = None, where: str = "") -> dict[str, Any]:
    """The schema of what ``pattern`` selects (from ``node``, default the whole document)."""
    node = format_schema() if node is None else node
    for token in [t for t in pattern.strip("/").split("/") if t]:
        node = _step(node, token, where)
        where = f"{where}/{token}"
    return node


@cache
def _id_objects() -> dict[str, dict[str, Any]]:
    """Every property of every object that has an id: what ``->`` can reach."""
    found: dict[str, dict[str, Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict) and "id" in props:
                for name, sub in props.items():
                    found.setdefault(name, sub)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(format_schema())
    return found


def _leaf(node: dict[str, Any]) -> dict[str, Any]:
    """A list field's values are its items (a list contributes its elements)."""
    node = _deref(node)
    return _deref(node["items"]) if node.get("type") == "array" and isinstance(node.get("items"), dict) else node


def reverse_parts(field: str) -> tuple[str, str] | None:
    """``/neighbourhoods/*<-place`` -> (``/neighbourhoods/*``, ``place``); None if not reverse."""
    if "<-" not in field:
        return None
    pattern, _, ref = field.partition("<-")
    return pattern.strip(), ref.strip()


def field_schema(field: str, node: dict[str, Any], where: str) -> dict[str, Any]:
    """The schema of one value of ``field`` in objects of schema ``node`` found at ``where``."""
    reverse = reverse_parts(field)
    if reverse is not None:
        pattern, ref = reverse
        if not pattern.startswith("/"):
            raise PathProblem("before <- comes a pointer pattern from the root, like /neighbourhoods/*")
        target = schema_at(pattern)
        if not is_reference(field_schema(ref, target, pattern)):
            raise PathProblem(f"{pattern}/{ref} does not hold an id, so nothing refers through it")
        if "id" not in (_deref(node).get("properties") or {}):
            raise PathProblem(f"objects at {where} have no id, so nothing can refer to them")
        return target
    for hop, part in enumerate(field.split("->")):
        part = part.strip()
        if hop:
            if not is_reference(node):
                raise PathProblem(f"{where} does not hold an id, so -> cannot follow it")
            objects = _id_objects()
            token = part.strip("/").split("/")[0]
            if token not in objects:
                raise PathProblem(
                    f"nothing with an id has a field {token!r}{_closest(token, list(objects))}"
                )
            rest = part.strip("/").split("/")[1:]
            node = schema_at("/".join(rest), _deref(objects[token]), f"{where}->{token}")
            where = f"{where}->{part}"
        else:
            node = schema_at(part, node, where)
            where = f"{where}/{part.strip('/')}"
    return node


def check_value(field: str, node: dict[str, Any], wanted: Any, *, enum_too: bool = True) -> None:
    """A filter value the field can never hold (wrong type, not in its list) is a problem.

    ``enum_too=False`` checks the type only (``0`` stands for any number, ``""`` any text)."""
    import difflib  # only for a near miss

    leaf = _leaf(node)
    enum = leaf.get("enum") if enum_too else None
    if isinstance(enum, list) and wanted not in enum:
        shown = [str(e) for e in enum]
        near = difflib.get_close_matches(str(wanted), shown, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise PathProblem(f"{field!r} is one of {', '.join(shown)}, never {wanted!r}{hint}")
    types = leaf.get("type")
    names = [types] if isinstance(types, str) else list(types or [])
    if not names:
        return
    kind = {bool: "boolean", str: "string"}.get(type(wanted))
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool):
        kind = "integer" if isinstance(wanted, int) else "number"
    if kind is None:
        return
    fits = kind in names or (kind == "integer" and "number" in names) or (kind == "number" and "integer" in names)
    if not fits:
        raise PathProblem(f"{field!r} holds {' or '.join(names)}, never {wanted!r}")


@cache
def default_of(pattern: str, field: str) -> Any:
    """The format's default for ``field`` of the objects at ``pattern``, else MISSING."""
    if "->" in field or "<-" in field:
        return MISSING
    try:
        node = field_schema(field, schema_at(pattern), pattern)
    except PathProblem:
        return MISSING
    return node.get("default", MISSING)


def path_problem(data: Any, pointer: str) -> str | None:
    """Why a finding's JSON Pointer names nothing, or None when it is fine.

    A finding may point at a node of the document, or at a field the format defines that
    the document leaves out ("X is not stated"); a pointer that is neither (a misspelt
    field, a list index past the end) would be reported at some ancestor, silently wrong."""
    if not pointer:
        return None
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]
    node: Any = data
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            break
        i += 1
    else:
        return None
    where = "/" + "/".join(tokens[:i])
    if isinstance(node, list):
        return f"{where if i else '/'} has no item {token}"
    try:
        schema = schema_at("/".join(tokens[:i]))
        for later in tokens[i:]:
            if _deref(schema).get("type") == "array":
                return f"{where if i else '/'} has no {'/'.join(tokens[i:])}"
            schema = _step(schema, later, where)
    except PathProblem as exc:
        return str(exc)
    return None
