"""Transcriptions of published ICB constitutions (fixtures/valid/bnssg-icb.yaml, gm-icb.yaml,
hwe-icb.yaml, lsc-icb.yaml, nel-icb.yaml, notts-icb.yaml, snee-icb.yaml, somerset-icb.yaml,
wnl-icb.yaml and wy-icb.yaml; each header cites its source) give no false statutory or policy finding,
and each drafting fault a reviewer could plausibly make, seeded into them one at a time, is
caught by the rule meant for it, at the node that holds the fault, with a message naming the
right person or organisation.

Expected positions are computed from the edited document itself (the line and column of a
unique piece of text), never copied from govcheck's output.
"""

from __future__ import annotations

from typing import Any

import pytest

from govcheck.api import check_text
from govcheck.engine import Settings
from govcheck.loader import load_text
from tests.conftest import FIXTURES, edit

DEFAULT = Settings(profiles=("statutory", "nhse-policy"))
WITH_GOOD_PRACTICE = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
PUBLISHED = (
    "bnssg-icb", "gm-icb", "hwe-icb", "lsc-icb", "nel-icb", "notts-icb", "snee-icb", "somerset-icb", "wnl-icb", "wy-icb",
)

# GOV157 restated GOV124 for the trust and primary care seats and was removed: GOV124 is the
# one rule for who may nominate. Kept as a guard: a duplicate must sit where its original does.
DUPLICATE_OF = {"GOV157": "GOV124"}


def _text(name: str) -> str:
    return (FIXTURES / "valid" / f"{name}.yaml").read_text(encoding="utf-8")


def _edit(text: str, edits: list[tuple[str, str]]) -> str:
    return edit(text, *edits)


def at(text: str, anchor: str, token: str | None = None) -> tuple[int, int]:
    """Line and column (1-based) of ``token`` inside the one occurrence of ``anchor``."""
    assert text.count(anchor) == 1, f"anchor not unique: {anchor!r}"
    token = anchor if token is None else token
    assert token in anchor
    offset = text.index(anchor) + anchor.index(token)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _findings(text: str, name: str, settings: Settings = DEFAULT) -> list[tuple[Any, ...]]:
    report = check_text(text, f"{name}.yaml", settings=settings, entry_points=False)
    errored = [(o.rule, o.detail) for d in report.documents for o in d.outcomes if o.status == "error"]
    assert errored == []  # a check that cannot place its finding loses it
    return [(f.rule, f.line, f.column, f.path, f.message) for f in report.findings]


@pytest.mark.parametrize("name", PUBLISHED)
def test_transcription_is_compliant_under_the_default_profile(name: str) -> None:
    report = check_text(_text(name), f"{name}.yaml", settings=DEFAULT, entry_points=False)
    assert [(f.rule, f.line, f.message) for f in report.findings] == []
    assert {o.status for d in report.documents for o in d.outcomes} <= {"passed", "not_applicable"}


# Good practice finds only what the published arrangements really are: localities smaller
# than the 250,000-500,000 band and without a board seat (BNSSG's six locality partnerships
# are partnerships, not committees of the ICB), Somerset's one place above the band, and an
# audit committee of two non-executives (the handbook's membership was not transcribed).
GOOD_PRACTICE = {
    "bnssg-icb": [
        ("GOV307", "/places/0/population"), ("GOV303", "/places/0/board_representation"),
        ("GOV307", "/places/1/population"), ("GOV303", "/places/1/board_representation"),
        ("GOV307", "/places/2/population"), ("GOV303", "/places/2/board_representation"),
        ("GOV303", "/places/3/board_representation"),
        ("GOV307", "/places/4/population"), ("GOV303", "/places/4/board_representation"),
        ("GOV307", "/places/5/population"), ("GOV303", "/places/5/board_representation"),
        ("GOV607", "/committees/0/members"),
    ],
    # localities outside the band; every locality has a non-executive link to the board
    "gm-icb": [("GOV307", f"/places/{i}/population") for i in (1, 2, 3, 4, 7, 8)],
    # one place coterminous with the ICB: its board route is the whole board (no GOV303)
    "somerset-icb": [("GOV307", "/places/0/population"), ("GOV607", "/committees/0/members")],
    # the county place above the band, the two unitary places below it
    "lsc-icb": [("GOV307", "/places/0/population"), ("GOV307", "/places/1/population"),
                ("GOV307", "/places/2/population"), ("GOV607", "/committees/0/members")],
    # three of the five places outside the band (Leeds alone is twice its top); every place has
    # a non-executive link to the board
    "wy-icb": [("GOV307", "/places/0/population"), ("GOV307", "/places/1/population"),
               ("GOV307", "/places/3/population"), ("GOV607", "/committees/0/members")],
    # the two Hertfordshire places above the band (the west Essex place is in it)
    "hwe-icb": [("GOV307", "/places/0/population"), ("GOV307", "/places/1/population"),
                ("GOV607", "/committees/0/members")],
    # the Ipswich and East Suffolk place above the band, West Suffolk below it
    "snee-icb": [("GOV307", "/places/0/population"), ("GOV307", "/places/1/population"),
                 ("GOV607", "/committees/0/members")],
    # seven places whose route to the board is a place committee, not a board seat; Barkham and
    # Dagley below the band; six place committees whose chairs and members were not read (each
    # names neither, as the pages did not)
    "nel-icb": [("GOV303", "/places/0/board_representation"), ("GOV307", "/places/1/population"),
                *[("GOV303", f"/places/{i}/board_representation") for i in range(1, 7)],
                ("GOV607", "/committees/0/members"),
                *[("GOV608", f"/committees/{i}") for i in range(6, 12) for _ in ("members", "chair")]],
    # Idlewold (one district) below the band; four place based partnerships with no board seat
    "notts-icb": [("GOV307", "/places/0/population"),
                  *[("GOV303", f"/places/{i}/board_representation") for i in range(4)]],
    # the merged ICB: its NHS England approval date was not read (GOV814); thirteen borough
    # partnerships, none a committee or seat of the board (GOV303), five boroughs below the band
    "wnl-icb": [("GOV814", "/metadata/approved_by_nhse_on"),
                *[item for i in range(13) for item in
                  ([("GOV307", f"/places/{i}/population")] if i in (1, 4, 7, 11, 12) else [])
                  + [("GOV303", f"/places/{i}/board_representation")]],
                ("GOV607", "/committees/0/members")],
}


@pytest.mark.parametrize("name", PUBLISHED)
def test_good_practice_finds_only_what_the_published_text_lacks(name: str) -> None:
    found = _findings(_text(name), name, WITH_GOOD_PRACTICE)
    assert [(rule, path) for rule, _, _, path, _ in found] == GOOD_PRACTICE[name]
    assert {f[0] for f in found} <= {"GOV303", "GOV307", "GOV607", "GOV608", "GOV814"}  # information only


B, G, S, W, L = "bnssg-icb", "gm-icb", "somerset-icb", "wy-icb", "lsc-icb"
L_LA_NOMINATORS = "nominated_by: [la-ribblesdale, la-blackmere, la-darwenbury, la-westmarch]"
L_TRUST_NOMINATORS = "nominated_by: [ft-central, ft-east, ft-blackmere, ft-bay, ft-care, trust-ambulance]"
L_PC_NOMINATORS = "nominated_by: [pc-ribblesdale, pc-coast, pc-bay]"
L_NED_PLACES = "{id: m-ned-places, name: Tom Greenhalgh, roles: [non_executive], voting: true, employee_of_icb: false,"
L_REM = "{id: c-rem, name: Remuneration and Nomination Committee, type: remuneration, chair: m-ned-mh, members: [m-ned-mh, m-ned-deputy, m-chair]"
W_LA_NOMINATORS = "nominated_by: [la-brackwell, la-calderton, la-kirkholme, la-ledbury, la-wakeham, la-north-riding]"
W_TRUST_NOMINATORS = "nominated_by: [ft-brackwell, trust-ledbury, ft-ridings-mh, trust-ambulance]"
W_PLACE_COMMITTEES = "delegated_to: [c-place-brackwell, c-place-calderton, c-place-kirkholme, c-place-ledbury, c-place-wakeham]"
W_NED_PLACES = "{id: m-ned-places, name: Shazia Rafiq, roles: [non_executive], voting: true, employee_of_icb: false,"
W_NORTH_RIDING_ICP = ("    - {id: icp-north-riding, name: Cllr Gillian Thwaite, appointed_by: la-north-riding, "
                      "organisation: la-north-riding, elected: true}\n")
TRUST_NOMINATORS = "nominated_by: [trust-north-avon, ft-uh-avonmouth, trust-avon-mh, ft-sw-ambulance]"
NED_QUALITY = "{id: m-ned-quality, name: Jonah Reeves, roles: [non_executive], voting: true, employee_of_icb: false,"
NED_QUALITY_S = "{id: m-ned-quality, name: Lorna Fenwick, roles: [non_executive], voting: true, employee_of_icb: false,"

