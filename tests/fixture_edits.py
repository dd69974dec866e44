"""The failing fixtures of the rules, each the smallest edit of a valid fixture.

``EDITS[name] = (base, [(old, new), ...])``: the fixture ``fixtures/invalid/<name>.yaml``
is ``fixtures/valid/<base>.yaml`` with each ``old`` text (which must occur exactly once)
replaced by ``new``. Run ``python tests/fixture_edits.py`` after changing a valid fixture to
regenerate them; tests/test_rules_d_to_k.py checks that they are current. This is the one
generator of every failing fixture derived from a valid one (the document-level fixtures
GOV001, GOV003 and GOV004, and the hostile inputs, are written by hand).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
R, H = "reference", "health-and-prosperity"
ICP_SECTION = re.compile(r"\nicp:\n(?:  .*\n|\n)*", re.MULTILINE)

EDITS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    # places and neighbourhoods
    "GOV304-place-whole-authorities": (
        R,
        [
            (
                "    local_authorities: [la-castleport]\n",
                "    local_authorities: [la-castleport, la-westmere]\n",
            ),
            # the partnership takes in the added council (GOV302 would otherwise report it)
            (
                "        - {type: local_authority, organisation: la-castleport}\n",
                "        - {type: local_authority, organisation: la-castleport}\n"
                "        - {type: local_authority, organisation: la-westmere}\n",
            ),
        ],
    ),
    "GOV305-place-delegation-clarity": (
        R,
        [(', limits: "the Castleport delegated budget, up to £40m a year"', "")],
    ),
    "GOV306-neighbourhood-population": (
        R,
        [("place: place-harrow, population: 71000}", "place: place-harrow, population: 12000}")],
    ),
    "GOV307-place-population": (R, [("    population: 262000\n", "    population: 142000\n")]),
    "GOV308-place-leader": (R, [("    leader: {name: Jo Okafor}\n", "")]),
    # accountability
    "GOV404-reserved-matters": (
        R,
        [
            (
                "matter: constitution, owner: board, reserved_to_board: true}",
                "matter: constitution, owner: board, reserved_to_board: false}",
            )
        ],
    ),
    "GOV405-joint-arrangements-permitted": (
        R,
        [
            (
                "joint_with: [la-westmere, la-castleport, la-harrow, la-portbury]}",
                "joint_with: [la-westmere, la-castleport, la-harrow, la-portbury, vcse-alliance]}",
            )
        ],
    ),
    "GOV406-dispute-resolution": (
        R,
        [("    dispute_resolution: mediation facilitated by the NHS England regional team\n", "")],
    ),
    "GOV407-partner-home-organisation": (R, [("      organisation: ft-wessex-hospitals\n", "")]),
    "GOV409-delegation-loop": (  # tests/test_delegation_loops.py asserts the loop messages
        R,
        [
            (
                "{id: f-audit, function: Internal and external audit, owner: c-audit}",
                "{id: f-audit, function: Internal and external audit, owner: c-audit, delegated_to: [c-audit]}",
            ),
            (
                "{id: f-quality, function: Quality assurance of commissioned services, owner: c-quality}",
                "{id: f-quality, function: Quality assurance of commissioned services, owner: c-quality, "
                "delegated_to: [board]}",
            ),
        ],
    ),
    # quorum and decisions
    "GOV501-quorum-defined": (R, [("    min_count: 6\n", "")]),
    "GOV502-quorum-majority": (R, [("    min_count: 6\n", "    min_count: 5\n")]),
    "GOV503-quorum-role-mix": (
        R,
        [
            (
                "clinical_executive, non_executive, partner_member]",
                "clinical_executive, non_executive]",
            )
        ],
    ),
    "GOV504-quorum-without-chair": (
        R,
        [("required_roles: [chair_or_deputy,", "required_roles: [chair,")],
    ),
    "GOV505-quorum-one-capacity": (
        R,
        [("    one_capacity_rule: true\n", "    one_capacity_rule: false\n")],
    ),
    "GOV506-quorum-conflicted-excluded": (
        R,
        [("    conflicted_excluded: true\n", "    conflicted_excluded: false\n")],
    ),
    "GOV507-quorum-participants-excluded": (
        R,
        [("    participants_excluded: true\n", "    participants_excluded: false\n")],
    ),
    "GOV508-quorum-satisfiable": (
        R,
        [
            (
                "      roles: [medical_director]\n      voting: true\n",
                "      roles: [medical_director]\n      voting: false\n",
            )
        ],
    ),
    "GOV509-decision-casting-vote": (R, [("    casting_vote: chair\n", "")]),
    # committees
    "GOV601-audit-committee": (R, [("    type: audit\n", "    type: other\n")]),
    "GOV602-remuneration-committee": (R, [("    type: remuneration\n", "    type: other\n")]),
    "GOV603-audit-chair-independent-expert": (
        R,
        [("      expertise: [finance, audit]\n", "      expertise: [governance]\n")],
    ),
    "GOV604-audit-chair-not-deputy": (
        R,
        [
            (
                "      name: Graham Osei\n      roles: [non_executive]\n",
                "      name: Graham Osei\n      roles: [non_executive, deputy_chair]\n",
            ),
            (
                "      roles: [non_executive, deputy_chair, senior_non_executive]\n",
                "      roles: [non_executive, senior_non_executive]\n",
            ),
        ],
    ),
    "GOV605-audit-no-board-chair": (
        R,
        [("    members: [m-ned-1, m-ned-3]\n", "    members: [m-ned-1, m-ned-3, m-chair]\n")],
    ),
    "GOV606-remuneration-chair": (
        R,
        [
            (
                "    type: remuneration\n    chair: m-ned-3\n",
                "    type: remuneration\n    chair: m-ned-1\n",
            )
        ],
    ),
    "GOV607-audit-independent-membership": (
        R,
        [("{name: Farah Qureshi, independent: true,", "{name: Farah Qureshi, independent: false,")],
    ),
    "GOV610-remuneration-membership": (
        R,
        [("    members: [m-ned-3, m-ned-2, m-chair]\n", "    members: [m-ned-3, m-ned-2]\n")],
    ),
    "GOV608-committee-terms-complete": (
        R,
        [
            (
                "    terms_of_reference: true\n    meets_in_public: true\n",
                "    terms_of_reference: false\n    meets_in_public: true\n",
            )
        ],
    ),
    # conflicts of interest
    "GOV701-coi-registers": (
        R,
        [("registers: [board, committees, employees,", "registers: [board, committees,")],
    ),
    "GOV702-coi-registers-public": (R, [("  published: true\n", "  published: false\n")]),
    "GOV703-coi-declaration-deadline": (
        R,
        [("  declaration_deadline_days: 28\n", "  declaration_deadline_days: 42\n")],
    ),
    "GOV704-coi-management-policy": (
        R,
        [("  policy: Conflicts of Interest Policy (governance handbook, section 6)\n", "")],
    ),
    "GOV705-coi-meeting-declarations": (
        R,
        [("  meeting_declarations: true\n", "  meeting_declarations: false\n")],
    ),
    "GOV706-coi-register-review": (R, [("  review_frequency: annual\n", "")]),
    "GOV707-coi-guardian": (R, [("  guardian: m-ned-1\n", "")]),
    "GOV708-coi-gifts-hospitality-register": (
        R,
        [
            (
                "employees, gifts_hospitality, procurement_decisions]",
                "employees, procurement_decisions]",
            )
        ],
    ),
    "GOV709-coi-procurement-decisions": (
        R,
        [("employees, gifts_hospitality, procurement_decisions]", "employees, gifts_hospitality]")],
    ),
    # the integrated care partnership, transparency, involvement, VCSE, employees
    "GOV801-icp-established": (R, [(ICP_SECTION, "")]),
    "GOV802-icp-icb-member": (
        R,
        [
            (
                "{id: icp-icb, name: Helen Ashworth, appointed_by: icb,",
                "{id: icp-icb, name: Helen Ashworth, appointed_by: icp,",
            )
        ],
    ),
    "GOV803-icp-local-authority-members": (
        R,
        [
            (
                "appointed_by: la-harrow, organisation: la-harrow",
                "appointed_by: icp, organisation: la-harrow",
            )
        ],
    ),
    "GOV804-icp-chair-agreed": (
        R,
        [
            (
                "agreed_by: [icb, la-westmere, la-castleport, la-harrow, la-portbury]",
                "agreed_by: [icb, la-westmere, la-castleport, la-portbury]",
            )
        ],
    ),
    "GOV805-icp-integrated-care-strategy": (
        R,
        [("  integrated_care_strategy: true\n", "  integrated_care_strategy: false\n")],
    ),
    "GOV806-icp-procedure": (
        R,
        [
            (
                "  procedure: The partnership sets its own procedure, including its quorum, in its terms of reference.\n",
                "",
            )
        ],
    ),
    "GOV807-transparency-provision": (
        R,
        [
            (
                "  provision: Board meetings in public, papers and minutes published, and registers of interests published.\n",
                "",
            )
        ],
    ),
    "GOV808-transparency-public-meetings": (
        R,
        [("  minutes_published: true\n", "  minutes_published: false\n")],
    ),
    "GOV809-transparency-publications": (
        R,
        [("annual_report, complaints_process]", "annual_report]")],
    ),
    "GOV810-public-involvement": (
        R,
        [
            (
                """  principles:
    - Involve patients, unpaid carers and the public in planning and commissioning
    - Prioritise groups affected by inequalities
