"""The HTML format: one self-contained page for a governance officer or a board paper.

A summary and verdict; then per document the findings (each linked to its line in the
embedded source), the board composition picture, the place coverage matrix, the
accountability map and the rule checklist with citations. No scripts, no external
resources (a Content-Security-Policy forbids both), and every string from a document is
escaped. Needs the documents themselves (``DocumentResult.model`` and ``.text``).
"""

from __future__ import annotations

from typing import Any

from govcheck.findings import ERROR, Finding
from govcheck.report import DocumentResult, Report
from govcheck.reporters import citations, html_board, html_maps
from govcheck.reporters.common import (
    OUTCOME_LABELS,
    VERDICTS,
    compliance_code,
    outcomes_by_rule,
    overall,
    run_status,
)
from govcheck.reporters.html_style import CSS
from govcheck.textsafe import html as escape
from govcheck.textsafe import lines as source_lines

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
VERDICT_ICONS = {0: "✓", 1: "✗", 2: "!"}
SOURCE_FULL_LINES = 3000  # longer documents show only the lines around findings
CONTEXT = 3


def _e(value: Any) -> str:
    return escape(value)


def _doc_code(report: Report, doc: DocumentResult) -> int:
    return compliance_code(
        Report(
            documents=[doc], rules=report.rules, tool_version=report.tool_version, profiles=report.profiles,
            fail_on=report.fail_on,
        )
    )


def _title(doc: DocumentResult) -> str:
    data = doc.model.data if doc.model is not None else {}
    icb = data.get("icb") or {}
    ics = data.get("ics") or {}
    return str(icb.get("name") or ics.get("name") or doc.file)


def _params(report: Report, doc: DocumentResult, check: str, key: str) -> list[str] | None:
    """The union of one parameter over the rules using ``check`` that ran on the document."""
    values: list[str] = []
    ran = False
    for outcome in sorted(doc.outcomes, key=lambda o: o.rule):
        rule = report.rules.get(outcome.rule)
        if rule is not None and rule.check == check and key in rule.params:
            ran = True
            values += [v for v in rule.params[key] if v not in values]
    return values if ran else None


def _defaults(module: str, check: str, key: str) -> list[str]:
    import importlib

    found = importlib.import_module(f"govcheck.checks.{module}")
    for value in vars(found).values():
        if getattr(value, "name", None) == check and hasattr(value, "defaults"):
            return list(value.defaults().get(key, []))
    return []


# -- page parts ---------------------------------------------------------------------------


def _masthead(report: Report) -> str:
    code = compliance_code(report)
    if len(report.documents) == 1:
        doc = report.documents[0]
        heading = _title(doc)
        sub = [doc.file]
        if doc.model is not None and doc.model.as_of:
            sub.append(f"judged as of {doc.model.as_of.isoformat()}")
    else:
        heading = f"{len(report.documents)} constitutions"
        sub = []
    sub += [f"law: {law}" for law in report.laws()]
    sub += [f"profiles {', '.join(report.profiles)}", f"fails on {report.fail_on}", f"govcheck {report.tool_version}"]
    return (
        '<header class="mast"><div class="wrap"><div>'
        '<p class="kicker">govcheck · constitution compliance report</p>'
        f"<h1>{_e(heading)}</h1><p class=\"meta\">{_e(' · '.join(sub))}</p></div>"
        f'<div class="verdict v{code}" id="verdict"><span class="icon" aria-hidden="true">{VERDICT_ICONS[code]}</span>'
        f"<span><b>{_e(VERDICTS[code].capitalize())}</b><small>{_e(run_status(report).capitalize())}</small></span></div>"
        "</div></header>"
    )


