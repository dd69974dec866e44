"""A verdict says whether the documents comply; separately, whether the run fails."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, REFERENCE, run_cli

FAILING = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"  # one error finding


@pytest.mark.parametrize(
    ("options", "code", "run"),
    [
        ([], 1, "the run fails (exit 1): findings at or above fail-on warning"),
        (["--fail-on", "never"], 0, "the run passes (exit 0) because fail-on is never"),
        (["--exit-zero"], 0, "the run passes (exit 0) because of --exit-zero"),
    ],
)
def test_findings_are_never_called_compliant(options: list[str], code: int, run: str) -> None:
    text = run_cli("check", str(FAILING), *options)
    assert text.returncode == code
    last = text.stdout.splitlines()[-1]
    assert "; result: NOT compliant (profiles statutory, nhse-policy); " + run in last, last
    md = run_cli("check", str(FAILING), "-f", "markdown", *options)
    assert md.returncode == code
    heading = md.stdout.splitlines()[0]
    assert heading == "## ❌ govcheck: not compliant"
    assert run in md.stdout
    html = run_cli("check", str(FAILING), "-f", "html", *options).stdout
    assert "<b>Not compliant</b>" in html
    assert "Compliant</b>" not in html.replace("Not compliant</b>", "")
    github = run_cli("check", str(FAILING), "-f", "github", *options).stdout.splitlines()[-1]
    assert ": not compliant (profiles statutory, nhse-policy); " + run in github


def test_an_info_finding_below_the_threshold_is_still_not_compliant() -> None:
    info = FIXTURES / "invalid" / "GOV814-constitution-versioning.yaml"
    result = run_cli("check", str(info), "--profile", "good-practice", "--select", "GOV814")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].endswith(
        "; result: NOT compliant (profiles good-practice); the run passes (exit 0): no finding at or above "
        "fail-on warning"
    )


def test_no_findings_is_compliant() -> None:
    result = run_cli("check", str(REFERENCE), "-f", "markdown")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "## ✅ govcheck: compliant"


def test_json_and_sarif_carry_the_verdict_apart_from_the_exit_code() -> None:
    import json

    data = json.loads(run_cli("check", str(FAILING), "-f", "json", "--fail-on", "never").stdout)
    assert (data["exit_code"], data["compliance"]) == (0, "not compliant")
    sarif = json.loads(run_cli("check", str(FAILING), "-f", "sarif", "--exit-zero").stdout)
    assert sarif["runs"][0]["properties"]["compliance"] == "not compliant"
    clean = json.loads(run_cli("check", str(REFERENCE), "-f", "json").stdout)
    assert clean["compliance"] == "compliant"
