"""What a command-line user expects: '-', quoted globs, -h, completion, other YAML skipped,
effective rule parameters, a missing file, JUnit per-document fail-on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import govcheck
from govcheck.errors import DocumentNotFound, GovcheckError
from tests.conftest import FIXTURES, REFERENCE, ROOT, run_cli

FAILING = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"


def test_dash_reads_standard_input_named_by_stdin_filename(tmp_path: Path) -> None:
    text = FAILING.read_text(encoding="utf-8")
    named = run_cli("check", "-", "--stdin-filename", "drafts/wessex.yaml", input=text)
    assert named.returncode == 1
    assert named.stdout.startswith("drafts/wessex.yaml:147:3: GOV101 error ")
    plain = run_cli("check", "-", input=text)
    assert plain.stdout.startswith("<stdin>:147:3: GOV101 error ")
    # the configuration that applies is the one found from the stdin file name
    (tmp_path / ".govcheck.toml").write_text('fail-on = "never"\n')
    configured = run_cli("check", "-", "--stdin-filename", "c.yaml", input=text, cwd=tmp_path)
    assert configured.returncode == 0
    both = run_cli("check", "-", str(REFERENCE), "-f", "json", input=text)
    assert both.returncode == 1
    bad = run_cli("check", str(REFERENCE), "--stdin-filename", "x.yaml")
    assert bad.returncode == 2 and "give '-' as the path" in bad.stderr


def test_quoted_globs_expand(tmp_path: Path) -> None:
    result = run_cli("check", "fixtures/invalid/GOV10[12]-*.yaml", "-f", "json")
    assert result.returncode == 1
    import json

    files = [d["file"] for d in json.loads(result.stdout)["documents"]]
    assert files == [
        "fixtures/invalid/GOV101-board-statutory-membership.yaml",
        "fixtures/invalid/GOV102-chair-ceo-distinct.yaml",
    ]
    nothing = run_cli("check", "fixtures/nowhere/*.yaml")
    assert nothing.returncode == 2
    assert nothing.stderr == "govcheck: error: no file matches 'fixtures/nowhere/*.yaml'\n"


@pytest.mark.parametrize("command", [[], ["check"], ["rules"], ["rules", "show"], ["schema"]])
def test_dash_h_is_help(command: list[str]) -> None:
    result = run_cli(*command, "-h")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: govcheck")
    assert result.stdout == run_cli(*command, "--help").stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completion_completes_commands_and_options(tmp_path: Path) -> None:
    script = run_cli("completion", "bash").stdout
    assert "_GOVCHECK_COMPLETE=complete_bash" in script and "complete -o default -F _govcheck_completion govcheck" in script
    # the same script as typer's public option, which `govcheck completion` is a name for
    assert run_cli("--show-completion", "bash").stdout == script
    assert "--install-completion" in run_cli("--help").stdout
    bindir = tmp_path / "bin"
    bindir.mkdir()
    launcher = bindir / "govcheck"
    launcher.write_text(f"#!/bin/sh\nexec {sys.executable} -m govcheck \"$@\"\n")
    launcher.chmod(0o755)
    probe = (
        'eval "$(govcheck completion bash)"\n'
        "COMP_WORDS=(govcheck ch); COMP_CWORD=1; _govcheck_completion govcheck; echo \"1:${COMPREPLY[*]}\"\n"
        "COMP_WORDS=(govcheck check --fail-o); COMP_CWORD=2; _govcheck_completion govcheck; echo \"2:${COMPREPLY[*]}\"\n"
    )
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.stdout.splitlines() == ["1:check", "2:--fail-on"], out.stderr
    assert run_cli("completion", "tcsh").returncode == 2


def test_directory_walks_skip_yaml_that_is_not_a_constitution(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    shutil.copy(FAILING, tmp_path / "drafts" / "wessex-v3.yaml")
    (tmp_path / "mkdocs.yml").write_text("site_name: Wessex\nnav: [index.md]\n")
    (tmp_path / "workflow.yaml").write_text("on: push\njobs: {}\n")
    walked = run_cli("check", ".", cwd=tmp_path)
    assert walked.returncode == 1
    assert walked.stderr == (
        "govcheck: note: skipped 2 YAML file(s) with no top-level 'govcheck:' key (not constitutions): "
        "mkdocs.yml, workflow.yaml\n"
    )
    assert "1 document(s) checked" in walked.stdout and "mkdocs" not in walked.stdout
    named = run_cli("check", "mkdocs.yml", cwd=tmp_path)  # named explicitly: reported
    assert named.returncode == 1
    assert "mkdocs.yml:1:1: GOV005 error /: missing required key 'govcheck'" in named.stdout
    only_other = run_cli("check", "--skip-other-yaml", "mkdocs.yml", cwd=tmp_path)
    assert (only_other.returncode, only_other.stdout) == (0, "")
    # the Python API says the same in the report it returns
    from govcheck import check_file

    report = check_file(tmp_path)
    assert [d.file for d in report.documents] == [str(tmp_path / "drafts" / "wessex-v3.yaml")]
    assert report.skipped == [str(tmp_path / "mkdocs.yml"), str(tmp_path / "workflow.yaml")]
    assert check_file(tmp_path / "mkdocs.yml").skipped == []  # named explicitly: checked, not skipped


def test_rules_show_gives_the_configured_parameters_and_severity(tmp_path: Path) -> None:
    (tmp_path / ".govcheck.toml").write_text(
        '[params]\nGOV201 = { reading = "strict" }\n[severity]\nGOV201 = "error"\n'
    )  # GOV201 reads the guidance's "normally" by default (issue 13); configure the other reading
    shown = run_cli("rules", "show", "GOV201", cwd=tmp_path).stdout
    config = tmp_path / ".govcheck.toml"
    assert f'  reading: "strict" (configured in {config}; default "normally")' in shown
    assert f"severity: error (configured in {config}; default warning)" in shown
    plain = run_cli("rules", "show", "GOV201").stdout
    assert '  reading: "normally"\n' in plain


def test_check_file_on_a_missing_file_raises_what_the_cli_exits_2_for(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(DocumentNotFound) as raised:
        govcheck.check_file(missing)
    assert isinstance(raised.value, FileNotFoundError) and isinstance(raised.value, GovcheckError)
    assert str(raised.value) == f"no such file or directory: {missing}"
    cli = run_cli("check", str(missing))
    assert (cli.returncode, cli.stderr) == (2, f"govcheck: error: no such file or directory: {missing}\n")


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_a_symlink_to_nothing_named_on_the_command_line_says_so(tmp_path: Path, kind: str) -> None:
    """It was 'no such file or directory' for a file that is listed right there."""
    link = tmp_path / "c.yaml"
    link.symlink_to(tmp_path / "gone.yaml" if kind == "dangling" else link)
    cli = run_cli("check", str(link))
    assert (cli.returncode, cli.stdout) == (2, "")
    assert cli.stderr == (
        f"govcheck: error: {link} is a symbolic link to nothing (its target is missing, or a loop of links)\n"
    )


def test_junit_uses_each_documents_own_fail_on(tmp_path: Path) -> None:
    """A per-path override (drafts never fail) and JUnit agree with the exit code."""
    (tmp_path / "drafts").mkdir()
    warning_only = FIXTURES / "invalid" / "GOV103-board-nhse-membership.yaml"
    shutil.copy(warning_only, tmp_path / "drafts" / "d.yaml")
    shutil.copy(warning_only, tmp_path / "final.yaml")
    (tmp_path / ".govcheck.toml").write_text('[[overrides]]\npaths = ["drafts/**"]\nfail-on = "never"\n')
    drafts_only = run_cli("check", "drafts/d.yaml", "-f", "junit", cwd=tmp_path)
    assert drafts_only.returncode == 0
    suites = ET.fromstring(drafts_only.stdout)
    assert suites.get("failures") == "0"
    both = run_cli("check", "drafts/d.yaml", "final.yaml", "-f", "junit", cwd=tmp_path)
    assert both.returncode == 1
    by_file = {s.get("name"): s for s in ET.fromstring(both.stdout)}
    assert by_file["drafts/d.yaml"].get("failures") == "0"
    assert by_file["final.yaml"].get("failures") == "2"  # GOV103 and GOV508, both warnings
    props = {p.get("name"): p.get("value") for p in by_file["drafts/d.yaml"].iter("property")}
    assert props["fail_on"] == "never"
