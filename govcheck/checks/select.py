"""Generic declarative checks for rule packs written without code.

Each check selects parts of the document with a JSON Pointer pattern whose ``*`` matches
every list index (``/board/members/*``), optionally filters them by field values, and tests
them. A *field* is a path relative to a selected object (``roles``, ``appointment/term_years``);
``->`` follows an id to the object it names (``organisation->kind`` is the kind of the
organisation whose id is in ``organisation``), and ``PATTERN<-FIELD`` goes the other way: the
objects at ``PATTERN`` whose ``FIELD`` names this one (``/neighbourhoods/*<-place``). A filter
``where: {field: value}`` keeps an object when the field equals the value, or, when the field
holds a list, contains it; a list of values means any of them; a mapping gives operators
(``gt``, ``ge``, ``lt``, ``le``, ``any_of``, ``matches``, ``absent``). A field left out takes
the format's default (``voting`` is true). ``exclude`` drops objects with the same syntax.

Every pointer, field and filter value is checked against the constitution format when a
pack loads (:func:`_validate`): one that could never match is a load error, not a pass.
Regular expressions run under a time limit (``REGEX_TIME_LIMIT``) with the ``regex``
package, imported only when a filter uses one. See docs/plugins.md for examples.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from govcheck import formatpaths
from govcheck.checks.base import Violation, check
from govcheck.checks.shared import find, unresolved
from govcheck.formatpaths import MISSING, PathProblem
from govcheck.model import Constitution

REGEX_TIME_LIMIT = 1.0  # seconds for all the regular-expression matching of one rule on one document

_SCALAR = {"type": ["string", "number", "boolean"]}
_POINTER = {
    "type": "string",
    "pattern": "^/",
    "description": "JSON Pointer pattern; * matches any list index",
}
_OPERATORS = {
    "any_of": {"type": "array", "items": _SCALAR, "minItems": 1},
    "gt": {"type": "number"},
    "ge": {"type": "number"},
    "lt": {"type": "number"},
    "le": {"type": "number"},
    "matches": {"type": "string", "minLength": 1},
    "absent": {"type": "boolean"},
}
_FILTER = {
    "type": "object",
    "additionalProperties": {
        "type": ["string", "number", "boolean", "array", "object"],
        "items": _SCALAR,
        "properties": _OPERATORS,
        "additionalProperties": False,
        "minProperties": 1,
    },
    "default": {},
}
_FIELD = {"type": "string", "minLength": 1}
_LABEL = {
    "type": "string",
    "minLength": 1,
    "description": "What the selected items are, for messages",
}
_MESSAGE = {
    "type": "string",
    "default": "",
    "description": "The finding's message instead of the built-in one; {value}, {path} and {name} are replaced",
}
_PLACEHOLDERS = ("value", "path", "name")


class RegexTimeout(Exception):
    """A regular expression in a filter took longer than REGEX_TIME_LIMIT."""


class _Matcher:
    """Filters of one rule on one document; regular expressions share one time budget."""

    def __init__(self, doc: Constitution) -> None:
        self.doc = doc
        self.deadline = time.monotonic() + REGEX_TIME_LIMIT

    def search(self, pattern: str, text: str) -> bool:
        import regex  # only when a filter uses a regular expression

        remaining = self.deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise TimeoutError
            return regex.search(pattern, text, timeout=remaining, concurrent=True) is not None
        except TimeoutError:
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise RegexTimeout(
                f"regular expression {pattern!r} did not finish within {REGEX_TIME_LIMIT:g} s "
                f"(on {shown!r}); simplify it"
            ) from None

    def holds(self, values: list[Any], wanted: Any) -> bool:
        if not isinstance(wanted, Mapping):
            options = wanted if isinstance(wanted, list) else [wanted]
            return any(_same(v, o) for v in values for o in options)
        if "absent" in wanted and wanted["absent"] != _empty(values):
            return False
        tests = [(k, w) for k, w in wanted.items() if k != "absent"]
        return not tests or any(all(self._test(v, k, w) for k, w in tests) for v in values)

    def _test(self, value: Any, op: str, wanted: Any) -> bool:
        if op == "any_of":
            return any(_same(value, o) for o in wanted)
        if op == "matches":
            return isinstance(value, str) and self.search(wanted, value)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        compared: dict[str, bool] = {
            "gt": value > wanted, "ge": value >= wanted, "lt": value < wanted, "le": value <= wanted
        }
        return compared[op]

    def matches(self, item: Any, at: str, where: Mapping[str, Any], exclude: Mapping[str, Any]) -> bool:
        """True when ``item`` (found at pattern ``at``) meets every ``where`` and no ``exclude``."""

        def hit(field: str, wanted: Any) -> bool:
            return self.holds(field_values(self.doc, item, field, at), wanted)

        return all(hit(f, w) for f, w in where.items()) and not any(hit(f, w) for f, w in exclude.items())

    def selected(
        self, data: Any, pattern: str, params: Mapping[str, Any], base: str = "", at: str = ""
    ) -> list[tuple[str, Any]]:
        """``(pointer, value)`` pairs at ``pattern`` under ``data`` that pass the filters."""
        where, exclude = params.get("where") or {}, params.get("exclude") or {}
        at = at or pattern
        return [
            (base + path, value) for path, value in find(data, pattern) if self.matches(value, at, where, exclude)
        ]


def _same(value: Any, wanted: Any) -> bool:
    """Equality as YAML means it: true is not 1."""
    return value == wanted and isinstance(value, bool) == isinstance(wanted, bool)


def field_values(doc: Constitution, item: Any, field: str, at: str = "") -> list[Any]:
    """The values of a relative field path in ``item``; a list contributes its elements.

    ``at`` is the pattern ``item`` was selected with: a field left out then takes the
    format's default, if it has one."""
    reverse = formatpaths.reverse_parts(field)
    if reverse is not None:
        pattern, ref = reverse
        own = item.get("id") if isinstance(item, Mapping) else None
        return [v for _, v in find(doc.data, pattern) if own is not None and own in field_values(doc, v, ref)]
    values: list[Any] = [item]
    for hop, part in enumerate(field.split("->")):
        if hop:
            values = [_resolve(doc, v) for v in values if isinstance(v, str)]
        nxt: list[Any] = []
        for value in values:
            for _, found in find(value, "/" + part.strip().strip("/")):
                nxt.extend(found if isinstance(found, list) else [found])
        values = nxt
    if not values and at and isinstance(item, Mapping):
        default = formatpaths.default_of(at, field)
        if default is not MISSING:
            return [default]
    return values


