"""JSON Schema validation with plain-English messages, fast enough for every commit.

``jsonschema`` costs ~150 ms to import, more than parsing and checking a whole document,
so documents and rule parameters are validated by this small validator of the keyword
subset govcheck's schemas use (listed in ``SUPPORTED``). Schemas that use anything else
are handed to ``jsonschema`` (imported only then). The test suite checks that both agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from govcheck.wording import DATE_PATTERN, pattern_message, unknown_key_message

if TYPE_CHECKING:  # pragma: no cover
    from typing import TypeAlias

    _At: TypeAlias = "tuple[_At, str | int] | None"  # a path as a chain of (parent, token); None: the root

SUPPORTED = frozenset(
    {
        "$schema", "$id", "$defs", "$ref", "title", "description", "examples", "default",
        "type", "properties", "additionalProperties", "required", "enum", "const",
        "pattern", "minLength", "minimum", "maximum", "exclusiveMinimum", "items",
        "uniqueItems", "minItems", "maxItems", "minProperties", "format",
    }
)  # fmt: skip


class SchemaError(NamedTuple):
    """One violation: ``path`` is a JSON Pointer; ``key`` is True when the key itself is wrong."""

    path: str
    message: str
    key: bool = False
    unknown_key: bool = False
    kind: str = ""  # the keyword broken: type, required, pattern, enum, ... ("" from jsonschema)
    name: str = ""  # for ``required``: the missing key


_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
_TYPE_NAMES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    type(None): "empty (null)",
}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def _describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _child(path: str, token: str | int) -> str:
    return f"{path}/" + str(token).replace("~", "~0").replace("/", "~1")


def _uses_only_supported(schema: Any) -> bool:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key not in SUPPORTED:
                return False
            if key in ("properties", "$defs"):
                if not all(_uses_only_supported(v) for v in value.values()):
                    return False
            elif key in ("items", "additionalProperties") and not _uses_only_supported(value):
                return False
        return True
    return isinstance(schema, bool)


# A document can break the format millions of times (an alias repeated); at most this many
# errors are collected, so memory stays bounded (docs/security.md).
MAX_ERRORS = 1000


class _Enough(Exception):
    """MAX_ERRORS have been found: stop the walk."""


class _Found(list):  # type: ignore[type-arg]
    def append(self, item: SchemaError) -> None:
        if len(self) >= MAX_ERRORS:
            raise _Enough
        super().append(item)


def _shown(value: Any) -> str:
    """A value for a message: its repr cut to 60 characters."""
    text = repr(value[:61] if isinstance(value, str) else value)
    return text if len(text) <= 62 else text[:57] + "..." + text[-1]


class Validator:
    """Validate data against one schema; ``errors(data)`` yields every violation.

    Each (sub)schema is turned into a function the first time data reaches it (keywords
    read once, type tests and enumerations prepared), so a list of 50 members is checked by
    the same function 50 times instead of re-reading the schema's keywords for each: a
    compliant reference document validates in about half the time of interpreting the schema.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.defs = schema.get("$defs", {})
        self.native = _uses_only_supported(schema)
        self._matched: dict[tuple[str, int], tuple[str, bool]] = {}  # long texts, see _fits
        self._compiled: dict[int, _Check] = {}  # by id() of a part of self.schema (which keeps them all)

    def errors(self, data: Any) -> list[SchemaError]:
        if not self.native:
            return _jsonschema_errors(self.schema, data)[:MAX_ERRORS]
        found = _Found()
        self._matched.clear()
        try:
            self._node(self.schema)(data, None, found)
        except _Enough:
            list.append(
                found,
                SchemaError("", f"and more: validation stopped after {MAX_ERRORS:,} errors; correct these first"),
            )
        return list(found)

    def _fits(self, pattern: str, value: str) -> bool:
        """``pattern`` matches ``value``; remembered per text, so a long text repeated by
        aliases (the same object many times) is matched once, not once per alias."""
        if len(value) < 256:
            return _regex(pattern).search(value) is not None
        key = (pattern, id(value))
        known = self._matched.get(key)
        if known is None or known[0] is not value:
            known = self._matched[key] = (value, _regex(pattern).search(value) is not None)
        return known[1]

    def _node(self, schema: Any) -> _Check:
        check = self._compiled.get(id(schema))
        if check is None:
            check = self._compiled[id(schema)] = self._compile(schema)
        return check

    # One walk appends to ``found``; ``at`` is the path as a chain of (parent, token) pairs,
    # spelt out as a JSON Pointer only for an error (most documents have none).
    def _compile(self, schema: Any) -> _Check:
        if schema is True:
            return _accept
        if schema is False:
            return _refuse
        ref = schema.get("$ref")
        if ref is not None:
            schema = self.defs[ref.rsplit("/", 1)[1]]
        expected = schema.get("type")
        names = expected if isinstance(expected, list) else [expected]
        classes = None  # for an isinstance test; None for numbers (bool is told apart) or no type
        if expected is not None and "integer" not in names and "number" not in names:
            classes = tuple([_TYPES[n] for n in names])
        has_const, const = "const" in schema, schema.get("const")
        in_enum = _enum_test(schema["enum"]) if "enum" in schema else None
        text = number = mapping = array = None  # the keywords of each kind of value, if any
        if "pattern" in schema or "format" in schema or "minLength" in schema:
            text = self._text(schema)
        if "minimum" in schema or "exclusiveMinimum" in schema or "maximum" in schema:
            number = _number(schema)
        if "properties" in schema or "additionalProperties" in schema or "required" in schema or "minProperties" in schema:
            mapping = self._object(schema)
        if "items" in schema or "minItems" in schema or "maxItems" in schema or "uniqueItems" in schema:
            array = self._array(schema)

        def check(value: Any, at: _At, found: list[SchemaError]) -> None:
            if expected is not None and not (
                isinstance(value, classes) if classes is not None else any(_is_type(value, n) for n in names)
            ):
                found.append(SchemaError(_pointer(at), f"must be {_expected(names)}, not {_describe(value)}"))
                return
            if has_const and not _same(value, const):
                found.append(SchemaError(_pointer(at), f"must be {const!r}, not {_shown(value)}"))
            if in_enum is not None and not in_enum(value):
                found.append(SchemaError(_pointer(at), _enum_message(value, schema["enum"])))
            if isinstance(value, str):
                if text is not None:
                    text(value, at, found)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if number is not None:
                    number(value, at, found)
            elif isinstance(value, dict):
                if mapping is not None:
                    mapping(value, at, found)
            elif isinstance(value, list) and array is not None:
                array(value, at, found)

        return check

    def _text(self, schema: Any) -> _Check:
        min_length = schema.get("minLength", 0)
        pattern = schema.get("pattern")
        is_date = schema.get("format") == "date"

        def text(value: str, at: _At, found: list[SchemaError]) -> None:
            if len(value) < min_length:
                found.append(SchemaError(_pointer(at), "must not be empty"))
            wrong_date = date_problem(value) if is_date else None
            if wrong_date:
                found.append(SchemaError(_pointer(at), wrong_date))
            elif pattern is not None and not self._fits(pattern, value):
                words = pattern_message(value, pattern, schema.get("description", ""))
                found.append(SchemaError(_pointer(at), words, kind="pattern"))

        return text

    def _object(self, schema: Any) -> _Check:
        props = schema.get("properties", {})
        min_props = schema.get("minProperties", 0)
        required = schema.get("required", ())
        extra = schema.get("additionalProperties", True)
        known: dict[str, _Check] = {}  # the functions of the properties met so far

        def mapping(value: dict[str, Any], at: _At, found: list[SchemaError]) -> None:
            if len(value) < min_props:
                found.append(SchemaError(_pointer(at), f"must have at least {min_props} key(s)"))
            for name in required:
                if name not in value:
                    found.append(SchemaError(_pointer(at), f"missing required key {name!r}", kind="required", name=name))
            for key, item in value.items():
                check = known.get(key) if type(key) is str else None
                if check is None:
                    sub = props.get(key)
                    if sub is not None:
                        check = self._node(sub)
                        if type(key) is str:
                            known[key] = check
                    elif extra is False:
                        found.append(
                            SchemaError(_pointer((at, key)), unknown_key_message(key, list(props)), key=True, unknown_key=True)
                        )
                        continue
                    elif isinstance(extra, dict):
                        check = self._node(extra)
                    else:
                        continue
                check(item, (at, key), found)

        return mapping

    def _array(self, schema: Any) -> _Check:
        min_items = schema.get("minItems", 0)
        max_items = schema.get("maxItems")
        items = schema.get("items")
        unique = schema.get("uniqueItems")

        def array(value: list[Any], at: _At, found: list[SchemaError]) -> None:
            if len(value) < min_items:
                found.append(SchemaError(_pointer(at), f"must have at least {min_items} item(s)"))
            if max_items is not None and len(value) > max_items:
                found.append(SchemaError(_pointer(at), f"must have at most {max_items} item(s)"))
            if items is not None:
                check = self._node(items)
                for i, item in enumerate(value):
                    check(item, (at, i), found)
            if unique:
                seen: set[Any] = set()
                for i, item in enumerate(value):
                    # a text's own hash (computed once per object) instead of the repr of a long text
                    marker = (type(item), item) if isinstance(item, (str, int, float, bool, type(None))) else repr(item)
                    if marker in seen:
                        found.append(SchemaError(_pointer((at, i)), f"{_shown(item)} is listed twice"))
                    seen.add(marker)

        return array


