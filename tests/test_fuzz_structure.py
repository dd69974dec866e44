"""Fuzzing the format's structure: every valid fixture, broken at random paths.

``tests/test_fuzz.py`` mangles text and the reference; here each fixture in fixtures/valid
is edited where it matters to the rules: a value replaced by another type (null, empty
list or mapping, a huge or negative number, a string), a key deleted, a list item
duplicated, an id swapped for an id of another kind of thing, a list emptied. Whatever the
edit, ``check_text`` never raises, no built-in rule ends in an ``error`` outcome (a check
must not crash on a document that passes the schema, nor on the guarded partial model),
and every report format renders (JSON and SARIF valid against their schemas).

Run with many more examples locally: ``GOVCHECK_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_structure.py``.
"""

from __future__ import annotations

import copy
import importlib
import json
import os
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcheck import loader
from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from tests.conftest import FIXTURES
from tests.schema_oracle import REPORT, SARIF, assert_valid

VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
BASES = [loader.load_text(p.read_text(), str(p)).data for p in VALID]
ENGINE = Engine(
    load_registry([], entry_points=False),
    Settings(profiles=("statutory", "nhse-policy", "good-practice", "health-and-prosperity")),
)
FORMATS = ("text", "json_report", "sarif", "junit", "github", "markdown", "html_report")
OUTCOMES = {"passed", "failed", "not_applicable"}
EXAMPLES = int(os.environ.get("GOVCHECK_FUZZ_EXAMPLES", "20"))

ODD = (None, [], {}, 0, -1, -(10**6), 10**30, 2**64, 1.5, True, False, "", " ", "x", [None], [{}], [[]],
       {"a": 1}, "2026-02-30", "board")


def _ids(node: Any, out: list[str]) -> list[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id" and isinstance(value, str):
                out.append(value)
            _ids(value, out)
    elif isinstance(node, list):
        for value in node:
            _ids(value, out)
    return out


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found += _paths(value, (*path, key))
    return found


@st.composite
def broken(draw: st.DrawFn) -> dict[str, Any]:
    """A valid fixture with one to four edits at random paths."""
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    ids = _ids(data, []) or ["x"]
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent: Any = data
        for token in path[:-1]:
            parent = parent[token]
        key, value = path[-1], parent[path[-1]]
        action = draw(st.sampled_from(("replace", "delete", "duplicate", "swap-id", "wrap", "empty", "same-type")))
        if action == "replace":
            parent[key] = draw(st.sampled_from(ODD))
        elif action == "delete":
            del parent[key]
        elif action == "duplicate":
            if isinstance(parent, list):
                parent.insert(key, copy.deepcopy(value))
            else:
                parent[key] = [copy.deepcopy(value), copy.deepcopy(value)]
        elif action == "swap-id":  # an id of the wrong kind of thing, or a self-reference
            parent[key] = draw(st.sampled_from(ids)) if draw(st.booleans()) else [draw(st.sampled_from(ids))]
        elif action == "wrap":
            parent[key] = [value] if draw(st.booleans()) else {"x": value}
        elif action == "empty":
            parent[key] = [] if isinstance(value, list) else {} if isinstance(value, dict) else None
        elif isinstance(value, bool):  # same type, so the edit often passes the schema
            parent[key] = not value
        elif isinstance(value, int):
            parent[key] = draw(st.sampled_from((0, -1, -(10**9), 2**63, 10**18)))
        elif isinstance(value, list) and value:
            value.extend(copy.deepcopy(value[0]) for _ in range(draw(st.integers(1, 30))))
        elif isinstance(value, str):
            parent[key] = draw(st.sampled_from(ids))
    return data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(broken())
def test_broken_fixtures_never_raise_and_every_format_renders(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    result = ENGINE.check_document(loader.load_text(text, "broken.yaml"))
    errored = [(o.rule, o.detail) for o in result.outcomes if o.status not in OUTCOMES]
    assert not errored, f"a built-in check did not pass, fail or stand aside: {errored}"
    report = ENGINE.report([result])
    assert report.exit_code() in (0, 1, 2)
    for name in FORMATS:
        rendered = importlib.import_module(f"govcheck.reporters.{name}").render(report)
        assert isinstance(rendered, str) and rendered
        if name == "json_report":
            assert_valid(json.loads(rendered), REPORT)
        elif name == "sarif":
            assert_valid(json.loads(rendered), SARIF)


def test_a_boolean_is_not_the_number_its_python_value_equals() -> None:
    """``govcheck: true`` passed ``const: 1`` (in Python ``True == 1``), so a document with no
    format version number was accepted as format 1; enums compare the same way."""
    from govcheck.api import check_text

    source = (FIXTURES / "valid" / "reference.yaml").read_text()
    assert "\ngovcheck: 1\n" in source
    for value, shown in (("true", "True"), ("false", "False")):
        report = check_text(source.replace("\ngovcheck: 1\n", f"\ngovcheck: {value}\n"), "v.yaml", entry_points=False)
        found = [(f.rule, f.path, f.message) for f in report.findings if f.rule == "GOV005"]
        assert found == [("GOV005", "/govcheck", f"/govcheck: must be 1, not {shown}")]
    report = check_text(source, "v.yaml", entry_points=False)
    assert not [f for f in report.findings if f.rule == "GOV005"]
