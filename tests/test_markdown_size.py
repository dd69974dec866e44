"""Markdown fits a pull-request comment: never over 65,536 characters unless --full is asked for."""

from __future__ import annotations

from govcheck.findings import Finding
from govcheck.report import DocumentResult, Outcome, Report
from govcheck.reporters import markdown
from tests.conftest import FIXTURES, run_cli

LIMIT = 65_536  # GitHub's limit on a comment body


def _fits(text: str) -> bool:
    return len(text) <= LIMIT and len(text.encode("utf-16-le")) // 2 <= LIMIT


def test_a_large_batch_switches_to_the_summary_form() -> None:
    result = run_cli("check", str(FIXTURES / "invalid"), "-f", "markdown")
    assert result.returncode == 1
    text = result.stdout
    assert _fits(text)
    assert text.startswith("## ❌ govcheck: not compliant\n")
    assert "**This is the summary form:** the full report (" in text
    assert "`--format markdown --full`" in text
    assert "| GOV101 | The board has a chair" in text  # counts per rule
    gov101 = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"
    assert f"| `{gov101}` | 1 | 0 | 0 |" in text  # counts per document
    full = run_cli("check", str(FIXTURES / "invalid"), "-f", "markdown", "--full").stdout
    assert len(full) > LIMIT
    assert "summary form" not in full
    assert full.startswith(text.split("**This is the summary form:**")[0].rstrip("\n"))


def test_small_reports_are_unchanged() -> None:
    one = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"
    text = run_cli("check", str(one), "-f", "markdown").stdout
    assert "summary form" not in text
    assert text == run_cli("check", str(one), "-f", "markdown", "--full").stdout


def test_even_a_huge_batch_stays_within_the_limit() -> None:
    docs = []
    for d in range(400):
        findings = [
            Finding(
                rule=f"X{r:03d}", slug="s", severity=("error", "warning", "info")[r % 3],
                message="a long message " * 20, file=f"drafts/d{d}.yaml", line=r + 1, column=1,
            )
            for r in range(50)
        ]  # fmt: skip
        docs.append(DocumentResult(file=f"drafts/d{d}.yaml", outcomes=[Outcome("X000", "failed")], findings=findings))
    report = Report(documents=docs, rules={}, tool_version="0", profiles=["statutory"], fail_on="warning")
    text = markdown.render(report)
    assert _fits(text)
    assert "and 0 of" not in text and "of 20000 open finding(s)" in text
