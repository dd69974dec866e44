"""Generic declarative checks for rule packs written without code.

Each check selects parts of the document with a JSON Pointer pattern whose ``*`` matches
every list index (``/board/members/*``), optionally filters them by field values, and tests
them. A *field* is a path relative to a selected object (``roles``, ``appointment/term_years``);
``->`` follows an id to the object it names (``organisation->kind`` is the kind of the
organisation whose id is in ``organisation``). A filter ``where: {field: value}`` keeps an
object when the field equals the value, or, when the field holds a list, contains it; a list
of values means any of them. ``exclude`` drops objects with the same syntax.
See docs/plugins.md for examples.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.document import find, unresolved
from govcheck.model import Constitution

_SCALAR = {"type": ["string", "number", "boolean"]}
_POINTER = {
    "type": "string",
    "pattern": "^/",
    "description": "JSON Pointer pattern; * matches any list index",
}
_FILTER = {
    "type": "object",
    "additionalProperties": {"type": ["string", "number", "boolean", "array"], "items": _SCALAR},
    "default": {},
}
_FIELD = {"type": "string", "minLength": 1}
_LABEL = {
    "type": "string",
    "minLength": 1,
    "description": "What the selected items are, for messages",
}


def field_values(doc: Constitution, item: Any, field: str) -> list[Any]:
    """The values of a relative field path in ``item``; a list contributes its elements."""
    values: list[Any] = [item]
    for hop, part in enumerate(field.split("->")):
        if hop:
            values = [_resolve(doc, v) for v in values if isinstance(v, str)]
        nxt: list[Any] = []
        for value in values:
            for _, found in find(value, "/" + part.strip().strip("/")):
                nxt.extend(found if isinstance(found, list) else [found])
        values = nxt
    return values


def _resolve(doc: Constitution, ref: str) -> Any:
    entry = doc.ids.get(ref)
    if entry is None:
        return None
    return next((v for _, v in find(doc.data, entry[1])), None) if entry[1] else None


def matches(
    doc: Constitution, item: Any, where: Mapping[str, Any], exclude: Mapping[str, Any]
) -> bool:
    """True when ``item`` satisfies every ``where`` condition and none of ``exclude``."""

    def hit(field: str, wanted: Any) -> bool:
        options = wanted if isinstance(wanted, list) else [wanted]
        return any(v in options for v in field_values(doc, item, field))

    return all(hit(f, w) for f, w in where.items()) and not any(
        hit(f, w) for f, w in exclude.items()
    )


def selected(
    doc: Constitution, data: Any, pattern: str, params: Mapping[str, Any], base: str = ""
) -> list[tuple[str, Any]]:
    """``(pointer, value)`` pairs at ``pattern`` under ``data`` that pass the filters."""
    where, exclude = params.get("where") or {}, params.get("exclude") or {}
    return [
        (base + path, value)
        for path, value in find(data, pattern)
        if matches(doc, value, where, exclude)
    ]


def _container(data: Any, pattern: str, base: str = "") -> str:
    """The pointer to report a count on: the pattern's fixed prefix, as deep as it exists."""
    tokens = pattern.strip("/").split("/")
    prefix = []
    for token in tokens:
        if token == "*":
            break
        prefix.append(token)
    while prefix and not any(True for _ in find(data, "/" + "/".join(prefix))):
        prefix.pop()
    return base + ("/" + "/".join(prefix) if prefix else "")


