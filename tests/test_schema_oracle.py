"""The schema oracle (tests/schema_oracle.py) finds what the reference validator finds: it
passes govcheck's real output and places each breach of a broken one where jsonschema does,
for each schema it checks with jsonschema-rs (SARIF it leaves to jsonschema itself)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from govcheck import api
from govcheck.reporters import json_report
from tests.conftest import FIXTURES, REFERENCE, run_cli
from tests.schema_oracle import DIFF, REPORT, errors


def _reference_pointers(instance: object, schema: Path) -> list[str]:
    data = json.loads(schema.read_text(encoding="utf-8"))
    found = jsonschema.validators.validator_for(data)(data).iter_errors(instance)
    return sorted("/" + "/".join(str(p) for p in e.absolute_path) for e in found)


def _output(schema: Path) -> object:
    if schema == REPORT:
        return json.loads(json_report.render(api.check_file(REFERENCE)))
    failing = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"
    return json.loads(run_cli("diff", str(REFERENCE), str(failing), "--format", "json").stdout)


@pytest.mark.parametrize("schema", [REPORT, DIFF], ids=["report", "diff"])
def test_the_oracle_agrees_with_jsonschema_on_good_and_broken_output(schema: Path) -> None:
    good = _output(schema)
    assert errors(good, schema) == [] == _reference_pointers(good, schema)
    broken = copy.deepcopy(good)
    broken["tool"] = 7  # an object in both schemas
    del broken["counts"]  # required in both
    found = errors(broken, schema)
    assert sorted(f.split(": ", 1)[0] for f in found) == ["/", "/tool"] == _reference_pointers(broken, schema)
