"""The schema oracle of the property and fuzz tests: jsonschema-rs.

Those tests validate govcheck's JSON, SARIF and diff output against its schema hundreds of
times a run. jsonschema-rs (a compiled validator of every JSON Schema draft, tested against
the official JSON-Schema-Test-Suite) takes ~0.06 ms for a report of the reference, where
the pure-Python jsonschema takes ~13 ms: a third of tests/test_fuzz.py's time went there.
jsonschema, the library govcheck itself uses, stays the oracle where agreeing with it is
what a test asserts (tests/test_loader.py, tests/test_properties.py's validator tests), in
the tests that validate once, and here for SARIF: jsonschema-rs refuses the official SARIF
2.1.0 schema itself (its pattern for ``language`` has a stray ``]``, a literal in ECMA-262
regular expressions, an error to Rust's). tests/test_schema_oracle.py holds the two to the
same answers.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from govcheck.engine import schema_path
from tests.conftest import ROOT

REPORT = schema_path("report-v1.schema.json")
DIFF = schema_path("diff-v1.schema.json")
SARIF = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"  # the official SARIF 2.1.0 schema (draft-07)


@functools.cache
def _validator(schema: Path) -> Any:
    data = json.loads(schema.read_text(encoding="utf-8"))
    if schema == SARIF:
        import jsonschema

        return jsonschema.Draft7Validator(data)
    import jsonschema_rs

    return jsonschema_rs.validator_for(data)


def errors(instance: Any, schema: Path) -> list[str]:
    """Every way ``instance`` breaks ``schema``: ``/pointer: message``."""
    found = []
    for e in _validator(schema).iter_errors(instance):
        pointer = getattr(e, "instance_path", None) or getattr(e, "absolute_path", ())  # jsonschema-rs, jsonschema
        found.append("/" + "/".join(str(p) for p in pointer) + f": {e.message}")
    return found


def assert_valid(instance: Any, schema: Path) -> None:
    found = errors(instance, schema)
    assert not found, "\n".join(found[:10])
