"""An amendment: two versions of a constitution, what changed, and what it does to compliance.

Both sides are checked by one engine (the same rules, parameters and profiles: those
configured for the new side), so the compliance delta comes from the documents alone.
Each side is judged at its own ``as_of`` date unless ``--as-of`` fixes one for both.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from govcheck import loader
from govcheck.diff import changes as structure
from govcheck.diff import compliance
from govcheck.diff.entities import entities
from govcheck.diff.sources import Source
from govcheck.engine import Engine
from govcheck.findings import ERROR, OPEN, SEVERITIES, Finding, severity_at_least
from govcheck.model import Constitution
from govcheck.report import DocumentResult
from govcheck.rules import Rule

SCHEMA_VERSION = "1.0"


@dataclass
class Side:
    """One version: where it came from, its check, and its typed model (None: unreadable)."""

    source: Source
    result: DocumentResult
    data: Any
    model: Constitution | None

    def to_dict(self) -> dict[str, Any]:
        opened = Counter(f.severity for f in self.result.findings if f.status == OPEN)
        outcomes = Counter(o.status for o in self.result.outcomes)
        return {
            "source": self.source.spec,
            "revision": self.source.revision,
            "path": self.source.path,
            "as_of": self.model.as_of.isoformat() if self.model and self.model.as_of else None,
            "modelled": self.model is not None,
            "findings": {s: opened.get(s, 0) for s in SEVERITIES},
            "outcomes": dict(sorted(outcomes.items())),
        }


@dataclass
class Amendment:
    old: Side
    new: Side
    changes: list[structure.Change] | None  # None: a side could not be modelled
    renames: dict[str, str]  # old id -> new id, every kind
    delta: compliance.Delta
    rules: dict[str, Rule]
    profiles: list[str]
    fail_on: str
    tool_version: str
    exit_zero: bool = False

    @property
    def not_compared(self) -> str:
        """Why the structures were not compared ("" when they were)."""
        bad = [s.source.spec for s in (self.old, self.new) if s.model is None]
        if not bad:
            return ""
        return f"{' and '.join(bad)} could not be read as format v1 (see the findings), so its structure is not compared"

    @property
    def failing(self) -> list[Finding]:
        """Introduced findings that fail the run: open, at or above ``fail_on``."""
        return [f for f in self.delta.introduced if f.status == OPEN and severity_at_least(f.severity, self.fail_on)]

    @property
    def rule_errors(self) -> list[str]:
        return [f"{o.rule}: {o.detail}" for o in self.new.result.outcomes if o.status == ERROR]

    def exit_code(self) -> int:
        """2 when a rule could not be evaluated on the new version; else 1 when the amendment
        introduces a finding at or above ``fail_on`` (0 with exit-zero); else 0. Findings that
        persist from the old version never fail the run."""
        if self.rule_errors:
            return 2
        return 1 if self.failing and not self.exit_zero else 0

    def counts(self) -> dict[str, Any]:
        kinds = Counter(c.change for c in self.changes or [])
        return {
            "changes": {k: kinds.get(k, 0) for k in (structure.ADDED, structure.REMOVED, structure.CHANGED, structure.RENAMED)},
            "introduced": len(self.delta.introduced),
            "resolved": len(self.delta.resolved),
            "persisting": len(self.delta.persisting),
            "failing": len(self.failing),
            "rules_changed": len(self.delta.rules),
        }

    def _finding(self, f: Finding, data: Any, ids: dict[str, str] | None = None) -> dict[str, Any]:
        digest = hashlib.sha256(compliance.fingerprint(f, data, ids).encode()).hexdigest()[:32]
        rule = self.rules.get(f.rule)
        return {
            "rule": f.rule,
            "slug": f.slug,
            "title": rule.title if rule else "",
            "severity": f.severity,
            "status": f.status,
            "message": f.message,
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "fingerprint": digest,
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (schema: ``govcheck schema --diff``)."""
        old, new = self.old.data, self.new.data
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "govcheck", "version": self.tool_version},
            "profiles": self.profiles,
            "fail_on": self.fail_on,
            "exit_code": self.exit_code(),
            "counts": self.counts(),
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "structure": {
                "compared": self.changes is not None,
                "reason": self.not_compared,
                "changes": [c.to_dict() for c in self.changes or []],
            },
            "compliance": {
                "introduced": [self._finding(f, new) for f in self.delta.introduced],
                "resolved": [self._finding(f, old, self.renames) for f in self.delta.resolved],
                "persisting": [
                    {"old": self._finding(p.old, old, self.renames), "new": self._finding(p.new, new)}
                    for p in self.delta.persisting
                ],
                "rules": [
                    {"rule": r.rule, "title": self.rules[r.rule].title if r.rule in self.rules else "", "old": r.old, "new": r.new}
                    for r in self.delta.rules
                ],
                "rule_errors": self.rule_errors,
            },
        }


def _side(engine: Engine, source: Source) -> Side:
    doc = loader.load_bytes(source.raw, source.name, engine.settings.limits)
    keep = engine.keep_documents
    engine.keep_documents = True
    try:
        result = engine.check_document(doc)
    finally:
        engine.keep_documents = keep
    return Side(source, result, doc.data if doc.loaded else None, result.model)


def compare(engine: Engine, old: Source, new: Source, *, fail_on: str | None = None, exit_zero: bool = False) -> Amendment:
    """Check both versions with ``engine`` and compare them."""
    from govcheck import __version__

    before, after = _side(engine, old), _side(engine, new)
    changes = None
    renames: dict[str, str] = {}
    if before.model is not None and after.model is not None:
        old_entities, new_entities = entities(before.model), entities(after.model)
        renames = {o: n for pairs in structure.find_renames(old_entities, new_entities).values() for o, n in pairs.items()}
        changes = structure.compare(old_entities, new_entities)
    delta = compliance.delta(before.result, before.data, after.result, after.data, renames)
    return Amendment(
        old=before,
        new=after,
        changes=changes,
        renames=renames,
        delta=delta,
        rules=engine.rules,
        profiles=list(engine.settings.profiles),
        fail_on=fail_on or engine.settings.fail_on,
        tool_version=__version__,
        exit_zero=exit_zero,
    )