def _tiles(report: Report) -> str:
    c = report.counts()
    sev, outcomes = c["findings"], c["outcomes"]
    ran = sum(outcomes.values())
    tiles = [
        ("ok", outcomes["passed"], f"rules passed of {ran} run"),
        ("bad" if outcomes["failed"] else "ok", outcomes["failed"], "rules failed"),
        ("bad" if sev["error"] else "grey", sev["error"], "errors"),
        ("warn" if sev["warning"] else "grey", sev["warning"], "warnings"),
        ("grey", sev["info"], "for information"),
        ("grey", outcomes["not_applicable"], "rules not applicable"),
    ]
    if outcomes["error"]:
        tiles.append(("warn", outcomes["error"], "rules could not be evaluated"))
    stopped = report.not_runnable()
    if stopped:  # counted in "not applicable" too
        tiles.append(("warn", stopped, "rules could not run: they read a part out of format"))
    if c["waived"] or c["baselined"]:
        tiles.append(("grey", c["waived"] + c["baselined"], "findings waived or baselined"))
    if len(report.documents) > 1:
        tiles.insert(0, ("grey", c["documents"], "documents checked"))
    return '<div class="tiles">' + "".join(
        f'<div class="tile t-{cls}"><span class="n">{n}</span><span class="l">{_e(label)}</span></div>'
        for cls, n, label in tiles
    ) + "</div>"


def _strip(report: Report, doc: DocumentResult, anchor: str) -> str:
    cells = []
    for o in sorted(doc.outcomes, key=lambda o: o.rule):
        rule = report.rules.get(o.rule)
        tip = f"{o.rule} {OUTCOME_LABELS.get(o.status, o.status)}" + (f": {rule.title}" if rule else "")
        cells.append(f'<a class="s-{_e(o.status)}" href="#{anchor}-rule-{_e(o.rule)}" title="{_e(tip)}"></a>')
    counts = {s: sum(1 for o in doc.outcomes if o.status == s) for s in OUTCOME_LABELS}
    legend = ", ".join(f"{n} {OUTCOME_LABELS[s]}" for s, n in counts.items() if n)
    return (
        f'<p class="strip-caption">{len(doc.outcomes)} rules run: {_e(legend)}</p>'
        f'<div class="strip" aria-label="one square per rule, coloured by outcome">{"".join(cells)}</div>'
    )


def _finding(f: Finding, anchor: str, has_source: bool, title: str) -> str:
    where = f"line {max(f.line, 1)}, column {max(f.column, 1)}"
    link = f'<a href="#{anchor}-L{max(f.line, 1)}">{_e(where)}</a>' if has_source else _e(where)
    status = "" if f.status == "open" else f' <span class="pill o-waived">{_e(f.status)}</span>'
    rows = [("Where", f"{link} · <code>{_e(f.path or '/')}</code>")]
    if f.waiver_reason:
        rows.append(("Reason", _e(f.waiver_reason)))
    if f.citation:
        rows.append(("Source", _e(f.citation)))
    if f.remediation:
        rows.append(("How to fix", _e(f.remediation)))
    cls = f.severity if f.status == "open" else "muted-f"
    return (
        f'<li class="finding {cls}" data-rule="{_e(f.rule)}"><div class="top">'
        f'<span class="pill sev-{_e(f.severity)}">{_e(f.severity)}</span>'
        f'<a href="#{anchor}-rule-{_e(f.rule)}"><b>{_e(f.rule)}</b></a>'
        f'<span class="rule-title">{_e(title or f.slug)}</span>{status}</div>'
        f'<p class="msg">{_e(f.message)}</p><dl>'
        + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        + "</dl></li>"
    )


def _rule_errors(doc: DocumentResult, anchor: str) -> str:
    errors = [o for o in doc.outcomes if o.status == ERROR]
    if not errors:
        return ""
    items = "".join(
        f'<li><a href="#{anchor}-rule-{_e(o.rule)}"><b>{_e(o.rule)}</b></a> {_e(o.detail)}</li>' for o in errors
    )
    return (
        f'<div class="rule-errors"><b>{len(errors)} rule(s) could not be evaluated, so compliance is not '
        f"established:</b><ul>{items}</ul></div>"
    )


def _findings(report: Report, doc: DocumentResult, anchor: str) -> str:
    if not doc.findings:
        if any(o.status == ERROR for o in doc.outcomes):
            return '<p class="muted">No findings from the rules that could be evaluated.</p>'
        return '<p class="nothing">✓ No findings: every rule that applies is met.</p>'
    titles = {rid: rule.title for rid, rule in report.rules.items()}
    items = "".join(_finding(f, anchor, bool(doc.text), titles.get(f.rule, "")) for f in doc.findings)
    return f'<ol class="findings">{items}</ol>'


