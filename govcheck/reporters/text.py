"""The text format: one line per finding, then a summary, the law judged against and the result."""

from __future__ import annotations

import re

from govcheck.report import Report

# Control characters (terminal escapes, line breaks inside a message) and bidirectional
# overrides ("Trojan Source") from a document or a plugin message are shown escaped, so a
# finding is one line and a terminal shows what the document holds.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        mark = "" if f.status == "open" else f" [{f.status}{': ' + f.waiver_reason if f.waiver_reason else ''}]"
        lines.append(f"{f.file}:{f.line}:{f.column}: {f.rule} {f.severity} {f.message} [{f.slug}]{mark}")
        if f.citation:
            lines.append(f"    source: {f.citation}")
        if f.remediation:
            lines.append(f"    fix: {f.remediation}")
    for doc in report.documents:
        for o in doc.outcomes:
            if o.status == "error":
                lines.append(f"{doc.file}: {o.rule} error: rule could not be evaluated: {o.detail}")
    c = report.counts()
    sev = c["findings"]
    outcomes = c["outcomes"]
    lines.append(
        f"{c['documents']} document(s) checked: {sev['error']} error(s), {sev['warning']} warning(s), "
        f"{sev['info']} info; rules passed {outcomes['passed']}, failed {outcomes['failed']}, "
        f"not applicable {outcomes['not_applicable']}, errored {outcomes['error']}"
        + (f"; {c['waived']} waived" if c["waived"] else "")
        + (f"; {c['baselined']} baselined" if c["baselined"] else "")
    )
    lines.extend(f"law: {law}" for law in report.laws())
    code = report.exit_code()
    verdict = {0: "compliant", 1: "NOT compliant", 2: "compliance NOT established (rule errors)"}[code]
    # The verdict stays the last line, for scripts and CI logs that read it with `tail -1`.
    lines.append(f"result: {verdict} (fail-on {report.fail_on}; profiles {', '.join(report.profiles)})")
    return "\n".join(_UNSAFE.sub(_escape, line) for line in lines) + "\n"
