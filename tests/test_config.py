"""Configuration: discovery, validation, precedence, overrides, and `govcheck config`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from govcheck.config import Finder, glob_match, read_config, resolve
from govcheck.plugins import load_registry
from tests.conftest import run_cli
from tests.docs_helper import DOWNSVALE_UNPLACED, NO_VOICE_WESTMERE, write_doc

# A document with two warnings: GOV301 (place-coverage) and GOV302 (place-partnership-core-membership).
TWO_WARNINGS = (DOWNSVALE_UNPLACED, NO_VOICE_WESTMERE)


def _rules(result) -> list[tuple[str, str, str]]:
    return [
        (f["rule"], f["severity"], f["status"])
        for d in json.loads(result.stdout)["documents"]
        for f in d["findings"]
    ]


def _pyproject(directory: Path, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "pyproject.toml"
    path.write_text('[project]\nname = "governance"\n\n[tool.govcheck]\n' + body)
    return path


# -- discovery ----------------------------------------------------------------------------


# Every spelling TOML allows for the table tool.govcheck (headers, dotted keys, quotes and
# spaces around the dot, a bare [tool], an inline table): discovery reads each of them.
TOOL_GOVCHECK_SPELLINGS = [
    '[tool.govcheck]\nfail-on = "error"\n',
    '[ tool . govcheck ]\nfail-on = "error"\n',
    '[tool."govcheck"]\nfail-on = "error"\n',
    "['tool'.'govcheck']\nfail-on = \"error\"\n",
    '[[tool.govcheck.overrides]]\npaths = ["x/**"]\nfail-on = "error"\n',
    'tool.govcheck.fail-on = "error"\n',
    '[tool]\ngovcheck = { fail-on = "error" }\n',
    '[tool]\ngovcheck.fail-on = "error"\n',
    'tool = { govcheck = { fail-on = "error" } }\n',
    '"tool" . govcheck . fail-on = "error"\n',
]


@pytest.mark.parametrize("body", TOOL_GOVCHECK_SPELLINGS)
def test_every_spelling_of_tool_govcheck_is_found(tmp_path: Path, body: str) -> None:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    assert "govcheck" in tomllib.loads(body)["tool"]  # valid TOML holding the table
    path = tmp_path / "pyproject.toml"
    path.write_text(body + '\n[project]\nname = "governance"\ndependencies = ["govcheck>=0.1"]\n')
    found = read_config(path, explicit=False)
    assert found is not None and found.path == path


def test_a_pyproject_that_only_depends_on_govcheck_is_not_a_configuration(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\ndependencies = ["govcheck>=0.1"]\n\n[tool.ruff]\nline-length = 99\n')
    assert read_config(path, explicit=False) is None



def test_pyproject_found_upward_from_the_document(tmp_path):
    _pyproject(tmp_path, 'fail-on = "error"\n')
    doc = write_doc(tmp_path / "a" / "b" / "c.yaml", *TWO_WARNINGS)
    assert run_cli("check", str(doc)).returncode == 0  # warnings do not fail at fail-on error
    assert run_cli("check", "c.yaml", cwd=doc.parent).returncode == 0
    # Without the configuration the warnings fail (default fail-on warning).
    (tmp_path / "pyproject.toml").unlink()
    assert run_cli("check", str(doc)).returncode == 1


def test_discovery_is_from_the_document_not_the_working_directory(tmp_path):
    _pyproject(tmp_path / "here", 'fail-on = "never"\n')
    doc = write_doc(tmp_path / "there" / "c.yaml", *TWO_WARNINGS)
    assert run_cli("check", str(doc), cwd=tmp_path / "here").returncode == 1


def test_nearest_configuration_wins_and_dotfile_beats_pyproject(tmp_path):
    _pyproject(tmp_path, 'fail-on = "never"\n')
    inner = tmp_path / "inner"
    _pyproject(inner, 'fail-on = "info"\n')
    (inner / ".govcheck.toml").write_text('fail-on = "error"\n')
    finder = Finder()
    config = finder.for_path(inner / "c.yaml")
    assert config is not None and config.path == inner / ".govcheck.toml"
    assert config.values == {"fail-on": "error"}
    assert finder.for_path(tmp_path / "c.yaml").path == tmp_path / "pyproject.toml"


def test_pyproject_without_a_govcheck_table_is_skipped(tmp_path):
    _pyproject(tmp_path, 'fail-on = "never"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert Finder().for_dir(tmp_path / "sub").path == tmp_path / "pyproject.toml"


def test_lookup_is_cached_per_directory(tmp_path, monkeypatch):
    (tmp_path / ".govcheck.toml").write_text('fail-on = "never"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    finder = Finder()
    calls = []
    original = Finder._in_dir
    monkeypatch.setattr(Finder, "_in_dir", staticmethod(lambda d: calls.append(d) or original(d)))
    first = finder.for_path(deep / "x.yaml")
    finder.for_path(deep / "y.yaml")
    finder.for_path(tmp_path / "a" / "z.yaml")
    assert first is finder.for_path(tmp_path / "w.yaml")
    assert calls == [deep, tmp_path / "a", tmp_path]


def test_config_option_overrides_discovery(tmp_path):
    _pyproject(tmp_path, 'fail-on = "never"\n')
    doc = write_doc(tmp_path / "c.yaml", *TWO_WARNINGS)
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "warning"\n')
    assert run_cli("check", str(doc)).returncode == 0
    assert run_cli("check", str(doc), "--config", str(other)).returncode == 1


# -- bad configuration: exit 2 with an exact message --------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('fail_on = "error"\n', "unknown option 'fail_on' in [tool.govcheck]; did you mean 'fail-on'?"),
        ('selct = ["GOV1"]\n', "unknown option 'selct' in [tool.govcheck]; did you mean 'select'?"),
        (
            "zzz = 1\n",
            "unknown option 'zzz' in [tool.govcheck] (known options: profiles, select, ignore, "
            "severity, params, fail-on, exit-zero, as-of, max-bytes, rule-timeout, no-waivers, baseline, plugins, "
            "rule-packs, plugin-settings, overrides, law, commencement, exclude, texts)",
        ),
        ('fail-on = "warnings"\n', "option 'fail-on' must be one of error, warning, info, never, not 'warnings'"),
        ('exit-zero = "yes"\n', "option 'exit-zero' must be true or false, not 'yes'"),
        ("max-bytes = 0\n", "option 'max-bytes' must be a whole number of bytes from 1 to 1,073,741,824, not 0"),
        ('as-of = "2026-13-01"\n', "option 'as-of' must be a date (YYYY-MM-DD), not '2026-13-01'"),
        ("select = [1]\n", "option 'select' must be a list of strings, not [1]"),
        ('severity = { GOV3 = "high" }\n', "option 'severity.GOV3' must be one of error, warning, info, not 'high'"),
        (
            '[[tool.govcheck.overrides]]\npaths = ["x/**"]\nbaseline = "b.json"\n',
            "unknown option 'baseline' in overrides[0]; 'baseline' can only be set for the whole configuration",
        ),
        (
            '[[tool.govcheck.overrides]]\npaths = ["x/**"]\nfail_on = "never"\n',
            "unknown option 'fail_on' in overrides[0]; did you mean 'fail-on'?",
        ),
        (
            '[[tool.govcheck.overrides]]\nselect = ["GOV1"]\n',
            "overrides[0]: 'paths' must be a non-empty list of glob patterns",
        ),
        (
            "params = { GOV101 = { min_ordinary_membrs = 4 } }\n",
            "params.GOV101: parameter min_ordinary_membrs: unknown key 'min_ordinary_membrs'; "
            "did you mean 'min_ordinary_members'? (allowed here: min_ordinary_members, requirements) "
            "(check 'board.requires_roles' of plugin 'govcheck.checks')",
        ),
        (
            'params = { board-statutory-membership = { min_ordinary_members = "four" } }\n',
            "params.board-statutory-membership (GOV101): parameter min_ordinary_members: must be a "
            "whole number, not text (check 'board.requires_roles' of plugin 'govcheck.checks')",
        ),
        ("params = { GOV999 = { x = 1 } }\n", "params: no rule 'GOV999' (parameters are set per rule, by id or slug)"),
        ('select = ["GOV99"]\n', "select: no rule matches 'GOV99' (use an id, a slug or an id prefix)"),
        (
            'profiles = ["statutroy"]\n',
            "profiles: unknown profile 'statutroy'; did you mean 'statutory'? "
            "(known: core, good-practice, health-and-prosperity, nhse-policy, statutory)",
        ),
        ("fail-on = \n", "not valid TOML: Invalid value (at line 5, column 11)"),
    ],
)
def test_bad_configuration_exits_2_naming_file_and_key(tmp_path, body, message):
    config = _pyproject(tmp_path, body)
    doc = write_doc(tmp_path / "c.yaml")
    result = run_cli("check", str(doc))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"govcheck: error: {config}: {message}\n"


def test_bad_value_in_an_override_names_the_override(tmp_path):
    config = tmp_path / ".govcheck.toml"
    config.write_text('[[overrides]]\npaths = ["*.yaml"]\nignore = ["GOV99"]\n')
    doc = write_doc(tmp_path / "c.yaml")
    result = run_cli("check", str(doc))
    assert result.returncode == 2
    assert result.stderr == (
        f"govcheck: error: {config} [overrides 0]: ignore: no rule matches 'GOV99' "
        "(use an id, a slug or an id prefix)\n"
    )


def test_bad_command_line_values_name_the_option_not_the_file(tmp_path):
    _pyproject(tmp_path, 'ignore = ["GOV203"]\n')
    doc = write_doc(tmp_path / "c.yaml")
    result = run_cli("check", str(doc), "--select", "GOV99")
    assert result.returncode == 2
    assert result.stderr == "govcheck: error: --select: no rule matches 'GOV99' (use an id, a slug or an id prefix)\n"


def test_missing_or_tableless_config_file(tmp_path):
    doc = write_doc(tmp_path / "c.yaml")
    missing = run_cli("check", str(doc), "--config", str(tmp_path / "nope.toml"))
    assert (missing.returncode, missing.stderr) == (2, f"govcheck: error: --config {tmp_path / 'nope.toml'}: no such file\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    bare = run_cli("check", str(doc), "--config", str(tmp_path / "pyproject.toml"))
    assert (bare.returncode, bare.stderr) == (2, f"govcheck: error: {tmp_path / 'pyproject.toml'}: no [tool.govcheck] table\n")


# -- what configuration controls ------------------------------------------------------------


def test_precedence_command_line_over_file_over_defaults(tmp_path):
    doc = write_doc(tmp_path / "c.yaml", *TWO_WARNINGS)
    assert run_cli("check", str(doc)).returncode == 1  # default fail-on warning
    _pyproject(tmp_path, 'fail-on = "error"\n')
    assert run_cli("check", str(doc)).returncode == 0  # the file beats the default
    assert run_cli("check", str(doc), "--fail-on", "warning").returncode == 1  # the command line beats the file
    shown = json.loads(run_cli("config", str(doc), "--fail-on", "info", "--format", "json").stdout)
    assert shown["options"]["fail-on"] == {"value": "info", "source": "command line"}


def test_lists_merge_across_file_and_command_line(tmp_path):
    config = _pyproject(tmp_path, 'ignore = ["place-coverage"]\n')
    doc = write_doc(tmp_path / "c.yaml", *TWO_WARNINGS)
    result = run_cli("check", str(doc), "--ignore", "GOV302", "--format", "json")
    assert result.returncode == 0, result.stdout
    assert _rules(result) == []  # both ignored: the command line added to the file's list
    assert json.loads(result.stdout)["config"]["ignore"] == ["place-coverage", "GOV302"]
    shown = json.loads(run_cli("config", str(doc), "--ignore", "GOV302", "--format", "json").stdout)
    assert shown["options"]["ignore"] == {
        "value": ["place-coverage", "GOV302"],
        "source": {"place-coverage": str(config), "GOV302": "command line"},
    }


def test_profiles_in_a_file_replace_the_default(tmp_path):
    _pyproject(tmp_path, 'profiles = ["statutory"]\n')
    doc = write_doc(tmp_path / "c.yaml", *TWO_WARNINGS)  # both warnings are nhse-policy rules
    result = run_cli("check", str(doc), "--format", "json")
    assert (result.returncode, _rules(result)) == (0, [])
    both = run_cli("check", str(doc), "--profile", "nhse-policy", "--format", "json")
    assert json.loads(both.stdout)["profiles"] == ["statutory", "nhse-policy"]
    assert both.returncode == 1


def test_select_by_slug_and_prefix_and_severity_override(tmp_path):
    _pyproject(tmp_path, 'select = ["place-coverage", "GOV30"]\nseverity = { GOV3 = "info", GOV302 = "error" }\n')
    doc = write_doc(tmp_path / "c.yaml", *TWO_WARNINGS)
    result = run_cli("check", str(doc), "--format", "json")
    assert _rules(result) == [("GOV301", "info", "open"), ("GOV302", "error", "open")]
    assert result.returncode == 1
    outcomes = {o["rule"] for o in json.loads(result.stdout)["documents"][0]["outcomes"]}
    gov30 = {r.id for r in load_registry(entry_points=False).rules.values() if r.id.startswith("GOV30")}
    assert {"GOV301", "GOV302", "GOV303"} <= gov30
    assert outcomes == {"GOV001", "GOV002", "GOV003", "GOV004", "GOV005", "GOV006", "GOV012"} | gov30  # loader rules always run


def test_params_from_configuration_change_a_rule(tmp_path):
    _pyproject(tmp_path, 'params = { GOV301 = { tiers = ["upper"] } }\n')
    doc = write_doc(tmp_path / "c.yaml", DOWNSVALE_UNPLACED)  # Downsvale is a lower-tier council
    result = run_cli("check", str(doc), "--format", "json")
    assert (result.returncode, _rules(result)) == (0, [])


def test_per_path_overrides(tmp_path):
    _pyproject(
        tmp_path,
        'fail-on = "warning"\n\n[[tool.govcheck.overrides]]\npaths = ["drafts/**"]\n'
        'fail-on = "never"\nignore = ["GOV301"]\n',
    )
    draft = write_doc(tmp_path / "drafts" / "2026" / "c.yaml", *TWO_WARNINGS)
    final = write_doc(tmp_path / "final" / "c.yaml", *TWO_WARNINGS)
    assert run_cli("check", str(draft)).returncode == 0
    assert run_cli("check", str(final)).returncode == 1
    both = run_cli("check", str(draft), str(final), "--format", "json")
    assert both.returncode == 1  # each document is judged at its own threshold
    by_doc = {d["file"]: [f["rule"] for f in d["findings"]] for d in json.loads(both.stdout)["documents"]}
    assert by_doc == {str(draft): ["GOV302"], str(final): ["GOV301", "GOV302"]}


def test_documents_under_different_configurations_in_one_run(tmp_path):
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / ".govcheck.toml").write_text('ignore = ["GOV302"]\n')
    (b / ".govcheck.toml").write_text('severity = { GOV302 = "info" }\nfail-on = "warning"\n')
    doc_a = write_doc(a / "c.yaml", NO_VOICE_WESTMERE)
    doc_b = write_doc(b / "c.yaml", NO_VOICE_WESTMERE)
    result = run_cli("check", str(doc_a), str(doc_b), "--format", "json")
    assert result.returncode == 0, result.stdout
    data = json.loads(result.stdout)
    findings = {d["file"]: [(f["rule"], f["severity"]) for f in d["findings"]] for d in data["documents"]}
    assert findings == {str(doc_a): [], str(doc_b): [("GOV302", "info")]}
    groups = data["config"]["groups"]
    assert [(g["config_file"], g["files"]) for g in groups] == [
        (str(a / ".govcheck.toml"), [str(doc_a)]),
        (str(b / ".govcheck.toml"), [str(doc_b)]),
    ]


def test_exit_zero_and_fail_on_never(tmp_path):
    doc = write_doc(tmp_path / "c.yaml", *TWO_WARNINGS)
    result = run_cli("check", str(doc), "--exit-zero")
    assert result.returncode == 0
    assert "result: NOT compliant" in result.stdout  # the report still tells the truth
    assert run_cli("check", str(doc), "--fail-on", "never").returncode == 0
    (tmp_path / ".govcheck.toml").write_text("exit-zero = true\n")
    assert run_cli("check", str(doc)).returncode == 0
    # exit-zero never hides a configuration error.
    assert run_cli("check", str(doc), "--select", "GOV99").returncode == 2


def test_as_of_max_bytes_and_no_waivers_in_configuration(tmp_path):
    waivers = "  - {rule: GOV301, path: /icb, reason: review pending, expires: 2026-06-30}\n"
    doc = write_doc(tmp_path / "c.yaml", DOWNSVALE_UNPLACED, waivers=waivers)
    config = tmp_path / ".govcheck.toml"
    assert run_cli("check", str(doc)).returncode == 0
    config.write_text("as-of = 2026-07-01\n")  # a TOML date
    expired = run_cli("check", str(doc))
    assert expired.returncode == 1 and "expired on 2026-06-30 (as of 2026-07-01)" in expired.stdout
    config.write_text("no-waivers = true\n")
    assert [r[0] for r in _rules(run_cli("check", str(doc), "--format", "json"))] == ["GOV301"]
    config.write_text("max-bytes = 1000\n")
    limited = run_cli("check", str(doc), "--format", "json")
    assert [r[0] for r in _rules(limited)] == ["GOV004"]


def test_plugins_and_rule_packs_relative_to_the_configuration_file(tmp_path):
    repo = tmp_path / "repo"
    (repo / "local").mkdir(parents=True)
    (repo / "local" / "count.py").write_text(
        "from govcheck import hookimpl\n"
        "from govcheck.reporters.base import Reporter\n\n\n"
        "@hookimpl\n"
        "def govcheck_register_reporters(register):\n"
        '    register(Reporter("count", lambda report: f"{len(report.findings)} finding(s)\\n"))\n'
    )
    (repo / "local" / "pack.yaml").write_text(
        "pack: local\nprofile: local\nrules:\n"
        "  - id: LOC001\n    slug: every-council-placed\n    title: Every council is in a place\n"
        "    severity: error\n    check: places.coverage\n"
        "    citations: [{source: 'Wessex Coast local agreement (test)'}]\n"
        "    rationale: Test rule.\n    remediation: Test remediation.\n"
    )
    (repo / ".govcheck.toml").write_text(
        'profiles = ["local"]\nplugins = ["local/count.py"]\nrule-packs = ["local/pack.yaml"]\n'
    )
    doc = write_doc(repo / "drafts" / "c.yaml", DOWNSVALE_UNPLACED)
    trusted = {**os.environ, "GOVCHECK_TRUST": str(repo)}  # its plugins are imported only when trusted
    result = run_cli("check", str(doc), "--format", "count", cwd=tmp_path, env=trusted)
    assert (result.returncode, result.stdout) == (1, "1 finding(s)\n"), result.stderr
    shown = json.loads(run_cli("config", str(doc), "--format", "json", cwd=tmp_path, env=trusted).stdout)
    assert shown["options"]["rule-packs"]["value"] == [str(repo / "local" / "pack.yaml")]


# -- govcheck config -----------------------------------------------------------------------


def test_config_command_text_shows_each_source(tmp_path):
    config = _pyproject(
        tmp_path,
        'profiles = ["statutory", "good-practice"]\nseverity = { GOV203 = "warning" }\n'
        '\n[[tool.govcheck.overrides]]\npaths = ["drafts/**"]\nfail-on = "error"\n',
    )
    doc = write_doc(tmp_path / "drafts" / "c.yaml")
    result = run_cli("config", str(doc), "--select", "GOV2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"# configuration file: {config}",
        "# overrides applied: 0",
        'profiles = ["statutory", "good-practice"]',
        f"  # statutory: {config}",
        f"  # good-practice: {config}",
        'select = ["GOV2"]',
        "  # GOV2: command line",
        "ignore = []  # default",
        'severity = {GOV203 = "warning"}',
        f"  # GOV203: {config}",
        "params = {}  # default",
        f'fail-on = "error"  # {config} [overrides 0]',
        "exit-zero = false  # default",
        "as-of = (unset)  # default",
        "max-bytes = 33554432  # default",
        "rule-timeout = 10.0  # default",
        "no-waivers = false  # default",
        "baseline = (unset)  # default",
        "plugins = []  # default",
        "rule-packs = []  # default",
        "plugin-settings = {}  # default",
        "law = (unset)  # default",
        "commencement = {}  # default",

        "exclude = []  # default",
        "texts = {}  # default",
    ]


def test_config_command_json_without_a_file(tmp_path):
    result = run_cli("config", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["config_file"] is None
    assert data["options"]["profiles"] == {
        "value": ["statutory", "nhse-policy"],
        "source": {"statutory": "default", "nhse-policy": "default"},
    }
    assert data["options"]["fail-on"] == {"value": "warning", "source": "default"}


def test_config_command_reports_bad_configuration(tmp_path):
    config = _pyproject(tmp_path, 'ignore = ["GOV99"]\n')
    result = run_cli("config", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"govcheck: error: {config}: ignore: no rule matches 'GOV99' (use an id, a slug or an id prefix)\n"
    )


def test_resolve_merges_tables_key_by_key(tmp_path):
    config = _pyproject(
        tmp_path,
        'params = { GOV101 = { min_ordinary_members = 3 } }\nseverity = { GOV3 = "info" }\n'
        '\n[[tool.govcheck.overrides]]\npaths = ["*.yaml"]\nseverity = { GOV301 = "error" }\n'
        "params = { GOV101 = { requirements = [] } }\n",
    )
    eff = resolve(Finder().for_dir(tmp_path), {}, tmp_path / "c.yaml")
    assert eff.values["severity"] == {"GOV3": "info", "GOV301": "error"}
    assert eff.values["params"] == {"GOV101": {"min_ordinary_members": 3, "requirements": []}}
    assert eff.sources["severity"] == {"GOV3": str(config), "GOV301": f"{config} [overrides 0]"}


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts/**", "drafts/a.yaml", True),
        ("drafts/**", "drafts/2026/a.yaml", True),
        ("drafts/**", "final/drafts/a.yaml", False),
        ("drafts", "drafts/a.yaml", True),
        ("drafts", "x/drafts/a.yaml", True),
        ("*.yaml", "a/b/c.yaml", True),
        ("drafts/*.yaml", "drafts/2026/a.yaml", False),
        ("**/old-*.yaml", "a/b/old-1.yaml", True),
        ("**/old-*.yaml", "old-1.yaml", True),
        ("a?.yaml", "ab.yaml", True),
        ("a?.yaml", "a/.yaml", False),
    ],
)
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_rules_command_lists_rule_packs_from_the_configuration(tmp_path):
    (tmp_path / "pack.yaml").write_text(
        "pack: local\nprofile: local\nrules:\n"
        "  - id: LOC001\n    slug: every-council-placed\n    title: Every council is in a place\n"
        "    severity: error\n    check: places.coverage\n"
        "    citations: [{source: 'Wessex Coast local agreement (test)'}]\n"
        "    rationale: Test rule.\n    remediation: Test remediation.\n"
    )
    (tmp_path / ".govcheck.toml").write_text('rule-packs = ["pack.yaml"]\n')
    (tmp_path / "sub").mkdir()
    listed = run_cli("rules", cwd=tmp_path / "sub")
    assert listed.returncode == 0, listed.stderr
    assert any(line.startswith("LOC001 ") for line in listed.stdout.splitlines())
    assert run_cli("rules", "show", "every-council-placed", cwd=tmp_path).stdout.startswith("LOC001 every-council-placed:")
