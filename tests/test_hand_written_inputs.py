"""Inputs a user writes by hand, each a failure a hostile sweep found (helper hostile2):
a waiver or profile out of format in the document, a NUL in a configuration path, report
targets that would overwrite each other, empty or repeated paths. Each is now a positioned
finding or a one-line error (exit 2), never an internal error or silent acceptance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, run_cli

LAST = REFERENCE.read_text().count("\n") + 1  # the line a test appends to the reference


def _appended(tmp_path: Path, line: str) -> Path:
    target = tmp_path / "c.yaml"
    target.write_text(REFERENCE.read_text() + line + "\n")
    return target


# -- the document: a waiver or a profile out of format ----------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "path", "message"),
    [
        ("waivers: 1", 10, "/waivers", "/waivers: must be a list, not a whole number"),
        ("waivers: [1]", 11, "/waivers/0", "/waivers/0: must be a mapping, not a whole number"),
        ("waivers: [{rule: 1, path: /icb, reason: r}]", 18, "/waivers/0/rule", "/waivers/0/rule: must be text, not a whole number"),
        ("waivers: [{rule: GOV101, path: 1, reason: r}]", 32, "/waivers/0/path", "/waivers/0/path: must be text, not a whole number"),
    ],
    ids=["not-a-list", "item-not-a-mapping", "rule-not-text", "path-not-text"],
)
def test_a_waiver_out_of_format_is_a_format_finding_not_an_internal_error(
    tmp_path: Path, line: str, column: int, path: str, message: str
) -> None:
    """Each used to stop the whole document: 'govcheck failed on this document: TypeError', exit 2."""
    result = run_cli("check", str(_appended(tmp_path, line)), "-f", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["counts"]["outcomes"]["error"] == 0
    [finding] = report["documents"][0]["findings"]
    assert (finding["rule"], finding["line"], finding["column"], finding["path"]) == ("GOV005", LAST, column, path)
    assert finding["message"] == message


def test_a_profile_no_rule_has_is_a_format_finding(tmp_path: Path) -> None:
    """A misspelt opt-in used to run nothing and pass silently (exit 0)."""
    result = run_cli("check", str(_appended(tmp_path, "profiles: [good-practise]")), "-f", "json")
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)["documents"][0]["findings"]
    assert (finding["rule"], finding["line"], finding["column"], finding["path"]) == ("GOV005", LAST, 12, "/profiles/0")
    assert finding["message"] == (
        "/profiles/0: unknown profile 'good-practise'; did you mean 'good-practice'? "
        "(known: core, good-practice, health-and-prosperity, nhse-policy, statutory)"
    )


def test_a_profile_that_exists_is_opted_into_without_a_finding(tmp_path: Path) -> None:
    result = run_cli("check", str(_appended(tmp_path, "profiles: [good-practice]")), "-f", "json", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    assert not [f for f in findings if f["rule"] == "GOV005"]
    assert "good-practice" in json.loads(result.stdout)["documents"][0]["profiles"]


# -- configuration: a NUL character in a name or path -----------------------------------------


@pytest.mark.parametrize("option", ["baseline", "rule-packs", "plugins", "exclude", "profiles"])
def test_a_nul_character_in_a_configured_name_or_path_is_an_error(tmp_path: Path, option: str) -> None:
    """baseline and rule-packs used to end in a traceback (ValueError: embedded null byte)."""
    (tmp_path / "c.yaml").write_text(REFERENCE.read_text())
    (tmp_path / ".govcheck.toml").write_text(f'{option} = "a\\u0000b"\n')
    result = run_cli("check", "c.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"govcheck: error: {tmp_path}/.govcheck.toml: option '{option}': 'a\\x00b' holds a NUL character, "
        "which no name or path can\n"
    )


# -- report targets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "json:r.json", "-f", "html:r.json"], "the json and html reports would both be written to r.json: give each its own file"),
        (["-f", "json:r.json", "-f", "sarif:./r.json"], "the json and sarif reports would both be written to r.json: give each its own file"),
        (["-f", "json", "-o", "r.json", "-f", "html:r.json"], "the json and html reports would both be written to r.json: give each its own file"),
        (["-f", "json:r.json", "-o", "out.txt"], "--output out.txt would be unused: every --format names its own file"),
        (["-f", "json:"], "--format 'json:' names no file after ':' (leave out ':' for standard output)"),
    ],
    ids=["two-formats-one-file", "same-file-spelt-twice", "output-and-format", "output-unused", "no-file-after-colon"],
)
def test_report_targets_that_would_lose_a_report_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    """The first three wrote the second report over the first; -o was ignored; 'json:' went to standard output."""
    (tmp_path / "c.yaml").write_text(REFERENCE.read_text())
    result = run_cli("check", "c.yaml", *args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"govcheck: error: {message}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]


def test_a_device_may_take_several_reports(tmp_path: Path) -> None:
    result = run_cli("check", str(REFERENCE), "-f", "json:/dev/null", "-f", "html:/dev/null")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


# -- paths on the command line ----------------------------------------------------------------


@pytest.mark.parametrize("args", [["check", ""], ["check", "c.yaml", ""], ["check", "", "-f", "json"], ["baseline", ""]])
def test_an_empty_path_is_an_error_not_the_working_directory(tmp_path: Path, args: list[str]) -> None:
    """Path("") is "."; `govcheck check "$UNSET"` used to check the whole working directory."""
    (tmp_path / "c.yaml").write_text(REFERENCE.read_text())
    result = run_cli(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "govcheck: error: an empty path names no file (is a variable in the command unset?)\n"


def test_a_document_named_twice_or_also_found_in_a_folder_is_checked_once(tmp_path: Path) -> None:
    """It used to be checked (and its findings counted, and baselined) once per mention."""
    (tmp_path / "c.yaml").write_text(REFERENCE.read_text().replace("govcheck: 1", "govcheck: 1\nnope: 1", 1))
    result = run_cli("check", "c.yaml", "./c.yaml", ".", str(tmp_path / "c.yaml"), "-f", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [d["file"] for d in report["documents"]] == ["c.yaml"]
    assert [f["rule"] for f in report["documents"][0]["findings"]] == ["GOV006"]


def test_a_baseline_of_standard_input_is_refused(tmp_path: Path) -> None:
    """It used to write a baseline holding one finding: GOV001 cannot read file '-'."""
    result = run_cli("baseline", "-", "-o", str(tmp_path / "b.json"), input=REFERENCE.read_text())
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "govcheck: error: a baseline is of files, not of standard input ('-'): name the files\n"
    assert not (tmp_path / "b.json").exists()


@pytest.mark.parametrize("name", [".", "sub", "sub/"])
def test_a_stdin_filename_naming_a_folder_is_an_error(tmp_path: Path, name: str) -> None:
    """The folder used to be walked in the document's place: standard input was never checked
    (with '/', the whole file system was walked)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "c.yaml").write_text(REFERENCE.read_text())  # what the walk of '.' used to check instead
    result = run_cli("check", "-", "--stdin-filename", name, cwd=tmp_path, input="govcheck: 1\n")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"govcheck: error: --stdin-filename {name!r} is a folder: give the document's file name\n"


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ('severity = { "" = "info" }', "option 'severity'"),
        ('params = { "" = { min = 1 } }', "option 'params'"),
        ('plugin-settings = { "" = { a = 1 } }', "option 'plugin-settings'"),
        ('[[overrides]]\npaths = ["*.yaml"]\nseverity = { "" = "info" }', "option 'overrides[0].severity'"),
    ],
    ids=["severity", "params", "plugin-settings", "override"],
)
def test_an_empty_key_in_a_configuration_table_is_an_error(tmp_path: Path, config: str, where: str) -> None:
    """severity = { "" = "info" } used to match every rule as a prefix: every finding became
    info and a failing document passed (exit 0)."""
    (tmp_path / "c.yaml").write_text(REFERENCE.read_text())
    (tmp_path / ".govcheck.toml").write_text(config + "\n")
    result = run_cli("check", "c.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"govcheck: error: {tmp_path}/.govcheck.toml: {where}: an empty key ('') names no rule, law or plugin\n"
    )