# name -> (fixture, edits, [(rule, path, (anchor, token) in the edited text, message)])
VARIANTS: dict[str, tuple[str, list[tuple[str, str]], list[tuple[str, str, tuple[str, str], str]]]] = {
    "trust partner also nominated by the community interest company": (
        B, [(TRUST_NOMINATORS, TRUST_NOMINATORS[:-1] + ", cic-community]")],
        [("GOV124", "/board/members/9/appointment/nominated_by/4", ("ft-sw-ambulance, cic-community]", "cic-community"),
          "Riverside Care and Health CIC may not nominate the trust partner member (m-partner-trust): it is not "
          "an NHS trust or an NHS foundation trust")],
    ),
    "primary care partner also nominated by an acute foundation trust": (
        B, [("nominated_by: [pc-one-avonmouth, pc-woodvale, pc-severnside]",
             "nominated_by: [pc-one-avonmouth, pc-woodvale, pc-severnside, ft-uh-avonmouth]")],
        [("GOV124", "/board/members/10/appointment/nominated_by/3", ("pc-severnside, ft-uh-avonmouth]", "ft-uh"),
          "University Hospitals Avonmouth and Woodvale NHS Foundation Trust may not nominate the primary care "
          "partner member (m-partner-pc): it is not a provider of primary medical services, and primary_care is "
          "not among its services")],
    ),
    "local authority partner nominated by one council of three": (
        B, [("nominated_by: [la-avonmouth, la-woodvale, la-severnside]", "nominated_by: [la-severnside]")],
        [("GOV112", "/board/members/11/appointment/nominated_by", ("        nominated_by: [la-severnside]", "nominated_by"),
          "'Marianne Tolley' holds the partner member nominated by the local authorities in the area seat but is "
          "not recorded as jointly nominated: nominated by 1 of the 3 eligible organisations (not by Avonmouth "
          "City Council, Woodvale Council); list every eligible nominator under appointment.nominated_by, or state "
          "the joint process (appointment.joint_process)")],
    ),
    "no local authority partner member": (
        B, [(_text(B)[_text(B).index("    - id: m-partner-la\n"):_text(B).index("  participants:\n")], "")],
        [("GOV101", "/board/members", ("  members:\n    - id: m-chair", "members"),
          "the board needs a partner member nominated by the local authorities in the area (role partner_local_authority); it has none")],
    ),
    "chair appointed by the ICB": (
        B, [("  chair: {appointed_by: nhse, approved_by: sos,", "  chair: {appointed_by: icb, approved_by: sos,")],
        [("GOV107", "/appointments/chair/appointed_by", ("  chair: {appointed_by: icb,", "icb"),
          "the chair must be appointed by NHS England, not 'NHS Avonmouth, Woodvale and Severnside Integrated "
          "Care Board (the ICB itself)'")],
    ),
    "chair's seat recorded as appointed by the board": (
        B, [("appointment: {appointed_by: nhse, approved_by: sos, procedure: Constitution section 3,",
             "appointment: {appointed_by: board, approved_by: sos, procedure: Constitution section 3,")],
        [("GOV107", "/board/members/0/appointment/appointed_by", ("{appointed_by: board, approved_by: sos", "board"),
          "'Helen Arkwright' holds the chair seat but is recorded as appointed by 'the board of the ICB', not NHS "
          "England")],
    ),
    "chief executive not an employee": (
        B, [("      roles: [chief_executive]\n      voting: true\n      employee_of_icb: true\n",
             "      roles: [chief_executive]\n      voting: true\n      employee_of_icb: false\n")],
        [("GOV204", "/board/members/1/employee_of_icb", ("roles: [chief_executive]\n      voting: true\n      employee_of_icb: false", "false"),
          "'Simon Tremlett' (chief executive) has employee_of_icb: false; it must be true")],
    ),
    "non-executive who is a councillor": (
        B, [(NED_QUALITY, NED_QUALITY + " elected_office: {councillor_of: [la-woodvale]},")],
        [("GOV211", "/board/members/8/elected_office/councillor_of/0", ("{councillor_of: [la-woodvale]}", "la-woodvale"),
          "'Jonah Reeves' (non-executive member) is a councillor of Woodvale Council")],
    ),
    "non-executive employed by a trust": (
        B, [(NED_QUALITY, NED_QUALITY + " interests: [{kind: employment, organisation: trust-north-avon, role: director of strategy, from: 2021-01-01}],")],
        [("GOV201", "/board/members/8/interests/0", ("interests: [{kind: employment, organisation: trust-north-avon", "{kind"),
          "non-executive member 'Jonah Reeves' holds a current role (director of strategy) at North Avonmouth NHS "
          "Trust, which is in the ICS footprint")],
    ),
    "quorum that can be met without a non-executive": (
        B, [("    required_roles: [chair_or_deputy, executive, clinical_executive, non_executive, partner_member]\n",
             "    required_roles: [chair_or_deputy, executive, clinical_executive, partner_member]\n")],
        [("GOV503", "/board/quorum/required_roles", ("    required_roles: [chair_or_deputy, executive, clinical_executive, partner_member]", "required_roles"),
          "the quorum does not require a non-executive member (non_executive) to be present")],
    ),
    "a quorum of exactly half": (
        B, [("    majority: true\n", "    min_fraction: 0.5\n")],
        [("GOV502", "/board/quorum/min_fraction", ("    min_fraction: 0.5", "min_fraction"),
          "the quorum is 6 of 12 voting members; it must be more than 0.5 of them (quorum_min_fraction), i.e. at "
          "least 7")],
    ),
    "a council in no locality": (
        B, [("  - id: loc-severnside\n    name: Severnside\n    local_authorities: [la-severnside]\n",
             "  - id: loc-severnside\n    name: Severnside\n    local_authorities: [la-woodvale]\n"
             "    parts: [{local_authority: la-woodvale, description: the Severn Vale wards}]\n"),
            ("        - {type: local_authority, organisation: la-severnside}\n",
             "        - {type: local_authority, organisation: la-woodvale}\n")],
        [("GOV301", "/icb/area/local_authorities/2", ("local_authorities: [la-avonmouth, la-woodvale, la-severnside]\n  purpose", "la-severnside"),
          "local authority 'Severnside Council' is in the ICB area but belongs to no place")],
    ),
    "delegation to a committee without limits": (
        B, [("duty: continuing_healthcare, statutory: true, owner: m-cno}",
             "duty: continuing_healthcare, statutory: true, owner: m-cno, delegated_to: [c-quality]}")],
        [("GOV410", "/accountabilities/8/delegated_to", ("owner: m-cno, delegated_to: [c-quality]}", "delegated_to"),
          "'NHS continuing healthcare and funded nursing care' is delegated to committee c-quality without stating "
          "the scope and limits of the delegation (limits)")],
    ),
    "duplicate id": (
        B, [("{id: p-vcse, name: Bilal Hussain,", "{id: m-cfo, name: Bilal Hussain,")],
        [("GOV008", "/board/participants/2/id", ("{id: m-cfo, name: Bilal Hussain", "m-cfo"),
          "id 'm-cfo' is already used by the member at /board/members/2")],
    ),
    "audit committee chair misspelt": (
        B, [("chair: m-ned-audit, members: [m-ned-audit, m-ned-quality]", "chair: m-ned-audti, members: [m-ned-audit, m-ned-quality]")],
        [("GOV007", "/committees/0/chair", ("chair: m-ned-audti", "m-ned-audti"),
          "'m-ned-audti' is not defined anywhere in the document (expected the id of a member or a person)")],
    ),
    "audit committee chaired by the finance director": (
        B, [("chair: m-ned-audit, members: [m-ned-audit, m-ned-quality]", "chair: m-cfo, members: [m-cfo, m-ned-audit, m-ned-quality]")],
        [("GOV603", "/committees/0/chair", ("chair: m-cfo, members: [m-cfo", "m-cfo"),
          "'Grace Oyelaran', chair of the audit committee, is not a non-executive member")],
    ),
    "participant given a vote": (
        B, [("role: Healthwatch representative, voting: false}", "role: Healthwatch representative, voting: true}")],
        [("GOV115", "/board/participants/1/voting", ("role: Healthwatch representative, voting: true}", "true"),
          "participant 'Ruth Castell' is given a vote; participants attend without voting and are not counted as "
          "members")],
    ),
    "no member with mental health expertise": (
        B, [("mental_health_expertise: true, expertise: [mental health, remuneration]", "expertise: [mental health, remuneration]")],
        [("GOV106", "/board/members", ("  members:\n    - id: m-chair", "members"),
          "the board needs a member besides the chair and chief executive with knowledge and experience of services "
          "for the prevention, diagnosis and treatment of mental illness (mental_health_expertise: true); it has 0")],
    ),
    "chief executive's eligibility clause left out": (
        B, [("  - A person who is not an employee of the ICB is not eligible to become or remain the chief executive (constitution section 3)\n", "")],
        [("GOV150", "/disqualifications", ("\ndisqualifications:\n", "disqualifications"),
          "the constitution has no eligibility clause covering the chief executive's eligibility only while an "
          "employee of the ICB (Sch. 1B para 7(2)) in disqualifications")],
    ),
    "ICP without one council's member": (
        B, [("    - {id: icp-woodvale, name: Cllr Priya Desai, appointed_by: la-woodvale, organisation: la-woodvale, elected: true}\n", "")],
        [("GOV803", "/icp/members", ("  members:\n    - {id: icp-icb", "members"),
          "'Woodvale Council' (la-woodvale) appoints no member of the integrated care partnership")],
    ),
    "vacant chair with nobody acting": (
        B, [("    - id: m-chair\n      name: Helen Arkwright\n      roles: [chair]\n      voting: true\n      employee_of_icb: false\n",
             "    - id: m-chair\n      vacant: true\n      roles: [chair]\n      voting: true\n"),
            ("first_appointed: 2022-07-01, term_years: 3}\n      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n    - id: m-ceo",
             "first_appointed: 2022-07-01, term_years: 3}\n    - id: m-ceo")],
        [("GOV123", "/board/members/0", ("    - id: m-chair\n      vacant", "id"),
          "the chair seat (m-chair) is vacant and nobody is designated to act in it"),
         # and so only the deputy chair can make the meeting quorate
         ("GOV508", "/board/quorum/required_roles/0", ("    required_roles: [chair_or_deputy,", "chair_or_deputy"),
          "only 'Alan Whitcombe' (m-ned-deputy) can fill the chair or deputy chair (chair_or_deputy) in the quorum: "
          "if they are absent or conflicted the board is inquorate")],
    ),
    "a vacant local authority partner seat with nobody acting": (
        B, [("    - id: m-partner-la\n      name: Marianne Tolley\n      roles: [partner_local_authority]\n      voting: true\n"
             "      employee_of_icb: false\n      organisation: la-severnside\n",
             "    - id: m-partner-la\n      vacant: true\n      roles: [partner_local_authority]\n      voting: true\n"),
            ("      interests:\n        - {kind: employment, organisation: la-severnside, role: chief executive, from: 2018-09-01}\n"
             "      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n", "")],
        # the seat is provided for (no statutory error) and has no holder to judge (no GOV407)
        [("GOV123", "/board/members/11", ("    - id: m-partner-la\n      vacant", "id"),
          "the partner member nominated by the local authorities in the area seat (m-partner-la) is vacant and "
          "nobody is designated to act in it")],
    ),
    "the audit chair's seat vacant": (
        B, [("    - id: m-ned-audit\n      name: Farah Qureshi\n      roles: [non_executive]\n      voting: true\n"
             "      employee_of_icb: false\n      expertise: [finance, audit]\n",
             "    - id: m-ned-audit\n      vacant: true\n      roles: [non_executive]\n      voting: true\n"),
            ("term_years: 3}\n      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n"
             "    - {id: m-ned-deputy", "term_years: 3}\n    - {id: m-ned-deputy")],
        # a non-executive seat is no statutory office (no GOV123), and nobody's expertise is
        # missing from a seat nobody holds (no GOV603)
        [],
    ),
    "chair approved by NHS England": (
        B, [("  chair: {appointed_by: nhse, approved_by: sos,", "  chair: {appointed_by: nhse, approved_by: nhse,")],
        [("GOV107", "/appointments/chair/approved_by", ("approved_by: nhse, removal_by", "nhse"),
          "the chair must be approved by the Secretary of State, not 'NHS England'")],
    ),
    "chief executive approved by the Secretary of State": (
        B, [("  chief_executive: {appointed_by: m-chair, approved_by: nhse}", "  chief_executive: {appointed_by: m-chair, approved_by: sos}")],
        [("GOV109", "/appointments/chief_executive/approved_by", ("  chief_executive: {appointed_by: m-chair, approved_by: sos}", "sos"),
          "the chief executive must be approved by NHS England, not 'Secretary of State for Health and Social Care'")],
    ),
    "removing the chair approved by NHS England": (
        B, [("removal_by: [nhse], removal_approved_by: sos}", "removal_by: [nhse], removal_approved_by: nhse}")],
        [("GOV108", "/appointments/chair/removal_approved_by", ("removal_approved_by: nhse}", "nhse"),
          "removing the chair must need the approval of the Secretary of State, not 'NHS England'")],
    ),
    "no senior non-executive member": (
        B, [("roles: [non_executive, deputy_chair, senior_non_executive]", "roles: [non_executive, deputy_chair]")],
        [("GOV114", "/board/members", ("  members:\n    - id: m-chair", "members"),
          "no member is designated senior non-executive member (role senior_non_executive); the board needs one")],
    ),
    "registers of interests neither published nor available": (
        B, [("  published: true\n  declaration_deadline_days", "  published: false\n  declaration_deadline_days")],
        [("GOV702", "/conflicts_of_interest/published", ("  published: false\n", "published"),
          "conflicts_of_interest: one of 'published' or 'available_on_request' must be true: the registers must be "
          "published, or made available to the public on request")],
    ),
    # --- Greater Manchester ---
    "ICP co-chair who is not a member": (
        G, [("      member: icp-mayor\n", "      member: icp-mayr\n")],
        [("GOV007", "/icp/co_chairs/1/member", ("      member: icp-mayr\n", "icp-mayr"),
          "'icp-mayr' is not defined anywhere in the document (expected the id of an ICP member or a member or a person)")],
    ),
    "locality board chaired by someone not in the register": (
        G, [("chair: p-lead-irwell, members: [p-lead-irwell, m-ned-places]", "chair: p-lead-irwel, members: [p-lead-irwell, m-ned-places]")],
        [("GOV007", "/committees/7/chair", ("chair: p-lead-irwel,", "p-lead-irwel"),
          "'p-lead-irwel' is not defined anywhere in the document (expected the id of a member or a person)")],
    ),
    "audit committee chaired by a council chief executive": (
        G, [("chair: m-ned-audit, members: [m-ned-audit, m-ned-quality, m-ned-places]",
             "chair: p-lead-irwell, members: [p-lead-irwell, m-ned-audit, m-ned-quality, m-ned-places]")],
        [("GOV603", "/committees/0/chair", ("chair: p-lead-irwell, members: [p-lead-irwell, m-ned-audit", "p-lead-irwell"),
          "'Tess Caird', chair of the audit committee, holds no board seat, so is not a non-executive member")],
    ),
    "joint committee with a VCSE body": (
        G, [("    parties: [icb-lancs, icb-mersey, nhse]\n", "    parties: [icb-lancs, icb-mersey, nhse, vcse-irwell]\n")],
        [("GOV405", "/committees/15/parties/3", ("nhse, vcse-irwell]", "vcse-irwell"),
          "'North West Specialised Services Joint Committee' includes 'Irwell VCFSE Leadership Group', a vcse, which "
          "is not a body an ICB may form joint arrangements with")],
    ),
    "joint committee naming no other party": (
        G, [("    parties: [icb-lancs, icb-mersey, nhse]\n", "")],
        [("GOV405", "/committees/15", ("  - id: c-specialised\n", "id"),
          "'North West Specialised Services Joint Committee' is a joint committee or committees in common but names "
          "no other party (parties)")],
    ),
    "delegation to the joint committee without limits": (
        G, [(", limits: \"the services in the delegation agreement with NHS England; decisions within the joint committee's terms of reference\"", "")],
        [("GOV410", "/accountabilities/20/delegated_to", ("owner: board, delegated_to: [c-specialised]", "delegated_to"),
          "'Specialised services commissioning delegated by NHS England' is delegated to committee c-specialised "
          "without stating the scope and limits of the delegation (limits)")],
    ),
    "delegation to the locality boards without limits": (
        G, [(", limits: \"each locality's delegated budget, within the scheme of reservation and delegation\"", "")],
        [("GOV410", "/accountabilities/19/delegated_to", ("owner: board, delegated_to: [c-loc-bolbury", "delegated_to"),
          "'Commissioning delegated to the ten localities' is delegated to committee c-loc-bolbury, c-loc-burnside, "
          "c-loc-irwell, c-loc-oldmoor, c-loc-rochvale, c-loc-salbridge, c-loc-stockley, c-loc-tamedale, "
          "c-loc-trafton, c-loc-wigmoor without stating the scope and limits of the delegation (limits)")],
    ),
    "chair still leader of the council": (
        G, [("role: leader of the council, from: 1996-05-01, to: 2021-12-01, end_reason: resignation}", "role: leader of the council, from: 1996-05-01}")],
        [("GOV201", "/board/members/0/interests/0", ("        - {kind: office, organisation: la-irwell, role: leader of the council", "{kind"),
          "chair 'Sir Rupert Lyle' holds a current role (leader of the council) at Irwell City Council, which is in "
          "the ICS footprint")],
    ),
    "chair still a councillor": (
        G, [("      interests:\n        - {kind: office, organisation: la-irwell, role: leader of the council",
             "      elected_office: {councillor_of: [la-irwell]}\n      interests:\n        - {kind: office, organisation: la-irwell, role: leader of the council")],
        [("GOV211", "/board/members/0/elected_office/councillor_of/0", ("{councillor_of: [la-irwell]}", "la-irwell"),
          "'Sir Rupert Lyle' (chair) is a councillor of Irwell City Council")],
    ),
    "a trust that provides no services in the area among the nominators": (
        G, [("in_footprint: false, serves_icb_area: true, services: [community]}", "in_footprint: false, serves_icb_area: false, services: [community]}")],
        [("GOV124", "/board/members/10/appointment/nominated_by/8", ("trust-nw-ambulance, ft-bridgeway]", "ft-bridgeway"),
          "Bridgeway Community Healthcare NHS Foundation Trust may not nominate the trust partner member "
          "(m-partner-trust): it is not recorded as providing services within the ICB's area (serves_icb_area or "
          "in_footprint)")],
    ),
    "locality lead not in the register": (
        G, [("leader: {name: Rhona Abbot, member: p-lead-bolbury}", "leader: {name: Rhona Abbot, member: p-lead-bolbry}")],
        [("GOV007", "/places/0/leader/member", ("member: p-lead-bolbry}", "p-lead-bolbry"),
          "'p-lead-bolbry' is not defined anywhere in the document (expected the id of a member or a person)")],
    ),
    "the combined authority nominating the local authority partner": (
        G, [("nominated_by: [la-bolbury,", "nominated_by: [ca-irwell, la-bolbury,")],
        [("GOV124", "/board/members/12/appointment/nominated_by/0", ("nominated_by: [ca-irwell,", "ca-irwell"),
          "Irwell Combined Authority may not nominate the local authority partner member (m-partner-la): it is not "
          "a local authority")],
    ),
    "a co-chair not agreed by one council": (
        G, [("      member: icp-mayor\n      agreed_by: [icb, la-bolbury, la-burnside, la-irwell, la-oldmoor, la-rochvale, la-salbridge, la-stockley, la-tamedale, la-trafton, la-wigmoor]\n",
             "      member: icp-mayor\n      agreed_by: [icb, la-bolbury, la-burnside, la-irwell, la-oldmoor, la-rochvale, la-salbridge, la-stockley, la-tamedale, la-trafton]\n")],
        [("GOV804", "/icp/co_chairs/1/agreed_by", ("      member: icp-mayor\n      agreed_by:", "agreed_by"),
          "ICP co-chair 'Mayor Dana Whitlow' is not recorded as agreed by 'Wigmoor Metropolitan Borough Council' "
          "(la-wigmoor)")],
    ),
    "an ICP with neither chair nor co-chairs": (
        G, [(_text(G)[_text(G).index("  # Two co-chairs and no single chair"):_text(G).index("  integrated_care_strategy:")], "")],
        [("GOV804", "/icp", ("\nicp:\n", "icp"), "the integrated care partnership has no chair")],
    ),
    # --- Somerset ---
    "trust partner also nominated by a GP federation": (
        S, [("nominated_by: [ft-quantock, ft-sw-ambulance]", "nominated_by: [ft-quantock, ft-sw-ambulance, pc-west-quantock]")],
        [("GOV124", "/board/members/9/appointment/nominated_by/2", ("ft-sw-ambulance, pc-west-quantock]", "pc-west-quantock"),
          "West Quantock GP Federation may not nominate the trust partner member (m-partner-trust): it is not "
          "an NHS trust or an NHS foundation trust")],
    ),
    "an abolished district council still nominating": (
        S, [("  - {id: hw-quantock,", "  - {id: la-taunton-vale, name: Taunton Vale District Council, kind: local_authority, tier: lower, in_footprint: true}\n  - {id: hw-quantock,"),
            ("nominated_by: [la-quantock]", "nominated_by: [la-quantock, la-taunton-vale]")],
        [("GOV124", "/board/members/11/appointment/nominated_by/1", ("nominated_by: [la-quantock, la-taunton-vale]", "la-taunton-vale"),
          "Taunton Vale District Council may not nominate the local authority partner member (m-partner-la): it has "
          "no social care functions (a lower-tier district council)")],
    ),
    "the council's ICP substitute counted as a member": (
        S, [(", elected: true, substitute_for: icp-quantock}", ", elected: true}")],
        [("GOV803", "/icp/members/2/appointed_by", ("name: Cllr Heather Shearer, appointed_by: la-quantock", "la-quantock"),
          "'Cllr Heather Shearer' is a further member appointed by 'Quantock Council': each local authority appoints "
          "exactly one; further members are appointed by the partnership (substitutes are not members)")],
    ),
    "non-executive who is a governor of the trust": (
        S, [(NED_QUALITY_S, NED_QUALITY_S + " interests: [{kind: office, organisation: ft-quantock, role: public governor, from: 2022-05-01}],")],
        [("GOV201", "/board/members/8/interests/0", ("interests: [{kind: office, organisation: ft-quantock", "{kind"),
          "non-executive member 'Lorna Fenwick' holds a current role (public governor) at Quantock NHS Foundation "
          "Trust, which is in the ICS footprint")],
    ),
    "audit committee chaired by the deputy chair": (
        S, [("chair: m-ned-audit, members: [m-ned-audit, m-ned-quality]", "chair: m-ned-deputy, members: [m-ned-deputy, m-ned-quality]")],
        [("GOV603", "/committees/0/chair", ("chair: m-ned-deputy, members: [m-ned-deputy, m-ned-quality]", "m-ned-deputy"),
          "'Catherine Yeo', chair of the audit committee, has no recorded audit or finance expertise (board member's "
          "expertise)"),
         ("GOV604", "/committees/0/chair", ("chair: m-ned-deputy, members: [m-ned-deputy, m-ned-quality]", "m-ned-deputy"),
          "'Catherine Yeo', chair of the audit committee, must not be the deputy chair")],
    ),
    "an acting chief executive for ten months": (
        S, [("    - id: m-ceo\n      name: Frances Ollerton\n      roles: [chief_executive]\n      voting: true\n      employee_of_icb: true\n",
             "    - id: m-ceo\n      vacant: true\n      holders: [{person: p-leese, capacity: acting, designated_by: m-chair, from: 2024-06-01}]\n"
             "      roles: [chief_executive]\n      voting: true\n"),
            ("      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n    - {id: m-cfo,", "    - {id: m-cfo,"),
            ("\nappointments:\n", "\npeople:\n  - {id: p-leese, name: Martin Leese, employee_of_icb: true, checks: "
             "{fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}}\n\nappointments:\n")],
        [("GOV123", "/board/members/1/holders/0", ("holders: [{person: p-leese", "{person"),
          "the chief executive seat (m-ceo) has been held only by an acting holder, 'Martin Leese', since "
          "2024-06-01: 304 days, more than 183 (max_acting_days)")],
    ),
    "a quorum of three": (
        S, [("    majority: true\n", "    min_count: 3\n")],
        [("GOV502", "/board/quorum/min_count", ("    min_count: 3", "min_count"),
          "the quorum is 3 of 12 voting members; it must be more than 0.5 of them (quorum_min_fraction), i.e. at "
          "least 7")],
    ),
    "committee member misspelt": (
        S, [("members: [m-ned-quality, m-cno, m-cmo, m-partner-trust]", "members: [m-ned-quality, m-cno, m-cmo, m-partner-trst]")],
        [("GOV007", "/committees/2/members/3", ("m-cmo, m-partner-trst]", "m-partner-trst"),
          "'m-partner-trst' is not defined anywhere in the document (expected the id of a member or a person)")],
    ),
    "chief executive appointed by NHS England": (
        S, [("  chief_executive: {appointed_by: m-chair, approved_by: nhse}", "  chief_executive: {appointed_by: nhse, approved_by: nhse}")],
        [("GOV109", "/appointments/chief_executive/appointed_by", ("  chief_executive: {appointed_by: nhse", "nhse"),
          "the chief executive must be appointed by the chair, not 'NHS England'")],
    ),
    "chair removable by the board": (
        S, [("removal_by: [nhse], removal_approved_by: sos}", "removal_by: [nhse, board], removal_approved_by: sos}")],
        [("GOV108", "/appointments/chair/removal_by/1", ("removal_by: [nhse, board]", "board"),
          "'the board of the ICB' is given power to remove the chair; only NHS England may")],
    ),
    "the place partnership without the council": (
        S, [("        - {type: local_authority, organisation: la-quantock}\n", "")],
        [("GOV302", "/places/0/partnership/members", ("      members:\n        - {type: primary_care_leadership", "members"),
          "the partnership for place 'Quantock' lacks the local authority (local_authority)")],
    ),

    # West Yorkshire: five places, a council only partly in the area, place committees
    "local authority partner not nominated by the council only partly in the area": (
        W, [(W_LA_NOMINATORS, W_LA_NOMINATORS.replace(", la-north-riding]", "]"))],
        [("GOV112", "/board/members/13/appointment/nominated_by", ("        nominated_by: [la-brackwell, la-calderton, la-kirkholme, la-ledbury, la-wakeham]", "nominated_by"),
          "'Janet Moorhouse' holds the partner member nominated by the local authorities in the area seat but is "
          "not recorded as jointly nominated: nominated by 5 of the 6 eligible organisations (not by North Riding "
          "Council); list every eligible nominator under appointment.nominated_by, or state the joint process "
          "(appointment.joint_process)")],
    ),
    "local authority partner also nominated by a hospital trust": (
        W, [(W_LA_NOMINATORS, W_LA_NOMINATORS[:-1] + ", trust-ledbury]")],
        [("GOV124", "/board/members/13/appointment/nominated_by/6", ("la-north-riding, trust-ledbury]", "trust-ledbury"),
          "Ledbury Teaching Hospitals NHS Trust may not nominate the local authority partner member (m-partner-la): "
          "it is not a local authority")],
    ),
    "trust partner also nominated by a trust serving another area": (
        W, [(W_TRUST_NOMINATORS, W_TRUST_NOMINATORS[:-1] + ", trust-far]"),
            ("  - {id: pc-brackwell,", "  - {id: trust-far, name: Farland Hospitals NHS Trust, kind: nhs_trust, "
             "in_footprint: false, services: [acute]}\n  - {id: pc-brackwell,")],
        [("GOV124", "/board/members/11/appointment/nominated_by/4", ("trust-ambulance, trust-far]", "trust-far"),
          "Farland Hospitals NHS Trust may not nominate the trust partner member (m-partner-trust): it is not "
          "recorded as providing services within the ICB's area (serves_icb_area or in_footprint)")],
    ),
    "place budgets delegated to the place committees without limits": (
        W, [(W_PLACE_COMMITTEES + ", limits: \"each place's delegated budget, as the board sets it each year in the "
             "scheme of reservation and delegation\"}", W_PLACE_COMMITTEES + "}")],
        [("GOV410", "/accountabilities/14/delegated_to", ("owner: board, " + W_PLACE_COMMITTEES + "}", "delegated_to"),
          "\"Commissioning within each place's delegated budget\" is delegated to committee c-place-brackwell, "
          "c-place-calderton, c-place-kirkholme, c-place-ledbury, c-place-wakeham without stating the scope and "
          "limits of the delegation (limits)")],
    ),
    "primary care delegated to the place committees without limits": (
        W, [(", limits: \"contract decisions for practices in the place, within the place's primary care allocation\"}", "}")],
        [("GOV410", "/accountabilities/12/delegated_to",
          ("Primary medical services commissioning, statutory: true, owner: board, " + W_PLACE_COMMITTEES, "delegated_to"),
          "'Primary medical services commissioning' is delegated to committee c-place-brackwell, c-place-calderton, "
          "c-place-kirkholme, c-place-ledbury, c-place-wakeham without stating the scope and limits of the "
          "delegation (limits)")],
    ),
    "a delegation to a place committee that does not exist": (
        W, [("c-place-ledbury, c-place-wakeham], limits: \"contract", "c-place-ledbury, c-place-wakefield], limits: \"contract")],
        [("GOV403", "/accountabilities/12/delegated_to/4", ("c-place-wakefield], limits", "c-place-wakefield"),
          "'c-place-wakefield' is not defined anywhere in the document (expected the id of the board or a member or "
          "a committee or a place or an organisation or the ICB)")],
    ),
    "place committee chaired by a place lead missing from the register": (
        W, [("chair: p-lead-ledbury, members: [p-lead-ledbury, m-ned-places]", "chair: p-lead-ledbry, members: [p-lead-ledbury, m-ned-places]")],
        [("GOV007", "/committees/8/chair", ("chair: p-lead-ledbry", "p-lead-ledbry"),
          "'p-lead-ledbry' is not defined anywhere in the document (expected the id of a member or a person)")],
    ),
    "place committee for a place that does not exist": (
        W, [("type: place, place: place-wakeham,", "type: place, place: place-wakefield,")],
        [("GOV007", "/committees/9/place", ("place: place-wakefield,", "place-wakefield"),
          "'place-wakefield' is not defined anywhere in the document (expected the id of a place)")],
    ),
    "the part of a council in the area left to no place": (
        W, [("    local_authorities: [la-brackwell, la-north-riding]\n    parts: [{local_authority: la-north-riding, "
             "description: the former Cravenside district}]\n", "    local_authorities: [la-brackwell]\n")],
        [("GOV301", "/icb/area/local_authorities/5", ("la-wakeham, la-north-riding]\n  purpose", "la-north-riding"),
          "local authority 'North Riding Council' is in the ICB area but belongs to no place")],
    ),
    "a place naming a council left out of the area": (
        W, [("la-wakeham, la-north-riding]\n  purpose", "la-wakeham]\n  purpose")],
        [("GOV301", "/places/0/local_authorities/1", ("local_authorities: [la-brackwell, la-north-riding]", "la-north-riding"),
          "place 'Brackwell District and Cravenside' names 'la-north-riding', which is not in the ICB area "
          "(icb.area.local_authorities)")],
    ),
    "a council partly in the area without saying which part": (
        W, [("    part_in_area: The former district of Cravenside; the rest of North Riding is in a neighbouring ICB's area.\n", "")],
        [("GOV125", "/organisations/5/coverage", ("    coverage: part\n", "part"),
          "'North Riding Council' is only partly in the ICB area (coverage: part) but the document does not say "
          "which part (organisations[].part_in_area)")],
    ),
    "ICP without the partly-covered council's member": (
        W, [(W_NORTH_RIDING_ICP, "")],
        [("GOV803", "/icp/members", ("  members:\n    - {id: icp-icb, name: Rosalind", "members"),
          "'North Riding Council' (la-north-riding) appoints no member of the integrated care partnership")],
    ),
    "ICP chair not agreed by the partly-covered council": (
        W, [("    agreed_by: [icb, la-brackwell, la-calderton, la-kirkholme, la-ledbury, la-wakeham, la-north-riding]",
             "    agreed_by: [icb, la-brackwell, la-calderton, la-kirkholme, la-ledbury, la-wakeham]")],
        [("GOV804", "/icp/chair/agreed_by", ("    agreed_by: [icb, la-brackwell", "agreed_by"),
          "the ICP chair is not recorded as agreed by 'North Riding Council' (la-north-riding)")],
    ),
    "non-executive for places who is a councillor of the partly-covered council": (
        W, [(W_NED_PLACES, W_NED_PLACES + " elected_office: {councillor_of: [la-north-riding]},")],
        [("GOV211", "/board/members/10/elected_office/councillor_of/0", ("{councillor_of: [la-north-riding]}", "la-north-riding"),
          "'Shazia Rafiq' (non-executive member) is a councillor of North Riding Council")],
    ),
    "the Director of People made deputy chair": (
        W, [("roles: [other_executive], voting: true", "roles: [other_executive, deputy_chair], voting: true")],
        [("GOV113", "/board/members/5/roles", ("roles: [other_executive, deputy_chair]", "["),
          "'Leanne Firth' is deputy chair but is not a non-executive member"),
         ("GOV113", "/board/members/7/roles", ("name: Imogen Lister, roles: [non_executive, deputy_chair, senior_non_executive]", "["),
          "'Imogen Lister' is a further deputy chair: there may be at most 1")],
    ),
    "West Ridings chief executive approved by the Secretary of State": (
        W, [("  chief_executive: {appointed_by: m-chair, approved_by: nhse}", "  chief_executive: {appointed_by: m-chair, approved_by: sos}")],
        [("GOV109", "/appointments/chief_executive/approved_by", ("approved_by: sos}\n\ndisqualifications", "sos"),
          "the chief executive must be approved by NHS England, not 'Secretary of State for Health and Social Care'")],
    ),

    # Lancashire and South Cumbria: a two-tier county with district councils, two unitaries,
    # a council partly in the area, six trusts, places aligned to the four councils
    "local authority partner also nominated by a district council": (
        L, [(L_LA_NOMINATORS, L_LA_NOMINATORS[:-1] + ", la-wyreford]")],
        [("GOV124", "/board/members/13/appointment/nominated_by/4", ("la-westmarch, la-wyreford]", "la-wyreford"),
          "Wyreford Borough Council may not nominate the local authority partner member (m-partner-la): it has no "
          "social care functions (a lower-tier district council)")],
    ),
    "local authority partner nominated by a district in place of the county": (
        L, [(L_LA_NOMINATORS, "nominated_by: [la-wyreford, la-blackmere, la-darwenbury, la-westmarch]")],
        [("GOV112", "/board/members/13/appointment/nominated_by", ("        nominated_by: [la-wyreford,", "nominated_by"),
          "'Carl Duxbury' holds the partner member nominated by the local authorities in the area seat but is not "
          "recorded as jointly nominated: nominated by 3 of the 4 eligible organisations (not by Ribblesdale County "
          "Council); list every eligible nominator under appointment.nominated_by, or state the joint process "
          "(appointment.joint_process)"),
         ("GOV124", "/board/members/13/appointment/nominated_by/0", ("nominated_by: [la-wyreford,", "la-wyreford"),
          "Wyreford Borough Council may not nominate the local authority partner member (m-partner-la): it has no "
          "social care functions (a lower-tier district council)")],
    ),
    "trust partner nominated without the ambulance trust": (
        L, [(L_TRUST_NOMINATORS, L_TRUST_NOMINATORS.replace(", trust-ambulance]", "]"))],
        [("GOV112", "/board/members/11/appointment/nominated_by", ("        nominated_by: [ft-central, ft-east, ft-blackmere, ft-bay, ft-care]", "nominated_by"),
          "'Kevin Rigby' holds the partner member nominated by NHS trusts and foundation trusts seat but is not "
          "recorded as jointly nominated: nominated by 5 of the 6 eligible organisations (not by North West Coast "
          "Ambulance Service NHS Trust); list every eligible nominator under appointment.nominated_by, or state "
          "the joint process (appointment.joint_process)")],
    ),
    "trust partner also nominated by a primary care collaborative": (
        L, [(L_TRUST_NOMINATORS, L_TRUST_NOMINATORS[:-1] + ", pc-coast]")],
        [("GOV124", "/board/members/11/appointment/nominated_by/6", ("trust-ambulance, pc-coast]", "pc-coast"),
          "Blackmere and Darwenbury Primary Care Collaborative may not nominate the trust partner member "
          "(m-partner-trust): it is not an NHS trust or an NHS foundation trust")],
    ),
    "primary care partner also nominated by the mental health trust": (
        L, [(L_PC_NOMINATORS, L_PC_NOMINATORS[:-1] + ", ft-care]")],
        [("GOV124", "/board/members/12/appointment/nominated_by/3", ("pc-bay, ft-care]", "ft-care"),
          "Ribblesdale and South Westmarch NHS Foundation Trust may not nominate the primary care partner member "
          "(m-partner-pc): it is not a provider of primary medical services, and primary_care is not among its "
          "services")],
    ),
    "the county left out of its own place": (
        L, [("local_authorities: [la-ribblesdale, la-wyreford, la-hodderton]\n    population",
             "local_authorities: [la-wyreford, la-hodderton]\n    population")],
        [("GOV301", "/icb/area/local_authorities/0", ("local_authorities: [la-ribblesdale, la-wyreford", "la-ribblesdale"),
          "local authority 'Ribblesdale County Council' is in the ICB area but belongs to no place")],
    ),
    "the county's place partnership with a district council in place of the county": (
        L, [("        - {type: local_authority, organisation: la-ribblesdale}\n", "        - {type: local_authority, organisation: la-wyreford}\n")],
        [("GOV302", "/places/0/partnership/members",
          ("      name: Ribblesdale Place-Based Partnership\n      members:", "members"),
          "the partnership for place 'Ribblesdale' lacks the local authority 'Ribblesdale County Council' "
          "(local_authority), which has the place's social care functions")],
    ),
    "ICP member for the county appointed by a district": (
        L, [("{id: icp-ribblesdale, name: Cllr Graham Dowd, appointed_by: la-ribblesdale, organisation: la-ribblesdale,",
             "{id: icp-ribblesdale, name: Cllr Graham Dowd, appointed_by: la-wyreford, organisation: la-wyreford,")],
        [("GOV803", "/icp/members", ("  members:\n    - {id: icp-icb, name: Margaret", "members"),
          "'Ribblesdale County Council' (la-ribblesdale) appoints no member of the integrated care partnership")],
    ),
    "ICP chair agreed by a district in place of the county": (
        L, [("agreed_by: [icb, la-ribblesdale, la-blackmere", "agreed_by: [icb, la-wyreford, la-blackmere")],
        [("GOV804", "/icp/chair/agreed_by", ("    agreed_by: [icb, la-wyreford", "agreed_by"),
          "the ICP chair is not recorded as agreed by 'Ribblesdale County Council' (la-ribblesdale)")],
    ),
    "the VCFSE participant given a vote": (
        L, [("role: VCFSE alliance chair, voting: false}", "role: VCFSE alliance chair, voting: true}")],
        [("GOV115", "/board/participants/2/voting", ("role: VCFSE alliance chair, voting: true}", "true"),
          "participant 'Bernard Ogden' is given a vote; participants attend without voting and are not counted as "
          "members")],
    ),
    "chair removable by the ICB itself": (
        L, [("removal_by: [nhse], removal_approved_by: sos}", "removal_by: [nhse, icb], removal_approved_by: sos}")],
        [("GOV108", "/appointments/chair/removal_by/1", ("removal_by: [nhse, icb]", "icb"),
          "'NHS Ribblesdale and South Westmarch Integrated Care Board (the ICB itself)' is given power to remove the "
          "chair; only NHS England may")],
    ),
    "non-executive who is a district councillor": (
        L, [(L_NED_PLACES, L_NED_PLACES + " elected_office: {councillor_of: [la-hodderton]},")],
        [("GOV211", "/board/members/10/elected_office/councillor_of/0", ("{councillor_of: [la-hodderton]}", "la-hodderton"),
          "'Tom Greenhalgh' (non-executive member) is a councillor of Hodderton District Council")],
    ),
    "remuneration committee chaired by the chief executive": (
        L, [(L_REM, L_REM.replace("chair: m-ned-mh, members: [m-ned-mh,", "chair: m-ceo, members: [m-ceo, m-ned-mh,"))],
        [("GOV606", "/committees/1/chair", ("type: remuneration, chair: m-ceo", "m-ceo"),
          "'Ashok Varma', chair of the remuneration committee, is not a non-executive member")],
    ),
    "a quorum without a partner member": (
        L, [("    required_roles: [chair_or_deputy, executive, clinical_executive, non_executive, partner_member]\n",
             "    required_roles: [chair_or_deputy, executive, clinical_executive, non_executive]\n")],
        [("GOV503", "/board/quorum/required_roles", ("    required_roles: [chair_or_deputy, executive, clinical_executive, non_executive]", "required_roles"),
          "the quorum does not require a partner member (partner_member) to be present")],
    ),
}


