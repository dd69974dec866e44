"""Waivers: accepted exceptions recorded in the document's ``waivers`` block.

A waiver names one rule (id or slug) and the JSON Pointer of the part of the document it
covers; a finding of that rule at that path, or anywhere under it, is *waived* and shows the
waiver's reason. A waiver must give a reason with visible text, name a known rule that may be
waived (not GOV001-GOV010) and not have expired (judged against the run's as-of date; when
neither the run nor the document gives a valid one, against the run date, never skipped);
otherwise it waives nothing and is reported under GOV009. A valid waiver that covers no finding of a rule that ran is reported
under GOV010.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from govcheck.findings import WAIVED, Finding
from govcheck.options import iso_date
from govcheck.rules import Rule
from govcheck.validate import EARLIEST_YEAR, LATEST_YEAR

INVALID_RULE = "GOV009"
UNUSED_RULE = "GOV010"
WAIVER_RULES = frozenset({INVALID_RULE, UNUSED_RULE})
# Loader, format, reference and id findings (GOV001-GOV008) say the document cannot be read
# as written, so no rule's result on it can be trusted: they are never waivable, nor are the
# waiver rules themselves.
UNWAIVABLE = frozenset({f"GOV{n:03d}" for n in range(1, 9)}) | WAIVER_RULES


def visible(text: str) -> bool:
    """True when ``text`` has a character a reader can see.

    Whitespace, and format (Cf: zero-width spaces, bidi controls), control (Cc), unassigned,
    private-use and surrogate characters, do not count: a reason of U+200B alone is no reason.
    """
    import unicodedata

    return any(
        not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc", "Cn", "Co", "Cs", "Zs")
        and char not in _BLANK_LOOKING
        for char in text
    )


# Characters that are letters or symbols to Unicode but draw nothing.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def run_date() -> dt.date:
    """Today's date: waiver expiry when neither the run nor the document gives a usable as-of."""
    return dt.date.today()


class Problem(NamedTuple):
    """A waiver that is itself a finding: which rule, where, and what is wrong."""

    rule: str
    path: str
    message: str
    key: bool = False


class Waiver(NamedTuple):
    number: int  # its place in the waivers list (a NamedTuple field may not be called index)
    rule: str  # the rule id it resolves to ("" when unknown)
    path: str
    reason: str
    approver: str
    expires: str

    @property
    def pointer(self) -> str:
        return f"/waivers/{self.number}"

    def covers(self, finding: Finding) -> bool:
        return finding.rule == self.rule and (
            not self.path
            or finding.path == self.path
            or finding.path.startswith(self.path + "/")
        )


def read(
    data: Mapping[str, Any], lookup: Callable[[str], Rule | None], as_of: dt.date | None
) -> tuple[list[Waiver], list[Problem]]:
    """The usable waivers of a document, and the problems with the others (a waiver out of
    format, which GOV005 reports, is neither)."""
    usable: list[Waiver] = []
    problems: list[Problem] = []
    if as_of is not None and not EARLIEST_YEAR <= as_of.year <= LATEST_YEAR:
        as_of = None  # an as_of the format refuses (GOV005) is no date to judge expiry by
    items = data.get("waivers")
    for i, item in enumerate(items if isinstance(items, list) else ()):
        where = f"/waivers/{i}"
        if not (isinstance(item, Mapping) and isinstance(item.get("rule"), str) and isinstance(item.get("path"), str)):
            continue  # out of format (GOV005 says where): it waives nothing
        name = item["rule"]
        rule = lookup(name)
        reason = " ".join(str(item.get("reason", "")).split())
        expires = str(item.get("expires", "") or "")
        if rule is None:
            problems.append(
                Problem(INVALID_RULE, f"{where}/rule", f"waiver names unknown rule {name!r}")
            )
            continue
        if rule.id in UNWAIVABLE:
            message = f"waiver names {rule.id} ({rule.slug}), which cannot be waived"
            if rule.id not in WAIVER_RULES:
                message += ": a document that cannot be read or does not follow the format cannot be judged"
            problems.append(Problem(INVALID_RULE, f"{where}/rule", message))
            continue
        if not visible(reason):
            at = item["path"] or "/"
            message = f"waiver for {rule.id} at {at} gives no reason; a reason is required"
            if reason:
                message += " (its reason has only invisible or formatting characters)"
            problems.append(Problem(INVALID_RULE, where, message))
            continue
        expiry = iso_date(expires[:10]) if expires else None
        if expires and expiry is None:
            message = f"waiver for {rule.id} at {item['path'] or '/'}: expiry {expires[:40]!r} is not a real date"
            problems.append(Problem(INVALID_RULE, f"{where}/expires", message))
            continue
        judged_on = as_of or run_date()
        if expiry is not None and expiry < judged_on:
            message = (
                f"waiver for {rule.id} at {item['path'] or '/'} expired on {expiry.isoformat()} "
                f"(as of {judged_on.isoformat()}{'' if as_of else ', the run date'})"
            )
            problems.append(Problem(INVALID_RULE, f"{where}/expires", message))
            continue
        path = item["path"].rstrip("/")  # "/places/0/" covers what "/places/0" covers; "/" all
        usable.append(Waiver(i, rule.id, path, reason, str(item.get("approver", "")), expires[:10]))
    return usable, problems


def apply(
    waivers: Sequence[Waiver], findings: Sequence[Finding], judged: set[str]
) -> tuple[list[Finding], list[Problem]]:
    """Mark covered findings waived; report waivers (of rules in ``judged``) that covered none.

    The first waiver (in document order) that covers a finding is the one shown.
    """
    used: set[int] = set()
    out = []
    for f in findings:
        w = next((w for w in waivers if w.covers(f)), None)
        if w is None:
            out.append(f)
            continue
        used.add(w.number)
        out.append(
            f._replace(
                status=WAIVED,
                waiver_reason=w.reason,
                waiver_approver=w.approver,
                waiver_expires=w.expires,
                waiver_path=w.pointer,
            )
        )
    return out, [
        Problem(
            UNUSED_RULE,
            w.pointer,
            f"waiver for {w.rule} at {w.path or '/'} matches no finding; remove it",
        )
        for w in waivers
        if w.number not in used and w.rule in judged
    ]
