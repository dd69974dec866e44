"""The Markdown form of a diff, for a pull-request comment or an application to NHS England.

A comment on GitHub holds at most 65,536 characters, so a diff that would be longer is
given in summary form: the counts, the changes counted by kind, and as many introduced
findings as fit, then how to get the rest. Text from the documents is escaped.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from govcheck.diff import wording
from govcheck.diff.amendment import Amendment
from govcheck.diff.changes import ADDED, CHANGED, REMOVED, RENAMED
from govcheck.findings import Finding
from govcheck.reporters.common import location
from govcheck.reporters.markdown import SEVERITY_ICONS, code, escape

LIMIT = 65_536  # characters in a GitHub comment
VERDICT_ICONS = {0: "✅", 1: "❌", 2: "⚠️"}
CHANGE_ICONS = {ADDED: "🆕", REMOVED: "🗑️", CHANGED: "✏️", RENAMED: "🔁"}


def _verdict(a: Amendment) -> str:
    code_ = a.exit_code()
    if code_ == 2:
        return "compliance of the new version not established (rule errors)"
    if a.failing:
        text = f"introduces {len(a.failing)} finding(s) at or above {a.fail_on}"
        return text + (" (exit-zero)" if a.exit_zero else "")
    return f"no new finding at or above {a.fail_on}"


def _head(a: Amendment) -> list[str]:
    c = a.counts()
    k = c["changes"]
    dates = [s.model.as_of.isoformat() if s.model and s.model.as_of else "no date" for s in (a.old, a.new)]
    return [
        f"## {VERDICT_ICONS[a.exit_code()]} govcheck diff: {_verdict(a)}",
        "",
        f"{code(a.old.source.spec)} → {code(a.new.source.spec)}; as of {dates[0]} → {dates[1]}; "
        f"profiles {escape(', '.join(a.profiles))}; fail-on {escape(a.fail_on)}; govcheck {escape(a.tool_version)}.",
        "",
        "| Changes | Added | Removed | Changed | Renamed | Findings introduced | Resolved | Persisting |",
        "|---|---|---|---|---|---|---|---|",
        f"| {len(a.changes or [])} | {k['added']} | {k['removed']} | {k['changed']} | {k['renamed']} | "
        f"{c['introduced']} | {c['resolved']} | {c['persisting']} |",
    ]


def _finding(f: Finding) -> str:
    mark = "" if f.status == "open" else f" *({escape(f.status)})*"
    return (
        f"- {SEVERITY_ICONS[f.severity]} **{escape(f.rule)}** {escape(f.severity)} at "
        f"{code(location(f.file, f.line, f.column))}: {escape(f.message)}{mark}"
    )


def _changes(a: Amendment) -> list[str]:
    if a.changes is None:
        return [f"Not compared: {escape(a.not_compared)}."]
    if not a.changes:
        return ["No change to the board, places, committees, accountabilities or any other provision."]
    out: list[str] = []
    for kind, group in groupby(a.changes, key=lambda ch: ch.kind):
        out += ["", f"**{escape(wording.kind_heading(kind))}**", ""]
        for ch in group:
            out.append(f"- {CHANGE_ICONS[ch.change]} {escape(wording.headline(ch))}")
            out += [f"  - {escape(d)}" for d in wording.details(ch, arrow="→")]
    return out


def _compliance(a: Amendment) -> list[str]:
    out = ["#### Introduced", ""]
    out += [_finding(f) for f in a.delta.introduced] or ["None."]
    out += ["", "#### Resolved", ""]
    out += [_finding(f) for f in a.delta.resolved] or ["None."]
    out += [f"- ⚠️ could not be evaluated on the new version: {escape(e)}" for e in a.rule_errors]
    if a.delta.persisting:
        out += ["", f"<details><summary>Persisting ({len(a.delta.persisting)})</summary>", ""]
        for p in a.delta.persisting:
            was = "" if p.old.message == p.new.message else f" *(was: {escape(p.old.message)})*"
            out.append(_finding(p.new) + was)
        out += ["", "</details>"]
    if a.delta.rules:
        out += ["", "#### Rules whose outcome changed", "", "| Rule | Title | Before | After |", "|---|---|---|---|"]
        for r in a.delta.rules:
            title = a.rules[r.rule].title if r.rule in a.rules else ""
            out.append(f"| {escape(r.rule)} | {escape(title)} | {escape(r.old)} | {escape(r.new)} |")
    return out


def full(a: Amendment) -> str:
    lines = [*_head(a), "", "### What changed", *_changes(a), "", "### Compliance", "", *_compliance(a)]
    return "\n".join(lines) + "\n"


def summary(a: Amendment, limit: int = LIMIT) -> str:
    """The short form: counts by kind, then introduced findings while they fit in ``limit``."""
    lines = [*_head(a), "", "### What changed", ""]
    if a.changes is None:
        lines.append(f"Not compared: {escape(a.not_compared)}.")
    for kind, group in groupby(a.changes or [], key=lambda ch: ch.kind):
        counted = Counter(ch.change for ch in group)
        parts = [f"{n} {change}" for change, n in sorted(counted.items())]
        lines.append(f"- {escape(wording.kind_heading(kind))}: {', '.join(parts)}")
    lines += ["", "### Compliance", "", "#### Introduced", ""]
    tail = (
        "",
        "*This diff is too long for one comment: it is given in summary form. "
        "For every change and finding, run `govcheck diff OLD NEW --format json` (or `--format html`).*",
    )
    budget = limit - len("\n".join([*lines, *tail])) - 200
    shown = 0
    for f in a.delta.introduced:
        line = _finding(f)
        if len(line) + 1 > budget:
            break
        lines.append(line)
        budget -= len(line) + 1
        shown += 1
    if shown < len(a.delta.introduced):
        lines.append(f"- … and {len(a.delta.introduced) - shown} more introduced finding(s)")
    lines.append(f"\n{len(a.delta.resolved)} finding(s) resolved, {len(a.delta.persisting)} persisting.")
    lines += tail
    return "\n".join(lines) + "\n"


def render(a: Amendment) -> str:
    text = full(a)
    return text if len(text) <= LIMIT else summary(a)
