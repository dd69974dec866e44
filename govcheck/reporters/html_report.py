"""The HTML format: one self-contained page for a governance officer or a board paper.

Built from Jinja2 templates (govcheck/templates/html/, one per section) with autoescaping:
this module gathers what each section shows; every value a template prints is escaped by
autoescaping, after its unsafe characters became visible escapes as in every other govcheck
output (:func:`govcheck.textsafe.visible`), unless it is :class:`~markupsafe.Markup` made
here (the SVG pictures, citations). Jinja2 is imported only when HTML is rendered.

A summary and verdict; then per document the findings (each linked to its line in the
embedded source), the board composition picture, the place coverage matrix, the
accountability map and the rule checklist with citations. No scripts, no external
resources (a Content-Security-Policy forbids both), and every string from a document is
escaped. Needs the documents themselves (``DocumentResult.model`` and ``.text``).
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from govcheck.findings import ERROR, Finding
from govcheck.model import PLACE_PARTNERSHIP_MINIMUM
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
from govcheck.textsafe import lines as source_lines
from govcheck.textsafe import visible

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from govcheck.rules import Rule

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "html"

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
VERDICT_ICONS = {0: "✓", 1: "✗", 2: "!"}
SOURCE_FULL_LINES = 3000  # longer documents show only the lines around findings
CONTEXT = 3
# Pictures past these sizes are not drawn (the tables beside them list everything): a board
# of 150 seats or a map of 500 functions (12,000 px tall) is past reading, and a generated
# or merged document can have thousands. Real ICB boards have ~15-35 seats.
DRAWN_SEATS = 150
DRAWN_FUNCTIONS = 500


def _doc_code(report: Report, doc: DocumentResult) -> int:
    return compliance_code(
        Report(
            documents=[doc],
            rules=report.rules,
            tool_version=report.tool_version,
            profiles=report.profiles,
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


# -- what each section shows --------------------------------------------------------------


def _masthead(report: Report) -> dict[str, Any]:
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
    return {
        "heading": heading,
        "sub": " · ".join(sub),
        "code": code,
        "icon": VERDICT_ICONS[code],
        "verdict": VERDICTS[code].capitalize(),
        "status": run_status(report).capitalize(),
    }


def _tiles(report: Report) -> list[tuple[str, int, str]]:
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
    return tiles


def _strip(report: Report, doc: DocumentResult) -> dict[str, Any]:
    cells = []
    for o in sorted(doc.outcomes, key=lambda o: o.rule):
        rule = report.rules.get(o.rule)
        tip = f"{o.rule} {OUTCOME_LABELS.get(o.status, o.status)}" + (f": {rule.title}" if rule else "")
        cells.append((o.status, o.rule, tip))
    counts = {s: sum(1 for o in doc.outcomes if o.status == s) for s in OUTCOME_LABELS}
    legend = ", ".join(f"{n} {OUTCOME_LABELS[s]}" for s, n in counts.items() if n)
    return {"count": len(doc.outcomes), "legend": legend, "cells": cells}


def _board(report: Report, doc: DocumentResult) -> dict[str, Any]:
    from markupsafe import Markup

    assert doc.model is not None
    # A chair or non-executive with an open finding of an independence rule is not drawn independent.
    questioned = frozenset(rid for rid, rule in report.rules.items() if rule.check.startswith("independence."))
    seats = html_board.seats(doc.model, doc.findings, questioned)
    drawn = len(seats) <= DRAWN_SEATS
    return {
        "summary": html_board.summary(seats),
        "drawn": drawn,
        "svg": Markup(html_board.board_svg(seats)) if drawn else "",
        "legend": Markup(html_board.legend(seats)) if drawn else "",
        "seats": [(s, html_board.GROUPS[s.group][1], ", ".join(s.roles)) for s in seats],
    }


def _places(report: Report, doc: DocumentResult) -> dict[str, Any]:
    from markupsafe import Markup

    assert doc.model is not None
    required = _params(report, doc, "places.partnership_members", "required_types")
    defaulted = required is None
    if required is None:
        required = list(PLACE_PARTNERSHIP_MINIMUM)
    return {"defaulted": defaulted, "matrix": Markup(html_maps.place_matrix(doc.model, required))}


def _accountability(report: Report, doc: DocumentResult) -> dict[str, Any]:
    from markupsafe import Markup

    assert doc.model is not None
    duties = _params(report, doc, "accountability.duties_assigned", "duties") or []
    owners = html_maps.Owners(doc.model)
    funcs = html_maps.functions(owners, duties)
    drawn = len(funcs) <= DRAWN_FUNCTIONS
    return {
        "functions": len(funcs),
        "duplicate": sum(1 for f in funcs if f.duplicate),
        "orphans": sum(1 for f in funcs if f.missing_duty or any(not owners[a.owner][2] for a in f.entries)),
        "drawn": drawn,
        "map": Markup(html_maps.accountability_map(owners, funcs)) if drawn else "",
        "table": Markup(html_maps.accountability_table(owners, funcs)),
    }


class ChecklistRow(NamedTuple):
    """One rule's row of the checklist (a tuple: templates read its fields as attributes)."""

    id: str
    status: str
    label: str
    rule: Rule | None
    citations: list[citations.Citation]
    detail: str
    findings: int