""",
                "",
            )
        ],
    ),
    "GOV811-vcse-agreement": (R, [("  covers_governance: true\n", "  covers_governance: false\n")]),
    "GOV812-employee-terms": (
        R,
        [
            (
                "employees:\n  terms_and_conditions: Agenda for Change and the ICB remuneration policy, set by the Remuneration Committee.\n\n",
                "",
            )
        ],
    ),
    "GOV813-healthwatch-vcse-at-board": (
        R,
        [
            (
                "    - {id: p-vcse, name: Grace Mensah, organisation: vcse-alliance, role: VCSE Alliance chair, voting: false}\n",
                "",
            )
        ],
    ),
    "GOV814-constitution-versioning": (R, [("  approved_by_nhse_on: 2025-06-30\n", "")]),
    "GOV815-icp-other-members": (
        R,
        [
            (
                "{id: icp-vcse, name: Grace Mensah, appointed_by: icp,",
                "{id: icp-vcse, name: Grace Mensah, appointed_by: vcse-alliance,",
            )
        ],
    ),
    # the health-and-prosperity profile
    "GOV901-hp-joint-civic-clinical-leadership": (
        H,
        [("  co_chair: {name: Dr Anika Shah, member: icp-clinical}\n", "")],
    ),
    "GOV902-hp-scrutiny-committee": (
        H,
        [("    - {name: Evan Frost MP, type: mp, party: Conservative}\n", "")],
    ),
    "GOV903-hp-partnership-compact": (
        H,
        [
            (
                "    - {type: trade_unions, name: Wessex Coast Health and Care Trade Unions Forum}\n",
                "",
            )
        ],
    ),
    "GOV904-hp-footprint-alignment": (
        H,
        [
            (
                "{id: la-harrow, name: Isle of Harrow Council, kind: local_authority, tier: upper, coverage: whole,",
                "{id: la-harrow, name: Isle of Harrow Council, kind: local_authority, tier: upper, coverage: part, "
                "part_in_area: the wards west of the Medina,",
            )
        ],
    ),
    "GOV905-hp-healthwatch-role": (
        H,
        [
            (
                "    - {id: icp-healthwatch, name: Tom Aldridge, appointed_by: icp, organisation: hw-castleport}\n",
                "",
            )
        ],
    ),
    "GOV906-hp-annual-joint-mandate": (
        H,
        [("\n  frequency: annual\n  parties:", "\n  frequency: other\n  parties:")],
    ),
    "GOV907-hp-single-locality-budget": (
        H,
        [
            (
                "budget: {pooled: true, accountable_officer: Isle of Harrow Director of Integrated Care}",
                "budget: {pooled: false, accountable_officer: Isle of Harrow Director of Integrated Care}",
            )
        ],
    ),
    "GOV908-hp-integrated-workforce-planning": (
        H,
        [("matter: integrated_workforce_planning, ", "")],
    ),
    "GOV910-hp-wider-purpose": (
        H,
        [("    - Integrate social care and public health with NHS services, for health and prosperity\n", "")],
    ),
    "GOV909-hp-scrutiny-operation": (
        H,
        [("  meeting_frequency: monthly\n", "  meeting_frequency: quarterly\n")],
    ),
}


# Same-line changes made to fixtures/valid/reference.yaml for the rules above (data they
# need). Fixtures copied from the older reference for other rules get them too, so that the
# new rules do not fire on them; same-line changes keep their line numbers.

# fixtures/valid/health-and-prosperity.yaml: the reference opted into the profile, with the
# data the profile's rules need.
HP_EDITS: list[tuple[str, str]] = [
    (
        "# Reference constitution of a fictional Integrated Care System, Wessex Coast.\n"
        "# Every organisation and person here is invented. The document is compliant with the\n"
        "# default profile (statutory + nhse-policy) and with good-practice.\n",
        "# The reference constitution (fictional Wessex Coast ICS) opted into the health-and-prosperity\n"
        "# profile of seed 003, with the data that profile's rules need. Every organisation and person\n"
        "# here is invented. Compliant with every profile (statutory, nhse-policy, good-practice and\n"
        "# health-and-prosperity). Derived from reference.yaml by tests/fixture_edits.py.\n",
    ),
    ("as_of: 2026-04-01\n", "as_of: 2026-04-01\nprofiles: [health-and-prosperity]\n"),
    (
        "    - Help the NHS support broader social and economic development\n",
        "    - Help the NHS support broader social and economic development\n"
        "    - Integrate social care and public health with NHS services, for health and prosperity\n",
    ),
    (
        "    population: 480000\n",
        "    population: 480000\n"
        "    budget: {pooled: true, accountable_officer: Westmere Director of Integrated Commissioning}\n",
    ),
    (
        "    population: 255000\n",
        "    population: 255000\n    budget: {pooled: true, accountable_officer: Castleport Director of Health and Care}\n",
    ),
    (
        "    population: 262000\n",
        "    population: 262000\n"
        "    budget: {pooled: true, accountable_officer: Isle of Harrow Director of Integrated Care}\n",
    ),
    (
        "    population: 305000\n",
        "    population: 305000\n    budget: {pooled: true, accountable_officer: Portbury Director of Health and Care}\n",
    ),
    (
        "    - {id: icp-vcse, name: Grace Mensah, appointed_by: icp, organisation: vcse-alliance}\n",
        "    - {id: icp-vcse, name: Grace Mensah, appointed_by: icp, organisation: vcse-alliance}\n"
        "    - {id: icp-clinical, name: Dr Anika Shah, appointed_by: icp, organisation: pc-portbury-gps, clinical: true}\n",
    ),
    (
        "    agreed_by: [icb, la-westmere, la-castleport, la-harrow, la-portbury]\n",
        "    agreed_by: [icb, la-westmere, la-castleport, la-harrow, la-portbury]\n"
        "  co_chair: {name: Dr Anika Shah, member: icp-clinical}\n",
    ),
]
HP_APPENDIX = """
mandate:
  description: National health and social care entitlements the area delivers locally, agreed each year.
  frequency: annual
  parties: [la-westmere, la-castleport, la-harrow, la-portbury, sos]

