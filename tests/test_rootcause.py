"""Root causes first: one undefined id is one finding listing its places; echoes are noted there."""

from __future__ import annotations

import json

import jsonschema

from govcheck import check_text
from govcheck.reporters import sarif
from tests.conftest import REFERENCE, ROOT
from tests.positions import key_positions, node_position

SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())


def _without_chair() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    start, end = text.index("    - id: m-chair\n"), text.index("    - id: m-ceo\n")
    return text[:start] + text[end:]


def _chair_renamed() -> str:
    """The chair defined under another id: every reference to ``m-chair`` now dangles."""
    return REFERENCE.read_text(encoding="utf-8").replace("    - id: m-chair\n", "    - id: m-chair-2\n", 1)


def _refs(text: str) -> list[int]:
    return [i + 1 for i, line in enumerate(text.splitlines()) if "m-chair" in line and "id: m-chair" not in line]


def test_an_undefined_id_referred_to_twelve_times_is_one_finding() -> None:
    text = _chair_renamed()
    report = check_text(text, "d.yaml")
    assert sorted(f.rule for f in report.findings) == ["GOV007"]  # the board still has its chair
    (cause,) = report.findings
    refs = _refs(text)
    assert len(refs) == 12
    assert cause.line == refs[0]
    assert [line for _, line, _ in cause.related] == refs[1:]
    # the chief executive's appointer is the same undefined id: not reported again, but named
    assert cause.message == (
        "'m-chair' is not defined anywhere in the document, and 12 places refer to it: define it, or correct "
        "each reference; this also makes GOV109 fail at 2 of them (not reported separately)"
    )
    outcome = {o.rule: o for o in report.documents[0].outcomes}["GOV109"]
    assert (outcome.status, outcome.detail) == (
        "failed",
        f"follows from GOV007 at line {refs[0]} ('m-chair' is not defined): fix that first",
    )
    assert report.exit_code() == 1


def test_deleting_the_chair_shows_the_missing_chair_first_with_its_consequences_under_it() -> None:
    text = _without_chair()
    report = check_text(text, "d.yaml")
    refs = _refs(text)
    assert len(refs) == 12
    board = key_positions(text, "/board/members")[0][0]
    quorum = node_position(text, "/board/quorum/required_roles/0")[0]
    assert [(f.rule, f.line, f.path) for f in report.findings] == [
        ("GOV101", board, "/board/members"),
        # the quorum's chair-or-deputy category now has one person: a real warning, left as it is
        ("GOV508", quorum, "/board/quorum/required_roles/0"),
    ]
    cause = report.findings[0]
    assert cause.message == (
        "the board needs a chair (role chair); it has none; 12 places refer to 'm-chair', which is not defined, so this also "
        "makes GOV007 fail at 12 of them and GOV109 fail at 2 of them (not reported separately)"
    )
    # every place that names the missing chair is listed under the cause, in order
    assert [line for _, line, _ in cause.related] == refs
    assert cause.related[0][0] == "/board/members/0/appointment/appointed_by"
    assert cause.remediation.endswith("Give it the id 'm-chair', which the references already use.")
    assert "roles: [chair]" in cause.remediation
    outcomes = {o.rule: o for o in report.documents[0].outcomes}
    for rule in ("GOV007", "GOV109"):
        assert (outcomes[rule].status, outcomes[rule].detail) == (
            "failed",
            f"follows from GOV101 at line {board} ('m-chair' is missing): fix that first",
        )
    assert report.exit_code() == 1


def test_the_text_report_shows_the_cause_then_its_places() -> None:
    from govcheck.reporters import text as text_report

    source = _without_chair()
    lines = text_report.render(check_text(source, "d.yaml")).splitlines()
    first = next(i for i, ln in enumerate(lines) if ": GOV" in ln)
    assert ": GOV101 error the board needs a chair (role chair); it has none;" in lines[first]
    assert lines[first + 1] == "    also at: " + ", ".join(f"{n}:{lines_col}" for n, lines_col in _ref_columns(source))
    assert not [ln for ln in lines if ": GOV007 " in ln]


