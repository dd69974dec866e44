"""Findings, severities and rule outcomes: the values every reporter consumes."""

from __future__ import annotations

from typing import Any, NamedTuple

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}

# Rule outcomes, per document.
PASSED = "passed"
FAILED = "failed"
WAIVED = "waived"
# Finding statuses (WAIVED is both an outcome and a status).
OPEN = "open"
BASELINED = "baselined"
ERROR = "error"
NOT_APPLICABLE = "not_applicable"
OUTCOMES = (PASSED, FAILED, WAIVED, ERROR, NOT_APPLICABLE)


class Finding(NamedTuple):
    """One breach of one rule at one place in one document.

    ``path`` is a JSON Pointer into the document (``/board/members/3/roles``); ``line`` and
    ``column`` are 1-based. ``status`` is ``open``, ``waived`` or ``baselined``. A waived
    finding carries its waiver's reason, approver, expiry and JSON Pointer (``/waivers/0``);
    ``baseline`` is ``new`` or ``baselined`` when the run used a baseline, else empty.
    ``fingerprint`` identifies the finding across edits (rule, document, structural path, value).
    """

    rule: str
    slug: str
    severity: str
    message: str
    file: str
    line: int
    column: int
    path: str = ""
    citation: str = ""
    remediation: str = ""
    fingerprint: str = ""
    status: str = "open"
    waiver_reason: str = ""
    waiver_approver: str = ""
    waiver_expires: str = ""
    waiver_path: str = ""
    baseline: str = ""
    citation_url: str = ""  # the citations' web addresses, space-separated
    # Other places this finding covers, as (path, line, column): one cause found in several
    # places is one finding (see govcheck.rootcause). Empty for most findings.
    related: tuple[tuple[str, int, int], ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        """The total order every report uses (document, line, column, rule, path, message)."""
        return (self.file, self.line, self.column, self.rule, self.path, self.message)

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        related = data.pop("related")
        if related:
            data["related"] = [{"path": p, "line": line, "column": col} for p, line, col in related]
        return data


def severity_at_least(severity: str, threshold: str) -> bool:
    """True when ``severity`` is at or above ``threshold`` (``never`` is never reached)."""
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
