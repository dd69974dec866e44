"""GOV409: delegations that loop back to their owner, or delegate to the owner itself."""

from __future__ import annotations

from govcheck.api import check_file, check_text
from govcheck.report import Report
from tests.conftest import FIXTURES, REFERENCE
from tests.positions import node_position

FIXTURE = FIXTURES / "invalid" / "GOV409-delegation-loop.yaml"


def _gov409(report: Report) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.path, f.message) for f in report.findings if f.rule == "GOV409"]


def test_failing_fixture_reports_the_self_delegation_and_both_edges_of_the_loop() -> None:
    report = check_file(FIXTURE, entry_points=False)
    found = _gov409(report)
    paths = ["/accountabilities/11/delegated_to/0", "/accountabilities/14/delegated_to/0", "/accountabilities/16/delegated_to/0"]
    text = FIXTURE.read_text()
    assert [(line, col, path) for line, col, path, _ in found] == [(*node_position(text, p), p) for p in paths]
    assert "board -> c-quality (f-inequalities), c-quality -> board (f-quality)" in found[0][3]
    assert "'c-audit' owns this function and delegates it to itself" in found[1][3]
    assert "c-quality -> board (f-quality), board -> c-quality (f-inequalities)" in found[2][3]
    assert {f.rule for f in report.findings} == {"GOV409"}
    assert report.exit_code() == 1


def test_a_longer_loop_is_shown_in_full() -> None:
    text = REFERENCE.read_text().replace(
        "{id: f-audit, function: Internal and external audit, owner: c-audit}",
        "{id: f-audit, function: Internal and external audit, owner: c-audit, delegated_to: [m-cfo]}",
    ).replace(
        "{id: f-procurement, function: Procurement decisions, owner: c-finance}",
        "{id: f-procurement, function: Procurement decisions, owner: c-finance, delegated_to: [c-audit]}",
    )
    found = _gov409(check_text(text, "loop3.yaml", entry_points=False))
    # c-audit -> m-cfo (f-audit) -> c-finance (f-financial-duties) -> c-audit (f-procurement)
    assert len(found) == 3
    assert any(
        "c-audit -> m-cfo (f-audit), m-cfo -> c-finance (f-financial-duties), "
        "c-finance -> c-audit (f-procurement)" in message
        for *_, message in found
    )


def test_the_reference_has_no_loop() -> None:
    report = check_file(REFERENCE, entry_points=False)
    outcome = next(o for o in report.documents[0].outcomes if o.rule == "GOV409")
    assert outcome.status == "passed"
