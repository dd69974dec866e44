"""Rules for catalogue sections A-C (board, independence and eligibility, appointments):
each failing fixture gives exactly the expected findings of its rule, positioned, and the
checks behave at their edges.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govcheck.api import check_file, check_text
from govcheck.engine import Settings
from govcheck.testing import run_check
from tests.conftest import FIXTURES, REFERENCE, assert_fixture_findings, edit
from tests.fixture_edits import BOARD_EDITS
from tests.positions import AtKey

ALL_PROFILES = Settings(profiles=("statutory", "nhse-policy", "good-practice"))

# fixture -> the findings of its rule: (path, message fragment), at the node's position in the
# fixture (AtKey: at its key's), computed by tests/positions.py
EXPECTED = {
    "GOV105-icb-name-and-area": [
        ("/icb/area/description", "does not provide a description of the area for which the ICB is established")
    ],
    "GOV106-mental-health-expertise": [
        (AtKey("/board/members"), "prevention, diagnosis and treatment of mental illness (mental_health_expertise: true); it has 0")
    ],
    "GOV107-chair-appointment": [
        ("/appointments/chair/appointed_by",
         "the chair must be appointed by NHS England, not 'Secretary of State for Health and Social Care'")
    ],
    "GOV108-chair-removal": [
        ("/appointments/chair/removal_by/1", "'the board of the ICB' is given power to remove the chair; only NHS England may")
    ],
    "GOV109-chief-executive-appointment": [
        ("/appointments/chief_executive/appointed_by",
         "the chief executive must be appointed by the chair, not 'NHS England'")
    ],
    "GOV110-ordinary-member-appointer": [
        (AtKey("/board/members/7/appointment/appointed_by"),
         "'Colin Fairweather' (non-executive member) does not state appointment.appointed_by")
    ],
    "GOV111-appointment-procedure": [
        (AtKey("/board/members/4/appointment/procedure"), "'Priya Raman' (director of nursing) does not state appointment.procedure")
    ],
    "GOV112-partner-joint-nomination": [
        ("/board/members/9/appointment/joint_nomination", "'Dr Imran Siddiqui' holds the partner member nominated by")
    ],
    "GOV113-deputy-chair": [(AtKey("/board/members"), "no member is designated deputy chair (role deputy_chair)")],
    "GOV114-senior-non-executive": [
        (AtKey("/board/members"), "no member is designated senior non-executive member (role senior_non_executive)")
    ],
    "GOV115-participants-non-voting": [
        ("/board/participants/0/voting", "participant 'Dr Lena Fischer' is given a vote")
    ],
    "GOV116-board-minimum-size": [(AtKey("/board/members"), "the board has 9 voting members; it needs at least 10")],
    "GOV117-board-skills-review": [
        (AtKey("/board/skills_review/frequency"), "how often the board reviews its skills, knowledge and experience")
    ],
    "GOV118-board-maximum-size": [(AtKey("/board/members"), "the board has 21 voting members, more than 20")],
    "GOV119-partner-role-statement": [
        (AtKey("/board/partner_role_statement"), "(board.partner_role_statement)")
    ],
    "GOV120-diversity-fair-appointments": [(AtKey("/board/diversity_statement"), "(board.diversity_statement)")],
    "GOV121-terms-of-office": [
        (AtKey("/board/members/10/appointment/term_years"), "'Cllr Bernadette Quinn' (partner member nominated by the local")
    ],
    "GOV122-appointment-process-in-constitution": [
        ("/board/members/4/appointment/procedure",
         'has appointment.procedure: "Governance handbook section 4.2", which does not refer to the constitution')
    ],
    "GOV204-chief-executive-employee": [
        ("/board/members/1/employee_of_icb", "'David Okonkwo' (chief executive) has employee_of_icb: false; it must be true")
    ],
    "GOV205-private-healthcare-clause": [
        (AtKey("/disqualifications"), "no disqualification clause covering involvement with the private healthcare sector")
    ],
    "GOV206-executives-employees": [
        ("/board/members/2/employee_of_icb", "'Rachel Lindqvist' (director of finance) has employee_of_icb: false")
    ],
    "GOV207-fit-and-proper": [
        ("/board/members/4/checks/fit_and_proper", "'Priya Raman' (director of nursing) has checks.fit_and_proper: false")
    ],
    "GOV208-disqualification-clauses": [
        (AtKey("/disqualifications"), "no disqualification clause covering bankruptcy restrictions or interim orders")
    ],
    "GOV209-disqualifications-clear": [
        ("/board/members/10/checks/disqualifications_clear", "has checks.disqualifications_clear: false")
    ],
    "GOV210-no-members-of-parliament": [
        ("/board/members/10/elected_office/mp", "'Cllr Bernadette Quinn' (partner member nominated by the local")
    ],
    "GOV211-councillor-independent-member": [
        ("/board/members/7/elected_office/councillor_of/0",
         "'Colin Fairweather' (non-executive member) is a councillor of Isle of Harrow Council")
    ],
    "GOV212-independent-member-tenure": [
        ("/board/members/7/appointment/first_appointed",
         "has served 10.1 years since 2016-03-01, more than the limit of 9 years")
    ],
    "GOV213-independent-member-tenure-review": [
        ("/board/members/7/appointment/first_appointed",
         "has served 6.8 years since 2019-06-01, past the rigorous-review point of 6 years")
    ],
    "GOV214-independent-member-extra-pay": [
        ("/board/members/6/interests/0", "'Amira Haddad' (non-executive member) receives remuneration from the ICB")
    ],
    "GOV215-independent-member-not-nominated": [
        ("/board/members/5/appointment/nominated_by", "'Graham Osei' (non-executive member) is nominated by Wessex Coast VCSE")
    ],
    "GOV216-independent-member-cross-links": [
        ("/board/members/0/interests/0",
         "'Helen Ashworth' (chair) and board member(s) 'Sarah Whitcombe' both hold roles at National Carers Trust")
    ],
    "GOV217-dismissed-by-health-service-body": [
        ("/board/members/9/interests/1/end_reason",
         "was dismissed by Solent Community and Mental Health NHS Trust on 2022-05-31, within 5 years")
    ],
}
# Fixtures whose one edit necessarily breaks other document, board or eligibility rules
# (GOV0xx-GOV2xx) too, and which ones. Rules of other families may legitimately react to the
# same edit (a smaller board changes the quorum arithmetic), so they are not compared here.
ALSO_FAILING = {
    "GOV212-independent-member-tenure": {"GOV203", "GOV213"},  # over nine years is over six too
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_failing_fixture_has_exactly_the_expected_findings(name: str) -> None:
    report = assert_fixture_findings(name, EXPECTED[name], ALL_PROFILES)
    rule = name.split("-")[0]
    others = {f.rule for f in report.findings if f.rule != rule and f.rule[:4] in ("GOV0", "GOV1", "GOV2")}
    assert others == ALSO_FAILING.get(name, set())


def test_every_fixture_has_an_expectation_and_is_current() -> None:
    # tests/test_rules_d_to_k.py checks that every generated fixture is current
    assert sorted(BOARD_EDITS) == sorted(EXPECTED)


def _edit(*pairs: tuple[str, str]) -> str:
    return edit(REFERENCE.read_text(), *pairs)


def _findings(text: str, rule: str, **settings: object) -> list[tuple[str, str]]:
    report = check_text(text, "edited.yaml", settings=Settings(select=(rule,), **settings), entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.path, f.message) for f in report.findings if f.rule == rule]


def test_chair_record_that_contradicts_the_statute_is_reported() -> None:
    text = _edit(("        appointed_by: nhse\n        approved_by: sos\n", "        appointed_by: nhse\n        approved_by: m-ceo\n"))
    assert _findings(text, "GOV107") == [(
        "/board/members/0/appointment/approved_by",
        "'Helen Ashworth' holds the chair seat but is recorded as approved by 'David Okonkwo', "
        "not the Secretary of State",
    )]


def test_missing_appointments_section_is_reported_for_each_office() -> None:
    text = _edit((
        "appointments:\n  chair: {appointed_by: nhse, approved_by: sos, removal_by: [nhse], removal_approved_by: sos}\n"
        "  chief_executive: {appointed_by: m-chair, approved_by: nhse}\n", ""))
    assert _findings(text, "GOV107") == [("", "the constitution does not say who appoints the chair (appointments.chair)")]
    # Sch. 1B para 6 restricts who may remove the chair; it does not require a removal clause.
    assert _findings(text, "GOV108") == []


def test_removal_approval_by_the_wrong_body() -> None:
    text = _edit(("removal_approved_by: sos}", "removal_approved_by: nhse}"))
    assert _findings(text, "GOV108") == [(
        "/appointments/chair/removal_approved_by",
        "removing the chair must need the approval of the Secretary of State, not 'NHS England'",
    )]


def test_overlay_role_held_twice_and_by_a_partner_member() -> None:
    text = _edit(("roles: [partner_trust]", "roles: [partner_trust, deputy_chair]"))
    assert _findings(text, "GOV113") == [
        ("/board/members/8/roles", "'Sarah Whitcombe' is a further deputy chair: there may be at most 1"),
        ("/board/members/8/roles", "'Sarah Whitcombe' is deputy chair but is not a non-executive member"),
    ]


def test_silent_employment_record_is_reported_as_missing() -> None:
    text = _edit(("roles: [chief_executive]\n      voting: true\n      employee_of_icb: true\n",
                  "roles: [chief_executive]\n      voting: true\n"))
    assert _findings(text, "GOV204") == [(
        "/board/members/1/employee_of_icb",
        "'David Okonkwo' (chief executive) does not state employee_of_icb (it must be true)",
    )]


def test_councillor_scope_parameter() -> None:
    text = _edit(("      mental_health_expertise: true\n",
                  "      mental_health_expertise: true\n      elected_office: {councillor_of: [charity-national]}\n"))
    assert _findings(text, "GOV211") == []
    wide = _findings(text, "GOV211", params={"GOV211": {"scope": "any"}})
    assert wide == [("/board/members/7/elected_office/councillor_of/0",
                     "'Colin Fairweather' (non-executive member) is a councillor of National Carers Trust")]


def test_council_leader_or_elected_mayor_is_an_elected_office_of_the_council() -> None:
    """A non-executive recorded only as a council's leader or directly elected mayor holds
    that council's elected office as a councillor does (GOV211); a council named under two
    offices is reported once, and a mayor of a body outside the area is not reported."""
    def with_office(office: str) -> list[tuple[str, str]]:
        return _findings(_edit(("      mental_health_expertise: true\n",
                                f"      mental_health_expertise: true\n      elected_office: {office}\n")), "GOV211")

    assert with_office("{mayor_of: [la-harrow]}") == [(
        "/board/members/7/elected_office/mayor_of/0",
        "'Colin Fairweather' (non-executive member) is the elected mayor of Isle of Harrow Council")]
    assert with_office("{council_leader_of: [la-portbury]}") == [(
        "/board/members/7/elected_office/council_leader_of/0",
        "'Colin Fairweather' (non-executive member) is the leader of Portbury City Council")]
    assert with_office("{councillor_of: [la-harrow], council_leader_of: [la-harrow]}") == [(
        "/board/members/7/elected_office/councillor_of/0",
        "'Colin Fairweather' (non-executive member) is a councillor of Isle of Harrow Council")]
    assert with_office("{mayor_of: [charity-national]}") == []


def test_tenure_is_not_applicable_without_a_date_and_follows_as_of() -> None:
    text = REFERENCE.read_text().replace("as_of: 2026-04-01\n", "")
    report = check_text(text, settings=Settings(select=("GOV212",)), entry_points=False)
    outcome = next(o for o in report.documents[0].outcomes if o.rule == "GOV212")
    assert outcome.status == "not_applicable" and "as_of" in outcome.detail
    late = _findings(text, "GOV212", as_of=dt.date(2032, 1, 1))
    assert [p for p, _ in late] == [f"/board/members/{i}/appointment/first_appointed" for i in (0, 5, 6)]


def test_mental_health_member_roles_parameter() -> None:
    """Ambiguity 11: a system that wants a non-executive to hold the designation can say so."""
    text = _edit(("      mental_health_expertise: true\n", ""),
                 ("roles: [medical_director]\n", "roles: [medical_director]\n      mental_health_expertise: true\n"))
    assert _findings(text, "GOV106") == []
    strict = _findings(text, "GOV106", params={"GOV106": {"roles": ["non_executive"]}})
    assert len(strict) == 1 and strict[0][0] == "/board/members"


def test_disqualification_grounds_are_parameters() -> None:
    params = {"GOV208": {"clauses": [{"name": "early ending of a term of office", "pattern": "term of office"}]}}
    found = _findings(REFERENCE.read_text(), "GOV208", params=params)
    assert found == [("/disqualifications", "the constitution has no disqualification clause covering early ending "
                      "of a term of office in disqualifications")]


def test_board_size_counts_voting_members_only_by_default() -> None:
    text = _edit(("roles: [partner_local_authority]\n      voting: true", "roles: [partner_local_authority]\n      voting: false"))
    assert _findings(text, "GOV118", params={"GOV118": {"max": 9}}) == [
        ("/board/members", "the board has 10 voting members, more than 9: a board that size works as a partnership "
         "forum rather than a decision-making board")
    ]
    assert _findings(text, "GOV118", params={"GOV118": {"max": 10}}) == []
    assert len(_findings(text, "GOV118", params={"GOV118": {"max": 10, "voting_only": False}})) == 1


def test_reference_passes_every_new_rule_under_every_default_profile() -> None:
    report = check_file(REFERENCE, settings=ALL_PROFILES, entry_points=False)
    statuses = {o.rule: o.status for o in report.documents[0].outcomes}
    for name in EXPECTED:
        assert statuses[name.split("-")[0]] == "passed"


def test_dismissal_counts_only_within_the_period_and_not_redundancy() -> None:
    fixture = (FIXTURES / "invalid" / "GOV217-dismissed-by-health-service-body.yaml").read_text()
    assert len(_findings(fixture, "GOV217")) == 1
    assert _findings(fixture.replace("end_reason: dismissal", "end_reason: redundancy"), "GOV217") == []
    assert _findings(fixture, "GOV217", as_of=dt.date(2027, 6, 1)) == []


def test_rules_show_gives_the_reason_for_an_unusual_severity() -> None:
    from tests.conftest import run_cli

    shown = run_cli("rules", "show", "GOV117")
    assert shown.returncode == 0
    assert "why this severity:\n  The review is a duty on the ICB (Government Amendment 31" in shown.stdout


SPARSE = """\
govcheck: 1
icb:
  id: icb
  name: X
  area: {description: Y, local_authorities: []}