def _ref_columns(text: str) -> list[tuple[int, int]]:
    return [(i + 1, line.index("m-chair") + 1) for i, line in enumerate(text.splitlines())
            if "m-chair" in line and "id: m-chair" not in line]  # fmt: skip


def test_a_deleted_committee_is_the_cause_of_its_dangling_references() -> None:
    """The same class beyond the board: the audit committee deleted, its accountabilities
    (GOV403 names their owner and delegate as undefined) follow from "no audit committee"."""
    lines = REFERENCE.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - id: c-audit\n")
    end = lines.index("  - id: c-rem\n")
    text = "".join(lines[:start] + lines[end:])
    report = check_text(text, "d.yaml")
    assert [f.rule for f in report.findings] == ["GOV601"]
    (cause,) = report.findings
    assert cause.message == (
        "the constitution establishes no audit committee; 2 places refer to 'c-audit', which is not defined, "
        "so this also makes GOV403 fail at 2 of them (not reported separately)"
    )
    assert [path for path, _, _ in cause.related] == [
        "/accountabilities/2/delegated_to/0",
        "/accountabilities/14/owner",
    ]
    assert [line for _, line, _ in cause.related] == [node_position(text, p)[0] for p, _, _ in cause.related]


def test_a_misspelt_member_is_not_taken_for_the_deleted_chair() -> None:
    text = _without_chair().replace("guardian: m-ned-1", "guardian: m-nobody")
    report = check_text(text, "d.yaml")
    (typo,) = [f for f in report.findings if f.rule == "GOV007"]
    assert typo.message == "'m-nobody' is not defined anywhere in the document (expected the id of a member)"
    assert "'m-nobody'" not in report.findings[0].message


def test_sarif_lists_the_other_places_as_related_locations(report_schema: dict) -> None:
    report = check_text(_chair_renamed(), "drafts/d.yaml")
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

    source = _chair_renamed()
    report = check_text(source, "d.yaml")
    refs = _refs(source)
    lines = text_report.render(report).splitlines()
    (also,) = [ln for ln in lines if ln.startswith("    also at: ")]
    assert [int(place.split(":")[0]) for place in also[len("    also at: ") :].split(", ")] == refs[1:]


def _without(text: str, first: str, after: str) -> str:
    start, end = text.index(f"    - id: {first}\n"), text.index(f"    - id: {after}\n")
    return text[:start] + text[end:]


def test_a_deleted_member_is_linked_only_to_the_finding_that_names_it_best_whatever_the_order() -> None:
    # Both partner seats deleted: 'm-partner-trust' shares "partner" and "trust(s)" with the
    # trust seat's finding; 'm-partner-pc' shares only "partner" with both seats' findings, a
    # tie, so it is not linked and its GOV007 stands. The same whichever comes first.
    text = _without(REFERENCE.read_text(encoding="utf-8"), "m-partner-trust", "m-partner-la")
    report = check_text(text, "d.yaml")
    linked = [f.message for f in report.findings if f.rule == "GOV101"]
    assert [m.split("; ", 1)[0] for m in linked] == [
        "the board needs a partner member nominated by NHS trusts and foundation trusts (role partner_trust)",
        "the board needs a partner member nominated by primary medical services providers (role partner_primary_medical)",
    ]
    assert "'m-partner-trust', which is not defined" in linked[0]
    assert all("m-partner-pc" not in m for m in linked)
    assert any(f.rule == "GOV007" and f.message.startswith("'m-partner-pc' is not defined") for f in report.findings)
    again = check_text(text.replace("m-partner-pc", "m-partner-zz-pc").replace("m-partner-trust", "m-partner-aa-trust"), "d.yaml")
    assert sorted(f.message.replace("zz-", "").replace("aa-", "") for f in again.findings) == sorted(
        f.message for f in report.findings
    )
