"""The core rules: each failing fixture produces exactly the expected findings, positioned."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govcheck.api import check_file
from govcheck.engine import Settings
from tests.conftest import FIXTURES, REFERENCE, Expected, assert_fixture_findings
from tests.positions import AtKey, key_positions

ALL_PROFILES = Settings(profiles=("statutory", "nhse-policy", "good-practice"))



def _duplicate(path: str, text: str) -> list[Expected]:
    """GOV002 reports both occurrences of a key, each message naming the other's position."""
    (l1, c1), (l2, c2) = key_positions(text, path)
    return [
        (l1, c1, path, f"defined again at line {l2}, column {c2}"),
        (l2, c2, path, f"also defined at line {l1}, column {c1}"),
    ]


# fixture -> the findings of its rule: (path, message fragment), at the node's position in the
# fixture (AtKey: at its key); (line, column, path, fragment) where the problem is not a node's
EXPECTED: dict[str, list[Expected] | Callable[[str], list[Expected]]] = {
    "GOV001-yaml-syntax": [(5, 6, "", "a list written in brackets is not closed: YAML expected ',' or ']'")],
    "GOV002-duplicate-key": lambda text: _duplicate("/icb/name", text),
    "GOV003-encoding": [(4, 12, "", "byte 0xe9 at offset 38 is not valid UTF-8")],
    "GOV004-document-limits": [(9, 4, "/g", "more than 2,000,000 nodes")],
    "GOV005-format-violation": [("/board/members/1/voting", "must be true or false, not text")],
    "GOV006-unknown-key": [
        (AtKey("/board/members/7/mental_heath_expertise"), "did you mean 'mental_health_expertise'?")
    ],
    "GOV007-unresolved-reference": [
        ("/board/members/8/appointment/nominated_by/2", "'ft-south-ambulance' is not defined")
    ],
    "GOV008-duplicate-id": [("/organisations/15/id", "'hw-harrow' is already used by the organisation")],
    "GOV009-waiver-invalid": [("/waivers/0", "waiver for GOV103 at /board/members gives no reason")],
    "GOV010-waiver-unused": [("/waivers/0", "waiver for GOV102 at /board/members matches no finding")],
    "GOV012-yaml11-number": [
        ("/places/0/population", "'0250000' is read by YAML 1.1 (PyYAML, govcheck) as the octal number 86016")
    ],
    "GOV101-board-statutory-membership": [
        (AtKey("/board/members"), "needs a partner member nominated by primary medical services providers")
    ],
    "GOV102-chair-ceo-distinct": [("/board/members/0/roles", "holds 2 counted roles (chair, chief_executive)")],
    "GOV103-board-nhse-membership": [(AtKey("/board/members"), "needs a director of nursing (role nursing_director); it has none")],
    "GOV104-one-capacity": [("/board/members/2/roles", "(finance_director, other_executive)")],
    "GOV201-independent-members-footprint-roles": [
        ("/board/members/6/interests/0", "holds a current role (governor) at Solent Community")
    ],
    "GOV202-private-healthcare-determination": [
        ("/board/members/7/interests/0", "no recorded determination by the appointer")
    ],
    "GOV203-independence-code-tests": [
        ("/board/members/5/appointment/first_appointed", "has served 11.2 years, more than 9")
    ],
    "GOV301-place-coverage": [("/icb/area/local_authorities/1", "'Downsvale District Council' is in the ICB area")],
    "GOV302-place-partnership-core-membership": [
        (AtKey("/places/2/partnership/members"), "lacks a voice for people who use services")
    ],
    "GOV303-place-board-route": [(AtKey("/places/3/board_representation"), "'Portbury' has no route onto the ICB board")],
    "GOV401-statutory-duties-owned": [(AtKey("/accountabilities"), "statutory duty 'eprr' has no accountable owner")],
    "GOV402-single-accountable-owner": [
        ("/accountabilities/16/function", "has 2 accountable owners (c-quality, m-cno)"),
        ("/accountabilities/17/function", "has 2 accountable owners (c-quality, m-cno)"),
    ],
    "GOV403-accountability-owner-resolves": [
        ("/accountabilities/18/owner", "'c-procurement' is not defined anywhere")
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_failing_fixture_has_exactly_the_expected_findings(name: str) -> None:
    assert_fixture_findings(name, EXPECTED[name], ALL_PROFILES)


def test_reference_passes_every_rule_of_every_default_profile() -> None:
    report = check_file(REFERENCE, settings=ALL_PROFILES, entry_points=False)
    assert report.findings == []
    statuses = {o.rule: o.status for o in report.documents[0].outcomes}
    # All pass but the Health Bill 2026 rules, not applicable while the Bill is not in force.
    bill = {r.id for r in report.rules.values() if r.law and r.law["from"] == "health-bill-2026"}
    assert {r for r, s in statuses.items() if s != "passed"} == bill
    assert {statuses[r] for r in bill} == {"not_applicable"}
    assert {"GOV101", "GOV201", "GOV302", "GOV402"} <= set(statuses)
    assert report.exit_code() == 0


def test_missing_roles_are_reported_one_finding_each() -> None:
    text = REFERENCE.read_text().replace("roles: [finance_director]", "roles: [other_executive]").replace(
        "roles: [medical_director]", "roles: [other_executive]"
    )
    from govcheck.api import check_text

    report = check_text(text, "two-missing.yaml", entry_points=False)
    messages = [f.message for f in report.findings if f.rule == "GOV103"]
    assert messages == [
        "the board needs a director of finance (role finance_director); it has none",
        "the board needs a medical director (role medical_director); it has none",
    ]


def test_rules_after_a_load_failure_are_not_applicable() -> None:
    report = check_file(FIXTURES / "invalid" / "GOV001-yaml-syntax.yaml", entry_points=False)
    outcomes = {o.rule: o for o in report.documents[0].outcomes}
    assert outcomes["GOV001"].status == "failed"
    assert outcomes["GOV101"].status == "not_applicable"
    assert "could not be loaded" in outcomes["GOV101"].detail
    assert report.exit_code() == 1


def test_unknown_keys_do_not_stop_the_other_rules() -> None:
    report = check_file(FIXTURES / "invalid" / "GOV006-unknown-key.yaml", entry_points=False)
    outcomes = {o.rule: o.status for o in report.documents[0].outcomes}
    assert outcomes["GOV006"] == "failed"
    assert outcomes["GOV101"] == "passed"


def test_independence_reading_is_a_parameter() -> None:
    fixture = FIXTURES / "invalid" / "GOV201-independent-members-footprint-roles.yaml"
    text = fixture.read_text().replace("role: governor, from: 2021-06-01}", "role: governor, from: 2021-06-01, determination: agreed}")
    from govcheck.api import check_text

    # The default reading follows the guidance: a non-executive's footprint role is accepted
    # "normally", when the appointer's determination is recorded; `strict` bars it.
    normally = check_text(text, entry_points=False)
    assert normally.findings == []
    strict = check_text(text, settings=Settings(params={"GOV201": {"reading": "strict"}}), entry_points=False)
    assert [f.rule for f in strict.findings] == ["GOV201"]
    chair_only = check_text(fixture.read_text(), settings=Settings(params={"GOV201": {"reading": "chair_only"}}), entry_points=False)
    assert chair_only.findings == []


def test_code_tests_need_a_date() -> None:
    text = REFERENCE.read_text().replace("as_of: 2026-04-01\n", "")
    from govcheck.api import check_text

    report = check_text(text, settings=ALL_PROFILES, entry_points=False)
    outcome = next(o for o in report.documents[0].outcomes if o.rule == "GOV203")
    assert outcome.status == "not_applicable"
    assert "as_of" in outcome.detail
    dated = check_text(text, settings=Settings(profiles=("good-practice",), as_of=__import__("datetime").date(2040, 1, 1)), entry_points=False)
    # GOV212 and GOV213 (tenure over nine and six years) also read the date
    assert {f.rule for f in dated.findings} == {"GOV203", "GOV212", "GOV213"}
