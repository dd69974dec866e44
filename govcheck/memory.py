"""Flat memory over a long batch: a full collection every ``COLLECT_EVERY`` documents.

The command line checks each document with the collector paused and, between documents,
collects young objects only every 20,000 allocations (govcheck.__main__). Two things then
grow with the number of documents, and a full collection (~1 ms) empties both:

- CPython keeps up to 2,000 freed tuples of each length for reuse, and ``tuple(generator)``
  takes one of one length and frees one of another, so over 10,000 documents those free
  lists come to hold ~1 MB;
- garbage in reference cycles that a young collection found still alive, and moved to an
  older generation that is collected seldom: ``json.dumps(..., indent=2)`` makes such a
  cycle (its encoder's nested functions) on every call, ~1.8 MB over a JSON report of
  10,000 documents.

Measured in docs/performance.md (issue 21).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

# How many documents a long loop handles between full collections.
COLLECT_EVERY = 100


def collecting(items: Iterable[T]) -> Iterator[T]:
    """``items``, with a full collection after every ``COLLECT_EVERY`` of them, unless the
    caller paused the collector (the HTML report's runs keep every document, and a full
    collection would walk them all)."""
    for n, item in enumerate(items, 1):
        yield item
        if n % COLLECT_EVERY == 0 and gc.isenabled():
            gc.collect()
