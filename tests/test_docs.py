"""Documentation generated from code must be current."""

from __future__ import annotations

import json

from govcheck.schemadoc import field_table, render
from tests.conftest import ROOT


def test_format_doc_field_reference_is_current() -> None:
    schema = json.loads((ROOT / "govcheck/schemas/constitution-v1.schema.json").read_text())
    doc = (ROOT / "docs/format.md").read_text()
    assert render(doc, schema) == doc, "run: python -m govcheck.schemadoc docs/format.md"
    assert "| `board.members[].appointment.nominated_by` |" in field_table(schema)


def test_readme_names_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_readme_sample_output_is_what_govcheck_prints() -> None:
    from tests.conftest import run_cli

    readme = (ROOT / "README.md").read_text()
    command = "$ govcheck check fixtures/invalid/GOV101-board-statutory-membership.yaml\n"
    sample = readme.split(command, 1)[1].split("```", 1)[0]
    result = run_cli("check", "fixtures/invalid/GOV101-board-statutory-membership.yaml")
    assert result.returncode == 1
    assert result.stdout == sample
