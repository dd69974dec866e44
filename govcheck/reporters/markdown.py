"""Markdown for pull-request comments and board papers.

The verdict and counts, every finding with its location and source, then the outcome of
every rule with its citations (a report is also evidence of what passed). Text from the
document is escaped, so a name cannot inject HTML, links, tables or @-mentions.
"""

from __future__ import annotations

import re
from collections import Counter

from govcheck.report import DocumentResult, Report
from govcheck.reporters import citations
from govcheck.reporters.common import (
    OUTCOME_LABELS,
    VERDICTS,
    compliance_code,
    location,
    outcomes_by_rule,
    overall,
    run_status,
)
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
    counts = Counter(f.rule for d in docs for f in d.findings)
    for rule_id, pairs in outcomes_by_rule(docs).items():
        status = overall(pairs)
        rule = report.rules.get(rule_id)
        n = counts[rule_id]
        details = "; ".join(escape(o.detail) for _, o in pairs if o.detail)
        outcome = OUTCOME_LABELS.get(status, status) + (f" ({details})" if details else "")
        title = escape(rule.title) if rule else ""
        severity = rule.severity if rule else ""
        sources = "<br>".join(escape(citations.text(c)) for c in citations.of_rule(rule)) if rule else ""
        lines.append(
            f"| {ICONS.get(status, '')} | {escape(rule_id)} | {title} | {severity} | {outcome} | {n or ''} | {sources} |"
        )
    return lines


# GitHub refuses a comment longer than 65,536 characters; the default output stays below it
# (with room for text a workflow adds around it), switching to the summary form when needed.
LIMIT = 65_536
BUDGET = 60_000


def render(report: Report) -> str:
    """The full report; the summary form when that would not fit a pull-request comment
    (``report.options["full"]``, ``--full`` on the command line: always the full report)."""
    text = _full(report)
    if len(text) <= BUDGET or (getattr(report, "options", {}) or {}).get("full"):
        return text
    return _summary(report, len(text))


def _head(report: Report) -> list[str]:
    code_ = compliance_code(report)
    c = report.counts()
    sev, outcomes = c["findings"], c["outcomes"]
    return [
        f"## {VERDICT_ICONS[code_]} govcheck: {VERDICTS[code_]}",
        "",
        f"{c['documents']} document(s) checked with govcheck {escape(report.tool_version)}; "
        f"profiles {escape(', '.join(report.profiles))}; {escape(run_status(report))}.",
        *(f"Judged against the law: {escape(law)}." for law in report.laws()),
        "",
        "| Findings | Errors | Warnings | Info | Rules passed | Rules failed | Not applicable | Rule errors |",
        "|---|---|---|---|---|---|---|---|",
        f"| {sum(sev.values())} | {sev['error']} | {sev['warning']} | {sev['info']} | {outcomes['passed']} | "
        f"{outcomes['failed']} | {outcomes['not_applicable']} | {outcomes['error']} |",
    ] + (
        ["", f"{stopped} rule outcome(s) could not be judged: the rules read a part of the document that is out of "
         "format (see GOV005 and GOV001); the other rules ran."]
        if (stopped := report.not_runnable()) else []
    )


def _summary(report: Report, full_size: int) -> str:
    """Counts per rule and the most severe findings, cut to fit, with a note saying so."""
    out = _head(report)
    findings = [f for f in report.findings if f.status == "open"]
    rank = {"error": 0, "warning": 1, "info": 2}
    counts = Counter(f.rule for f in findings)
    documents = Counter(rule for d in report.documents for rule in {f.rule for f in d.findings if f.status == "open"})
    severity = {f.rule: f.severity for f in findings}
    rows = sorted(counts, key=lambda r: (rank[severity[r]], -counts[r], r))
    note_at = len(out)
    out += ["", "### Findings per rule", "", "| Rule | Title | Severity | Findings | Documents |"]
    out.append("|---|---|---|---|---|")
    size = sum(len(line) + 1 for line in out)
    shown_rules = 0
    for rule_id in rows:
        title = escape(report.rules[rule_id].title) if rule_id in report.rules else ""
        line = f"| {escape(rule_id)} | {title} | {severity[rule_id]} | {counts[rule_id]} | {documents[rule_id]} |"
        if size + len(line) + 1 > BUDGET // 2:
            break
        out.append(line)
        size += len(line) + 1
        shown_rules += 1
    out += ["", "### Findings per document", "", "| Document | Errors | Warnings | Info |", "|---|---|---|---|"]
    for doc in report.documents:
        tally = Counter(f.severity for f in doc.findings if f.status == "open")
        line = f"| {code(doc.file)} | {tally['error']} | {tally['warning']} | {tally['info']} |"
        if size + len(line) + 1 > BUDGET * 3 // 4:
            out.append(f"| … {len(report.documents)} documents in all | | | |")
            break
        out.append(line)
        size += len(line) + 1
    out += ["", "### Most severe findings", ""]
    ordered = sorted(findings, key=lambda f: (rank[f.severity], *f.sort_key()))
    shown = 0
    for f in ordered:
        line = (
            f"- {SEVERITY_ICONS[f.severity]} **{escape(f.rule)}** {escape(f.severity)} at "
            f"{code(location(f.file, f.line, f.column))}: {escape(f.message)}"
        )
        if size + len(line) + 1 > BUDGET:
            break
        out.append(line)
        size += len(line) + 1
        shown += 1
    cut = [
        f"**This is the summary form:** the full report ({full_size:,} characters) is longer than a "
        f"pull-request comment can be ({LIMIT:,}). Shown: counts for {shown_rules} of {len(rows)} rule(s) "
        f"with findings, and {shown} of {len(findings)} open finding(s), most severe first. "
        "For everything, run `govcheck check` with `--format markdown --full`, or use `--format json`, "
        "`sarif` or `html`."
    ]
    out[note_at:note_at] = ["", *cut]
    return "\n".join(out) + "\n"


def _full(report: Report) -> str:
    c = report.counts()
    out = _head(report)
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
