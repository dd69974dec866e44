"""What is where in a constitution's text: node ranges, ids and references, the schema at a place.

Plain Python over PyYAML and the constitution schema (no language-server library): the
server converts what is here into protocol objects, and the benchmark measures it as is.
Positions are 0-based (line, column) in code points, as the language server protocol counts
lines; the server converts columns to the client's units.

- :class:`NodeIndex` maps every JSON Pointer of a document that parsed to the range of its
  value (and of its key), and finds the node at a position.
- :class:`Schema` walks the constitution JSON Schema: the sub-schema at a path, whether a
  value there is an ``id`` (``#/$defs/id``) or a reference to one (``#/$defs/ref``).
- :func:`ids_and_refs` lists the ids a document defines and the references it makes.
- :func:`context_at` tells, from the text alone (it need not parse: the user is typing),
  the schema path at the cursor and whether a key or a value is being written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from govcheck.loader import pointer

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Pos = tuple[int, int]  # 0-based line, column (code points)


class Span(NamedTuple):
    start: Pos
    end: Pos

    def contains(self, pos: Pos) -> bool:
        return self.start <= pos <= self.end


class Entry(NamedTuple):
    """One node: its JSON Pointer, the span of its value and (in a mapping) of its key."""

    path: str
    value: Span
    key: Span | None
    scalar: bool


class NodeIndex:
    """Every node of a parsed document by JSON Pointer, with its key's and value's span.

    Build it only from text the loader accepted (its depth and size bounds hold), so
    composing it again here is safe.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.entries: dict[str, Entry] = {}
        root = yaml.compose(text, Loader=_Loader)
        if root is not None:
            self._walk(root, "", None)

    def _walk(self, node: Node, path: str, key: Span | None) -> Pos:
        """Record ``node`` and its children; return the end of its last character."""
        if isinstance(node, ScalarNode):
            end = self._trim(_pos(node.start_mark), _pos(node.end_mark))
        elif isinstance(node, SequenceNode):
            ends = [self._walk(item, pointer(path, i), None) for i, item in enumerate(node.value)]
            end = _pos(node.end_mark) if node.flow_style or not ends else ends[-1]
        elif isinstance(node, MappingNode):
            ends = []
            for k, v in node.value:
                if not isinstance(k, ScalarNode) or k.tag == "tag:yaml.org,2002:merge":
                    continue
                child = pointer(path, k.value)
                if child in self.entries:  # a duplicate key: the loader keeps the first position
                    continue
                key_span = Span(_pos(k.start_mark), _pos(k.end_mark))
                ends.append(self._walk(v, child, key_span))
            end = _pos(node.end_mark) if node.flow_style or not ends else ends[-1]
        else:  # pragma: no cover - compose yields only these three
            end = _pos(node.end_mark)
        self.entries.setdefault(path, Entry(path, Span(_pos(node.start_mark), end), key, isinstance(node, ScalarNode)))
        return end

    def _trim(self, start: Pos, end: Pos) -> Pos:
        """A block scalar ends at the start of the next line: end it on its last line instead."""
        line, col = end
        while col == 0 and line > start[0]:
            line -= 1
            col = len(self.lines[line]) if line < len(self.lines) else 0
        return (line, col)

    def span_of(self, path: str, line: int, column: int) -> Span:
        """The span of a finding at ``path`` reported at 1-based ``line``:``column``.

        The key's span when the finding points at the key, else the value's (the whole node);
        a finding on the whole document, its line. Anything else: the word at the position.
        """
        at = (line - 1, column - 1)
        entry = self.entries.get(path)
        if entry is not None and path:
            if entry.key is not None and entry.key.start == at:
                return entry.key
            if entry.value.start == at:
                return entry.value
        if not path:  # the whole document: the line where it is reported
            text = self.lines[at[0]] if 0 <= at[0] < len(self.lines) else ""
            return Span(at, (at[0], max(at[1], len(text.rstrip()))))
        return self.word_at(at)

    def word_at(self, at: Pos) -> Span:
        return word_span(self.lines, at)

    def at(self, pos: Pos) -> tuple[Entry, bool] | None:
        """The innermost node at ``pos``, and True when ``pos`` is on its key."""
        best: tuple[Entry, bool] | None = None
        best_size = None
        for entry in self.entries.values():
            for span, on_key in ((entry.key, True), (entry.value, False)):
                if span is None or not span.contains(pos):
                    continue
                if on_key or entry.scalar or span.start[0] == span.end[0]:
                    size = (span.end[0] - span.start[0], span.end[1] - span.start[1])
                else:
                    size = (span.end[0] - span.start[0], 1 << 30)
                if best_size is None or size < best_size:
                    best, best_size = (entry, on_key), size
        return best


