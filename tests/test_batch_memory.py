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
