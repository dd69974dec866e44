"""Fixtures modelled on published constitutions (issue 12, item 9): a London ICB, a county ICB
with districts and a partly covered council, and a 2026 clustered ICB sharing its chair and
chief executive with a vacant seat and an acting chair. Each is compliant; each single-fault
variant (one edit) is caught by exactly the rule meant to catch it, at the exact position.
"""

from __future__ import annotations

import pytest

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import FIXTURES

DEFAULT = Settings(profiles=("statutory", "nhse-policy"))
ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
REAL = ("clustered-2026", "county-icb", "london-icb")


def _text(name: str) -> str:
    return (FIXTURES / "valid" / f"{name}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", REAL)
@pytest.mark.parametrize("settings", [DEFAULT, ALL], ids=["default", "with-good-practice"])
def test_real_fixture_is_compliant(name: str, settings: Settings) -> None:
    report = check_text(_text(name), f"{name}.yaml", settings=settings, entry_points=False)
    assert [(f.rule, f.line, f.message) for f in report.findings] == []
    statuses = {o.rule: o.status for d in report.documents for o in d.outcomes}
    # All pass but the Health Bill 2026 rules, not applicable while the Bill is not in force.
    bill = {r.id for r in report.rules.values() if r.law and r.law["from"] == "health-bill-2026"}
    assert {r for r, s in statuses.items() if s != "passed"} == bill
    assert {statuses[r] for r in bill} == {"not_applicable"}


