"""Law versions: which enactment a statutory rule comes from, and when it is in force.

One declaration (:data:`LAWS`) lists the versions of the law on ICB constitutions that
govcheck knows, oldest first. Each later version amends the one before it. A rule pack's
statutory rule names, under ``law:``, the version it comes ``from`` and, when a later
version repeals or replaces it, the version it holds ``until``; together with the
versions' commencement dates that is the rule's period in force. Nothing here changes on
commencement day: the Health Bill's commencement is a configuration value
(``commencement`` table), unset by default, and ``--law`` judges a draft as if a named
version were in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from govcheck.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover - govcheck.rules imports this module
    from govcheck.rules import Rule


class LawVersion(NamedTuple):
    id: str
    title: str
    enactment: str  # what a reader opens
    url: str
    commenced: dt.date | None  # None: not in force until a commencement date is configured
    status: str


LAWS: tuple[LawVersion, ...] = (
    LawVersion(
        id="nhs-act-2006-sch1b",
        title="NHS Act 2006 Schedule 1B as inserted by the Health and Care Act 2022",
        enactment=(
            "National Health Service Act 2006, Schedule 1B (inserted by the Health and Care Act 2022 "
            "s19 and Schedule 2), and the Local Government and Public Involvement in Health Act 2007 "
            "s116ZA (inserted by the Health and Care Act 2022 s26)"
        ),
        url="https://www.legislation.gov.uk/ukpga/2006/41/schedule/1B",
        commenced=dt.date(2022, 7, 1),
        status="in force from 1 July 2022 (S.I. 2022/734)",
    ),
    LawVersion(
        id="health-bill-2026",
        title="Health Bill 2026 as introduced",
        enactment="Health Bill, as introduced in the House of Commons on 14 May 2026",
        url="https://bills.parliament.uk/",
        commenced=None,
        status="a Bill before Parliament: not in force unless a commencement date is configured",
    ),
)
BY_ID = {law.id: law for law in LAWS}
# Integrated care boards were established on 1 July 2022: no constitution is judged earlier.
EARLIEST = LAWS[0].commenced or dt.date(2022, 7, 1)


class LawContext(NamedTuple):
    """The law a document is judged against."""

    version: LawVersion
    as_of: dt.date | None
    in_force: frozenset[str]
    chosen: bool  # named with --law / the ``law`` setting, not selected by date

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version.id,
            "title": self.version.title,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "selected_by": "law setting" if self.chosen else "as-of date",
        }

    def describe(self) -> str:
        when = f"as of {self.as_of.isoformat()}" if self.as_of else "no as-of date"
        how = " (--law)" if self.chosen else ""
        return f"{self.version.title} [{self.version.id}]{how}, {when}"


def check_law_name(name: str) -> str:
    if name not in BY_ID:
        raise ConfigError(f"unknown law {name!r} (known: {', '.join(BY_ID)})")
    return name


def check_as_of(value: dt.date, what: str = "--as-of") -> dt.date:
    if value < EARLIEST:
        raise ConfigError(
            f"{what} {value.isoformat()} is before {EARLIEST.isoformat()}, when integrated care "
            "boards were established (Health and Care Act 2022): no ICB law was in force"
        )
    return value


def commencement_of(law: LawVersion, commencement: Mapping[str, dt.date]) -> dt.date | None:
    return commencement.get(law.id, law.commenced)


def context(
    as_of: dt.date | None, law: str | None = None, commencement: Mapping[str, dt.date] | None = None
) -> LawContext:
    """The version in force on ``as_of`` (or the one named by ``law``) and those before it.

    govcheck never reads the clock: without an as-of date no commencement can be compared,
    so the first version (in force since ICBs were established) is the law, and reports
    say "no as-of date". Name another with ``law`` / ``--law``.
    """
    starts = commencement or {}
    if law is not None:
        index = [v.id for v in LAWS].index(check_law_name(law))
        return LawContext(LAWS[index], as_of, frozenset(v.id for v in LAWS[: index + 1]), True)
    current = 0
    for i, version in enumerate(LAWS):
        start = commencement_of(version, starts)
        if start is not None and as_of is not None and start <= as_of:
            current = i
    return LawContext(LAWS[current], as_of, frozenset(v.id for v in LAWS[: current + 1]), False)


def not_in_force(rule: Rule, ctx: LawContext) -> str:
    """Why ``rule`` does not apply under ``ctx`` ("" when it applies)."""
    law = rule.law
    if not law:
        return ""
    start, until = law.get("from"), law.get("until")
    if start is not None and start not in ctx.in_force:
        version = BY_ID[start]
        return (
            f"{version.title} is not in force ({version.status}); judged against "
            f"{ctx.describe()}. Use --law {start} to judge a draft as if it were."
        )
    if until is not None and until in ctx.in_force:
        version = BY_ID[until]
        note = law.get("ends")
        return f"not in force under {ctx.describe()}: {note or f'replaced by the {version.title}'}"
    return ""


def history(rule: Rule, commencement: Mapping[str, dt.date] | None = None) -> list[str]:
    """The rule's period in force, in words, for ``govcheck rules show``."""
    law = rule.law
    if not law:
        return ["not tied to a law version: applies on every date"]
    starts = commencement or {}
    lines = []
    start = BY_ID[law["from"]]
    begun = commencement_of(start, starts)
    lines.append(
        f"from: {start.title} [{start.id}]: "
        + (f"in force from {begun.isoformat()}" if begun else f"{start.status}")
    )
    if law.get("until"):
        end = BY_ID[law["until"]]
        ends = commencement_of(end, starts)
        when = f"on {ends.isoformat()}" if ends else "when it commences (no commencement date set)"
        lines.append(f"until: {end.title} [{end.id}] {when}" + (f": {law['ends']}" if law.get("ends") else ""))
    else:
        lines.append("until: no later version repeals it")
    if law.get("replaces"):
        lines.append(f"replaces: {law['replaces']}")
    if law.get("replaced_by"):
        lines.append(f"replaced by: {law['replaced_by']}")
    read = "text read at source" if law.get("text_read") else "text NOT read at source"
    lines.append(f"provision: {law.get('provision', '')} ({read})")
    return lines
