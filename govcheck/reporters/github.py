"""GitHub Actions workflow commands: one annotation per open finding.

``::error file=F,line=L,col=C,title=T::MESSAGE`` (``warning`` and ``notice`` for the lower
severities). Data is escaped as the Actions runner expects (``%``, CR, LF), and property
values additionally escape ``:`` and ``,``. Waived and baselined findings are not annotated;
a rule that could not be evaluated is an error annotation on its document.
"""

from __future__ import annotations

from govcheck.report import Report
from govcheck.reporters.common import VERDICTS, compliance_code, rule_errors, run_status
from govcheck.textsafe import visible, visible_lines

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Message text: controls, bidi and invisible characters as visible escapes (line breaks
    kept, as ``%0A``), then the runner's own escapes."""
    return visible_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(visible(text)).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: str | int) -> str:
    """One workflow command line, properties in the given order."""
    args = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{kind} {args}::{escape_data(message)}" if args else f"::{kind}::{escape_data(message)}"


def render(report: Report) -> str:
    lines = []
    for f in report.open_findings:
        message = f.message
        if f.citation:
            message += f"\nSource: {f.citation}"
        if f.remediation:
            message += f"\nFix: {f.remediation}"
        lines.append(
            command(
                COMMANDS[f.severity],
                message,
                file=f.file,
                line=max(f.line, 1),
                col=max(f.column, 1),
                title=f"{f.rule} {f.slug}",
            )
        )
    for doc, outcome in rule_errors(report):
        lines.append(
            command("error", f"rule could not be evaluated: {outcome.detail}", file=doc.file, title=outcome.rule)
        )
    c = report.counts()
    sev = c["findings"]
    lines.append(
        f"govcheck: {c['documents']} document(s), {sev['error']} error(s), {sev['warning']} warning(s), "
        f"{sev['info']} info: {VERDICTS[compliance_code(report)]} (profiles {', '.join(report.profiles)}); "
        f"{run_status(report)}"
    )
    return "\n".join(lines) + "\n"
