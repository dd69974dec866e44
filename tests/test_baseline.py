"""Baselines: adopt govcheck on an imperfect draft and fail only on new findings."""

from __future__ import annotations

import json
import os

from govcheck.engine import fingerprint, stable_path
from tests.conftest import run_cli
from tests.docs_helper import DOWNSVALE_UNPLACED, NO_VOICE_CASTLEPORT, NO_VOICE_WESTMERE, write_doc


def _findings(result):
    return {(f["rule"], f["path"]): (f["status"], f["baseline"]) for f in json.loads(result.stdout)["documents"][0]["findings"]}


def test_baseline_written_then_only_new_findings_fail(tmp_path):
    doc = write_doc(tmp_path / "repo" / "constitution.yaml", NO_VOICE_WESTMERE)
    out = tmp_path / "repo" / "baseline.json"
    made = run_cli("baseline", str(doc), "--output", str(out))
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"wrote 1 finding(s) from 1 document(s) to {out}\n"
    data = json.loads(out.read_text())
    assert data["format"] == "govcheck-baseline" and data["version"] == 1
    assert [(e["rule"], e["path"]) for e in data["findings"]] == [("GOV302", "/places/0/partnership/members")]
    assert list(tmp_path.joinpath("repo").glob(".*.tmp")) == []  # atomic write left no temporary file

    same = run_cli("check", str(doc), "--baseline", str(out), "--format", "json")
    assert same.returncode == 0, same.stdout
    assert _findings(same) == {("GOV302", "/places/0/partnership/members"): ("baselined", "baselined")}
    assert json.loads(same.stdout)["counts"]["baselined"] == 1

    # A new finding of the same rule elsewhere is new, and fails the run.
    write_doc(doc, NO_VOICE_WESTMERE, NO_VOICE_CASTLEPORT)
    more = run_cli("check", str(doc), "--baseline", str(out), "--format", "json")
    assert more.returncode == 1
    assert _findings(more) == {
        ("GOV302", "/places/0/partnership/members"): ("baselined", "baselined"),
        ("GOV302", "/places/1/partnership/members"): ("open", "new"),
    }


def test_inserting_lines_and_list_items_above_keeps_a_finding_baselined(tmp_path):
    doc = write_doc(tmp_path / "constitution.yaml", NO_VOICE_CASTLEPORT)
    out = tmp_path / "baseline.json"
    assert run_cli("baseline", str(doc), "-o", str(out)).returncode == 0
    text = doc.read_text()
    # Lines inserted near the top, and a new place inserted *before* Castleport (index 1 -> 2).
    new_place = (
        "  - id: place-new\n    name: Newtown\n    local_authorities: []\n"
        "    partnership:\n      name: Newtown Partnership\n      members:\n"
        "        - {type: primary_care_leadership, organisation: pc-westmere-pcns}\n"
        "        - {type: local_authority, organisation: la-westmere}\n"
        "        - {type: acute_provider, organisation: ft-wessex-hospitals}\n"
        "        - {type: community_provider, organisation: trust-solent-care}\n"
        "        - {type: mental_health_provider, organisation: trust-solent-care}\n"
        "        - {type: people_voice, organisation: hw-westmere}\n"
        "        - {type: public_health, name: Newtown Director of Public Health}\n"
        "    board_representation: {route: non_executive_link, member: m-ned-2}\n"
    )
    text = text.replace("as_of: 2026-04-01\n", "as_of: 2026-04-01\n# a comment\n# and another\n\n")
    text = text.replace("  - id: place-castleport\n", new_place + "  - id: place-castleport\n")
    doc.write_text(text)
    result = run_cli("check", str(doc), "--baseline", str(out), "--format", "json")
    assert result.returncode == 0, result.stdout
    assert _findings(result) == {("GOV302", "/places/2/partnership/members"): ("baselined", "baselined")}


def test_baseline_works_from_another_working_directory(tmp_path):
    repo = tmp_path / "repo"
    doc = write_doc(repo / "drafts" / "constitution.yaml", NO_VOICE_WESTMERE)
    (repo / ".govcheck.toml").write_text('baseline = "govcheck-baseline.json"\n')
    made = run_cli("baseline", "drafts", cwd=repo)  # default output: the configured baseline
    assert made.returncode == 0, made.stderr
    assert (repo / "govcheck-baseline.json").is_file()
    # Run from elsewhere, naming the document by another (absolute) path.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("check", str(doc), "--format", "json", cwd=elsewhere)
    assert result.returncode == 0, result.stdout
    assert _findings(result) == {("GOV302", "/places/0/partnership/members"): ("baselined", "baselined")}


