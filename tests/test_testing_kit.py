"""govcheck.testing: the kit plugin authors use in their own test suites."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings

from govcheck.testing import (
    assert_findings,
    assert_passes,
    document,
    document_text,
    merge,
    reference_data,
    reference_path,
    run_rule,
)
from govcheck.testing.strategies import constitution_texts, constitutions
from tests.conftest import REFERENCE, ROOT


def test_the_reference_is_the_fixture_in_a_checkout() -> None:
    # In the wheel it is govcheck/data/reference.yaml, force-included from this very file
    # (tests/test_wheel_integration.py checks the wheel's copy is byte-identical).
    assert reference_path() == REFERENCE
    assert reference_data()["icb"]["id"] == "icb"
    assert reference_data()["as_of"] == "2026-04-01"


def test_merge_deep_merges_deletes_and_edits_lists() -> None:
    base = {"a": {"b": 1, "c": 2}, "items": [{"x": 1}, {"x": 2}, {"x": 3}], "keep": [1, 2]}
    patch = {"a": {"c": None, "d": 4}, "items": {"0": {"y": 9}, "-1": None, "+": [{"x": 4}]}, "keep": [3]}
    assert merge(base, patch) == {
        "a": {"b": 1, "d": 4},
        "items": [{"x": 1, "y": 9}, {"x": 2}, {"x": 4}],
        "keep": [3],
    }
    assert base["a"] == {"b": 1, "c": 2}  # neither argument changes
    with pytest.raises(IndexError, match="patch index 5 is outside a list of 3 item"):
        merge(base, {"items": {"5": {}}})


def test_document_from_a_yaml_patch() -> None:
    doc = document(
        """
        as_of: 2027-01-01
        board:
          members:
            "0": {name: Ada Lovelace}
        """.replace("\n        ", "\n")
    )
    assert doc["as_of"] == "2027-01-01"
    assert doc["board"]["members"][0]["name"] == "Ada Lovelace"
    assert doc["board"]["members"][1] == reference_data()["board"]["members"][1]
    assert "Ada Lovelace" in document_text({"board": {"members": {"0": {"name": "Ada Lovelace"}}}})


def test_run_rule_and_assert_findings() -> None:
    assert_passes(run_rule("GOV101", entry_points=False))
    no_chair = {"board": {"members": {"0": {"roles": ["non_executive"]}}}}
    result = run_rule("GOV101", no_chair, entry_points=False)
    assert result.status == "failed"
    assert result.paths == ["/board/members"]
    assert_findings(result, [("GOV101", "/board/members")])
    with pytest.raises(AssertionError) as info:
        assert_findings(result, ["/board/members/0"])
    assert str(info.value).splitlines()[:3] == [
        "GOV101 findings differ from what was expected",
        "  missing: GOV101 /board/members/0",
        "  unexpected: GOV101 /board/members",
    ]
    with pytest.raises(AssertionError, match=r"^GOV101 failed: "):
        assert_passes(result)


def test_run_rule_by_slug_with_params_and_unknown_rules() -> None:
    pack = ROOT / "fixtures" / "packs" / "local-rules.yaml"
    result = run_rule("four-non-executive-members", rule_packs=[pack], entry_points=False, params={"min": 3})
    assert (result.rule, result.status) == ("LOCAL001", "passed")
    with pytest.raises(LookupError, match=r"^no rule 'NOPE1' is loaded"):
        run_rule("NOPE1", entry_points=False)


def test_a_document_that_does_not_load_is_reported_by_assert_findings() -> None:
    result = run_rule("GOV101", text="govcheck: 1\n", entry_points=False)
    assert result.status == "not_applicable"
    with pytest.raises(AssertionError, match="GOV101 did not apply: could not run: it reads /board, which is missing"):
        assert_findings(result, ["/board/members"])


def test_the_pytest_fixture_is_installed_with_govcheck(tmp_path: Path) -> None:
    (tmp_path / "test_mine.py").write_text(
        textwrap.dedent(
            """
            def test_kit(govcheck_kit):
                result = govcheck_kit.run_rule("GOV101", {"board": {"members": {"0": {"roles": ["non_executive"]}}}})
                govcheck_kit.assert_findings(result, [("GOV101", "/board/members")])
            """
        )
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_the_kit_is_import_light() -> None:
    code = (
        "import sys, govcheck.testing, govcheck.testing.pytest_plugin; "
        "print(sorted(m for m in ('hypothesis', 'yaml', 'govcheck.engine', 'govcheck.plugins') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


_ENGINES: list = []


def _engine():
    """One engine (built-ins, default and good-practice profiles) for every example."""
    if not _ENGINES:
        from govcheck.engine import Engine, Settings
        from govcheck.plugins import load_registry

        settings = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
        _ENGINES.append(Engine(load_registry(entry_points=False), settings))
    return _ENGINES[0]


@settings(max_examples=20, deadline=None)
@given(constitution_texts())
def test_strategy_documents_are_valid_and_compliant(text: str) -> None:
    result = _engine().check_text(text)
    assert [(f.rule, f.path, f.message) for f in result.findings] == []
    assert {o.status for o in result.outcomes} <= {"passed", "not_applicable"}


@settings(max_examples=10, deadline=None)
@given(constitutions(max_extra_non_executives=2))
def test_strategy_varies_the_board(data: dict) -> None:
    neds = [m for m in data["board"]["members"] if "non_executive" in m["roles"]]
    assert 3 <= len(neds) <= 5
    assert len({o["id"] for o in data["organisations"]}) == len(data["organisations"])


def test_run_check_runs_a_check_on_an_inline_fragment_with_the_rules_parameters() -> None:
    from govcheck.testing import run_check

    fragment = {"neighbourhoods": [{"id": "n-1", "name": "Small", "population": 12000}]}
    found = run_check("population.band", fragment, rule="GOV306")
    assert [(v.path, v.key) for v in found] == [("/neighbourhoods/0/population", False)]
    assert "below the 20,000-200,000 band" in found[0].message
    assert run_check("population.band", fragment, rule="GOV306", params={"min": 10000}) == []


def test_run_check_says_what_is_wrong_with_its_arguments() -> None:
    from govcheck.testing import run_check

    with pytest.raises(LookupError, match=r"no check 'board\.nope' is loaded"):
        run_check("board.nope", {})
    with pytest.raises(LookupError, match=r"no rule 'GOV703' using check 'board\.one_capacity'"):
        run_check("board.one_capacity", {}, rule="GOV703")
    with pytest.raises(ValueError, match="duplicate key 'board'"):
        run_check("board.one_capacity", "board: {}\nboard: {}\n")
