"""Who may nominate a partner member (issue 12, item 3): each nominator against Sch. 1B
para 8, and a joint nomination judged from the eligible set, not from a flag."""

from __future__ import annotations

from pathlib import Path

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import REFERENCE, assert_fixture_findings, edit
from tests.positions import node_position

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
REF = REFERENCE.read_text()
TRUSTS = "nominated_by: [ft-wessex-hospitals, trust-solent-care, ft-coast-ambulance]"
COUNCILS = "nominated_by: [la-westmere, la-castleport, la-harrow, la-portbury]"
SPECIALIST = (
    "  - {id: ft-london-heart, name: London Heart Hospital NHS Foundation Trust, kind: foundation_trust,"
    " in_footprint: false, services: [specialist]}\n"
)


# positioned at the node's place in the fixture (tests/positions.py)
EXPECTED_GOV124 = [(
    "/board/members/10/appointment/nominated_by/1",
    "Downsvale District Council may not nominate the local authority partner member (m-partner-la): "
    "it has no social care functions (a lower-tier district council)",
)]


def _findings(text: str) -> list[tuple[str, int, str, str]]:
    report = check_text(text, "nominations.yaml", settings=ALL, entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.rule, f.line, f.path, f.message) for f in report.findings]


def test_district_council_nominating_is_caught_by_gov124_alone() -> None:
    report = assert_fixture_findings("GOV124-partner-nominator-eligible", EXPECTED_GOV124, ALL)
    assert {f.rule for f in report.findings} == {"GOV124"}


def test_trust_providing_no_services_in_the_area() -> None:
    text = edit(REF, ("  - {id: nhse,", SPECIALIST + "  - {id: nhse,"),
                 (TRUSTS, "nominated_by: [ft-wessex-hospitals, trust-solent-care, ft-coast-ambulance, ft-london-heart]"))
    assert _findings(text) == [(
        "GOV124", node_position(text, "/board/members/8/appointment/nominated_by/3")[0], "/board/members/8/appointment/nominated_by/3",
        "London Heart Hospital NHS Foundation Trust may not nominate the trust partner member (m-partner-trust): "
        "it is not recorded as providing services within the ICB's area (serves_icb_area or in_footprint)",
    )]


def test_a_trust_serving_the_area_from_outside_is_eligible_and_joins_the_joint_set() -> None:
    serving = SPECIALIST.replace("in_footprint: false", "in_footprint: false, serves_icb_area: true")
    text = edit(REF, ("  - {id: nhse,", serving + "  - {id: nhse,"))
    assert _findings(text) == [(
        "GOV112", node_position(text, "/board/members/8/appointment/nominated_by")[0], "/board/members/8/appointment/nominated_by",
        "'Sarah Whitcombe' holds the partner member nominated by NHS trusts and foundation trusts seat but is "
        "not recorded as jointly nominated: nominated by 3 of the 4 eligible organisations (not by London Heart "
        "Hospital NHS Foundation Trust); list every eligible nominator under appointment.nominated_by, or state "
        "the joint process (appointment.joint_process)",
    )]


def test_joint_flag_with_one_trust_of_three_is_not_a_joint_nomination() -> None:
    text = edit(REF, (TRUSTS, "nominated_by: [ft-wessex-hospitals]"))
    found = _findings(text)
    assert [f[:3] for f in found] == [("GOV112", node_position(text, "/board/members/8/appointment/nominated_by")[0], "/board/members/8/appointment/nominated_by")]
    assert ("nominated by 1 of the 3 eligible organisations (not by Solent Community and Mental Health NHS "
            "Trust, South Coast Ambulance Service NHS Foundation Trust)") in found[0][3]


def test_a_stated_joint_process_is_a_joint_nomination() -> None:
    text = edit(REF, (TRUSTS, "nominated_by: [ft-wessex-hospitals]\n"
                               "        joint_process: Constitution section 3.6 (every trust in the area is invited)"))
    assert _findings(text) == []


def test_council_outside_the_area_and_body_of_the_wrong_kind() -> None:
    outside = ("  - {id: la-far, name: Farshire County Council, kind: local_authority, tier: upper,"
               " in_footprint: false}\n")
    text = edit(REF, ("  - {id: nhse,", outside + "  - {id: nhse,"),
                 (COUNCILS, "nominated_by: [la-westmere, la-castleport, la-harrow, la-portbury, la-far, vcse-alliance]"))
    assert [f[:3] for f in _findings(text)] == [
        ("GOV124", node_position(text, "/board/members/10/appointment/nominated_by/4")[0], "/board/members/10/appointment/nominated_by/4"),
        ("GOV124", node_position(text, "/board/members/10/appointment/nominated_by/5")[0], "/board/members/10/appointment/nominated_by/5"),
    ]
    messages = [f[3] for f in _findings(text)]
    assert messages[0].endswith("its area neither coincides with nor includes any part of the ICB's area "
                                "(icb.area.local_authorities)")
    assert messages[1].endswith("it is not a local authority")


