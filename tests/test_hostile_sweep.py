"""What the hardening sweep of 2026-11-30 found (benchmarks/mutate*.py), each as a test.

Each failure is a class of input that was accepted without a word; the tests assert the
exact message and exit code now given, at every entry point that shares the fix.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govcheck import check_text
from govcheck.baseline import load as load_baseline
from govcheck.errors import ConfigError
from govcheck.options import as_date, iso_date
from govcheck.server.service import Options, RequestError, Service, parse_request
from tests.conftest import REFERENCE, run_cli

TEXT = REFERENCE.read_text(encoding="utf-8")

# Python 3.11's date.fromisoformat reads these too; nothing in govcheck promises them.
NOT_YYYY_MM_DD = ["20260401", "2026-W14-3", "2026W143", "2026-04-01T10:00", "\uff12\uff10\uff12\uff16-04-01"]


# -- dates: YYYY-MM-DD only, at every entry point --------------------------------------------


@pytest.mark.parametrize("text", NOT_YYYY_MM_DD)
def test_a_date_not_written_yyyy_mm_dd_is_no_date(text: str) -> None:
    assert iso_date(text) is None
    assert as_date(text) is None


def test_a_yyyy_mm_dd_date_is_read() -> None:
    assert iso_date("2026-04-01") == dt.date(2026, 4, 1)
    assert iso_date("2026-02-30") is None


@pytest.mark.parametrize("text", ["20260401", "2026-W14-3"])
def test_as_of_on_the_command_line_must_be_yyyy_mm_dd(text: str) -> None:
    result = run_cli("check", "--no-plugins", "--as-of", text, str(REFERENCE))
    assert result.returncode == 2
    assert result.stderr == f"govcheck: error: --as-of must be a date (YYYY-MM-DD), not {text!r}\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_as_of_in_the_configuration_must_be_yyyy_mm_dd(tmp_path: Path) -> None:
    doc = tmp_path / "constitution.yaml"
    doc.write_text(TEXT, encoding="utf-8")
    config = tmp_path / ".govcheck.toml"
    config.write_text('as-of = "2026-W14-3"\n', encoding="utf-8")
    result = run_cli("check", "--no-plugins", str(doc), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"govcheck: error: {config}: option 'as-of' must be a date (YYYY-MM-DD), not '2026-W14-3'\n"


def test_as_of_in_a_service_request_must_be_yyyy_mm_dd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    service = Service(Options(no_plugins=True))
    with pytest.raises(RequestError) as caught:
        service._engine(None, "20260401", None, False)
    assert (caught.value.status, caught.value.detail) == (422, "as_of must be a date (YYYY-MM-DD), not '20260401'")


def _waiver(expires: str) -> str:
    return TEXT + f"\nwaivers:\n  - rule: GOV118\n    path: /board\n    reason: testing\n    expires: '{expires}'\n"


def test_a_waiver_expiry_as_a_week_date_waives_nothing() -> None:
    """'2030-W01-1' was read as 2029-12-31: GOV005 said it was no date, yet the waiver was
    used (or, in the past, reported expired on a day the document never wrote)."""
    text = _waiver("2030-W01-1")
    line = text.count("\n", 0, text.index("expires: '2030")) + 1
    report = check_text(text, "doc.yaml", entry_points=False)
    assert [(f.rule, f.line, f.path, f.message) for f in report.findings if f.path.startswith("/waivers")] == [
        ("GOV005", line, "/waivers/0/expires", "/waivers/0/expires: '2030-W01-1' is not a date as YYYY-MM-DD, e.g. 2026-04-01"),
        ("GOV009", line, "/waivers/0/expires", "waiver for GOV118 at /board: expiry '2030-W01-1' is not a real date"),
    ]
    assert not [f for f in report.findings if f.status == "waived"]


# -- JSON from outside: a key given twice is refused -----------------------------------------


def test_a_request_body_that_gives_a_key_twice_is_a_400() -> None:
    with pytest.raises(RequestError) as caught:
        parse_request(b'{"document": "govcheck: 1", "document": "x"}', "application/json", {})
    assert caught.value.status == 400
    assert caught.value.detail == "the body is not valid JSON: the key 'document' is given twice in one object"


def test_a_nested_duplicate_key_in_a_request_body_is_refused_too() -> None:
    with pytest.raises(RequestError, match="the key 'a' is given twice in one object"):
        parse_request(b'{"document": "x", "profiles": [], "format": "json", "law": null, "as_of": null, "x": {"a": 1, "a": 2}}',
                      "application/json", {})


def test_a_baseline_that_gives_findings_twice_is_a_configuration_error(tmp_path: Path) -> None:
    """A hand-merged baseline with two "findings" lists used only the last one."""
    path = tmp_path / "baseline.json"
    path.write_text('{"format": "govcheck-baseline", "version": 1, "findings": [{"fingerprint": "a"}], "findings": []}')
    with pytest.raises(ConfigError) as caught:
        load_baseline(path)
    assert str(caught.value) == f"baseline {path}: not JSON: the key 'findings' is given twice in one object"
    doc = tmp_path / "constitution.yaml"
    doc.write_text(TEXT, encoding="utf-8")
    result = run_cli("check", "--no-plugins", "--baseline", str(path), str(doc), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"govcheck: error: {caught.value}\n")


# -- a register person's field out of format stops the rules that read it --------------------

CLUSTERED = REFERENCE.parent / "clustered-2026.yaml"
FRERE_CHECKS = "    checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n  - id: p-okonkwo"
FRERE_INTERESTS = "    interests:\n      - {kind: office, organisation: icb-fenwold, role: chair, from: 2023-04-01}\n"


def _outcomes(text: str) -> tuple[list[tuple[str, int, int, str, str]], dict[str, str]]:
    report = check_text(text, "doc.yaml", entry_points=False)
    (doc,) = report.documents
    core = [(f.rule, f.line, f.column, f.path, f.message) for f in doc.findings if f.rule in ("GOV001", "GOV005")]
    return core, {o.rule: f"{o.status}: {o.detail}" for o in doc.outcomes if o.status == "error" or o.detail.startswith("could not run")}


@pytest.mark.parametrize(("value", "shown"), [("[fit_and_proper]", "a list"), ("yes", "true or false")])
def test_a_register_persons_checks_out_of_format_is_not_judged_as_empty(value: str, shown: str) -> None:
    """The seat's holder is in the register (/people/0). GOV207/GOV209 read the holder's
    checks from the repaired copy ({}), said 'does not state checks.fit_and_proper' at a
    path inside a list, and, as that path names nothing, errored: exit 2, compliance not
    established, for a document whose only problem GOV005 had already positioned."""
    text = CLUSTERED.read_text(encoding="utf-8")
    assert text.count(FRERE_CHECKS) == 1
    text = text.replace(FRERE_CHECKS, FRERE_CHECKS.replace("{fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}", value))
    line = text.count("\n", 0, text.index(f"checks: {value}")) + 1
    core, stopped = _outcomes(text)
    assert core == [("GOV005", line, 13, "/people/0/checks", f"/people/0/checks: must be a mapping, not {shown}")]
    detail = "could not run: it reads /people/0/checks, which is missing or not in the expected format (see GOV005)"
    assert stopped == {"GOV207": f"not_applicable: {detail}", "GOV209": f"not_applicable: {detail}"}


def test_a_register_persons_interests_out_of_format_stop_the_interest_rules() -> None:
    """Interests of a seat holder from the register, written as a mapping: the rules that
    read them are not runnable, rather than judging no interests at all."""
    text = CLUSTERED.read_text(encoding="utf-8")
    assert text.count(FRERE_INTERESTS) == 1
    text = text.replace(FRERE_INTERESTS, "    interests: {kind: office}\n")
    core, stopped = _outcomes(text)
    assert [c[:4] for c in core] == [("GOV005", 151, 16, "/people/0/interests")]
    detail = "not_applicable: could not run: it reads /people/0/interests, which is missing or not in the expected format (see GOV005)"
    assert {rule: stopped[rule] for rule in ("GOV201", "GOV202", "GOV217")} == dict.fromkeys(("GOV201", "GOV202", "GOV217"), detail)
    assert not [r for r, s in stopped.items() if s.startswith("error")]


def test_the_command_line_exits_1_not_2_for_a_register_field_out_of_format(tmp_path: Path) -> None:
    doc = tmp_path / "clustered.yaml"
    doc.write_text(CLUSTERED.read_text(encoding="utf-8").replace(FRERE_CHECKS, FRERE_CHECKS.replace("{fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}", "[x]")), encoding="utf-8")
    result = run_cli("check", "--no-plugins", "-p", "statutory", "-p", "nhse-policy", "-p", "good-practice", "-f", "json", str(doc), cwd=tmp_path)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "Traceback" not in result.stderr


def test_an_icp_member_field_out_of_format_stops_the_icp_rules_that_read_it() -> None:
    """The ICP's members were not guarded: with the ICB's member's appointed_by written as
    a list, GOV802 judged the repaired copy (no appointer) and failed with 'the ICP has no
    member appointed by the ICB', a knock-on finding beside the GOV005 that said why."""
    line = "    - {id: icp-icb, name: Helen Ashworth, appointed_by: icb, organisation: icb}"
    assert TEXT.count(line) == 1
    text = TEXT.replace(line, line.replace("appointed_by: icb", "appointed_by: [icb]"))
    report = check_text(text, "doc.yaml", entry_points=False)
    (doc,) = report.documents
    at = text.count("\n", 0, text.index("appointed_by: [icb]")) + 1
    assert [(f.rule, f.line, f.path) for f in doc.findings] == [("GOV005", at, "/icp/members/0/appointed_by")]
    outcome = next(o for o in doc.outcomes if o.rule == "GOV802")
    assert (outcome.status, outcome.detail) == (
        "not_applicable",
        "could not run: it reads /icp/members/0/appointed_by, which is missing or not in the expected format (see GOV005)",
    )


