"""Every fix text fits the finding it is attached to.

For each rule's failing fixture, the rule's finding is rendered with its fix, and the fix
must name the thing that is wrong: share a term (a document key, or a word of the message,
compared by stem) with the finding's path and message. A fix written for another case (a
chair's finding told about partner nominations) or a generic "correct it" fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from govcheck.rules import PROFILES
from tests.conftest import FIXTURES

REGISTRY = load_registry(entry_points=False)
ENGINE = Engine(REGISTRY, Settings(profiles=tuple(PROFILES)))
# Words too common to show what a text is about.
STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "each",
        "every",
        "must",
        "when",
        "only",
        "more",
        "than",
        "their",
        "there",
        "these",
        "those",
        "does",
        "which",
        "where",
        "other",
        "about",
        "into",
        "shown",
        "been",
        "also",
        "they",
        "them",
        "will",
        "shall",
        "should",
        "need",
        "needs",
    ]
)
FIXTURE_FILES = sorted((FIXTURES / "invalid").glob("GOV*.yaml"))


def _stems(text: str) -> set[str]:
    words: set[str] = set()
    for word in re.findall(r"[a-z][a-z0-9_]*", text.lower()):
        words |= {word, *word.split("_")}
    return {w[:6] for w in words if len(w) > 3 and w not in STOP}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name.split("-")[0] for p in FIXTURE_FILES])
def test_the_fix_names_what_is_wrong(path: Path) -> None:
    rule_id = path.name.split("-")[0]
    engine = ENGINE
    law = REGISTRY.rules[rule_id].law
    if law and law.get("from") == "health-bill-2026":  # a Bill rule judges a draft under the Bill
        engine = Engine(REGISTRY, Settings(profiles=tuple(PROFILES), law="health-bill-2026"))
    report = engine.report([engine.check_path(path)])
    findings = [f for f in report.findings if f.rule == rule_id]
    assert findings, f"{path.name} has no {rule_id} finding"
    for f in findings:
        assert f.remediation, f"{rule_id} has no fix text"
        about = _stems(f.path.replace("/", " ")) | _stems(f.message)
        assert about & _stems(f.remediation), f"{rule_id}: fix {f.remediation!r} does not name {f.message!r}"


def test_the_chair_is_not_told_about_partner_nominations() -> None:
    from tests.conftest import REFERENCE

    text = REFERENCE.read_text(encoding="utf-8")
    start, end = text.index("    - id: m-chair\n"), text.index("    - id: m-ceo\n")
    report = ENGINE.report([ENGINE.check_text(text[:start] + text[end:], "d.yaml")])
    (chair,) = [f for f in report.findings if f.rule == "GOV101"]
    assert chair.message == "the board needs a chair; it has none"
    assert "roles: [chair]" in chair.remediation
    assert "for a partner member, also record under appointment.nominated_by" in chair.remediation
