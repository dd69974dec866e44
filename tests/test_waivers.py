"""Waivers in the document: waived findings, their reasons, and waivers that are findings."""

from __future__ import annotations

import datetime as dt
import json

from govcheck import check_file
from govcheck import waivers as waiver_module
from tests.conftest import run_cli
from tests.docs_helper import DOWNSVALE_UNPLACED, NO_VOICE_CASTLEPORT, NO_VOICE_WESTMERE, write_doc

GOOD_WAIVER = """\
  - rule: place-coverage
    path: /icb/area/local_authorities
    reason: Downsvale joins a place in the 2027 boundary review
    approver: ICB board, 12 March 2026
    expires: 2027-03-31
"""


def _doc(report):
    (doc,) = report.to_dict()["documents"]
    return doc


def _outcome(doc, rule):
    return next(o for o in doc["outcomes"] if o["rule"] == rule)


def test_waived_finding_carries_reason_approver_expiry_and_pointer(tmp_path):
    path = write_doc(tmp_path / "c.yaml", DOWNSVALE_UNPLACED, waivers=GOOD_WAIVER)
    report = check_file(path)
    (finding,) = report.findings
    assert (finding.rule, finding.path, finding.line) == ("GOV301", "/icb/area/local_authorities/1", 24)
    assert finding.status == "waived"
    assert finding.waiver_reason == "Downsvale joins a place in the 2027 boundary review"
    assert finding.waiver_approver == "ICB board, 12 March 2026"
    assert finding.waiver_expires == "2027-03-31"
    assert finding.waiver_path == "/waivers/0"
    doc = _doc(report)
    assert _outcome(doc, "GOV301") == {
        "rule": "GOV301",
        "status": "waived",
        "detail": "Downsvale joins a place in the 2027 boundary review",
    }
    assert _outcome(doc, "GOV010")["status"] == "passed"
    assert report.counts()["waived"] == 1
    assert report.exit_code() == 0


def test_waived_shows_in_text_and_json(tmp_path):
    path = write_doc(tmp_path / "c.yaml", DOWNSVALE_UNPLACED, waivers=GOOD_WAIVER)
    text = run_cli("check", str(path))
    assert text.returncode == 0, text.stdout + text.stderr
    assert (
        f"{path}:24:38: GOV301 warning local authority 'Downsvale District Council' is in the ICB "
        "area but belongs to no place [place-coverage] "
        "[waived: Downsvale joins a place in the 2027 boundary review]"
    ) in text.stdout
    assert "; 1 waived" in text.stdout
    out = run_cli("check", str(path), "--format", "json")
    (finding,) = json.loads(out.stdout)["documents"][0]["findings"]
    assert finding["status"] == "waived"
    assert finding["waiver_reason"] == "Downsvale joins a place in the 2027 boundary review"
    assert finding["waiver_path"] == "/waivers/0"


def test_waiver_covers_only_its_rule_and_paths_under_it(tmp_path):
    waivers = "  - {rule: GOV302, path: /places/0, reason: Healthwatch Westmere joins in May}\n"
    path = write_doc(tmp_path / "c.yaml", NO_VOICE_WESTMERE, NO_VOICE_CASTLEPORT, DOWNSVALE_UNPLACED, waivers=waivers)
    report = check_file(path)
    by_path = {(f.rule, f.path): f.status for f in report.findings}
    assert by_path == {
        ("GOV302", "/places/0/partnership/members"): "waived",
        ("GOV302", "/places/1/partnership/members"): "open",
        ("GOV301", "/icb/area/local_authorities/1"): "open",
    }
    # One of GOV302's two findings is still open, so the rule has failed, not been waived.
    assert _outcome(_doc(report), "GOV302")["status"] == "failed"
    assert report.exit_code() == 1


def test_path_prefix_must_end_at_a_segment(tmp_path):
    # /places/1 must not cover /places/10..., and /place must not cover /places.
    waivers = "  - {rule: GOV302, path: /place, reason: too short a prefix}\n"
    path = write_doc(tmp_path / "c.yaml", NO_VOICE_WESTMERE, waivers=waivers)
    report = check_file(path)
    statuses = sorted((f.rule, f.status, f.path) for f in report.findings)
    assert statuses == [
        ("GOV010", "open", "/waivers/0"),
        ("GOV302", "open", "/places/0/partnership/members"),
    ]


def test_empty_path_covers_the_whole_document(tmp_path):
    waivers = '  - {rule: place-partnership-core-membership, path: "", reason: whole document}\n'
    path = write_doc(tmp_path / "c.yaml", NO_VOICE_WESTMERE, NO_VOICE_CASTLEPORT, waivers=waivers)
    assert {f.status for f in check_file(path).findings} == {"waived"}


