"""``govcheck verify PACK``: run a rule pack's own examples, and report their coverage.

A pack lists ``examples``: each a ``patch`` merged onto the reference constitution (as in
:mod:`govcheck.testing`) or a whole ``document`` (a path relative to the pack), with the
findings the pack's rules must produce there, as ``"RULE /json/pointer"`` lines (an empty
list: none). Every finding of the pack's rules is compared, so an example also shows that
the other rules stay quiet. A rule is *covered* when one example shows it passing and one
shows it failing: a rule that was never seen to fail may be one that cannot.

Exit status: 0 when every example gives exactly what it expects and every rule is covered,
1 when not, 2 when a pack cannot be loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govcheck.errors import ConfigError

PASSED = "passed"


@dataclass
class ExampleResult:
    """One example: what it is called, what was missing or unexpected, and why it failed."""

    name: str
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.unexpected or self.problems)


@dataclass
class PackResult:
    """One pack: its examples' results and, per rule, whether it was seen passing and failing."""

    pack: str
    examples: list[ExampleResult] = field(default_factory=list)
    passing: dict[str, bool] = field(default_factory=dict)
    failing: dict[str, bool] = field(default_factory=dict)

    @property
    def uncovered(self) -> list[str]:
        return [r for r in self.passing if not (self.passing[r] and self.failing[r])]

    @property
    def ok(self) -> bool:
        return bool(self.examples) and all(e.ok for e in self.examples) and not self.uncovered


def verify_pack(path: Path, plugins: Sequence[str] = (), entry_points: bool = True) -> PackResult:
    """Load ``path`` (with ``plugins``) and run its examples. ConfigError/PluginError: exit 2."""
    from govcheck.engine import Engine, Settings
    from govcheck.plugins import RULE_PACK_PREFIX, load_registry
    from govcheck.rules import read_pack

    registry = load_registry(plugins, entry_points=entry_points, rule_packs=[path])
    data = read_pack(path, f"{RULE_PACK_PREFIX}{path}")
    ids = [r["id"] for r in data["rules"]]
    result = PackResult(_shown(path), passing=dict.fromkeys(ids, False), failing=dict.fromkeys(ids, False))
    engine = Engine(registry, Settings(select=tuple(ids)))
    for i, example in enumerate(data.get("examples") or ()):
        result.examples.append(_run(engine, path, i, example, ids, result))
    return result


def _shown(path: Path) -> str:
    """A pack's name in the report: relative to the working directory when under it."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _expected(path: Path, i: int, example: Mapping[str, Any], ids: list[str]) -> set[tuple[str, str]]:
    wanted = set()
    for line in example["expect"]:
        rule, _, pointer = line.partition(" ")
        if rule not in ids:
            raise ConfigError(
                f"rule pack {path}: example {i + 1} expects {rule}, which is not a rule of this pack "
                f"(its rules: {', '.join(ids)})"
            )
        wanted.add((rule, pointer))
    return wanted


def _source(path: Path, i: int, example: Mapping[str, Any]) -> tuple[str, str]:
    """The example's document text and the name findings are reported under."""
    from govcheck.testing import document_text

    if "document" in example:
        if "patch" in example:
            raise ConfigError(f"rule pack {path}: example {i + 1} gives both a document and a patch; give one")
        file = path.parent / example["document"]
        try:
            return file.read_text(encoding="utf-8"), str(file)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"rule pack {path}: example {i + 1}: cannot read {file}: {exc}") from None
    return document_text(dict(example.get("patch") or {})), "<reference>"


def _run(engine: Any, path: Path, i: int, example: Mapping[str, Any], ids: list[str], pack: PackResult) -> ExampleResult:
    name = example.get("name") or (example.get("document") or ("the reference" if not example.get("patch") else "a patch"))
    result = ExampleResult(f"example {i + 1} ({name})")
    wanted = _expected(path, i, example, ids)
    text, shown = _source(path, i, example)
    checked = engine.check_text(text, shown)
    got = {(f.rule, f.path) for f in checked.findings if f.rule in ids}
    result.missing = [f"{r} {p}".rstrip() for r, p in sorted(wanted - got)]
    result.unexpected = [f"{r} {p}".rstrip() for r, p in sorted(got - wanted)]
    for outcome in checked.outcomes:
        if outcome.rule in ids and outcome.status not in (PASSED, "failed"):
            blocking = "; ".join(f"{f.rule} {f.path}: {f.message}" for f in checked.findings if f.rule not in ids)
            detail = outcome.detail + (f" ({blocking})" if blocking and outcome.status == "not_applicable" else "")
            result.problems.append(f"{outcome.rule} {outcome.status.replace('_', ' ')}: {detail}".rstrip(": "))
    if result.ok:
        fired = {r for r, _ in got}
        for rule in ids:
            if rule in fired:
                pack.failing[rule] = True
            elif any(o.rule == rule and o.status == PASSED for o in checked.outcomes):
                pack.passing[rule] = True
    return result


def render(results: Sequence[PackResult]) -> str:
    """The text report: each example, then each rule's coverage, then a summary line."""
    lines = []
    for pack in results:
        if not pack.examples:
            lines.append(f"{pack.pack}: no examples: add `examples` to the pack (docs/plugins.md)")
        for ex in pack.examples:
            lines.append(f"{pack.pack}: {ex.name}: {'ok' if ex.ok else 'FAILED'}")
            lines += [f"    missing: {m}" for m in ex.missing]
            lines += [f"    unexpected: {u}" for u in ex.unexpected]
            lines += [f"    {p}" for p in ex.problems]
        for rule in pack.passing:
            seen = [w for w, ok in (("passing", pack.passing[rule]), ("failing", pack.failing[rule])) if not ok]
            state = "covered" if not seen else f"NOT covered: no {' and no '.join(seen)} example"
            lines.append(f"{pack.pack}: {rule} {state}")
    examples = [e for p in results for e in p.examples]
    failed = sum(not e.ok for e in examples)
    rules = sum(len(p.passing) for p in results)
    uncovered = sum(len(p.uncovered) for p in results)
    lines.append(
        f"{len(results)} pack(s), {len(examples)} example(s): {len(examples) - failed} passed, {failed} failed; "
        f"{rules - uncovered} of {rules} rule(s) covered by a passing and a failing example"
    )
    return "\n".join(lines) + "\n"