scrutiny_committee:
  name: Wessex Coast Health and Prosperity Scrutiny Committee
  members:
    - {name: Alex Carter MP, type: mp, party: Labour}
    - {name: Beth Morgan MP, type: mp, party: Conservative}
    - {name: Chris Doyle MP, type: mp, party: Labour}
    - {name: Dana Ellis MP, type: mp, party: Liberal Democrat}
    - {name: Evan Frost MP, type: mp, party: Conservative}
    - {name: Cllr Fiona Grant, type: local_government, organisation: la-portbury}
    - {name: Hannah Irving, type: healthwatch, organisation: hw-portbury}
    - {name: Cllr Ian Jones, type: health_and_wellbeing_board, organisation: la-harrow}
    - {name: Kate Lowe, type: business}
    - {name: Liam Marsh, type: social_enterprise_charity, organisation: vcse-alliance}
    - {name: Mona Nash, type: workforce}
    - {name: Dr Oscar Pryce, type: regional_public_health_director}
  meeting_frequency: monthly
  resourced: true
  powers: [inquiries, public_accountability_sessions]
  relationship_to_la_scrutiny: >
    Scrutinises the system as a whole and refers place matters to the councils' health
    overview and scrutiny committees and health and wellbeing boards.

partnership_compact:
  name: Wessex Coast Partnership Compact
  parties:
    - {type: clinicians, name: Wessex Coast Clinical Senate}
    - {type: patient_voice, organisation: hw-westmere}
    - {type: carers, organisation: charity-national}
    - {type: vcse, organisation: vcse-alliance}
    - {type: trade_unions, name: Wessex Coast Health and Care Trade Unions Forum}
    - {type: health_providers, organisation: ft-wessex-hospitals}
    - {type: social_care_providers, name: Wessex Coast Care Providers Association}
    - {type: employers, name: Wessex Coast Chamber of Commerce}