# -- rule-pack parameters that could only error at run time are refused at load -------------

PACK_MISTAKES = [
    # a field the format does not have: the finding's path named nothing, so the rule errored
    # on every document (exit 2) instead of the pack being refused when it loaded
    ("members.field_required", {"fields": ["checks/fit_and_prope"]},
     "parameter fields/0: 'checks/fit_and_prope' never matches: /board/members/*/checks has no field "
     "'fit_and_prope'; did you mean 'fit_and_proper'?"),
    ("members.field_matches", {"fields": ["x"], "pattern": "a", "expected": "b"},
     "parameter fields/0: 'x' never matches: /board/members/* has no field 'x'; it has: appointment, checks, "
     "elected_office, employee_of_icb, expertise, holders, id, interests, mental_health_expertise, name, "
     "organisation, place, roles, shared_with, vacant, voting"),
    ("members.with_attribute", {"field": "expertize"},
     "parameter field: 'expertize' never matches: /board/members/* has no field 'expertize'; did you mean 'expertise'?"),
    # a field spec with neither name nor any_of: the check raised KeyError: 'name'
    ("section.fields", {"section": "/icb", "fields": [{"explain": "x"}]},
     "parameter fields/0: give name (the field) or any_of (alternative fields)"),
    ("section.fields", {"section": "/conflicts_of_interest", "fields": [{"name": "polcy"}]},
     "parameter fields/0/name: 'polcy' never matches: /conflicts_of_interest has no field 'polcy'; did you mean 'policy'?"),
    ("section.fields", {"section": "/conflicts_of_interest", "fields": [{"any_of": ["policy", "x"]}]},
     "parameter fields/0/any_of/1: 'x' never matches: /conflicts_of_interest has no field 'x'; it has: "
     "available_on_request, declaration_deadline_days, guardian, meeting_declarations, policy, published, "
     "registers, review_frequency"),
    ("section.fields", {"section": "/conflicts_of_interest", "fields": [{"any_of": ["policy", ""]}]},
     "parameter fields/0/any_of/1: must not be empty"),
]