def _board(report: Report, doc: DocumentResult) -> str:
    assert doc.model is not None
    # A chair or non-executive with an open finding of an independence rule is not drawn independent.
    questioned = frozenset(rid for rid, rule in report.rules.items() if rule.check.startswith("independence."))
    seats = html_board.seats(doc.model, doc.findings, questioned)
    rows = []
    for s in seats:
        colour = html_board.GROUPS[s.group][1]
        org = f'<span class="who">{_e(s.organisation)}</span>' if s.organisation else ""
        rows.append(
            f'<tr><td><span class="dot" style="background:{colour}"></span>{_e(s.name)}{org}</td>'
            f"<td>{_e(', '.join(s.roles))}</td><td>{'✓' if s.voting else 'no vote'}</td>"
            f"<td>{'✓' if s.independent else ''}</td></tr>"
        )
    table = (
        '<div class="scroll"><table class="plain seat-list"><thead><tr><th>Name</th><th>Role</th><th>Vote</th>'
        f"<th>Independent</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    return (
        f'<p class="lede">{_e(html_board.summary(seats))}</p><div class="board"><div>'
        f"{html_board.board_svg(seats)}{html_board.legend(seats)}</div><div>{table}</div></div>"
    )


def _places(report: Report, doc: DocumentResult, anchor: str) -> str:
    assert doc.model is not None
    required = _params(report, doc, "places.partnership_members", "required_types")
    note = ""
    if required is None:
        required = _defaults("places", "places.partnership_members", "required_types")
        note = '<p class="muted">No partnership rule ran; the check\'s default requirements are shown.</p>'
    return note + html_maps.place_matrix(doc.model, required, anchor)


def _accountability(report: Report, doc: DocumentResult) -> str:
    assert doc.model is not None
    duties = _params(report, doc, "accountability.duties_assigned", "duties")
    if duties is None:
        duties = []
    funcs = html_maps.functions(doc.model, duties)
    dup = sum(1 for f in funcs if f.duplicate)
    orphans = sum(
        1
        for f in funcs
        if f.missing_duty or any(html_maps.owner_label(doc.model, a.owner)[2] is False for a in f.entries)
    )
    lede = (
        f"{len(funcs)} function(s) joined to their accountable owner. "
        f'<span class="{"bad" if dup else ""}">{dup} with more than one entry or owner (red, forked)</span>; '
        f'<span class="{"bad" if orphans else ""}">{orphans} orphaned: no defined owner (red, dashed)</span>. '
        "Bold functions are statutory."
    )
    return (
        f'<p class="lede">{lede}</p>{html_maps.accountability_map(doc.model, duties)}'
        f"<details><summary>The same as a table, with delegations</summary>"
        f"{html_maps.accountability_table(doc.model, duties)}</details>"
    )


