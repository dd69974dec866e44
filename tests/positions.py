"""Where a finding about a node belongs, computed from the document rather than written down.

Rule tests state the JSON Pointer of the node a finding is about; :func:`node_position`
finds that node's line and column in the YAML text, independently of govcheck's loader
(PyYAML's composer only), with the engine's rule for a node that is absent: the position
of its nearest ancestor that exists. A finding a check reports at a key
(``Violation(key=True)``) is expected at ``AtKey(path)``: the key's position, not the value's.
"""

from __future__ import annotations

import functools

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class AtKey(str):
    """A JSON Pointer whose finding is placed at the node's key (``Violation(key=True)``)."""


def _tokens(path: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in path.split("/")[1:]] if path else []


@functools.lru_cache(maxsize=8)
def _root(text: str) -> Node:
    """The node tree of ``text``, composed once per text (a test asks for many positions in
    one document; nothing here changes the tree), by libyaml when PyYAML has it."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert node is not None, "an empty document has no nodes"
    return node


def node_position(text: str, path: str) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path`` in ``text`` (of its key for ``AtKey``),
    else of the deepest ancestor that exists (its key too, if it has one, for ``AtKey``)."""
    node = _root(text)
    key_node: Node | None = None
    for token in _tokens(path):
        child: tuple[Node | None, Node] | None = None
        if isinstance(node, MappingNode):
            child = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == token), None)
        elif isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value):
            child = (None, node.value[int(token)])
        if child is None:
            break
        key_node, node = child
    mark = (key_node if isinstance(path, AtKey) and key_node is not None else node).start_mark
    return (mark.line + 1, mark.column + 1)


def key_positions(text: str, path: str) -> list[tuple[int, int]]:
    """Every (line, column) where the last key of ``path`` is written in its mapping, in
    document order: more than one when the key is duplicated (which the loader keeps once)."""
    parent, _, last = path.rpartition("/")
    node = _root(text)
    for token in _tokens(parent):
        node = next(v for k, v in node.value if k.value == token) if isinstance(node, MappingNode) else node.value[int(token)]
    last = last.replace("~1", "/").replace("~0", "~")
    return [(k.start_mark.line + 1, k.start_mark.column + 1) for k, _ in node.value if k.value == last]
