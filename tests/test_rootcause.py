"""Root causes first: one undefined id is one finding listing its places; echoes are noted there."""

from __future__ import annotations

import json

import jsonschema

from govcheck import check_text
from govcheck.reporters import sarif
from tests.conftest import REFERENCE, ROOT

SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())


def _without_chair() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    start, end = text.index("    - id: m-chair\n"), text.index("    - id: m-ceo\n")
    return text[:start] + text[end:]


def test_an_undefined_id_referred_to_twelve_times_is_one_finding() -> None:
    text = _without_chair()
    report = check_text(text, "d.yaml")
    gov007 = [f for f in report.findings if f.rule == "GOV007"]
    assert len(gov007) == 1
    (cause,) = gov007
    refs = [i + 1 for i, line in enumerate(text.splitlines()) if "m-chair" in line]
    assert cause.line == refs[0]
    assert [line for _, line, _ in cause.related] == refs[1:]
    assert len(refs) == 12
    assert cause.message.startswith(
        "'m-chair' is not defined anywhere in the document, and 12 places refer to it: define it, or correct each reference"
    )
    # the chief executive's appointer is the same undefined id: not reported again, but named
    assert "this also makes GOV109 fail at 2 of them (not reported separately)" in cause.message
    assert not [f for f in report.findings if f.rule == "GOV109"]
    outcome = {o.rule: o for o in report.documents[0].outcomes}["GOV109"]
    assert (outcome.status, outcome.detail) == (
        "failed",
        f"follows from GOV007 at line {refs[0]} ('m-chair' is not defined): fix that first",
    )
    assert sorted(f.rule for f in report.findings) == ["GOV007", "GOV101", "GOV508"]
    assert report.exit_code() == 1


def test_sarif_lists_the_other_places_as_related_locations(report_schema: dict) -> None:
    report = check_text(_without_chair(), "drafts/d.yaml")
    data = json.loads(sarif.render(report))
    assert not list(jsonschema.Draft7Validator(SARIF_SCHEMA).iter_errors(data))
    (result,) = [r for r in data["runs"][0]["results"] if r["ruleId"] == "GOV007"]
    related = result["relatedLocations"]
    assert len(related) == 11
    assert related[0]["physicalLocation"]["artifactLocation"] == {"uri": "drafts/d.yaml", "uriBaseId": "%SRCROOT%"}
    assert related[-1]["logicalLocations"][0]["fullyQualifiedName"] == "/committees/1/members/2"
    as_json = report.to_dict()
    jsonschema.validate(as_json, report_schema)
    (finding,) = [f for f in as_json["documents"][0]["findings"] if f["rule"] == "GOV007"]
    assert len(finding["related"]) == 11


def test_a_single_reference_is_left_as_it_is() -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace("guardian: m-ned-1", "guardian: m-nobody")
    (finding,) = check_text(text, "d.yaml").findings
    assert finding.message == "'m-nobody' is not defined anywhere in the document (expected the id of a member)"
    assert finding.related == ()
    assert "related" not in finding.to_dict()


def test_the_text_report_lists_the_other_places() -> None:
    from govcheck.reporters import text as text_report

    source = _without_chair()
    report = check_text(source, "d.yaml")
    refs = [i + 1 for i, line in enumerate(source.splitlines()) if "m-chair" in line]
    lines = text_report.render(report).splitlines()
    (also,) = [ln for ln in lines if ln.startswith("    also at: ")]
    assert [int(place.split(":")[0]) for place in also[len("    also at: ") :].split(", ")] == refs[1:]