# Two transcriptions of 2025-26 clusters: SNEE (chair and chief executive shared with the
# Norfolk and Waveney ICB, two county councils and a district only partly in the area, an
# interim non-executive, a place committee chaired by a council officer, a joint committee of
# ICBs) and HWE (a chair shared with two ICBs after an interim chairmanship, Essex only partly
# in the area). Seat indices: SNEE 9 is the interim non-executive, 10-12 the partner members;
# HWE 6 is the deputy chair, 9-11 the partner members.
N, H = "snee-icb", "hwe-icb"
N_TRUST = "nominated_by: [ft-endeavour, ft-west-deben, ft-yare-deben-mh, ft-colne-partnership, trust-ambulance]"
H_TRUST = ("nominated_by: [trust-east-north, trust-west-beane, trust-adelaide, trust-beane-community, "
           "ft-beane-partnership, ft-colne-partnership, trust-ambulance]")
N_QUALITY = "    - {id: m-ned-quality, name: Gillian Rowe, roles: [non_executive], voting: true, employee_of_icb: false,"
N_CHAIR_OFFICE = "      - {kind: office, organisation: icb-yare, role: interim chair, from: 2025-04-01}\n"
N_CHAIR_HOLDERS = "      shared_with: [icb-yare]\n      holders:\n        - {person: p-chair, from: 2022-07-01}\n"
H_CHAIR_HOLDERS = ("        - {person: p-deputy, capacity: interim, from: 2025-07-01, to: 2025-10-31}\n"
                   "        - {person: p-chair, from: 2025-11-01}\n")
