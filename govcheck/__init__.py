"""govcheck: check a proposed ICS constitution (YAML) against pluggable compliance rules.

The public API is deliberately small and imported lazily, so that ``import govcheck``
(and therefore every command-line run) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Check",
    "Finding",
    "Report",
    "Violation",
    "__version__",
    "check",
    "check_file",
    "check_text",
    "hookimpl",
]

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.api import check_file, check_text
    from govcheck.checks.base import Check, Violation, check
    from govcheck.findings import Finding
    from govcheck.hookspecs import hookimpl
    from govcheck.report import Report

_LAZY = {
    "check_file": "govcheck.api",
    "check_text": "govcheck.api",
    "Check": "govcheck.checks.base",
    "Violation": "govcheck.checks.base",
    "check": "govcheck.checks.base",
    "Finding": "govcheck.findings",
    "hookimpl": "govcheck.hookspecs",
    "Report": "govcheck.report",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govcheck' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
