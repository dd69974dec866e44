"""Filters a rule author needs without Python: numbers, regular expressions (time-bounded),
any-of, absence, references followed both ways; and message templates (issue 16 item 3,
issue 14 item 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govcheck.checks import select
from govcheck.testing import assert_findings, assert_passes, run_rule
from tests.conftest import one_rule_pack


def rule(tmp_path: Path, check: str, params: dict[str, Any], patch: Any = None, **options: Any):  # type: ignore[no-untyped-def]
    return run_rule("T001", patch, rule_packs=[one_rule_pack(tmp_path, check, params)], entry_points=False, **options)


# "A place over 400,000 people has at least two neighbourhoods", without Python.
BIG_PLACES = {
    "each": "/places/*",
    "each_where": {"population": {"gt": 400000}},
    "select": "/neighbourhoods/*<-place",
    "min": 2,
    "label": "neighbourhood(s)",
}


def test_a_place_over_400000_people_has_at_least_two_neighbourhoods(tmp_path: Path) -> None:
    # Westmere (480,000) has no neighbourhoods in the reference; the other places are smaller.
    result = rule(tmp_path, "select.each_has", BIG_PLACES)
    assert_findings(result, ["/places/0"])
    assert result.messages == ["Westmere has 0 neighbourhood(s); at least 2 required"]
    two = {
        "neighbourhoods": {
            "+": [
                {"id": "nb-w-1", "name": "Westmere North", "place": "place-westmere", "population": 60000},
                {"id": "nb-w-2", "name": "Westmere South", "place": "place-westmere", "population": 70000},
            ]
        }
    }
    assert_passes(rule(tmp_path, "select.each_has", BIG_PLACES, two))
    # Castleport grows past 400,000: it has two neighbourhoods, so it passes; Portbury has one.
    grown = {**two, "places": {"1": {"population": 410000}, "3": {"population": 400001}}}
    result = rule(tmp_path, "select.each_has", BIG_PLACES, grown)
    assert_findings(result, ["/places/3"])
    assert result.messages == ["Portbury has 1 neighbourhood(s); at least 2 required"]
    # Exactly 400,000 is not over 400,000.
    assert_passes(rule(tmp_path, "select.each_has", BIG_PLACES, {**two, "places": {"3": {"population": 400000}}}))


def test_numeric_comparisons(tmp_path: Path) -> None:
    params = {"select": "/neighbourhoods/*", "where": {"population": {"ge": 64000, "lt": 120000}}, "max": 1}
    result = rule(tmp_path, "select.count", params)  # Castleport East 64,000 and Harrow North 71,000
    assert_findings(result, ["/neighbourhoods"])
    assert result.messages == ["found 2 item(s) at /neighbourhoods/* with population >= 64000 and < 120000; at most 1 allowed"]
    assert_passes(rule(tmp_path, "select.count", {**params, "where": {"population": {"gt": 64000, "le": 71000}}}))


def test_any_of_and_absence(tmp_path: Path) -> None:
    any_of = {"select": "/committees/*", "where": {"type": {"any_of": ["audit", "remuneration"]}}, "max": 1}
    result = rule(tmp_path, "select.count", any_of)
    assert result.messages == ["found 2 item(s) at /committees/* with type one of audit or remuneration; at most 1 allowed"]
    # Places without a partnership name: Isle of Harrow and Portbury.
    absent = {"select": "/places/*", "where": {"partnership/name": {"absent": True}}, "max": 0}
    assert_findings(rule(tmp_path, "select.count", absent), ["/places"])
    assert rule(tmp_path, "select.count", absent).messages == [
        "found 2 item(s) at /places/* with partnership/name absent; at most 0 allowed"
    ]
    present = {"select": "/places/*", "where": {"partnership/name": {"absent": False}}, "min": 3}
    assert rule(tmp_path, "select.count", present).messages == [
        "found 2 item(s) at /places/* with partnership/name present; at least 3 required"
    ]


def test_a_reverse_reference_as_a_filter(tmp_path: Path) -> None:
    # Places that no neighbourhood belongs to: Westmere.
    params = {
        "select": "/places/*",
        "where": {"/neighbourhoods/*<-place": {"absent": True}},
        "max": 0,
        "label": "place(s) without neighbourhoods",
    }
    result = rule(tmp_path, "select.count", params)
    assert result.messages == ["found 1 place(s) without neighbourhoods; at most 0 allowed"]


def test_a_regular_expression_filter(tmp_path: Path) -> None:
    params = {"select": "/places/*", "where": {"name": {"matches": "^(West|Port)"}}, "max": 1}
    result = rule(tmp_path, "select.count", params)  # Westmere and Portbury
    assert result.messages == ["found 2 item(s) at /places/* with name matching ^(West|Port); at most 1 allowed"]


def test_a_catastrophic_regular_expression_is_an_error_outcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(select, "REGEX_TIME_LIMIT", 0.2)
    long_name = {"places": {"0": {"name": "a" * 60 + "!"}}}
    params = {"select": "/places/*", "where": {"name": {"matches": "^(a|aa)+$"}}, "max": 0}
    result = rule(tmp_path, "select.count", params, long_name)
    assert result.status == "error"
    assert result.detail.startswith(
        "check 'select.count' (plugin 'govcheck.checks') raised RegexTimeout: regular expression '^(a|aa)+$' "
        "did not finish within 0.2 s (on 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'); simplify it (at "
    )
    raised = Path(select.__file__).read_text().splitlines().index("            raise RegexTimeout(") + 1
    assert result.detail.endswith(f"select.py:{raised})")


def test_a_malformed_regular_expression_is_a_load_error(tmp_path: Path) -> None:
    from govcheck.errors import ConfigError

    with pytest.raises(ConfigError, match=r"parameter where/name/matches: never matches: '\(unclosed' is not a regular expression"):
        rule(tmp_path, "select.count", {"select": "/places/*", "where": {"name": {"matches": "(unclosed"}}, "max": 0})


def test_message_templates(tmp_path: Path) -> None:
    params = {
        "select": "/neighbourhoods/*",
        "field": "population",
        "max": 100000,
        "message": "{name} has {value} people (at {path}); split it",
    }
    result = rule(tmp_path, "select.range", params)
    assert_findings(result, ["/neighbourhoods/3/population"])
    assert result.messages == ["Portbury Central has 120000 people (at /neighbourhoods/3/population); split it"]
    # A long name is shortened, as every echoed value is.
    long = {"places": {"3": {"name": "P" * 200}}}
    required = {"select": "/places/*", "fields": ["partnership/name"], "message": "{name}: no partnership name"}
    messages = rule(tmp_path, "select.required", required, long).messages
    assert messages[1] == "P" * 77 + "...: no partnership name"


def test_message_template_braces_and_bad_placeholders(tmp_path: Path) -> None:
    from govcheck.errors import ConfigError

    base = {"select": "/places/*", "fields": ["partnership/name"]}
    ok = rule(tmp_path, "select.required", {**base, "message": "{{literal}} {name}"})
    assert ok.messages[0] == "{literal} Isle of Harrow"
    for bad, why in (("{value.__class__}", "unknown placeholder {value.__class__}"), ("{name", "expected '}'")):
        with pytest.raises(ConfigError, match=r"parameter message: " + why.replace("{", r"\{").replace(".", r"\.")):
            rule(tmp_path, "select.required", {**base, "message": bad})


def test_a_catastrophic_pattern_from_the_command_line_ends_as_an_error_outcome(tmp_path: Path) -> None:
    """With the default budget and a 1-second rule time limit, whichever bound fires first,
    the rule errors, the other rules report, and the run exits 2 (nothing hangs)."""
    import json

    from govcheck.testing import document_text
    from tests.plugin_helpers import cli

    doc = tmp_path / "constitution.yaml"
    doc.write_text(document_text({"places": {"0": {"name": "a" * 80 + "!"}}}))
    pack = one_rule_pack(tmp_path, "select.count", {"select": "/places/*", "where": {"name": {"matches": "^(a|aa)+$"}}, "max": 0})
    result = cli("check", "--rule-pack", str(pack), "--rule-timeout", "1", "-f", "json", str(doc))
    assert result.returncode == 2, result.stderr
    outcomes = {o["rule"]: o for o in json.loads(result.stdout)["documents"][0]["outcomes"]}
    detail = outcomes["T001"]["detail"]
    assert outcomes["T001"]["status"] == "error"
    assert detail.startswith("check 'select.count' (plugin 'govcheck.checks') ")
    assert detail.endswith("did not finish within the 1-second rule time limit") or (
        "raised RegexTimeout: regular expression '^(a|aa)+$' did not finish within 1 s" in detail
    )
    assert outcomes["GOV101"]["status"] == "passed"
