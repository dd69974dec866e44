"""Property tests over generated constitutions (tests/strategies.py).

Example counts are modest so the suite stays quick on a 2-core machine; CI can raise them
with HYPOTHESIS_PROFILE=thorough.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govcheck.engine import Engine, Settings, schema_path
from govcheck.plugins import load_registry
from govcheck.report import Report
from govcheck.reporters import json_report, text
from govcheck.validate import Validator
from tests.conftest import ROOT
from tests.schema_oracle import REPORT, assert_valid
from tests.strategies import ORDERLESS, constitutions, dump, mutated, section

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
ENGINE = Engine(load_registry([], entry_points=False), ALL)
CONSTITUTION_SCHEMA = json.loads(schema_path("constitution-v1.schema.json").read_text())
REPORT_SCHEMA = json.loads(schema_path("report-v1.schema.json").read_text())


def _report(data: dict[str, Any], name: str = "generated.yaml") -> Report:
    return ENGINE.report([ENGINE.check_text(dump(data), name)])


def _findings(report: Report) -> Counter:
    """Findings without their positions: what was found, not where."""
    return Counter((f.rule, f.severity, f.message) for f in report.findings)


@given(constitutions())
def test_generated_constitutions_are_valid_and_every_rule_runs(data: dict[str, Any]) -> None:
    report = _report(data)
    outcomes = {o.rule: o for o in report.documents[0].outcomes}
    assert not [o for o in outcomes.values() if o.status == "error"], "a built-in check raised"
    assert {"GOV005", "GOV006"} & {f.rule for f in report.findings} == set(), "strategy drew an invalid document"
    assert outcomes["GOV101"].status in ("passed", "failed")
    assert report.exit_code() in (0, 1)


@given(constitutions())
def test_output_is_byte_identical_across_runs(data: dict[str, Any]) -> None:
    first, second = _report(data), _report(copy.deepcopy(data))
    assert json_report.render(first) == json_report.render(second)
    assert text.render(first) == text.render(second)


@given(constitutions())
def test_json_report_validates_against_its_schema(data: dict[str, Any]) -> None:
    rendered = json.loads(json_report.render(_report(data)))
    assert_valid(rendered, REPORT)


@given(constitutions(shuffle=False), st.data())
def test_reordering_orderless_sections_leaves_the_findings_unchanged(data: dict[str, Any], draw: st.DataObject) -> None:
    shuffled = copy.deepcopy(data)
    for name in ORDERLESS:
        items = section(shuffled, name)
        items[:] = draw.draw(st.permutations(items), label=name)
    assert _findings(_report(shuffled)) == _findings(_report(data))


REQUIREMENTS = [
    (rule_id, req["role"])
    for rule_id in ("GOV101", "GOV103")
    for req in ENGINE.rules[rule_id].params["requirements"]
    if req.get("min", 1) >= 1
]


@given(constitutions(), st.sampled_from(REQUIREMENTS))
def test_removing_a_required_role_never_makes_its_rule_pass(data: dict[str, Any], requirement: tuple) -> None:
    rule_id, role = requirement
    before = {o.rule: o.status for o in _report(data).documents[0].outcomes}[rule_id]
    stripped = copy.deepcopy(data)
    for member in section(stripped, "members"):
        member["roles"] = [r for r in member["roles"] if r != role] or ["other_executive"]
    report = _report(stripped)
    after = {o.rule: o.status for o in report.documents[0].outcomes}[rule_id]
    assert after == "failed", f"{rule_id} {before} -> {after} without any {role}"
    assert any(f.rule == rule_id and f.path == "/board/members" for f in report.findings)


# -- the native validator agrees with jsonschema (Draft 2020-12) ------------------------------

NATIVE = Validator(CONSTITUTION_SCHEMA)
REFERENCE_VALIDATOR = jsonschema.Draft202012Validator(
    CONSTITUTION_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)  # dates: format "date"


@settings(max_examples=60)
@given(mutated())
def test_native_validator_agrees_with_jsonschema(data: dict[str, Any]) -> None:
    assert NATIVE.native, "the constitution schema must stay within the native subset"
    assert (not NATIVE.errors(data)) == REFERENCE_VALIDATOR.is_valid(data)


@given(constitutions())
def test_native_validator_agrees_on_generated_valid_documents(data: dict[str, Any]) -> None:
    assert NATIVE.errors(data) == []
    assert REFERENCE_VALIDATOR.is_valid(data)


# -- across processes and hash seeds ----------------------------------------------------------


@settings(max_examples=3)
@given(data=constitutions())
def test_output_is_byte_identical_across_hash_seeds(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    target: Path = tmp_path_factory.mktemp("seeds") / "generated.yaml"
    target.write_text(dump(data))
    outputs = set()
    for seed in ("0", "2718281828"):
        proc = subprocess.run(
            [sys.executable, "-m", "govcheck", "check", str(target), "-p", "statutory", "-p", "nhse-policy",
             "-p", "good-practice", "--format", "json"],
            capture_output=True, cwd=ROOT, timeout=120, env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode in (0, 1), proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