_Check = Callable[[Any, "_At", list[SchemaError]], None]


def _accept(value: Any, at: _At, found: list[SchemaError]) -> None:
    return None


def _refuse(value: Any, at: _At, found: list[SchemaError]) -> None:
    found.append(SchemaError(_pointer(at), "is not allowed here"))


def _enum_test(options: list[Any]) -> Callable[[Any], bool]:
    """Whether a value is one of ``options`` (as :func:`_same` compares): a set lookup for text."""
    texts = frozenset(o for o in options if type(o) is str)

    def test(value: Any) -> bool:
        if type(value) is str:
            return value in texts
        return any(_same(value, allowed) for allowed in options)

    return test


def _number(schema: Any) -> _Check:
    def number(value: float, at: _At, found: list[SchemaError]) -> None:
        if "minimum" in schema and value < schema["minimum"]:
            found.append(SchemaError(_pointer(at), f"must be at least {schema['minimum']}, not {value}"))
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            found.append(SchemaError(_pointer(at), f"must be more than {schema['exclusiveMinimum']}, not {value}"))
        if "maximum" in schema and value > schema["maximum"]:
            found.append(SchemaError(_pointer(at), f"must be at most {schema['maximum']}, not {value}"))

    return number


def _pointer(at: _At) -> str:
    """The JSON Pointer of a path chain (``""`` for the root)."""
    tokens: list[str | int] = []
    while at is not None:
        at, token = at
        tokens.append(token)
    path = ""
    for token in reversed(tokens):
        path = _child(path, token)
    return path


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    r"""A schema pattern as ECMA-262 reads it: ``$`` ends the text.

    In Python ``$`` also matches before a final newline, so ``"nhse\n"`` would pass
    ``^[a-z]+$``; JSON Schema patterns are ECMA-262, where it does not. A ``$`` that is not
    escaped and not inside a character class becomes ``\Z``.
    """
    return re.compile(_ecma_end(pattern))


