"""Built-in report formats, registered through the same hook as any plugin's."""

from __future__ import annotations

from collections.abc import Callable

from govcheck.hookspecs import hookimpl
from govcheck.reporters.base import Reporter


def _lazy(module: str) -> Callable[..., str]:
    """Import a reporter's module only when that format is used."""

    def render(report: object) -> str:
        import importlib

        return importlib.import_module(f"govcheck.reporters.{module}").render(report)

    return render


BUILTIN = (
    Reporter("text", _lazy("text"), "file:line:col: RULE severity message, then a summary", "txt"),
    Reporter("json", _lazy("json_report"), "the full report as JSON (schema: govcheck schema --report)", "json"),
)


@hookimpl
def govcheck_register_reporters(register: Callable[[Reporter], None]) -> None:
    for reporter in BUILTIN:
        register(reporter)