def _resolve(doc: Constitution, ref: str) -> Any:
    entry = doc.ids.get(ref)
    if entry is None:
        return None
    return next((v for _, v in find(doc.data, entry[1])), None) if entry[1] else None


def matches(
    doc: Constitution, item: Any, where: Mapping[str, Any], exclude: Mapping[str, Any], at: str = ""
) -> bool:
    """True when ``item`` satisfies every ``where`` condition and none of ``exclude``."""
    return _Matcher(doc).matches(item, at, where, exclude)


def selected(
    doc: Constitution, data: Any, pattern: str, params: Mapping[str, Any], base: str = ""
) -> list[tuple[str, Any]]:
    """``(pointer, value)`` pairs at ``pattern`` under ``data`` that pass the filters."""
    return _Matcher(doc).selected(data, pattern, params, base)


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
    """A filter value as written in YAML (``true``, ``3``, ``text``, ``> 400000``)."""
    if isinstance(value, list):
        return " or ".join(_show(v) for v in value)
    if isinstance(value, Mapping):
        words = {"gt": ">", "ge": ">=", "lt": "<", "le": "<=", "matches": "matching", "any_of": "one of"}
        parts = [f"{words[k]} {_show(v)}" for k, v in value.items() if k in words]
        if "absent" in value:
            parts.append("absent" if value["absent"] else "present")
        return " and ".join(parts)
    return value if isinstance(value, str) else json.dumps(value)


def _describe_filter(params: Mapping[str, Any]) -> str:
    def one(k: str, v: Any) -> str:
        return f"{k} {_show(v)}" if isinstance(v, Mapping) else f"{k} = {_show(v)}"

    parts = [one(k, v) for k, v in (params.get("where") or {}).items()]
    parts += [f"not {one(k, v)}" for k, v in (params.get("exclude") or {}).items()]
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


def _name(item: Any, path: str) -> str:
    name = (item.get("name") or item.get("id")) if isinstance(item, Mapping) else None
    return str(name) if name else path


def _violation(
    params: Mapping[str, Any], path: str, message: str, value: Any, name: str, key: bool = False
) -> Violation:
    """A Violation with the rule's own ``message`` template, if it gives one."""
    template = params.get("message")
    shown = str(value)
    if template:
        message = template.format_map({"value": _clip(shown), "path": _clip(path), "name": _clip(name)})
    return Violation(path, message, key=key, value=shown)


def _clip(text: str) -> str:
    """Text from the document, shortened as every echoed value is."""
    return text if len(text) <= 80 else text[:77] + "..."


# -- checking parameters against the format when a pack loads -------------------------------


def _node(pattern: str, param: str, base: dict[str, Any] | None = None, where: str = "") -> dict[str, Any]:
    try:
        return formatpaths.schema_at(pattern, base, where)
    except PathProblem as exc:
        raise ValueError(f"parameter {param}: {pattern!r} never matches: {exc}") from None


