"""Rules for catalogue sections D-K (GOV304-GOV813) and the health-and-prosperity profile (GOV9xx).

Each failing fixture is a valid fixture with one small edit (tests/fixture_edits.py); the
tests assert the exact rule, line and path of every finding it produces, under every
profile, and a fragment of each message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REFERENCE, ROOT, run_cli
from fixture_edits import EDITS, derive, derive_hp

from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from govcheck.testing import run_check
from tests.positions import AtKey, node_position

ALL = ("statutory", "nhse-policy", "good-practice")
HP_VALID = FIXTURES / "valid" / "health-and-prosperity.yaml"
FIRST_NEW = {"GOV3": 304, "GOV4": 404}  # GOV301-303 and GOV401-403 predate this work


def _mine(rule_id: str) -> bool:
    number = int(rule_id[3:])
    return 304 <= number <= 399 or 404 <= number <= 999


@pytest.fixture(scope="module")
def registry():
    return load_registry([], entry_points=False)


def engine(registry, profiles=ALL, params=None) -> Engine:
    return Engine(registry, Settings(profiles=tuple(profiles), params=params or {}))


# fixture -> every finding of the document under every profile: (rule, path, message
# fragment), at the node's position in the fixture (AtKey: at its key's), computed by
# tests/positions.py, so an edit elsewhere in the reference changes no expectation here
EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "GOV304-place-whole-authorities": [
        ("GOV304", "/places/1/local_authorities/1", "is split between 2 places"),
    ],
    "GOV305-place-delegation-clarity": [
        ("GOV305", AtKey("/accountabilities/17/delegated_to"), "without stating the scope and financial limits"),
    ],
    "GOV306-neighbourhood-population": [
        ("GOV306", "/neighbourhoods/2/population", "below the 20,000-200,000 band"),
    ],
    "GOV307-place-population": [
        ("GOV307", "/places/2/population", "below the 250,000-500,000 band"),
    ],
    "GOV308-place-leader": [
        ("GOV308", "/places/2", "names no place leader"),
    ],
    "GOV404-reserved-matters": [
        ("GOV404", AtKey("/accountabilities/1/reserved_to_board"), "is not reserved to the board"),
    ],
    "GOV405-joint-arrangements-permitted": [
        ("GOV405", "/accountabilities/19/joint_with/4",
            "'Wessex Coast VCSE Alliance', a vcse, which is not a body",
        ),
    ],
    "GOV406-dispute-resolution": [
        ("GOV406", AtKey("/board/decision_making/dispute_resolution"),
            "board.decision_making.dispute_resolution is not stated:",
        ),
    ],
    "GOV407-partner-home-organisation": [
        ("GOV407", "/board/members/8", "has no home organisation recorded"),
    ],
    "GOV409-delegation-loop": [
        ("GOV409", "/accountabilities/11/delegated_to/0", "closes a loop of delegation back to 'board'"),
        ("GOV409", "/accountabilities/14/delegated_to/0", "owns this function and delegates it to itself"),
        ("GOV409", "/accountabilities/16/delegated_to/0", "closes a loop of delegation back to 'c-quality'"),
    ],
    "GOV501-quorum-defined": [
        ("GOV501", AtKey("/board/quorum/min_count"), "one of 'min_count' or 'min_fraction' or 'majority' must be stated"),
    ],
    "GOV502-quorum-majority": [
        ("GOV502", AtKey("/board/quorum/min_count"), "5 of 11 voting members; it must be more than 0.5"),
    ],
    "GOV503-quorum-role-mix": [
        ("GOV503", AtKey("/board/quorum/required_roles"), "does not require a partner member (partner_member)"),
    ],
    "GOV504-quorum-without-chair": [
        ("GOV504", AtKey("/board/quorum/required_roles"), "board.quorum.required_roles includes 'chair': require"),
        ("GOV508", "/board/quorum/required_roles/0", "only 'Helen Ashworth' (m-chair) can fill the chair in"),
    ],
    "GOV505-quorum-one-capacity": [
        ("GOV505", AtKey("/board/quorum/one_capacity_rule"), "one_capacity_rule is false; it must be true"),
    ],
    "GOV506-quorum-conflicted-excluded": [
        ("GOV506", AtKey("/board/quorum/conflicted_excluded"), "conflicted_excluded is false; it must be true"),
    ],
    "GOV507-quorum-participants-excluded": [
        ("GOV507", AtKey("/board/quorum/participants_excluded"), "participants_excluded is false; it must be true"),
    ],
    "GOV508-quorum-satisfiable": [
        ("GOV508", "/board/quorum/required_roles/2", "only 'Priya Raman' (m-cno) can fill a clinical executive,"),
    ],
    "GOV509-decision-casting-vote": [
        ("GOV509", AtKey("/board/decision_making/casting_vote"),
            "board.decision_making.casting_vote is not stated: say who",
        ),
    ],
    "GOV601-audit-committee": [
        ("GOV601", AtKey("/committees"), "establishes no audit committee"),
    ],
    "GOV602-remuneration-committee": [
        ("GOV602", AtKey("/committees"), "establishes no remuneration committee"),
    ],
    "GOV603-audit-chair-independent-expert": [
        ("GOV603", "/committees/0/chair", "has no recorded audit or finance expertise"),
    ],
    "GOV604-audit-chair-not-deputy": [
        ("GOV604", "/committees/0/chair", "must not be the deputy chair"),
    ],
    "GOV605-audit-no-board-chair": [
        ("GOV605", "/committees/0/members/2", "'Helen Ashworth' (chair) must not be a member of the audit"),
    ],
    "GOV606-remuneration-chair": [
        ("GOV606", "/committees/1/chair", "also chairs the audit committee"),
    ],
    "GOV607-audit-independent-membership": [
        ("GOV607", AtKey("/committees/0/members"), "has 2 independent member(s); it needs at least 3"),
    ],
    "GOV608-committee-terms-complete": [
        ("GOV608", AtKey("/committees/2/terms_of_reference"), "committee 'Quality and Safety Committee' has no terms of"),
    ],
    "GOV610-remuneration-membership": [
        ("GOV610", AtKey("/committees/1/members"), "has 2 independent member(s); it needs at least 3 (rem_min_members)"),
    ],
    "GOV701-coi-registers": [
        ("GOV701", AtKey("/conflicts_of_interest/registers"), "does not include 'employees'"),
    ],
    "GOV702-coi-registers-public": [
        ("GOV702", AtKey("/conflicts_of_interest/published"),
            "one of 'published' or 'available_on_request' must be true",
        ),
    ],
    "GOV703-coi-declaration-deadline": [
        ("GOV703", AtKey("/conflicts_of_interest/declaration_deadline_days"), "is 42; it must be at most 28"),
    ],
    "GOV704-coi-management-policy": [
        ("GOV704", AtKey("/conflicts_of_interest/policy"), "conflicts_of_interest.policy is not stated"),
    ],
    "GOV705-coi-meeting-declarations": [
        ("GOV705", AtKey("/conflicts_of_interest/meeting_declarations"),
            "meeting_declarations is false; it must be true",
        ),
    ],
    "GOV706-coi-register-review": [
        ("GOV706", AtKey("/conflicts_of_interest/review_frequency"), "review_frequency is not stated"),
    ],
    "GOV707-coi-guardian": [
        ("GOV707", AtKey("/conflicts_of_interest/guardian"), "guardian is not stated"),
    ],
    "GOV708-coi-gifts-hospitality-register": [
        ("GOV708", AtKey("/conflicts_of_interest/registers"), "does not include 'gifts_hospitality'"),
    ],
    "GOV709-coi-procurement-decisions": [
        ("GOV709", AtKey("/conflicts_of_interest/registers"), "does not include 'procurement_decisions'"),
    ],
    "GOV801-icp-established": [
        ("GOV801", "/icp", "describes no integrated care partnership"),
    ],
    "GOV802-icp-icb-member": [
        ("GOV802", AtKey("/icp/members"), "is appointed by the ICB"),
    ],
    "GOV803-icp-local-authority-members": [
        ("GOV803", AtKey("/icp/members"), "'Isle of Harrow Council' (la-harrow) appoints no member"),
    ],
    "GOV804-icp-chair-agreed": [
        ("GOV804", AtKey("/icp/chair/agreed_by"), "not recorded as agreed by 'Isle of Harrow Council'"),
    ],
    "GOV805-icp-integrated-care-strategy": [
        ("GOV805", AtKey("/icp/integrated_care_strategy"), "integrated_care_strategy is false; it must be true"),
    ],
    "GOV806-icp-procedure": [
        ("GOV806", AtKey("/icp/procedure"), "icp.procedure is not stated"),
    ],
    "GOV807-transparency-provision": [
        ("GOV807", AtKey("/transparency/provision"), "transparency.provision is not stated"),
    ],
    "GOV808-transparency-public-meetings": [
        ("GOV808", AtKey("/transparency/minutes_published"), "minutes_published is false; it must be true"),
    ],
    "GOV809-transparency-publications": [
        ("GOV809", AtKey("/transparency/publications"), "does not include 'complaints_process'"),
    ],
    "GOV810-public-involvement": [
        ("GOV810", AtKey("/public_involvement/principles"), "public_involvement.principles is not stated"),
    ],
    "GOV811-vcse-agreement": [
        ("GOV811", AtKey("/vcse_agreement/covers_governance"), "covers_governance is false; it must be true"),
    ],
    "GOV812-employee-terms": [
        ("GOV812", "/employees", "the constitution has no employees section"),
    ],
    "GOV813-healthwatch-vcse-at-board": [
        ("GOV813", AtKey("/board/participants"), "no one from a vcse organisation"),
    ],
    "GOV814-constitution-versioning": [
        ("GOV814", AtKey("/metadata/approved_by_nhse_on"), "metadata.approved_by_nhse_on is not stated"),
    ],
    "GOV815-icp-other-members": [
        ("GOV815", "/icp/members/6/appointed_by", "'Grace Mensah' is appointed by 'Wessex Coast VCSE Alliance'"),
    ],
    "GOV901-hp-joint-civic-clinical-leadership": [
        ("GOV901", AtKey("/icp/chair"), "is a clinical leader"),
    ],
    "GOV902-hp-scrutiny-committee": [
        ("GOV902", AtKey("/scrutiny_committee/members"), "among its members; it has 4"),
    ],
    "GOV903-hp-partnership-compact": [
        ("GOV903", AtKey("/partnership_compact/parties"), "needs a trade union"),
    ],
    "GOV904-hp-footprint-alignment": [
        ("GOV904", "/icb/area/local_authorities/3", "is only partly in the ICB area (coverage: part)"),
    ],
    "GOV905-hp-healthwatch-role": [
        ("GOV905", AtKey("/icp/members"),
            "no one from a healthwatch or patient voice body organisation takes part in the integrated care partnership",
        ),
    ],
    "GOV906-hp-annual-joint-mandate": [
        ("GOV906", AtKey("/mandate/frequency"), "it must be 'annual'"),
    ],
    "GOV907-hp-single-locality-budget": [
        ("GOV907", AtKey("/places/2/budget/pooled"), "has no single pooled health and social care budget"),
    ],
    "GOV908-hp-integrated-workforce-planning": [
        ("GOV908", AtKey("/accountabilities"), "no accountability covers 'integrated_workforce_planning'"),
    ],
    "GOV909-hp-scrutiny-operation": [
        ("GOV909", AtKey("/scrutiny_committee/meeting_frequency"), "it must be 'monthly'"),
    ],
    "GOV410-committee-delegation-limits": [
        ("GOV410", AtKey("/accountabilities/13/delegated_to"),
         "'Financial duties and breakeven' is delegated to committee c-finance without stating the scope and limits"),
    ],
    "GOV910-hp-wider-purpose": [
        ("GOV910", AtKey("/icb/purpose"), "does not mention public health"),
        ("GOV910", AtKey("/icb/purpose"), "does not mention social care"),
    ],
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_failing_fixture_is_the_valid_fixture_with_one_edit(name):
    path = FIXTURES / "invalid" / f"{name}.yaml"
    assert path.read_text(encoding="utf-8") == derive(name), "run: python tests/fixture_edits.py"


def test_hp_fixture_is_the_reference_with_the_profile_data():
    assert HP_VALID.read_text(encoding="utf-8") == derive_hp(), "run: python tests/fixture_edits.py"


def assert_document_findings(registry, name: str, expected: list[tuple[str, str, str]], fixtures: Path = FIXTURES) -> None:
    """``<fixtures>/invalid/<name>.yaml`` gives exactly ``expected`` (rule, path, fragment),
    in order, each at the exact line and column of its node; its rule fails; nothing errs."""
    path = fixtures / "invalid" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    result = engine(registry).check_path(path)
    got = [(f.rule, f.line, f.column, f.path) for f in result.findings]
    assert got == [(r, *node_position(text, p), p) for r, p, _ in expected]
    for finding, (_, _, fragment) in zip(result.findings, expected, strict=True):
        assert fragment in finding.message
    status = {o.rule: o.status for o in result.outcomes}
    assert status[name.split("-", 1)[0]] == "failed"
    assert not [o for o in result.outcomes if o.status == "error"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_failing_fixture_findings(registry, name):
    assert_document_findings(registry, name, EXPECTED[name])


def test_every_new_rule_has_a_failing_fixture(registry):
    mine = {r.id: r for r in registry.rules.values() if _mine(r.id)}
    assert len(mine) >= 25
    theirs = {name for name in EDITS if _mine(name.split("-")[0])}
    assert theirs == set(EXPECTED) == {f"{r.id}-{r.slug}" for r in mine.values()}


@pytest.mark.parametrize(
    ("fixture", "profiles"),
    [
        (REFERENCE, ("statutory", "nhse-policy")),
        (REFERENCE, ALL),
        (HP_VALID, ("statutory", "nhse-policy")),
        (HP_VALID, (*ALL, "health-and-prosperity")),
    ],
)
def test_valid_fixtures_are_compliant(registry, fixture, profiles):
    result = engine(registry, profiles).check_path(fixture)
    assert [(f.rule, f.line, f.message) for f in result.findings] == []
    # Every rule passes, except those of the Health Bill 2026, which is not in force.
    not_passed = {o.rule: o.status for o in result.outcomes if o.status != "passed"}
    bill = {r.id for r in registry.rules.values() if r.law and r.law["from"] == "health-bill-2026"}
    assert set(not_passed) == bill and set(not_passed.values()) == {"not_applicable"}


def test_reference_does_not_opt_in_but_the_hp_fixture_does(registry):
    eng = engine(registry)
    ref = {o.rule for o in eng.check_path(REFERENCE).outcomes}
    hp = {o.rule: o.status for o in eng.check_path(HP_VALID).outcomes}
    hp_rules = {r.id for r in registry.rules.values() if r.profile == "health-and-prosperity"}
    assert len(hp_rules) >= 8
    assert not ref & hp_rules
    assert all(hp[r] == "passed" for r in hp_rules)


def test_rule_packs_place_rules_by_source(registry):
    for rule in registry.rules.values():
        if not _mine(rule.id):
            continue
        assert rule.citations and rule.rationale and rule.remediation
        if rule.pack == "health-and-prosperity":
            assert (rule.profile, rule.severity, rule.id[:4]) == (
                "health-and-prosperity",
                "info",
                "GOV9",
            )
        elif rule.profile == "good-practice":
            assert rule.severity == "info"
        elif rule.profile == "nhse-policy":
            assert rule.severity == "warning"
        else:
            assert rule.pack == "statutory"
            # Held at warning only where the statutory source was not read (verified: false).
            if rule.severity != "error":
                assert rule.severity == "warning"
                assert any(c.get("verified") is False for c in rule.citations), rule.id
                assert "warning" in rule.rationale or "verif" in rule.rationale, rule.id


def test_hp_fixture_conforms_to_the_schema():
    import jsonschema

    schema = json.loads((ROOT / "govcheck" / "schemas" / "constitution-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(HP_VALID.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as ISO strings, as the loader gives
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


# -- the computed quorum rule (GOV508) and its parameters ---------------------------------

REFERENCE_ROLES = "chair_or_deputy, executive, clinical_executive, non_executive, partner_member"


def _edited(old: str, new: str, base: Path = REFERENCE) -> str:
    text = base.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new)


def _findings(registry, text: str, rule: str, **kw) -> list[tuple[int, str, str]]:
    result = engine(registry, **kw).check_text(text, "doc.yaml")
    return [(f.line, f.path, f.message) for f in result.findings if f.rule == rule]


def test_quorum_count_above_the_voting_members(registry):
    text = _edited("    min_count: 6\n", "    min_count: 12\n")
    got = _findings(registry, text, "GOV508")
    assert [(line, path) for line, path, _ in got] == [(node_position(text, "/board/quorum/min_count")[0], "/board/quorum/min_count")]
    assert "needs 12 voting members but the board lists only 11" in got[0][2]


def test_quorum_needing_every_member_warns_of_any_absence(registry):
    text = _edited("    min_count: 6\n", "    min_count: 11\n")
    got = _findings(registry, text, "GOV508")
    assert [(line, path) for line, path, _ in got] == [(node_position(text, "/board/quorum/min_count")[0], "/board/quorum/min_count")]
    assert "any single absence" in got[0][2]


def test_quorum_role_nobody_holds(registry):
    text = _edited(
        "      roles: [nursing_director]\n      voting: true\n",
        "      roles: [nursing_director]\n      voting: false\n",
    )
    text = text.replace(
        "      roles: [medical_director]\n      voting: true\n",
        "      roles: [medical_director]\n      voting: false\n",
    )
    got = _findings(registry, text, "GOV508")
    assert [(line, path) for line, path, _ in got] == [(node_position(text, "/board/quorum/required_roles/2")[0], "/board/quorum/required_roles/2")]
    assert "no voting member holds that role" in got[0][2]


def test_quorum_roles_need_different_people_under_one_capacity(registry):
    # Two categories that only the chair and the deputy chair can fill: with the deputy's
    # non-executive seat needed too, three categories compete for two people.
    text = _edited(
        f"required_roles: [{REFERENCE_ROLES}]",
        "required_roles: [chair_or_deputy, chair, executive, partner_member]",
    )
    got = _findings(registry, text, "GOV508")
    # chair_or_deputy can only be the deputy once the chair fills 'chair': both are sole-ish.
    assert [(line, path) for line, path, _ in got] == [
        (node_position(text, "/board/quorum/required_roles")[0], "/board/quorum/required_roles"),
        (node_position(text, "/board/quorum/required_roles/1")[0], "/board/quorum/required_roles/1"),
    ]
    assert "without 'Amira Haddad' (m-ned-2)" in got[0][2]
    assert "only 'Helen Ashworth' (m-chair) can fill the chair in person" in got[1][2]


def test_quorum_assignment_impossible(registry):
    text = _edited(
        "      roles: [non_executive, deputy_chair, senior_non_executive]\n",
        "      roles: [non_executive]\n",
    )
    text = text.replace(
        f"required_roles: [{REFERENCE_ROLES}]",
        "required_roles: [chair_or_deputy, chair, executive]",
    )
    got = _findings(registry, text, "GOV508")
    assert [(line, path) for line, path, _ in got] == [(node_position(text, "/board/quorum/required_roles")[0], "/board/quorum/required_roles")]
    assert "cannot all be filled by different voting members" in got[0][2]


def test_quorum_fraction_is_a_parameter(registry):
    text = _edited("    min_count: 6\n", "    min_count: 8\n")
    assert _findings(registry, text, "GOV502") == []
    got = _findings(registry, text, "GOV502", params={"GOV502": {"quorum_min_fraction": 0.75}})
    assert [(line, path) for line, path, _ in got] == [(node_position(text, "/board/quorum/min_count")[0], "/board/quorum/min_count")]
    assert "at least 9" in got[0][2]


def test_quorum_fraction_alone_is_used(registry):
    text = _edited("    min_count: 6\n", "    min_fraction: 0.4\n")
    got = _findings(registry, text, "GOV502")
    assert [(line, path) for line, path, _ in got] == [(node_position(text, "/board/quorum/min_fraction")[0], "/board/quorum/min_fraction")]
    assert "the quorum is 5 of 11" in got[0][2]


def test_audit_minimum_is_a_parameter(registry):
    text = REFERENCE.read_text()
    assert _findings(registry, text, "GOV607") == []
    got = _findings(registry, text, "GOV607", params={"GOV607": {"audit_min_members": 4}})
    assert [(line, path) for line, path, _ in got] == [(node_position(text, "/committees/0/members")[0], "/committees/0/members")]


def test_neighbourhood_band_is_a_parameter(registry):
    got = _findings(registry, REFERENCE.read_text(), "GOV306", params={"GOV306": {"min": 30000, "max": 50000}})
    assert [path for _, path, _ in got] == [
        "/neighbourhoods/0/population",
        "/neighbourhoods/1/population",
        "/neighbourhoods/2/population",
        "/neighbourhoods/3/population",
    ]


def test_no_icp_makes_the_other_icp_rules_not_applicable(registry):
    result = engine(registry).check_path(FIXTURES / "invalid" / "GOV801-icp-established.yaml")
    status = {o.rule: o.status for o in result.outcomes}
    assert [status[r] for r in ("GOV801", "GOV802", "GOV803", "GOV804", "GOV805", "GOV806")] == [
        "failed",
        "not_applicable",
        "not_applicable",
        "not_applicable",
        "not_applicable",
        "not_applicable",
    ]


def test_cli_reports_a_statutory_error_and_exits_1():
    proc = run_cli("check", "fixtures/invalid/GOV803-icp-local-authority-members.yaml")
    assert proc.returncode == 1
    fixture = FIXTURES / "invalid" / "GOV803-icp-local-authority-members.yaml"
    line, col = node_position(fixture.read_text(), AtKey("/icp/members"))
    assert f"GOV803-icp-local-authority-members.yaml:{line}:{col}:" in proc.stdout
    assert "GOV803 error" in proc.stdout and "'Isle of Harrow Council' (la-harrow)" in proc.stdout


def test_cli_opt_in_profile_runs_from_the_document():
    ok = run_cli("check", "fixtures/valid/health-and-prosperity.yaml", "--fail-on", "info")
    assert ok.returncode == 0, ok.stdout
    bad = run_cli("check", "fixtures/invalid/GOV902-hp-scrutiny-committee.yaml", "--fail-on", "info")
    assert bad.returncode == 1
    assert "GOV902 info" in bad.stdout


def test_quorum_without_required_roles(registry):
    text = _edited(f"    required_roles: [{REFERENCE_ROLES}]\n", "")
    result = engine(registry).check_text(text, "doc.yaml")
    got = [(f.rule, f.line, f.path) for f in result.findings]
    # Each of the four categories is missing; the position falls back to the quorum's key.
    line = node_position(text, AtKey("/board/quorum/required_roles"))[0]
    assert got == [("GOV503", line, "/board/quorum/required_roles")] * 4
    assert sorted(f.message.rsplit("(", 1)[1] for f in result.findings) == [
        "chair_or_deputy) to be present",
        "executive) to be present",
        "non_executive) to be present",
        "partner_member) to be present",
    ]
    status = {o.rule: o.status for o in result.outcomes}
    assert (status["GOV504"], status["GOV508"]) == ("passed", "passed")


# -- checks on small inline documents (govcheck.testing.run_check) ----------------------------


@pytest.mark.parametrize(("days", "found"), [(27, []), (28, []), (29, ["is 29; it must be at most 28"])])
def test_declaration_deadline_is_at_most_28_days(days, found):
    violations = run_check("section.fields", {"conflicts_of_interest": {"declaration_deadline_days": days}}, rule="GOV703")
    assert [(v.path, v.key) for v in violations] == [("/conflicts_of_interest/declaration_deadline_days", True)] * len(found)
    assert all(f in v.message for v, f in zip(violations, found, strict=True))


def test_public_meetings_rule_names_each_unpublished_item():
    violations = run_check(
        "section.fields",
        "transparency: {board_meetings_public: true, papers_published: false, minutes_published: false}",
        rule="GOV808",
    )
    assert [v.path for v in violations] == ["/transparency/papers_published", "/transparency/minutes_published"]
    assert violations[1].message.startswith("transparency.minutes_published is false; it must be true")