def test_invalid_waivers_are_findings_and_waive_nothing(tmp_path):
    waivers = """\
  - {rule: GOV302, path: /places/0}
  - {rule: GOV302, path: /places/0, reason: "   "}
  - {rule: GOV399, path: /places, reason: typo in the rule id}
  - {rule: GOV301, path: /icb, reason: renewed every year, expires: 2026-03-31}
  - {rule: waiver-unused, path: /waivers, reason: cannot waive the waiver rules}
"""
    path = write_doc(tmp_path / "c.yaml", NO_VOICE_WESTMERE, DOWNSVALE_UNPLACED, waivers=waivers)
    report = check_file(path)  # the document's as_of is 2026-04-01
    got = [(f.rule, f.path, f.message, f.status) for f in report.findings if f.rule in ("GOV009", "GOV010")]
    assert got == [
        ("GOV009", "/waivers/0", "waiver for GOV302 at /places/0 gives no reason; a reason is required", "open"),
        ("GOV009", "/waivers/1", "waiver for GOV302 at /places/0 gives no reason; a reason is required", "open"),
        ("GOV009", "/waivers/2/rule", "waiver names unknown rule 'GOV399'", "open"),
        ("GOV009", "/waivers/3/expires", "waiver for GOV301 at /icb expired on 2026-03-31 (as of 2026-04-01)", "open"),
        ("GOV009", "/waivers/4/rule", "waiver names GOV010 (waiver-unused), which cannot be waived", "open"),
    ]
    # Nothing was waived: the findings the invalid waivers named stay open.
    assert {f.status for f in report.findings} == {"open"}
    lines = [f.line for f in report.findings if f.rule == "GOV009"]
    first = len(path.read_text().splitlines()) - 4  # the waivers are the last five lines
    assert lines == [first, first + 1, first + 2, first + 3, first + 4]


def test_expiry_is_judged_against_as_of_never_the_clock(tmp_path, monkeypatch):
    waivers = "  - {rule: GOV301, path: /icb, reason: review pending, expires: 2026-06-30}\n"
    path = write_doc(tmp_path / "c.yaml", DOWNSVALE_UNPLACED, waivers=waivers)
    before = run_cli("check", str(path), "--as-of", "2026-06-30")
    assert before.returncode == 0, before.stdout
    after = run_cli("check", str(path), "--as-of", "2026-07-01")
    assert after.returncode == 1
    assert "GOV009 error waiver for GOV301 at /icb expired on 2026-06-30 (as of 2026-07-01)" in after.stdout
    # Without any as-of date (none in the document, none given), expiry is judged against
    # the run date: never skipped (issue 14 item 8).
    undated = tmp_path / "undated.yaml"
    undated.write_text(path.read_text().replace("as_of: 2026-04-01\n", ""))
    monkeypatch.setattr(waiver_module, "run_date", lambda: dt.date(2026, 6, 30))
    report = check_file(undated)
    assert [(f.rule, f.status) for f in report.findings] == [("GOV301", "waived")]
    monkeypatch.setattr(waiver_module, "run_date", lambda: dt.date(2026, 7, 1))
    report = check_file(undated)
    assert [(f.rule, f.status) for f in report.findings] == [("GOV301", "open"), ("GOV009", "open")]
    assert report.findings[1].message == (
        "waiver for GOV301 at /icb expired on 2026-06-30 (as of 2026-07-01, the run date)"
    )


def test_unused_waiver_only_when_its_rule_ran(tmp_path):
    waivers = "  - {rule: GOV302, path: /places/3, reason: fixed last month}\n"
    path = write_doc(tmp_path / "c.yaml", waivers=waivers)
    result = run_cli("check", str(path))
    assert result.returncode == 1
    line = len(path.read_text().splitlines())
    assert (
        f"{path}:{line}:5: GOV010 warning waiver for GOV302 at /places/3 matches no finding; "
        "remove it [waiver-unused]"
    ) in result.stdout
    # GOV302 not run (ignored): the waiver cannot be judged, so it is not reported.
    quiet = run_cli("check", str(path), "--ignore", "GOV302")
    assert quiet.returncode == 0, quiet.stdout


def test_no_waivers_ignores_them_for_audits(tmp_path):
    waivers = GOOD_WAIVER + "  - {rule: GOV999, path: /board, reason: x}\n"
    path = write_doc(tmp_path / "c.yaml", DOWNSVALE_UNPLACED, waivers=waivers)
    result = run_cli("check", str(path), "--no-waivers", "--format", "json")
    assert result.returncode == 1
    doc = json.loads(result.stdout)["documents"][0]
    assert [(f["rule"], f["status"]) for f in doc["findings"]] == [("GOV301", "open")]
    assert _outcome(doc, "GOV009") == {
        "rule": "GOV009",
        "status": "not_applicable",
        "detail": "waivers are ignored (--no-waivers)",
    }
    assert json.loads(result.stdout)["config"]["no_waivers"] is True


def test_trailing_slash_and_root_pointer(tmp_path):
    waivers = "  - {rule: GOV302, path: /places/0/, reason: trailing slash}\n  - {rule: GOV301, path: /, reason: root}\n"
    path = write_doc(tmp_path / "c.yaml", NO_VOICE_WESTMERE, DOWNSVALE_UNPLACED, waivers=waivers)
    report = check_file(path)
    assert sorted((f.rule, f.status, f.waiver_path) for f in report.findings) == [
        ("GOV301", "waived", "/waivers/1"),
        ("GOV302", "waived", "/waivers/0"),
    ]
