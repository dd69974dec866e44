"""Every fix text fits the finding it is attached to.

For each rule's failing fixture, the rule's finding is rendered with its fix, and the fix
must name the specific thing that is wrong, as a whole word: the key the finding is at (the
last key of its path: ``first_appointed``, ``nominated_by``), a value its message quotes
(``'c-audit'``), a key or role it names (``nursing_director``, ``(limits)``, ``coverage:``), or
what it says is missing ("no audit committee"). A fix written for another case (a chair's
finding told about partner nominations) or a generic "correct the value shown" fails here.
Only a finding about the document as a whole (no path, nothing quoted: a YAML syntax error,
bytes that are not UTF-8, a document over the limits) is compared by the words of its
message instead.
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
# A rule of a law version not yet in force (the Health Bill 2026) is judged under --law.
BILL = "health-bill-2026"
BILL_ENGINE = Engine(REGISTRY, Settings(profiles=tuple(PROFILES), law=BILL))
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


def _subjects(path: str, message: str) -> set[str]:
    """What a finding is about, as terms a fix that fits it names."""
    keys = [t for t in path.split("/") if t and not t.isdigit()]
    found = {keys[-1]} if keys else set()
    found.update(re.findall(r"'([^']+)'", message))  # quoted values: ids, names, keys
    found.update(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", message))  # keys and role ids: nursing_director
    found.update(re.findall(r"\(([a-z][a-z0-9_.-]*)[):]", message))  # (limits), (coverage: part)
    found.update(re.findall(r"\bno ([a-z]+)\b", message))  # what is missing: no audit committee
    return {t for t in found if len(t) >= 2 and t not in STOP}


def _names(fix: str, term: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(term)}(?![A-Za-z0-9_])", fix, re.IGNORECASE) is not None


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name.split("-")[0] for p in FIXTURE_FILES])
def test_the_fix_names_what_is_wrong(path: Path) -> None:
    rule_id = path.name.split("-")[0]
    law = REGISTRY.rules[rule_id].law
    engine = BILL_ENGINE if law and law.get("from") == BILL else ENGINE
    report = engine.report([engine.check_path(path)])
    findings = [f for f in report.findings if f.rule == rule_id]
    assert findings, f"{path.name} has no {rule_id} finding"
    for f in findings:
        assert f.remediation, f"{rule_id} has no fix text"
        assert "{" not in f.remediation, f"{rule_id}: a placeholder left in {f.remediation!r}"
        about = _subjects(f.path, f.message)
        if not about:  # the document as a whole
            assert rule_id in WHOLE_DOCUMENT, f"{rule_id}: {f.message!r} names nothing a fix could name"
            assert _stems(f.message) & _stems(f.remediation), f"{rule_id}: fix {f.remediation!r} does not fit {f.message!r}"
            continue
        named = [t for t in about if _names(f.remediation, t)]
        assert named, f"{rule_id}: fix {f.remediation!r} names none of {sorted(about)} ({f.message!r})"


# Findings about the whole document: a YAML syntax error, bytes that are not UTF-8, a
# document over the size, nesting or alias-expansion limits.
WHOLE_DOCUMENT = frozenset({"GOV001", "GOV003", "GOV004"})


def test_a_fix_names_the_key_the_finding_is_at() -> None:
    """``{field}`` in a rule's fix is the key its finding is at; shown without a finding, words."""
    from govcheck.rules import fix_for, shown_fix

    assert fix_for("Correct {field}.", "/board/members/5/appointment/first_appointed") == "Correct `first_appointed`."
    assert fix_for("Correct {field}.", "/icb/area/local_authorities/3") == "Correct `local_authorities`."
    assert fix_for("Correct {field}.", "/a~1b") == "Correct `a/b`."
    assert fix_for("Correct {field}.", "") == "Correct the document."
    assert fix_for("Keep {this} as written.", "/x") == "Keep {this} as written."
    assert shown_fix("Correct {field}.") == "Correct the key named in the finding."


def test_the_chair_is_not_told_about_partner_nominations() -> None:
    from tests.conftest import REFERENCE

    text = REFERENCE.read_text(encoding="utf-8").replace("      roles: [chair]\n", "      roles: [non_executive]\n", 1)
    assert "roles: [chair]" not in text
    report = ENGINE.report([ENGINE.check_text(text, "d.yaml")])
    (chair,) = [f for f in report.findings if f.rule == "GOV101"]
    assert chair.message == "the board needs a chair (role chair); it has none"
    assert chair.remediation == "Add a board member with roles: [chair]."


def test_a_missing_partner_member_is_told_who_nominates() -> None:
    report = ENGINE.report([ENGINE.check_path(FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml")])
    (partner,) = [f for f in report.findings if f.rule == "GOV101"]
    assert partner.remediation == (
        "Add a board member with roles: [partner_primary_medical], and list under its appointment.nominated_by "
        "the providers of primary medical services that jointly nominate them."
    )
