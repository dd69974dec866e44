"""Small pieces shared by the report formats: verdicts, help text, rule outcomes (citations: citations.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from govcheck.findings import ERROR, FAILED, NOT_APPLICABLE, PASSED, WAIVED
from govcheck.reporters import citations

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.report import DocumentResult, Outcome, Report
    from govcheck.rules import Rule

VERDICTS = {0: "compliant", 1: "not compliant", 2: "compliance not established"}
VERDICT_DETAIL = {
    0: "nothing at or above the fail threshold",
    1: "findings at or above the fail threshold",
    2: "a rule could not be evaluated",
}
OUTCOME_LABELS = {
    PASSED: "passed",
    FAILED: "failed",
    WAIVED: "waived",
    ERROR: "error",
    NOT_APPLICABLE: "not applicable",
}
# How bad an outcome is, for combining one rule's outcomes over several documents.
OUTCOME_RANK = {NOT_APPLICABLE: 0, PASSED: 1, WAIVED: 2, FAILED: 3, ERROR: 4}


def verdict(report: Report) -> str:
    return VERDICTS[compliance_code(report)]


def compliance_code(report: Report) -> int:
    """Whether the documents comply, apart from whether the run fails (see Report.compliance_code)."""
    return report.compliance_code()


def run_status(report: Report) -> str:
    """Whether the run fails, and why, in words (the exit code, apart from the verdict)."""
    code = report.exit_code()
    threshold = report.fail_on
    if code == 2:
        return "the run fails (exit 2): a rule could not be evaluated"
    if code == 1 and getattr(report, "exit_zero", False):
        return f"the run passes (exit 0) because of --exit-zero; findings at or above fail-on {threshold} would fail it"
    if code == 1:
        return f"the run fails (exit 1): findings at or above fail-on {threshold}"
    if report.open_findings and threshold == "never":
        return "the run passes (exit 0) because fail-on is never"
    if report.open_findings:
        return f"the run passes (exit 0): no finding at or above fail-on {threshold}"
    return "the run passes (exit 0)"


def help_text(rule: Rule) -> str:
    """Plain-text help for a rule: why, how to comply, and its sources."""
    from govcheck.rules import shown_fix

    lines = [rule.rationale, "", f"How to comply: {shown_fix(rule.remediation)}", "", "Sources:"]
    lines += [f"- {citations.text(c)}" for c in citations.of_rule(rule)]
    if rule.guidance_version:
        lines += ["", f"Guidance version: {rule.guidance_version}"]
    return "\n".join(lines)


def help_url(rule: Rule) -> str:
    """The first citation URL, or '' (a rule without one gets no helpUri at all)."""
    return citations.first_url(citations.of_rule(rule))


def outcomes_by_rule(documents: Iterable[DocumentResult]) -> dict[str, list[tuple[DocumentResult, Outcome]]]:
    """Every rule that ran on ``documents`` (a report's, or one of them), in id order, with
    its outcome on each document."""
    found: dict[str, list[tuple[DocumentResult, Outcome]]] = {}
    for doc in documents:
        for outcome in doc.outcomes:
            found.setdefault(outcome.rule, []).append((doc, outcome))
    return dict(sorted(found.items()))


def overall(outcomes: list[tuple[DocumentResult, Outcome]]) -> str:
    """One rule's outcome over all documents: the worst of them."""
    return max((o.status for _, o in outcomes), key=lambda s: OUTCOME_RANK.get(s, 0))


def location(file: str, line: int, column: int) -> str:
    return f"{file}:{max(line, 1)}:{max(column, 1)}"


def rule_errors(report: Report) -> Iterator[tuple[DocumentResult, Outcome]]:
    """Rules that could not be evaluated, with their document."""
    for doc in report.documents:
        for outcome in doc.outcomes:
            if outcome.status == ERROR:
                yield doc, outcome