def _field(field: str, node: dict[str, Any], at: str, param: str) -> dict[str, Any]:
    try:
        return formatpaths.field_schema(field, node, at)
    except PathProblem as exc:
        raise ValueError(f"parameter {param}: field {field!r} never matches: {exc}") from None


def _filters(params: Mapping[str, Any], keys: tuple[str, ...], node: dict[str, Any], at: str) -> None:
    for key in keys:
        for field, wanted in (params.get(key) or {}).items():
            sub = _field(field, node, at, f"{key}/{field}")
            reverse = formatpaths.reverse_parts(field) is not None
            ops = wanted if isinstance(wanted, Mapping) else {"any_of": wanted if isinstance(wanted, list) else [wanted]}
            for op, value in ops.items():
                where = f"parameter {key}/{field}" + (f"/{op}" if isinstance(wanted, Mapping) else "")
                if reverse and op != "absent":
                    raise ValueError(f"{where}: a field with <- gives objects; only absent applies to it")
                try:
                    if op == "any_of":
                        for one in value:
                            formatpaths.check_value(field, sub, one)
                    elif op in ("gt", "ge", "lt", "le"):
                        formatpaths.check_value(field, sub, 0, enum_too=False)
                    elif op == "matches":
                        formatpaths.check_value(field, sub, "", enum_too=False)
                        _compile(str(value))
                except PathProblem as exc:
                    raise ValueError(f"{where}: never matches: {exc}") from None


def _compile(pattern: str) -> None:
    try:
        import regex
    except ImportError:  # pragma: no cover - the extra is part of the test environment
        raise ValueError("the matches filter needs the regex package: pip install 'govcheck[regex]'") from None
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise PathProblem(f"{pattern!r} is not a regular expression: {exc}") from None


def _template(params: Mapping[str, Any]) -> None:
    import string  # only for a rule pack that formats a message

    template = params.get("message")
    if not template:
        return
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ValueError(f"parameter message: {exc} (write {{{{ and }}}} for braces)") from None
    for name in fields:
        if name not in _PLACEHOLDERS:
            raise ValueError(
                f"parameter message: unknown placeholder {{{name}}}; use {', '.join('{' + p + '}' for p in _PLACEHOLDERS)}"
            )


def _bounds(params: Mapping[str, Any]) -> None:
    if params.get("min") is None and params.get("max") is None:
        raise ValueError("give min, max or both: without either the rule could never fail")


def _validator(*steps: Callable[[Mapping[str, Any]], None]) -> Callable[[Mapping[str, Any]], None]:
    def validate(params: Mapping[str, Any]) -> None:
        for step in steps:
            step(params)
        _template(params)

    return validate


def _selection(params: Mapping[str, Any]) -> None:
    node = _node(params["select"], "select")
    _filters(params, ("where", "exclude"), node, params["select"])
    for key in ("field",):
        if params.get(key):
            _field(params[key], node, params["select"], key)
    for field in params.get("fields") or ():
        _field(field, node, params["select"], "fields")


def _validate_each_has(params: Mapping[str, Any]) -> None:
    _bounds(params)
    each = _node(params["each"], "each")
    _filters(params, ("each_where",), each, params["each"])
    inner = params["select"]
    if formatpaths.reverse_parts(inner) is not None:
        node = _field(inner, each, params["each"], "select")
        at = formatpaths.reverse_parts(inner)[0]  # type: ignore[index]
    else:
        node = _node(inner, "select", each, params["each"])
        at = params["each"].rstrip("/") + "/" + inner.strip("/")
    _filters(params, ("where", "exclude"), node, at)


