"""Messages in plain words: no regular expression, no raw parser message."""

from __future__ import annotations

import json
import re

import pytest

from govcheck import check_text, loader
from govcheck.engine import schema_path
from govcheck.validate import Validator
from govcheck.wording import PATTERNS, caret, unknown_key_message
from tests.conftest import REFERENCE
from tests.fixture_edits import _apply

# What gives a regular expression away: anchors, classes with ranges, escapes, quantifiers.
REGEX = re.compile(r"\^\[|\]\*|\]\+|\$['\")]|\$$|\[[A-Za-z0-9]-[A-Za-z0-9]|\\[sdwSDW]|\{\d+\}|\(\?|\.\*")
# What gives a parser's own message away: its token names and phrasing.
PARSER = re.compile(r"<[a-z ]+>|while (parsing|scanning)|scalar|indicator|cannot start any token|flow (sequence|mapping)")


def _all_patterns(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            found |= _all_patterns(value)
    elif isinstance(node, list):
        for value in node:
            found |= _all_patterns(value)
    return found


def test_every_pattern_of_the_format_has_words() -> None:
    schema = json.loads(schema_path("constitution-v1.schema.json").read_text())
    patterns = _all_patterns(schema)
    assert patterns and patterns <= set(PATTERNS), patterns - set(PATTERNS)
    for words in PATTERNS.values():
        assert not REGEX.search(words), words


# One schema with every keyword the native validator implements, and data breaking each.
KINDS = {
    "type": ({"type": "integer"}, "x"),
    "const": ({"const": 1}, 2),
    "enum": ({"enum": ["annual", "biennial"]}, "anual"),
    "minLength": ({"type": "string", "minLength": 1}, ""),
    "pattern-id": ({"$ref": "#/$defs/id"}, "NHS England"),
    "pattern-date": ({"$ref": "#/$defs/date"}, "01/04/2023"),
    "pattern-other": ({"type": "string", "pattern": "^[a-z]+\\d{2}$", "description": "A code."}, "ZZ"),
    "minimum": ({"minimum": 1}, 0),
    "exclusiveMinimum": ({"exclusiveMinimum": 0}, 0),
    "maximum": ({"maximum": 10}, 11),
    "minProperties": ({"type": "object", "minProperties": 1}, {}),
    "required": ({"type": "object", "required": ["id"]}, {}),
    "additionalProperties": ({"type": "object", "properties": {"id": {}}, "additionalProperties": False}, {"idd": 1}),
    "minItems": ({"type": "array", "minItems": 1}, []),
    "maxItems": ({"type": "array", "maxItems": 1}, [1, 2]),
    "uniqueItems": ({"type": "array", "uniqueItems": True}, [1, 1]),
    "false": ({"type": "object", "properties": {"x": False}}, {"x": 1}),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_schema_error_kind_is_in_plain_words(kind: str) -> None:
    real = json.loads(schema_path("constitution-v1.schema.json").read_text())
    schema, value = KINDS[kind]
    validator = Validator({"$defs": real["$defs"], **schema})
    (error,) = validator.errors(value)
    assert error.message and not REGEX.search(error.message), error.message
    if kind == "pattern-date":
        assert error.message == "'01/04/2023' is not a date as YYYY-MM-DD, e.g. 2026-04-01"
    if kind == "pattern-id":
        assert error.message.startswith("'NHS England' is not an id such as `nhse`: letters, digits")
    if kind == "pattern-other":
        assert error.message == "'ZZ' is not in the expected form (A code)"


def test_a_document_message_names_the_form_in_words() -> None:
    text = _apply(REFERENCE.read_text(encoding="utf-8"), [("role: trustee, from: 2019-01-01}", "role: trustee, from: 01/04/2023}")], "date")
    (finding,) = check_text(text, "d.yaml").findings
    assert finding.message == "/board/members/0/interests/0/from: '01/04/2023' is not a date as YYYY-MM-DD, e.g. 2026-04-01"


def test_unknown_keys_list_the_allowed_keys_or_the_closest_five() -> None:
    few = unknown_key_message("nmae", ["id", "name", "kind"])
    assert few == "unknown key 'nmae'; did you mean 'name'? (allowed here: id, kind, name)"
    many = [f"key_{c}" for c in "abcdefghijklmnop"] + ["chair", "chairs_notes"]
    text = unknown_key_message("chiar", many)
    assert text.startswith("unknown key 'chiar'; did you mean 'chair'? (allowed here include chair, ")
    assert text.count(",") == 4 + 0 and "(13 more in docs/format.md)" in text


BROKEN_YAML = {
    "unclosed list": ("a: [1, 2\n", "a list written in brackets is not closed"),
    "unclosed mapping": ("a: {b: 1\n", "a mapping written in braces is not closed"),
    "indented key": ("a: 1\n b: 2\n", "a ':' here would start a key where none can go"),
    "list then key": ("a:\n  - 1\n  b: 2\n", "YAML expected another list item"),
    "dedented key": ("a:\n  b: 1\n c: 2\n", "YAML expected another key at this indentation"),
    "unclosed quote": ('a: "open\n', "quoted text is not closed"),
    "bad escape": ('a: "\\q"\n', "unknown escape in double-quoted text"),
    "undefined alias": ("a: *nope\n", "an alias ('*name') refers to an anchor"),
    "at sign": ("a: @x\n", "a value cannot start with '@' in YAML: put the value in quotes"),
    "backtick": ("a: `x\n", "a value cannot start with '`'"),
    "tab": ("a: 1\n\tb: 2\n", "a tab character: YAML indentation must use spaces"),
    "duplicate anchor": ("a: &x 1\nb: &x 2\n", "the same anchor ('&name') is defined twice"),
    "stray brace": ("{a: 1}}\n", "unexpected text after the end of the document"),
    "block end": ("a:\n  b: 1\n - c\n", ""),
}


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_yaml_errors_are_in_words(name: str) -> None:
    text, expected = BROKEN_YAML[name]
    (problem,) = loader.load_text(text).problems
    assert problem.message.startswith("YAML syntax error: ")
    assert not PARSER.search(problem.message), problem.message
    assert expected in problem.message


def test_caret_points_at_the_column() -> None:
    assert caret("  name: [unclosed", 9) == ["  name: [unclosed", "        ^"]
