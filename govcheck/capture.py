"""Standard output belongs to the report: what plugins print while the run checks documents
is captured and shown on standard error as a warning, so machine-readable output on
standard output (JSON, SARIF, JUnit) cannot be corrupted by a stray ``print``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager

KEEP = 2000  # characters of captured text shown in the warning


class Captured(io.TextIOBase):
    """A stand-in for ``sys.stdout`` that keeps the first KEEP characters and counts the rest."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = KEEP - sum(map(len, self.kept))
        if room > 0:
            self.kept.append(text[:room])
        self.size += len(text)
        return len(text)

    @property
    def text(self) -> str:
        return "".join(self.kept)

    def warning(self) -> str | None:
        """The one-line warning for standard error, or None when nothing was printed."""
        if not self.size:
            return None
        from govcheck.textsafe import shown

        more = f" (first {KEEP:,} of {self.size:,} characters)" if self.size > KEEP else ""
        return (
            "govcheck: warning: a plugin printed to standard output while checking; it is not "
            f"part of the report{more}: {shown(self.text)}"
        )


@contextmanager
def stdout_captured() -> Iterator[Captured]:
    real = sys.stdout
    captured = Captured()
    sys.stdout = captured
    try:
        yield captured
    finally:
        sys.stdout = real
