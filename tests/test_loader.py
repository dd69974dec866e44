"""The loader: positions, dates, encodings and structural problems."""

from __future__ import annotations

import codecs

from conftest import LIBYAML_NESTING_LIMIT

from govcheck import loader
from govcheck.validate import Validator


def test_positions_of_values_and_keys() -> None:
    doc = loader.load_text("a:\n  b: [1, 2]\n  c: x\n")
    assert doc.data == {"a": {"b": [1, 2], "c": "x"}}
    assert doc.position("/a/b/1") == (2, 10)
    assert doc.position("/a/c", key=True) == (3, 3)
    assert doc.position("/a/missing/deeper") == (2, 3)  # nearest ancestor


def test_unquoted_dates_load_as_iso_strings() -> None:
    doc = loader.load_text("as_of: 2026-04-01\nwhen: '2026-04-01'\nat: 2026-04-01 10:00:00\n")
    assert doc.data == {"as_of": "2026-04-01", "when": "2026-04-01", "at": "2026-04-01T10:00:00"}


def test_impossible_date_is_a_positioned_problem() -> None:
    doc = loader.load_text("govcheck: 1\nas_of: 2023-02-30\n")
    [problem] = doc.problems
    assert (problem.kind, problem.line, problem.column, problem.path) == ("structure", 2, 8, "/as_of")
    assert "invalid date '2023-02-30'" in problem.message


def test_utf16_with_bom_is_decoded() -> None:
    raw = codecs.BOM_UTF16_LE + "govcheck: 1\nname: Café\n".encode("utf-16-le")
    doc = loader.load_bytes(raw, "x.yaml")
    assert doc.problems == []
    assert doc.data == {"govcheck": 1, "name": "Café"}


def test_several_documents_and_non_mappings() -> None:
    several = loader.load_text("a: 1\n---\nb: 2\n")
    assert "several YAML documents" in several.problems[0].message
    assert (several.problems[0].line, several.problems[0].column) == (2, 1)
    assert "top level is a list" in loader.load_text("- 1\n- 2\n").problems[0].message
    assert "top level is a single text value" in loader.load_text("hello\n").problems[0].message
    assert "document is empty" in loader.load_text("# only a comment\n").problems[0].message


def test_unsafe_tag_is_refused_not_executed() -> None:
    doc = loader.load_text("x: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert doc.problems
    assert doc.problems[0].kind == "structure"
    assert "python/object/apply" in doc.problems[0].message


def test_recursive_alias_is_reported() -> None:
    doc = loader.load_text("a: &x\n  b: *x\n")
    assert any("recursive alias" in p.message for p in doc.problems)


def test_deep_nesting_is_bounded_before_the_composer() -> None:
    doc = loader.load_text("a: " + "[" * 150 + "]" * 150 + "\n")
    [problem] = doc.problems
    assert (problem.kind, problem.message, problem.line, problem.column) == (
        "limit", "nesting deeper than 100 levels", 1, 103  # the top-level mapping is level 1
    )


def test_nesting_past_the_yaml_parsers_own_limit_is_a_limit_problem() -> None:
    # PyYAML >= 6.0.4 refuses 1,000 flow levels while scanning ahead, before any event;
    # older versions reach govcheck's own bound first.
    doc = loader.load_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    [problem] = doc.problems
    if LIBYAML_NESTING_LIMIT:
        expected = ("limit", "nesting deeper than the YAML parser's limit of 1,000 levels", 1, 1003)
    else:
        expected = ("limit", "nesting deeper than 100 levels", 1, 103)
    assert (problem.kind, problem.message, problem.line, problem.column) == expected


def test_validator_messages_are_plain_english() -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["members"],
        "properties": {"members": {"type": "array", "items": {"enum": ["chair", "non_executive"]}}},
    }
    errors = Validator(schema).errors({"memebers": [], "members": ["chiar", 3]})
    messages = sorted((e.path, e.message) for e in errors)
    assert messages == [
        ("/members/0", "'chiar' is not one of the allowed values; did you mean 'chair'?"),
        ("/members/1", "3 is not one of the allowed values: 'chair', 'non_executive'"),
        ("/memebers", "unknown key 'memebers'; did you mean 'members'? (allowed here: members)"),
    ]


def test_native_validator_agrees_with_jsonschema_on_the_fixtures() -> None:
    import json
    from pathlib import Path

    import jsonschema

    root = Path(__file__).resolve().parent.parent
    schema = json.loads((root / "govcheck/schemas/constitution-v1.schema.json").read_text())
    reference = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    native = Validator(schema)
    for path in sorted((root / "fixtures").rglob("*.yaml")):
        doc = loader.load_bytes(path.read_bytes(), str(path))
        if not doc.loaded:
            continue
        # jsonschema reports an unknown key at its parent mapping; govcheck at the key itself
        ours = {e.path.rsplit("/", 1)[0] if e.unknown_key else e.path for e in native.errors(doc.data)}
        theirs = {"".join(f"/{p}" for p in e.absolute_path) for e in reference.iter_errors(doc.data)}
        assert ours == theirs, path
