"""People beyond the board (issue 12, item 7): one register of people, referable by id from
committees and places; a committee chaired by someone who is not on the board is expressible,
and rules that need a board member say so rather than passing silently."""

from __future__ import annotations

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import REFERENCE, edit
from tests.positions import node_position

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
REF = REFERENCE.read_text()
PEOPLE = ("people:\n"
          "  - {id: p-okafor, name: Jo Okafor, organisation: la-westmere}\n"
          "  - {id: p-qureshi, name: Farah Qureshi, expertise: [audit]}\n"
          "board:\n  id: board\n")


def _findings(text: str) -> list[tuple[str, int, str, str]]:
    report = check_text(text, "people.yaml", settings=ALL, entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.rule, f.line, f.path, f.message) for f in report.findings]


def test_a_place_committee_chaired_by_someone_not_on_the_board() -> None:
    text = edit(REF, ("board:\n  id: board\n", PEOPLE),
                 ("    chair: m-ned-2\n    members: [m-ned-2, m-cno]\n    place: place-westmere\n",
                  "    chair: p-okafor\n    members: [p-okafor, m-ned-2, m-cno]\n    place: place-westmere\n"))
    assert _findings(text) == []


def test_an_audit_chair_who_holds_no_board_seat_is_reported() -> None:
    text = edit(REF, ("board:\n  id: board\n", PEOPLE),
                 ("    type: audit\n    chair: m-ned-1\n", "    type: audit\n    chair: p-qureshi\n"))
    found = [f for f in _findings(text) if f[0] == "GOV603"]
    assert found == [("GOV603", node_position(text, "/committees/0/chair")[0], "/committees/0/chair",
                      "'Farah Qureshi', chair of the audit committee, holds no board seat, so is not a "
                      "non-executive member")]


def test_a_committee_member_by_person_id_must_exist() -> None:
    text = edit(REF, ("board:\n  id: board\n", PEOPLE),
                 ("    members: [m-ned-2, m-cno]\n    place: place-westmere\n",
                  "    members: [m-ned-2, m-cno, p-okafro]\n    place: place-westmere\n"))
    assert [f for f in _findings(text) if f[0] == "GOV007"] == [(
        "GOV007", node_position(text, "/committees/5/members/2")[0], "/committees/5/members/2",
        "'p-okafro' is not defined anywhere in the document (expected the id of a member or a person)",
    )]


AUDIT = ("    members: [m-ned-1, m-ned-3]\n    non_board_members:\n"
         "      - {name: Farah Qureshi, independent: true, expertise: [audit]}\n")


def _rule(text: str, rule: str) -> list[tuple[str, int, str, str]]:
    return [f for f in _findings(text) if f[0] == rule]


def test_an_independent_audit_member_from_the_register_counts_as_independent() -> None:
    # Farah Qureshi moves from non_board_members into the register and sits by id
    text = edit(REF, ("board:\n  id: board\n", PEOPLE), (AUDIT, "    members: [m-ned-1, m-ned-3, p-qureshi]\n"))
    assert _rule(text, "GOV607") == []
    without = edit(text, ("    members: [m-ned-1, m-ned-3, p-qureshi]\n", "    members: [m-ned-1, m-ned-3]\n"))
    assert [f[3] for f in _rule(without, "GOV607")] == [
        "the audit committee 'Audit and Risk Committee' has 2 independent member(s); it needs at least 3 "
        "(audit_min_members)"]


def test_an_icb_employee_from_the_register_is_not_an_independent_audit_member() -> None:
    staff = PEOPLE.replace("{id: p-qureshi, name: Farah Qureshi, expertise: [audit]}",
                           "{id: p-qureshi, name: Farah Qureshi, employee_of_icb: true, expertise: [audit]}")
    text = edit(REF, ("board:\n  id: board\n", staff), (AUDIT, "    members: [m-ned-1, m-ned-3, p-qureshi]\n"))
    assert _rule(text, "GOV607") == [
        ("GOV607", node_position(text, "/committees/0/members")[0], "/committees/0/members",
         "the audit committee 'Audit and Risk Committee' has 2 independent member(s); it needs at least 3 "
         "(audit_min_members)"),
        ("GOV607", node_position(text, "/committees/0/members/2")[0], "/committees/0/members/2",
         "'Farah Qureshi' (not on the board) is an employee of the ICB, so not independent: they may attend the "
         "audit committee but should not be a member"),
    ]
    # the same by a current employment at the ICB recorded as an interest
    employed = edit(text, ("employee_of_icb: true, expertise: [audit]}",
                            "expertise: [audit], interests: [{kind: employment, organisation: icb, role: head of "
                            "internal audit, from: 2024-01-01}]}"))
    assert [f[2] for f in _rule(employed, "GOV607")] == ["/committees/0/members", "/committees/0/members/2"]


def test_the_icp_chair_may_be_a_person_from_the_register() -> None:
    text = edit(REF, ("board:\n  id: board\n", PEOPLE),
                 ("    name: Cllr Ruth Penhale\n    member: icp-westmere\n", "    name: Jo Okafor\n    member: p-okafor\n"))
    assert _rule(text, "GOV007") == []
    typo = edit(text, ("    member: p-okafor\n", "    member: p-okafro\n"))
    assert _rule(typo, "GOV007") == [(
        "GOV007", node_position(typo, "/icp/chair/member")[0], "/icp/chair/member",
        "'p-okafro' is not defined anywhere in the document (expected the id of an ICP member or a member or a person)",
    )]
