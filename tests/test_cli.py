"""The command line, run as a user runs it: exit codes, formats, output files, subcommands."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import FIXTURES, REFERENCE, ROOT, run_cli
from tests.positions import AtKey, node_position

FAILING = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"
MEMBERS_AT = node_position(FAILING.read_text(), AtKey("/board/members"))  # where GOV101 reports


def test_compliant_document_exits_0_with_a_summary() -> None:
    result = run_cli("check", str(REFERENCE))
    assert result.returncode == 0, result.stderr
    assert "result: compliant" in result.stdout
    assert result.stderr == ""


def test_failing_document_exits_1_with_positioned_finding() -> None:
    result = run_cli("check", str(FAILING.relative_to(ROOT)))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    line, col = MEMBERS_AT
    assert first.startswith(f"fixtures/invalid/GOV101-board-statutory-membership.yaml:{line}:{col}: GOV101 error ")
    assert "primary medical services providers" in first
    assert "Traceback" not in result.stdout + result.stderr


def test_fail_on_threshold() -> None:
    warning_only = FIXTURES / "invalid" / "GOV103-board-nhse-membership.yaml"
    assert run_cli("check", str(warning_only)).returncode == 1
    assert run_cli("check", str(warning_only), "--fail-on", "error").returncode == 0
    assert run_cli("check", str(FAILING), "--fail-on", "never").returncode == 0
    bad = run_cli("check", str(FAILING), "--fail-on", "sometimes")
    assert bad.returncode == 2
    assert "govcheck: error: --fail-on must be one of error, warning, info, never, not 'sometimes'" in bad.stderr


def test_json_output_validates_against_the_published_schema(report_schema: dict) -> None:
    result = run_cli("check", str(FAILING), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(report_schema).validate(data)
    assert data["schema_version"] == "1.0"
    assert data["exit_code"] == 1
    finding = data["documents"][0]["findings"][0]
    assert (finding["rule"], finding["line"], finding["column"], finding["path"]) == ("GOV101", *MEMBERS_AT, "/board/members")
    assert "Sch. 1B para 3" in finding["citation"]


def test_output_is_byte_identical_across_runs_and_hash_seeds() -> None:
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-m", "govcheck", "check", str(FIXTURES / "invalid"), "--format", "json"],
            capture_output=True, cwd=ROOT, env=env, timeout=120,
        )
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def test_output_file_is_written_and_several_formats_go_to_their_own_files(tmp_path) -> None:
    out_json = tmp_path / "report.json"
    out_text = tmp_path / "report.txt"
    result = run_cli("check", str(FAILING), "-f", "text", "-f", f"json:{out_json}", "--output", str(out_text))
    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads(out_json.read_text())["counts"]["findings"]["error"] == 1
    assert "GOV101 error" in out_text.read_text()
    assert [p.name for p in tmp_path.iterdir()] != [] and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_two_formats_to_stdout_is_a_usage_error() -> None:
    result = run_cli("check", str(REFERENCE), "-f", "text", "-f", "json")
    assert result.returncode == 2
    assert "only one --format can go to standard output" in result.stderr


def test_unknown_format_and_missing_path_exit_2() -> None:
    result = run_cli("check", str(REFERENCE), "-f", "pdf")
    assert result.returncode == 2
    assert "unknown format 'pdf'" in result.stderr
    missing = run_cli("check", "no/such/constitution.yaml")
    assert missing.returncode == 2
    assert "no such file or directory: no/such/constitution.yaml" in missing.stderr


def test_directory_checks_every_yaml_file_in_order() -> None:
    result = run_cli("check", str(FIXTURES / "invalid"), "--format", "json")
    files = [d["file"] for d in json.loads(result.stdout)["documents"]]
    assert files == sorted(files)
    assert len(files) == len(list((FIXTURES / "invalid").glob("*.yaml")))


def test_rules_list_and_show_by_id_and_slug() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0
    assert any(line.startswith("GOV101   error    statutory") for line in listing.stdout.splitlines())
    by_id = run_cli("rules", "show", "GOV201")
    by_slug = run_cli("rules", "show", "independent-members-footprint-roles")
    assert by_id.returncode == by_slug.returncode == 0
    assert by_id.stdout == by_slug.stdout
    assert "Hampshire and Isle of Wight Integrated Care System' (2021), para 12" in by_id.stdout
    assert 'reading: "normally"' in by_id.stdout
    missing = run_cli("rules", "show", "GOV999")
    assert missing.returncode == 2
    assert "no rule 'GOV999'" in missing.stderr


def test_schema_command_prints_a_valid_draft_2020_12_schema() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["govcheck"]["const"] == 1
    report = json.loads(run_cli("schema", "--report").stdout)
    assert report["title"].startswith("govcheck JSON report")


def test_version_fast_path_and_typer_path_agree() -> None:
    from govcheck import __version__

    assert run_cli("--version").stdout == f"govcheck {__version__}\n"
    # `check --help` goes through typer; the eager --version option gives the same answer there
    assert run_cli("--version", "rules").stdout == f"govcheck {__version__}\n"


def test_no_arguments_shows_help_without_traceback() -> None:
    result = run_cli()
    assert "Usage:" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