def word_span(lines: list[str], at: Pos) -> Span:
    """From ``at`` to the end of the run of non-blank characters there (at least one)."""
    line, col = at
    text = lines[line] if 0 <= line < len(lines) else ""
    end = col
    while end < len(text) and not text[end].isspace():
        end += 1
    if end == col:  # at a blank or past the end: the rest of the line's text
        end = max(col, len(text.rstrip()))
    return Span(at, (line, end))


def _pos(mark: Any) -> Pos:
    return (mark.line, mark.column)


def tokens(path: str) -> list[str]:
    """The reference tokens of a JSON Pointer, unescaped."""
    if not path:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in path.lstrip("/").split("/")]


# -- the schema ------------------------------------------------------------------------------

ID_DEF = "#/$defs/id"
REF_DEF = "#/$defs/ref"


class Schema:
    """The constitution JSON Schema, walked by path."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.root = schema
        self.defs = schema.get("$defs", {})

    def resolve(self, node: Any) -> Any:
        if isinstance(node, Mapping) and "$ref" in node:
            return self.defs.get(str(node["$ref"]).rsplit("/", 1)[-1], {})
        return node

    def at(self, path: list[str | int]) -> Mapping[str, Any] | None:
        """The sub-schema for a path of keys (str) and list items (int, any index)."""
        node: Any = self.root
        for token in path:
            node = self.resolve(node)
            if not isinstance(node, Mapping):
                return None
            if isinstance(token, int) or (isinstance(token, str) and token.isdigit() and "items" in node):
                node = node.get("items")
            else:
                extra = node.get("additionalProperties")
                node = node.get("properties", {}).get(token, extra if isinstance(extra, Mapping) else None)
            if node is None:
                return None
        return node if isinstance(node, Mapping) else None

    def ref_kind(self, path: list[str | int]) -> str:
        """``id`` when the value at ``path`` defines an id, ``ref`` when it refers to one, else ''."""
        node = self.at(path)
        if node is None:
            return ""
        ref = node.get("$ref", "")
        if ref == ID_DEF:
            return "id"
        if ref == REF_DEF:
            return "ref"
        return ""

    def properties(self, path: list[str | int]) -> dict[str, Mapping[str, Any]]:
        """The keys a mapping at ``path`` may have (empty when it is not a mapping)."""
        node = self.resolve(self.at(path))
        if not isinstance(node, Mapping):
            return {}
        return dict(node.get("properties", {}))

    def required(self, path: list[str | int]) -> set[str]:
        node = self.resolve(self.at(path))
        return set(node.get("required", ())) if isinstance(node, Mapping) else set()

    def description(self, path: list[str | int]) -> str:
        node = self.at(path)
        if node is None:
            return ""
        text = node.get("description") or self.resolve(node).get("description", "")
        return " ".join(str(text).split())


# -- ids and references ----------------------------------------------------------------------


class Definition(NamedTuple):
    """An id the document defines: where (the id's value), in which collection, what it names."""

    id: str
    path: str  # of the id value, e.g. /organisations/3/id
    collection: str  # e.g. "organisations", "board members"
    summary: str  # e.g. "Westmere County Council (kind: local_authority)"


class Reference(NamedTuple):
    path: str
    target: str


def ids_and_refs(data: Any, schema: Schema) -> tuple[dict[str, Definition], dict[str, Reference]]:
    """Every id the document defines (first definition wins) and every reference, by path.

    The data and the schema are walked together; parts of the schema with no id or
    reference in them are skipped.
    """
    defs: dict[str, Definition] = {}
    refs: dict[str, Reference] = {}
    relevant: dict[int, bool] = {}

    def has_ids(node: Any) -> bool:
        key = id(node)
        if key not in relevant:
            relevant[key] = False  # provisional, against cycles through $ref
            found = False
            if isinstance(node, Mapping):
                if node.get("$ref") in (ID_DEF, REF_DEF):
                    found = True
                else:
                    node = schema.resolve(node)
                    subs = [*node.get("properties", {}).values(), node.get("items"), node.get("additionalProperties")]
                    found = any(has_ids(sub) for sub in subs if isinstance(sub, Mapping))
            relevant[key] = found
        return relevant[key]

    def walk(value: Any, node: Any, path: str, owner: Any, trail: list[str]) -> None:
        ref = node.get("$ref")
        if ref in (ID_DEF, REF_DEF):
            if type(value) is str:
                if ref == REF_DEF:
                    refs[path] = Reference(path, value)
                elif value not in defs:
                    defs[value] = Definition(value, path, " ".join(trail[:-1]) or "document", _summary(owner))
            return
        node = schema.resolve(node)
        if not isinstance(node, Mapping) or not has_ids(node):
            return
        if type(value) is dict:
            props = node.get("properties", {})
            extra = node.get("additionalProperties")
            for key, item in value.items():
                sub = props.get(key, extra)
                if isinstance(sub, Mapping):
                    walk(item, sub, pointer(path, key), value, [*trail, str(key).replace("_", " ")])
        elif type(value) is list:
            items = node.get("items")
            if isinstance(items, Mapping):
                for i, item in enumerate(value):
                    walk(item, items, pointer(path, i), value, trail)

    walk(data, schema.root, "", None, [])
    return defs, refs


def _summary(owner: Any) -> str:
    if not isinstance(owner, Mapping):
        return ""
    name = owner.get("name")
    extra = [
        f"{k}: {owner[k]}"
        for k in ("kind", "type", "role", "roles", "tier")
        if isinstance(owner.get(k), (str, int)) or (isinstance(owner.get(k), list) and owner.get(k))
    ]
    text = str(name) if isinstance(name, str) else ""
    if extra:
        text += (" " if text else "") + "(" + "; ".join(e.replace("[", "").replace("]", "").replace("'", "") for e in extra) + ")"
    return text


# -- the cursor, from the text alone ---------------------------------------------------------


class Context(NamedTuple):
    """What is being written at the cursor.

    ``path`` is the schema path of the mapping (for a key) or of the value being written;
    ``prefix`` is what has been typed of it; ``siblings`` are the keys already present.
    """

    kind: str  # "key" or "value"
    path: list[str | int]
    prefix: str
    siblings: frozenset[str] = frozenset()
    start: int = 0  # column where the prefix starts (code points)


_KEY_CHARS = r"[A-Za-z0-9_$.-]"
_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:-(?: +|$))*)(?P<rest>.*)$")
_KEY_VALUE = re.compile(rf"^(?P<key>{_KEY_CHARS}+|\"[^\"]*\"|'[^']*')[ \t]*:(?:[ \t]+(?P<value>.*)|$)")