def _checklist(report: Report, doc: DocumentResult) -> list[ChecklistRow]:
    rows = []
    counts = Counter(f.rule for f in doc.findings)
    for rule_id, pairs in outcomes_by_rule([doc]).items():
        status = overall(pairs)
        rule = report.rules.get(rule_id)
        rows.append(
            ChecklistRow(
                id=rule_id,
                status=status,
                label=OUTCOME_LABELS.get(status, status),
                rule=rule,
                citations=citations.of_rule(rule) if rule is not None else [],
                detail="; ".join(o.detail for _, o in pairs if o.detail),
                findings=counts[rule_id],
            )
        )
    return rows


def _source(doc: DocumentResult) -> list[tuple[int, str, str, tuple[int, int] | None]]:
    """The lines shown, each ``(number, text, rules with findings there, lines skipped before)``;
    a last row numbered 0 carries the lines skipped at the end."""
    lines = source_lines(doc.text)
    hits: dict[int, list[str]] = {}
    for f in doc.findings:
        hits.setdefault(max(f.line, 1), []).append(f.rule)
    show: Any = range(1, len(lines) + 1)
    if len(lines) > SOURCE_FULL_LINES:
        show = sorted({n for h in hits for n in range(h - CONTEXT, h + CONTEXT + 1) if 1 <= n <= len(lines)})
    out: list[tuple[int, str, str, tuple[int, int] | None]] = []
    last = 0
    for n in show:
        rules = hits.get(n)
        skip = (last + 1, n - 1) if n > last + 1 else None
        out.append((n, lines[n - 1], " ".join(sorted(set(rules))) if rules else "", skip))
        last = n
    if last < len(lines):
        out.append((0, "", "", (last + 1, len(lines))))
    return out


def _findings(report: Report, doc: DocumentResult) -> list[tuple[Finding, int, int, str]]:
    """Each finding with the line and column it is shown at (1 at least) and its rule's title."""
    titles = {rid: rule.title for rid, rule in report.rules.items()}
    return [(f, max(f.line, 1), max(f.column, 1), titles.get(f.rule) or f.slug) for f in doc.findings]


def _document(report: Report, doc: DocumentResult, index: int) -> dict[str, Any]:
    anchor = f"d{index}"
    code = _doc_code(report, doc)
    view: dict[str, Any] = {
        "anchor": anchor,
        "title": _title(doc),
        "file": doc.file,
        "code": code,
        "verdict": VERDICTS[code],
        "model": doc.model,
        "strip": _strip(report, doc),
        "errors": [o for o in doc.outcomes if o.status == ERROR],
        "findings": _findings(report, doc),
        "checklist": _checklist(report, doc),
        "source": _source(doc) if doc.text else None,
    }
    if doc.model is not None:
        view["board"] = _board(report, doc)
        view["places"] = _places(report, doc)
        view["accountability"] = _accountability(report, doc)
    return view


