"""Generic checks over a settings section (transparency, conflicts of interest, quorum...).

The rule pack names the section by JSON Pointer and lists what each field must say, so
policy (which fields, which values) stays in the pack and this module stays generic.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import NotApplicable, Violation, check
from govcheck.checks.shared import find
from govcheck.model import Constitution

POINTER = {"type": "string", "pattern": "^(/[a-z_0-9]+)+$"}
FIELD = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "any_of": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "equals": {},
        "max": {"type": "number"},
        "min": {"type": "number"},
        "includes": {"type": "array", "items": {"type": "string"}},
        "excludes": {"type": "array", "items": {"type": "string"}},
        "explain": {"type": "string", "minLength": 1},
        "optional": {"type": "boolean"},
    },
}


def _named(params: Mapping[str, Any]) -> None:
    """Each field spec names its field (``name``) or its alternatives (``any_of``), and each
    is a field of the section in the format (one it does not have would fail on every
    document, at a path that names nothing)."""
    from govcheck import formatpaths

    for i, spec in enumerate(params["fields"]):
        if "name" not in spec and "any_of" not in spec:
            raise ValueError(f"parameter fields/{i}: give name (the field) or any_of (alternative fields)")
        for key, name in [("name", spec["name"])] if "name" in spec else [(f"any_of/{j}", n) for j, n in enumerate(spec["any_of"])]:
            try:
                formatpaths.schema_at(f"{params['section'].rstrip('/')}/{name}")
            except formatpaths.PathProblem as exc:
                raise ValueError(f"parameter fields/{i}/{key}: {name!r} never matches: {exc}") from None


def _get(doc: Constitution, path: str) -> Any:
    found = list(find(doc.data, path))
    return found[0][1] if found else None


def _label(path: str) -> str:
    return path.strip("/").replace("/", ".")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _show(value: Any) -> str:
    """A value as it is written in YAML (true, 28, 'annual')."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return repr(value)


def _why(spec: Mapping[str, Any]) -> str:
    return f": {spec['explain']}" if "explain" in spec else ""


@check(
    "section.fields",
    params={
        "section": POINTER,
        "fields": {"type": "array", "items": FIELD, "default": []},
        "if_absent": {"enum": ["fail", "not_applicable"], "default": "fail"},
        "absent_message": {"type": "string", "default": ""},
    },
    validate=_named,
)
def fields(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The section exists and each listed field is stated (non-empty), equals a value, is
    within ``min``/``max``, or includes (or excludes) listed items; an ``optional`` field may
    be absent. ``any_of`` names alternative fields of which one must pass. Each failing field
    is reported separately.
    """
    path = params["section"]
    section = _get(doc, path)
    if _empty(section) or not isinstance(section, Mapping):
        if params["if_absent"] == "not_applicable":
            raise NotApplicable(f"the document has no {_label(path)} section")
        message = params["absent_message"] or f"the constitution has no {_label(path)} section"
        yield Violation(path, message, key=True, value=_label(path))
        return
    for spec in params["fields"]:
        yield from _field(path, section, spec)


def _field(path: str, section: Mapping[str, Any], spec: Mapping[str, Any]) -> Iterator[Violation]:
    names = spec.get("any_of") or [spec["name"]]
    problems = []
    for name in names:
        found = list(_field_problems(section.get(name), spec, f"{_label(path)}.{name}"))
        if not found:
            return
        problems.append((name, found))
    if len(names) > 1:
        shown = " or ".join(repr(n) for n in names)
        need = f"be {_show(spec['equals'])}" if "equals" in spec else "be stated"
        message = f"{_label(path)}: one of {shown} must {need}{_why(spec)}"
        yield Violation(f"{path}/{names[0]}", message, key=True, value=names[0])
        return
    name, found = problems[0]
    for message, item in found:
        target = f"{path}/{name}"
        yield Violation(target, message + _why(spec), key=True, value=f"{name}:{item}")


def _field_problems(value: Any, spec: Mapping[str, Any], what: str) -> Iterator[tuple[str, str]]:
    if _empty(value):
        if not spec.get("optional"):
            yield f"{what} is not stated", ""
        return
    if "equals" in spec and value != spec["equals"]:
        yield f"{what} is {_show(value)}; it must be {_show(spec['equals'])}", ""
    if "max" in spec and isinstance(value, (int, float)) and value > spec["max"]:
        yield f"{what} is {value}; it must be at most {spec['max']}", ""
    if "min" in spec and isinstance(value, (int, float)) and value < spec["min"]:
        yield f"{what} is {value}; it must be at least {spec['min']}", ""
    items = value if isinstance(value, list) else []
    for wanted in spec.get("includes", ()):
        if wanted not in items:
            yield f"{what} does not include {wanted!r}", wanted
    for unwanted in spec.get("excludes", ()):
        if unwanted in items:
            yield f"{what} includes {unwanted!r}", unwanted


@check(
    "section.item_counts",
    params={
        "section": POINTER,
        "items": {"type": "string", "minLength": 1, "default": "members"},
        "field": {"type": "string", "minLength": 1, "default": "type"},
        "minimum": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
        "names": {"type": "object", "additionalProperties": {"type": "string"}, "default": {}},
        "what": {"type": "string", "minLength": 1, "default": "entries"},
    },
)
def item_counts(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The section exists and its list of ``items`` has at least ``minimum[t]`` entries whose
    ``field`` is ``t``, for each ``t`` (each shortfall reported separately).
    """
    path, key = params["section"], params["items"]
    section = _get(doc, path)
    if not isinstance(section, Mapping):
        yield Violation(path, f"the constitution has no {_label(path)} section", key=True, value=_label(path))
        return
    found = section.get(key)
    items = found if isinstance(found, list) else []
    counts = Counter(i.get(params["field"]) for i in items if isinstance(i, Mapping))
    for wanted, low in params["minimum"].items():
        have = counts.get(wanted, 0)
        if have < low:
            name = params["names"].get(wanted, wanted.replace("_", " "))
            need = "a" if low == 1 else f"{low}"
            yield Violation(
                f"{path}/{key}",
                f"{_label(path)} needs {need} {name} ({params['field']}: {wanted}) among its "
                f"{params['what']}; it has {have}",
                key=True,
                value=wanted,
            )


@check(
    "section.themes",
    params={
        "section": POINTER,
        "themes": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        },
        "what": {"type": "string", "minLength": 1, "default": "text"},
    },
)
def themes(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The text at ``section`` (a string or a list of strings) mentions each theme: one of the
    theme's phrases occurs in it (case-insensitive). Each missing theme is reported separately.
    This is a plain-text test, so it can only show that a theme is named, not how well.
    """
    path = params["section"]
    value = _get(doc, path)
    texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    text = " ".join(t for t in texts if isinstance(t, str)).casefold()
    for theme, phrases in params["themes"].items():
        if not any(p.casefold() in text for p in phrases):
            shown = " or ".join(repr(p) for p in phrases)
            yield Violation(
                path,
                f"the {params['what']} ({_label(path)}) does not mention {theme.replace('_', ' ')} ({shown})",
                key=True,
                value=theme,
            )
