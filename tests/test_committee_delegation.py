"""Delegations to any committee state their limits (issue 12, item 4): ICB committees and
place committees alike; a committee named for its own function is not a delegation."""

from __future__ import annotations

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import REFERENCE
from tests.positions import node_position

REF = REFERENCE.read_text()
QUALITY = 'delegated_to: [c-quality], limits: "monitoring and recommendations to the board"}'


def _gov410(text: str) -> list[tuple[int, str, str]]:
    report = check_text(text, "d.yaml", settings=Settings(), entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.line, f.path, f.message) for f in report.findings if f.rule == "GOV410"]


def test_reference_states_every_committee_delegation() -> None:
    assert _gov410(REF) == []


def test_a_place_committee_delegation_without_limits() -> None:
    text = REF.replace(QUALITY, "delegated_to: [c-quality, c-place-westmere]}")
    assert "id: c-place-westmere" in REF and text != REF
    assert _gov410(text) == [(
        node_position(text, "/accountabilities/11/delegated_to")[0], "/accountabilities/11/delegated_to",
        "'Reducing health inequalities' is delegated to committee c-quality, c-place-westmere without "
        "stating the scope and limits of the delegation (limits)",
    )]


def test_self_delegation_and_delegation_to_a_member_are_not_this_rules() -> None:
    text = REF.replace("owner: c-audit}", "owner: c-audit, delegated_to: [c-audit, m-cfo]}")
    assert text != REF
    assert _gov410(text) == []
