"""JUnit XML for CI test dashboards: one test suite per document, one test case per rule.

A rule with open findings at or above the fail threshold is a ``failure`` carrying every
finding; findings below the threshold are listed in ``system-out`` of a passing case; a
waived or not-applicable rule is ``skipped`` with the reason; a rule that could not be
evaluated is an ``error``. No timestamps, so the same input gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from govcheck.findings import ERROR, NOT_APPLICABLE, WAIVED, Finding, severity_at_least
from govcheck.report import DocumentResult, Outcome, Report
from govcheck.reporters import citations
from govcheck.reporters.common import location

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Text that XML 1.0 can carry (control characters become U+FFFD)."""
    return _INVALID_XML.sub("\ufffd", text)


def _finding_text(f: Finding) -> str:
    status = "" if f.status == "open" else f" [{f.status}{': ' + f.waiver_reason if f.waiver_reason else ''}]"
    lines = [f"{location(f.file, f.line, f.column)}: {f.rule} {f.severity}: {f.message}{status}"]
    if f.path:
        lines.append(f"  path: {f.path}")
    if f.citation:
        lines.append(f"  source: {f.citation}")
    if f.remediation:
        lines.append(f"  fix: {f.remediation}")
    return "\n".join(lines)


def _case(report: Report, doc: DocumentResult, outcome: Outcome, suite: ET.Element) -> str:
    """Add one test case; return what it counts as (tests/failures/errors/skipped)."""
    rule = report.rules.get(outcome.rule)
    title = f"{outcome.rule} {rule.slug}: {rule.title}" if rule else outcome.rule
    case = ET.SubElement(suite, "testcase", {"classname": clean(doc.file), "name": clean(title), "file": clean(doc.file)})
    findings = [f for f in doc.findings if f.rule == outcome.rule]
    threshold = doc.fail_on or report.fail_on  # each document's own (a per-path override may differ)
    failing = [f for f in findings if f.status == "open" and severity_at_least(f.severity, threshold)]
    if findings:
        first = min(f.line for f in findings)
        case.set("line", str(max(first, 1)))
    kind = "passed"
    if outcome.status == ERROR:
        el = ET.SubElement(case, "error", {"message": clean(f"rule could not be evaluated: {outcome.detail}"), "type": "error"})
        el.text = clean(outcome.detail)
        kind = "errors"
    elif failing:
        worst = failing[0].severity
        message = f"{len(failing)} finding(s) at or above {threshold}: {failing[0].message}"
        el = ET.SubElement(case, "failure", {"message": clean(message), "type": worst})
        el.text = clean("\n".join(_finding_text(f) for f in findings))
        if rule:
            el.text += clean("\n\nSources:\n" + "\n".join(f"- {citations.text(c)}" for c in citations.of_rule(rule)))
        kind = "failures"
    elif outcome.status in (WAIVED, NOT_APPLICABLE) or (findings and all(f.status != "open" for f in findings)):
        if outcome.status == NOT_APPLICABLE:
            message = f"not applicable: {outcome.detail}" if outcome.detail else "not applicable"
        else:
            statuses = sorted({f.status for f in findings} or {WAIVED})
            reasons = sorted({f.waiver_reason for f in findings if f.waiver_reason})
            message = " and ".join(statuses) + (f": {'; '.join(reasons)}" if reasons else "")
        ET.SubElement(case, "skipped", {"message": clean(message)})
        kind = "skipped"
    if findings and kind != "failures":
        ET.SubElement(case, "system-out").text = clean("\n".join(_finding_text(f) for f in findings))
    return kind


def to_element(report: Report) -> ET.Element:
    root = ET.Element("testsuites", {"name": "govcheck"})
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for doc in report.documents:
        suite = ET.SubElement(root, "testsuite", {"name": clean(doc.file)})
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "govcheck.version", "value": report.tool_version})
        ET.SubElement(props, "property", {"name": "profiles", "value": ", ".join(doc.profiles)})
        ET.SubElement(props, "property", {"name": "fail_on", "value": doc.fail_on or report.fail_on})
        counts = dict.fromkeys(totals, 0)
        for outcome in sorted(doc.outcomes, key=lambda o: o.rule):
            counts["tests"] += 1
            kind = _case(report, doc, outcome, suite)
            if kind in counts:
                counts[kind] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render(report: Report) -> str:
    root = to_element(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