VARIANTS.update({
    "SNEE trust partner also nominated by a trust serving only the neighbouring ICB's part of the county": (
        N, [(N_TRUST, N_TRUST[:-1] + ", ft-lothing]")],
        [("GOV124", "/board/members/10/appointment/nominated_by/5", ("trust-ambulance, ft-lothing]", "ft-lothing"),
          "Lothing University Hospitals NHS Foundation Trust may not nominate the trust partner member "
          "(m-partner-trust): it is not recorded as providing services within the ICB's area (serves_icb_area or "
          "in_footprint)")],
    ),
    "SNEE trust partner also nominated by the community interest company": (
        N, [(N_TRUST, N_TRUST[:-1] + ", cic-nee-community]")],
        [("GOV124", "/board/members/10/appointment/nominated_by/5", ("trust-ambulance, cic-nee-community]", "cic-nee"),
          "North East Colne Community Enterprise CIC may not nominate the trust partner member (m-partner-trust): "
          "it is not an NHS trust or an NHS foundation trust")],
    ),
    "SNEE local authority partner nominated by the partly-covered district in place of the county": (
        N, [("nominated_by: [la-deben, la-colne]", "nominated_by: [la-east-deben, la-colne]")],
        [("GOV112", "/board/members/12/appointment/nominated_by", ("        nominated_by: [la-east-deben", "nominated_by"),
          "'Andrew Bellamy' holds the partner member nominated by the local authorities in the area seat but is "
          "not recorded as jointly nominated: nominated by 1 of the 2 eligible organisations (not by Deben County "
          "Council); list every eligible nominator under appointment.nominated_by, or state the joint process "
          "(appointment.joint_process)"),
         ("GOV124", "/board/members/12/appointment/nominated_by/0", ("[la-east-deben, la-colne]", "la-east-deben"),
          "East Deben Council may not nominate the local authority partner member (m-partner-la): it has no social "
          "care functions (a lower-tier district council)")],
    ),
    "SNEE local authority partner not nominated by the county only partly in the area": (
        N, [("nominated_by: [la-deben, la-colne]", "nominated_by: [la-deben]")],
        [("GOV112", "/board/members/12/appointment/nominated_by", ("        nominated_by: [la-deben]", "nominated_by"),
          "'Andrew Bellamy' holds the partner member nominated by the local authorities in the area seat but is "
          "not recorded as jointly nominated: nominated by 1 of the 2 eligible organisations (not by Colne County "
          "Council); list every eligible nominator under appointment.nominated_by, or state the joint process "
          "(appointment.joint_process)")],
    ),
    "SNEE non-executive employed by the acute foundation trust": (
        N, [(N_QUALITY, N_QUALITY + " interests: [{kind: employment, organisation: ft-endeavour, role: deputy "
             "director of nursing, from: 2020-01-01}],")],
        [("GOV201", "/board/members/8/interests/0", ("interests: [{kind: employment, organisation: ft-endeavour", "{kind"),
          "non-executive member 'Gillian Rowe' holds a current role (deputy director of nursing) at East Deben and "
          "North Colne NHS Foundation Trust, which is in the ICS footprint")],
    ),
    "SNEE a district in no place": (
        N, [("    local_authorities: [la-colne, la-camulod, la-tenford]", "    local_authorities: [la-colne, la-camulod]")],
        [("GOV301", "/icb/area/local_authorities/8", ("la-camulod, la-tenford]\n  purpose", "la-tenford"),
          "local authority 'Tenford District Council' is in the ICB area but belongs to no place")],
    ),
    "SNEE delegated commissioning given a second owner": (
        N, [("  - {id: f-audit,", "  - {id: f-pod-2, function: \"Pharmacy, optometry and dentistry commissioning "
             "delegated by NHS England\", owner: m-cmo}\n  - {id: f-audit,")],
        [("GOV402", "/accountabilities/13/function", ("{id: f-pod, function: \"Pharmacy", "\"Pharmacy"),
          "function 'Pharmacy, optometry and dentistry commissioning delegated by NHS England' has 2 accountable "
          "owners (board, m-cmo): entries f-pod, f-pod-2; keep one entry with one owner and record other parties "
          "under delegated_to or joint_with"),
         ("GOV402", "/accountabilities/16/function", ("{id: f-pod-2, function: \"Pharmacy", "\"Pharmacy"),
          "function 'Pharmacy, optometry and dentistry commissioning delegated by NHS England' has 2 accountable "
          "owners (board, m-cmo): entries f-pod, f-pod-2; keep one entry with one owner and record other parties "
          "under delegated_to or joint_with")],
    ),
    "SNEE a quorum of six of thirteen": (
        N, [("  quorum:\n    majority: true\n", "  quorum:\n    min_count: 6\n")],
        [("GOV502", "/board/quorum/min_count", ("    min_count: 6", "min_count"),
          "the quorum is 6 of 13 voting members; it must be more than 0.5 of them (quorum_min_fraction), i.e. at least 7")],
    ),
    "SNEE the shared chair also appointed to the interim non-executive seat": (
        N, [("        - {person: p-interim-ned, capacity: interim, from: 2025-06-01}",
             "        - {person: p-chair, capacity: interim, from: 2025-06-01}")],
        [("GOV104", "/board/members/9/roles", ("    - id: m-ned-interim\n      roles: [non_executive]", "[non_executive]"),
          "'Edmund Marsh' holds 2 counted roles (chair, non_executive) through seats m-chair, m-ned-interim; a "
          "person counts in one capacity only")],
    ),
    "SNEE the place committee's delegation without limits": (
        N, [(', limits: "the North East Colne delegated budget set each year in the scheme of reservation and delegation"', "")],
        [("GOV410", "/accountabilities/15/delegated_to", ("owner: board, delegated_to: [c-place-nee]", "delegated_to"),
          "'Commissioning within the North East Colne delegated budget' is delegated to committee c-place-nee "
          "without stating the scope and limits of the delegation (limits)")],
    ),
    "SNEE the joint committee of ICBs with the VCFSE Assembly as a party": (
        N, [("parties: [icb-yare, icb-msc, icb-hwc]", "parties: [icb-yare, icb-msc, icb-hwc, vcse-assembly]")],
        [("GOV405", "/committees/6/parties/3", ("icb-hwc, vcse-assembly]", "vcse-assembly"),
          "'East of England Joint Committee for Pharmacy, Optometry and Dentistry' includes 'Deben and North East "
          "Colne VCFSE Assembly', a vcse, which is not a body an ICB may form joint arrangements with")],
    ),
    "SNEE ICP without the member of the county only partly in the area": (
        N, [("    - {id: icp-colne, name: Cllr Graham Tuck, appointed_by: la-colne, organisation: la-colne, elected: true}\n", "")],
        [("GOV803", "/icp/members", ("  name: Deben and North East Colne Integrated Care Partnership\n  members:", "members"),
          "'Colne County Council' (la-colne) appoints no member of the integrated care partnership")],
    ),
    "SNEE the shared chief executive employed by the other ICB only": (
        N, [("    name: Caroline Ashworth\n    employee_of_icb: true\n", "    name: Caroline Ashworth\n    employee_of_icb: false\n")],
        [("GOV204", "/people/1/employee_of_icb", ("    name: Caroline Ashworth\n    employee_of_icb: false", "false"),
          "'Caroline Ashworth' (chief executive) has employee_of_icb: false; it must be true")],
    ),
    "SNEE the chief executive appointed by the other ICB of the cluster": (
        N, [("  chief_executive: {appointed_by: m-chair, approved_by: nhse}", "  chief_executive: {appointed_by: icb-yare, approved_by: nhse}")],
        [("GOV109", "/appointments/chief_executive/appointed_by", ("{appointed_by: icb-yare, approved_by: nhse}", "icb-yare"),
          "the chief executive must be appointed by the chair, not 'NHS Yare and Lothing Integrated Care Board'")],
    ),
    "SNEE an acting chair designated by nobody": (
        N, [(N_CHAIR_HOLDERS, "      shared_with: [icb-yare]\n      vacant: true\n      holders:\n"
             "        - {person: p-interim-ned, capacity: acting, from: 2025-10-01}\n")],
        [("GOV011", "/board/members/0/holders/0", ("        - {person: p-interim-ned, capacity: acting", "{person"),
          "'Rajesh Pillai' acts in seat 'm-chair' (chair) but the entry does not say who designated them (designated_by)")],
    ),
    "SNEE the interim non-executive a councillor of the partly-covered county": (
        N, [("    name: Rajesh Pillai\n    employee_of_icb: false\n",
             "    name: Rajesh Pillai\n    employee_of_icb: false\n    elected_office: {mp: false, councillor_of: [la-colne]}\n")],
        [("GOV211", "/people/2/elected_office/councillor_of/0", ("councillor_of: [la-colne]}", "la-colne"),
          "'Rajesh Pillai' (non-executive member) is a councillor of Colne County Council")],
    ),
    "SNEE the shared chair a governor of the acute foundation trust": (
        N, [(N_CHAIR_OFFICE, N_CHAIR_OFFICE + "      - {kind: office, organisation: ft-endeavour, role: governor, from: 2024-01-01}\n")],
        [("GOV201", "/people/0/interests/1", ("      - {kind: office, organisation: ft-endeavour, role: governor", "{kind"),
          "chair 'Edmund Marsh' holds a current role (governor) at East Deben and North Colne NHS Foundation Trust, "
          "which is in the ICS footprint")],
    ),
    "SNEE the chair's seat 'shared' with the acute trust whose chair she is": (
        N, [(N_CHAIR_HOLDERS, N_CHAIR_HOLDERS.replace("icb-yare", "ft-endeavour")),
            (N_CHAIR_OFFICE, "      - {kind: office, organisation: ft-endeavour, role: chair, from: 2024-01-01}\n")],
        [("GOV201", "/people/0/interests/0", ("      - {kind: office, organisation: ft-endeavour, role: chair", "{kind"),
          "chair 'Edmund Marsh' holds a current role (chair) at East Deben and North Colne NHS Foundation Trust, "
          "which is in the ICS footprint"),
         ("GOV007", "/board/members/0/shared_with/0", ("      shared_with: [ft-endeavour]", "ft-endeavour"),
          "'ft-endeavour' is East Deben and North Colne NHS Foundation Trust (kind foundation_trust), but a shared "
          "seat must name another ICB (an organisation of kind icb)")],
    ),
    "SNEE a county council partly in the area without saying which part": (
        N, [("    part_in_area: The districts of Camulod and Tenford; the rest of the county is in the Mid and South Colne "
             "and the Beane and West Colne ICBs' areas.\n", "")],
        [("GOV125", "/organisations/6/coverage", ("    tier: upper\n    coverage: part\n    in_footprint: true", "part"),
          "'Colne County Council' is only partly in the ICB area (coverage: part) but the document does not say "
          "which part (organisations[].part_in_area)")],
    ),
    "SNEE the trust partner member designated to act as chair": (
        N, [(N_CHAIR_HOLDERS, "      shared_with: [icb-yare]\n      vacant: true\n      holders:\n"
             "        - {person: p-trust-ceo, capacity: acting, designated_by: m-ned-deputy, from: 2025-10-01}\n"),
            ("    - id: m-partner-trust\n      name: Nicola Baines\n      roles: [partner_trust]\n      voting: true\n"
             "      employee_of_icb: false\n      organisation: ft-west-deben\n",
             "    - id: m-partner-trust\n      roles: [partner_trust]\n      voting: true\n"
             "      holders: [{person: p-trust-ceo, from: 2022-07-01}]\n"),
            ("      interests:\n        - {kind: employment, organisation: ft-west-deben, role: chief executive, from: 2021-02-01}\n"
             "      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n    - id: m-partner-pc",
             "    - id: m-partner-pc"),
            ("  - id: p-interim-ned\n",
             "  - {id: p-trust-ceo, name: Nicola Baines, organisation: ft-west-deben, employee_of_icb: false, interests: "
             "[{kind: employment, organisation: ft-west-deben, role: chief executive, from: 2021-02-01}], checks: "
             "{fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}}\n  - id: p-interim-ned\n")],
        [("GOV201", "/people/2/interests/0", ("interests: [{kind: employment, organisation: ft-west-deben", "{kind"),
          "chair 'Nicola Baines' holds a current role (chief executive) at West Deben NHS Foundation Trust, which is "
          "in the ICS footprint")],
    ),
    "HWE the deputy chair acting as chair for over six months": (
        H, [(H_CHAIR_HOLDERS, "        - {person: p-deputy, capacity: acting, designated_by: nhse, from: 2025-01-06}\n"),
            ("    - id: m-chair\n      roles: [chair]\n", "    - id: m-chair\n      vacant: true\n      roles: [chair]\n")],
        [("GOV123", "/board/members/0/holders/0", ("        - {person: p-deputy, capacity: acting", "{person"),
          "the chair seat (m-chair) has been held only by an acting holder, 'Prof Arjun Mehta', since 2025-01-06: "
          "329 days, more than 183 (max_acting_days)"),
         ("GOV508", "/board/quorum/required_roles/0", ("required_roles: [chair_or_deputy", "chair_or_deputy"),
          "only 'Prof Arjun Mehta' (m-chair) can fill the chair or deputy chair (chair_or_deputy) in the quorum: if "
          "they are absent or conflicted the board is inquorate")],
    ),
    "HWE trust partner nominated without the Essex provider": (
        H, [(H_TRUST, H_TRUST.replace(" ft-colne-partnership,", ""))],
        [("GOV112", "/board/members/9/appointment/nominated_by", ("        nominated_by: [trust-east-north", "nominated_by"),
          "'Sunita Patel' holds the partner member nominated by NHS trusts and foundation trusts seat but is not "
          "recorded as jointly nominated: nominated by 6 of the 7 eligible organisations (not by Colne Partnership "
          "University NHS Foundation Trust); list every eligible nominator under appointment.nominated_by, or state "
          "the joint process (appointment.joint_process)")],
    ),
    "HWE local authority partner also nominated by a west Essex district": (
        H, [("nominated_by: [la-beane, la-colne]", "nominated_by: [la-beane, la-colne, la-stort]")],
        [("GOV124", "/board/members/11/appointment/nominated_by/2", ("la-colne, la-stort]", "la-stort"),
          "Stort Council may not nominate the local authority partner member (m-partner-la): it has no social care "
          "functions (a lower-tier district council)")],
    ),
    "HWE local authority partner not nominated by the county only partly in the area": (
        H, [("nominated_by: [la-beane, la-colne]", "nominated_by: [la-beane]")],
        [("GOV112", "/board/members/11/appointment/nominated_by", ("        nominated_by: [la-beane]", "nominated_by"),
          "'Jonathan Pike' holds the partner member nominated by the local authorities in the area seat but is not "
          "recorded as jointly nominated: nominated by 1 of the 2 eligible organisations (not by Colne County "
          "Council); list every eligible nominator under appointment.nominated_by, or state the joint process "
          "(appointment.joint_process)")],
    ),
    "HWE the deputy chair made audit chair": (
        H, [("chair: m-ned-audit, members: [m-ned-audit, m-ned-quality]", "chair: m-ned-deputy, members: [m-ned-deputy, m-ned-audit, m-ned-quality]")],
        [("GOV603", "/committees/0/chair", ("type: audit, chair: m-ned-deputy", "m-ned-deputy"),
          "'Prof Arjun Mehta', chair of the audit committee, has no recorded audit or finance expertise (board "
          "member's expertise)"),
         ("GOV604", "/committees/0/chair", ("type: audit, chair: m-ned-deputy", "m-ned-deputy"),
          "'Prof Arjun Mehta', chair of the audit committee, must not be the deputy chair")],
    ),
    "HWE the interim chairmanship still running when the new chair took office": (
        H, [("capacity: interim, from: 2025-07-01, to: 2025-10-31}", "capacity: interim, from: 2025-07-01, to: 2025-12-31}")],
        [("GOV011", "/board/members/0/holders", ("      holders:\n        - {person: p-deputy, capacity: interim", "holders"),
          "seat 'm-chair' (chair) has 2 holders at once ('Prof Arjun Mehta', 'Martin Galloway') whose dates "
          "overlap: give each holding its from and to dates")],
    ),
    "HWE the cluster chair also holding the deputy chair's seat": (
        H, [("        - {person: p-deputy, from: 2022-07-01}", "        - {person: p-chair, from: 2022-07-01}")],
        [("GOV104", "/board/members/6/roles", ("roles: [non_executive, deputy_chair, senior_non_executive]", "["),
          "'Martin Galloway' holds 2 counted roles (chair, non_executive) through seats m-chair, m-ned-deputy; a "
          "person counts in one capacity only"),
         ("GOV508", "/board/quorum/required_roles/0", ("required_roles: [chair_or_deputy", "chair_or_deputy"),
          "only 'Martin Galloway' (m-chair) can fill the chair or deputy chair (chair_or_deputy) in the quorum: if "
          "they are absent or conflicted the board is inquorate")],
    ),
    "HWE the chief executive approved by the Secretary of State": (
        H, [("  chief_executive: {appointed_by: m-chair, approved_by: nhse}", "  chief_executive: {appointed_by: m-chair, approved_by: sos}")],
        [("GOV109", "/appointments/chief_executive/approved_by", ("{appointed_by: m-chair, approved_by: sos}", "sos"),
          "the chief executive must be approved by NHS England, not 'Secretary of State for Health and Social Care'")],
    ),
    "HWE primary care delegated to its committee without limits": (
        H, [(', limits: "duties for primary care and general practice delegated in the scheme of reservation and '
             'delegation; recommendations to the board beyond them"', "")],
        [("GOV410", "/accountabilities/12/delegated_to", ("owner: board, delegated_to: [c-primary-care]", "delegated_to"),
          "'Primary medical services commissioning' is delegated to committee c-primary-care without stating the "
          "scope and limits of the delegation (limits)")],
    ),
    "HWE a quorum of exactly half": (
        H, [("  quorum:\n    majority: true\n", "  quorum:\n    min_fraction: 0.5\n")],
        [("GOV502", "/board/quorum/min_fraction", ("    min_fraction: 0.5", "min_fraction"),
          "the quorum is 6 of 12 voting members; it must be more than 0.5 of them (quorum_min_fraction), i.e. at least 7")],
    ),
    "HWE non-executive a councillor of the partly-covered county": (
        H, [("    - {id: m-ned-mh, name: Gwen Harcourt, roles: [non_executive], voting: true, employee_of_icb: false,",
             "    - {id: m-ned-mh, name: Gwen Harcourt, roles: [non_executive], voting: true, employee_of_icb: false, "
             "elected_office: {councillor_of: [la-colne]},")],
        [("GOV211", "/board/members/7/elected_office/councillor_of/0", ("{councillor_of: [la-colne]}", "la-colne"),
          "'Gwen Harcourt' (non-executive member) is a councillor of Colne County Council")],
    ),
    "HWE ICP chair not agreed by the partly-covered county": (
        H, [("    agreed_by: [icb, la-beane, la-colne]", "    agreed_by: [icb, la-beane]")],
        [("GOV804", "/icp/chair/agreed_by", ("    agreed_by: [icb, la-beane]", "agreed_by"),
          "the ICP chair is not recorded as agreed by 'Colne County Council' (la-colne)")],
    ),
    "HWE the cluster chair a non-executive of a hospital trust": (
        H, [("      - {kind: office, organisation: icb-fenland, role: chair, from: 2025-09-01}\n",
             "      - {kind: office, organisation: icb-fenland, role: chair, from: 2025-09-01}\n"
             "      - {kind: office, organisation: trust-adelaide, role: non-executive director, from: 2024-04-01}\n")],
        [("GOV201", "/people/0/interests/2", ("      - {kind: office, organisation: trust-adelaide", "{kind"),
          "chair 'Martin Galloway' holds a current role (non-executive director) at The Princess Adelaide Hospital "
          "NHS Trust, which is in the ICS footprint")],
    ),
    "HWE the west Essex place without the county": (
        H, [("    local_authorities: [la-colne, la-roding, la-stort, la-cam-valley]\n    parts: [{local_authority: la-colne, "
             "description: \"the districts of Roding Forest, Stort and Cam Valley, except the LSOAs in Appendix 3\"}]\n",
             "    local_authorities: [la-roding, la-stort, la-cam-valley]\n")],
        [("GOV301", "/icb/area/local_authorities/5", ("la-verulam, la-colne, la-roding", "la-colne"),
          "local authority 'Colne County Council' is in the ICB area but belongs to no place")],
    ),
    "HWE the shared chief executive's seat appointed by NHS England": (
        H, [("      appointment: {appointed_by: m-chair, approved_by: nhse, procedure: Constitution section 3, "
             "first_appointed: 2022-07-01}\n    - {id: m-cfo",
             "      appointment: {appointed_by: nhse, approved_by: nhse, procedure: Constitution section 3, "
             "first_appointed: 2022-07-01}\n    - {id: m-cfo")],
        [("GOV109", "/board/members/1/appointment/appointed_by", ("{appointed_by: nhse, approved_by: nhse, procedure", "nhse"),
          "'Dr Helen Marchant' holds the chief executive seat but is recorded as appointed by 'NHS England', not the chair")],
    ),
    "HWE the shared chair's seat naming a misspelt ICB": (
        H, [("      shared_with: [icb-ouzel, icb-fenland]\n      holders:\n        - {person: p-deputy",
             "      shared_with: [icb-ouzl, icb-fenland]\n      holders:\n        - {person: p-deputy")],
        [("GOV007", "/board/members/0/shared_with/0", ("shared_with: [icb-ouzl", "icb-ouzl"),
          "'icb-ouzl' is not defined anywhere in the document (expected the id of an organisation)")],
    ),
})

