"""What a report format is: a name and a function from a Report to text."""

from __future__ import annotations

from collections.abc import Callable
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