def _show(value: Any) -> str:
    """A filter value as written in YAML (``true``, ``3``, ``text``)."""
    if isinstance(value, list):
        return " or ".join(_show(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value)


def _describe_filter(params: Mapping[str, Any]) -> str:
    parts = [f"{k} = {_show(v)}" for k, v in (params.get("where") or {}).items()]
    parts += [f"not {k} = {_show(v)}" for k, v in (params.get("exclude") or {}).items()]
    return f" with {', '.join(parts)}" if parts else ""


def _count_problem(n: int, params: Mapping[str, Any], what: str) -> str | None:
    low, high = params.get("min"), params.get("max")
    if low is None and high is None:
        raise ValueError("give min, max or both")
    label = params.get("label") or f"item(s) at {params['select']}{_describe_filter(params)}"
    if low is not None and n < low:
        return f"{what}{n} {label}; at least {low} required"
    if high is not None and n > high:
        return f"{what}{n} {label}; at most {high} allowed"
    return None


_COUNT_PARAMS = {
    "select": _POINTER,
    "where": _FILTER,
    "exclude": _FILTER,
    # ``None`` (the default) means no bound.
    "min": {"type": ["integer", "null"], "minimum": 0, "default": None},
    "max": {"type": ["integer", "null"], "minimum": 0, "default": None},
    "label": {**_LABEL, "default": ""},
}


@check("select.count", params=_COUNT_PARAMS)
def count(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The objects selected (and filtered) number at least ``min`` and at most ``max``."""
    n = len(selected(doc, doc.data, params["select"], params))
    problem = _count_problem(n, params, "found ")
    if problem:
        yield Violation(_container(doc.data, params["select"]), problem, value=str(n))


@check(
    "select.each_has",
    params={
        "each": _POINTER,
        "each_where": _FILTER,
        **{k: v for k, v in _COUNT_PARAMS.items() if k != "select"},
        "select": {
            "type": "string",
            "minLength": 1,
            "description": "pattern relative to each object",
        },
    },
)
def each_has(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each object at ``each`` has between ``min`` and ``max`` matching items at ``select``."""
    outer = {"where": params.get("each_where") or {}}
    for path, item in selected(doc, doc.data, params["each"], outer):
        inner = "/" + params["select"].strip("/")
        n = len(selected(doc, item, inner, params))
        name = item.get("name") or item.get("id") if isinstance(item, Mapping) else None
        problem = _count_problem(n, {**params, "select": inner.lstrip("/")}, f"{name or path} has ")
        if problem:
            yield Violation(_container(item, inner, path), problem, value=str(n))


@check(
    "select.unique",
    params={
        "select": _POINTER,
        "where": _FILTER,
        "exclude": _FILTER,
        "field": {**_FIELD, "default": ""},
    },
)
def unique(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Values at ``select`` (or each selected object's ``field``) are all different."""
    seen: dict[Any, str] = {}
    for path, item in selected(doc, doc.data, params["select"], params):
        field = params.get("field")
        values = field_values(doc, item, field) if field else [item]
        where = f"{path}/{field.split('->')[0].strip('/')}" if field else path
        for value in values:
            key = repr(value)
            if key in seen:
                yield Violation(
                    where,
                    f"{value!r} is not unique: it already appears at {seen[key]}",
                    value=str(value),
                )
            else:
                seen[key] = where


@check(
    "select.reference",
    params={
        "select": _POINTER,
        "kinds": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "required": {"type": "boolean", "default": False},
    },
)
def reference(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Every value at ``select`` is the id of something of one of ``kinds`` (and, if ``required``, is present)."""
    kinds = tuple(params["kinds"])
    found = list(find(doc.data, params["select"]))
    if params.get("required") and not found:
        yield Violation(
            _container(doc.data, params["select"]),
            f"nothing at {params['select']}; a reference is required",
        )
    for path, value in found:
        refs = (
            [(f"{path}/{i}", v) for i, v in enumerate(value)]
            if isinstance(value, list)
            else [(path, value)]
        )
        for where, ref in refs:
            if not isinstance(ref, str):
                yield Violation(where, f"{ref!r} is not an id")
                continue
            problem = unresolved(doc, where, ref, kinds)
            if problem:
                yield problem


def _empty(values: list[Any]) -> bool:
    return not values or all(v is None or v == "" or v == {} or v == [] for v in values)


@check(
    "select.required",
    params={
        "select": _POINTER,
        "where": _FILTER,
        "exclude": _FILTER,
        "fields": {"type": "array", "items": _FIELD, "minItems": 1},
    },
)
def required(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each selected object has every one of ``fields``, not empty."""
    for path, item in selected(doc, doc.data, params["select"], params):
        for field in params["fields"]:
            if _empty(field_values(doc, item, field)):
                name = item.get("name") or item.get("id") if isinstance(item, Mapping) else None
                yield Violation(path, f"{name or path} has no {field}", key=True, value=field)


@check(
    "select.range",
    params={
        "select": _POINTER,
        "where": _FILTER,
        "exclude": _FILTER,
        "field": _FIELD,
        "min": {"type": ["number", "null"], "default": None},
        "max": {"type": ["number", "null"], "default": None},
        "required": {"type": "boolean", "default": False},
        "label": {**_LABEL, "default": ""},
    },
)
def in_range(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each selected object's numeric ``field`` lies within ``min``..``max`` (inclusive)."""
    low, high, field = params.get("min"), params.get("max"), params["field"]
    label = params.get("label") or field
    for path, item in selected(doc, doc.data, params["select"], params):
        name = (item.get("name") or item.get("id")) if isinstance(item, Mapping) else None
        values = [v for v in field_values(doc, item, field) if isinstance(v, (int, float))]
        where = f"{path}/{field}" if "->" not in field else path
        if not values:
            if params.get("required"):
                yield Violation(path, f"{name or path} has no {label}", key=True, value=field)
            continue
        for value in values:
            if low is not None and value < low:
                yield Violation(
                    where, f"{name or path}: {label} {value:,} is below {low:,}", value=str(value)
                )
            elif high is not None and value > high:
                yield Violation(
                    where, f"{name or path}: {label} {value:,} is above {high:,}", value=str(value)
                )
