"""Quorum as a majority ("more than half of the voting members"), recomputed from the
seats (issue 12, item 2): never exactly half, follows vacancies, and is a defined quorum."""

from __future__ import annotations

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import FIXTURES, REFERENCE, edit
from tests.positions import AtKey, node_position

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))


def _findings(text: str, rules: tuple[str, ...]) -> list[tuple[str, int, str, str]]:
    report = check_text(text, "quorum.yaml", settings=ALL, entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.rule, f.line, f.path, f.message) for f in report.findings if f.rule in rules]


def _edit(text: str, old: str, new: str) -> str:
    return edit(text, (old, new))


QUORUM_RULES = ("GOV501", "GOV502", "GOV508")
REF = REFERENCE.read_text()
EVEN = _edit(  # a twelfth voting member: the fraction 0.5 is exactly half, a majority is not
    REF,
    "  participants:\n",
    "    - {id: m-ned-4, name: Owen Pryce, roles: [non_executive], voting: true, employee_of_icb: false,"
    " appointment: {appointed_by: m-chair, procedure: Constitution section 3.9, first_appointed: 2023-04-01,"
    " term_years: 3}, checks: {fit_and_proper: true, nolan_principles: true, disqualifications_clear: true}}\n"
    "  participants:\n",
)


def test_half_as_a_fraction_on_an_even_board_is_not_a_majority() -> None:
    text = _edit(EVEN, "    min_count: 6\n", "    min_fraction: 0.5\n")
    assert _findings(text, QUORUM_RULES) == [(
        "GOV502", node_position(text, "/board/quorum/min_fraction")[0], "/board/quorum/min_fraction",
        "the quorum is 6 of 12 voting members; it must be more than 0.5 of them (quorum_min_fraction), i.e. at least 7",
    )]


def test_majority_is_more_than_half_and_passes_on_any_board() -> None:
    assert _findings(_edit(EVEN, "    min_count: 6\n", "    majority: true\n"), QUORUM_RULES) == []
    assert _findings(_edit(REF, "    min_count: 6\n", "    majority: true\n"), QUORUM_RULES) == []


def test_majority_is_recomputed_from_the_seats_a_vacancy_has_nobody_to_count() -> None:
    # 11 voting seats, the chief executive's vacant: a majority of the 10 who can attend is
    # 6; a count of 10 would need every one of them (GOV508, at the count that sets it).
    vacant = (FIXTURES / "invalid" / "GOV123-statutory-office-vacant.yaml").read_text()  # the CEO's seat
    text = _edit(vacant, "    min_count: 6\n", "    majority: true\n    min_count: 10\n")
    found = _findings(text, ("GOV508",))
    assert [f[:3] for f in found] == [("GOV508", node_position(text, "/board/quorum/min_count")[0], "/board/quorum/min_count")]
    assert "needs every one of the 10 voting members" in found[0][3]
    only = _edit(vacant, "    min_count: 6\n", "    majority: true\n")
    assert _findings(only, ("GOV502", "GOV501")) == []


def test_a_quorum_that_states_nothing_is_still_undefined() -> None:
    text = _edit(REF, "    min_count: 6\n", "")
    found = _findings(text, QUORUM_RULES)
    # min_count is gone: the finding is at the quorum's key, its nearest ancestor
    assert [f[:3] for f in found] == [("GOV501", node_position(text, AtKey("/board/quorum/min_count"))[0], "/board/quorum/min_count")]
    assert "a number, a fraction or a majority" in found[0][3]
