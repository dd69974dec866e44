"""The text format: one line per finding, then a summary."""

from __future__ import annotations

from govcheck.report import Report
from govcheck.textsafe import line_start

# Control characters (terminal escapes, line breaks inside a message), bidirectional
# overrides ("Trojan Source") and invisible characters from a document, a file name or a
# plugin message are shown escaped (govcheck.textsafe), so a finding is one line, a terminal
# shows what the document holds, and no line starts a CI workflow command.


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
    code = report.exit_code()
    verdict = {0: "compliant", 1: "NOT compliant", 2: "compliance NOT established (rule errors)"}[code]
    lines.append(f"result: {verdict} (fail-on {report.fail_on}; profiles {', '.join(report.profiles)})")
    return "\n".join(line_start(line) for line in lines) + "\n"