# --- North East London (nel-icb.yaml) and Nottingham and Nottinghamshire (notts-icb.yaml) ---
N, T = "nel-icb", "notts-icb"
N_LA_NOMINATORS = "nominated_by: [la-old-city, la-hackmore, la-barkham, la-haverley, la-newby, la-redmead, la-tower-marsh, la-walden-forest]"
N_NED_MH = "{id: m-ned-mh, name: Farida Shah, roles: [non_executive], voting: true, employee_of_icb: false,"
N_PLACE_LIMITS = ", limits: \"each place's notional allocation for out-of-hospital activity, within the scheme of reservation and delegation\""
N_MAYOR_SEAT = ("      roles: [partner_local_authority]\n      voting: true\n      employee_of_icb: false\n"
                "      organisation: la-hackmore\n")
T_TRUST_NOMINATORS = "nominated_by: [trust-trentham, ft-sherwood, ft-trentshire-healthcare, trust-ambulance, ft-donmouth, ft-don-valley]"
T_CHAIR = "{id: m-chair, name: Dr Katherine Mallory, roles: [chair], voting: true, employee_of_icb: false,"
T_SPECIALISED_LIMITS = ", limits: \"the services in the delegation agreement with NHS England, within each ICB's allocation (s65Z6 joint committee)\""

