"""Format errors stop only the rules that read the broken part (govcheck.partial)."""

from __future__ import annotations

from govcheck import check_text
from govcheck.engine import Settings
from govcheck.findings import NOT_APPLICABLE
from govcheck.partial import NOT_RUNNABLE
from tests.conftest import FIXTURES, REFERENCE
from tests.fixture_edits import EDITS, _apply

# Eight real faults, each the failing-fixture edit of its rule, in distinct parts of the document.
FAULTS = [
    "GOV107-chair-appointment",
    "GOV307-place-population",
    "GOV404-reserved-matters",
    "GOV509-decision-casting-vote",
    "GOV601-audit-committee",
    "GOV702-coi-registers-public",
    "GOV706-coi-register-review",
    "GOV814-constitution-versioning",
]
ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
BAD_DATE = ("role: trustee, from: 2019-01-01}", "role: trustee, from: 01/04/2023}")


def _draft() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    for name in FAULTS:
        text = _apply(text, list(EDITS[name][1]), name)
    return _apply(text, [BAD_DATE], "bad date")


def test_one_bad_date_hides_none_of_eight_real_faults() -> None:
    text = _draft()
    report = check_text(text, "draft.yaml", settings=ALL)
    rules = sorted({f.rule for f in report.findings})
    assert rules == sorted(["GOV005", *(name.split("-")[0] for name in FAULTS)])
    (bad,) = [f for f in report.findings if f.rule == "GOV005"]
    assert bad.path == "/board/members/0/interests/0/from"
    before = text[: text.index("01/04/2023")]
    assert (bad.line, bad.column) == (before.count("\n") + 1, len(before) - before.rindex("\n"))


def test_only_rules_that_read_the_broken_date_could_not_run() -> None:
    report = check_text(_draft(), "draft.yaml", settings=ALL)
    (doc,) = report.documents
    stopped = {o.rule: o.detail for o in doc.outcomes if o.detail.startswith(NOT_RUNNABLE)}
    assert stopped, "a rule that reads interest dates must be reported as not runnable"
    assert all(o_status == NOT_APPLICABLE for o_status in (o.status for o in doc.outcomes if o.rule in stopped))
    for detail in stopped.values():
        assert "/board/members/0/interests/0/from" in detail
    # a rule over interest dates (independent members' current footprint roles) is among them
    assert "GOV201" in stopped
    # and far fewer than all: the clean reference with the same bad date runs the rest
    clean = check_text(_apply(REFERENCE.read_text(encoding="utf-8"), [BAD_DATE], "bad date"), "d.yaml", settings=ALL)
    ran = [o for o in clean.documents[0].outcomes if o.status in ("passed", "failed")]
    assert len(ran) > 60
    assert [f.rule for f in clean.findings] == ["GOV005"]


def test_missing_required_key_stops_only_rules_reading_it() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    org = "name: Healthwatch Isle of Harrow, kind: healthwatch,"
    report = check_text(_apply(text, [(org, "name: Healthwatch Isle of Harrow,")], "no kind"), "d.yaml")
    assert [(f.rule, f.path, f.message) for f in report.findings] == [
        ("GOV005", "/organisations/14", "/organisations/14: missing required key 'kind'")
    ]
    outcomes = report.documents[0].outcomes
    stopped = sorted(o.rule for o in outcomes if o.detail.startswith(NOT_RUNNABLE))
    # the rules on councillors and MPs read every organisation's kind, and so does GOV112 (a
    # joint nomination is judged against the set of eligible nominators: an organisation of
    # unknown kind could be one of them); GOV101 does not
    assert stopped == ["GOV112", "GOV210", "GOV211"]
    assert all("/organisations/14/kind" in o.detail for o in outcomes if o.rule in stopped)
    assert {o.rule: o.status for o in outcomes}["GOV101"] == "passed"


def test_wrong_type_for_a_whole_section_stops_its_readers() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    broken = _apply(text, [("\ncommittees:\n", "\ncommittees: none\nold_committees:\n")], "committees")
    report = check_text(broken, "d.yaml")
    assert [(f.rule, f.path) for f in report.findings] == [("GOV005", "/committees"), ("GOV006", "/old_committees")]
    outcomes = {o.rule: o for o in report.documents[0].outcomes}
    assert outcomes["GOV601"].detail.startswith(NOT_RUNNABLE)
    assert "/committees" in outcomes["GOV601"].detail
    assert outcomes["GOV101"].status == "passed"


def test_the_summaries_say_how_many_rules_could_not_run() -> None:
    from govcheck.reporters import markdown, text

    report = check_text(_draft(), "draft.yaml", settings=ALL)
    stopped = report.not_runnable()
    assert stopped >= 1
    assert f"; {stopped} could not run (they read a part that is out of format)" in text.render(report)
    assert f"{stopped} rule outcome(s) could not be judged: the rules read a part" in markdown.render(report)
    from govcheck.reporters import html_report

    page = html_report.render(report)
    assert f'<span class="n">{stopped}</span><span class="l">rules could not run: they read a part out of format' in page


