"""The text format, shaped for a terminal.

Per document, findings grouped by severity (errors, warnings, information), each one line
``file:line:col: RULE severity message [slug]`` (a location editors and terminals open).
The source and fix of a rule are shown under its first finding, or under every finding with
``--verbose``; a YAML syntax error shows its line with a caret. One summary line ends it.

Presentation comes from ``report.options`` (set by the command line): ``color`` (ANSI
colours; the CLI turns them on for a terminal, honouring ``NO_COLOR`` and ``FORCE_COLOR``),
``width`` (wrap to this many columns; 0: no wrapping) and ``verbose``.
"""

from __future__ import annotations

from govcheck.findings import SEVERITIES, Finding
from govcheck.report import DocumentResult, Report
from govcheck.reporters.common import compliance_code, run_status
from govcheck.textsafe import line_start
from govcheck.wording import caret

# Control characters (terminal escapes, line breaks inside a message), bidirectional
# overrides ("Trojan Source") and invisible characters from a document, a file name or a
# plugin message are shown escaped (govcheck.textsafe), so a finding is one line, a terminal
# shows what the document holds, and no line starts a CI workflow command.
_STYLES = {"error": "1;31", "warning": "1;33", "info": "1;34", "rule": "1", "dim": "2", "ok": "1;32", "bad": "1;31"}
_INDENT = "    "


def _safe(text: str) -> str:
    return line_start(text)


class _Out:
    """Lines of output: escaped, wrapped to the width, then coloured."""

    def __init__(self, color: bool, width: int) -> None:
        self.color = color
        self.width = width
        self.lines: list[str] = []

    def paint(self, text: str, style: str) -> str:
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if self.color and text else text

    def add(self, text: str, indent: str = "", styles: tuple[tuple[str, str], ...] = ()) -> None:
        """Add ``indent + text``; wrapped lines are indented one step more. ``styles`` colour
        the first occurrence of each given fragment (after wrapping, so widths stay true): by a
        style name, or replaced by the given (already coloured) text."""
        text = _safe(text)
        if self.width > 20 and len(indent) + len(text) > self.width:
            import textwrap  # only when wrapping for a terminal

            parts = textwrap.wrap(
                text, self.width, initial_indent=indent, subsequent_indent=indent + _INDENT,
                break_long_words=False, break_on_hyphens=False,
            )  # fmt: skip
        else:
            parts = [indent + text]
        for fragment, style in styles:
            for i, part in enumerate(parts):
                if fragment and fragment in part:
                    parts[i] = part.replace(fragment, self.paint(fragment, style) if style in _STYLES else style, 1)
                    break
        self.lines.extend(parts)


def render(report: Report) -> str:
    options = getattr(report, "options", {}) or {}
    out = _Out(bool(options.get("color")), int(options.get("width") or 0))
    verbose = bool(options.get("verbose"))
    explained: set[str] = set()
    for doc in report.documents:
        _document(out, doc, verbose, explained)
    _summary(out, report)
    return "\n".join(out.lines) + "\n"


def _document(out: _Out, doc: DocumentResult, verbose: bool, explained: set[str]) -> None:
    by_severity = {s: [f for f in doc.findings if f.severity == s] for s in SEVERITIES}
    for severity in SEVERITIES:
        for f in by_severity[severity]:
            _finding(out, f, doc, verbose or f.rule not in explained)
            explained.add(f.rule)
    for o in doc.outcomes:
        if o.status == "error":
            out.add(
                f"{doc.file}: {o.rule} error: rule could not be evaluated: {o.detail}",
                styles=((o.rule, "rule"), ("error", "error")),
            )


def _finding(out: _Out, f: Finding, doc: DocumentResult, explain: bool) -> None:
    mark = "" if f.status == "open" else f" [{f.status}{': ' + f.waiver_reason if f.waiver_reason else ''}]"
    where = f"{f.file}:{f.line}:{f.column}:"
    out.add(
        f"{where} {f.rule} {f.severity} {f.message} [{f.slug}]{mark}",
        styles=((where, "dim"), (f" {f.rule} {f.severity} ", f" {out.paint(f.rule, 'rule')} {out.paint(f.severity, f.severity)} ")),
    )
    if f.related:  # one cause found in several places: where the others are
        out.add("also at: " + ", ".join(f"{line}:{col}" for _, line, col in f.related), _INDENT, (("also at:", "dim"),))
    quoted = getattr(doc, "lines", {})
    if f.line in quoted:  # a YAML syntax error: the line before, the line, and a caret
        number = len(str(f.line))
        if quoted.get(f.line - 1, "").strip():
            out.lines.append(f"{_INDENT}{f.line - 1:>{number}} | {_safe(quoted[f.line - 1])}")
        line, mark = caret(quoted[f.line], f.column)
        out.lines.append(f"{_INDENT}{f.line:>{number}} | {_safe(line)}")
        out.lines.append(f"{_INDENT}{'':>{number}} | {out.paint(mark, 'error')}")
    if explain and f.citation:
        out.add(f"source: {f.citation}", _INDENT, (("source:", "dim"),))
    if explain and f.citation_url:
        out.add(f"see: {f.citation_url}", _INDENT, (("see:", "dim"),))
    if explain and f.remediation:
        out.add(f"fix: {f.remediation}", _INDENT, (("fix:", "dim"),))


def _summary(out: _Out, report: Report) -> None:
    c = report.counts()
    sev = c["findings"]
    outcomes = c["outcomes"]
    code = compliance_code(report)
    verdict = {0: "compliant", 1: "NOT compliant", 2: "compliance NOT established (rule errors)"}[code]
    stopped = report.not_runnable()
    text = (
        f"{c['documents']} document(s) checked: {sev['error']} error(s), {sev['warning']} warning(s), "
        f"{sev['info']} info; rules passed {outcomes['passed']}, failed {outcomes['failed']}, "
        f"not applicable {outcomes['not_applicable']}, errored {outcomes['error']}"
        + (f"; {c['waived']} waived" if c["waived"] else "")
        + (f"; {c['baselined']} baselined" if c["baselined"] else "")
        + (f"; {stopped} could not run (they read a part that is out of format)" if stopped else "")
        + f"; result: {verdict} (profiles {', '.join(report.profiles)}); {run_status(report)}"
    )
    for law in report.laws():  # what the documents were judged against, before the one-line summary
        out.add(f"law: {law}", styles=(("law:", "dim"),))
    out.add(text, styles=((f"result: {verdict}", "ok" if code == 0 else "bad"),))
