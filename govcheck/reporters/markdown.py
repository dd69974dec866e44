"""Markdown for pull-request comments and board papers.

The verdict and counts, every finding with its location and source, then the outcome of
every rule with its citations (a report is also evidence of what passed). Text from the
document is escaped, so a name cannot inject HTML, links, tables or @-mentions.
"""

from __future__ import annotations

import re

from govcheck.report import DocumentResult, Report
from govcheck.reporters.common import OUTCOME_LABELS, VERDICTS, citation_texts, location, outcomes_by_rule, overall
from govcheck.textsafe import markdown_linkish, visible

ICONS = {"passed": "✅", "failed": "❌", "waived": "⏸️", "error": "⚠️", "not_applicable": "⚪"}
VERDICT_ICONS = {0: "✅", 1: "❌", 2: "⚠️"}
SEVERITY_ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Text that renders literally in GitHub-flavoured Markdown, on one line: Markdown syntax
    escaped, URLs, ``www.`` addresses, e-mail addresses and @mentions in code spans (never
    live links or notifications), invisible and bidi characters as visible escapes."""
    text = visible(" ".join(str(text).split()))
    return "".join(code(part) if linkish else _plain(part) for linkish, part in markdown_linkish(text))


def _plain(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")


def code(text: str) -> str:
    """An inline code span that survives backticks in the text."""
    text = visible(" ".join(str(text).split()))
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _findings(report: Report, doc: DocumentResult) -> list[str]:
    lines = [
        f"- {ICONS['error']} **{escape(o.rule)}** could not be evaluated, so compliance is not established: "
        f"{escape(o.detail)}"
        for o in doc.outcomes
        if o.status == "error"
    ]
    if not doc.findings:
        return lines or ["No findings."]
    for f in doc.findings:
        mark = "" if f.status == "open" else f" *({escape(f.status)}{': ' + escape(f.waiver_reason) if f.waiver_reason else ''})*"
        lines.append(
            f"- {SEVERITY_ICONS[f.severity]} **{escape(f.rule)}** {escape(f.severity)} at "
            f"{code(location(f.file, f.line, f.column))}{' ' + code(f.path) if f.path else ''}: "
            f"{escape(f.message)}{mark}"
        )
        if f.citation:
            lines.append(f"  - Source: {escape(f.citation)}")
        if f.remediation:
            lines.append(f"  - Fix: {escape(f.remediation)}")
    return lines


def _rules(report: Report, docs: list[DocumentResult]) -> list[str]:
    lines = ["| | Rule | Title | Severity | Outcome | Findings | Sources |", "|---|---|---|---|---|---|---|"]
    for rule_id, pairs in outcomes_by_rule(report).items():
        pairs = [(d, o) for d, o in pairs if d in docs]
        if not pairs:
            continue
        status = overall(pairs)
        rule = report.rules.get(rule_id)
        n = sum(1 for d in docs for f in d.findings if f.rule == rule_id)
        details = "; ".join(escape(o.detail) for _, o in pairs if o.detail)
        outcome = OUTCOME_LABELS.get(status, status) + (f" ({details})" if details else "")
        title = escape(rule.title) if rule else ""
        severity = rule.severity if rule else ""
        sources = "<br>".join(escape(c) for c in citation_texts(rule)) if rule else ""
        lines.append(
            f"| {ICONS.get(status, '')} | {escape(rule_id)} | {title} | {severity} | {outcome} | {n or ''} | {sources} |"
        )
    return lines


def render(report: Report) -> str:
    code_ = report.exit_code()
    c = report.counts()
    sev, outcomes = c["findings"], c["outcomes"]
    out = [
        f"## {VERDICT_ICONS[code_]} govcheck: {VERDICTS[code_]}",
        "",
        f"{c['documents']} document(s) checked with govcheck {escape(report.tool_version)}; "
        f"profiles {escape(', '.join(report.profiles))}; fail-on {escape(report.fail_on)}.",
        "",
        "| Findings | Errors | Warnings | Info | Rules passed | Rules failed | Not applicable | Rule errors |",
        "|---|---|---|---|---|---|---|---|",
        f"| {sum(sev.values())} | {sev['error']} | {sev['warning']} | {sev['info']} | {outcomes['passed']} | "
        f"{outcomes['failed']} | {outcomes['not_applicable']} | {outcomes['error']} |",
    ]
    if c["waived"] or c["baselined"]:
        out += ["", f"Also {c['waived']} waived and {c['baselined']} baselined finding(s), listed below."]
    for doc in report.documents:
        failing = any(f.status == "open" for f in doc.findings)
        out += [
            "",
            f"### {code(doc.file)}",
            "",
            "#### Findings",
            "",
            *_findings(report, doc),
            "",
            "<details" + (" open" if failing else "") + "><summary>Outcome of every rule</summary>",
            "",
            *_rules(report, [doc]),
            "",
            "</details>",
        ]
    return "\n".join(out) + "\n"