def test_an_id_out_of_format_stops_only_the_rules_that_read_it() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    edited = _apply(text, [("{id: vcse-alliance, name:", "{id: VCSE Alliance, name:")], "bad id")
    report = check_text(edited, "d.yaml")
    assert [(f.rule, f.path) for f in report.findings if f.rule == "GOV005"] == [("GOV005", "/organisations/16/id")]
    (doc,) = report.documents
    status = {o.rule: o.status for o in doc.outcomes}
    # GOV007 and GOV008 run on what is there: the five references to the unreadable id are
    # passed over (they may name it), not reported as unresolved
    assert status["GOV007"] == status["GOV008"] == "passed"
    assert [f.rule for f in report.findings] == ["GOV005"]
    every = check_text(edited, "d.yaml", settings=ALL).documents[0]
    ran = [o for o in every.outcomes if o.status in ("passed", "failed")]
    stopped = [o for o in every.outcomes if o.detail.startswith(NOT_RUNNABLE)]
    assert len(ran) > 60
    assert all("/organisations/16/id" in o.detail for o in stopped)


def test_a_partnership_out_of_format_stops_the_rule_that_reads_it() -> None:
    # partnership written as a list (its "members:" line lost), or members as a mapping: the
    # partnership rule cannot judge it (found by the property test in test_every_value.py)
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index("leader: {name: Sam Whitlock}")
    at = text.index("      members:\n", start)
    for edited, broken, message in (
        (text[:at] + text[at + len("      members:\n") :], "/places/3/partnership", "must be a mapping, not a list"),
        (text[:at] + "      members: {a: 1}\n" + text[text.index("    board_representation", at) :],
         "/places/3/partnership/members", "must be a list, not a mapping"),
    ):  # fmt: skip
        report = check_text(edited, "d.yaml")
        assert [(f.rule, f.path, f.message) for f in report.findings if f.rule == "GOV005"] == [
            ("GOV005", broken, f"{broken}: {message}")
        ]
        outcomes = {o.rule: o for o in report.documents[0].outcomes}
        assert (outcomes["GOV302"].status, outcomes["GOV302"].detail) == (
            NOT_APPLICABLE,
            f"{NOT_RUNNABLE}: it reads {broken}, which is missing or not in the expected format (see GOV005)",
        )


# /icb missing: the reference and unique-id rules (GOV007, GOV008) still judge everything that
# is there. Only a reference that could name the ICB itself cannot be judged.
def _without_icb() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index("\nicb:\n") + 1
    end = next(i for i in range(start + 5, len(text)) if text[i - 1] == "\n" and text[i].isalpha())
    return text[:start] + text[end:]


def _reference_rules(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    report = check_text(text, "no-icb.yaml", settings=ALL)
    outcomes = {o.rule: o.status for o in report.documents[0].outcomes if o.rule in ("GOV007", "GOV008")}
    return outcomes, [(f.rule, f.path, f.message) for f in report.findings]


def test_reference_rules_run_on_what_is_there_when_the_icb_is_missing() -> None:
    text = _without_icb()
    assert "\nicb:" not in text
    outcomes, findings = _reference_rules(text)
    assert outcomes == {"GOV007": "passed", "GOV008": "passed"}
    assert findings == [("GOV005", "", "/: missing required key 'icb'")]


def test_an_unresolved_reference_is_still_reported_when_the_icb_is_missing() -> None:
    text = _apply(_without_icb(), [("    members: [m-ned-2, m-cno]\n    place: place-westmere\n",
                                    "    members: [m-ned-9, m-cno]\n    place: place-westmere\n")], "typo")
    outcomes, findings = _reference_rules(text)
    assert outcomes["GOV007"] == "failed"
    assert [f for f in findings if f[0] == "GOV007"] == [(
        "GOV007", "/committees/5/members/0",
        "'m-ned-9' is not defined anywhere in the document (expected the id of a member or a person)",
    )]


def test_a_reference_that_may_name_the_missing_icb_is_not_judged() -> None:
    # appointed_by may name the ICB, whose id is in the missing part: unknown, so not reported
    text = _apply(_without_icb(), [("appointed_by: m-chair\n        nominated_by: [pc-castleport-gps",
                                    "appointed_by: m-chiar\n        nominated_by: [pc-castleport-gps")], "typo")
    outcomes, findings = _reference_rules(text)
    assert outcomes["GOV007"] == "passed"
    assert [f for f in findings if f[0] == "GOV007"] == []


def test_a_duplicate_id_is_still_reported_when_the_icb_is_missing() -> None:
    text = _apply(_without_icb(), [("  - id: c-rem\n", "  - id: c-audit\n")], "duplicate")
    outcomes, findings = _reference_rules(text)
    assert outcomes["GOV008"] == "failed"
    assert [f for f in findings if f[0] == "GOV008"] == [
        ("GOV008", "/committees/1/id", "id 'c-audit' is already used by the committee at /committees/0"),
    ]


def test_an_end_reason_out_of_format_in_the_register_stops_the_dismissal_rule() -> None:
    # A seat held from the register of people: the holder's interests are read from the
    # register, each field guarded at its register path (end_reason too, as kind and dates).
    text = (FIXTURES / "valid" / "clustered-2026.yaml").read_text(encoding="utf-8")
    mark = "role: joint chief executive, from: 2025-10-01}"
    assert text.count(mark) == 1
    report = check_text(text.replace(mark, mark[:-1] + ", end_reason: sacked}"), "d.yaml", settings=ALL)
    broken = "/people/1/interests/0/end_reason"
    assert [(f.rule, f.path) for f in report.findings] == [("GOV005", broken)]
    outcomes = {o.rule: o for o in report.documents[0].outcomes}
    assert (outcomes["GOV217"].status, outcomes["GOV217"].detail) == (
        NOT_APPLICABLE,
        f"{NOT_RUNNABLE}: it reads {broken}, which is missing or not in the expected format (see GOV005)",
    )
