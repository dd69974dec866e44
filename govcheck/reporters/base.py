"""What a report format is: a name and a function from a Report to text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.report import Report


class Reporter(NamedTuple):
    """A report format, registered through ``govcheck_register_reporters``."""

    name: str
    render: Callable[[Report], str]
    description: str = ""
    extension: str = "txt"
    # True when render() reads DocumentResult.model / .text (the checked documents themselves);
    # the CLI keeps documents in memory only when a chosen format needs them.
    needs_documents: bool = False
    # Optional: the same text as render(), in pieces. The command line spools them (to a
    # temporary file past 1 MiB, govcheck.fileio.Spool), so a big batch's report is never
    # held whole in memory; render() stays what the Python API and other callers use.
    chunks: Callable[[Report], Iterable[str]] | None = None