def test_baseline_without_configuration_is_relative_to_the_baseline_file(tmp_path):
    doc = write_doc(tmp_path / "a" / "constitution.yaml", NO_VOICE_WESTMERE)
    out = tmp_path / "a" / "b.json"
    assert run_cli("baseline", "constitution.yaml", "-o", "b.json", cwd=tmp_path / "a").returncode == 0
    result = run_cli("check", str(doc), "--baseline", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_baseline_counts_identical_fingerprints(tmp_path):
    # Two waivers with no reason give two GOV009 findings; baseline one of them only.
    waivers = "  - {rule: GOV302, path: /places/0}\n"
    doc = write_doc(tmp_path / "c.yaml", waivers=waivers)
    out = tmp_path / "b.json"
    assert run_cli("baseline", str(doc), "-o", str(out)).returncode == 0
    write_doc(doc, waivers=waivers + waivers)
    result = run_cli("check", str(doc), "--baseline", str(out), "--format", "json")
    assert result.returncode == 1
    found = json.loads(result.stdout)["documents"][0]["findings"]
    assert sorted(f["baseline"] for f in found if f["rule"] == "GOV009") == ["baselined", "new"]


def test_waived_findings_are_not_written_to_a_baseline(tmp_path):
    waivers = "  - {rule: GOV301, path: /icb, reason: agreed}\n"
    doc = write_doc(tmp_path / "c.yaml", DOWNSVALE_UNPLACED, NO_VOICE_WESTMERE, waivers=waivers)
    out = tmp_path / "b.json"
    assert run_cli("baseline", str(doc), "-o", str(out)).stdout.startswith("wrote 1 finding(s)")
    assert [e["rule"] for e in json.loads(out.read_text())["findings"]] == ["GOV302"]


def test_bad_baseline_files_exit_2_with_a_message(tmp_path):
    doc = write_doc(tmp_path / "c.yaml")
    missing = run_cli("check", str(doc), "--baseline", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert missing.stderr == (
        f"govcheck: error: baseline {tmp_path / 'nope.json'}: no such file "
        "(create it with `govcheck baseline`)\n"
    )
    bad = tmp_path / "bad.json"
    bad.write_text('{"findings": []}')
    wrong = run_cli("check", str(doc), "--baseline", str(bad))
    assert wrong.returncode == 2
    assert wrong.stderr == f'govcheck: error: baseline {bad}: not a govcheck baseline (no "format": "govcheck-baseline")\n'
    bad.write_text("{nope")
    assert "not JSON" in run_cli("check", str(doc), "--baseline", str(bad)).stderr


def test_fingerprint_ignores_lines_and_whitespace_but_not_values():
    a = fingerprint("GOV002", "c.yaml", "/board", "duplicate key 'x': also defined at line 3, column 5")
    b = fingerprint("GOV002", "c.yaml", "/board", "duplicate key 'x':  also defined at line 30, column 7")
    assert a == b
    assert a != fingerprint("GOV002", "c.yaml", "/board", "duplicate key 'y': also defined at line 3, column 5")
    assert a != fingerprint("GOV002", "d.yaml", "/board", "duplicate key 'x': also defined at line 3, column 5")
    assert a != fingerprint("GOV003", "c.yaml", "/board", "duplicate key 'x': also defined at line 3, column 5")


def test_stable_path_names_list_items_by_id_or_text():
    data = {"board": {"members": [{"id": "m-1", "roles": ["chair", "x"]}, {"name": "no id"}]}}
    assert stable_path(data, "/board/members/0/roles/1") == "/board/members/[m-1]/roles/[=x]"
    assert stable_path(data, "/board/members/1/name") == "/board/members/1/name"
    assert stable_path(data, "/board/members/7") == "/board/members/7"
    assert stable_path(None, "/a/0") == "/a/0"


def test_no_baseline_is_written_when_a_rule_could_not_be_evaluated(tmp_path):
    (tmp_path / "boom.py").write_text(
        "from govcheck import check, hookimpl\n\n\n"
        '@check("local.boom")\n'
        "def boom(doc, params):\n"
        '    raise RuntimeError("broken check")\n\n\n'
        "@hookimpl\n"
        "def govcheck_register_checks(register):\n"
        "    register(boom)\n"
    )
    (tmp_path / "pack.yaml").write_text(
        "pack: local\nprofile: statutory\nrules:\n"
        "  - id: LOC001\n    slug: boom\n    title: Always crashes\n    severity: error\n"
        "    check: local.boom\n    citations: [{source: test}]\n    rationale: Test.\n    remediation: Test.\n"
    )
    (tmp_path / ".govcheck.toml").write_text('plugins = ["boom.py"]\nrule-packs = ["pack.yaml"]\n')
    doc = write_doc(tmp_path / "c.yaml")
    trusted = {**os.environ, "GOVCHECK_TRUST": str(tmp_path)}  # the configuration names a plugin
    result = run_cli("baseline", str(doc), "-o", str(tmp_path / "b.json"), env=trusted)
    assert result.returncode == 2
    assert result.stderr == (
        f"govcheck: error: not written: a rule could not be evaluated ({doc}: LOC001); see govcheck check\n"
    )
    assert not (tmp_path / "b.json").exists()


def test_a_baseline_version_of_the_wrong_type_is_refused(tmp_path):
    """``true`` and ``1.0`` compared equal to 1 in Python and were accepted as version 1."""
    from tests.conftest import REFERENCE

    for raw, shown in (("true", "True"), ("1.0", "1.0"), ('"1"', "'1'")):
        baseline = tmp_path / "b.json"
        baseline.write_text(f'{{"format": "govcheck-baseline", "version": {raw}, "findings": []}}')
        result = run_cli("check", str(REFERENCE), "--baseline", str(baseline))
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"govcheck: error: baseline {baseline}: version {shown} is not supported (expected 1)\n"
