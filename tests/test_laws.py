"""The law on the as-of date: law versions as data, --law and --as-of, the Health Bill 2026
rules, what reports say they judged against, and bad input about laws and dates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govcheck import laws
from govcheck.api import check_file, check_text
from govcheck.engine import Settings
from govcheck.plugins import load_registry
from tests.conftest import FIXTURES, REFERENCE, ROOT, run_cli

BILL = "health-bill-2026"
CURRENT = "nhs-act-2006-sch1b"
BILL_FIXTURE = FIXTURES / "valid" / f"{BILL}.yaml"
REGISTRY = load_registry([], entry_points=False)


def _failed(path: Path, **settings: object) -> dict[str, str]:
    report = check_file(path, settings=Settings(**settings), entry_points=False)  # type: ignore[arg-type]
    return {f.rule: f.severity for f in report.findings}


# -- documents for either law --------------------------------------------------------------


def test_bill_draft_is_compliant_under_the_bill_and_not_under_the_law_in_force() -> None:
    assert _failed(BILL_FIXTURE, law=BILL) == {}
    assert _failed(BILL_FIXTURE) == {"GOV101": "error", "GOV107": "error", "GOV108": "error", "GOV109": "error"}
    assert _failed(BILL_FIXTURE, law=CURRENT) == _failed(BILL_FIXTURE)


def test_reference_is_compliant_under_the_law_in_force_and_not_under_the_bill() -> None:
    assert _failed(REFERENCE) == {}
    assert _failed(REFERENCE, law=BILL) == {"GOV153": "warning", "GOV154": "warning", "GOV155": "warning"}


def test_cli_law_option_gives_the_exit_codes() -> None:
    assert run_cli("check", str(BILL_FIXTURE), "--law", BILL).returncode == 0
    assert run_cli("check", str(BILL_FIXTURE)).returncode == 1
    assert run_cli("check", str(REFERENCE), "--law", BILL).returncode == 1
    assert run_cli("check", str(REFERENCE)).returncode == 0


def test_rules_of_a_law_not_in_force_are_not_applicable_with_the_reason() -> None:
    report = check_file(REFERENCE, entry_points=False)
    outcomes = {o.rule: o for o in report.documents[0].outcomes}
    assert outcomes["GOV153"].status == "not_applicable"
    assert outcomes["GOV153"].detail == (
        "Health Bill 2026 as introduced is not in force (a Bill before Parliament: not in force unless a "
        "commencement date is configured); judged against NHS Act 2006 Schedule 1B as inserted by the "
        "Health and Care Act 2022 [nhs-act-2006-sch1b], as of 2026-04-01. Use --law health-bill-2026 to "
        "judge a draft as if it were."
    )
    profiles = ("statutory", "nhse-policy", "good-practice")
    under_bill = check_file(REFERENCE, settings=Settings(law=BILL, profiles=profiles), entry_points=False)
    outcome = {o.rule: o for o in under_bill.documents[0].outcomes}["GOV801"]
    assert outcome.status == "not_applicable"
    assert "removes the requirement to set up integrated care partnerships" in outcome.detail
    # The rules of the law the Bill replaces, and GOV152 (no mayoral strategic authority listed).
    assert {o.rule for o in under_bill.documents[0].outcomes if o.status == "not_applicable"} == {
        "GOV101", "GOV107", "GOV108", "GOV109", "GOV152", "GOV801", "GOV802", "GOV803", "GOV804", "GOV805",
        "GOV815",
    }


def test_a_voluntary_icp_can_still_be_described_under_the_bill() -> None:
    report = check_file(REFERENCE, settings=Settings(law=BILL), entry_points=False)
    assert not [f for f in report.findings if f.rule.startswith("GOV8")]


def test_mayoral_member_where_no_authority_covers_the_area_is_a_parameter() -> None:
    text = BILL_FIXTURE.read_text().replace("kind: mayoral_strategic_authority", "kind: combined_authority")
    report = check_text(text, "none.yaml", settings=Settings(law=BILL), entry_points=False)
    outcome = {o.rule: o for o in report.documents[0].outcomes}["GOV152"]
    assert outcome.status == "not_applicable"
    assert outcome.detail.startswith("no mayoral strategic authority covering the ICB area is listed")
    strict = Settings(law=BILL, params={"GOV152": {"if_none": "fail"}})
    report = check_text(text, "none.yaml", settings=strict, entry_points=False)
    assert [(f.rule, f.path) for f in report.findings] == [("GOV152", "/organisations")]


def test_each_mayoral_authority_needs_its_nominee_unless_one_is_enough() -> None:
    second = (
        "  - {id: msa-wessex, name: Wessex Coast Combined County Authority, kind: mayoral_strategic_authority, "
        "in_footprint: true}\n"
    )
    text = BILL_FIXTURE.read_text().replace(
        second,
        second + "  - {id: msa-harrow, name: Harrow Strategic Authority, kind: mayoral_strategic_authority, "
        "in_footprint: true}\n",
    )
    report = check_text(text, "two.yaml", settings=Settings(law=BILL), entry_points=False)
    assert [(f.rule, f.path, f.message) for f in report.findings] == [(
        "GOV152",
        "/organisations/18",
        "no board member is nominated by the mayor of Harrow Strategic Authority: the Bill (clause 21, as "
        "reported) gives each mayoral strategic authority covering the area a nominee",
    )]
    lenient = Settings(law=BILL, params={"GOV152": {"per_authority": False}})
    assert check_text(text, "two.yaml", settings=lenient, entry_points=False).findings == []


# -- the law on the as-of date ---------------------------------------------------------------


def test_commencement_date_selects_the_bill_from_that_date(tmp_path: Path) -> None:
    (tmp_path / ".govcheck.toml").write_text('[commencement]\nhealth-bill-2026 = 2027-04-01\n')
    before = tmp_path / "before.yaml"
    after = tmp_path / "after.yaml"
    text = BILL_FIXTURE.read_text()
    before.write_text(text.replace("as_of: 2026-04-01", "as_of: 2027-03-31"))
    after.write_text(text.replace("as_of: 2026-04-01", "as_of: 2027-04-01"))
    result = run_cli("check", str(before), str(after), "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    judged = {Path(d["file"]).name: d["law"] for d in data["documents"]}
    assert judged["before.yaml"] == {
        "version": CURRENT,
        "title": "NHS Act 2006 Schedule 1B as inserted by the Health and Care Act 2022",
        "as_of": "2027-03-31",
        "selected_by": "as-of date",
    }
    assert judged["after.yaml"]["version"] == BILL
    failing = {Path(d["file"]).name: sorted({f["rule"] for f in d["findings"]}) for d in data["documents"]}
    assert failing == {"after.yaml": [], "before.yaml": ["GOV101", "GOV107", "GOV108", "GOV109"]}


def test_context_without_a_date_is_the_first_version_whatever_the_commencements() -> None:
    # govcheck never reads the clock: with no as-of date, no commencement can be compared.
    assert laws.context(None).version.id == CURRENT
    assert laws.context(None, commencement={BILL: dt.date(2022, 7, 1)}).version.id == CURRENT
    assert laws.context(dt.date(2022, 7, 1), commencement={BILL: dt.date(2022, 7, 1)}).version.id == BILL
    assert laws.context(dt.date(2026, 1, 1), commencement={BILL: dt.date(2030, 1, 1)}).version.id == CURRENT
    assert laws.context(dt.date(2026, 1, 1), BILL).in_force == frozenset({CURRENT, BILL})


# -- bad input about laws and dates -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--law", "health-bill"], "govcheck: error: --law must be one of nhs-act-2006-sch1b, health-bill-2026, "
         "not 'health-bill'\n"),
        (["--as-of", "2022-06-30"], "govcheck: error: --as-of 2022-06-30 is before 2022-07-01, when integrated care "
         "boards were established (Health and Care Act 2022): no ICB law was in force\n"),
        (["--as-of", "soon"], "govcheck: error: --as-of must be a date (YYYY-MM-DD), not 'soon'\n"),
    ],
)
def test_bad_law_options_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = run_cli("check", str(REFERENCE), *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('law = "bill"\n', "option 'law' must be one of nhs-act-2006-sch1b, health-bill-2026, not 'bill'"),
        ('[commencement]\nhealth-bill-2026 = "soon"\n',
         "option 'commencement.health-bill-2026' must be a date (YYYY-MM-DD), not 'soon'"),
        ("[commencement]\nhealth-bill = 2027-04-01\n",
         "option 'commencement.health-bill': unknown law (known: nhs-act-2006-sch1b, health-bill-2026)"),
        ("as-of = 2021-01-01\n", "option 'as-of' 2021-01-01 is before 2022-07-01, when integrated care boards were "
         "established (Health and Care Act 2022): no ICB law was in force"),
    ],
)
def test_bad_law_configuration_exits_2_naming_the_key(tmp_path: Path, body: str, message: str) -> None:
    config = tmp_path / ".govcheck.toml"
    config.write_text(body)
    doc = tmp_path / "c.yaml"
    doc.write_text(REFERENCE.read_text())
    result = run_cli("check", str(doc), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"govcheck: error: {config}: {message}\n")


def test_document_as_of_before_icbs_existed_is_a_positioned_finding() -> None:
    text = REFERENCE.read_text().replace("as_of: 2026-04-01", "as_of: 2021-06-30")
    report = check_text(text, "early.yaml", entry_points=False)
    assert [(f.rule, f.line, f.column, f.path, f.message) for f in report.findings] == [(
        "GOV005", 7, 8, "/as_of",
        "/as_of: 2021-06-30 is before 2022-07-01, when integrated care boards were established (Health and "
        "Care Act 2022): no ICB law was in force on that date",
    )]
    assert {o.status for o in report.documents[0].outcomes if o.rule >= "GOV100"} == {"not_applicable"}


# -- reports say what they judged against --------------------------------------------------


def test_every_format_states_the_law_and_the_as_of_date(tmp_path: Path) -> None:
    expected = "Health Bill 2026 as introduced [health-bill-2026] (--law), as of 2026-04-01"
    text = run_cli("check", str(BILL_FIXTURE), "--law", BILL).stdout
    assert text == (
        f"law: {expected}\n1 document(s) checked: 0 error(s), 0 warning(s), 0 info; rules passed 79, failed 0, "
        "not applicable 8, errored 0; result: compliant (profiles statutory, nhse-policy); the run passes (exit 0)\n"
    )
    markdown = run_cli("check", str(BILL_FIXTURE), "--law", BILL, "-f", "markdown").stdout
    assert f"Judged against the law: {expected.replace('[', chr(92) + '[').replace(']', chr(92) + ']')}." in markdown
    html = run_cli("check", str(BILL_FIXTURE), "--law", BILL, "-f", "html").stdout
    assert f"law: {expected}" in html
    sarif = json.loads(run_cli("check", str(BILL_FIXTURE), "--law", BILL, "-f", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["laws"] == [
        {"version": BILL, "title": "Health Bill 2026 as introduced", "as_of": "2026-04-01", "selected_by": "law setting"}
    ]
    data = json.loads(run_cli("check", str(BILL_FIXTURE), "--law", BILL, "-f", "json").stdout)
    assert data["documents"][0]["law"]["version"] == BILL
    assert data["config"]["law"] == BILL
    import jsonschema

    schema = json.loads((ROOT / "govcheck" / "schemas" / "report-v1.schema.json").read_text())
    jsonschema.validate(data, schema)


# -- govcheck rules --as-of / --law, and rules show ------------------------------------------


def test_rules_lists_what_is_in_force_on_a_date_or_under_a_law() -> None:
    today = run_cli("rules", "--as-of", "2026-01-01")
    assert today.returncode == 0
    ids = {line.split()[0] for line in today.stdout.splitlines()[1:]}
    assert today.stdout.splitlines()[0] == (
        "# rules in force under NHS Act 2006 Schedule 1B as inserted by the Health and Care Act 2022 "
        "[nhs-act-2006-sch1b], as of 2026-01-01"
    )
    assert {"GOV101", "GOV107", "GOV801"} <= ids and not ids & {"GOV151", "GOV153"}
    bill = run_cli("rules", "--law", BILL, "--format", "json")
    bill_ids = {r["id"] for r in json.loads(bill.stdout)}
    assert {"GOV151", "GOV152", "GOV153", "GOV154", "GOV155"} <= bill_ids
    assert not bill_ids & {"GOV101", "GOV107", "GOV108", "GOV109", "GOV801", "GOV802"}
    assert len(ids) + 5 == len(bill_ids) + 10  # five Bill rules in, ten resting on the old law out
    early = run_cli("rules", "--as-of", "2020-01-01")
    assert early.returncode == 2 and "before 2022-07-01" in early.stderr


def test_rules_show_gives_the_rule_history() -> None:
    shown = run_cli("rules", "show", "GOV107").stdout
    history = shown.split("law and history:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert history == [
        "  from: NHS Act 2006 Schedule 1B as inserted by the Health and Care Act 2022 [nhs-act-2006-sch1b]: "
        "in force from 2022-07-01",
        "  until: Health Bill 2026 as introduced [health-bill-2026] when it commences (no commencement date set): "
        "the Health Bill 2026 abolishes NHS England and passes its functions to the Secretary of State; see GOV153",
        "  replaced by: GOV153",
        "  provision: NHS Act 2006 Sch. 1B para 5 (text read at source)",
    ]
    assert "\n    https://www.legislation.gov.uk/ukpga/2006/41/schedule/1B/paragraph/5\n" in shown
    bill = run_cli("rules", "show", "GOV153").stdout
    assert "  replaces: GOV107\n" in bill and "(text NOT read at source)" in bill


# -- the statutory profile: each rule, the provision it enforces, whether it was read --------

STATUTORY = {
    "GOV101": ("NHS Act 2006 Sch. 1B para 3(1)-(2) (read) and para 8 partner members", False),
    "GOV102": ("NHS Act 2006 Sch. 1B paras 3(1)(a)-(b), 5 and 7", True),
    "GOV105": ("NHS Act 2006 Sch. 1B para 2", True),
    "GOV106": ("NHS Act 2006 Sch. 1B (the chair's approval of ordinary members", False),
    "GOV107": ("NHS Act 2006 Sch. 1B para 5", True),
    "GOV108": ("NHS Act 2006 Sch. 1B para 6", True),
    "GOV109": ("NHS Act 2006 Sch. 1B para 7(1)", True),
    "GOV110": ("NHS Act 2006 Sch. 1B para 8(1)(a)", True),
    "GOV150": ("NHS Act 2006 Sch. 1B para 7(2)", True),
    "GOV151": ("Health Bill 2026 as introduced, clause 21", False),
    "GOV152": ("Health Bill 2026 as introduced, clause 21", False),
    "GOV153": ("Health Bill 2026 as introduced, clause 1 and Schedule 11", False),
    "GOV154": ("Health Bill 2026 as introduced, clause 1 and Schedule 11", False),
    "GOV155": ("Health Bill 2026 as introduced, clause 1 and Schedule 11", False),
    "GOV156": ("NHS Act 2006 s14Z29", False),
    "GOV124": ("NHS Act 2006 Sch. 1B para 8 (who may nominate the partner members", False),
    "GOV125": ("NHS Act 2006 Sch. 1B para 2(b)", True),
    "GOV204": ("NHS Act 2006 Sch. 1B para 7(2)", True),
    "GOV205": ("NHS Act 2006 Sch. 1B para 4", True),
    "GOV701": ("NHS Act 2006 s14Z30", False),
    "GOV702": ("NHS Act 2006 s14Z30", False),
    "GOV703": ("NHS Act 2006 s14Z30", False),
    "GOV704": ("NHS Act 2006 s14Z31", False),
    "GOV802": ("Local Government and Public Involvement in Health Act 2007 s116ZA(2)(a)", True),
    "GOV803": ("Local Government and Public Involvement in Health Act 2007 s116ZA(2)(b)", True),
    "GOV805": ("Local Government and Public Involvement in Health Act 2007 s116ZB", False),
    "GOV807": ("NHS Act 2006 Sch. 1B para 11(2)", False),
    "GOV810": ("NHS Act 2006 s14Z45", False),
}


def test_every_statutory_rule_names_its_provision_and_whether_it_was_read() -> None:
    statutory = {r.id: r for r in REGISTRY.rules.values() if r.profile == "statutory"}
    assert set(statutory) == set(STATUTORY)
    for rule_id, (provision, read) in STATUTORY.items():
        law = statutory[rule_id].law
        assert law is not None, rule_id
        assert law["provision"].startswith(provision), (rule_id, law["provision"])
        assert law["text_read"] is read, rule_id
        if not read and statutory[rule_id].severity == "error":
            assert statutory[rule_id].severity_reason, f"{rule_id}: an error on a provision not read must say why"


def test_rule_law_blocks_name_known_versions_and_rules() -> None:
    for rule in REGISTRY.rules.values():
        if not rule.law:
            continue
        assert rule.law["from"] in laws.BY_ID and rule.law.get("until", BILL) in laws.BY_ID
        for key in ("replaces", "replaced_by"):
            if key in rule.law:
                assert rule.law[key] in REGISTRY.rules, (rule.id, key)


def test_html_report_header_states_the_law_in_a_real_browser(tmp_path: Path) -> None:
    from tests.test_html_report import CHROMIUM, CHROMIUM_ARGS, _chromium_or_skip

    _chromium_or_skip()
    import shutil

    from playwright.sync_api import sync_playwright

    out = tmp_path / "report.html"
    result = run_cli("check", str(BILL_FIXTURE), "--law", BILL, "--format", f"html:{out}")
    assert result.returncode == 0, result.stderr
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(out.as_uri())
            meta = page.locator("header.mast p.meta").inner_text()
        finally:
            browser.close()
    assert "law: Health Bill 2026 as introduced [health-bill-2026] (--law), as of 2026-04-01" in meta


def test_plugin_authors_can_run_a_rule_under_a_law() -> None:
    from govcheck.testing import run_rule

    under_bill = run_rule("GOV153", entry_points=False, law=BILL)
    # Helen Ashworth was first appointed in 2022, under the 2022 Act: only the clause is judged
    assert [f.message for f in under_bill.findings] == [
        "the chair must be appointed by the Secretary of State or the Department of Health and Social Care, "
        "not 'NHS England'",
    ]
    assert run_rule("GOV153", entry_points=False).findings == []


@pytest.mark.parametrize(
    ("first_appointed", "seat_reported"),
    [("2022-07-01", False), ("2026-04-01", False), ("2026-05-14", True), ("2027-01-04", True)],
)
def test_office_holders_appointed_before_the_bill_are_not_judged_under_it(
    first_appointed: str, seat_reported: bool
) -> None:
    """An appointment made by NHS England before the Bill was introduced (14 May 2026) was
    made under the 2022 Act: under --law health-bill-2026 the constitution's clause is
    reported, the seat only when its holder was appointed on or after that date."""
    text = REFERENCE.read_text(encoding="utf-8")
    anchor = (
        "approved_by: sos\n        procedure: Constitution section 3.4 and the NHS England chair appointment process\n"
        "        first_appointed: 2022-07-01"
    )
    assert text.count(anchor) == 1
    text = text.replace(anchor, anchor.replace("2022-07-01", first_appointed))
    report = check_text(text, "reference.yaml", settings=Settings(law=BILL, select=("GOV153",)), entry_points=False)
    seat = [f.path for f in report.findings if f.path.startswith("/board/")]
    assert seat == (["/board/members/0/appointment/appointed_by"] if seat_reported else [])
    assert [f.path for f in report.findings if f.path.startswith("/appointments")] == ["/appointments/chair/appointed_by"]


def test_holders_appointed_from_must_be_a_date(tmp_path: Path) -> None:
    (tmp_path / ".govcheck.toml").write_text('[params.GOV153]\nholders_appointed_from = "14 May 2026"\n')
    (tmp_path / "c.yaml").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", "--law", BILL, "c.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"govcheck: error: {tmp_path / '.govcheck.toml'}: params.GOV153: parameter holders_appointed_from: "
        "'14 May 2026' is not a date as YYYY-MM-DD, e.g. 2026-04-01 "
        "(check 'appointments.office' of plugin 'govcheck.checks')\n"
    )
    (tmp_path / ".govcheck.toml").write_text("[params.GOV153]\nholders_appointed_from = \"2026-05-14\"\n")
    dated = run_cli("check", "--law", BILL, "c.yaml", cwd=tmp_path)
    assert (dated.returncode, dated.stderr) == (1, "")  # checked: the reference is not Bill-ready
