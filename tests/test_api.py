"""The Python API: check_file, check_text, Report.to_dict, and a typed, lazy package."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema

import govcheck
from tests.conftest import FIXTURES, REFERENCE, ROOT


def test_check_file_and_check_text_agree(report_schema: dict) -> None:
    path = FIXTURES / "invalid" / "GOV103-board-nhse-membership.yaml"
    from_file = govcheck.check_file(path, entry_points=False)
    from_text = govcheck.check_text(path.read_text(), str(path), entry_points=False)
    assert from_file.to_dict() == from_text.to_dict()
    data = from_file.to_dict()
    jsonschema.Draft202012Validator(report_schema).validate(data)
    assert [(f["rule"], f["severity"], f["line"]) for f in data["documents"][0]["findings"]] == [
        ("GOV103", "warning", 147),
        # Without a nursing director the medical director is the quorum's only clinical executive.
        ("GOV508", "warning", 277),
    ]
    assert from_file.exit_code() == 1
    assert from_file.exit_code("error") == 0


def test_report_is_evidence_of_what_passed() -> None:
    report = govcheck.check_file(REFERENCE, entry_points=False)
    outcomes = report.to_dict()["documents"][0]["outcomes"]
    # Passed, or not applicable because the rule's law (the Health Bill 2026) is not in force.
    assert {o["status"] for o in outcomes if not o["rule"].startswith("GOV15")} == {"passed"}
    bill = [o for o in outcomes if o["status"] == "not_applicable"]
    assert [o["rule"] for o in bill] == ["GOV151", "GOV152", "GOV153", "GOV154", "GOV155"]
    assert all("Health Bill 2026 as introduced is not in force" in o["detail"] for o in bill)
    assert [o["rule"] for o in outcomes] == sorted(o["rule"] for o in outcomes)
    assert {r["id"] for r in report.to_dict()["rules"]} == {o["rule"] for o in outcomes}


def test_check_text_never_raises_for_bad_documents() -> None:
    for text in ("", "- a list\n", "{unclosed", "govcheck: 2\n", "\x00binary"):
        report = govcheck.check_text(text, entry_points=False)
        assert report.exit_code() == 1
        assert report.findings


def test_package_is_typed_and_import_is_cheap() -> None:
    assert (ROOT / "govcheck" / "py.typed").exists()
    code = "import sys, govcheck; print(json.dumps(sorted(m for m in sys.modules if m.startswith(('yaml','pluggy','typer','govcheck.')))))"
    out = subprocess.run([sys.executable, "-c", "import json;" + code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govcheck", "check", str(REFERENCE), "-q"], capture_output=True, text=True
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")