def _checklist(report: Report, doc: DocumentResult, anchor: str) -> str:
    rows = []
    for rule_id, pairs in outcomes_by_rule(report).items():
        pairs = [(d, o) for d, o in pairs if d is doc]
        if not pairs:
            continue
        status = overall(pairs)
        rule = report.rules.get(rule_id)
        n = sum(1 for f in doc.findings if f.rule == rule_id)
        detail = "; ".join(o.detail for _, o in pairs if o.detail)
        cites = ""
        if rule is not None:
            items = [f"<li>{citations.html(c)}</li>" for c in citations.of_rule(rule)]
            cites = f'<ul class="cites">{"".join(items)}</ul>'
        title = _e(rule.title) if rule else ""
        rows.append(
            f'<tr id="{anchor}-rule-{_e(rule_id)}" class="{_e(status)}">'
            f'<td><span class="pill o-{_e(status)}">{_e(OUTCOME_LABELS.get(status, status))}</span></td>'
            f"<td><b>{_e(rule_id)}</b><br><span class=\"muted\">{_e(rule.severity if rule else '')}</span></td>"
            f"<td>{title}{cites}"
            + (f'<p class="muted">{_e(detail)}</p>' if detail else "")
            + f"</td><td>{n or ''}</td></tr>"
        )
    return (
        '<div class="scroll"><table class="rules"><thead><tr><th>Outcome</th><th>Rule</th><th>Requirement and sources</th>'
        f"<th>Findings</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _source(doc: DocumentResult, anchor: str) -> str:
    lines = source_lines(doc.text)
    hits: dict[int, list[str]] = {}
    for f in doc.findings:
        hits.setdefault(max(f.line, 1), []).append(f.rule)
    show = set(range(1, len(lines) + 1))
    if len(lines) > SOURCE_FULL_LINES:
        show = {n for h in hits for n in range(h - CONTEXT, h + CONTEXT + 1) if 1 <= n <= len(lines)}
    out, last = [], 0
    for n in sorted(show):
        if n > last + 1:
            out.append(f'<div class="skip">… lines {last + 1}&ndash;{n - 1} not shown …</div>')
        rules = hits.get(n)
        tag = f'<span class="tag">{_e(" ".join(sorted(set(rules))))}</span>' if rules else ""
        out.append(
            f'<div class="line{" hit" if rules else ""}" id="{anchor}-L{n}"><a class="no" href="#{anchor}-L{n}">{n}'
            f"</a><code>{_e(lines[n - 1])}</code>{tag}</div>"
        )
        last = n
    if last < len(lines):
        out.append(f'<div class="skip">… lines {last + 1}&ndash;{len(lines)} not shown …</div>')
    return f'<div class="source mono">{"".join(out)}</div>'


def _document(report: Report, doc: DocumentResult, index: int, many: bool) -> str:
    anchor = f"d{index}"
    code = _doc_code(report, doc)
    parts = [f'<section class="doc" id="{anchor}">']
    if many:
        parts.append(
            f"<h2>{_e(_title(doc))}</h2><p class=\"muted\">{_e(doc.file)} · "
            f'<span class="pill o-{"passed" if code == 0 else "failed"}">{_e(VERDICTS[code])}</span></p>'
        )
    parts.append(f"<h3>Findings</h3>{_strip(report, doc, anchor)}{_rule_errors(doc, anchor)}{_findings(report, doc, anchor)}")
    if doc.model is None:
        parts.append(
            '<h3>The constitution</h3><p class="lede">The document could not be read as format v1, '
            "wholly or in part (see the findings above), so its board, places and accountabilities "
            "are not drawn.</p>"
        )
    else:
        parts.append(
            '<h3>Board composition</h3><p class="lede">Every seat at the board table: colour shows the '
            "kind of seat, a gold ring an independent member, a hollow seat a participant without a vote. "
            "Hover a seat for the person's roles.</p>" + _board(report, doc)
        )
        parts.append(
            '<h3>Place coverage</h3><p class="lede">Each place-based partnership against the partner types '
            "the rules require. A red cell is a gap.</p>" + _places(report, doc, anchor)
        )
        parts.append("<h3>Accountability map</h3>" + _accountability(report, doc))
    parts.append(
        '<h3>Rule checklist</h3><p class="lede">Every rule that was run, its outcome and the statute, '
        "guidance or source it comes from: evidence of what passed as well as what failed.</p>"
        + _checklist(report, doc, anchor)
    )
    if doc.text:
        parts.append(
            f'<h3>Source</h3><p class="lede">{_e(doc.file)}, with the lines that have findings marked.</p>'
            + _source(doc, anchor)
        )
    parts.append("</section>")
    return "".join(parts)


def render(report: Report) -> str:
    code = compliance_code(report)
    many = len(report.documents) != 1
    title = (_title(report.documents[0]) if not many else f"{len(report.documents)} constitutions")
    nav = ""
    if many:
        items = "".join(
            f'<li><a href="#d{i}">{_e(doc.file)}</a> — {_e(VERDICTS[_doc_code(report, doc)])}</li>'
            for i, doc in enumerate(report.documents, 1)
        )
        nav = f'<nav class="docs" aria-label="documents"><ol>{items}</ol></nav>'
    body = "".join(_document(report, doc, i, many) for i, doc in enumerate(report.documents, 1))
    if not report.documents:
        body = '<p class="muted">No documents were checked.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}: {_e(VERDICTS[code])} (govcheck)</title>"
        f"<style>{CSS}</style></head><body>"
        f"{_masthead(report)}<main><div class=\"wrap\">{_tiles(report)}{nav}{body}"
        f"<footer>Generated by govcheck {_e(report.tool_version)} with profiles {_e(', '.join(report.profiles))}. "
        "This page is self-contained: it loads nothing and runs no scripts.</footer>"
        "</div></main></body></html>\n"
    )