def test_a_charity_nominating_the_trust_partner_is_caught_by_gov124_alone() -> None:
    # GOV124 owns who may nominate; the former GOV157 (nominators in the area) judged the same.
    text = edit(REF, (TRUSTS, "nominated_by: [ft-wessex-hospitals, trust-solent-care, ft-coast-ambulance, charity-national]"))
    assert _findings(text) == [(
        "GOV124", 232, "/board/members/8/appointment/nominated_by/3",
        "National Carers Trust may not nominate the trust partner member (m-partner-trust): "
        "it is not an NHS trust or an NHS foundation trust",
    )]


# GOV101 (a partner seat has at least one eligible nominator) and GOV124 (each nominator is
# eligible) read one notion of eligibility, so they can never disagree about a nominator.
PC = "nominated_by: [pc-castleport-gps, pc-westmere-pcns, pc-harrow-gps, pc-portbury-gps]"
GP_TRUST = ("  - {id: trust-gp, name: Castleport Community Trust, kind: nhs_trust, in_footprint: true,"
            " services: [community, primary_care]}\n")
OUTSIDE_GPS = ("  - {id: pc-elsewhere, name: Elsewhere GP Federation, kind: primary_care, in_footprint: false,"
               " services: [primary_care]}\n")


def _nominator_rules(text: str) -> list[tuple[str, str, str]]:
    return [(rule, path, message) for rule, _, path, message in _findings(text) if rule in ("GOV101", "GOV124")]


def test_a_trust_providing_primary_medical_services_satisfies_both_rules() -> None:
    # GOV101 used to read the nominator's kind only: a trust that holds GP contracts (a
    # provider of primary medical services, para 8) was "no primary care" to it, and fine to GOV124.
    text = edit(REF, ("  - {id: nhse,", GP_TRUST + "  - {id: nhse,"),
                 (PC, "nominated_by: [trust-gp]\n        joint_process: Constitution section 3.6"))
    assert _nominator_rules(text) == []


def test_a_primary_care_provider_outside_the_area_fails_both_rules() -> None:
    # ... and a GP federation serving another area passed GOV101 by its kind while GOV124 caught it.
    text = edit(REF, ("  - {id: nhse,", OUTSIDE_GPS + "  - {id: nhse,"),
                 (PC, "nominated_by: [pc-elsewhere]\n        joint_process: Constitution section 3.6"))
    why = "it is not recorded as providing services within the ICB's area (serves_icb_area or in_footprint)"
    assert _nominator_rules(text) == [
        ("GOV101", "/board/members/9/appointment/nominated_by",
         "'Dr Imran Siddiqui' holds the partner member nominated by primary medical services providers seat "
         f"but none of its nominators may nominate for it: Elsewhere GP Federation: {why}"),
        ("GOV124", "/board/members/9/appointment/nominated_by/0",
         "Elsewhere GP Federation may not nominate the primary care partner member (m-partner-pc): " + why),
    ]


def test_a_partner_seat_with_no_nominator_names_who_must_nominate() -> None:
    text = edit(REF, ("        " + PC + "\n        joint_nomination: true\n", ""))
    assert _nominator_rules(text) == [(
        "GOV101", "/board/members/9/appointment",
        "'Dr Imran Siddiqui' holds the partner member nominated by primary medical services providers seat but "
        "names no nominator (appointment.nominated_by); it must be nominated by a provider of primary medical services",
    )]


def test_gov101_gov124_and_gov112_state_one_set_of_criteria() -> None:
    from govcheck.checks.shared import STATUTORY
    from govcheck.plugins import load_registry

    rules = load_registry([], entry_points=False).rules
    by_seat = {req["role"]: req["nominators"] for req in rules["GOV101"].params["requirements"] if "nominators" in req}
    assert by_seat == dict(rules["GOV124"].params["nominators"]) == STATUTORY  # GOV112 uses STATUTORY
    bill = {req["role"]: req["nominators"] for req in rules["GOV151"].params["requirements"] if "nominators" in req}
    assert bill == {role: STATUTORY[role] for role in ("partner_trust", "partner_primary_medical")}


def test_a_pack_written_with_the_older_nominator_parameters_still_loads_and_judges(tmp_path: Path) -> None:
    # Packs written before the criteria were shared named nominators by kind
    # (nominated_by_kinds) and area (nominators_in_area); they load and read as kinds / area.
    from govcheck.testing import run_rule
    from tests.conftest import one_rule_pack

    params = {"requirements": [{"role": "partner_local_authority", "min": 1, "nominated_by_kinds": ["local_authority"],
                                "nominators_in_area": True}]}
    pack = one_rule_pack(tmp_path, "board.requires_roles", params)
    assert run_rule("T001", rule_packs=[pack], entry_points=False).findings == []
    a_trust = {"board": {"members": {"10": {"appointment": {"nominated_by": ["trust-solent-care"]}}}}}
    result = run_rule("T001", a_trust, rule_packs=[pack], entry_points=False)
    assert [(f.rule, f.path) for f in result.findings] == [("T001", "/board/members/10/appointment/nominated_by")]
    assert result.messages == [
        "'Cllr Bernadette Quinn' holds the partner member nominated by the local authorities in the area seat but "
        "none of its nominators may nominate for it: Solent Community and Mental Health NHS Trust: it is not a local authority"
    ]