VARIANTS.update({
    "NEL a non-executive who is a borough's elected mayor": (
        N, [(N_NED_MH, N_NED_MH + " elected_office: {mayor_of: [la-newby]},")],
        [("GOV211", "/board/members/7/elected_office/mayor_of/0", ("{mayor_of: [la-newby]}", "la-newby"),
          "'Farida Shah' (non-executive member) is the elected mayor of London Borough of Newby")],
    ),
    "NEL the mayor's partner seat recorded as a non-executive seat": (
        N, [(N_MAYOR_SEAT, N_MAYOR_SEAT.replace("partner_local_authority", "non_executive"))],
        [("GOV211", "/board/members/12/elected_office/mayor_of/0", ("elected_office: {mayor_of: [la-hackmore]}", "la-hackmore"),
          "'Mayor Philippa Glanfield' (non-executive member) is the elected mayor of London Borough of Hackmore"),
         ("GOV201", "/board/members/12/interests/0", ("        - {kind: office, organisation: la-hackmore, role: elected mayor", "{kind"),
          "non-executive member 'Mayor Philippa Glanfield' holds a current role (elected mayor) at London Borough of "
          "Hackmore, which is in the ICS footprint")],
    ),
    "NEL the chair still chair of the mental health trust she led": (
        N, [("role: chair, from: 2012-10-01, to: 2020-01-31, end_reason: resignation}", "role: chair, from: 2012-10-01}")],
        [("GOV201", "/board/members/0/interests/0", ("        - {kind: office, organisation: ft-east-lea, role: chair", "{kind"),
          "chair 'Dame Ruth Abiola' holds a current role (chair) at East Lea NHS Foundation Trust, which is in the "
          "ICS footprint")],
    ),
    "NEL a local authority partner nominated without the City Corporation": (
        N, [("      organisation: la-barkham\n      elected_office: {councillor_of: [la-barkham]}\n      appointment:\n        appointed_by: m-chair\n        "
             + N_LA_NOMINATORS,
             "      organisation: la-barkham\n      elected_office: {councillor_of: [la-barkham]}\n      appointment:\n        appointed_by: m-chair\n        "
             + N_LA_NOMINATORS.replace("la-old-city, ", ""))],
        [("GOV112", "/board/members/11/appointment/nominated_by",
          ("        nominated_by: [la-hackmore, la-barkham", "nominated_by"),
          "'Cllr Maureen Wardle' holds the partner member nominated by the local authorities in the area seat but is "
          "not recorded as jointly nominated: nominated by 7 of the 8 eligible organisations (not by Old City "
          "Corporation); list every eligible nominator under appointment.nominated_by, or state the joint process "
          "(appointment.joint_process)")],
    ),
    "NEL a trust partner also nominated by a GP federation": (
        N, [("trust-ambulance]\n        procedure: Constitution section 3 (joint nomination by the NHS trusts and foundation trusts that provide services within the area)\n        first_appointed: 2022-07-01\n        term_years: 3\n      interests:\n        - {kind: employment, organisation: trust-bhr",
             "trust-ambulance, pc-newby]\n        procedure: Constitution section 3 (joint nomination by the NHS trusts and foundation trusts that provide services within the area)\n        first_appointed: 2022-07-01\n        term_years: 3\n      interests:\n        - {kind: employment, organisation: trust-bhr")],
        [("GOV124", "/board/members/8/appointment/nominated_by/6", ("trust-ambulance, pc-newby]", "pc-newby"),
          "Newby GP Federation may not nominate the trust partner member (m-partner-trust-acute): it is not an NHS "
          "trust or an NHS foundation trust")],
    ),
    "NEL no primary care partner member": (
        N, [(_text(N)[_text(N).index("    - id: m-partner-pc\n"):_text(N).index("    - id: m-partner-la-barkham\n")], "")],
        [("GOV101", "/board/members", ("  members:\n    - id: m-chair", "members"),
          "the board needs a partner member nominated by primary medical services providers (role "
          "partner_primary_medical); it has none")],
    ),
    "NEL the City Corporation in no place": (
        N, [("    local_authorities: [la-old-city, la-hackmore]\n", "    local_authorities: [la-hackmore]\n"),
            ("        - {type: local_authority, organisation: la-old-city}\n", "")],
        [("GOV301", "/icb/area/local_authorities/0", ("    local_authorities: [la-old-city, la-hackmore, la-barkham", "la-old-city"),
          "local authority 'Old City Corporation' is in the ICB area but belongs to no place")],
    ),
    "NEL the place committee's councillor chair misspelt": (
        N, [("chair: p-cllr-hackmore, members: [p-cllr-hackmore,", "chair: p-cllr-hackmor, members: [p-cllr-hackmore,")],
        [("GOV007", "/committees/5/chair", ("chair: p-cllr-hackmor,", "p-cllr-hackmor"),
          "'p-cllr-hackmor' is not defined anywhere in the document (expected the id of a member or a person)")],
    ),
    "NEL delegation to the seven place committees without limits": (
        N, [(N_PLACE_LIMITS, "")],
        [("GOV410", "/accountabilities/14/delegated_to", ("owner: board, delegated_to: [c-place-city-hackmore", "delegated_to"),
          "\"Out-of-hospital services in each place, within the place's allocation\" is delegated to committee "
          "c-place-city-hackmore, c-place-barkham, c-place-haverley, c-place-newby, c-place-redmead, "
          "c-place-tower-marsh, c-place-walden-forest without stating the scope and limits of the delegation (limits)")],
    ),
    "NEL safeguarding children owned by the board's nurse and a place committee": (
        N, [("  - {id: f-children-in-care,",
             "  - {id: f-safeguarding-children-newby, function: Safeguarding children, duty: safeguarding_children, "
             "statutory: true, owner: c-place-newby}\n  - {id: f-children-in-care,")],
        [("GOV402", "/accountabilities/4/function", ("{id: f-safeguarding-children, function: Safeguarding children", "Safeguarding children"),
          "function 'Safeguarding children' has 2 accountable owners (c-place-newby, m-cno): entries "
          "f-safeguarding-children, f-safeguarding-children-newby; keep one entry with one owner and record other "
          "parties under delegated_to or joint_with"),
         ("GOV402", "/accountabilities/6/function", ("{id: f-safeguarding-children-newby, function: Safeguarding children", "Safeguarding children"),
          "function 'Safeguarding children' has 2 accountable owners (c-place-newby, m-cno): entries "
          "f-safeguarding-children, f-safeguarding-children-newby; keep one entry with one owner and record other "
          "parties under delegated_to or joint_with")],
    ),
    "NEL a quorum of four": (
        N, [("    majority: true\n", "    min_count: 4\n")],
        [("GOV502", "/board/quorum/min_count", ("    min_count: 4", "min_count"),
          "the quorum is 4 of 13 voting members; it must be more than 0.5 of them (quorum_min_fraction), i.e. at "
          "least 7")],
    ),
    "NEL the councillor partner member made deputy chair": (
        N, [("roles: [non_executive, deputy_chair, senior_non_executive]", "roles: [non_executive, senior_non_executive]"),
            ("      roles: [partner_local_authority]\n      voting: true\n      employee_of_icb: false\n      organisation: la-barkham",
             "      roles: [partner_local_authority, deputy_chair]\n      voting: true\n      employee_of_icb: false\n      organisation: la-barkham")],
        [("GOV113", "/board/members/11/roles", ("      roles: [partner_local_authority, deputy_chair]", "[partner_local_authority"),
          "'Cllr Maureen Wardle' is deputy chair but is not a non-executive member")],
    ),
    "NEL an ICP without the City Corporation's member": (
        N, [("    - {id: icp-old-city, name: Deputy Ann Holloway, appointed_by: la-old-city, organisation: la-old-city, elected: true}\n", "")],
        [("GOV803", "/icp/members", ("  members:\n    - {id: icp-icb", "members"),
          "'Old City Corporation' (la-old-city) appoints no member of the integrated care partnership")],
    ),
    "NEL an impossible appointment date": (
        N, [("first_appointed: 2023-01-01, term_years: 3}, checks", "first_appointed: 2023-02-30, term_years: 3}, checks")],
        [("GOV001", "/board/members/7/appointment/first_appointed", ("first_appointed: 2023-02-30", "2023-02-30"),
          "invalid date '2023-02-30': day is out of range for month")],
    ),
    # --- Nottingham and Nottinghamshire ---
    "Notts a district council among the local authority partner's nominators": (
        T, [("nominated_by: [la-trentham, la-trentshire]", "nominated_by: [la-trentham, la-trentshire, la-idlewold]")],
        [("GOV124", "/board/members/11/appointment/nominated_by/2", ("nominated_by: [la-trentham, la-trentshire, la-idlewold]", "la-idlewold"),
          "Idlewold District Council may not nominate the local authority partner member (m-partner-la): it has no "
          "social care functions (a lower-tier district council)")],
    ),
    "Notts the city's community interest company among the trust partner's nominators": (
        T, [(T_TRUST_NOMINATORS, T_TRUST_NOMINATORS[:-1] + ", cic-citycare]")],
        [("GOV124", "/board/members/9/appointment/nominated_by/6", ("ft-don-valley, cic-citycare]", "cic-citycare"),
          "Trentham CityCare Partnership CIC may not nominate the trust partner member (m-partner-trust): it is not "
          "an NHS trust or an NHS foundation trust")],
    ),
    "Notts the neighbouring trust not recorded as serving Idlewold": (
        T, [("in_footprint: false, serves_icb_area: true, services: [acute]}", "in_footprint: false, serves_icb_area: false, services: [acute]}")],
        [("GOV124", "/board/members/9/appointment/nominated_by/4", ("trust-ambulance, ft-donmouth, ft-don-valley]", "ft-donmouth"),
          "Donmouth and Idlewold Teaching Hospitals NHS Foundation Trust may not nominate the trust partner member "
          "(m-partner-trust): it is not recorded as providing services within the ICB's area (serves_icb_area or "
          "in_footprint)")],
    ),
    "Notts the Idlewold district in no place": (
        T, [("    local_authorities: [la-trentshire, la-idlewold]\n", "    local_authorities: [la-trentshire]\n"),
            ("        - {type: local_authority, organisation: la-idlewold}\n", "")],
        [("GOV301", "/icb/area/local_authorities/2", ("local_authorities: [la-trentham, la-trentshire, la-idlewold, la-ashmoor", "la-idlewold"),
          "local authority 'Idlewold District Council' is in the ICB area but belongs to no place")],
    ),
    "Notts the East Midlands joint committee with a VCSE alliance": (
        T, [("parties: [icb-derwent, icb-lindum, icb-soar, icb-nene, nhse]", "parties: [icb-derwent, icb-lindum, icb-soar, icb-nene, nhse, vcse-alliance]")],
        [("GOV405", "/committees/5/parties/5", ("nhse, vcse-alliance]", "vcse-alliance"),
          "'East Midlands Joint Commissioning Committee' includes 'Trentshire VCSE Alliance', a vcse, which is not a "
          "body an ICB may form joint arrangements with")],
    ),
    "Notts specialised services delegated to the joint committee without limits": (
        T, [(T_SPECIALISED_LIMITS, "")],
        [("GOV410", "/accountabilities/14/delegated_to", ("owner: board, delegated_to: [c-em-joint]", "delegated_to"),
          "'Specialised services commissioning delegated by NHS England' is delegated to committee c-em-joint "
          "without stating the scope and limits of the delegation (limits)")],
    ),
    "Notts the joint committee owning the function it is delegated": (
        T, [("statutory: true, owner: board, delegated_to: [c-em-joint]", "statutory: true, owner: c-em-joint, delegated_to: [c-em-joint]")],
        [("GOV409", "/accountabilities/14/delegated_to/0", ("owner: c-em-joint, delegated_to: [c-em-joint]", "c-em-joint]"),
          "f-specialised: 'c-em-joint' owns this function and delegates it to itself; remove the delegation or name "
          "the body that really exercises it")],
    ),
    "Notts an ICP without the city council's member": (
        T, [("    - {id: icp-trentham, name: Cllr Linda Woodings, appointed_by: la-trentham, organisation: la-trentham, elected: true}\n", "")],
        [("GOV803", "/icp/members", ("  members:\n    - {id: icp-icb", "members"),
          "'Trentham City Council' (la-trentham) appoints no member of the integrated care partnership")],
    ),
    "Notts the ICP chair not agreed by the city": (
        T, [("agreed_by: [icb, la-trentham, la-trentshire]", "agreed_by: [icb, la-trentshire]")],
        [("GOV804", "/icp/chair/agreed_by", ("    agreed_by: [icb, la-trentshire]", "agreed_by"),
          "the ICP chair is not recorded as agreed by 'Trentham City Council' (la-trentham)")],
    ),
    "Notts the audit chair made deputy chair": (
        T, [("roles: [non_executive, deputy_chair, senior_non_executive]", "roles: [non_executive, senior_non_executive]"),
            ("{id: m-ned-audit, name: Jonathan Keble, roles: [non_executive]", "{id: m-ned-audit, name: Jonathan Keble, roles: [non_executive, deputy_chair]")],
        [("GOV604", "/committees/0/chair", ("type: audit, chair: m-ned-audit", "m-ned-audit"),
          "'Jonathan Keble', chair of the audit committee, must not be the deputy chair")],
    ),
    "Notts a chair dismissed by the city's hospital trust three years ago": (
        T, [(T_CHAIR, T_CHAIR + " interests: [{kind: employment, organisation: trust-trentham, role: medical director, "
             "from: 2015-01-01, to: 2022-03-31, end_reason: dismissal}],")],
        [("GOV217", "/board/members/0/interests/0/end_reason", ("to: 2022-03-31, end_reason: dismissal}", "dismissal"),
          "'Dr Katherine Mallory' (chair) was dismissed by Trentham University Hospitals NHS Trust on 2022-03-31, "
          "within 5 years")],
    ),
    "Notts the chief executive approved by the Secretary of State": (
        T, [("  chief_executive: {appointed_by: m-chair, approved_by: nhse}", "  chief_executive: {appointed_by: m-chair, approved_by: sos}")],
        [("GOV109", "/appointments/chief_executive/approved_by", ("  chief_executive: {appointed_by: m-chair, approved_by: sos}", "sos"),
          "the chief executive must be approved by NHS England, not 'Secretary of State for Health and Social Care'")],
    ),
    "Notts conflicted members counted towards the quorum": (
        T, [("    conflicted_excluded: true\n", "    conflicted_excluded: false\n")],
        [("GOV506", "/board/quorum/conflicted_excluded", ("    conflicted_excluded: false", "conflicted_excluded"),
          "board.quorum.conflicted_excluded is false; it must be true")],
    ),
    "Notts the trust partner's employment ending before it began": (
        T, [("{kind: employment, organisation: ft-sherwood, role: chief executive, from: 2018-01-01}",
             "{kind: employment, organisation: ft-sherwood, role: chief executive, from: 2018-01-01, to: 2008-01-01}")],
        [("GOV013", "/board/members/9/interests/0/to", ("from: 2018-01-01, to: 2008-01-01}", "2008-01-01"),
          "the interest of 'Paul Robbins' (chief executive at Sherwood Vale Hospitals NHS Foundation Trust) ends "
          "(2008-01-01) before it begins (2018-01-01)")],
    ),
    "HWE the cluster chair's office in the register ending before it began": (
        "hwe-icb", [("      - {kind: office, organisation: icb-ouzel, role: chair, from: 2023-04-01}\n",
                     "      - {kind: office, organisation: icb-ouzel, role: chair, from: 2023-04-01, to: 2022-04-01}\n")],
        # reported once, in the register, though the chair's seat reads the same record
        [("GOV013", "/people/0/interests/0/to", ("role: chair, from: 2023-04-01, to: 2022-04-01}", "2022-04-01"),
          "the interest of 'Martin Galloway' (chair at NHS Ouzel Valley Integrated Care Board) ends (2022-04-01) "
          "before it begins (2023-04-01)")],
    ),
    "Notts no director of nursing": (
        T, [("roles: [nursing_director]", "roles: [other_executive]")],
        [("GOV103", "/board/members", ("  members:\n    - {id: m-chair", "members"),
          "the board needs a director of nursing (role nursing_director); it has none"),
         # and so the medical director alone can make the quorum's clinical executive
         ("GOV508", "/board/quorum/required_roles/2", ("[chair_or_deputy, executive, clinical_executive,", "clinical_executive"),
          "only 'Dr David Brennan' (m-cmo) can fill a clinical executive, i.e. the medical or nursing director "
          "(clinical_executive) in the quorum: if they are absent or conflicted the board is inquorate")],
    ),
})

