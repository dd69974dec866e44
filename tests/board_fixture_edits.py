"""The failing fixtures for rules GOV105-GOV122 and GOV204-GOV217 (catalogue sections A-C),
each ``fixtures/valid/reference.yaml`` with the smallest edit that breaks its rule.

``EDITS[name]`` lists ``(old, new)`` replacements; each ``old`` must occur exactly once.
Run ``python tests/board_fixture_edits.py`` after changing the reference to regenerate the
fixtures; tests/test_board_rules.py fails while any of them is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "fixtures" / "valid" / "reference.yaml"
HEAD = "# Reference constitution of a fictional Integrated Care System, Wessex Coast.\n"
MH = "      mental_health_expertise: true\n"
PLACE = ("    - {id: m-place-%d, name: Place Member %d, roles: [place_member], voting: true, "
         "appointment: {appointed_by: m-chair, procedure: Constitution section 3.7}, "
         "checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}}\n")
EDITS: dict[str, list[tuple[str, str]]] = {
    "GOV105-icb-name-and-area": [(
        "local_authorities: [la-westmere, la-downsvale, la-castleport, la-harrow, la-portbury]",
        "local_authorities: []")],
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


def derive(name: str) -> str:
    """The text of one failing fixture, derived from the reference."""
    rule = name.split("-")[0]
    text = REFERENCE.read_text(encoding="utf-8").replace(
        HEAD, f"# Failing fixture for {rule}: the reference constitution with the smallest edit.\n"
    )
    for old, new in EDITS[name]:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"{name}: edit {old!r} matches {count} times in reference.yaml, not once")
        text = text.replace(old, new)
    return text


def main() -> int:
    for name in EDITS:
        (ROOT / "fixtures" / "invalid" / f"{name}.yaml").write_text(derive(name), encoding="utf-8")
    print(f"wrote {len(EDITS)} fixtures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