def _ecma_end(pattern: str) -> str:
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


def _same(value: Any, expected: Any) -> bool:
    """JSON Schema equality for const and enum: true is not 1 and false is not 0 (Python's
    ``==`` says they are, so ``govcheck: true`` passed as format 1)."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return type(value) is type(expected) and value == expected
    return bool(value == expected)


# A date in a constitution is a real calendar day in a year a constitution can mean.
# Outside these years is a typing slip (0202, 2202, year 2 from an unquoted 0002-01-01).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a date as YYYY-MM-DD on a real calendar day, or None."""
    if not _DATE.fullmatch(value):
        return pattern_message(value, DATE_PATTERN)
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        return f"{value!r} is not a real date ({exc})"
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return f"{value!r}: the year {day.year} is outside {EARLIEST_YEAR}-{LATEST_YEAR} (a typing slip?)"
    return None


def _expected(names: list[str]) -> str:
    words = {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "boolean": "true or false",
        "integer": "a whole number",
        "number": "a number",
        "null": "empty",
    }
    return " or ".join(words[n] for n in names)


def _enum_message(value: Any, options: list[Any]) -> str:
    import difflib  # only for a near miss

    if isinstance(value, str):
        hint = difflib.get_close_matches(value, [str(o) for o in options], n=1)
        if hint:
            return f"{_shown(value)} is not one of the allowed values; did you mean {hint[0]!r}?"
    shown = ", ".join(repr(o) for o in options[:15])
    return f"{_shown(value)} is not one of the allowed values: {shown}"


def _jsonschema_errors(schema: dict[str, Any], data: Any) -> list[SchemaError]:
    import jsonschema  # slow import; only for schemas beyond the native subset

    validator_cls = jsonschema.validators.validator_for(schema)
    found = []
    for err in validator_cls(schema).iter_errors(data):
        path = "".join(_child("", p) for p in err.absolute_path)
        found.append(SchemaError(path, err.message))
    return sorted(found, key=lambda e: (e.path, e.message))