# Faults only the good-practice profile judges: (fixture, edits, expected) as above, compared
# after the unedited document's own good-practice findings are set aside.
GOOD_PRACTICE_VARIANTS: dict[str, tuple[str, list[tuple[str, str]], list[tuple[str, str, tuple[str, str], str]]]] = {
    "a council's substitute standing in for another council's member": (
        G, [("elected: true, substitute_for: icp-stockley}", "elected: true, substitute_for: icp-oldmoor}")],
        [("GOV815", "/icp/members/14/substitute_for", ("Cllr Jay Vance, appointed_by: la-stockley, organisation: la-stockley, elected: true, substitute_for: icp-oldmoor}", "icp-oldmoor"),
          "'Cllr Jay Vance', appointed by 'Stockley Metropolitan Borough Council', is recorded as substitute for "
          "'Cllr Dan Pike', whom 'Oldmoor Metropolitan Borough Council' appoints: a substitute stands in for a "
          "member appointed by the same body")],
    ),
    "the mayor appointed by the combined authority": (
        G, [("{id: icp-mayor, name: Mayor Dana Whitlow, appointed_by: icp,", "{id: icp-mayor, name: Mayor Dana Whitlow, appointed_by: ca-irwell,")],
        [("GOV815", "/icp/members/21/appointed_by", ("Mayor Dana Whitlow, appointed_by: ca-irwell", "ca-irwell"),
          "'Mayor Dana Whitlow' is appointed by 'Irwell Combined Authority'; members other than the ICB's and the "
          "responsible local authorities' are appointed by the partnership itself (appointed_by: the ICP)")],
    ),
    "a borough in two localities, neither saying which part": (
        G, [("  - id: place-burnside\n    name: Burnside\n    local_authorities: [la-burnside]\n",
             "  - id: place-burnside\n    name: Burnside\n    local_authorities: [la-burnside, la-bolbury]\n"),
            # the partnership takes in the added council (GOV302 would otherwise report it missing)
            ("        - {type: local_authority, organisation: la-burnside}\n",
             "        - {type: local_authority, organisation: la-burnside}\n        - {type: local_authority, organisation: la-bolbury}\n")],
        [("GOV304", "/places/1/local_authorities/1", ("local_authorities: [la-burnside, la-bolbury]", "la-bolbury"),
          "'Bolbury Metropolitan Borough Council' is split between 2 places; a place should match whole health and "
          "wellbeing board (upper-tier local authority) footprints")],
    ),
    "a split locality with one part undescribed": (
        B, [("    parts: [{local_authority: la-avonmouth, description: the south Avonmouth wards}]\n", "")],
        [("GOV304", "/places/2/local_authorities/0",
          ("  - id: loc-south\n    name: South Avonmouth\n    local_authorities: [la-avonmouth]", "la-avonmouth"),
          "'Avonmouth City Council' is split between 3 places; a place should match whole health and wellbeing "
          "board (upper-tier local authority) footprints, or say which part is its own: place 'South Avonmouth' "
          "does not (parts)")],
    ),
    "a place committee without terms of reference": (
        W, [("members: [p-lead-kirkholme, m-ned-places], terms_of_reference: true}", "members: [p-lead-kirkholme, m-ned-places], terms_of_reference: false}")],
        [("GOV608", "/committees/7/terms_of_reference", ("m-ned-places], terms_of_reference: false}", "terms_of_reference"),
          "committee 'Kirkholme Place Committee' has no terms of reference")],
    ),
    "an ICP member appointed by a district council": (
        L, [("    - {id: icp-healthwatch, name: Sheila", "    - {id: icp-wyreford, name: Cllr Rob Leach, appointed_by: la-wyreford, "
             "organisation: la-wyreford, elected: true}\n    - {id: icp-healthwatch, name: Sheila")],
        [("GOV815", "/icp/members/5/appointed_by", ("Cllr Rob Leach, appointed_by: la-wyreford", "la-wyreford"),
          "'Cllr Rob Leach' is appointed by 'Wyreford Borough Council'; members other than the ICB's and the "
          "responsible local authorities' are appointed by the partnership itself (appointed_by: the ICP)")],
    ),
    "HWE the west Essex place with no route onto the board": (
        "hwe-icb", [("    board_representation: {route: non_executive_link, member: m-ned-mh}", "    board_representation: {route: none}")],
        [("GOV303", "/places/2/board_representation", ("    board_representation: {route: none}", "board_representation"),
          "place 'West Colne' has no route onto the ICB board")],
    ),
    "the chair on the audit committee": (
        L, [("chair: m-ned-audit, members: [m-ned-audit, m-ned-quality]", "chair: m-ned-audit, members: [m-ned-audit, m-ned-quality, m-chair]")],
        [("GOV605", "/committees/0/members/2", ("members: [m-ned-audit, m-ned-quality, m-chair]", "m-chair"),
          "'Margaret Holden' (chair) must not be a member of the audit committee 'Audit Committee'")],
    ),
}


@pytest.mark.parametrize("variant", sorted(GOOD_PRACTICE_VARIANTS))
def test_seeded_fault_under_good_practice(variant: str) -> None:
    name, edits, expected = GOOD_PRACTICE_VARIANTS[variant]
    text = _edit(_text(name), edits)
    baseline = set(GOOD_PRACTICE[name])
    found = [f for f in _findings(text, name, WITH_GOOD_PRACTICE) if (f[0], f[3]) not in baseline]
    want = [(rule, *at(text, *where), path, message) for rule, path, where, message in expected]
    assert _without_duplicates(found) == want