# (fixture, issue item, edits) -> the single finding expected: (rule, line, column, path, message)
VARIANTS = {
    "acting chair beyond the period": (
        "clustered-2026", [("designated_by: nhse, from: 2026-01-05}", "designated_by: nhse, from: 2025-08-01}")],
        ("GOV123", 174, 11, "/board/members/0/holders/0",
         "the chair seat (m-chair) has been held only by an acting holder, 'Dame Alison Frere', since 2025-08-01: "
         "243 days, more than 183 (max_acting_days)"),
    ),
    "two undated holders of the chief executive's seat": (
        "clustered-2026",
        [("        - {person: p-okonkwo, from: 2025-10-01}\n", "        - {person: p-okonkwo}\n        - {person: p-frere}\n")],
        ("GOV011", 184, 7, "/board/members/1/holders",
         "seat 'm-ceo' (chief executive) has 2 holders at once ('David Okonkwo', 'Dame Alison Frere') and no dates "
         "say who holds it now: give each holding its from and to dates"),
    ),
    "cluster chair's seat not recorded as shared": (
        "clustered-2026",
        [("      roles: [chair]\n      voting: true\n      shared_with: [icb-fenwold]\n", "      roles: [chair]\n      voting: true\n")],
        ("GOV216", 152, 9, "/people/0/interests/0",
         "'Dame Alison Frere' (chair) and board member(s) 'David Okonkwo' both hold roles at NHS Fenwold Integrated "
         "Care Board: a significant link through another body"),
    ),
    "committees in common with a VCSE body": (
        "clustered-2026", [("    parties: [icb-fenwold]\n", "    parties: [icb-fenwold, vcse-alliance]\n")],
        ("GOV405", 369, 28, "/committees/6/parties/1",
         "'Northmarch and Fenwold Commissioning Committees in Common' includes 'Northmarch VCSE Alliance', a vcse, "
         "which is not a body an ICB may form joint arrangements with"),
    ),
    "delegation to the place committees without limits": (
        "london-icb", [(', limits: "each borough\'s delegated budget, up to £60m a year"', "")],
        ("GOV410", 386, 92, "/accountabilities/17/delegated_to",
         "'Resources delegated to the six places' is delegated to committee c-place-ashgrove, c-place-bexmoor, "
         "c-place-colnbrook, c-place-dunmere, c-place-eastwick, c-place-fulwood without stating the scope and limits "
         "of the delegation (limits)"),
    ),
    "a 'joint' nomination by one trust of five": (
        "london-icb",
        [("        nominated_by: [ft-thames-acute, ft-riverside, trust-south-mh, trust-community, trust-london-ambulance]\n"
          "        procedure: Constitution section 3.6 (joint nomination by the trusts and foundation trusts)\n"
          "        first_appointed: 2022-07-01\n        term_years: 2\n      interests:\n"
          "        - {kind: employment, organisation: ft-riverside,",
          "        nominated_by: [ft-riverside]\n"
          "        procedure: Constitution section 3.6 (joint nomination by the trusts and foundation trusts)\n"
          "        first_appointed: 2022-07-01\n        term_years: 2\n      interests:\n"
          "        - {kind: employment, organisation: ft-riverside,")],
        ("GOV112", 245, 9, "/board/members/9/appointment/nominated_by",
         "'Oliver Kent' holds the partner member nominated by NHS trusts and foundation trusts seat but is not "
         "recorded as jointly nominated: nominated by 1 of the 5 eligible organisations (not by Thamesreach "
         "University Hospitals NHS Foundation Trust, South Thamesreach Mental Health NHS Trust, Thamesreach "
         "Community Health NHS Trust, Capital Ambulance Service NHS Trust); list every eligible nominator under "
         "appointment.nominated_by, or state the joint process (appointment.joint_process)"),
    ),
    "a council partly in the area without its part": (
        "county-icb",
        [("    part_in_area: The district of Fenley (the lower layer super output areas in Appendix 3); the rest of "
          "Eastmarch is in NHS Fenwold ICB's area.\n", "")],
        ("GOV125", 49, 15, "/organisations/4/coverage",
         "'Eastmarch County Council' is only partly in the ICB area (coverage: part) but the document does not say "
         "which part (organisations[].part_in_area)"),
    ),
    "a county split between places, one part not described": (
        "county-icb", [("    parts: [{local_authority: la-greyshire, description: the districts of Ashby and Brenford}]\n", "")],
        ("GOV304", 88, 25, "/places/0/local_authorities/0",
         "'Greyshire County Council' is split between 2 places; a place should match whole health and wellbeing "
         "board (upper-tier local authority) footprints, or say which part is its own: place 'North Greyshire' does not "
         "(parts)"),
    ),
    "a district council nominating the local authority partner member": (
        "county-icb",
        [("nominated_by: [la-greyshire, la-kingsport, la-eastmarch, la-solway]",
          "nominated_by: [la-greyshire, la-kingsport, la-eastmarch, la-solway, la-carrow]")],
        ("GOV124", 290, 77, "/board/members/10/appointment/nominated_by/4",
         "Carrow District Council may not nominate the local authority partner member (m-partner-la): it has no "
         "social care functions (a lower-tier district council)"),
    ),
    "the county appointing its group of councillors itself": (
        "county-icb", [("count: 7, nominated_by: la-greyshire, appointed_by: icp,", "count: 7, appointed_by: la-greyshire,")],
        ("GOV803", 428, 101, "/icp/members/3/appointed_by",
         "'further Greyshire county councillors' are 7 further members appointed by 'Greyshire County Council': each "
         "local authority appoints exactly one; further members are appointed by the partnership (substitutes are "
         "not members)"),
    ),
    "a substitute not marked as one": (
        "county-icb", [(", substitute_for: icp-greyshire}", "}")],
        ("GOV803", 427, 67, "/icp/members/2/appointed_by",
         "'Cllr Ian Marsh' is a further member appointed by 'Greyshire County Council': each local authority appoints "
         "exactly one; further members are appointed by the partnership (substitutes are not members)"),
    ),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_single_fault_variant_is_caught_by_exactly_its_rule(variant: str) -> None:
    base, edits, expected = VARIANTS[variant]
    text = _text(base)
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    report = check_text(text, f"{base}.yaml", settings=ALL, entry_points=False)
    assert [(f.rule, f.line, f.column, f.path, f.message) for f in report.findings] == [expected]
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]


@pytest.mark.parametrize("name", (*REAL, "reference"))
def test_fixture_is_valid_against_the_published_schema_with_jsonschema(name: str) -> None:
    # What an editor's yaml-language-server does with the schema: Draft 2020-12, no errors.
    import json

    import jsonschema
    import yaml

    schema = json.loads((FIXTURES.parent / "govcheck" / "schemas" / "constitution-v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(yaml.safe_load(_text(name)), default=str))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
