"""Flat memory in batches: checking a document leaves no garbage that only the cyclic
collector could free (issue 21). Counted in live objects, not timed.

The command line runs with the collector paused while a document is checked and rarely
visits older generations, so a reference cycle made per document (a closure that calls
itself, a node that points at its parent) lives on for the rest of the batch. With the
collector off altogether, any such cycle shows up here as growth per document.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from govcheck.engine import Engine
from govcheck.plugins import load_registry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DOCUMENTS = [FIXTURES / "valid" / "reference.yaml", *sorted((FIXTURES / "invalid").glob("GOV5*.yaml"))]


def _live_after(engine: Engine, rounds: int) -> int:
    for _ in range(rounds):
        for path in DOCUMENTS:
            engine.check_path(path)  # the result is dropped: nothing of it may stay alive
    return len(gc.get_objects())


@pytest.mark.parametrize("keep_documents", [False, True])
def test_checking_leaves_no_cyclic_garbage(keep_documents: bool) -> None:
    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=keep_documents)
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        warm = _live_after(engine, 2)  # caches and lazily built tables settle here
        after = _live_after(engine, 10)
    finally:
        if enabled:
            gc.enable()
    assert after - warm <= 0, f"{after - warm} objects left alive by {10 * len(DOCUMENTS)} documents"


def test_kept_results_share_what_documents_have_in_common(tmp_path: Path) -> None:
    """A batch keeps every document's result until the report is written: results with the
    same outcomes, profiles and law share one list or dict of each, a result quotes no
    source lines unless it has a syntax error, and paths are the strings given or walked
    (one object a document: no ``Path`` and its parts beside it)."""
    from govcheck.engine import expand_paths
    from govcheck.report import NO_LINES

    engine = Engine(load_registry((), rule_packs=[], entry_points=False))
    text = DOCUMENTS[0].read_text(encoding="utf-8")
    for i in range(3):
        (tmp_path / f"copy-{i}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(text.replace("govcheck:", "govcheck: [", 1), encoding="utf-8")
    given = sorted(str(p) for p in tmp_path.glob("*.yaml"))
    assert [p is g for p, g in zip(expand_paths(given), given, strict=True)] == [True] * 4
    assert list(expand_paths([tmp_path])) == given  # a walk yields strings, named as pathlib names them
    assert list(expand_paths([f"{tmp_path}//./broken.yaml", tmp_path / "copy-0.yaml"])) == given[:2]
    results = engine.check_paths(given)
    assert [r.file is g for r, g in zip(results, given, strict=True)] == [True] * 4
    broken, *copies = results
    assert broken.file.endswith("broken.yaml") and broken.lines and broken.lines is not NO_LINES
    first = copies[0]
    for other in copies[1:]:
        assert other.outcomes is first.outcomes
        assert other.profiles is first.profiles and other.law is first.law
        assert other.lines is NO_LINES
    assert first.law == {
        "version": "nhs-act-2006-sch1b",
        "title": "NHS Act 2006 Schedule 1B as inserted by the Health and Care Act 2022",
        "as_of": first.law["as_of"],
        "selected_by": "as-of date",
    }
