"""Board seats, holders and the register of people (issue 12, item 1).

A seat is the office the constitution provides for: statutory rules judge the seats, people
rules judge the holders, and a vacancy is its own NHS-England-policy finding, never a
statutory error. Each failing fixture gives exactly its rule's findings and nothing else.
"""

from __future__ import annotations

import pytest

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import REFERENCE, assert_fixture_findings, edit
from tests.fixture_edits import SEAT_EDITS
from tests.positions import AtKey, node_position

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))

EXPECTED = {
    "GOV013-interest-dates": [
        ("/board/members/5/interests/0/to",
         "the interest of 'Graham Osei' (finance director at University of Northfield) ends (2009-03-31) before "
         "it begins (2010-04-01)"),
    ],
    "GOV011-seat-holders": [
        (AtKey("/board/members/5/holders"),
         "seat 'm-ned-1' (non-executive member) has 2 holders at once ('Graham Osei', 'Lena Grant') "
         "and no dates say who holds it now"),
    ],
    "GOV123-statutory-office-vacant": [
        ("/board/members/1",
         "the chief executive seat (m-ceo) is vacant and nobody is designated to act in it"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_failing_fixture_gives_exactly_its_rules_findings(name: str) -> None:
    report = assert_fixture_findings(name, EXPECTED[name], ALL)
    assert {f.rule for f in report.findings} == {name.split("-")[0]}


def test_every_seat_fixture_has_an_expectation() -> None:
    # asserted elsewhere: GOV124 in test_nominations.py, GOV125 in test_geography.py,
    # GOV410 in test_rules_d_to_k.py
    others = ["GOV124-partner-nominator-eligible", "GOV125-area-part-described", "GOV410-committee-delegation-limits"]
    assert sorted(SEAT_EDITS) == sorted([*EXPECTED, *others])


def _findings(text: str, settings: Settings = ALL) -> list[tuple[str, int, str, str]]:
    report = check_text(text, "edited.yaml", settings=settings, entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.rule, f.line, f.path, f.message) for f in report.findings]


CHAIR_PERSON = "      name: Helen Ashworth\n      roles: [chair]\n      voting: true\n      employee_of_icb: false\n"
CHAIR_TAIL = (
    "      interests:\n        - {kind: office, organisation: charity-national, role: trustee, from: 2019-01-01}\n"
    "      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n    - id: m-ceo\n"
)
VACANT = edit(  # the chair's seat vacant, nobody acting
    REFERENCE.read_text(),
    (CHAIR_PERSON, "      vacant: true\n      roles: [chair]\n      voting: true\n"),
    (CHAIR_TAIL, "    - id: m-ceo\n"),
)
PEOPLE = (
    "people:\n"
    "  - {id: p-haddad, name: Amira Haddad, employee_of_icb: false, expertise: [governance, public involvement],"
    " checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}}\n"
    "board:\n  id: board\n"
)
NED2 = (
    "    - id: m-ned-2\n      name: Amira Haddad\n      roles: [non_executive, deputy_chair, senior_non_executive]\n"
    "      voting: true\n      employee_of_icb: false\n      expertise: [governance, public involvement]\n"
    "      appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2022-07-01, term_years: 3}\n"
    "      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n"
)
NED2_SEAT = (
    "    - id: m-ned-2\n      roles: [non_executive, deputy_chair, senior_non_executive]\n      voting: true\n"
    "      holders: [{person: p-haddad, from: 2022-07-01}]\n"
    "      appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2022-07-01, term_years: 3}\n"
)
ACTING_CHAIR = edit(
    VACANT,
    ("      vacant: true\n      roles: [chair]\n",
     "      vacant: true\n      roles: [chair]\n      holders:\n"
     "        - {person: p-haddad, capacity: acting, designated_by: board, from: 2026-01-15}\n"),
    (NED2, NED2_SEAT),
    ("board:\n  id: board\n", PEOPLE),
)
# With the chair vacant and the deputy chair acting, one person can fill the reference's
# "chair or deputy" quorum role: a real consequence of the vacancy (GOV508), nothing statutory.
SOLE_CHAIR = (
    "GOV508", node_position(ACTING_CHAIR, "/board/quorum/required_roles/0")[0], "/board/quorum/required_roles/0",
    "only 'Amira Haddad' (m-chair) can fill the chair or deputy chair (chair_or_deputy) in the quorum: "
    "if they are absent or conflicted the board is inquorate",
)


def test_vacant_chair_with_an_acting_chair_gives_no_statutory_finding() -> None:
    # Sch. 1B requires the constitution to provide for a chair; the chair seat and the
    # appointment of the chief executive by the chair survive the vacancy.
    assert _findings(ACTING_CHAIR) == [SOLE_CHAIR]


def test_vacant_chair_is_never_a_statutory_error() -> None:
    assert _findings(VACANT, Settings(profiles=("statutory",))) == []
    assert [f[0] for f in _findings(VACANT)] == ["GOV123", "GOV508"]


def test_acting_beyond_the_period_is_reported_at_the_holding() -> None:
    late = edit(ACTING_CHAIR, ("as_of: 2026-04-01", "as_of: 2026-09-01"))
    assert _findings(late) == [(
        "GOV123", node_position(late, "/board/members/0/holders/0")[0], "/board/members/0/holders/0",
        "the chair seat (m-chair) has been held only by an acting holder, 'Amira Haddad', since "
        "2026-01-15: 229 days, more than 183 (max_acting_days)",
    ), SOLE_CHAIR]
    longer = Settings(profiles=ALL.profiles, params={"GOV123": {"max_acting_days": 365}})
    assert _findings(late, longer) == [SOLE_CHAIR]


def test_acting_holder_must_say_who_designated_them_and_since_when() -> None:
    text = edit(ACTING_CHAIR, ("capacity: acting, designated_by: board, from: 2026-01-15", "capacity: acting"))
    assert _findings(text) == [(
        "GOV011", node_position(text, "/board/members/0/holders/0")[0], "/board/members/0/holders/0",
        "'Amira Haddad' acts in seat 'm-chair' (chair) but the entry does not say who designated them "
        "(designated_by) and since when (from)",
    ), SOLE_CHAIR]


def test_holder_not_in_the_register_is_an_unresolved_reference() -> None:
    text = edit(ACTING_CHAIR, ("{person: p-haddad, from: 2022-07-01}", "{person: p-hadad, from: 2022-07-01}"))
    assert _findings(text) == [("GOV007", node_position(text, "/board/members/6/holders/0/person")[0], "/board/members/6/holders/0/person",
                                "'p-hadad' is not defined anywhere in the document (expected the id of a person)"),
                               SOLE_CHAIR]


def test_vacancy_with_no_office_is_reported_plainly() -> None:
    text = edit(VACANT, ("      vacant: true\n      roles: [chair]\n", "      vacant: true\n      roles: []\n"))
    found = [f for f in _findings(text) if f[0] == "GOV011"]
    assert found == [("GOV011", node_position(text, "/board/members/0/roles")[0], "/board/members/0/roles",
                      "seat 'm-chair' is marked vacant but names no office: list the role the vacant seat is for")]


def test_seat_with_no_holder_and_not_vacant() -> None:
    text = edit(VACANT, ("      vacant: true\n      roles: [chair]\n", "      roles: [chair]\n"))
    found = [f for f in _findings(text) if f[0] == "GOV011"]
    assert found == [("GOV011", node_position(text, "/board/members/0")[0], "/board/members/0",
                      "seat 'm-chair' (chair) says nobody holds it and is not marked vacant: give the holder's "
                      "name, list its holders, or write vacant: true")]


def test_person_fields_on_a_vacant_seat_belong_to_a_person() -> None:
    text = edit(REFERENCE.read_text(), ("      name: Helen Ashworth\n", "      vacant: true\n"))
    found = [f for f in _findings(text) if f[0] == "GOV011"]
    assert [f[2] for f in found] == ["/board/members/0/employee_of_icb", "/board/members/0/interests",
                                     "/board/members/0/checks"]
    assert "is marked vacant: checks describes a person" in found[2][3]


def test_one_person_in_two_appointed_seats_counts_once() -> None:
    cfo = ("    - id: m-cfo\n      name: Rachel Lindqvist\n      roles: [finance_director]\n      voting: true\n"
           "      employee_of_icb: true\n      expertise: [finance]\n")
    text = edit(ACTING_CHAIR, (cfo, "    - id: m-cfo\n      roles: [finance_director]\n      voting: true\n"
                                     "      holders: [{person: p-haddad, from: 2022-07-01}]\n"))
    text = edit(text, ("      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n"
                        "    - id: m-cmo\n", "    - id: m-cmo\n"))
    found = [f for f in _findings(text) if f[0] in ("GOV104",)]
    assert found == [("GOV104", node_position(text, "/board/members/6/roles")[0], "/board/members/6/roles",
                      "'Amira Haddad' holds 2 counted roles (finance_director, non_executive) through seats "
                      "m-cfo, m-ned-2; a person counts in one capacity only")]


def test_acting_in_a_seat_is_not_a_second_capacity_nor_a_link() -> None:
    # Amira Haddad is a non-executive member and acting chair: GOV102/GOV104 (one
    # capacity) and GOV216 (cross links) must not see two people or two capacities.
    report = check_text(ACTING_CHAIR, "acting.yaml", settings=ALL, entry_points=False)
    status = {o.rule: o.status for d in report.documents for o in d.outcomes}
    assert status["GOV102"] == status["GOV104"] == status["GOV216"] == "passed"


NEIGHBOUR = "  - {id: icb-fenland, name: NHS Fenland Integrated Care Board, kind: icb, in_footprint: true}\n"


def test_a_seat_shared_with_another_icb_is_not_a_footprint_role() -> None:
    base = edit(
        REFERENCE.read_text(),
        ("  - {id: nhse, name: NHS England", NEIGHBOUR + "  - {id: nhse, name: NHS England"),
        ("        - {kind: office, organisation: charity-national, role: trustee, from: 2019-01-01}\n",
         "        - {kind: office, organisation: charity-national, role: trustee, from: 2019-01-01}\n"
         "        - {kind: office, organisation: icb-fenland, role: chair, from: 2025-10-01}\n"),
    )
    unshared = [f[:3] for f in _findings(base) if f[0] == "GOV201"]
    assert unshared == [("GOV201", node_position(base, "/board/members/0/interests/1")[0], "/board/members/0/interests/1")]
    shared = edit(base, ("      roles: [chair]\n      voting: true\n",
                          "      roles: [chair]\n      voting: true\n      shared_with: [icb-fenland]\n"))
    assert _findings(shared) == []


def test_a_holding_that_ends_before_it_starts() -> None:
    text = edit(ACTING_CHAIR, ("{person: p-haddad, from: 2022-07-01}", "{person: p-haddad, from: 2022-07-01, to: 2021-01-01}"))
    found = [f for f in _findings(text) if f[0] == "GOV011"]
    assert found == [("GOV011", node_position(text, "/board/members/6/holders/0/to")[0], "/board/members/6/holders/0/to",
                      "the holding of seat 'm-ned-2' by 'Amira Haddad' ends (2021-01-01) before it starts (2022-07-01)")]


# Seats shared with another ICB (issue 12, item 3), on the clustered fixture: Northmarch shares
# its chair and chief executive with NHS Fenwold ICB. One capacity is counted within this ICB,
# and the holder of a shared seat is judged for independence as any holder is.
CLUSTERED = (REFERENCE.parent / "clustered-2026.yaml").read_text()
SUBSTANTIVE_CHAIR = (
    ("      vacant: true\n      roles: [chair]\n", "      roles: [chair]\n"),
    ("{person: p-frere, capacity: acting, designated_by: nhse, from: 2026-01-05}", "{person: p-frere, from: 2026-01-05}"),
)
FRERE = "      - {kind: office, organisation: icb-fenwold, role: chair, from: 2023-04-01}\n"


def _rules(text: str, *rules: str) -> list[tuple[str, str, str]]:
    return [(rule, path, message) for rule, _, path, message in _findings(text) if rule in rules]


def test_a_cluster_chair_of_two_icbs_holds_one_capacity_here() -> None:
    for text in (CLUSTERED, edit(CLUSTERED, *SUBSTANTIVE_CHAIR)):
        report = check_text(text, "clustered.yaml", settings=ALL, entry_points=False)
        status = {o.rule: o.status for d in report.documents for o in d.outcomes}
        assert [status[r] for r in ("GOV102", "GOV104", "GOV201", "GOV214", "GOV216")] == ["passed"] * 5
        assert report.findings == []


def test_a_cluster_chair_who_also_holds_a_second_seat_here_counts_twice() -> None:
    text = edit(CLUSTERED, *SUBSTANTIVE_CHAIR, (
        "    - id: m-ned-4\n      vacant: true\n      roles: [non_executive]\n",
        "    - id: m-ned-4\n      roles: [non_executive]\n      holders: [{person: p-frere, from: 2026-01-05}]\n",
    ))
    assert _rules(text, "GOV102", "GOV104") == [(
        "GOV104", "/board/members/8/roles",
        "'Dame Alison Frere' holds 2 counted roles (chair, non_executive) through seats m-chair, m-ned-4; "
        "a person counts in one capacity only",
    )]


def test_the_holder_of_a_shared_non_executive_seat_is_judged_as_any_holder() -> None:
    shared = edit(CLUSTERED, (
        "      roles: [non_executive]\n      voting: true\n      employee_of_icb: false\n      expertise: [finance, audit]\n",
        "      roles: [non_executive]\n      voting: true\n      shared_with: [icb-fenwold]\n"
        "      employee_of_icb: false\n      expertise: [finance, audit]\n",
    ), ("kind: icb, in_footprint: false}", "kind: icb, in_footprint: true}"))
    interest = "        - {kind: employment, organisation: uni-northfield, role: finance director, from: 2010-04-01, to: 2019-03-31}\n"
    # a role at the ICB the seat is shared with is the seat itself; a trust governorship is not
    at_fenwold = edit(shared, (interest, interest + "        - {kind: office, organisation: icb-fenwold, role: non-executive, from: 2025-10-01}\n"))
    assert _rules(at_fenwold, "GOV201", "GOV216") == []
    governor = edit(at_fenwold, (interest, interest + "        - {kind: office, organisation: trust-solent-care, role: governor, from: 2024-01-01}\n"))
    assert _rules(governor, "GOV201") == [(
        "GOV201", "/board/members/5/interests/1",
        "non-executive member 'Graham Osei' holds a current role (governor) at Solent Community and Mental "
        "Health NHS Trust, which is in the ICS footprint",
    )]


def test_a_shared_chair_paid_by_the_other_icb_draws_the_fee_not_extra_pay() -> None:
    paid = edit(CLUSTERED, *SUBSTANTIVE_CHAIR, (FRERE, FRERE + "      - {kind: remuneration, organisation: icb-fenwold, role: cluster chair fee, from: 2026-01-05}\n"))
    assert _rules(paid, "GOV214") == []
    extra = edit(paid, ("role: cluster chair fee, from: 2026-01-05}", "role: cluster chair fee, from: 2026-01-05}\n"
                         "      - {kind: remuneration, organisation: icb, role: advisory fee, from: 2026-01-05}"))
    assert _rules(extra, "GOV214") == [(
        "GOV214", "/people/0/interests/2",
        "'Dame Alison Frere' (chair) receives remuneration from the ICB beyond the appointment fee (advisory fee)",
    )]


def test_pay_from_another_icb_for_a_post_there_is_not_extra_pay_from_this_icb() -> None:
    """A cluster chair appointed separately to chair the neighbouring ICB (SNEE's chair is interim
    chair of Norfolk and Waveney) is paid there for that post: not remuneration from this ICB
    (GOV214 passes), though it is a link through that ICB with a board member who also works
    there (GOV216, information). Pay recorded against this ICB listed as an organisation under
    its own name is still extra pay."""
    snee = (REFERENCE.parent / "snee-icb.yaml").read_text()
    office = "      - {kind: office, organisation: icb-yare, role: interim chair, from: 2025-04-01}\n"
    separate = edit(snee, ("      shared_with: [icb-yare]\n      holders:\n        - {person: p-chair,",
                           "      holders:\n        - {person: p-chair,"),
                    (office, office + "      - {kind: remuneration, organisation: icb-yare, role: interim chair's fee, from: 2025-04-01}\n"))
    report = check_text(separate, "snee.yaml", settings=ALL, entry_points=False)
    found = [(f.rule, f.path, f.message) for f in report.findings if f.rule in ("GOV214", "GOV216")]
    assert found == [("GOV216", "/people/0/interests/0",
                      "'Edmund Marsh' (chair) and board member(s) 'Caroline Ashworth' both hold roles at NHS Yare "
                      "and Lothing Integrated Care Board: a significant link through another body")]
    own = edit(separate, ("  - {id: icb-msc,", "  - {id: icb-self, name: NHS Deben and North East Colne Integrated Care "
                          "Board, kind: icb, in_footprint: true}\n  - {id: icb-msc,"),
               ("role: interim chair's fee, from: 2025-04-01}", "role: interim chair's fee, from: 2025-04-01}\n"
                "      - {kind: remuneration, organisation: icb-self, role: advisory fee, from: 2025-04-01}"))
    report = check_text(own, "snee.yaml", settings=ALL, entry_points=False)
    assert [(f.rule, f.path, f.message) for f in report.findings if f.rule == "GOV214"] == [
        ("GOV214", "/people/0/interests/2",
         "'Edmund Marsh' (chair) receives remuneration from the ICB beyond the appointment fee (advisory fee)")]


def test_a_seat_shared_with_a_body_that_is_not_an_icb_is_reported_and_exempts_nothing() -> None:
    """``shared_with`` names other ICBs. Written with a trust (or a council), it is a reference of
    the wrong kind (GOV007 at the entry), and the holder's role at that trust is judged as any
    footprint role is: the chair of a provider trust in the footprint (GOV201), linked to the trust
    partner member employed there (GOV216). Before, the entry silently exempted both."""
    text = edit(CLUSTERED, *SUBSTANTIVE_CHAIR,
                ("      shared_with: [icb-fenwold]\n      holders:\n        - {person: p-frere",
                 "      shared_with: [icb-fenwold, ft-wessex-hospitals]\n      holders:\n        - {person: p-frere"),
                (FRERE, FRERE + "      - {kind: office, organisation: ft-wessex-hospitals, role: chair, from: 2024-04-01}\n"))
    assert _rules(text, "GOV007", "GOV201", "GOV216") == [
        ("GOV201", "/people/0/interests/1",
         "chair 'Dame Alison Frere' holds a current role (chair) at Northmarch Hospitals NHS Foundation Trust, "
         "which is in the ICS footprint"),
        ("GOV216", "/people/0/interests/1",
         "'Dame Alison Frere' (chair) and board member(s) 'Sarah Whitcombe' both hold roles at Northmarch "
         "Hospitals NHS Foundation Trust: a significant link through another body"),
        ("GOV007", "/board/members/0/shared_with/1",
         "'ft-wessex-hospitals' is Northmarch Hospitals NHS Foundation Trust (kind foundation_trust), but a "
         "shared seat must name another ICB (an organisation of kind icb)"),
    ]
    # the same role with the seat shared only with the other ICB: still a footprint role
    only_icb = edit(text, ("shared_with: [icb-fenwold, ft-wessex-hospitals]", "shared_with: [icb-fenwold]"))
    assert [f[:2] for f in _rules(only_icb, "GOV007", "GOV201", "GOV216")] == [
        ("GOV201", "/people/0/interests/1"), ("GOV216", "/people/0/interests/1")]


# Bad input (issue 12): each a positioned finding with a plain message, never a traceback.
NED_1 = "    - id: m-ned-1\n      name: Graham Osei\n      roles: [non_executive]\n"


def test_two_holders_from_outside_the_register_with_no_dates() -> None:
    text = edit(REFERENCE.read_text(), (NED_1, "    - id: m-ned-1\n      roles: [non_executive]\n"
                                                "      holders: [{person: p-a}, {person: p-b}]\n"))
    found = [f for f in _findings(text) if f[0] in ("GOV007", "GOV011") and "/holders" in f[2]]
    assert found == [
        ("GOV011", node_position(text, AtKey("/board/members/5/holders"))[0], "/board/members/5/holders",
         "seat 'm-ned-1' (non-executive member) has 2 holders at once ('p-a', 'p-b') and no dates say who "
         "holds it now: give each holding its from and to dates"),
        ("GOV007", node_position(text, "/board/members/5/holders/0/person")[0], "/board/members/5/holders/0/person",
         "'p-a' is not defined anywhere in the document (expected the id of a person)"),
        ("GOV007", node_position(text, "/board/members/5/holders/1/person")[0], "/board/members/5/holders/1/person",
         "'p-b' is not defined anywhere in the document (expected the id of a person)"),
    ]


def test_a_vacancy_without_a_roles_key_is_a_format_finding_at_the_seat() -> None:
    text = edit(REFERENCE.read_text(), (NED_1, "    - id: m-ned-1\n      vacant: true\n"))
    assert [f for f in _findings(text) if f[0] == "GOV005"] == [
        ("GOV005", node_position(text, "/board/members/5")[0], "/board/members/5",
         "/board/members/5: missing required key 'roles'")]
