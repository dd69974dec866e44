"""The schema oracle (tests/schema_oracle.py) finds what the reference validator finds: it
passes govcheck's real output and names each breach of a broken one, for each schema."""

from __future__ import annotations

import copy
import json

import jsonschema

from govcheck import api
from govcheck.reporters import json_report, sarif
from tests.conftest import REFERENCE
from tests.schema_oracle import REPORT, SARIF, errors


def _reference_validator(schema):
    data = json.loads(schema.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(data)(data)


def test_the_oracle_agrees_with_jsonschema_on_good_and_broken_output() -> None:
    report = api.check_file(REFERENCE)
    for schema, rendered in ((REPORT, json_report.render(report)), (SARIF, sarif.render(report))):
        good = json.loads(rendered)
        assert errors(good, schema) == []
        assert list(_reference_validator(schema).iter_errors(good)) == []
        broken = copy.deepcopy(good)
        broken["version" if schema is SARIF else "tool"] = 7  # a string in both schemas
        del broken["runs" if schema is SARIF else "documents"]  # required in both
        found = errors(broken, schema)
        assert len(found) == 2 == len(list(_reference_validator(schema).iter_errors(broken))), found
