"""Every mistake a rule author or plugin author makes is a one-line exit 2, never a traceback,
an exit 1 or a silent pass (issue 16, item 6)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import REFERENCE
from tests.plugin_helpers import cli

RULE = """\
  - id: {id}
    slug: {slug}
    title: A rule
    severity: warning
    check: select.count
    params: {{select: /board/members/*, min: 1}}
    citations: [{{source: Nowhere}}]
    rationale: None.
    remediation: None.
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text))
    return path


def _exit_2(*args: str, cwd: Path | None = None) -> str:
    result = cli(*args, cwd=cwd)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_a_slug_taken_by_a_built_in_rule(tmp_path: Path) -> None:
    pack = _write(tmp_path / "p.yaml", "pack: p\nprofile: local\nrules:\n" + RULE.format(id="LOCAL1", slug="board-statutory-membership"))
    err = _exit_2("check", "--rule-pack", str(pack), str(REFERENCE))
    assert err.startswith(
        f"govcheck: error: duplicate rule slug 'board-statutory-membership': rule LOCAL1 in {pack}:4:5 "
        f"(plugin 'local:{pack}') and rule GOV101 in "
    )
    assert err.endswith("(plugin 'govcheck.checks'); a slug names one rule, wherever an id is accepted\n")


def test_a_slug_taken_by_another_pack(tmp_path: Path) -> None:
    one = _write(tmp_path / "one.yaml", "pack: one\nprofile: local\nrules:\n" + RULE.format(id="ONE1", slug="same"))
    two = _write(tmp_path / "two.yaml", "pack: two\nprofile: local\nrules:\n" + RULE.format(id="TWO1", slug="same"))
    err = _exit_2("rules", "--rule-pack", str(one), "--rule-pack", str(two))
    assert err == (
        f"govcheck: error: duplicate rule slug 'same': rule TWO1 in {two}:4:5 (plugin 'local:{two}') and "
        f"rule ONE1 in {one}:4:5 (plugin 'local:{one}'); a slug names one rule, wherever an id is accepted\n"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [("", "empty"), ("# only a comment\n", "empty"), ("- id: X1\n", "a list"), ("just text\n", "a single text value")],
)
def test_an_empty_pack_or_a_list_is_a_message_about_packs(tmp_path: Path, text: str, shown: str) -> None:
    pack = _write(tmp_path / "p.yaml", text)
    err = _exit_2("rules", "--rule-pack", str(pack))
    assert err == (
        f"govcheck: error: rule pack {pack}:1:1: the file is {shown}, not a rule pack: a rule pack is a mapping "
        f"with 'pack' (its name) and 'rules' (a list of rules), see docs/plugins.md (plugin 'local:{pack}')\n"
    )


def test_a_pack_without_rules(tmp_path: Path) -> None:
    pack = _write(tmp_path / "p.yaml", "pack: p\nrules: []\n")
    err = _exit_2("rules", "--rule-pack", str(pack))
    assert err == f"govcheck: error: rule pack {pack}:2:1 (plugin 'local:{pack}'): /rules: must have at least 1 item(s)\n"


PLUGIN = """\
from govcheck import Violation, check, hookimpl

@check("bad.check", params={params})
def bad({signature}):
    return []

@hookimpl
def govcheck_register_checks(register):
    register(bad)
"""


@pytest.mark.parametrize(
    ("params", "signature", "message"),
    [
        ('{"n": {"type": "integr"}}', "doc, params", "parameter 'n': unknown type 'integr'; did you mean 'integer'?"),
        ('{"n": "integer"}', "doc, params", "parameter 'n': the schema must be a mapping (a JSON Schema), not str"),
        (
            '{"n": {"type": "integer", "minimun": 1}}',
            "doc, params",
            "parameter 'n': unknown JSON Schema keyword 'minimun'; did you mean 'minimum'?",
        ),
        (
            '{"n": {"type": "array", "items": {"type": "strng"}}}',
            "doc, params",
            "parameter 'n': unknown type 'strng' at /items; did you mean 'string'?",
        ),
        (
            "{}",
            "params",
            "its function 'bad' takes (params); a check takes the document and its parameters: def check(doc, params)",
        ),
    ],
)
def test_a_malformed_check_declaration_is_a_plugin_error(tmp_path: Path, params: str, signature: str, message: str) -> None:
    _write(tmp_path / "bad_plugin.py", PLUGIN.format(params=params, signature=signature))
    err = _exit_2("check", "--plugin", "bad_plugin.py", str(REFERENCE), cwd=tmp_path)
    assert err == f"govcheck: error: plugin 'bad_plugin.py': check 'bad.check': {message}\n"


def test_count_with_neither_bound(tmp_path: Path) -> None:
    pack = _write(
        tmp_path / "p.yaml",
        "pack: p\nprofile: local\nrules:\n" + RULE.format(id="LOCAL1", slug="x").replace(", min: 1", ""),
    )
    err = _exit_2("check", "--rule-pack", str(pack), str(REFERENCE))
    assert err == (
        f"govcheck: error: rule LOCAL1 ({pack}:9:5, plugin 'local:{pack}'): give min, max or both: without either "
        "the rule could never fail (check 'select.count' of plugin 'govcheck.checks')\n"
    )


def test_a_pack_format_error_gives_line_and_column(tmp_path: Path) -> None:
    pack = _write(tmp_path / "p.yaml", "pack: p\nprofle: local\nrules:\n" + RULE.format(id="LOCAL1", slug="x"))
    err = _exit_2("rules", "--rule-pack", str(pack))
    assert err == (
        f"govcheck: error: rule pack {pack}:2:1 (plugin 'local:{pack}'): /profle: unknown key 'profle'; "
        "did you mean 'profile'? (allowed here: description, examples, pack, profile, rules)\n"
    )
    severity = _write(tmp_path / "s.yaml", "pack: p\nprofile: local\nrules:\n" + RULE.format(id="LOCAL1", slug="x").replace("warning", "warn"))
    err = _exit_2("rules", "--rule-pack", str(severity))
    assert err.startswith(f"govcheck: error: rule pack {severity}:7:5 (plugin 'local:{severity}'): /rules/0/severity: ")


WRONG_PATHS = """\
from govcheck import Violation, check, hookimpl

@check("bad.path", params={"path": {"type": "string"}})
def bad(doc, params):
    yield Violation(params["path"], "something is wrong")

@hookimpl
def govcheck_register_checks(register):
    register(bad)

@hookimpl
def govcheck_register_rule_packs(register):
    register({"pack": "b", "profile": "b", "rules": [
        {"id": f"BAD{i}", "slug": f"bad-{i}", "title": "t", "severity": "warning", "check": "bad.path",
         "params": {"path": path}, "citations": [{"source": "s"}], "rationale": "r", "remediation": "r"}
        for i, path in enumerate(["/board/membres", "/board/members/99", "/board/members/0/nmae",
                                  "/board/members/0/appointment/term_years", "/board/members/0/name"], 1)]})
"""


def test_a_finding_at_a_path_that_names_nothing_is_a_plugin_error(tmp_path: Path) -> None:
    import json

    _write(tmp_path / "paths_plugin.py", WRONG_PATHS)
    result = cli("check", "--plugin", "paths_plugin.py", "--select", "BAD", "-f", "json", str(REFERENCE), cwd=tmp_path)
    assert result.returncode == 2
    outcomes = {o["rule"]: o for o in json.loads(result.stdout)["documents"][0]["outcomes"]}
    who = "check 'bad.path' (plugin 'paths_plugin.py') reported a finding at"
    assert outcomes["BAD1"]["detail"] == (
        f"{who} '/board/membres', which names nothing in the document or the format: /board has no field "
        "'membres'; did you mean 'members'?"
    )
    assert outcomes["BAD2"]["detail"] == (
        f"{who} '/board/members/99', which names nothing in the document or the format: /board/members has no item 99"
    )
    assert outcomes["BAD3"]["status"] == "error" and "has no field 'nmae'; did you mean 'name'?" in outcomes["BAD3"]["detail"]
    # A field the format has but the document leaves out ("... is not stated") is a finding.
    assert outcomes["BAD4"]["status"] == "failed"
    assert outcomes["BAD5"]["status"] == "failed"


def test_a_rule_without_a_profile_names_its_position(tmp_path: Path) -> None:
    pack = _write(tmp_path / "p.yaml", "pack: p\nrules:\n" + RULE.format(id="LOCAL1", slug="x"))
    err = _exit_2("rules", "--rule-pack", str(pack))
    assert err == (
        f"govcheck: error: rule pack {pack}:3:5 (plugin 'local:{pack}'): rule LOCAL1 has no profile; "
        "give the pack or the rule a profile\n"
    )
