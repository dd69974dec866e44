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


def test_configuration_doc_option_reference_is_current() -> None:
    from govcheck import options

    doc = (ROOT / "docs/configuration.md").read_text()
    assert options.render(doc) == doc, "run: python -m govcheck.options docs/configuration.md"
    assert "| `rule-timeout` | a number of seconds from 0 to 3600 (0: no limit) | `10` | `--rule-timeout` |" in doc
    headings = [line for line in doc.splitlines() if line.startswith("### ")]
    undocumented = [o.name for o in options.OPTIONS if not any(f"`{o.name}`" in h for h in headings)]
    assert undocumented == [], "each option has a section under ## Options"


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