def _validate_reference(params: Mapping[str, Any]) -> None:
    import difflib

    from govcheck.model import _LISTS

    _node(params["select"], "select")
    kinds = sorted({kind for _, kind in _LISTS} | {"icb", "board", "icp", "member", "participant", "icp_member"})
    for kind in params["kinds"]:
        if kind not in kinds:
            near = difflib.get_close_matches(kind, kinds, n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"kinds are {', '.join(kinds)}"
            raise ValueError(f"parameter kinds: nothing in the format is of kind {kind!r}; {hint}")


def _range_bounds(params: Mapping[str, Any]) -> None:
    """select.range may omit both bounds only to report objects without the field."""
    if not params.get("required"):
        _bounds(params)


def _validate_range(params: Mapping[str, Any]) -> None:
    _selection(params)
    node = _field(params["field"], _node(params["select"], "select"), params["select"], "field")
    try:
        formatpaths.check_value(params["field"], node, 0, enum_too=False)
    except PathProblem as exc:
        raise ValueError(f"parameter field: {exc}: min and max compare numbers") from None


# -- the checks --------------------------------------------------------------------------------


_COUNT_PARAMS = {
    "select": _POINTER,
    "where": _FILTER,
    "exclude": _FILTER,
    # ``None`` (the default) means no bound.
    "min": {"type": ["integer", "null"], "minimum": 0, "default": None},
    "max": {"type": ["integer", "null"], "minimum": 0, "default": None},
    "label": {**_LABEL, "default": ""},
    "message": _MESSAGE,
}


@check("select.count", params=_COUNT_PARAMS, validate=_validator(_bounds, _selection))
def count(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The objects selected (and filtered) number at least ``min`` and at most ``max``."""
    n = len(_Matcher(doc).selected(doc.data, params["select"], params))
    problem = _count_problem(n, params, "found ")
    if problem:
        path = _container(doc.data, params["select"])
        yield _violation(params, path, problem, n, path)


@check(
    "select.each_has",
    params={
        "each": _POINTER,
        "each_where": _FILTER,
        **{k: v for k, v in _COUNT_PARAMS.items() if k != "select"},
        "select": {
            "type": "string",
            "minLength": 1,
            "description": "pattern relative to each object, or PATTERN<-FIELD: the objects whose FIELD names it",
        },
    },
    validate=_validator(_validate_each_has),
)
def each_has(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each object at ``each`` has between ``min`` and ``max`` matching items at ``select``."""
    m = _Matcher(doc)
    reverse = formatpaths.reverse_parts(params["select"])
    for path, item in m.selected(doc.data, params["each"], {"where": params.get("each_where") or {}}):
        if reverse is not None:
            at = reverse[0]
            found = [
                (p, v)
                for p, v in find(doc.data, at)
                if isinstance(item, Mapping) and item.get("id") in field_values(doc, v, reverse[1])
            ]
            where, exclude = params.get("where") or {}, params.get("exclude") or {}
            n = sum(1 for _, v in found if m.matches(v, at, where, exclude))
            shown, report_at = params["select"], path
        else:
            inner = "/" + params["select"].strip("/")
            at = params["each"].rstrip("/") + inner
            n = len(m.selected(item, inner, params, at=at))
            shown, report_at = inner.lstrip("/"), _container(item, inner, path)
        name = _name(item, path)
        problem = _count_problem(n, {**params, "select": shown}, f"{name} has ")
        if problem:
            yield _violation(params, report_at, problem, n, name)


@check(
    "select.unique",
    params={
        "select": _POINTER,
        "where": _FILTER,
        "exclude": _FILTER,
        "field": {**_FIELD, "default": ""},
        "message": _MESSAGE,
    },
    validate=_validator(_selection),
)
def unique(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Values at ``select`` (or each selected object's ``field``) are all different."""
    seen: dict[Any, str] = {}
    for path, item in _Matcher(doc).selected(doc.data, params["select"], params):
        field = params.get("field")
        values = field_values(doc, item, field) if field else [item]
        where = f"{path}/{field.split('->')[0].strip('/')}" if field else path
        for value in values:
            key = repr(value)
            if key in seen:
                message = f"{value!r} is not unique: it already appears at {seen[key]}"
                yield _violation(params, where, message, value, _name(item, path))
            else:
                seen[key] = where


@check(
    "select.reference",
    params={
        "select": _POINTER,
        "kinds": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "required": {"type": "boolean", "default": False},
    },
    validate=_validator(_validate_reference),
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
        "message": _MESSAGE,
    },
    validate=_validator(_selection),
)
def required(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each selected object has every one of ``fields``, not empty."""
    for path, item in _Matcher(doc).selected(doc.data, params["select"], params):
        for field in params["fields"]:
            if _empty(field_values(doc, item, field)):
                name = _name(item, path)
                yield _violation(params, path, f"{name} has no {field}", field, name, key=True)


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
        "message": _MESSAGE,
    },
    validate=_validator(_range_bounds, _validate_range),
)
def in_range(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each selected object's numeric ``field`` lies within ``min``..``max`` (inclusive)."""
    low, high, field = params.get("min"), params.get("max"), params["field"]
    label = params.get("label") or field
    for path, item in _Matcher(doc).selected(doc.data, params["select"], params):
        name = _name(item, path)
        values = [v for v in field_values(doc, item, field) if isinstance(v, (int, float))]
        where = f"{path}/{field}" if "->" not in field else path
        if not values:
            if params.get("required"):
                yield _violation(params, path, f"{name} has no {label}", field, name, key=True)
            continue
        for value in values:
            if low is not None and value < low:
                yield _violation(params, where, f"{name}: {label} {value:,} is below {low:,}", value, name)
            elif high is not None and value > high:
                yield _violation(params, where, f"{name}: {label} {value:,} is above {high:,}", value, name)