@pytest.mark.parametrize(("check", "params", "message"), PACK_MISTAKES)
def test_a_parameter_that_could_only_fail_at_run_time_is_a_load_error(
    tmp_path: Path, check: str, params: dict[str, object], message: str
) -> None:
    from tests.conftest import one_rule_pack

    pack = one_rule_pack(tmp_path, check, params, "pack.yaml")
    result = run_cli("check", "--no-plugins", "--rule-pack", str(pack), "-p", "local", str(REFERENCE))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"govcheck: error: rule T001 ({pack}:")
    assert result.stderr.endswith(f", plugin 'local:{pack}'): {message} (check {check!r} of plugin 'govcheck.checks')\n")


def test_fields_the_format_has_still_load(tmp_path: Path) -> None:
    from tests.conftest import one_rule_pack

    pack = one_rule_pack(tmp_path, "members.field_required", {"fields": ["appointment/procedure", "checks/fit_and_proper"]}, "pack.yaml")
    result = run_cli("check", "--no-plugins", "--rule-pack", str(pack), "-p", "local", str(REFERENCE))
    assert result.returncode == 0, result.stderr


# -- a broken list item cannot be passed over by `in` ----------------------------------------


def test_a_broken_list_item_stops_a_rule_that_asks_whether_the_list_includes_a_value() -> None:
    """section.fields' includes asks `wanted in items`: list.__contains__ read the items
    past the guard, so with registers[0] written as a mapping GOV701 judged the repaired
    list, found 'board' missing and failed, beside the GOV005 that said why."""
    from govcheck.api import settings
    from govcheck.rules import PROFILES

    assert TEXT.count("registers: [board,") == 1
    text = TEXT.replace("registers: [board,", "registers: [{board: x},")
    report = check_text(text, "doc.yaml", entry_points=False, settings=settings(profiles=PROFILES))
    (doc,) = report.documents
    assert [(f.rule, f.line, f.column, f.path) for f in doc.findings if f.path.startswith("/conflicts_of_interest")] == [
        ("GOV005", 365, 15, "/conflicts_of_interest/registers/0")
    ]
    detail = "could not run: it reads /conflicts_of_interest/registers/0, which is missing or not in the expected format (see GOV005)"
    assert {o.rule: (o.status, o.detail) for o in doc.outcomes if o.rule in ("GOV701", "GOV708", "GOV709")} == dict.fromkeys(
        ("GOV701", "GOV708", "GOV709"), ("not_applicable", detail)
    )


