"""A test kit for rule and plugin authors, shipped in the wheel.

Build a document from a small patch on top of the reference constitution, run one rule on
it (with your plugins and rule packs), and assert its findings by rule id and JSON Pointer::

    from govcheck.testing import assert_findings, run_rule

    def test_four_neds_required():
        result = run_rule("LOCAL001", rule_packs=["governance/local-rules.yaml"])
        assert_findings(result, [("LOCAL001", "/board/members")])

The same helpers are available as the ``govcheck_kit`` pytest fixture (installed with
govcheck through the ``pytest11`` entry point), and Hypothesis strategies for valid
constitutions live in :mod:`govcheck.testing.strategies`.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DELETE",
    "Kit",
    "RuleResult",
    "assert_findings",
    "assert_passes",
    "document",
    "document_text",
    "merge",
    "reference_data",
    "reference_path",
    "run_check",
    "run_rule",
]

DELETE = None
"""A patch value that removes the key (or list item) it is given for."""


def reference_path() -> Path:
    """The reference constitution: inside the wheel, or ``fixtures/valid`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data" / "reference.yaml"
    return packaged if packaged.is_file() else here.parent / "fixtures" / "valid" / "reference.yaml"


_REFERENCE: dict[str, Any] = {}


def reference_data() -> dict[str, Any]:
    """A fresh deep copy of the reference constitution as plain data (dates as ISO text)."""
    if not _REFERENCE:
        from govcheck import loader

        doc = loader.load_bytes(reference_path().read_bytes(), str(reference_path()))
        if doc.problems or not isinstance(doc.data, dict):  # pragma: no cover - a packaging bug
            raise RuntimeError(f"the packaged reference constitution does not load: {doc.problems}")
        _REFERENCE.update(doc.data)
    return copy.deepcopy(_REFERENCE)


def merge(base: Any, patch: Any) -> Any:
    """Deep-merge ``patch`` onto ``base`` (neither is changed) and return the result.

    Mappings merge key by key; ``None`` (:data:`DELETE`) removes a key. A mapping patch on a
    list edits items by index (``{"2": {...}}``, ``None`` removes the item) and ``"+"``
    appends a list of items. Anything else replaces the value.
    """
    if isinstance(patch, Mapping) and isinstance(base, Mapping):
        out = dict(copy.deepcopy(base))
        for key, value in patch.items():
            if value is DELETE:
                out.pop(key, None)
            else:
                out[key] = merge(out[key], value) if key in out else copy.deepcopy(value)
        return out
    if isinstance(patch, Mapping) and isinstance(base, list):
        items: list[Any] = copy.deepcopy(base)
        removed: set[int] = set()
        for key, value in patch.items():
            if key == "+":
                continue
            index = int(key)
            if not -len(items) <= index < len(items):
                raise IndexError(f"patch index {key} is outside a list of {len(items)} item(s)")
            if value is DELETE:
                removed.add(index % len(items))
            else:
                items[index] = merge(items[index], value)
        items = [item for i, item in enumerate(items) if i not in removed]
        return items + copy.deepcopy(list(patch.get("+", ())))
    return copy.deepcopy(patch)


def _as_patch(patch: Mapping[str, Any] | str | None) -> Mapping[str, Any]:
    if patch is None:
        return {}
    if isinstance(patch, str):
        import yaml

        loaded = yaml.safe_load(patch)
        if loaded is None:
            return {}
        if not isinstance(loaded, Mapping):
            raise TypeError("a YAML patch must be a mapping")
        plain: Mapping[str, Any] = _plain(loaded)
        return plain
    return patch


def _plain(value: Any) -> Any:
    """YAML dates become ISO text, as the govcheck loader gives them."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def document(
    patch: Mapping[str, Any] | str | None = None, *, base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The reference constitution (or ``base``) with ``patch`` (a mapping or YAML text) merged on."""
    merged: dict[str, Any] = merge(reference_data() if base is None else base, _as_patch(patch))
    return merged


def document_text(
    patch: Mapping[str, Any] | str | None = None, *, base: Mapping[str, Any] | None = None
) -> str:
    """:func:`document` as YAML text, ready for ``govcheck check`` or a file."""
    import yaml

    return yaml.safe_dump(document(patch, base=base), sort_keys=False, allow_unicode=True)


@dataclass
class RuleResult:
    """What one rule did on one document: its outcome and its findings."""

    rule: str
    status: str
    detail: str
    findings: list[Any] = field(default_factory=list)
    document_findings: list[Any] = field(default_factory=list)
    text: str = ""

    @property
    def ids(self) -> list[tuple[str, str]]:
        """``(rule id, JSON Pointer)`` of every finding, sorted."""
        return sorted((f.rule, f.path) for f in self.findings)

    @property
    def paths(self) -> list[str]:
        return sorted(f.path for f in self.findings)

    @property
    def messages(self) -> list[str]:
        return [f.message for f in self.findings]


_REGISTRIES: dict[tuple[Any, ...], Any] = {}


def _registry(
    plugins: Sequence[str], rule_packs: Sequence[str | os.PathLike[str]], entry_points: bool
) -> Any:
    from govcheck.plugins import load_registry

    key = (tuple(plugins), tuple(str(Path(p).resolve()) for p in rule_packs), entry_points)
    if key not in _REGISTRIES:
        _REGISTRIES[key] = load_registry(
            list(plugins), rule_packs=[Path(p) for p in rule_packs], entry_points=entry_points
        )
    return _REGISTRIES[key]


def run_rule(
    rule: str,
    patch: Mapping[str, Any] | str | None = None,
    *,
    text: str | None = None,
    plugins: Sequence[str] = (),
    rule_packs: Sequence[str | os.PathLike[str]] = (),
    entry_points: bool = True,
    params: Mapping[str, Any] | None = None,
    as_of: dt.date | None = None,
    law: str | None = None,
) -> RuleResult:
    """Run one rule (id or slug) on the reference constitution with ``patch`` merged on.

    Give ``text`` instead to check a whole YAML document as it is. ``plugins`` and
    ``rule_packs`` load as with ``--plugin`` and ``--rule-pack``; installed plugins load too
    unless ``entry_points=False``. ``params`` override the rule's parameters; ``law`` judges
    as if that law version were in force (``--law``).
    """
    from govcheck.engine import Engine, Settings
    from govcheck.errors import GovcheckError

    registry = _registry(plugins, rule_packs, entry_points)
    found = registry.rule(rule)
    if found is None:
        known = ", ".join(sorted(registry.rules))
        raise LookupError(f"no rule {rule!r} is loaded (loaded: {known})")
    settings = Settings(
        select=(found.id,), params={found.id: dict(params)} if params else {}, as_of=as_of, law=law
    )
    try:
        engine = Engine(registry, settings)
    except GovcheckError as exc:
        raise ValueError(str(exc)) from None
    source = text if text is not None else document_text(patch)
    result = engine.check_text(source, "<test>")
    outcome = next(o for o in result.outcomes if o.rule == found.id)
    return RuleResult(
        rule=found.id,
        status=outcome.status,
        detail=outcome.detail,
        findings=[f for f in result.findings if f.rule == found.id],
        document_findings=[f for f in result.findings if f.rule != found.id],
        text=source,
    )


def run_check(
    check: str,
    data: Mapping[str, Any] | str,
    *,
    rule: str | None = None,
    params: Mapping[str, Any] | None = None,
    plugins: Sequence[str] = (),
    rule_packs: Sequence[str | os.PathLike[str]] = (),
    entry_points: bool = False,
    as_of: dt.date | None = None,
) -> list[Any]:
    """Run one check on a small inline document: just the sections it reads, not a whole
    constitution (the format is not checked, so only the check's own logic is tested).

    ``data`` is a mapping or YAML text. Parameters are the check's defaults, then ``rule``'s
    (an id or slug whose parameters to use), then ``params``. Returns the check's
    :class:`~govcheck.checks.base.Violation` list (path, message, key, value); a check that
    does not apply raises :class:`~govcheck.checks.base.NotApplicable`, as to the engine::

        found = run_check("section.fields", {"transparency": {"minutes_published": False}}, rule="GOV808")
        assert [v.path for v in found] == ["/transparency/minutes_published"]
    """
    from govcheck import model

    registry = _registry(plugins, rule_packs, entry_points)
    found = registry.checks.get(check)
    if found is None:
        raise LookupError(f"no check {check!r} is loaded (loaded: {', '.join(sorted(registry.checks))})")
    merged = found.defaults()
    if rule is not None:
        owner = registry.rule(rule)
        if owner is None or owner.check != check:
            raise LookupError(f"no rule {rule!r} using check {check!r} is loaded")
        merged.update(owner.params)
    merged.update(params or {})
    if isinstance(data, str):
        from govcheck import loader

        doc = loader.load_text(data)
        if doc.problems or not doc.loaded:
            raise ValueError("; ".join(p.message for p in doc.problems) or "the document is not a mapping")
        given: Mapping[str, Any] = doc.data
    else:
        given = _plain(dict(data))
    whole = {"board": {"members": []}, **given}  # the one section the model needs
    return list(found.func(model.build("<test>", whole, as_of), merged))


def assert_findings(result: RuleResult, expected: Iterable[str | tuple[str, str]]) -> None:
    """Assert the rule found exactly ``expected``: ``(rule id, path)`` pairs, or paths alone."""
    want = sorted(
        (result.rule, item) if isinstance(item, str) else (item[0], item[1]) for item in expected
    )
    got = result.ids
    if result.status == "error":
        raise AssertionError(f"{result.rule} errored: {result.detail}")
    if result.status == "not_applicable" and want:
        blocking = "; ".join(f"{f.rule} {f.path}: {f.message}" for f in result.document_findings)
        raise AssertionError(f"{result.rule} did not apply: {result.detail} {blocking}".strip())
    if got != want:
        lines = [f"{result.rule} findings differ from what was expected"]
        lines += [f"  missing: {r} {p}" for r, p in want if (r, p) not in got]
        lines += [f"  unexpected: {r} {p}" for r, p in got if (r, p) not in want]
        lines += [f"  message: {f.path}: {f.message}" for f in result.findings]
        raise AssertionError("\n".join(lines))


def assert_passes(result: RuleResult) -> None:
    """Assert the rule ran and passed (no findings, no error, not skipped)."""
    if result.status != "passed":
        detail = result.detail or "; ".join(f"{f.path}: {f.message}" for f in result.findings)
        raise AssertionError(f"{result.rule} {result.status}: {detail}")


@dataclass
class Kit:
    """The helpers bound to a set of plugins and rule packs (the ``govcheck_kit`` fixture)."""

    plugins: Sequence[str] = ()
    rule_packs: Sequence[str | os.PathLike[str]] = ()
    entry_points: bool = True

    def with_plugins(self, *plugins: str, rule_packs: Sequence[str | os.PathLike[str]] = ()) -> Kit:
        """A kit that also loads these local plugins and rule packs."""
        return Kit([*self.plugins, *plugins], [*self.rule_packs, *rule_packs], self.entry_points)

    def document(self, patch: Mapping[str, Any] | str | None = None) -> dict[str, Any]:
        return document(patch)

    def document_text(self, patch: Mapping[str, Any] | str | None = None) -> str:
        return document_text(patch)

    def run_rule(
        self, rule: str, patch: Mapping[str, Any] | str | None = None, **options: Any
    ) -> RuleResult:
        options.setdefault("plugins", self.plugins)
        options.setdefault("rule_packs", self.rule_packs)
        options.setdefault("entry_points", self.entry_points)
        return run_rule(rule, patch, **options)

    assert_findings = staticmethod(assert_findings)
    assert_passes = staticmethod(assert_passes)