# -- templates ----------------------------------------------------------------------------


def _print(value: Any) -> Any:
    """What a template prints, before autoescaping escapes it for HTML: markup made here and
    numbers as they are, text with its unsafe characters (controls, separators, bidi,
    invisible, lone surrogates) as visible escapes (:func:`govcheck.textsafe.visible`), as
    govcheck shows them in every output."""
    if type(value) is str:
        return visible(value)
    if type(value) is int or hasattr(value, "__html__"):
        return value
    return visible(str(value))


def _citation(c: citations.Citation) -> Any:
    from markupsafe import Markup

    return Markup(citations.html(c))


def compiled_folder(jinja2_version: str) -> Path:
    """Where the templates are kept compiled to Python modules by that version of Jinja2."""
    return TEMPLATES.parent / f"html-jinja2-{jinja2_version}"


@functools.cache
def environment(precompiled: bool = True) -> jinja2.Environment:
    """The templates, loaded once per process: the modules ``make docs`` compiled them to
    (parsing and compiling the templates took ~35 ms a run), or, with another version of
    Jinja2 than the one that compiled them, the templates themselves, compiled here."""
    import jinja2

    folder = compiled_folder(jinja2.__version__)
    loader: jinja2.BaseLoader = (
        jinja2.ModuleLoader(folder) if precompiled and folder.is_dir() else jinja2.FileSystemLoader(TEMPLATES)
    )
    env = jinja2.Environment(loader=loader, autoescape=True, finalize=_print, undefined=jinja2.StrictUndefined)
    env.filters["citation"] = _citation
    return env


def compiled_templates() -> dict[str, str]:
    """Each template as the Python module Jinja2 compiles it to for :func:`environment`,
    by module file name (what :class:`jinja2.ModuleLoader` imports)."""
    import jinja2

    env = environment(precompiled=False)
    modules = {}
    for name in env.list_templates():
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        code = env.compile(source, name, raw=True, defer_init=True)
        # At the end: a line before the code would shift the line numbers of its debug_info.
        note = f"# Generated by `make docs` from govcheck/templates/html/{name} with Jinja2 {jinja2.__version__}: do not edit.\n"
        modules[jinja2.ModuleLoader.get_module_filename(name)] = code + "\n" + note
    return modules


def write_compiled_templates() -> Path:
    """Replace the compiled templates with those of the installed Jinja2 (``make docs``)."""
    import shutil

    import jinja2

    modules = compiled_templates()
    for old in TEMPLATES.parent.glob("html-jinja2-*"):
        shutil.rmtree(old)
    folder = compiled_folder(jinja2.__version__)
    folder.mkdir()
    for file_name, code in modules.items():
        (folder / file_name).write_text(code, encoding="utf-8")
    return folder


def render(report: Report) -> str:
    code = compliance_code(report)
    many = len(report.documents) != 1
    documents = [_document(report, doc, i) for i, doc in enumerate(report.documents, 1)]
    page: str = (  # ends with a newline, as every report does
        environment()
        .get_template("page.html.j2")
        .render(
            csp=_raw(CSP),
            css=_raw(CSS),
            title=_title(report.documents[0]) if not many else f"{len(report.documents)} constitutions",
            verdict=VERDICTS[code],
            mast=_masthead(report),
            tiles=_tiles(report),
            many=many,
            documents=documents,
            tool_version=report.tool_version,
            profiles=", ".join(report.profiles),
            drawn_seats=DRAWN_SEATS,
            drawn_functions=DRAWN_FUNCTIONS,
        )
    )
    return page


def _raw(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


if __name__ == "__main__":  # make docs
    write_compiled_templates()