def test_every_way_of_reading_a_guarded_list_reaches_the_guard() -> None:
    from govcheck.partial import BrokenInput, _GuardedList

    items = _GuardedList(["a", {"bad": 1}, "c"], "/x", frozenset({"/x/1"}))
    for read in (lambda: "c" in items, lambda: list(reversed(items)), lambda: items.index("c"),
                 lambda: items.count("a"), lambda: list(items), lambda: items[1], lambda: items[0:2]):
        with pytest.raises(BrokenInput) as caught:
            read()
        assert caught.value.path == "/x/1"
    assert _GuardedList(["a", "b"], "/y", frozenset({"/x/1"})).index("b") == 1


def test_copying_a_guarded_mapping_reaches_the_guard() -> None:
    from govcheck.partial import BrokenInput, _GuardedDict

    data = _GuardedDict({"a": 1, "b": [2]}, "/x", frozenset({"/x/b"}))
    for read in (lambda: dict(data), lambda: {**data}, lambda: data.copy(), lambda: data.get("b"), lambda: list(data.values())):
        with pytest.raises(BrokenInput) as caught:
            read()
        assert caught.value.path == "/x/b"
    assert data["a"] == 1 and list(data) == ["a", "b"]


# -- a group's count is a number, never a list of that many items ---------------------------


@pytest.mark.parametrize(("count", "shown", "column"), [("10" + "0" * 39, "10" + ",000" * 13, 169), ("1000000000", "1,000,000,000", 138)])
def test_a_huge_icp_group_count_is_a_finding_not_a_crash_or_gigabytes(count: str, shown: str, column: int) -> None:
    """GOV803 expanded each ICP entry into one list item per member it stands for: a count
    of 10**40 raised OverflowError (rule error, exit 2) and 10**9 asked for 8 GB."""
    text = (REFERENCE.parent / "county-icb.yaml").read_text(encoding="utf-8")
    entry = "count: 7, nominated_by: la-greyshire, appointed_by: icp"
    assert text.count(entry) == 1
    text = text.replace(entry, f"count: {count}, nominated_by: la-greyshire, appointed_by: la-greyshire")
    report = check_text(text, "doc.yaml", entry_points=False)
    (doc,) = report.documents
    assert [(f.rule, f.line, f.column, f.path, f.message) for f in doc.findings] == [(
        "GOV803", 428, column, "/icp/members/3/appointed_by",
        f"'further Greyshire county councillors' are {shown} further members appointed by 'Greyshire County Council': "
        "each local authority appoints exactly one; further members are appointed by the partnership (substitutes are not members)",
    )]
    assert not [o for o in doc.outcomes if o.status == "error"]


def test_a_seat_whose_holder_may_be_in_a_broken_register_is_not_judged_vacant() -> None:
    """The chair's holder p-frere is defined at /people/0; with that entry's id written as a
    mapping the holder resolved to nobody, so GOV508 judged the quorum's required chair as
    vacant and failed, beside the GOV005 that said why."""
    from govcheck.api import settings
    from govcheck.rules import PROFILES

    text = CLUSTERED.read_text(encoding="utf-8")
    assert text.count("  - id: p-frere\n") == 1
    text = text.replace("  - id: p-frere\n", "  - id: {x: 1}\n")
    report = check_text(text, "doc.yaml", entry_points=False, settings=settings(profiles=PROFILES))
    (doc,) = report.documents
    assert [(f.rule, f.line, f.path) for f in doc.findings if f.rule.startswith("GOV0") or f.rule.startswith("GOV5")] == [
        ("GOV005", 148, "/people/0/id")
    ]
    outcome = next(o for o in doc.outcomes if o.rule == "GOV508")
    assert (outcome.status, outcome.detail) == (
        "not_applicable",
        "could not run: it reads /people/0/id, which is missing or not in the expected format (see GOV005)",
    )
