"""The ICP as constituted (issue 12, item 6): nominating and appointing bodies, substitutes
that never count twice, groups of members counted without inventing people, co-chairs and
vice-chairs; the statutory ICP rules (s116ZA) read them correctly."""

from __future__ import annotations

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import REFERENCE
from tests.positions import node_position

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice", "health-and-prosperity"))
REF = REFERENCE.read_text()
WESTMERE = "    - {id: icp-westmere, name: Cllr Ruth Penhale, appointed_by: la-westmere, organisation: la-westmere, elected: true}\n"


def _findings(text: str, rules: tuple[str, ...]) -> list[tuple[str, int, str, str]]:
    report = check_text(text, "icp.yaml", settings=ALL, entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.rule, f.line, f.path, f.message) for f in report.findings if f.rule in rules]


def _add(entry: str) -> str:
    assert REF.count(WESTMERE) == 1
    return REF.replace(WESTMERE, WESTMERE + entry)


ICP_RULES = ("GOV007", "GOV802", "GOV803", "GOV815")


def test_a_substitute_is_not_a_second_member_for_the_council() -> None:
    sub = ("    - {id: icp-westmere-sub, name: Cllr Ian Marsh, appointed_by: la-westmere, organisation: la-westmere,"
           " substitute_for: icp-westmere}\n")
    assert _findings(_add(sub), ICP_RULES) == []
    counted = sub.replace(", substitute_for: icp-westmere", "")
    assert _findings(_add(counted), ICP_RULES) == [(
        "GOV803", node_position(_add(counted), "/icp/members/2/appointed_by")[0], "/icp/members/2/appointed_by",
        "'Cllr Ian Marsh' is a further member appointed by 'Westmere County Council': each local authority "
        "appoints exactly one; further members are appointed by the partnership (substitutes are not members)",
    )]


def test_a_group_nominated_by_the_county_and_appointed_by_the_partnership() -> None:
    group = ("    - {id: icp-westmere-cllrs, name: further Westmere county councillors, count: 7,"
             " nominated_by: la-westmere, appointed_by: icp, organisation: la-westmere, elected: true}\n")
    assert _findings(_add(group), ICP_RULES) == []
    by_county = group.replace(" nominated_by: la-westmere, appointed_by: icp,", " appointed_by: la-westmere,")
    found = _findings(_add(by_county), ICP_RULES)
    line = node_position(_add(by_county), "/icp/members/2/appointed_by")[0]
    assert [f[:3] for f in found] == [("GOV803", line, "/icp/members/2/appointed_by")]
    assert "'further Westmere county councillors' are 7 further members appointed by 'Westmere County Council'" in found[0][3]


def test_a_member_nominated_by_healthwatch_and_appointed_by_the_partnership() -> None:
    text = REF.replace("{id: icp-healthwatch, name: Tom Aldridge, appointed_by: icp,",
                       "{id: icp-healthwatch, name: Tom Aldridge, nominated_by: hw-castleport, appointed_by: icp,")
    assert text != REF
    assert _findings(text, ICP_RULES) == []


def test_co_chairs_and_vice_chairs_name_members() -> None:
    leads = ("  co_chairs:\n    - {name: Cllr Dev Patel, member: icp-castleport}\n"
             "  vice_chairs:\n    - {name: Cllr Morag Tait, member: icp-harrow}\n    - {name: Tom Aldridge, member: icp-healthwatsh}\n")
    text = REF.replace("  integrated_care_strategy: true\n", leads + "  integrated_care_strategy: true\n")
    assert text != REF
    assert _findings(text, ICP_RULES) == [(
        "GOV007", node_position(text, "/icp/vice_chairs/1/member")[0], "/icp/vice_chairs/1/member",
        "'icp-healthwatsh' is not defined anywhere in the document (expected the id of an ICP member or a member or a person)",
    )]
