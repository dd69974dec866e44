"""Data flows one way: the engine returns finished results, reporters read the report only,
and the rule-pack cache imports nothing that imports it."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import govcheck
from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry

PACKAGE = Path(govcheck.__file__).parent
FIXTURE = PACKAGE.parent / "fixtures" / "invalid" / "GOV101-board-statutory-membership.yaml"


def _imports(path: Path) -> set[str]:
    """The modules a file imports (anywhere in it), and strings naming a govcheck module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("govcheck."):
            found.add(node.value)
    return found


def test_the_engine_returns_results_marked_against_the_baseline_with_their_threshold() -> None:
    engine = Engine(load_registry(entry_points=False), Settings(fail_on="error"), own_threshold=True)
    first = engine.check_text(FIXTURE.read_text(encoding="utf-8"), "doc.yaml")
    assert first.fail_on == "error"
    accepted = first.findings[0]
    marked = Engine(
        load_registry(entry_points=False), Settings(fail_on="error"), baseline=Counter([accepted.fingerprint])
    ).check_text(FIXTURE.read_text(encoding="utf-8"), "doc.yaml")
    assert [(f.fingerprint, f.status, f.baseline) for f in marked.findings] == [
        (f.fingerprint, "baselined" if f is accepted else f.status, "baselined" if f is accepted else "new")
        for f in first.findings
    ]


def test_the_runner_and_the_batch_do_not_change_results_the_engine_returned() -> None:
    for name in ("runner.py", "batch.py"):
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        patched = [
            (name, node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign | ast.AugAssign)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Attribute) and target.attr in ("findings", "outcomes", "fail_on", "status")
        ]
        applied = [
            (name, node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "apply"
        ]
        assert (patched, applied) == ([], [])


def test_reporters_import_no_check_module() -> None:
    reaching = sorted(
        (path.name, module)
        for path in (PACKAGE / "reporters").glob("*.py")
        for module in _imports(path)
        if module.startswith("govcheck.checks")
    )
    assert reaching == []


def test_the_rule_pack_cache_imports_nothing_that_imports_it() -> None:
    imported = _imports(PACKAGE / "packcache.py")
    assert {m for m in imported if m.startswith("govcheck.") or m == "govcheck"} <= {"govcheck", "govcheck.__version__"}
