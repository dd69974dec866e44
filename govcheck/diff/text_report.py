"""The text form of a diff: the structural changes by kind, then the compliance delta."""

from __future__ import annotations

from itertools import groupby

from govcheck.diff import wording
from govcheck.diff.amendment import Amendment
from govcheck.findings import Finding
from govcheck.textsafe import line_start

VERDICTS = {
    0: "no new finding at or above {fail_on}",
    1: "the amendment introduces {n} finding(s) at or above {fail_on}",
    2: "compliance of the new version NOT established (rule errors)",
}


def _finding(f: Finding) -> str:
    mark = "" if f.status == "open" else f" [{f.status}]"
    return f"{f.file}:{f.line}:{f.column}: {f.rule} {f.severity} {f.message} [{f.slug}]{mark}"


def verdict(a: Amendment) -> str:
    code = a.exit_code()
    text = VERDICTS[code].format(n=len(a.failing), fail_on=a.fail_on)
    if a.failing and a.exit_zero:
        text += " (exit-zero)"
    return text


def render(a: Amendment) -> str:
    old, new = a.old, a.new
    lines = [f"govcheck diff: {old.source.spec} -> {new.source.spec}"]
    dates = [s.model.as_of.isoformat() if s.model and s.model.as_of else "(no date)" for s in (old, new)]
    lines.append(f"as of {dates[0]} -> {dates[1]}; profiles {', '.join(a.profiles)}")
    lines.append("")
    c = a.counts()
    if a.changes is None:
        lines.append(f"structure: not compared: {a.not_compared}")
    elif not a.changes:
        lines.append("structure: no change")
    else:
        k = c["changes"]
        lines.append(
            f"structure: {len(a.changes)} change(s): {k['added']} added, {k['removed']} removed, "
            f"{k['changed']} changed, {k['renamed']} renamed"
        )
        for kind, group in groupby(a.changes, key=lambda ch: ch.kind):
            lines.append(f"  {wording.kind_heading(kind)}")
            for ch in group:
                lines.append(f"    {wording.MARKS[ch.change]} {wording.headline(ch)}")
                lines += [f"        {d}" for d in wording.details(ch)]
    lines.append("")
    lines.append(
        f"compliance: {c['introduced']} introduced, {c['resolved']} resolved, {c['persisting']} persisting"
    )
    for title, found in (("introduced", a.delta.introduced), ("resolved", a.delta.resolved)):
        if found:
            lines.append(f"  {title}:")
            lines += [f"    {_finding(f)}" for f in found]
    reworded = [p for p in a.delta.persisting if p.old.message != p.new.message]
    if reworded:
        lines.append("  persisting, with a new message:")
        lines += [f"    {_finding(p.new)} (was: {p.old.message})" for p in reworded]
    if a.delta.rules:
        lines.append("  rules whose outcome changed:")
        for r in a.delta.rules:
            rule = a.rules.get(r.rule)
            lines.append(f"    {r.rule} {rule.slug if rule else ''}: {r.old} -> {r.new}")
    for error in a.rule_errors:
        lines.append(f"  rule could not be evaluated on {new.source.spec}: {error}")
    lines.append(f"result: {verdict(a)} (fail-on {a.fail_on})")
    return "\n".join(line_start(line) for line in lines) + "\n"