def _without_duplicates(found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    primary = {(f[0], f[3]) for f in found}
    kept = []
    for f in found:
        if f[0] in DUPLICATE_OF:
            assert (DUPLICATE_OF[f[0]], f[3]) in primary, f"{f[0]} without {DUPLICATE_OF[f[0]]}: {f}"
            continue
        kept.append(f)
    return kept


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_seeded_fault_is_caught_by_its_rule_at_its_node(variant: str) -> None:
    name, edits, expected = VARIANTS[variant]
    text = _edit(_text(name), edits)
    want = [(rule, *at(text, *where), path, message) for rule, path, where, message in expected]
    assert _without_duplicates(_findings(text, name)) == want


def test_trust_providing_primary_medical_services_may_nominate_the_primary_care_partner() -> None:
    """Sch. 1B para 8 reads 'persons who provide primary medical services': Somerset's trust
    delivers primary care itself and is among the primary care partner member's nominators;
    GOV124 does not report it, and a nomination that leaves it out is not joint."""
    text = _text(S)
    assert "nominated_by: [ft-quantock, pc-quantock-lmc-practices, pc-west-quantock]" in text
    assert _findings(text, S) == []
    left_out = _edit(text, [("nominated_by: [ft-quantock, pc-quantock-lmc-practices, pc-west-quantock]",
                             "nominated_by: [pc-quantock-lmc-practices, pc-west-quantock]")])
    found = _findings(left_out, S)
    assert [f[0] for f in found] == ["GOV112"]
    assert "(not by Quantock NHS Foundation Trust)" in found[0][4]
    # a trust that does not deliver primary care is not a provider of primary medical services
    not_pms = _edit(text, [("services: [acute, community, mental_health, primary_care]}",
                            "services: [acute, community, mental_health]}")])
    rules = sorted({f[0] for f in _findings(not_pms, S)})
    assert rules == ["GOV124"]


def _value(data: Any, path: str) -> Any:
    for token in path.strip("/").split("/"):
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_scalar_position_points_at_its_value(name: str) -> None:
    """Whole-document positions: each one-line scalar's line and column hold that scalar, so
    a finding anywhere in a transcription points at the right node."""
    text = _text(name)
    doc = load_text(text, f"{name}.yaml")
    lines = text.splitlines()
    checked = 0
    for path in doc.positions:
        if not path:
            continue
        line, col = doc.position(path)
        value = _value(doc.data, path)
        if isinstance(value, (dict, list)) or value is None:
            continue
        written = str(value).lower() if isinstance(value, bool) else str(value)
        source = lines[line - 1][col - 1:].lstrip("\"'")
        if "\n" in written or source.startswith(">"):
            continue  # folded scalars start at their indicator
        assert source.startswith(written), (path, line, col, written, lines[line - 1])
        checked += 1
    assert checked > 500


@pytest.mark.parametrize("name", PUBLISHED)
def test_every_member_id_position_is_on_its_own_entry(name: str) -> None:
    text = _text(name)
    doc = load_text(text, f"{name}.yaml")
    for i, member in enumerate(doc.data["board"]["members"]):
        line, col = doc.position(f"/board/members/{i}/id")
        assert (line, col) == at(text, f"id: {member['id']}\n" if f"- id: {member['id']}\n" in text
                                 else f"{{id: {member['id']},", member["id"])


def test_trust_outside_the_footprint_that_serves_the_area_may_nominate() -> None:
    """GM's community trust is based in a neighbouring ICB's area but provides services in
    Wigmoor: it is among the trust partner member's nominators, and neither GOV124 nor GOV157
    reports it (both read serves_icb_area)."""
    text = _text(G)
    assert "in_footprint: false, serves_icb_area: true" in text and "trust-nw-ambulance, ft-bridgeway]" in text
    assert [f for f in _findings(text, G) if f[0] in ("GOV124", "GOV157")] == []


def _apply(seat: dict[str, Any], fields: dict[str, Any]) -> None:
    """Set a seat's fields; None removes one."""
    for key, value in fields.items():
        if value is None:
            seat.pop(key, None)
        else:
            seat[key] = value


def _with_register(text: str, seat_edits: dict[str, dict[str, Any]] | None = None) -> str:
    """The same constitution written the other way: every board seat names its holder from a
    register of people (``holders``) instead of describing them on the seat. ``seat_edits``
    change a seat's person fields first (seat id -> fields)."""
    import yaml

    from govcheck.model import PERSON_FIELDS

    data = yaml.safe_load(text)
    people = list(data.get("people") or [])
    for seat in data["board"]["members"]:
        if "holders" in seat:
            continue  # already written with the register (a shared or interim seat)
        _apply(seat, (seat_edits or {}).get(seat["id"], {}))
        person = {k: seat.pop(k) for k in list(seat) if k in PERSON_FIELDS}
        person_id = f"p-{seat['id']}"
        people.append({"id": person_id, **person})
        since = seat.get("appointment", {}).get("first_appointed")
        seat["holders"] = [{"person": person_id, **({"from": since} if since else {})}]
    data["people"] = people
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


PERSON_FAULTS = {
    "non-executive who is a councillor": ("m-ned-quality", {"elected_office": {"councillor_of": ["la-woodvale"]}}),
    "chair who is a Member of Parliament": ("m-chair", {"elected_office": {"mp": True}}),
    "non-executive employed by a trust": ("m-ned-quality", {"interests": [
        {"kind": "employment", "organisation": "trust-north-avon", "role": "director of strategy", "from": "2021-01-01"}]}),
    "chief executive not an employee": ("m-ceo", {"employee_of_icb": False}),
    "finance director not checked as fit and proper": ("m-cfo", {"checks": {
        "fit_and_proper": False, "nolan_principles": True, "disqualifications_clear": True}}),
    "non-executive with a private healthcare role and no determination": ("m-ned-deputy", {"interests": [
        {"kind": "private_healthcare", "organisation": "uni-avonmouth", "role": "medical adviser", "from": "2020-01-01"}]}),
    "non-executive dismissed by a trust two years ago": ("m-ned-mh", {"interests": [
        {"kind": "employment", "organisation": "trust-north-avon", "role": "consultant", "from": "2010-01-01",
         "to": "2023-03-31", "end_reason": "dismissal"}]}),
    "audit chair without audit expertise": ("m-ned-audit", {"expertise": ["strategy"]}),
    "partner member without a home organisation": ("m-partner-pc", {"organisation": None}),
    "no member with mental health expertise": ("m-ned-mh", {"mental_health_expertise": False}),
}


@pytest.mark.parametrize("fault", [None, *sorted(PERSON_FAULTS)])
def test_same_findings_whichever_way_the_seats_are_written(fault: str | None) -> None:
    """A company secretary may describe each holder on the seat or keep a register of people:
    the BNSSG transcription gives the same findings, in the same words, either way (paths of
    person fields move to the register)."""
    import yaml

    edits = {} if fault is None else {PERSON_FAULTS[fault][0]: PERSON_FAULTS[fault][1]}
    data = yaml.safe_load(_text(B))
    for seat in data["board"]["members"]:
        _apply(seat, edits.get(seat["id"], {}))
    on_seats = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    in_register = _with_register(_text(B), edits)
    seats_found = [(f[0], f[4]) for f in _findings(on_seats, B)]
    register_found = [(f[0], f[4]) for f in _findings(in_register, B)]
    assert register_found == seats_found
    assert (seats_found == []) == (fault is None)


@pytest.mark.parametrize("name", PUBLISHED)
def test_transcription_written_with_a_register_of_people_is_compliant_too(name: str) -> None:
    assert _findings(_with_register(_text(name)), name) == []
    found = _findings(_with_register(_text(name)), name, WITH_GOOD_PRACTICE)
    assert [(f[0], f[3]) for f in found] == GOOD_PRACTICE[name]


# -- the merged ICB (wnl-icb.yaml): faults of a merger, some decided only by the law ---------

N = "wnl-icb"
N_LAS = ("la-barnet, la-camden, la-enfield, la-haringey, la-islington, la-brent, la-ealing, la-hf, la-harrow, "
         "la-hillingdon, la-hounslow, la-kc, la-westminster")
N_NWL_LAS = "la-brent, la-ealing, la-hf, la-harrow, la-hillingdon, la-hounslow, la-kc, la-westminster"
N_NCL_COUNCILS = ("Barnet", "Camden", "Enfield", "Haringey", "Islington")
N_TRUSTS = ("trust-lnwuh, trust-imperial, ft-chelwest, ft-hillingdon, ft-cnwl, trust-wlt, trust-clch, ft-ncl-acute, "
            "trust-ncl-mh, trust-las")
N_LA_SEAT_TAIL = ("]\n        procedure: Constitution section 3 (joint nomination by the thirteen local authorities in "
                  "the area)\n        first_appointed: 2026-04-01\n        term_years: 3\n      interests:\n"
                  "        - {kind: office, organisation: la-brent")
N_TRUST_SEAT_TAIL = ("]\n        procedure: Constitution section 3 (joint nomination by the NHS trusts and foundation "
                     "trusts that provide services within the area)\n        first_appointed: 2026-04-01\n"
                     "        term_years: 3\n      interests:\n        - {kind: employment, organisation: ft-ncl-acute")
N_CHAIR_CLAUSE = "  chair: {appointed_by: nhse, approved_by: sos, removal_by: [nhse], removal_approved_by: sos}"
N_CEO_CLAUSE = "  chief_executive: {appointed_by: m-chair, approved_by: nhse}"
N_CHAIR_SEAT = "appointment: {appointed_by: nhse, approved_by: sos, procedure: Constitution section 3, first_appointed: "
N_GLA = "  - {id: gla, name: Greater London Authority, kind: mayoral_strategic_authority, in_footprint: true}\n"
N_NED_AUDIT_PAST = ("        - {kind: office, organisation: icb-nwl, role: non-executive member, from: 2022-07-01, "
                    "to: 2026-03-31, end_reason: other}")
N_NCL_ICP = [f"    - {{id: icp-{k}, name: {k.title()} cabinet member for health, appointed_by: la-{k}, "
             f"organisation: la-{k}, elected: true}}\n" for k in ("barnet", "camden", "enfield", "haringey", "islington")]
BILL_LAW = Settings(profiles=("statutory", "nhse-policy"), law="health-bill-2026")
ACT_LAW = Settings(profiles=("statutory", "nhse-policy"), law="nhs-act-2006-sch1b")
ACT_GOOD_PRACTICE = Settings(profiles=("statutory", "nhse-policy", "good-practice"), law="nhs-act-2006-sch1b")
BILL_GOOD_PRACTICE = Settings(profiles=("statutory", "nhse-policy", "good-practice"), law="health-bill-2026")

# What the Bill reports in the transcription itself: the clauses that give NHS England the
# chair's appointment and removal and the chief executive's approval (not the sitting chair
# and chief executive, appointed before the Bill was introduced).
N_BILL_CLAUSES = [
    ("GOV153", "/appointments/chair/appointed_by", (N_CHAIR_CLAUSE, "nhse"),
     "the chair must be appointed by the Secretary of State or the Department of Health and Social Care, "
     "not 'NHS England'"),
    ("GOV154", "/appointments/chair/removal_by/0", (N_CHAIR_CLAUSE, "nhse]"),
     "'NHS England' is given power to remove the chair; only the Secretary of State or the Department of "
     "Health and Social Care may"),
    ("GOV155", "/appointments/chief_executive/approved_by", (N_CEO_CLAUSE, "nhse"),
     "the chief executive must be approved by the Secretary of State or the Department of Health and Social "
     "Care, not 'NHS England'"),
]

# name: (edits, {settings name: expected findings}); every variant is judged under both laws
# and each law's expectation is written out, so a fault only one law makes is shown to be
# silent under the other.
MERGED: dict[str, tuple[list[tuple[str, str]], dict[str, list[tuple[str, str, tuple[str, str], str]]]]] = {
    "local authority partner still nominated by the eight north west London councils only": (
        [(f"nominated_by: [{N_LAS}{N_LA_SEAT_TAIL}", f"nominated_by: [{N_NWL_LAS}{N_LA_SEAT_TAIL}")],
        {"act": [("GOV112", "/board/members/12/appointment/nominated_by", (f"nominated_by: [{N_NWL_LAS}]", "nominated_by"),
                  "'Cllr Tariq Bashir' holds the partner member nominated by the local authorities in the area seat but "
                  "is not recorded as jointly nominated: nominated by 8 of the 13 eligible organisations (not by London "
                  "Borough of Barnet, London Borough of Camden, London Borough of Enfield, London Borough of Haringey "
                  "and 1 more); list every eligible nominator under appointment.nominated_by, or state the joint "
                  "process (appointment.joint_process)")]},
    ),
    "primary care partner nominated by one former area's GP providers": (
        [("nominated_by: [pc-ncl, pc-nwl]", "nominated_by: [pc-nwl]")],
        {"act": [("GOV112", "/board/members/10/appointment/nominated_by", ("nominated_by: [pc-nwl]", "nominated_by"),
                  "'Dr Ravi Sandhu' holds the partner member nominated by primary medical services providers seat but "
                  "is not recorded as jointly nominated: nominated by 1 of the 2 eligible organisations (not by North "
                  "Central London GP Provider Alliance); list every eligible nominator under appointment.nominated_by, "
                  "or state the joint process (appointment.joint_process)")]},
    ),
    "an abolished predecessor ICB among the trust partner's nominators": (
        [(f"nominated_by: [{N_TRUSTS}{N_TRUST_SEAT_TAIL}", f"nominated_by: [{N_TRUSTS}, icb-ncl{N_TRUST_SEAT_TAIL}")],
        {"act": [("GOV124", "/board/members/9/appointment/nominated_by/10", ("trust-las, icb-ncl]", "icb-ncl"),
                  "NHS North Central London Integrated Care Board may not nominate the trust partner member "
                  "(m-partner-trust-ncl): it is not an NHS trust or an NHS foundation trust")]},
    ),
    "the chair appointed by a predecessor ICB": (
        [(N_CHAIR_CLAUSE, N_CHAIR_CLAUSE.replace("appointed_by: nhse", "appointed_by: icb-nwl"))],
        {"act": [("GOV107", "/appointments/chair/appointed_by", ("  chair: {appointed_by: icb-nwl", "icb-nwl"),
                  "the chair must be appointed by NHS England, not 'NHS North West London Integrated Care Board'")],
         "bill": [("GOV153", "/appointments/chair/appointed_by", ("  chair: {appointed_by: icb-nwl", "icb-nwl"),
                   "the chair must be appointed by the Secretary of State or the Department of Health and Social "
                   "Care, not 'NHS North West London Integrated Care Board'"),
                  ("GOV154", "/appointments/chair/removal_by/0", ("removal_by: [nhse]", "nhse"),
                   "'NHS England' is given power to remove the chair; only the Secretary of State or the Department "
                   "of Health and Social Care may"),
                  N_BILL_CLAUSES[2]]},
    ),
    "a borough left out of the merged area": (
        [(f"    local_authorities: [{N_LAS}]\n  purpose", f"    local_authorities: [{N_LAS.removeprefix('la-barnet, ')}]\n  purpose")],
        {"act": [("GOV301", "/places/0/local_authorities/0", ("    local_authorities: [la-barnet]", "la-barnet"),
                  "place 'Barnet' names 'la-barnet', which is not in the ICB area (icb.area.local_authorities)")]},
    ),
    "the interim chief executive not an employee of the new ICB": (
        [("    organisation: icb\n    employee_of_icb: true", "    organisation: icb\n    employee_of_icb: false")],
        {"act": [("GOV204", "/people/0/employee_of_icb", ("    organisation: icb\n    employee_of_icb: false", "false"),
                  "'Hannah Petrie' (chief executive) has employee_of_icb: false; it must be true")]},
    ),
    "the interim chief executive named by a predecessor ICB": (
        [("capacity: interim, from: 2026-04-01, designated_by: m-chair}", "capacity: interim, from: 2026-04-01, designated_by: icb-nwl}")],
        {"act": [("GOV109", "/board/members/1/holders/0/designated_by", ("designated_by: icb-nwl}", "icb-nwl"),
                  "'Hannah Petrie' holds the chief executive seat as interim, appointed by 'NHS North West London "
                  "Integrated Care Board', not the chair")],
         # appointed before the Bill was introduced: judged under the 2022 Act only
         "bill": N_BILL_CLAUSES},
    ),
    "a non-executive carried over who also sits on a trust board": (
        [(N_NED_AUDIT_PAST, N_NED_AUDIT_PAST + "\n        - {kind: office, organisation: trust-imperial, role: "
          "non-executive director, from: 2024-01-01}")],
        {"act": [("GOV201", "/board/members/5/interests/1",
                  ("- {kind: office, organisation: trust-imperial", "{kind: office, organisation: trust-imperial"),
                  "non-executive member 'Graham Whitlock' holds a current role (non-executive director) at Imperial "
                  "College Healthcare NHS Trust, which is in the ICS footprint")]},
    ),
    "the audit chair made deputy chair of the merged board": (
        [("roles: [non_executive, deputy_chair, senior_non_executive]", "roles: [non_executive, senior_non_executive]"),
         ("      name: Graham Whitlock\n      roles: [non_executive]", "      name: Graham Whitlock\n      roles: [non_executive, deputy_chair]")],
        {"act": [("GOV604", "/committees/0/chair", ("type: audit, chair: m-ned-audit", "m-ned-audit"),
                  "'Graham Whitlock', chair of the audit committee, must not be the deputy chair")]},
    ),
    # law decides: the partnership duty is the 2022 Act's; the Bill removes it
    "the ICP carried over from north west London, without the five north central councils": (
        [(line, "") for line in N_NCL_ICP],
        {"act": [("GOV803", "/icp/members", ("  members:\n    - {id: icp-icb", "members"),
                  f"'London Borough of {c}' (la-{c.lower()}) appoints no member of the integrated care partnership")
                 for c in N_NCL_COUNCILS],
         "bill": N_BILL_CLAUSES},
    ),
    "the ICP chair agreed by the north west London councils only": (
        [(f"    agreed_by: [icb, {N_LAS}]", f"    agreed_by: [icb, {N_NWL_LAS}]")],
        {"act": [("GOV804", "/icp/chair/agreed_by", (f"    agreed_by: [icb, {N_NWL_LAS}]", "agreed_by"),
                  f"the ICP chair is not recorded as agreed by 'London Borough of {c}' (la-{c.lower()})")
                 for c in N_NCL_COUNCILS],
         "bill": N_BILL_CLAUSES},
    ),
    # law decides: the mayoral nominee is the Bill's (clause 21, as reported)
    "a mayoral strategic authority covering the area and no nominee of its mayor": (
        [("  - {id: nhse, name: NHS England", N_GLA + "  - {id: nhse, name: NHS England")],
        {"act": [],
         "bill": [("GOV152", "/organisations/43", (N_GLA, "{id: gla"),
                   "no board member is nominated by the mayor of Greater London Authority: the Bill (clause 21, as "
                   "reported) gives each mayoral strategic authority covering the area a nominee"), *N_BILL_CLAUSES]},
    ),
    # date decides: a chair appointed by NHS England after the Bill was introduced
    "the chair appointed by NHS England after the Bill was introduced": (
        [(N_CHAIR_SEAT + "2026-04-01", N_CHAIR_SEAT + "2026-07-01")],
        {"act": [],
         "bill": [("GOV153", "/board/members/0/appointment/appointed_by", (N_CHAIR_SEAT + "2026-07-01", "nhse"),
                   "'Martin Ashdown' holds the chair seat but is recorded as appointed by 'NHS England', not the "
                   "Secretary of State or the Department of Health and Social Care"), *N_BILL_CLAUSES]},
    ),
    # law decides: a redraft for the Bill adopted while the 2022 Act is the law
    "appointments redrafted for the Bill while the 2022 Act is in force": (
        [(N_CHAIR_CLAUSE + "\n" + N_CEO_CLAUSE,
          "  chair: {appointed_by: sos, removal_by: [sos]}\n  chief_executive: {appointed_by: m-chair, approved_by: sos}")],
        {"act": [("GOV107", "/appointments/chair", ("  chair: {appointed_by: sos", "chair"),
                  "the constitution does not say who approves the appointment of the chair "
                  "(appointments.chair.approved_by); it must be the Secretary of State"),
                 ("GOV108", "/appointments/chair", ("  chair: {appointed_by: sos", "chair"),
                  "the constitution does not say whose approval removing the chair needs "
                  "(appointments.chair.removal_approved_by); it must be the Secretary of State"),
                 ("GOV107", "/appointments/chair/appointed_by", ("  chair: {appointed_by: sos", "sos"),
                  "the chair must be appointed by NHS England, not 'Secretary of State for Health and Social Care'"),
                 ("GOV108", "/appointments/chair/removal_by/0", ("removal_by: [sos]", "sos"),
                  "'Secretary of State for Health and Social Care' is given power to remove the chair; only NHS "
                  "England may"),
                 ("GOV109", "/appointments/chief_executive/approved_by",
                  ("  chief_executive: {appointed_by: m-chair, approved_by: sos}", "sos"),
                  "the chief executive must be approved by NHS England, not 'Secretary of State for Health and "
                  "Social Care'")],
         "bill": []},
    ),
}


def _merged_expected(text: str, expected: list[tuple[str, str, tuple[str, str], str]]) -> list[tuple[Any, ...]]:
    return [(rule, *at(text, *where), path, message) for rule, path, where, message in expected]


@pytest.mark.parametrize("variant", sorted(MERGED))
def test_merged_icb_fault_under_each_law(variant: str) -> None:
    """Each fault seeded into the merged ICB is caught by its rule, at its node, in its words,
    under the law that makes it one; under the other law only that law's own findings appear
    ("act" unless given: the fault is the same under both, beside the Bill's clause findings)."""
    edits, by_law = MERGED[variant]
    text = _edit(_text(N), edits)
    act = by_law["act"]
    bill = by_law.get("bill", [*act, *N_BILL_CLAUSES])
    assert _findings(text, N, ACT_LAW) == _merged_expected(text, act)
    found = _findings(text, N, BILL_LAW)
    assert sorted(found, key=lambda f: (f[1], f[2], f[0])) == sorted(
        _merged_expected(text, bill), key=lambda f: (f[1], f[2], f[0]))


def test_merged_icb_under_the_bill_reports_only_its_clauses() -> None:
    text = _text(N)
    assert _findings(text, N, ACT_LAW) == []
    assert _findings(text, N, BILL_LAW) == _merged_expected(text, N_BILL_CLAUSES)


def test_merged_icb_without_an_icp_is_reported_only_while_the_duty_stands() -> None:
    """Good practice asks a constitution to describe the ICP while s116ZA requires one (GOV801,
    information); under the Bill, which removes the duty, the rule does not apply."""
    text = _text(N)
    without = text[: text.index("\nicp:\n  id: icp") + 1]
    baseline = {(f[0], f[3]) for f in _findings(text, N, ACT_GOOD_PRACTICE)}
    added = [f for f in _findings(without, N, ACT_GOOD_PRACTICE) if (f[0], f[3]) not in baseline]
    assert [(f[0], f[3], f[4]) for f in added] == [
        ("GOV801", "/icp", "the constitution describes no integrated care partnership: the ICB and each responsible "
                       "local authority must establish one")]
    bill_baseline = {(f[0], f[3]) for f in _findings(text, N, BILL_GOOD_PRACTICE)}
    assert [f for f in _findings(without, N, BILL_GOOD_PRACTICE) if (f[0], f[3]) not in bill_baseline] == []


def test_interim_holder_is_judged_only_while_current_and_only_when_interim() -> None:
    """An acting chief executive is designated to act, not appointed: who designated them is
    not judged by GOV109; an interim holding that has ended is not judged either."""
    text = _text(N)
    seat = "capacity: interim, from: 2026-04-01, designated_by: m-chair}"
    acting = _edit(text, [(seat, "capacity: acting, from: 2026-04-01, designated_by: icb-nwl}")])
    assert [f for f in _findings(acting, N, ACT_LAW) if f[0] == "GOV109"] == []
    ended = _edit(text, [(seat, "capacity: interim, from: 2025-04-01, to: 2026-03-31, designated_by: icb-nwl}")])
    assert [f for f in _findings(ended, N, ACT_LAW) if f[0] == "GOV109"] == []
