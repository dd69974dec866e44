"""`govcheck diff`: structural changes and the compliance delta, with exact expectations on
the fixture pairs in fixtures/diff/ (old side: base.yaml), from files and from git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from govcheck.check_command import cli_layer
from govcheck.diff import command
from govcheck.diff.amendment import Amendment
from govcheck.diff.changes import FieldChange
from govcheck.diff.compliance import fingerprint
from govcheck.findings import Finding
from tests.conftest import FIXTURES, ROOT, run_cli

DIFF = FIXTURES / "diff"
BASE = DIFF / "base.yaml"
SCHEMA = json.loads((ROOT / "govcheck" / "schemas" / "diff-v1.schema.json").read_text())
CASES = ("seat-added", "nominator-changed", "place-split", "merger", "reorder", "rename")
# The two findings of base.yaml, on m-ned-3 (/board/members/7): they persist unless fixed.
BASE_FINDINGS = [
    ("GOV207", "/board/members/7/checks/fit_and_proper"),
    ("GOV209", "/board/members/7/checks/disqualifications_clear"),
]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "govcheck tests",
    "GIT_AUTHOR_EMAIL": "tests@govcheck.invalid",
    "GIT_COMMITTER_NAME": "govcheck tests",
    "GIT_COMMITTER_EMAIL": "tests@govcheck.invalid",
}


def amend(case: str, old: Path = BASE, **options: Any) -> Amendment:
    cli = cli_layer(fail_on=options.get("fail_on"))
    return command.run(str(old), str(DIFF / f"{case}.yaml"), cli, no_plugins=True)


def triples(a: Amendment) -> list[tuple[str, str, str]]:
    assert a.changes is not None
    return [(c.kind, c.id, c.change) for c in a.changes]


def change(a: Amendment, kind: str, ident: str) -> Any:
    assert a.changes is not None
    return next(c for c in a.changes if (c.kind, c.id) == (kind, ident))


def found(findings: list[Finding]) -> list[tuple[str, str, int, str]]:
    return [(f.rule, f.path, f.line, f.message) for f in findings]


def persisting(a: Amendment) -> list[tuple[str, str, str]]:
    return [(p.new.rule, p.old.path, p.new.path) for p in a.delta.persisting]


# -- the fixture pairs ---------------------------------------------------------------------


def test_a_seat_added() -> None:
    a = amend("seat-added")
    assert triples(a) == [("members", "m-ned-4", "added"), ("people", "Nadia Rahman", "added")]
    seat = change(a, "members", "m-ned-4")
    assert seat.new_path == "/board/members/7" and seat.label == "Nadia Rahman"
    assert seat.snapshot["roles"] == ["non_executive"]
    assert seat.snapshot["voting"] is True
    assert seat.snapshot["appointment.appointed_by"] == "m-chair"
    assert change(a, "people", "Nadia Rahman").snapshot == {"holds": ["m-ned-4"]}
    assert found(a.delta.introduced) == [
        ("GOV111", "/board/members/7/appointment/procedure", 220,
         "'Nadia Rahman' (non-executive member) does not state appointment.procedure"),
        ("GOV502", "/board/quorum/min_count", 283,
         "the quorum is 6 of 12 voting members; it must be more than 0.5 of them (quorum_min_fraction), i.e. at least 7"),
    ]
    assert a.delta.resolved == []
    # m-ned-3 moved from /board/members/7 (line 224) to /board/members/8 (line 230): not new
    assert persisting(a) == [
        ("GOV207", "/board/members/7/checks/fit_and_proper", "/board/members/8/checks/fit_and_proper"),
        ("GOV209", "/board/members/7/checks/disqualifications_clear", "/board/members/8/checks/disqualifications_clear"),
    ]
    assert [(p.old.line, p.new.line) for p in a.delta.persisting] == [(224, 230), (224, 230)]
    assert [tuple(r) for r in a.delta.rules] == [("GOV111", "passed", "failed"), ("GOV502", "passed", "failed")]
    assert a.exit_code() == 1


def test_the_exit_code_comes_from_introduced_findings_only() -> None:
    # base.yaml's two warnings persist in every pair; alone they never fail a diff
    assert amend("rename").exit_code() == 0
    assert amend("nominator-changed", fail_on="error").exit_code() == 0  # its two introduced are warnings
    assert amend("seat-added", fail_on="error").exit_code() == 0  # both introduced are warnings
    assert amend("seat-added", fail_on="warning").exit_code() == 1
    assert [f.rule for f in amend("seat-added", fail_on="warning").failing] == ["GOV111", "GOV502"]
    assert amend("seat-added", fail_on="never").exit_code() == 0


def test_a_partner_members_nominator_changed() -> None:
    a = amend("nominator-changed")
    assert triples(a) == [("members", "m-partner-pc", "changed")]
    assert change(a, "members", "m-partner-pc").fields == (
        FieldChange(
            "appointment.nominated_by",
            ["pc-castleport-gps", "pc-westmere-pcns", "pc-harrow-gps", "pc-portbury-gps"],
            ["pc-castleport-gps", "pc-westmere-pcns", "pc-harrow-gps", "ft-coast-ambulance"],
            added=("ft-coast-ambulance",),
            removed=("pc-portbury-gps",),
        ),
    )
    # An ambulance trust may not nominate the primary medical services seat (GOV124, which owns
    # who may nominate a partner member), and Portbury, still eligible, no longer nominates (GOV112).
    seat = "/board/members/9/appointment/nominated_by"
    ambulance = "South Coast Ambulance Service NHS Foundation Trust"
    assert found(a.delta.introduced) == [
        ("GOV112", seat, 249,
         "'Dr Imran Siddiqui' holds the partner member nominated by primary medical services providers seat but is "
         "not recorded as jointly nominated: nominated by 3 of the 4 eligible organisations (not by Portbury Primary "
         "Care Partnership); list every eligible nominator under appointment.nominated_by, or state the joint "
         "process (appointment.joint_process)"),
        ("GOV124", f"{seat}/3", 249,
         f"{ambulance} may not nominate the primary care partner member (m-partner-pc): it is not a provider of "
         "primary medical services, and primary_care is not among its services"),
    ]
    assert a.delta.resolved == []
    assert [tuple(r) for r in a.delta.rules] == [
        ("GOV112", "passed", "failed"), ("GOV124", "passed", "failed"),
    ]
    assert [r for r, _, _ in persisting(a)] == ["GOV207", "GOV209"]
    assert a.exit_code() == 1


def test_a_place_split() -> None:
    a = amend("place-split")
    assert triples(a) == [
        ("places", "place-downsvale", "added"),
        ("places", "place-westmere", "removed"),
        ("places", "place-westmere-north", "added"),
        ("committees", "c-place-westmere", "changed"),
        ("accountabilities", "f-chc", "changed"),
    ]
    assert change(a, "places", "place-westmere").snapshot["local_authorities"] == ["la-westmere", "la-downsvale"]
    assert change(a, "places", "place-westmere").lineage == ("place-downsvale", "place-westmere-north")
    assert change(a, "places", "place-downsvale").lineage == ("place-westmere",)
    from govcheck.diff import wording

    assert wording.headline(change(a, "places", "place-westmere")) == (
        "place-westmere (Westmere) split into place-downsvale and place-westmere-north"
    )
    assert change(a, "places", "place-westmere-north").snapshot["local_authorities"] == ["la-westmere"]
    assert change(a, "places", "place-downsvale").snapshot["population"] == 180000
    assert change(a, "committees", "c-place-westmere").fields == (
        FieldChange("place", "place-westmere", "place-westmere-north"),
    )
    delegations = change(a, "accountabilities", "f-chc").fields
    assert [(f.field, f.added, f.removed) for f in delegations] == [
        ("delegated_to", ("place-downsvale", "place-westmere-north"), ("place-westmere",))
    ]
    assert found(a.delta.introduced) == [
        ("GOV302", "/places/1/partnership/members", 96,
         "the partnership for place 'Downsvale' lacks a mental health provider (mental_health_provider)"),
    ]
    assert a.delta.resolved == [] and [r for r, _, _ in persisting(a)] == ["GOV207", "GOV209"]
    assert a.exit_code() == 1


def test_a_merger_of_two_icbs_into_one() -> None:
    a = amend("merger")
    assert triples(a) == [
        ("document", "document", "changed"),
        ("icb", "icb", "changed"),
        ("organisations", "ft-downland", "added"),
        ("organisations", "hw-downland", "added"),
        ("organisations", "la-downland", "added"),
        ("organisations", "pc-downland-gps", "added"),
        ("members", "m-ned-3", "changed"),
        ("members", "m-ned-4", "added"),
        ("members", "m-partner-la", "changed"),
        ("members", "m-partner-pc", "changed"),
        ("members", "m-partner-trust", "changed"),
        ("people", "Ruth Ellison", "added"),
        ("quorum", "quorum", "changed"),
        ("places", "place-downland", "added"),
        ("icp", "icp", "changed"),
        ("icp_members", "icp-downland", "added"),
    ]
    document = {f.field: (f.old, f.new) for f in change(a, "document", "document").fields}
    assert document == {
        "as_of": ("2026-04-01", "2027-04-01"),
        "metadata.version": ("2.1", "3.0"),
        "metadata.status": ("approved", "draft"),
        "metadata.approved_by_nhse_on": ("2025-06-30", None),
        "ics.name": ("Wessex Coast Integrated Care System", "Wessex Coast and Downland Integrated Care System"),
    }
    icb = {f.field: f for f in change(a, "icb", "icb").fields}
    assert icb["name"].new == "NHS Wessex Coast and Downland Integrated Care Board"
    assert (icb["area.local_authorities"].added, icb["area.local_authorities"].removed) == (("la-downland",), ())
    nominators = {
        c.id: c.fields[0].added for c in a.changes or [] if c.kind == "members" and c.id.startswith("m-partner")
    }
    assert nominators == {
        "m-partner-la": ("la-downland",),
        "m-partner-pc": ("pc-downland-gps",),
        "m-partner-trust": ("ft-downland",),
    }
    assert change(a, "quorum", "quorum").fields == (FieldChange("min_count", 6, 7),)
    assert change(a, "places", "place-downland").snapshot["board_member"] == "m-ned-4"
    # the merged constitution records m-ned-3's checks: base.yaml's two findings are resolved
    assert a.delta.introduced == [] and a.delta.persisting == []
    assert [(f.rule, f.path) for f in a.delta.resolved] == BASE_FINDINGS
    assert [tuple(r) for r in a.delta.rules] == [("GOV207", "failed", "passed"), ("GOV209", "failed", "passed")]
    assert a.exit_code() == 0


def test_a_pure_reordering_reports_no_change() -> None:
    a = amend("reorder")
    assert a.changes == []
    assert a.delta.introduced == [] and a.delta.resolved == [] and a.delta.rules == []
    # every list is reversed, so m-ned-3 is now /board/members/3, on another line
    assert persisting(a) == [
        ("GOV207", "/board/members/7/checks/fit_and_proper", "/board/members/3/checks/fit_and_proper"),
        ("GOV209", "/board/members/7/checks/disqualifications_clear", "/board/members/3/checks/disqualifications_clear"),
    ]
    assert a.delta.persisting[0].old.line != a.delta.persisting[0].new.line
    assert a.exit_code() == 0


def test_a_renamed_id_is_a_rename() -> None:
    a = amend("rename")
    assert triples(a) == [("members", "m-ned-fairweather", "renamed")]
    renamed = change(a, "members", "m-ned-fairweather")
    assert (renamed.old_id, renamed.old_path, renamed.new_path) == ("m-ned-3", "/board/members/7", "/board/members/7")
    assert renamed.fields == ()
    # the committees, place and people that name m-ned-3 follow the rename: no other change;
    # its findings (whose paths become [m-ned-fairweather]) persist rather than churn
    assert [r for r, _, _ in persisting(a)] == ["GOV207", "GOV209"]
    assert a.delta.introduced == [] and a.delta.resolved == []


def test_a_rename_with_other_changes_is_removed_and_added() -> None:
    a = amend("seat-added", old=DIFF / "rename.yaml")
    # m-ned-fairweather -> m-ned-3 is a rename again; m-ned-4 is still a new seat
    assert triples(a) == [
        ("members", "m-ned-3", "renamed"),
        ("members", "m-ned-4", "added"),
        ("people", "Nadia Rahman", "added"),
    ]


# -- text, JSON and the command line ----------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_json_validates_against_the_published_schema(case: str) -> None:
    a = amend(case)
    data = json.loads(command.render(a, "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["exit_code"] == a.exit_code()
    assert data["counts"]["introduced"] == len(a.delta.introduced)


def test_published_schema_is_valid_and_printed_by_govcheck_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    result = run_cli("schema", "--diff")
    assert result.returncode == 0 and json.loads(result.stdout) == SCHEMA


def test_json_is_byte_identical_across_runs_and_hash_seeds() -> None:
    args = ("diff", str(BASE), str(DIFF / "merger.yaml"), "--format", "json", "--no-plugins")
    first = run_cli(*args, env={**os.environ, "PYTHONHASHSEED": "1"})
    second = run_cli(*args, env={**os.environ, "PYTHONHASHSEED": "2"})
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout


def test_text_output_of_the_command() -> None:
    result = run_cli("diff", str(BASE.relative_to(ROOT)), "fixtures/diff/nominator-changed.yaml", "--no-plugins")
    assert result.returncode == 1, result.stderr
    new = "fixtures/diff/nominator-changed.yaml"
    assert result.stdout == (
        "govcheck diff: fixtures/diff/base.yaml -> fixtures/diff/nominator-changed.yaml\n"
        "as of 2026-04-01 -> 2026-04-01; profiles statutory, nhse-policy\n"
        "\n"
        "structure: 1 change(s): 0 added, 0 removed, 1 changed, 0 renamed\n"
        "  Board seats\n"
        "    ~ m-partner-pc (Dr Imran Siddiqui) changed\n"
        "        nominators: + ft-coast-ambulance; - pc-portbury-gps\n"
        "\n"
        "compliance: 2 introduced, 0 resolved, 2 persisting\n"
        "  introduced:\n"
        f"    {new}:249:9: GOV112 warning 'Dr Imran Siddiqui' holds the partner member nominated by primary medical "
        "services providers seat but is not recorded as jointly nominated: nominated by 3 of the 4 eligible "
        "organisations (not by Portbury Primary Care Partnership); list every eligible nominator under "
        "appointment.nominated_by, or state the joint process (appointment.joint_process) [partner-joint-nomination]\n"
        f"    {new}:249:76: GOV124 warning South Coast Ambulance Service NHS Foundation Trust may not nominate the "
        "primary care partner member (m-partner-pc): it is not a provider of primary medical services, and "
        "primary_care is not among its services [partner-nominator-eligible]\n"
        "  rules whose outcome changed:\n"
        "    GOV112 partner-joint-nomination: passed -> failed\n"
        "    GOV124 partner-nominator-eligible: passed -> failed\n"
        "result: the amendment introduces 2 finding(s) at or above warning (fail-on warning)\n"
    )


def test_reordering_reads_as_no_change() -> None:
    result = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/reorder.yaml", "--no-plugins")
    assert result.returncode == 0
    assert "structure: no change\n" in result.stdout
    assert "compliance: 0 introduced, 0 resolved, 2 persisting\n" in result.stdout


def test_fail_on_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    result = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/place-split.yaml", "-f", "json", "-o", str(out),
                     "--no-plugins")
    assert (result.returncode, result.stdout) == (1, "")
    assert json.loads(out.read_text())["counts"]["failing"] == 1
    passed = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/place-split.yaml", "--fail-on", "error",
                     "--no-plugins")
    assert passed.returncode == 0
    assert passed.stdout.endswith("result: no new finding at or above error (fail-on error)\n")
    zero = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/place-split.yaml", "--exit-zero", "--no-plugins")
    assert zero.returncode == 0 and "(exit-zero)" in zero.stdout
    quiet = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/place-split.yaml", "-q", "--no-plugins")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (1, "", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.yaml", "fixtures/diff/base.yaml"),
         "govcheck: error: no such file: missing.yaml (for a version in git, give REVISION:PATH, e.g. HEAD~1:missing.yaml)\n"),
        (("fixtures/diff", "fixtures/diff/base.yaml"),
         "govcheck: error: fixtures/diff is not a file (give one constitution file on each side)\n"),
        (("fixtures/diff/base.yaml", "fixtures/diff/base.yaml", "-f", "sarif"),
         "govcheck: error: --format must be one of text, json, markdown, html, not 'sarif'\n"),
        (("fixtures/diff/base.yaml", "fixtures/diff/base.yaml", "--fail-on", "loud"),
         "govcheck: error: --fail-on must be one of error, warning, info, never, not 'loud'\n"),
    ],
)
def test_bad_arguments_are_one_line_errors(args: tuple[str, ...], message: str) -> None:
    result = run_cli("diff", *args, "--no-plugins")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_an_unreadable_side_is_findings_not_a_crash(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("govcheck: 1\nboard: [unclosed\n")
    result = run_cli("diff", str(BASE), str(broken), "--format", "json", "--no-plugins")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["structure"] == {
        "compared": False,
        "changes": [],
        "reason": f"{broken} could not be read as format v1 (see the findings), so its structure is not compared",
    }
    assert [f["rule"] for f in data["compliance"]["introduced"]] == ["GOV001"]
    assert [f["rule"] for f in data["compliance"]["resolved"]] == ["GOV207", "GOV209"]


# -- fingerprints -----------------------------------------------------------------------------


def _finding(message: str, path: str, line: int = 3) -> Finding:
    return Finding("GOV999", "x", "warning", message, "a.yaml", line, 1, path)


def test_fingerprint_ignores_lines_and_list_positions_but_not_content() -> None:
    old = {"board": {"members": [{"id": "a"}, {"id": "b"}]}}
    new = {"board": {"members": [{"id": "c"}, {"id": "a"}, {"id": "b"}]}}
    before = _finding("duplicate of line 12 at /board/members/1", "/board/members/1/roles", 40)
    after = _finding("duplicate of line 31  at /board/members/2", "/board/members/2/roles", 77)
    assert fingerprint(before, old) == fingerprint(after, new)
    assert fingerprint(before, old) != fingerprint(_finding("duplicate of line 12 at /board/members/1",
                                                             "/board/members/0/roles"), old)
    assert fingerprint(before, old) != fingerprint(before._replace(message="another message"), old)
    assert fingerprint(before, old) != fingerprint(before._replace(rule="GOV998"), old)
    # numbers standing alone are part of the skeleton's shape, not of its identity; ids and dates are not
    quorum = _finding("the quorum is 6 of 12 voting members; more than 0.5, i.e. at least 7", "/board/quorum/min_count")
    assert fingerprint(quorum, old) == fingerprint(quorum._replace(message=quorum.message.replace("12", "13")), new)
    assert fingerprint(_finding("m-ned-1 ends 2026-04-01", ""), old) != fingerprint(_finding("m-ned-2 ends 2026-04-01", ""), old)
    assert fingerprint(_finding("ends 2026-04-01", ""), old) != fingerprint(_finding("ends 2026-05-01", ""), old)
    # a renamed id is read as its new name on the old side
    renamed = {"board": {"members": [{"id": "a"}, {"id": "z"}]}}
    moved = _finding("member b", "/board/members/1")
    assert fingerprint(moved, old, {"b": "z"}) == fingerprint(moved._replace(message="member z"), renamed)


def test_a_finding_grouped_by_root_cause_keeps_its_fingerprint_when_its_places_are_reordered() -> None:
    # One cause in two places stands at the first in document order and lists the other:
    # reordering the list swaps which is first, and the finding still persists.
    old = {"board": {"members": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}}
    new = {"board": {"members": [{"id": "b"}, {"id": "a"}, {"id": "c"}]}}
    grouped = _finding("'x' is not defined anywhere in the document, and 2 places refer to it", "/board/members/0")
    at_a_and_b = grouped._replace(related=(("/board/members/1", 9, 5),))  # first a, then b
    at_b_and_a = at_a_and_b  # the same positions in the reordered list: first b, then a
    assert fingerprint(at_a_and_b, old) == fingerprint(at_b_and_a, new)
    at_a_and_c = grouped._replace(related=(("/board/members/2", 9, 5),))
    assert fingerprint(at_a_and_b, old) != fingerprint(at_a_and_c, old)


# -- git revisions ----------------------------------------------------------------------------


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A governance repository: base.yaml committed, then the seat-added amendment committed,
    then the nominator change staged but not committed, and the rename in the working tree."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("governance")
    _git("init", "-q", "-b", "main", cwd=repo)
    target = repo / "constitution.yaml"
    shutil.copy(BASE, target)
    _git("add", "constitution.yaml", cwd=repo)
    _git("commit", "-q", "-m", "constitution in force", cwd=repo)
    shutil.copy(DIFF / "seat-added.yaml", target)
    _git("commit", "-q", "-am", "a fourth non-executive", cwd=repo)
    shutil.copy(DIFF / "nominator-changed.yaml", target)
    _git("add", "constitution.yaml", cwd=repo)
    shutil.copy(DIFF / "rename.yaml", target)
    return repo


def _diff_json(*args: str, cwd: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli("diff", *args, "--format", "json", "--no-plugins", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_git_revisions_read_without_checkout(repo: Path) -> None:
    code, data = _diff_json("HEAD~1:constitution.yaml", "HEAD:constitution.yaml", cwd=repo)
    files = amend("seat-added").to_dict()
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert code == 1
    assert data["structure"] == files["structure"]
    assert data["counts"] == files["counts"]
    assert [f["fingerprint"] for f in data["compliance"]["introduced"]] == [
        f["fingerprint"] for f in files["compliance"]["introduced"]
    ]
    assert (data["old"]["source"], data["old"]["revision"], data["old"]["path"]) == (
        "HEAD~1:constitution.yaml", "HEAD~1", "constitution.yaml"
    )
    assert data["compliance"]["introduced"][0]["line"] == 220
    # nothing was checked out: the working tree still holds the rename
    assert (repo / "constitution.yaml").read_text() == (DIFF / "rename.yaml").read_text()


def test_branch_index_and_working_tree(repo: Path) -> None:
    _, staged = _diff_json("main:constitution.yaml", ":constitution.yaml", cwd=repo)
    # seat-added -> nominator-changed: the seat goes again, the nominator changes
    assert [(c["kind"], c["id"], c["change"]) for c in staged["structure"]["changes"]] == [
        ("members", "m-ned-4", "removed"),
        ("members", "m-partner-pc", "changed"),
        ("people", "Nadia Rahman", "removed"),
    ]
    assert staged["new"]["revision"] == ""
    _, working = _diff_json(":constitution.yaml", "constitution.yaml", cwd=repo)
    assert [(c["kind"], c["id"], c["change"]) for c in working["structure"]["changes"]] == [
        ("members", "m-ned-fairweather", "renamed"),
        ("members", "m-partner-pc", "changed"),
    ]
    assert working["new"]["revision"] is None


def test_a_file_that_exists_wins_over_a_revision(repo: Path, tmp_path: Path) -> None:
    odd = repo / "HEAD~1:constitution.yaml"
    shutil.copy(DIFF / "merger.yaml", odd)
    try:
        _, data = _diff_json("HEAD~1:constitution.yaml", "HEAD:constitution.yaml", cwd=repo)
    finally:
        odd.unlink()
    assert data["old"]["revision"] is None and data["old"]["as_of"] == "2027-04-01"


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("HEAD~9:constitution.yaml", "HEAD~9:constitution.yaml: no such git revision: HEAD~9"),
        ("nonesuch:constitution.yaml", "nonesuch:constitution.yaml: no such git revision: nonesuch"),
        ("HEAD:board.yaml",
         "HEAD:board.yaml: board.yaml does not exist in revision HEAD; paths are from the top of the repository, ./ for here"),
        ("HEAD:", "HEAD:: give a path after the colon (e.g. HEAD:constitution.yaml)"),
        ("HEAD~1:./", "HEAD~1:./ is a tree in git, not a file"),
        ("--upload-pack=x:c.yaml", "--upload-pack=x:c.yaml: '--upload-pack=x' is not a git revision"),
    ],
)
def test_bad_revisions_are_one_line_errors(repo: Path, old: str, message: str) -> None:
    result = run_cli("diff", "--no-plugins", "--", old, "constitution.yaml", cwd=repo)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"govcheck: error: {message}\n")


def test_a_revision_outside_a_repository(tmp_path: Path) -> None:
    shutil.copy(BASE, tmp_path / "constitution.yaml")
    result = run_cli("diff", "HEAD:constitution.yaml", "constitution.yaml", "--no-plugins",
                     cwd=tmp_path, env={**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert result.returncode == 2
    assert result.stderr == (
        "govcheck: error: no such file: HEAD:constitution.yaml, and not in a git repository "
        "to read it as REVISION:PATH\n"
    )


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_names_the_changes_and_the_delta() -> None:
    text = command.render(amend("place-split"), "markdown")
    assert text.startswith("## ❌ govcheck diff: introduces 1 finding(s) at or above warning\n")
    assert "| 5 | 2 | 1 | 2 | 0 | 1 | 0 | 2 |\n" in text
    assert "- 🗑️ place-westmere (Westmere) split into place-downsvale and place-westmere-north\n  - councils: la-westmere, la-downsvale\n" in text
    assert "- ✏️ c-place-westmere (Westmere Place Committee) changed\n  - place: place-westmere → place-westmere-north\n" in text
    assert (
        f"#### Introduced\n\n- 🟠 **GOV302** warning at `{DIFF}/place-split.yaml:96:7`: the partnership for "
        "place 'Downsvale' lacks a mental health provider (mental\\_health\\_provider)\n\n#### Resolved\n\nNone.\n"
    ) in text
    assert "<details><summary>Persisting (2)</summary>" in text
    assert "| GOV302 | Every place has a partnership with the core membership | passed | failed |\n" in text


def test_markdown_escapes_document_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text((DIFF / "seat-added.yaml").read_text().replace("Nadia Rahman", "<img src=x> @here [a](b)"))
    text = command.render(command.run(str(BASE), str(hostile), cli_layer(),
                                      no_plugins=True), "markdown")
    # the shared Markdown escaping (govcheck.reporters.markdown.escape): an @mention goes in a
    # code span, where GitHub does not notify
    assert "<img" not in text and "@here" not in text.replace("`@here`", "") and "[a](b)" not in text
    assert "&lt;img src=x&gt; `@here` \\[a\\](b) joins" in text


def test_markdown_fits_a_pull_request_comment(tmp_path: Path) -> None:
    import yaml
    from markdown_it import MarkdownIt

    data = yaml.safe_load(BASE.read_text())
    template = next(m for m in data["board"]["members"] if m["id"] == "m-ned-1")
    for i in range(900):  # 900 new non-executive seats, each without an appointment procedure
        seat = {**template, "id": f"m-extra-{i:03}", "name": f"Extra Member {i:03}"}
        seat["appointment"] = {"appointed_by": "m-chair", "first_appointed": "2026-01-01", "term_years": 3}
        data["board"]["members"].append(seat)
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(data, sort_keys=False))
    a = command.run(str(BASE), str(big), cli_layer(), no_plugins=True)
    from govcheck.diff import markdown_report

    assert len(markdown_report.full(a)) > markdown_report.LIMIT
    text = command.render(a, "markdown")
    assert len(text) <= markdown_report.LIMIT == 65_536
    assert "in summary form" in text
    assert "- Board seats: 900 added\n- People: 900 added\n" in text
    shown = text.count("- 🟠 **GOV111**")
    assert 0 < shown < 900
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<table>") == 1 and html.count("<li>") == shown + 3  # 2 kinds, the "... more" line
    assert summary_total(text) == len(a.delta.introduced)


def summary_total(text: str) -> int:
    """Findings listed in a summary plus the "... and N more" count."""
    import re

    listed = len(re.findall(r"^- [🔴🟠🔵] \*\*", text, flags=re.M))
    more = re.search(r"^- … and (\d+) more introduced finding", text, flags=re.M)
    return listed + (int(more.group(1)) if more else 0)


# -- HTML -------------------------------------------------------------------------------------


def _changed_seats(page: str) -> list[tuple[str, str]]:
    """(side, change) for every ringed seat, in page order."""
    import re

    out = []
    for side in ("old", "new"):
        start = page.index(f'data-side="{side}"')
        end = page.index("</svg>", start)
        out += [(side, c) for c in re.findall(r'<g class="seat"[^>]* data-change="([a-z]+)">', page[start:end])]
    return out


def test_html_draws_both_boards_and_rings_the_changed_seats() -> None:
    import re

    page = command.render(amend("seat-added"), "html")
    assert page.count('<svg class="board-svg"') == 2
    assert _changed_seats(page) == [("new", "added")]
    title = re.search(r'data-change="added"><title>([^<]*)</title>', page)
    assert title is not None and title.group(1) == (
        "Nadia Rahman: Non-executive member; voting; independent; 1 open finding(s); added by the amendment"
    )
    merger = command.render(amend("merger"), "html")
    assert sorted(_changed_seats(merger)) == sorted([("old", "changed")] * 4 + [("new", "changed")] * 4 + [("new", "added")])
    assert command.render(amend("reorder"), "html").count("data-change=") == 0
    rename = command.render(amend("rename"), "html")
    assert _changed_seats(rename) == [("old", "renamed"), ("new", "renamed")]
    assert '<li class="renamed" data-kind="members" data-id="m-ned-fairweather"><b>m-ned-3 renamed to' in rename


def test_html_escapes_document_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text((DIFF / "seat-added.yaml").read_text().replace("Nadia Rahman", "<script>alert(1)</script>"))
    page = command.render(command.run(str(BASE), str(hostile), cli_layer(),
                                      no_plugins=True), "html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; joins" in page


def test_diff_in_a_real_browser(tmp_path: Path) -> None:
    from tests.test_html_report import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, _chromium_or_skip

    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    out = tmp_path / "diff.html"
    result = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/merger.yaml", "-f", "html", "-o", str(out),
                     "--no-plugins")
    assert result.returncode == 0, result.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri())
            page.wait_for_load_state("load")
            old, new = page.locator("[data-side=old] svg.board-svg"), page.locator("[data-side=new] svg.board-svg")
            assert old.locator("g.seat").count() == 14 and new.locator("g.seat").count() == 15
            # side by side: the two pictures share a row, the old on the left
            a, b = old.bounding_box(), new.bounding_box()
            assert a is not None and b is not None
            assert a["x"] + a["width"] <= b["x"] and abs(a["y"] - b["y"]) < 1
            added = new.locator("g.seat[data-change=added] circle.seat-change")
            assert added.count() == 1
            assert added.get_attribute("stroke") == "#009639"
            assert new.locator("g.seat[data-change=changed]").count() == 4
            assert old.locator("g.seat[data-change]").count() == 4
            assert page.locator("ul[data-delta=resolved] li.finding").count() == 2
            assert page.locator("ul[data-delta=introduced] li.finding").count() == 0
            assert page.evaluate("document.querySelectorAll('script').length") == 0
            page.screenshot(path=str(ARTIFACTS / "diff.png"), full_page=True)
            # on a phone the pictures stack, and nothing is wider than the screen
            page.set_viewport_size({"width": 420, "height": 900})
            a, b = old.bounding_box(), new.bounding_box()
            assert a is not None and b is not None and a["y"] + a["height"] <= b["y"]
            assert page.evaluate("document.scrollingElement.scrollWidth") == 420
            assert requests == [out.as_uri()], requests
        finally:
            browser.close()
    assert (ARTIFACTS / "diff.png").stat().st_size > 10_000


# -- start-up ---------------------------------------------------------------------------------


def test_check_does_not_import_the_diff_package(tmp_path: Path) -> None:
    from tests.conftest import REFERENCE
    from tests.test_lazy_imports import _modules_after

    code, modules = _modules_after(tmp_path, "check", str(REFERENCE))
    assert code == 0 and "govcheck.engine" in modules
    assert sorted(m for m in modules if m.startswith("govcheck.diff")) == []
    code, modules = _modules_after(tmp_path, "diff", str(BASE), str(DIFF / "reorder.yaml"), "--no-plugins")
    assert code == 0 and "govcheck.diff.amendment" in modules  # the same probe sees it when used


# -- docs/diff.md: its example, its GitHub Actions step and its pre-commit hook -----------------


def _doc_blocks() -> dict[str, Any]:
    from tests.docs_blocks import blocks

    found = blocks(ROOT / "docs" / "diff.md")
    return {b.tags.get("file") or b.lang: b for b in found}


def test_the_docs_example_is_what_govcheck_prints() -> None:
    from tests.docs_blocks import console_steps

    ((cmd, expected, code),) = console_steps(_doc_blocks()["console"])
    assert cmd.startswith("govcheck diff ")
    result = run_cli(*cmd.split()[1:], "--no-plugins")
    assert (result.returncode, result.stdout.splitlines()) == (code, expected)


def _workflow_step(name: str) -> dict[str, Any]:
    import yaml

    workflow = yaml.safe_load(_doc_blocks()["constitution-diff.yml"].body)
    return next(s for s in workflow["jobs"]["diff"]["steps"] if s.get("name") == name)


@pytest.mark.parametrize(("case", "code"), [("place-split", "1"), ("reorder", "0")])
def test_the_github_actions_step_writes_the_comment_and_passes_on_the_exit_code(
    tmp_path: Path, case: str, code: str
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    step = _workflow_step("govcheck diff")
    assert step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    repo = tmp_path / "repo"
    repo.mkdir()
    _git("init", "-q", "-b", "main", cwd=repo)
    shutil.copy(BASE, repo / "constitution.yaml")
    _git("add", "constitution.yaml", cwd=repo)
    _git("commit", "-q", "-m", "in force", cwd=repo)
    _git("update-ref", "refs/remotes/origin/main", "HEAD", cwd=repo)  # what checkout fetches
    _git("checkout", "-q", "-b", "amendment", cwd=repo)
    shutil.copy(DIFF / f"{case}.yaml", repo / "constitution.yaml")
    _git("commit", "-q", "-am", "the amendment", cwd=repo)
    outputs = tmp_path / "github_output"
    outputs.write_text("")
    env = {
        **os.environ,
        "BASE_REF": "main",
        "GITHUB_OUTPUT": str(outputs),
        "PATH": f"{Path(shutil.which('govcheck') or ROOT / '.venv' / 'bin' / 'govcheck').parent}:{os.environ['PATH']}",
    }
    ran = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert outputs.read_text() == f"code={code}\n"
    comment = (repo / "diff.md").read_text()
    if code == "1":
        assert comment.startswith("## ❌ govcheck diff: introduces 1 finding(s) at or above warning\n")
        assert "`origin/main:constitution.yaml` → `constitution.yaml`" in comment
        assert "**GOV302** warning at `constitution.yaml:96:7`" in comment
    else:
        assert comment.startswith("## ✅ govcheck diff: no new finding at or above warning\n")
        assert "No change to the board" in comment
    assert (repo / "diff.html").read_text().startswith("<!DOCTYPE html>")
    fail = _workflow_step("fail when the change introduces findings")
    assert fail["if"] == "steps.diff.outputs.code != '0'" and fail["run"] == 'exit "$CODE"'


@pytest.fixture(scope="module")
def precommit_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("precommit-diff")
    _git("init", "-q", "-b", "main", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(_doc_blocks()[".pre-commit-config.yaml"].body)
    shutil.copy(BASE, repo / "constitution.yaml")
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "in force", cwd=repo)
    return repo


def _precommit(repo: Path, amendment: str, home: Path) -> subprocess.CompletedProcess[str]:
    import sys

    shutil.copy(DIFF / f"{amendment}.yaml", repo / "constitution.yaml")
    _git("add", "constitution.yaml", cwd=repo)
    venv_bin = Path(sys.executable).parent
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
           "PATH": f"{venv_bin}:{os.environ['PATH']}"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_precommit_hook_refuses_a_change_that_introduces_a_finding(
    precommit_repo: Path, tmp_path: Path
) -> None:
    import re

    result = _precommit(precommit_repo, "place-split", tmp_path / "home")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^govcheck diff \(what this commit changes\)\.+Failed$", result.stdout, re.M), result.stdout
    assert "govcheck diff: HEAD:constitution.yaml -> constitution.yaml" in result.stdout
    assert "    - place-westmere (Westmere) split into place-downsvale and place-westmere-north" in result.stdout
    assert "constitution.yaml:96:7: GOV302 warning the partnership for place 'Downsvale'" in result.stdout


def test_the_precommit_hook_shows_and_passes_a_harmless_change(precommit_repo: Path, tmp_path: Path) -> None:
    import re

    result = _precommit(precommit_repo, "rename", tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^govcheck diff \(what this commit changes\)\.+Passed$", result.stdout, re.M), result.stdout
    assert "    = m-ned-3 renamed to m-ned-fairweather (Colin Fairweather)\n" in result.stdout  # verbose: shown


def test_an_introduced_finding_that_is_waived_does_not_fail(tmp_path: Path) -> None:
    waived = tmp_path / "waived.yaml"
    waived.write_text(
        (DIFF / "place-split.yaml").read_text()
        + "\nwaivers:\n  - rule: GOV302\n    path: /places/1/partnership/members\n"
        "    reason: the mental health trust joins Downsvale's partnership in April\n"
    )
    a = command.run(str(BASE), str(waived), cli_layer(), no_plugins=True)
    assert [(f.rule, f.status) for f in a.delta.introduced] == [("GOV302", "waived")]
    assert [tuple(r) for r in a.delta.rules] == [("GOV302", "passed", "waived")]
    assert a.failing == [] and a.exit_code() == 0
    assert ("provisions", "waivers", "added") in triples(a)
    audit = command.run(str(BASE), str(waived), cli_layer(no_waivers=True),
                        no_plugins=True)
    assert [(f.rule, f.status) for f in audit.delta.introduced] == [("GOV302", "open")]
    assert audit.exit_code() == 1


def test_a_seat_whose_holder_role_vote_and_appointer_change(tmp_path: Path) -> None:
    from govcheck.diff import wording

    text = BASE.read_text()
    text = text.replace("      name: Graham Osei\n      roles: [non_executive]\n      voting: true\n",
                        "      name: Ifeoma Adeyemi\n      roles: [non_executive, deputy_chair]\n      voting: false\n")
    text = text.replace("appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: "
                        "2022-07-01, term_years: 3}\n      interests:",
                        "appointment: {appointed_by: nhse, procedure: Constitution section 3.9, first_appointed: "
                        "2022-07-01, term_years: 3}\n      interests:")
    new = tmp_path / "new.yaml"
    new.write_text(text)
    a = command.run(str(BASE), str(new), cli_layer(), no_plugins=True)
    assert triples(a)[:3] == [
        ("members", "m-ned-1", "changed"),
        ("people", "Graham Osei", "removed"),
        ("people", "Ifeoma Adeyemi", "added"),
    ]
    seat = change(a, "members", "m-ned-1")
    assert wording.details(seat) == [
        "holder: Graham Osei -> Ifeoma Adeyemi",
        "roles: + deputy_chair",
        "voting: yes -> no",
        "appointer: m-chair -> nhse",
    ]
    assert wording.headline(change(a, "people", "Graham Osei")) == "Graham Osei leaves"
    assert wording.headline(change(a, "people", "Ifeoma Adeyemi")) == "Ifeoma Adeyemi joins"


def test_the_configuration_of_the_repository_applies(repo: Path) -> None:
    (repo / ".govcheck.toml").write_text('fail-on = "error"\nignore = ["GOV502"]\n')
    try:
        result = run_cli("diff", "HEAD~1:constitution.yaml", "HEAD:constitution.yaml", "--no-plugins", cwd=repo)
    finally:
        (repo / ".govcheck.toml").unlink()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "compliance: 1 introduced, 0 resolved, 2 persisting\n" in result.stdout  # GOV111 only
    assert result.stdout.endswith("result: no new finding at or above error (fail-on error)\n")


def test_a_finding_whose_numbers_change_persists_with_its_new_message(tmp_path: Path) -> None:
    second = (DIFF / "seat-added.yaml").read_text().replace(
        "    - id: m-ned-3\n",
        "    - id: m-ned-5\n      name: Tariq Hussain\n      roles: [non_executive]\n      voting: true\n"
        "      employee_of_icb: false\n"
        "      appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2026-09-01}\n"
        "      checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}\n"
        "    - id: m-ned-3\n",
    )
    new = tmp_path / "two-seats.yaml"
    new.write_text(second)
    a = command.run(str(DIFF / "seat-added.yaml"), str(new), cli_layer(), no_plugins=True)
    assert triples(a) == [("members", "m-ned-5", "added"), ("people", "Tariq Hussain", "added")]
    assert a.delta.introduced == [] and a.delta.resolved == []
    quorum = next(p for p in a.delta.persisting if p.new.rule == "GOV502")
    assert "6 of 12 voting members" in quorum.old.message and "6 of 13 voting members" in quorum.new.message
    assert a.exit_code() == 0
    text = command.render(a, "text")
    assert "  persisting, with a new message:\n" in text
    assert "GOV502 warning the quorum is 6 of 13 voting members;" in text and "(was: the quorum is 6 of 12" in text


def test_as_of_judges_both_sides_at_one_date_and_the_documents_dates_still_show() -> None:
    result = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/merger.yaml", "--as-of", "2028-01-01",
                     "-f", "json", "--no-plugins")
    data = json.loads(result.stdout)
    assert (data["old"]["as_of"], data["new"]["as_of"]) == ("2028-01-01", "2028-01-01")
    document = next(c for c in data["structure"]["changes"] if c["kind"] == "document")
    assert {"field": "as_of", "old": "2026-04-01", "new": "2027-04-01"} in document["fields"]


def test_new_collections_and_fields_of_the_model_are_compared_without_changing_the_diff() -> None:
    """What a newer format adds (seats with holders and vacancies, a register of people)
    shows up through the typed model alone: here, a model with two collections it has never seen."""
    from typing import NamedTuple

    from govcheck.diff.changes import compare
    from govcheck.diff.entities import entities

    class Seat(NamedTuple):
        path: str
        id: str
        role: str
        holder: str | None
        vacant: bool

    class Person(NamedTuple):
        path: str
        id: str
        name: str

    class Model(NamedTuple):
        data: dict[str, Any]
        seats: tuple[Seat, ...]
        people: tuple[Person, ...]

    old = Model({"seats": [], "people": []},
                (Seat("/seats/0", "s-chair", "chair", "p-1", False), Seat("/seats/1", "s-ned-1", "non_executive", None, True)),
                (Person("/people/0", "p-1", "Helen Ashworth"),))
    new = Model({"seats": [], "people": []},
                (Seat("/seats/0", "s-ned-1", "non_executive", "p-2", False), Seat("/seats/1", "s-chair", "chair", "p-1", False)),
                (Person("/people/0", "p-1", "Helen Ashworth"), Person("/people/1", "p-2", "Ama Mensah")))
    changes = compare(entities(old), entities(new))  # type: ignore[arg-type]
    assert [(c.kind, c.id, c.change) for c in changes] == [
        ("people", "p-2", "added"),
        ("seats", "s-ned-1", "changed"),
    ]
    assert changes[1].fields == (FieldChange("holder", None, "p-2"), FieldChange("vacant", True, False))


def test_two_places_merged_into_one(tmp_path: Path) -> None:
    import yaml

    from govcheck.diff import wording

    data = yaml.safe_load(BASE.read_text())
    harrow, portbury = (next(p for p in data["places"] if p["id"] == i) for i in ("place-harrow", "place-portbury"))
    merged = {**portbury, "id": "place-solent-islands", "name": "Solent and Islands",
              "local_authorities": ["la-harrow", "la-portbury"], "population": 567000}
    data["places"] = [p for p in data["places"] if p not in (harrow, portbury)] + [merged]
    new = tmp_path / "merged.yaml"
    new.write_text(yaml.safe_dump(data, sort_keys=False))
    a = command.run(str(BASE), str(new), cli_layer(), no_plugins=True)
    places = [c for c in a.changes or [] if c.kind == "places"]
    assert [(c.id, c.change, c.lineage) for c in places] == [
        ("place-harrow", "removed", ("place-solent-islands",)),
        ("place-portbury", "removed", ("place-solent-islands",)),
        ("place-solent-islands", "added", ("place-harrow", "place-portbury")),
    ]
    assert wording.headline(places[2]) == (
        "place-solent-islands (Solent and Islands) added, merging place-harrow and place-portbury"
    )
    assert wording.headline(places[0]) == "place-harrow (Isle of Harrow) replaced by place-solent-islands"
    data_json = a.to_dict()["structure"]["changes"]
    assert next(c for c in data_json if c["id"] == "place-solent-islands")["predecessors"] == ["place-harrow", "place-portbury"]


def test_several_formats_from_one_comparison(tmp_path: Path) -> None:
    md, page = tmp_path / "diff.md", tmp_path / "diff.html"
    result = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/place-split.yaml", "-f", f"markdown:{md}",
                     "-f", f"html:{page}", "-f", "text", "--no-plugins")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("govcheck diff: fixtures/diff/base.yaml -> fixtures/diff/place-split.yaml\n")
    assert md.read_text().startswith("## ❌ govcheck diff: introduces 1 finding(s)")
    assert page.read_text().startswith("<!DOCTYPE html>")
    two = run_cli("diff", "fixtures/diff/base.yaml", "fixtures/diff/base.yaml", "-f", "text", "-f", "json")
    assert (two.returncode, two.stderr) == (
        2, "govcheck: error: only one --format can go to standard output; give the others a file "
        "(--format sarif:out.sarif)\n"
    )


def test_a_redraft_for_the_health_bill_judged_under_either_law() -> None:
    """--law reaches the diff as it reaches check: the reference redrafted for the Health Bill
    2026 (issue 13) resolves the Bill's rules under --law health-bill-2026, and introduces
    the breaches of the law in force without it."""
    old, new = "fixtures/valid/reference.yaml", "fixtures/valid/health-bill-2026.yaml"
    bill = run_cli("diff", old, new, "--no-plugins", "-f", "json", "--law", "health-bill-2026")
    assert bill.returncode == 0, bill.stderr
    delta = json.loads(bill.stdout)["compliance"]
    assert sorted({f["rule"] for f in delta["resolved"]}) == ["GOV153", "GOV154", "GOV155"]
    assert delta["introduced"] == []
    now = run_cli("diff", old, new, "--no-plugins", "-f", "json")
    assert now.returncode == 1
    introduced = json.loads(now.stdout)["compliance"]["introduced"]
    assert sorted({f["rule"] for f in introduced}) == ["GOV101", "GOV107", "GOV108", "GOV109"]
    unknown = run_cli("diff", old, new, "--no-plugins", "--law", "nope")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == "govcheck: error: --law must be one of nhs-act-2006-sch1b, health-bill-2026, not 'nope'\n"
