"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Avoids the pitfalls users of other tools hit: every result's rule is in ``tool.driver.rules``
(with ``ruleIndex``), every rule has short and full descriptions and help text carrying its
citations, ``helpUri`` is omitted rather than empty, ``startLine``/``startColumn`` are never
below 1, ``tool.driver.version`` is set, fingerprints come from rule + document + structural
path (stable across runs and edits elsewhere), and rules that could not be evaluated are
reported as tool execution notifications.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from govcheck.findings import Finding
from govcheck.report import Report
from govcheck.reporters import citations
from govcheck.reporters.common import help_text, help_url, outcomes_by_rule, rule_errors, verdict
from govcheck.rules import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "govcheck/v1"
SRCROOT = "%SRCROOT%"


def artifact(file: str, root: str | None = None) -> dict[str, str]:
    """An artifactLocation: relative to %SRCROOT% (``root``: the repository's top level),
    or a file: URI for a file outside it. Without ``root``, relative paths stay as given."""
    path = PurePath(file)
    if root is not None and not file.startswith("<"):
        relative = os.path.relpath(os.path.abspath(file), root)
        inside = relative.split(os.sep, 1)[0] != os.pardir
        path = PurePath(relative if inside else os.path.abspath(file))
    if path.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def source_root(report: Report) -> str:
    """Where %SRCROOT% is: ``--sarif-root``, else the git top level above the working
    directory (where code scanning resolves paths), else the working directory."""
    given = (getattr(report, "options", {}) or {}).get("sarif_root")
    if given:
        return os.path.abspath(str(given))
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return str(folder)
    return str(here)


def _rule(rule: Rule) -> dict[str, Any]:
    text = help_text(rule)
    sources = "\n".join(f"- {citations.markdown(c)}" for c in citations.of_rule(rule))
    markdown = (
        f"{rule.rationale}\n\n**How to comply:** {rule.remediation}\n\n**Sources:**\n\n{sources}"
    )
    data: dict[str, Any] = {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": ["governance", rule.profile],
            "profile": rule.profile,
            "pack": rule.pack,
            "plugin": rule.plugin,
            "citations": [dict(c) for c in rule.citations],
        },
    }
    url = help_url(rule)
    if url:
        data["helpUri"] = url
    return data


def _unknown_rule(f: Finding) -> dict[str, Any]:
    """A descriptor for a finding whose rule is not in the report (never silently dropped)."""
    title = f.slug or f.rule
    return {
        "id": f.rule,
        "shortDescription": {"text": title},
        "fullDescription": {"text": title},
        "help": {"text": f"{f.remediation}\n\nSources: {f.citation}".strip()},
        "defaultConfiguration": {"level": LEVELS[f.severity]},
    }


def _result(f: Finding, index: int, baselining: bool, root: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact(f.file, root),
                    "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
                },
                "logicalLocations": [{"fullyQualifiedName": f.path or "/", "kind": "object"}],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        **_related(f, root),
        "properties": {"path": f.path, "citation": f.citation, "remediation": f.remediation, "status": f.status},
    }
    if f.status == "waived":
        suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted", "justification": f.waiver_reason or "waived"}
        approver = getattr(f, "waiver_approver", "")
        if approver:
            suppression["properties"] = {"approver": approver}
        result["suppressions"] = [suppression]
    if f.baseline == "baselined" or f.status == "baselined":
        result["baselineState"] = "unchanged"
    elif f.baseline == "new" or (baselining and f.status == "open"):
        result["baselineState"] = "new"
    return result


def _related(f: Finding, root: str) -> dict[str, Any]:
    """relatedLocations: the other places one finding covers (an id referred to in many places)."""
    if not f.related:
        return {}
    places = [
        {
            "id": i,
            "physicalLocation": {
                "artifactLocation": artifact(f.file, root),
                "region": {"startLine": max(line, 1), "startColumn": max(col, 1)},
            },
            "logicalLocations": [{"fullyQualifiedName": path or "/", "kind": "object"}],
            "message": {"text": f"also referred to here ({path})"},
        }
        for i, (path, line, col) in enumerate(f.related, 1)
    ]
    return {"relatedLocations": places}


def to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (one run)."""
    findings = report.findings
    root = source_root(report)
    ids = sorted({*outcomes_by_rule(report.documents), *(f.rule for f in findings)})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    samples = {f.rule: f for f in findings}
    descriptors = [_rule(report.rules[r]) if r in report.rules else _unknown_rule(samples[r]) for r in ids]
    baselining = bool(report.config.get("baseline")) or any(f.baseline or f.status == "baselined" for f in findings)
    notifications = [
        {
            "level": "error",
            "message": {"text": f"rule {outcome.rule} could not be evaluated: {outcome.detail}"},
            "descriptor": {"id": outcome.rule},
            "locations": [{"physicalLocation": {"artifactLocation": artifact(doc.file, root)}}],
        }
        for doc, outcome in rule_errors(report)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications, "exitCode": report.exit_code()}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govcheck",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {SRCROOT: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
                "results": [_result(f, index[f.rule], baselining, root) for f in findings],
                "properties": {
                    "profiles": report.profiles,
                    "failOn": report.fail_on,
                    "compliance": verdict(report),
                    "laws": [d.law for d in report.documents if d.law],
                },
            }
        ],
    }


def render(report: Report) -> str:
    return json.dumps(to_sarif(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