organisations: []
board:
  id: board
  members:
    - {id: m1, name: A, roles: [chair]}
    - {id: m2, name: B, roles: [non_executive, deputy_chair], appointment: {},
       interests: [{kind: employment}, {kind: remuneration, organisation: icb}]}
"""


@pytest.mark.parametrize("as_of", [None, dt.date(2030, 1, 1)])
def test_sparse_document_runs_every_rule_without_a_check_error(as_of: dt.date | None) -> None:
    settings = Settings(profiles=("statutory", "nhse-policy", "good-practice"), as_of=as_of)
    report = check_text(SPARSE, "sparse.yaml", settings=settings, entry_points=False)
    outcomes = {o.rule: o.status for o in report.documents[0].outcomes}
    assert "error" not in outcomes.values()
    assert outcomes["GOV107"] == outcomes["GOV205"] == "failed"
    assert outcomes["GOV108"] == "passed"  # silent on removal: para 6 is not breached
    assert outcomes["GOV212"] == ("not_applicable" if as_of is None else "passed")


def test_cross_links_name_at_most_three_other_members() -> None:
    trustee = "        - {kind: office, organisation: charity-national, role: trustee, from: 2020-01-01}\n"
    text = REFERENCE.read_text()
    for anchor in ("role: chief executive, from: 2018-05-01}\n", "role: clinical director, from: 2019-07-01}\n",
                   "role: finance director, from: 2010-04-01, to: 2019-03-31}\n"):
        text = text.replace(anchor, anchor + trustee)
    text = text.replace("      elected_office: {mp: false,", "      interests:\n" + trustee + "      elected_office: {mp: false,")
    found = _findings(text, "GOV216")
    assert [p for p, _ in found] == ["/board/members/0/interests/0", "/board/members/5/interests/1"]
    assert "'Helen Ashworth' (chair) and board member(s) 'Graham Osei', 'Sarah Whitcombe', 'Dr Imran Siddiqui' and 1 more" \
        in found[0][1]


# -- checks on small inline documents (govcheck.testing.run_check) ----------------------------

TWO_MEMBERS = """
board:
  members:
    - {id: m-a, name: A Person, roles: [chair, %s], voting: true}
    - {id: m-b, name: B Person, roles: [non_executive], voting: true}
