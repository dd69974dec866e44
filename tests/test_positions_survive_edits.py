"""Rule tests survive an edit of the reference constitution (issue 20, item 7).

Their expectations name the node a finding is about, not its line: here a comment line is
added at the top of a copy of fixtures/valid/reference.yaml, every failing fixture derived
from it is regenerated with tests/fixture_edits.py, and every rule test's table of expected
findings is asserted, unchanged, against the copy: each finding has moved down one line and
is still exactly where its table says.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import tests.test_board_rules as board
import tests.test_core_rules as core
import tests.test_geography as geography
import tests.test_nominations as nominations
import tests.test_rules_d_to_k as d_to_k
import tests.test_seats as seats
from govcheck.api import check_file
from tests import fixture_edits
from tests.conftest import FIXTURES, assert_fixture_findings

COMMENT = "# A line added at the top of the reference: no rule test's expectation changes.\n"

# (fixture, expected findings, settings) of every rule test that asserts a rule's findings
TABLES = [
    *((name, expected, core.ALL_PROFILES) for name, expected in core.EXPECTED.items()),
    *((name, expected, board.ALL_PROFILES) for name, expected in board.EXPECTED.items()),
    *((name, expected, seats.ALL) for name, expected in seats.EXPECTED.items()),
    ("GOV124-partner-nominator-eligible", nominations.EXPECTED_GOV124, nominations.ALL),
    ("GOV125-area-part-described", geography.EXPECTED_GOV125, geography.ALL),
]


registry = d_to_k.registry  # the same module-scoped fixture


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixtures whose reference has one more line at the top, regenerated."""
    root = tmp_path_factory.mktemp("edited")
    shutil.copytree(FIXTURES, root / "fixtures")
    reference = root / "fixtures" / "valid" / "reference.yaml"
    reference.write_text(COMMENT + reference.read_text(encoding="utf-8"), encoding="utf-8")
    fixture_edits.main(root)
    return root / "fixtures"


def test_the_edit_moved_every_derived_fixture_down_one_line(edited: Path) -> None:
    for name in fixture_edits.EDITS:
        before = (FIXTURES / "invalid" / f"{name}.yaml").read_text(encoding="utf-8")
        after = (edited / "invalid" / f"{name}.yaml").read_text(encoding="utf-8")
        assert after == COMMENT + before, name


@pytest.mark.parametrize(("name", "expected", "settings"), TABLES, ids=[t[0] for t in TABLES])
def test_rule_tests_hold_on_the_edited_reference(edited: Path, name: str, expected, settings) -> None:
    report = assert_fixture_findings(name, expected, settings, fixtures=edited)
    if name in fixture_edits.EDITS:  # the findings did move: the expectation followed them
        rule = name.split("-")[0]
        original = check_file(FIXTURES / "invalid" / f"{name}.yaml", settings=settings, entry_points=False)
        assert [f.line for f in report.findings if f.rule == rule] == [
            f.line + 1 for f in original.findings if f.rule == rule
        ]


@pytest.mark.parametrize("name", sorted(d_to_k.EXPECTED))
def test_document_findings_hold_on_the_edited_reference(registry, edited: Path, name: str) -> None:
    d_to_k.assert_document_findings(registry, name, d_to_k.EXPECTED[name], fixtures=edited)
