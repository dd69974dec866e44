"""Meta-tests over every rule in every built-in pack: metadata, severity, documentation, and
a failing and a passing fixture that really fail and pass it. A rule added without any of
these fails here, and docs/rules.md failing to match the packs fails here too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govcheck import docgen
from govcheck.docgen import held_for_verification
from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from govcheck.report import DocumentResult
from govcheck.rules import Rule
from tests.conftest import FIXTURES, REFERENCE, ROOT, run_cli

REGISTRY = load_registry([], entry_points=False)
RULES = sorted(REGISTRY.rules.values(), key=lambda r: r.id)
IDS = [r.id for r in RULES]
HP_PROFILE = "health-and-prosperity"
HP_VALID = FIXTURES / "valid" / "health-and-prosperity.yaml"
# Rules of a law version not in force today are judged under --law with its valid fixture.
BILL = "health-bill-2026"
BILL_VALID = FIXTURES / "valid" / f"{BILL}.yaml"
DOCS = ROOT / "docs" / "rules.md"
# The severity each profile's rules carry unless the rule says why not (severity_reason).
PROFILE_SEVERITY = {
    "core": "error",
    "statutory": "error",
    "nhse-policy": "warning",
    "good-practice": "info",
    HP_PROFILE: "info",
}


def _rule(rule_id: str) -> Rule:
    return REGISTRY.rules[rule_id]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(REGISTRY, Settings(profiles=tuple(sorted({r.profile for r in RULES}))))


@pytest.fixture(scope="module")
def bill_engine() -> Engine:
    return Engine(REGISTRY, Settings(profiles=tuple(sorted({r.profile for r in RULES})), law=BILL))


def _of_bill(rule: Rule) -> bool:
    return bool(rule.law) and rule.law.get("from") == BILL


@pytest.fixture(scope="module")
def passing_results(engine: Engine, bill_engine: Engine) -> dict[str, DocumentResult]:
    files = [REFERENCE] + ([HP_VALID] if HP_VALID.exists() else [])
    results = {p.name: engine.check_path(p) for p in files}
    results[BILL_VALID.name] = bill_engine.check_path(BILL_VALID)
    return results


def test_there_are_rules_in_every_built_in_pack() -> None:
    packs = {r.pack for r in RULES}
    assert {"core", "statutory", "nhse-policy", "good-practice"} <= packs
    assert len([r for r in RULES if r.pack != "core"]) >= 40


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_has_citations_rationale_and_remediation(rule_id: str) -> None:
    rule = _rule(rule_id)
    assert rule.citations, f"{rule_id} has no citations"
    for citation in rule.citations:
        assert str(citation["source"]).strip()
        assert isinstance(citation.get("verified", True), bool)
    assert rule.rationale.strip(), f"{rule_id} has no rationale"
    assert rule.remediation.strip(), f"{rule_id} has no remediation"
    assert re.fullmatch(r"GOV\d{3}", rule_id)
    assert rule.title.strip() and rule.slug


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_severity_matches_its_profile_or_says_why(rule_id: str) -> None:
    rule = _rule(rule_id)
    assert rule.profile in PROFILE_SEVERITY, f"{rule_id}: unknown profile {rule.profile!r}"
    if rule.severity != PROFILE_SEVERITY[rule.profile] and not held_for_verification(rule):
        assert rule.severity_reason, (
            f"{rule_id} is {rule.severity} in profile {rule.profile} (usually {PROFILE_SEVERITY[rule.profile]}): "
            "give a severity_reason"
        )


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_has_a_section_in_the_rule_reference(rule_id: str) -> None:
    rule = _rule(rule_id)
    text = DOCS.read_text()
    assert f"\n## {rule.id} {rule.slug}\n" in text
    section = text.split(f"\n## {rule.id} {rule.slug}\n", 1)[1].split("\n## ", 1)[0]
    assert f"fixtures/invalid/{rule.id}-{rule.slug}.yaml` gives\n" in section


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_failing_fixture_fails_it(rule_id: str, engine: Engine, bill_engine: Engine) -> None:
    rule = _rule(rule_id)
    path = FIXTURES / "invalid" / f"{rule.id}-{rule.slug}.yaml"
    assert path.is_file(), f"no failing fixture {path.relative_to(ROOT)}"
    result = (bill_engine if _of_bill(rule) else engine).check_path(path)
    assert [f for f in result.findings if f.rule == rule_id], f"{path.name} gives no finding of {rule_id}"
    outcome = next(o for o in result.outcomes if o.rule == rule_id)
    assert outcome.status == "failed"


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_passing_fixture_passes_it(rule_id: str, passing_results: dict[str, DocumentResult]) -> None:
    rule = _rule(rule_id)
    valid = HP_VALID if rule.profile == HP_PROFILE and HP_VALID.exists() else REFERENCE
    if _of_bill(rule):
        valid = BILL_VALID
    result = passing_results[valid.name]
    assert [f.message for f in result.findings if f.rule == rule_id] == []
    outcome = next(o for o in result.outcomes if o.rule == rule_id)
    assert outcome.status == "passed", f"{rule_id} on {valid.name}: {outcome.status} {outcome.detail}"


def test_every_rule_fixture_names_an_existing_rule() -> None:
    slugs = {r.id: r.slug for r in RULES}
    for path in sorted((FIXTURES / "invalid").glob("GOV*.yaml")):
        rule_id, _, slug = path.stem.partition("-")
        assert slugs.get(rule_id) == slug, f"{path.name} does not match a rule id and slug"


def test_rule_reference_is_current(tmp_path: Path) -> None:
    """CI fails when docs/rules.md no longer matches the packs and fixtures (run `make docs`)."""
    shown = run_cli("rules", "--format", "markdown", "--no-plugins")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == DOCS.read_text(), "docs/rules.md is stale: run `make docs`"


def test_rules_output_is_written_atomically_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "rules.json"
    written = run_cli("rules", "--format", "json", "--no-plugins", "--output", str(out))
    assert (written.returncode, written.stdout) == (0, "")
    assert out.read_text() == run_cli("rules", "--format", "json", "--no-plugins").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["rules.json"]


def test_rules_markdown_without_fixtures_leaves_examples_out() -> None:
    text = docgen.render(RULES)
    assert "## GOV105 icb-name-and-area\n" in text
    assert "Failing example" not in text


def test_rules_command_rejects_bad_format_and_fixture_directory() -> None:
    bad = run_cli("rules", "--format", "yaml")
    assert bad.returncode == 2 and "--format must be text, json or markdown, not 'yaml'" in bad.stderr
    missing = run_cli("rules", "--format", "markdown", "--fixtures", "no/such/dir")
    assert missing.returncode == 2 and "--fixtures: no such directory: no/such/dir" in missing.stderr
    assert "Traceback" not in bad.stderr + missing.stderr