"""


# The first rules (GOV002-GOV403): each the reference with one edit.
CORE_EDITS: dict[str, list[tuple[str, str]]] = {
    'GOV002-duplicate-key': [
        ('  id: icb\n  name: NHS Wessex Coast Integrated Care Board\n', '  id: icb\n  name: NHS Wessex Coast Integrated Care Board\n  name: Wessex Coast ICB\n'),
    ],
    'GOV005-format-violation': [
        ('      name: David Okonkwo\n      roles: [chief_executive]\n      voting: true\n', '      name: David Okonkwo\n      roles: [chief_executive]\n      voting: "yes"\n'),
    ],
    'GOV006-unknown-key': [
        ('      mental_health_expertise: true\n', '      mental_heath_expertise: true\n'),
    ],
    'GOV007-unresolved-reference': [
        ('        nominated_by: [ft-wessex-hospitals, trust-solent-care, ft-coast-ambulance]\n', '        nominated_by: [ft-wessex-hospitals, trust-solent-care, ft-south-ambulance]\n'),
    ],
    'GOV008-duplicate-id': [
        ('  - {id: hw-portbury, name: Healthwatch Portbury,', '  - {id: hw-harrow, name: Healthwatch Portbury,'),
        ('        - {type: people_voice, organisation: hw-portbury}\n', '        - {type: people_voice, organisation: hw-harrow}\n'),
    ],
    'GOV101-board-statutory-membership': [
        ('      roles: [partner_primary_medical]\n', '      roles: [place_member]\n'),
    ],
    'GOV102-chair-ceo-distinct': [
        ('      name: Helen Ashworth\n      roles: [chair]\n', '      name: Helen Ashworth\n      roles: [chair, chief_executive]\n'),
        ('      roles: [chief_executive]\n', '      roles: [other_executive]\n'),
    ],
    'GOV103-board-nhse-membership': [
        ('      roles: [nursing_director]\n', '      roles: [other_executive]\n'),
    ],
    'GOV104-one-capacity': [
        ('      roles: [finance_director]\n', '      roles: [finance_director, other_executive]\n'),
    ],
    'GOV201-independent-members-footprint-roles': [
        ('      expertise: [governance, public involvement]\n', '      expertise: [governance, public involvement]\n      interests:\n        - {kind: office, organisation: trust-solent-care, role: governor, from: 2021-06-01}\n'),
    ],
    'GOV202-private-healthcare-determination': [
        ('      expertise: [mental health, remuneration]\n', '      expertise: [mental health, remuneration]\n      interests:\n        - {kind: private_healthcare, role: consultant at Meridian Private Clinic, from: 2020-01-01}\n'),
    ],
    'GOV203-independence-code-tests': [
        ('      appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2022-07-01, term_years: 3}\n      interests:\n        - {kind: employment, organisation: uni-northfield', '      appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2015-01-05, term_years: 3}\n      interests:\n        - {kind: employment, organisation: uni-northfield'),
    ],
    'GOV301-place-coverage': [
        ('    local_authorities: [la-westmere, la-downsvale]\n', '    local_authorities: [la-westmere]\n'),
    ],
    'GOV302-place-partnership-core-membership': [
        ('        - {type: people_voice, organisation: hw-harrow}\n', ''),
    ],
    'GOV303-place-board-route': [
        ('    board_representation: {route: non_executive_link, member: m-ned-1}\n', '    board_representation: {route: none}\n'),
    ],
    'GOV401-statutory-duties-owned': [
        ('function: "Emergency preparedness, resilience and response", duty: eprr, ', 'function: "Emergency preparedness, resilience and response", '),
    ],
    'GOV402-single-accountable-owner': [
        ('  - {id: f-quality, function: Quality assurance of commissioned services, owner: c-quality}\n', '  - {id: f-quality, function: Quality assurance of commissioned services, owner: c-quality}\n  - {id: f-quality-2, function: Quality Assurance of commissioned services, owner: m-cno}\n'),
    ],
    'GOV403-accountability-owner-resolves': [
        ('  - {id: f-procurement, function: Procurement decisions, owner: c-finance}\n', '  - {id: f-procurement, function: Procurement decisions, owner: c-procurement}\n'),
    ],
}

# Catalogue sections A-C (GOV105-GOV122, GOV204-GOV217).
MH = "      mental_health_expertise: true\n"
PLACE = ("    - {id: m-place-%d, name: Place Member %d, roles: [place_member], voting: true, "
         "appointment: {appointed_by: m-chair, procedure: Constitution section 3.7}, "
         "checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}}\n")
BOARD_EDITS: dict[str, list[tuple[str, str]]] = {
    "GOV105-icb-name-and-area": [(
        "    description: >\n      The combined areas of Westmere County Council, Castleport City Council,\n"
        "      the Isle of Harrow Council and Portbury City Council.\n",
        '    description: " "\n')],
    "GOV106-mental-health-expertise": [(MH, "")],
    "GOV107-chair-appointment": [("chair: {appointed_by: nhse,", "chair: {appointed_by: sos,")],
    "GOV108-chair-removal": [("removal_by: [nhse]", "removal_by: [nhse, board]")],
    "GOV109-chief-executive-appointment": [(
        "chief_executive: {appointed_by: m-chair,", "chief_executive: {appointed_by: nhse,")],
    "GOV110-ordinary-member-appointer": [(
        "appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2023-04-01",
        "appointment: {procedure: Constitution section 3.9, first_appointed: 2023-04-01")],
    "GOV111-appointment-procedure": [(
        "procedure: Constitution section 3.8, first_appointed: 2023-01-09", "first_appointed: 2023-01-09")],
    "GOV112-partner-joint-nomination": [(
        "pc-portbury-gps]\n        joint_nomination: true", "pc-portbury-gps]\n        joint_nomination: false")],
    "GOV113-deputy-chair": [(
        "roles: [non_executive, deputy_chair, senior_non_executive]", "roles: [non_executive, senior_non_executive]")],
    "GOV114-senior-non-executive": [
        ("roles: [non_executive, deputy_chair, senior_non_executive]", "roles: [non_executive, deputy_chair]"),
    ],
    "GOV115-participants-non-voting": [(
        "role: Director of Public Health, voting: false}", "role: Director of Public Health, voting: true}")],
    "GOV116-board-minimum-size": [
        ("name: Colin Fairweather\n      roles: [non_executive]\n      voting: true",
         "name: Colin Fairweather\n      roles: [non_executive]\n      voting: false"),
        ("roles: [partner_local_authority]\n      voting: true", "roles: [partner_local_authority]\n      voting: false"),
    ],
    "GOV117-board-skills-review": [("  skills_review:\n    frequency: annual\n", "")],
    "GOV118-board-maximum-size": [("  participants:\n", "".join(PLACE % (i, i) for i in range(1, 11)) + "  participants:\n")],
    "GOV119-partner-role-statement": [(
        "  partner_role_statement: >\n    Partner members bring the knowledge and perspective of their sectors; they are not\n"
        "    delegates of the organisations that nominated them.\n", "")],
    "GOV120-diversity-fair-appointments": [(
        "  diversity_statement: Appointments aim for a board that reflects the communities it serves.\n", "")],
    "GOV121-terms-of-office": [(
        "(joint nomination by the local authorities)\n        first_appointed: 2022-07-01\n        term_years: 2\n",
        "(joint nomination by the local authorities)\n        first_appointed: 2022-07-01\n")],
    "GOV204-chief-executive-employee": [(
        "roles: [chief_executive]\n      voting: true\n      employee_of_icb: true",
        "roles: [chief_executive]\n      voting: true\n      employee_of_icb: false")],
    "GOV205-private-healthcare-clause": [(
        "  - A person whose appointment could reasonably be regarded as undermining the independence of the health "
        "service because of their involvement with the private healthcare sector or otherwise\n", "")],
    "GOV206-executives-employees": [(
        "roles: [finance_director]\n      voting: true\n      employee_of_icb: true",
        "roles: [finance_director]\n      voting: true\n      employee_of_icb: false")],
    "GOV207-fit-and-proper": [(
        "2023-01-09}\n      checks: {fit_and_proper: true,", "2023-01-09}\n      checks: {fit_and_proper: false,")],
    "GOV208-disqualification-clauses": [(
        "  - A person subject to a bankruptcy restrictions order or interim order\n", "")],
    "GOV209-disqualifications-clear": [(
        "councillor_of: [la-castleport]}\n      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}",
        "councillor_of: [la-castleport]}\n      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: false}")],
    "GOV210-no-members-of-parliament": [("elected_office: {mp: false,", "elected_office: {mp: true,")],
    "GOV211-councillor-independent-member": [(MH, MH + "      elected_office: {councillor_of: [la-harrow]}\n")],
    "GOV212-independent-member-tenure": [("first_appointed: 2023-04-01", "first_appointed: 2016-03-01")],
    "GOV213-independent-member-tenure-review": [("first_appointed: 2023-04-01", "first_appointed: 2019-06-01")],
    "GOV214-independent-member-extra-pay": [(
        "      expertise: [governance, public involvement]\n",
        "      expertise: [governance, public involvement]\n      interests:\n"
        "        - {kind: remuneration, organisation: icb, role: paid advisory work on the digital programme, from: 2024-01-01}\n")],
    "GOV215-independent-member-not-nominated": [(
        "expertise: [finance, audit]\n      appointment: {appointed_by: m-chair,",
        "expertise: [finance, audit]\n      appointment: {appointed_by: m-chair, nominated_by: [vcse-alliance],")],
    "GOV216-independent-member-cross-links": [(
        "role: chief executive, from: 2018-05-01}\n",
        "role: chief executive, from: 2018-05-01}\n"
        "        - {kind: office, organisation: charity-national, role: trustee, from: 2020-01-01}\n")],
    "GOV217-dismissed-by-health-service-body": [(
        "role: clinical director, from: 2019-07-01}\n",
        "role: clinical director, from: 2019-07-01}\n"
        "        - {kind: employment, organisation: trust-solent-care, role: GP lead, from: 2015-04-01, to: 2022-05-31, "
        "end_reason: dismissal}\n")],
    "GOV122-appointment-process-in-constitution": [(
        "procedure: Constitution section 3.8, first_appointed: 2023-01-09",
        "procedure: Governance handbook section 4.2, first_appointed: 2023-01-09")],
}

EDITS.update({name: (R, edits) for name, edits in {**CORE_EDITS, **BOARD_EDITS}.items()})

# The law on the as-of date (rules whose law block names a version): GOV150 and GOV156 from
# the reference; the Health Bill 2026 rules from fixtures/valid/health-bill-2026.yaml.
B = "health-bill-2026"
EDITS.update({
    "GOV150-chief-executive-eligibility-clause": (R, [(
        "  - A person who is not an employee of the ICB is not eligible to become or remain the chief executive\n", "")]),
    "GOV156-constitution-published": (R, [(
        "publications: [constitution, governance_handbook,", "publications: [governance_handbook,")]),
    "GOV151-board-statutory-membership-bill": (B, [("      roles: [partner_trust]\n", "      roles: [other_executive]\n")]),
    "GOV152-mayoral-authority-member": (B, [("nominated_by: [msa-wessex]", "nominated_by: [la-castleport]")]),
    "GOV153-chair-appointment-bill": (B, [("chair: {appointed_by: sos,", "chair: {appointed_by: icb,")]),
    "GOV154-chair-removal-bill": (B, [("removal_by: [sos]", "removal_by: [sos, icb]")]),
    "GOV155-chief-executive-appointment-bill": (B, [(
        "chief_executive: {appointed_by: m-chair, approved_by: sos}", "chief_executive: {appointed_by: m-chair, approved_by: icb}")]),
})
# fixtures/valid/health-bill-2026.yaml: the reference redrafted for the Health Bill 2026.
ICP_OR_BLANK = re.compile(r"\nicp:\n(?:  .*\n|\n)*", re.MULTILINE)
BILL_HEAD = (
    "# The reference constitution (reference.yaml) redrafted for the Health Bill 2026 as\n"
    "# introduced (14 May 2026): the Secretary of State appoints, approves and may remove in place\n"
    "# of NHS England; a member nominated by the mayor of the mayoral strategic authority sits in\n"
    "# place of the local authority partner member; there is no integrated care partnership duty.\n"
    "# Compliant with the default profile under `--law health-bill-2026`; not compliant under the\n"
    "# law in force (tests/test_laws.py names the rules). Everything here is invented.\n"
)
BILL_EDITS: list[tuple[str | re.Pattern[str], str]] = [
    (
        "# Reference constitution of a fictional Integrated Care System, Wessex Coast.\n"
        "# Every organisation and person here is invented. The document is compliant with the\n"
        "# default profile (statutory + nhse-policy) and with good-practice.\n",
        BILL_HEAD,
    ),
    (
        "  - {id: nhse, name: NHS England, kind: nhs_england, in_footprint: false}\n",
        "  - {id: msa-wessex, name: Wessex Coast Combined County Authority, kind: mayoral_strategic_authority, "
        "in_footprint: true}\n",
    ),
    (
        "        appointed_by: nhse\n        approved_by: sos\n"
        "        procedure: Constitution section 3.4 and the NHS England chair appointment process\n",
        "        appointed_by: sos\n"
        "        procedure: Constitution section 3.4 and the Secretary of State's chair appointment process\n",
    ),
    (
        "        appointed_by: m-chair\n        approved_by: nhse\n        procedure: Constitution section 3.5\n",
        "        appointed_by: m-chair\n        approved_by: sos\n        procedure: Constitution section 3.5\n",
    ),
    (
        "  chair: {appointed_by: nhse, approved_by: sos, removal_by: [nhse], removal_approved_by: sos}\n"
        "  chief_executive: {appointed_by: m-chair, approved_by: nhse}\n",
        "  chair: {appointed_by: sos, removal_by: [sos]}\n"
        "  chief_executive: {appointed_by: m-chair, approved_by: sos}\n",
    ),
    ("      roles: [partner_local_authority]\n", "      roles: [mayoral_authority_member]\n"),
    (
        "        nominated_by: [la-westmere, la-castleport, la-harrow, la-portbury]\n"
        "        joint_nomination: true\n"
        "        procedure: Constitution section 3.6 (joint nomination by the local authorities)\n",
        "        nominated_by: [msa-wessex]\n"
        "        procedure: Constitution section 3.6 (nomination by the mayor of the mayoral strategic authority)\n",
    ),
    (ICP_OR_BLANK, "\n"),
]
# Board seats, holders and the register of people (issue 12): each the reference with one edit.
_NED1 = (
    "    - id: m-ned-1\n      name: Graham Osei\n      roles: [non_executive]\n      voting: true\n"
    "      employee_of_icb: false\n      expertise: [finance, audit]\n"
    "      appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2022-07-01, term_years: 3}\n"
    "      interests:\n        - {kind: employment, organisation: uni-northfield, role: finance director, from: 2010-04-01, to: 2019-03-31}\n"
    "      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n"
)
_CHECKS = "checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}"
SEAT_EDITS: dict[str, list[tuple[str, str]]] = {
    "GOV011-seat-holders": [
        ("board:\n  id: board\n", (
            "people:\n"
            "  - id: p-osei\n    name: Graham Osei\n    employee_of_icb: false\n    expertise: [finance, audit]\n"
            "    interests:\n      - {kind: employment, organisation: uni-northfield, role: finance director, from: 2010-04-01, to: 2019-03-31}\n"
            f"    {_CHECKS}\n"
            f"  - {{id: p-grant, name: Lena Grant, employee_of_icb: false, expertise: [finance], {_CHECKS}}}\n"
            "board:\n  id: board\n")),
        (_NED1, (
            "    - id: m-ned-1\n      roles: [non_executive]\n      voting: true\n"
            "      holders: [{person: p-osei}, {person: p-grant}]\n"
            "      appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2022-07-01, term_years: 3}\n")),
    ],
    "GOV013-interest-dates": [(
        "role: finance director, from: 2010-04-01, to: 2019-03-31}",
        "role: finance director, from: 2010-04-01, to: 2009-03-31}")],
    "GOV124-partner-nominator-eligible": [(
        "nominated_by: [la-westmere, la-castleport, la-harrow, la-portbury]",
        "nominated_by: [la-westmere, la-downsvale, la-castleport, la-harrow, la-portbury]")],
    "GOV410-committee-delegation-limits": [(
        ', delegated_to: [c-finance], limits: "decisions within the annual budget up to £5m"}',
        ", delegated_to: [c-finance]}")],
    "GOV125-area-part-described": [(
        "  - {id: la-harrow, name: Isle of Harrow Council, kind: local_authority, tier: upper, coverage: whole,",
        "  - {id: la-harrow, name: Isle of Harrow Council, kind: local_authority, tier: upper, coverage: part,")],
    "GOV123-statutory-office-vacant": [
        ("      name: David Okonkwo\n      roles: [chief_executive]\n      voting: true\n      employee_of_icb: true\n",
         "      vacant: true\n      roles: [chief_executive]\n      voting: true\n"),
        (f"      {_CHECKS}\n    - id: m-cfo\n", "    - id: m-cfo\n"),
    ],
}
EDITS.update({name: (R, edits) for name, edits in SEAT_EDITS.items()})


def _apply(text: str, edits: list[tuple[str | re.Pattern[str], str]], what: str) -> str:
    for old, new in edits:
        if isinstance(old, re.Pattern):
            text, count = old.subn(new, text)
        else:
            count = text.count(old)
            text = text.replace(old, new)
        if count != 1:
            raise ValueError(f"{what}: edit {old!r} matches {count} times, not once")
    return text


def derive_hp(root: Path = ROOT) -> str:
    """The text of fixtures/valid/health-and-prosperity.yaml, derived from the reference."""
    text = (root / "fixtures" / "valid" / "reference.yaml").read_text(encoding="utf-8")
    return _apply(text, list(HP_EDITS), "health-and-prosperity.yaml") + HP_APPENDIX


def derive_bill(root: Path = ROOT) -> str:
    """The text of fixtures/valid/health-bill-2026.yaml, derived from the reference."""
    text = (root / "fixtures" / "valid" / "reference.yaml").read_text(encoding="utf-8")
    return _apply(text, BILL_EDITS, f"{B}.yaml")


HEAD = "# Reference constitution of a fictional Integrated Care System, Wessex Coast.\n"


def derive(name: str, root: Path = ROOT) -> str:
    """The text of one failing fixture, derived from its valid base (under ``root``)."""
    base, edits = EDITS[name]
    text = derive_hp(root) if base == H else (root / "fixtures" / "valid" / f"{base}.yaml").read_text(encoding="utf-8")
    rule = name.split("-")[0]
    text = text.replace(HEAD, f"# Failing fixture for {rule}: {base}.yaml with the smallest edit that breaks the rule.\n", 1)
    text = text.replace(BILL_HEAD, f"# Failing fixture for {rule}: {base}.yaml with the smallest edit that breaks the rule.\n", 1)
    return _apply(text, list(edits), f"{name} (from {base}.yaml)")


def main(root: Path = ROOT) -> int:
    """Write every derived fixture under ``root`` (the project, or a copy of its fixtures)."""
    (root / "fixtures" / "valid" / f"{H}.yaml").write_text(derive_hp(root), encoding="utf-8")
    (root / "fixtures" / "valid" / f"{B}.yaml").write_text(derive_bill(root), encoding="utf-8")
    for name in EDITS:
        (root / "fixtures" / "invalid" / f"{name}.yaml").write_text(derive(name, root), encoding="utf-8")
    print(f"wrote {len(EDITS)} fixtures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
