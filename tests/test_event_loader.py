"""The event builder (no node tree) loads exactly what the node walker loads.

Every YAML file in the repository (fixtures, hostile documents, rule packs) and a few
documents written for the paths it leaves to the walker are loaded both ways: data and its
key order, every value and key position, and every problem must be equal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govcheck import loader

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("fixtures", "rules", "plugins") for p in (ROOT / folder).rglob("*.yaml"))

HANDWRITTEN = {
    "plain": "govcheck: 1\na:\n  b: [1, 2.5, true, ~, 2026-04-01]\n  'c/d~e': x\n",
    "anchor": "govcheck: 1\na: &x {b: 1}\nc: *x\n",
    "undefined-alias": "govcheck: 1\na: *x\n",
    "alias-key": "govcheck: 1\n? &k a\n: 1\n*k : 2\n",
    "merge": "govcheck: 1\na: {b: 1}\nc:\n  <<: {b: 2, d: 3}\n",
    "tag": "govcheck: 1\na: !!str 5\n",
    "duplicate": "govcheck: 1\na: 1\na: 2\n",
    "octal": "govcheck: 1\nmode: 0755\n",
    "numeric-key": "govcheck: 1\n1: a\n'1': b\n",
    "two-documents": "govcheck: 1\n---\nb: 2\n",
    "list-root": "- 1\n",
    "empty": "",
    "syntax": "govcheck: 1\na: [1\n",
    "bad-date": "govcheck: 1\nas_of: 2026-13-01\n",
}


def _both(text: str) -> tuple[loader.Document, loader.Document]:
    events = loader.load_text(text, "t.yaml")
    real = loader._build_from_events
    loader._build_from_events = lambda *args: None  # type: ignore[assignment]
    try:
        nodes = loader.load_text(text, "t.yaml")
    finally:
        loader._build_from_events = real
    return events, nodes


def _assert_same(events: loader.Document, nodes: loader.Document) -> None:
    assert json.dumps(events.data) == json.dumps(nodes.data)  # values and key order
    assert events.positions == nodes.positions
    assert events.key_positions == nodes.key_positions
    assert events.problems == nodes.problems


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_yaml_loads_alike(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    _assert_same(*_both(text))


@pytest.mark.parametrize("name", sorted(HANDWRITTEN))
def test_fallback_cases_load_alike(name: str) -> None:
    _assert_same(*_both(HANDWRITTEN[name]))


def test_a_plain_document_is_built_from_events() -> None:
    doc = loader.Document(file="t.yaml")
    data = loader._build_from_events(HANDWRITTEN["plain"], doc, loader.DEFAULT_LIMITS, None)
    assert data == {"govcheck": 1, "a": {"b": [1, 2.5, True, None, "2026-04-01"], "c/d~e": "x"}}
    assert doc.position("/a/b/4") == (3, 24)
    assert doc.position("/a/c~1d~0e", key=True) == (4, 3)


@pytest.mark.parametrize("name", ["anchor", "undefined-alias", "alias-key", "merge", "tag", "duplicate", "octal", "two-documents", "list-root", "syntax"])
def test_what_the_event_builder_leaves_to_the_walker(name: str) -> None:
    doc = loader.Document(file="t.yaml")
    assert loader._build_from_events(HANDWRITTEN[name], doc, loader.DEFAULT_LIMITS, None) is None
    assert doc.positions == {} and doc.key_positions == {} and doc.problems == []