class _Line(NamedTuple):
    indent: int
    dashes: list[int]  # columns of the "- " markers
    key: str | None
    key_col: int
    has_value: bool


def _parse_line(text: str) -> _Line | None:
    """The block structure a line opens, or None for a blank or comment line."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    m = _LINE.match(text.rstrip("\r\n"))
    assert m is not None  # the pattern matches any line
    indent = len(m["indent"])
    dashes = []
    col = indent
    for part in re.findall(r"-(?: +|$)", m["dashes"]):
        dashes.append(col)
        col += len(part)
    rest = m["rest"]
    kv = _KEY_VALUE.match(rest)
    if kv is None:
        return _Line(indent, dashes, None, col, True)
    value = (kv["value"] or "").strip()
    has_value = bool(value) and not value.startswith("#") and value not in ("|", ">", "|-", ">-", "|+", ">+")
    return _Line(indent, dashes, kv["key"].strip("'\""), col, has_value)


def _ancestry(lines: list[str], line_no: int, column: int, item: bool) -> list[str | int] | None:
    """The schema path of a node starting at ``column`` on ``line_no`` (block style).

    ``item``: the node is a list item (``- ``), which may sit at its parent key's column.
    Walks up to the first line that starts left of the node; its keys and dashes are the
    ancestors, innermost last. None when the text around is not block YAML this can read.
    """
    path: list[str | int] = []
    target, allow_equal = column, item
    for n in range(line_no - 1, -1, -1):
        parsed = _parse_line(lines[n])
        if parsed is None:
            continue
        opens: list[tuple[int, str | int]] = [(d, 0) for d in parsed.dashes]
        if parsed.key is not None:
            opens.append((parsed.key_col, parsed.key))
        first = opens[0][0] if opens else parsed.indent
        parent_key_here = allow_equal and parsed.key is not None and not parsed.dashes and parsed.key_col == target
        if first >= target and not parent_key_here:
            continue  # a sibling or something deeper
        inner = [(c, t) for c, t in opens if c < target or (allow_equal and isinstance(t, str) and c == target)]
        if not inner:
            return None
        last = inner[-1][1]
        if isinstance(last, str) and parsed.has_value:
            return None  # inside a scalar (a block scalar's text, or a continuation line)
        path[:0] = [t for _, t in inner]
        target, allow_equal = first, bool(parsed.dashes)
        if target == 0 and not parsed.dashes:
            return path
    return path


def _siblings(lines: list[str], line_no: int, column: int) -> set[str]:
    """Keys at ``column`` in the block around ``line_no`` (the mapping being written)."""
    found: set[str] = set()
    for step in (-1, 1):
        n = line_no + step
        while 0 <= n < len(lines):
            parsed = _parse_line(lines[n])
            if parsed is not None:
                if parsed.key is not None and parsed.key_col == column:
                    found.add(parsed.key)
                    if parsed.dashes:  # "- key:" starts the item: nothing above belongs to it
                        if step < 0:
                            break
                        if parsed.dashes[-1] < column:
                            break
                elif parsed.indent < column or (parsed.dashes and parsed.dashes[-1] < column):
                    if step < 0 and parsed.key is not None and parsed.dashes and parsed.key_col == column:
                        found.add(parsed.key)
                    break
            n += step
    return found


def context_at(text: str, line_no: int, column: int) -> Context | None:
    """What is being written at (``line_no``, ``column``), from the text up to the cursor."""
    lines = text.splitlines()
    if line_no >= len(lines):
        lines += [""] * (line_no - len(lines) + 1)
    before = lines[line_no][:column]
    m = _LINE.match(before)
    assert m is not None
    indent, rest = len(m["indent"]), m["rest"]
    dashes = re.findall(r"-(?: +|$)", m["dashes"])
    node_col = indent + sum(len(d) for d in dashes)
    if dashes:
        base = _ancestry(lines, line_no, indent, True)
        if base is None:
            return None
        base = base + [0] * len(dashes)
    else:
        base = _ancestry(lines, line_no, node_col, False)
        if base is None:
            return None
    kv = _KEY_VALUE.match(rest)
    if kv is not None and kv["value"] is not None:
        value_col = column - len(kv["value"])
        path = [*base, kv["key"].strip("'\"")]
        return _flow(kv["value"], path, value_col)
    if rest.startswith(("{", "[")):
        return _flow(rest, base, node_col)
    if re.fullmatch(rf"{_KEY_CHARS}*", rest):
        # a key of the mapping here, or (in a list of references) an item being typed
        siblings = frozenset() if dashes else frozenset(_siblings(lines, line_no, node_col))
        return Context("key", base, rest, siblings, node_col)
    return None


def _flow(value: str, path: list[str | int], col: int) -> Context | None:
    """The context inside a value: plain text, or flow collections (``{a: x, b: [y, |``)."""
    stack: list[list[Any]] = []  # [kind, current key or None, keys seen]
    start = 0
    expecting_key = False
    quote = ""
    for i, ch in enumerate(value):
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"" and value[start:i].strip() == "":
            quote = ch
        elif ch == "{":
            stack.append(["map", None, set()])
            expecting_key, start = True, i + 1
        elif ch == "[":
            stack.append(["seq", None, set()])
            expecting_key, start = False, i + 1
        elif ch in "}]":
            if stack:
                stack.pop()
            start = i + 1
            expecting_key = False
        elif ch == "," and stack:
            if stack[-1][0] == "map":
                stack[-1][1] = None
                expecting_key = True
            start = i + 1
        elif ch == ":" and stack and stack[-1][0] == "map" and expecting_key:
            key = value[start:i].strip().strip("'\"")
            stack[-1][1] = key
            stack[-1][2].add(key)
            expecting_key, start = False, i + 1
    if quote and not stack:
        return None
    full = list(path)
    for kind, key, _ in stack:
        if kind == "seq":
            full.append(0)
        elif key is not None:
            full.append(key)
    if stack and stack[-1][0] == "map" and expecting_key:
        full = full if stack[-1][1] is None else full[:-1]
        typed = value[start:].lstrip()
        return Context("key", full, typed, frozenset(stack[-1][2]), col + len(value) - len(typed))
    typed = value[start:].lstrip().strip("'\"")
    return Context("value", full, typed, frozenset(), col + len(value) - len(value[start:].lstrip()))
