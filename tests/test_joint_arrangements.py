"""Joint and shared arrangements (issue 12, item 8): joint committees and committees in
common with other ICBs and NHS England, and seats shared with a neighbouring ICB."""

from __future__ import annotations

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import REFERENCE
from tests.positions import node_position

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
REF = REFERENCE.read_text()
NEIGHBOUR = "  - {id: icb-fenland, name: NHS Fenland Integrated Care Board, kind: icb, in_footprint: false}\n"
JOINT = (
    "  - id: c-joint-specialised\n    name: Joint Specialised Commissioning Committee\n    type: joint\n"
    "    arrangement: joint_committee\n    parties: [icb-fenland, nhse]\n    chair: m-ned-1\n"
    "    members: [m-ned-1, m-cfo]\n    terms_of_reference: true\n"
)
DELEGATION = ('  - {id: f-specialised, function: Specialised services commissioning, owner: board,'
              ' delegated_to: [c-joint-specialised], limits: "decisions within the delegated specialised budget"}\n')


def _doc(joint: str = JOINT, delegation: str = DELEGATION) -> str:
    text = REF.replace("  - {id: nhse, name: NHS England", NEIGHBOUR + "  - {id: nhse, name: NHS England", 1)
    text = text.replace("\naccountabilities:\n", joint + "\naccountabilities:\n" + delegation, 1)
    assert text.count("c-joint-specialised") == 2
    return text


def _findings(text: str) -> list[tuple[str, int, str, str]]:
    report = check_text(text, "joint.yaml", settings=ALL, entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.rule, f.line, f.path, f.message) for f in report.findings]


def test_a_joint_committee_with_another_icb_and_nhs_england() -> None:
    assert _findings(_doc()) == []


def test_committees_in_common_with_a_body_the_act_does_not_permit() -> None:
    text = _doc(JOINT.replace("joint_committee", "committees_in_common").replace("[icb-fenland, nhse]",
                                                                                  "[icb-fenland, vcse-alliance]"))
    assert _findings(text) == [(
        "GOV405", node_position(text, "/committees/6/parties/1")[0], "/committees/6/parties/1",
        "'Joint Specialised Commissioning Committee' includes 'Wessex Coast VCSE Alliance', a vcse, which is not "
        "a body an ICB may form joint arrangements with",
    )]


def test_a_joint_committee_names_its_other_parties() -> None:
    text = _doc(JOINT.replace("    parties: [icb-fenland, nhse]\n", ""))
    assert _findings(text) == [(
        "GOV405", node_position(text, "/committees/6")[0], "/committees/6",
        "'Joint Specialised Commissioning Committee' is a joint committee or committees in common but names no "
        "other party (parties)",
    )]


def test_a_delegation_to_a_joint_committee_states_its_limits() -> None:
    text = _doc(delegation=DELEGATION.replace(', limits: "decisions within the delegated specialised budget"', ""))
    assert [f[:3] for f in _findings(text)] == [("GOV410", node_position(text, "/accountabilities/0/delegated_to")[0], "/accountabilities/0/delegated_to")]


def test_a_whole_board_shared_with_the_neighbour() -> None:
    # A 2025-26 cluster: the chair and the chief executive sit on both boards; each holds
    # an office at the neighbouring ICB, which is neither a second capacity nor a link.
    text = REF.replace("  - {id: nhse, name: NHS England", NEIGHBOUR.replace("false", "true")
                       + "  - {id: nhse, name: NHS England", 1)
    for seat in ("      roles: [chair]\n      voting: true\n", "      roles: [chief_executive]\n      voting: true\n"):
        assert text.count(seat) == 1
        text = text.replace(seat, seat + "      shared_with: [icb-fenland]\n")
    ceo_checks = ("        first_appointed: 2022-07-01\n      checks: {fit_and_proper: true, nolan_principles: true,"
                  " disqualifications_clear: true}\n    - id: m-cfo\n")
    assert text.count(ceo_checks) == 1
    text = text.replace(ceo_checks, ceo_checks.replace(
        "      checks:", "      interests:\n        - {kind: employment, organisation: icb-fenland, role: chief executive,"
        " from: 2025-10-01}\n      checks:"))
    text = text.replace(
        "        - {kind: office, organisation: charity-national, role: trustee, from: 2019-01-01}\n",
        "        - {kind: office, organisation: charity-national, role: trustee, from: 2019-01-01}\n"
        "        - {kind: office, organisation: icb-fenland, role: chair, from: 2025-10-01}\n", 1)
    assert _findings(text) == []
    unshared = text.replace("      shared_with: [icb-fenland]\n", "")
    assert {f[0] for f in _findings(unshared)} == {"GOV201", "GOV216"}