"""


@pytest.mark.parametrize(("second_role", "paths"), [
    ("chief_executive", ["/board/members/0/roles"]),
    ("deputy_chair", []),  # not one of GOV102's counted roles
])
def test_chair_and_chief_executive_are_two_people(second_role: str, paths: list[str]) -> None:
    violations = run_check("board.one_capacity", TWO_MEMBERS % second_role, rule="GOV102")
    assert [v.path for v in violations] == paths
    assert [v.message for v in violations] == [
        "'A Person' holds 2 counted roles (chair, chief_executive); a person counts in one capacity only"
    ][: len(paths)]


@pytest.mark.parametrize(
    ("role", "low", "words"),
    [
        ("non_executive", 2, "at least 2 non-executive members"),
        ("finance_director", 2, "at least 2 directors of finance"),
        ("deputy_chair", 3, "at least 3 deputy chairs"),
        ("partner_trust", 2, "at least 2 partner members nominated by NHS trusts and foundation trusts"),
        ("non_executive", 1, "a non-executive member"),
    ],
)
def test_a_missing_role_is_counted_in_words_that_agree_with_the_number(role: str, low: int, words: str) -> None:
    board = {"board": {"members": [{"id": "m-1", "name": "A One", "roles": ["chair"]}]}}
    found = run_check("board.requires_roles", board, params={"requirements": [{"role": role, "min": low}]})
    assert [v.message for v in found] == [f"the board needs {words} (role {role}); it has none"]
