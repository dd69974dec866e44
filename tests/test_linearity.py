"""Work grows linearly with the document: a structural guard, not a timing test.

Every rule's check, and the load/validate/model pipeline, runs on generated documents
with 2, 4 and 32 copies of the reference's local bodies (benchmarks/generate.py) while
``sys.settrace`` counts the Python lines executed (after one untraced warm-up run, so that
one-off work such as compiling a regular expression is not counted). The extra lines per
extra copy must stay about the same from 4 to 32 copies as from 2 to 4: for linear work
the ratio is 1.0; for work that compares every pair of members or accountabilities it
grows with the document (1.6 to 1.9 here for the pairwise loops this guard found). Work
done inside C functions (a ``list.index`` in a loop, say) is invisible to the count; the
1 MB / 10 MB benchmark covers that.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from collections.abc import Callable
from typing import Any

import pytest
from conftest import ROOT

from govcheck import loader, model
from govcheck.checks.base import NotApplicable
from govcheck.engine import ENGINE_RULES, Engine, Settings
from govcheck.plugins import load_registry
from govcheck.rules import PROFILES

COPIES = (2, 4, 32)
LINEAR = 1.3  # allowed ratio of the later slope to the earlier one (linear: 1.0)
SLACK = 5  # lines per copy: absorbs noise in checks that barely depend on size


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "bench_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def documents() -> dict[int, str]:
    gen = _generator()
    return {n: gen.render(gen.constitution(n)) for n in COPIES}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_registry(entry_points=False), Settings(profiles=PROFILES))


def lines_executed(func: Callable[[], Any]) -> int:
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        func()
    finally:
        sys.settrace(previous)
    return count


def superlinear(counts: list[int], what: str) -> str | None:
    """A message when the work grows faster than linearly, else None."""
    first = (counts[1] - counts[0]) / (COPIES[1] - COPIES[0])
    second = (counts[2] - counts[1]) / (COPIES[2] - COPIES[1])
    if second <= LINEAR * first + SLACK:
        return None
    return f"{what}: lines executed for {COPIES} copies: {counts} (does it compare every pair?)"


def assert_linear(counts: list[int], what: str) -> None:
    problem = superlinear(counts, what)
    assert problem is None, f"the work grows faster than linearly: {problem}"


def test_generated_documents_are_valid(documents: dict[int, str], engine: Engine) -> None:
    for n, text in documents.items():
        result = engine.check_text(text, f"copies-{n}")
        document_rules = sorted({f.rule for f in result.findings if f.rule.startswith("GOV0")})
        assert document_rules == [], f"{n} copies: {document_rules}"


def test_pipeline_is_linear(documents: dict[int, str], engine: Engine) -> None:
    def pipeline(text: str) -> None:
        doc = loader.load_text(text)
        assert not engine._schema.errors(doc.data)
        model.build("doc", doc.data)

    pipeline(documents[COPIES[0]])  # warm-up
    counts = [lines_executed(lambda t=documents[n]: pipeline(t)) for n in COPIES]
    assert counts[0] > 1000  # the tracer saw the work
    assert_linear(counts, "load + validate + model")


def test_every_check_is_linear(documents: dict[int, str], engine: Engine) -> None:
    built = {n: model.build("doc", loader.load_text(text).data) for n, text in documents.items()}
    rules = [r for r in engine.active_rules() if r.id not in ENGINE_RULES]
    assert rules
    problems = []
    for rule in rules:
        check = engine.registry.checks[rule.check]
        params = {**check.defaults(), **rule.params}

        def run(doc: model.Constitution, check: Any = check, params: Any = params) -> None:
            with contextlib.suppress(NotApplicable):
                list(check.func(doc, params))

        run(built[COPIES[0]])  # warm-up
        counts = [lines_executed(lambda d=built[n]: run(d)) for n in COPIES]
        problems.append(superlinear(counts, f"{rule.id} ({rule.check})"))
    found = [p for p in problems if p]
    assert not found, "the work grows faster than linearly:\n" + "\n".join(found)


def test_guard_catches_pairwise_work() -> None:
    """The guard itself: a check comparing every pair of members fails it."""
    gen = _generator()
    docs = {
        n: model.build("doc", loader.load_text(gen.render(gen.constitution(n))).data)
        for n in COPIES
    }

    def pairwise(doc: model.Constitution) -> None:
        for a in doc.members:
            for b in doc.members:
                if a.id == b.id and a is not b:
                    pass

    counts = [lines_executed(lambda d=docs[n]: pairwise(d)) for n in COPIES]
    with pytest.raises(AssertionError, match="faster than linearly"):
        assert_linear(counts, "pairwise")
