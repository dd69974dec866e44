"""Built-in report formats, registered through the same hook as any plugin's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govcheck.hookspecs import hookimpl
from govcheck.reporters.base import Reporter


def _lazy(module: str, function: str = "render") -> Callable[..., Any]:
    """Import a reporter's module only when that format is used."""

    def render(report: object) -> Any:
        import importlib

        return getattr(importlib.import_module(f"govcheck.reporters.{module}"), function)(report)

    return render


BUILTIN = (
    Reporter("text", _lazy("text"), "file:line:col: RULE severity message, then a summary", "txt"),
    Reporter(
        "json",
        _lazy("json_report"),
        "the full report as JSON (schema: govcheck schema --report)",
        "json",
        chunks=_lazy("json_report", "chunks"),
    ),
    Reporter("sarif", _lazy("sarif"), "SARIF 2.1.0 for GitHub code scanning", "sarif"),
    Reporter("junit", _lazy("junit"), "JUnit XML: a test case per document and rule", "xml"),
    Reporter("github", _lazy("github"), "GitHub Actions annotations (::error file=...::...)", "txt"),
    Reporter("markdown", _lazy("markdown"), "Markdown for pull-request comments and board papers", "md"),
    Reporter(
        "html",
        _lazy("html_report"),
        "one self-contained HTML page with board, place and accountability pictures",
        "html",
        needs_documents=True,
    ),
)


@hookimpl
def govcheck_register_reporters(register: Callable[[Reporter], None]) -> None:
    for reporter in BUILTIN:
        register(reporter)
