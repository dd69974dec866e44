"""Safe YAML loading that keeps the position of every node and never executes anything.

Only PyYAML's safe constructors are used (the C parser when available). Everything that
can go wrong with the bytes of a document becomes a :class:`LoadProblem` with a line and
column: undecodable bytes, syntax errors, duplicate keys, several documents in one file,
unsafe tags, alias expansion beyond a bound, nesting beyond a bound, and size beyond a
bound. Dates and timestamps are converted to ISO strings so the loaded data is plain JSON.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gc
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # the C parser is several times faster; fall back to pure Python when absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - exercised only without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile document from exhausting time or memory."""

    max_bytes: int = 32 * 1024 * 1024
    max_depth: int = 100
    max_nodes: int = 2_000_000  # after alias expansion


DEFAULT_LIMITS = Limits()

# Problem kinds; each maps to a rule in rules/core.yaml.
SYNTAX = "syntax"
DUPLICATE_KEY = "duplicate-key"
ENCODING = "encoding"
LIMIT = "limit"
STRUCTURE = "structure"


@dataclass(frozen=True)
class LoadProblem:
    kind: str
    message: str
    line: int
    column: int
    path: str = ""


@dataclass
class Document:
    """A loaded document: plain JSON-compatible data plus the position of every node."""

    file: str
    data: Any = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    text: str = field(default="", repr=False)  # the decoded source, for reports that quote it

    @property
    def loaded(self) -> bool:
        """True when the document parsed into a mapping (it may still have duplicate keys)."""
        return isinstance(self.data, dict)

    def position(self, path: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` (of its key when ``key``), else of its nearest ancestor."""
        probe = path
        while True:
            pos = (key and self.key_positions.get(probe)) or self.positions.get(probe)
            if pos:
                return pos
            if not probe:
                return (1, 1)
            probe = probe.rsplit("/", 1)[0]


def pointer(parent: str, token: str | int) -> str:
    """Append one JSON Pointer reference token (RFC 6901 escaping)."""
    text = str(token).replace("~", "~0").replace("/", "~1")
    return f"{parent}/{text}"


def load_bytes(raw: bytes, file: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Load a document from bytes. Never raises for anything in the bytes."""
    doc = Document(file=file)
    if len(raw) > limits.max_bytes:
        doc.problems.append(
            LoadProblem(
                LIMIT,
                f"file is {len(raw):,} bytes, over the {limits.max_bytes:,}-byte limit "
                "(raise it with the max-bytes setting if this is a genuine document)",
                1,
                1,
            )
        )
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    return load_text(text, file, limits, doc)


def load_text(
    text: str, file: str = "<text>", limits: Limits = DEFAULT_LIMITS, doc: Document | None = None
) -> Document:
    """Load a document from text. Never raises for anything in the text."""
    doc = doc or Document(file=file)
    if len(text) > limits.max_bytes:
        doc.problems.append(
            LoadProblem(LIMIT, f"document is over the {limits.max_bytes:,}-byte limit", 1, 1)
        )
        return doc
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _line_col(text, nul)
        doc.problems.append(LoadProblem(ENCODING, "NUL byte: this is not a text document", line, col))
        return doc
    doc.text = text
    if not _depth_within(text, limits.max_depth, doc):
        return doc
    gc_was_enabled = gc.isenabled()
    gc.disable()  # PyYAML allocates many small objects; pausing the collector halves parse time
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            doc.problems.append(_marked_problem(exc))
            return doc
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            doc.problems.append(LoadProblem(SYNTAX, f"YAML error: {exc}", 1, 1))
            return doc
        finally:
            loader.dispose()
        if node is None:
            doc.problems.append(
                LoadProblem(STRUCTURE, "document is empty: expected a mapping with 'govcheck: 1'", 1, 1)
            )
            return doc
        walker = _Walker(loader, doc, limits)
        try:
            data = walker.build(node, "", 0)
        except _Abort:
            return doc
        if not isinstance(data, dict):
            line, col = _mark(node)
            kind = "a list" if isinstance(data, list) else f"a single {type(data).__name__} value"
            doc.problems.append(
                LoadProblem(
                    STRUCTURE,
                    f"top level is {kind}: a constitution must be a mapping with 'govcheck: 1'",
                    line,
                    col,
                )
            )
            return doc
        doc.data = data
        return doc
    finally:
        if gc_was_enabled:
            gc.enable()


# -- decoding ----------------------------------------------------------------------------


def _decode(raw: bytes, doc: Document) -> str | None:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            doc.problems.append(LoadProblem(ENCODING, f"invalid UTF-16: {exc.reason}", 1, 1))
            return None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        line, col = _line_col(good, len(good))
        doc.problems.append(
            LoadProblem(
                ENCODING,
                f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not valid UTF-8 "
                "(save the file as UTF-8)",
                line,
                col,
            )
        )
        return None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# -- nesting bound -----------------------------------------------------------------------


def _depth_within(text: str, max_depth: int, doc: Document) -> bool:
    """Reject nesting deeper than ``max_depth`` before the (recursive) composer sees it.

    Block nesting needs indentation, and flow nesting needs brackets, so a document whose
    longest line plus bracket count is small cannot be deep, and the event scan (which is
    not recursive) runs only when that cheap bound fails.
    """
    cheap_bound = text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0)
    if cheap_bound <= max_depth:
        return True
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_depth:
                    line, col = _mark_of(event.start_mark)
                    doc.problems.append(
                        LoadProblem(LIMIT, f"nesting deeper than {max_depth} levels", line, col)
                    )
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_marked_problem(exc))
        return False
    return True


# -- building data with positions ----------------------------------------------------------


class _Abort(Exception):
    """Stop building: a problem has been recorded that makes the rest meaningless."""


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Walker:
    def __init__(self, loader: Any, doc: Document, limits: Limits) -> None:
        self.loader = loader
        self.doc = doc
        self.limits = limits
        self.count = 0
        self.active: set[int] = set()

    def problem(self, kind: str, message: str, node: Node, path: str) -> None:
        line, col = _mark(node)
        self.doc.problems.append(LoadProblem(kind, message, line, col, path))

    def build(self, node: Node, path: str, depth: int) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            self.problem(
                LIMIT,
                f"document expands to more than {self.limits.max_nodes:,} nodes "
                "(anchors and aliases multiply; is this an alias bomb?)",
                node,
                path,
            )
            raise _Abort
        if depth > self.limits.max_depth:
            self.problem(LIMIT, f"nesting deeper than {self.limits.max_depth} levels", node, path)
            raise _Abort
        self.doc.positions.setdefault(path, _mark(node))
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if node.tag not in (_SEQ, _MAP):
            self.problem(STRUCTURE, f"tag {node.tag!r} is not allowed: govcheck loads plain YAML data only", node, path)
            return None
        ident = id(node)
        if ident in self.active:
            self.problem(LIMIT, "an alias refers to a node that contains it (recursive alias)", node, path)
            raise _Abort
        self.active.add(ident)
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, pointer(path, i), depth + 1) for i, item in enumerate(node.value)]
            return self.mapping(node, path, depth)
        finally:
            self.active.discard(ident)

    def scalar(self, node: ScalarNode, path: str) -> Any:
        if node.tag == _STR:
            return node.value
        constructor = self.loader.yaml_constructors.get(node.tag)
        if constructor is None:
            self.problem(
                STRUCTURE,
                f"tag {node.tag!r} is not allowed: govcheck loads plain YAML data only",
                node,
                path,
            )
            return None
        try:
            value = constructor(self.loader, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            what = "date" if node.tag == _TIMESTAMP else "value"
            self.problem(STRUCTURE, f"invalid {what} {node.value[:40]!r}: {exc}", node, path)
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, float) and value != value:  # NaN is not JSON
            return None
        return value

    def mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, Any]:
        if any(key.tag == _MERGE for key, _ in node.value):
            try:
                self.loader.flatten_mapping(node)
            except yaml.MarkedYAMLError as exc:
                self.doc.problems.append(_marked_problem(exc, path))
                raise _Abort from None
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(STRUCTURE, "a mapping key must be a plain value", key_node, path)
                continue
            key = key_node.value if key_node.tag == _STR else str(self.scalar(key_node, path))
            child = pointer(path, key)
            if key in seen:
                first_line, first_col = _mark(seen[key])
                line, col = _mark(key_node)
                self.doc.problems.append(
                    LoadProblem(
                        DUPLICATE_KEY,
                        f"duplicate key {key!r}: also defined at line {first_line}, column "
                        f"{first_col}; YAML keeps only the last, so one value would be lost",
                        line,
                        col,
                        child,
                    )
                )
                self.doc.problems.append(
                    LoadProblem(
                        DUPLICATE_KEY,
                        f"duplicate key {key!r}: defined again at line {line}, column {col}",
                        first_line,
                        first_col,
                        child,
                    )
                )
                continue
            seen[key] = key_node
            self.doc.key_positions[child] = _mark(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result


def _mark(node: Node) -> tuple[int, int]:
    return _mark_of(node.start_mark)


def _mark_of(mark: Any) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _marked_problem(exc: yaml.MarkedYAMLError, path: str = "") -> LoadProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = _mark_of(mark)
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "; ".join(parts) or "invalid YAML"
    if "expected a single document" in message:
        return LoadProblem(
            STRUCTURE,
            "the file holds several YAML documents ('---'); a constitution must be exactly one",
            line,
            col,
            path,
        )
    unsafe = "could not determine a constructor" in message or "tag" in (exc.problem or "")
    kind = STRUCTURE if unsafe else SYNTAX
    return LoadProblem(kind, f"YAML syntax error: {message}", line, col, path)
