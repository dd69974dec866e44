"""What a report format is: a name and a function from a Report to text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.report import Report


@dataclass(frozen=True)
class Reporter:
    """A report format, registered through ``govcheck_register_reporters``."""

    name: str
    render: Callable[[Report], str] = field(repr=False)
    description: str = ""
    extension: str = "txt"
