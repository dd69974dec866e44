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
import re
import threading
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from govcheck import options
from govcheck.records import Record

try:  # the C parser is several times faster; fall back to pure Python when absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - exercised only without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class Limits(NamedTuple):
    """Bounds that keep a hostile document from exhausting time or memory."""

    max_bytes: int = options.BY_NAME["max-bytes"].default
    max_depth: int = 100
    max_nodes: int = 2_000_000  # after alias expansion


DEFAULT_LIMITS = Limits()

# Problem kinds; each maps to a rule in rules/core.yaml.
SYNTAX = "syntax"
DUPLICATE_KEY = "duplicate-key"
ENCODING = "encoding"
LIMIT = "limit"
STRUCTURE = "structure"
YAML11_NUMBER = "yaml11-number"  # a warning: the value is kept as YAML 1.1 read it


class LoadProblem(NamedTuple):
    """Something wrong with the bytes or syntax of a document, with its position."""

    kind: str
    message: str
    line: int
    column: int
    path: str = ""


class Document(Record):
    """A loaded document: plain JSON-compatible data plus the position of every node.

    ``positions`` and ``key_positions`` map a JSON Pointer to (line << 32) | column: one int
    is a third of a (line, column) tuple, and a big document has a position for every node
    and key (read them with :meth:`position`). ``text`` is the decoded source, for reports
    that quote it."""

    __slots__ = ("data", "file", "key_positions", "positions", "problems", "text")
    HIDDEN = ("text",)

    def __init__(
        self,
        file: str,
        data: Any = None,
        positions: dict[str, int] | None = None,
        key_positions: dict[str, int] | None = None,
        problems: list[LoadProblem] | None = None,
        text: str = "",
    ) -> None:
        self.file = file
        self.data = data
        self.positions: dict[str, int] = {} if positions is None else positions
        self.key_positions: dict[str, int] = {} if key_positions is None else key_positions
        self.problems: list[LoadProblem] = [] if problems is None else problems
        self.text = text

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
                return pos >> 32, pos & 0xFFFFFFFF
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
                f"file is larger than the {limits.max_bytes:,}-byte limit "
                "(raise it with --max-bytes or the max-bytes setting if this is a genuine document)",
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
            LoadProblem(LIMIT, f"document is larger than the {limits.max_bytes:,}-byte limit", 1, 1)
        )
        return doc
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _line_col(text, nul)
        doc.problems.append(LoadProblem(ENCODING, "NUL byte: this is not a text document", line, col))
        return doc
    doc.text = text
    text, restore = _yaml12_line_breaks(text)
    if not _composer_is_bounded() and not _depth_within(text, limits.max_depth, doc):
        return doc
    gc_was_enabled = gc.isenabled()
    gc.disable()  # PyYAML allocates many small objects; pausing the collector halves parse time
    try:
        data = _build_from_events(text, doc, limits, restore)
        if data is not None:
            doc.data = data
            return doc
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            doc.problems.append(_marked_problem(exc, text=text))
            return doc
        except yaml.reader.ReaderError as exc:
            doc.problems.append(_reader_problem(exc, text))
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
        walker = _Walker(loader, doc, limits, restore)
        try:
            if "&" in text and not _expansion_within(node, limits, doc):
                return doc
            data = walker.build(node, "", 0)
        except _Abort:
            return doc
        except (RecursionError, MemoryError) as exc:  # a safety net under the bounds above
            what = "nesting" if isinstance(exc, RecursionError) else "memory"
            doc.problems.append(LoadProblem(LIMIT, f"document exceeds the {what} available to govcheck", 1, 1))
            return doc
        if not isinstance(data, dict):
            line, col = _mark(node)
            kind = _TOP_LEVEL.get(type(data), f"a single {type(data).__name__} value")
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


_TOP_LEVEL = {
    list: "a list",
    str: "a single text value",
    int: "a single number",
    float: "a single number",
    bool: "a single true/false value",
    type(None): "empty (null)",
}


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


_YAML11_BREAKS = "\x85\u2028\u2029"


def _yaml12_line_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """Read NEL, LS and PS as ordinary characters, as YAML 1.2, editors and GitHub do.

    PyYAML follows YAML 1.1, where U+0085, U+2028 and U+2029 break lines: inside a comment
    one would end the comment (the rest becomes content), and every one would shift the
    line numbers of everything after it. Each is swapped for a private-use character not
    otherwise in the text (same length, so columns hold) while parsing, and swapped back in
    the values. Returns the text to parse and the translation back (None: nothing to do).
    """
    if not any(c in text for c in _YAML11_BREAKS):
        return text, None
    free = (chr(c) for c in range(0xF8FF, 0xE000, -1) if chr(c) not in text)
    there = {c: next(free) for c in _YAML11_BREAKS}
    back = {ord(p): c for c, p in there.items()}
    return text.translate({ord(c): p for c, p in there.items()}), back


# -- nesting bound -----------------------------------------------------------------------


def _composer_is_bounded() -> bool:
    """True when nesting cannot crash the composer, so the walker's own bound suffices.

    PyYAML's C composer recurses in C: deep nesting overflows the stack and kills the
    process. libyaml 0.2.6 (bundled from PyYAML 6.0.4) refuses more than 1,000 levels while
    parsing; composing 1,000 levels needs between 256 and 512 KB of stack (measured), which
    a main thread has (8 MB on Linux and macOS, 2 MB for python.exe) but a small thread
    stack may not (musl's default is 128 KB), so elsewhere the event scan still runs first.
    """
    return _LIBYAML_BOUNDS_NESTING and threading.current_thread() is threading.main_thread()


def _libyaml_bounds_nesting() -> bool:
    if not _Loader.__name__.startswith("C"):
        return False  # pragma: no cover - pure-Python PyYAML recurses in Python (RecursionError)
    from yaml import _yaml

    return tuple(_yaml.get_version()) >= (0, 2, 6)


_LIBYAML_BOUNDS_NESTING = _libyaml_bounds_nesting()


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
        doc.problems.append(_marked_problem(exc, text=text))
        return False
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_reader_problem(exc, text))
        return False
    return True


# -- alias expansion bound ---------------------------------------------------------------


def _expansion_within(root: Node, limits: Limits, doc: Document) -> bool:
    """Reject a document whose aliases expand beyond ``max_nodes`` before building anything.

    Each distinct node's expanded size is computed once (aliases share nodes), so a
    "billion laughs" document is refused in time proportional to its text, not its expansion.
    Recursive aliases and deep alias chains are left to the builder, which reports them.
    """
    sizes: dict[int, int] = {}
    worst: list[tuple[Node, str]] = []

    def size(node: Node, depth: int, path: str) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if isinstance(node, ScalarNode) or depth > limits.max_depth:
            return 1
        sizes[id(node)] = 1  # provisional: a recursive alias counts once here
        if isinstance(node, SequenceNode):
            total = 1 + sum(size(item, depth + 1, pointer(path, i)) for i, item in enumerate(node.value))
        else:
            total = 1 + sum(
                size(value, depth + 1, path if key.tag == _MERGE else pointer(path, key.value))
                for key, value in node.value
            )
        sizes[id(node)] = total
        if total > limits.max_nodes and not worst:
            worst.append((node, path))  # the first (smallest) subtree over the bound
        return total

    if size(root, 0, "") <= limits.max_nodes:
        return True
    node, path = worst[0]
    line, col = _mark(node)
    doc.problems.append(
        LoadProblem(
            LIMIT,
            f"document expands to more than {limits.max_nodes:,} nodes "
            "(anchors and aliases multiply; is this an alias bomb?)",
            line,
            col,
            path,
        )
    )
    return False


# -- building data with positions ----------------------------------------------------------


class _Abort(Exception):
    """Stop building: a problem has been recorded that makes the rest meaningless."""


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# Scalars become JSON values; !!binary, !!set, !!omap and !!pairs (safe, but not JSON) and
# every application tag (!!python/..., !custom) are refused.
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int", "float", "timestamp")
)


class _Walker:
    def __init__(self, loader: Any, doc: Document, limits: Limits, restore: dict[int, str] | None = None) -> None:
        self.loader = loader
        self.doc = doc
        self.limits = limits
        self.restore = restore  # placeholders back to U+0085/2028/2029 (see _yaml12_line_breaks)
        self.built: dict[int, tuple[Any, int]] = {}  # collection node -> (its value, depth built at)
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
        self.doc.positions.setdefault(path, _packed(node.start_mark))
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if depth >= self.limits.max_depth:  # this collection is level depth + 1, as _depth_within counts
            self.problem(LIMIT, f"nesting deeper than {self.limits.max_depth} levels", node, path)
            raise _Abort
        ident = id(node)
        if ident in self.active:
            self.problem(LIMIT, "an alias refers to a node that contains it (recursive alias)", node, path)
            raise _Abort
        shared = self.built.get(ident)
        if shared is not None and depth <= shared[1]:
            # An alias of a collection built before: the same object, as PyYAML's own
            # constructor gives, so memory does not grow with the expansion; positions
            # inside it are those of the anchored original (its nearest recorded ancestor).
            return shared[0]
        expected = _SEQ if isinstance(node, SequenceNode) else _MAP
        if node.tag != expected:
            self.problem(STRUCTURE, _tag_message(node.tag), node, path)
            return None
        self.active.add(ident)
        try:
            if isinstance(node, MappingNode):
                value: Any = self.mapping(node, path, depth)
            else:
                value = [self.build(item, pointer(path, i), depth + 1) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(ident)
        self.built[ident] = (value, depth)
        return value

    def scalar(self, node: ScalarNode, path: str) -> Any:
        if node.tag == _STR:
            return node.value.translate(self.restore) if self.restore else node.value
        if node.tag not in _SCALAR_TAGS:
            self.problem(STRUCTURE, _tag_message(node.tag), node, path)
            return None
        constructor = self.loader.yaml_constructors[node.tag]
        what = "date" if node.tag == _TIMESTAMP else "value"
        if node.tag == _NULL and not _NULL_TEXT.fullmatch(node.value):
            self.problem(STRUCTURE, _misfit(node), node, path)
            return None
        try:
            value = constructor(self.loader, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            reason = str(exc)
            if "digits" in reason:  # int() refuses over sys.get_int_max_str_digits() digits
                reason = f"a number of {len(node.value):,} digits is too long"
            elif "offset" in reason:
                reason = "the time-zone offset must be less than 24 hours"
            elif what != "date":
                reason = _misfit(node)
                self.problem(STRUCTURE, reason, node, path)
                return None
            self.problem(STRUCTURE, f"invalid {what} {_shown(node.value)}: {reason}", node, path)
            return None
        except Exception:
            # PyYAML's constructors assume the text matched the tag's pattern (true for
            # implicit tags): `!!bool "maybe"` raises KeyError, `!!int ""` IndexError,
            # `!!timestamp "x"` AttributeError. Each is a finding, never a crash.
            self.problem(STRUCTURE, _misfit(node), node, path)
            return None
        if not node.style and node.tag in _NUMBER_TAGS:  # plain: None (PyYAML) or "" (libyaml)
            self._yaml11_number(node, value, path)
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, float) and value != value:  # NaN is not JSON
            return None
        return value

    def mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(STRUCTURE, "a mapping key must be a plain value", key_node, path)
                continue
            key = self.scalar(key_node, path) if key_node.tag == _STR else str(self.scalar(key_node, path))
            child = pointer(path, key)
            if key in seen:
                # Judged as YAML loaders read it: the last definition wins (PyYAML, ruamel,
                # JavaScript's yaml), and both places are reported, saying which value counts.
                first_line, first_col = _mark(seen[key])
                line, col = _mark(key_node)
                self.doc.problems.append(
                    LoadProblem(
                        DUPLICATE_KEY,
                        f"duplicate key {key!r}: also defined at line {first_line}, column "
                        f"{first_col}; as YAML tools read it, this last definition wins and the "
                        "earlier value is ignored",
                        line,
                        col,
                        child,
                    )
                )
                self.doc.problems.append(
                    LoadProblem(
                        DUPLICATE_KEY,
                        f"duplicate key {key!r}: defined again at line {line}, column {col}; "
                        "that later value is the one checked, this one is ignored",
                        first_line,
                        first_col,
                        child,
                    )
                )
                self._forget(child)
            seen[key] = key_node
            self.doc.key_positions[child] = _packed(key_node.start_mark)
            result[key] = self.build(value_node, child, depth + 1)
        for value_node in merges:
            self.merge(result, value_node, path, depth + 1)
        return result

    def _yaml11_number(self, node: ScalarNode, value: Any, path: str) -> None:
        """Warn where YAML 1.1 reads a plain number unlike YAML 1.2 and most readers would:
        a leading zero is octal (``0755`` is 493, ``010`` is 8) and colons are base 60
        (``4:10:00`` is 15000), as yamllint's octal-values rule does for octals."""
        text = node.value.replace("_", "")
        if _OCTAL.fullmatch(text):
            means = f"the octal number {value} (YAML 1.2 and most tools read {int(text, 10):,})"
        elif ":" in text:
            means = f"the base-60 (sexagesimal) number {value:g}" if isinstance(value, float) else f"the base-60 (sexagesimal) number {value}"
        else:
            return
        self.problem(
            YAML11_NUMBER,
            f"{_shown(node.value)} is read by YAML 1.1 (PyYAML, govcheck) as {means}; "
            "quote it if it is text, or write the number without leading zeros or colons",
            node,
            path,
        )

    def _forget(self, path: str) -> None:
        """Drop the positions recorded under ``path`` (a value replaced by a later duplicate)."""
        prefix = path + "/"
        for table in (self.doc.positions, self.doc.key_positions):
            for known in [p for p in table if p == path or p.startswith(prefix)]:
                del table[known]

    def merge(self, result: dict[str, Any], value_node: Node, path: str, depth: int) -> None:
        """Apply a merge key (``<<: *a`` or ``<<: [*a, *b]``): keys already present win.

        Merged values are built like any other node, so they count against the node and
        depth bounds (PyYAML's own ``flatten_mapping`` copies them unbounded: a merge bomb).
        """
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.problem(
                    STRUCTURE, "a merge key ('<<') must name a mapping or a list of mappings", source, path
                )
                continue
            merged = self.build(source, path, depth)
            if isinstance(merged, dict):
                for key, value in merged.items():
                    result.setdefault(key, value)


class _Fallback(Exception):
    """The event builder met something it leaves to the node walker."""


class _EventBuilder(_Walker):
    """Builds a plain document straight from parser events, without a node tree.

    The composed node tree (every node with two marks) is about 30 bytes per byte of YAML
    and lives until the walk ends; parser events are dropped one by one. This builder
    handles documents that are a mapping of plain data, the common case and the only one
    that gets big. Anything else (an anchor or alias, a merge key, an explicit tag, a second
    document, a syntax error, the node bound, and every problem the walker would record) raises
    :class:`_Fallback`, and the document is loaded again by the node walker, which reports
    it. Positions, values and key order are the walker's (tested on every fixture).
    """

    def problem(self, kind: str, message: str, node: Node, path: str) -> None:
        raise _Fallback

    def document(self) -> dict[str, Any]:
        # Closures over locals: this runs once per node of a document of up to 32 MB.
        get = self.loader.get_event
        positions, key_positions = self.doc.positions, self.doc.key_positions
        max_depth = self.limits.max_depth
        restore = self.restore
        walker_scalar = self.scalar
        resolvers = _plain_resolvers(type(self.loader))

        def scalar(event: Any, path: str) -> Any:
            if event.tag is not None or event.anchor is not None:
                raise _Fallback
            value = event.value
            tag = _STR
            if event.implicit[0]:  # plain: resolved as PyYAML's Resolver.resolve does
                for candidate, regexp in resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        tag = candidate
                        break
            if tag == _STR:
                return value.translate(restore) if restore else value
            return walker_scalar(ScalarNode(tag, value, event.start_mark, event.end_mark, event.style), path)

        def node(event: Any, path: str, depth: int) -> Any:
            mark: Any = event.start_mark  # never None from the parser
            positions[path] = (mark.line + 1) << 32 | (mark.column + 1)
            kind = type(event)
            if kind is ScalarEvent:
                return scalar(event, path)
            if kind is not SequenceStartEvent and kind is not MappingStartEvent:
                raise _Fallback  # an alias
            if event.tag is not None or event.anchor is not None or depth >= max_depth:
                raise _Fallback
            if kind is SequenceStartEvent:
                items: list[Any] = []
                item = get()
                while type(item) is not SequenceEndEvent:
                    items.append(node(item, f"{path}/{len(items)}", depth + 1))  # noqa: F821 (del below)
                    item = get()
                return items
            result: dict[str, Any] = {}
            key_event = get()
            while type(key_event) is not MappingEndEvent:
                if type(key_event) is not ScalarEvent:
                    raise _Fallback
                key = scalar(key_event, path)
                if type(key) is not str:
                    key = str(key)
                if key in result:
                    raise _Fallback  # a duplicate key
                child = pointer(path, key) if "/" in key or "~" in key else f"{path}/{key}"
                mark = key_event.start_mark
                key_positions[child] = (mark.line + 1) << 32 | (mark.column + 1)
                result[key] = node(get(), child, depth + 1)  # noqa: F821 (del below)
                key_event = get()
            return result

        try:
            if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
                raise _Fallback
            root = get()
            if type(root) is not MappingStartEvent:
                raise _Fallback
            data: dict[str, Any] = node(root, "", 0)
            if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
                raise _Fallback
        finally:
            del node  # the recursive closure refers to itself: a cycle the paused collector would keep
        if len(positions) > self.limits.max_nodes:  # one position per node, as the walker counts
            raise _Fallback
        return data


def _plain_resolvers(loader: type) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """The loader's implicit resolvers by first character (there are no others to apply)."""
    table = loader.yaml_implicit_resolvers  # type: ignore[attr-defined]
    if table.get(None) or getattr(loader, "yaml_path_resolvers", None):  # pragma: no cover - none in PyYAML's
        raise _Fallback
    return table  # type: ignore[no-any-return]


def _build_from_events(text: str, doc: Document, limits: Limits, restore: dict[int, str] | None) -> Any:
    """The document's data built by :class:`_EventBuilder`, or None to load it by nodes."""
    loader = _Loader(text)
    try:
        return _EventBuilder(loader, doc, limits, restore).document()
    except (_Fallback, yaml.YAMLError):
        doc.positions, doc.key_positions = {}, {}
        return None
    finally:
        loader.dispose()


_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_OCTAL = re.compile(r"[-+]?0[0-7]+")
_NULL = "tag:yaml.org,2002:null"
_NULL_TEXT = re.compile(r"~|null|Null|NULL|")
_TAG_FORMS = {
    "tag:yaml.org,2002:bool": "true or false (YAML 1.1 also reads yes/no, on/off)",
    "tag:yaml.org,2002:int": "a whole number such as 42",
    "tag:yaml.org,2002:float": "a number such as 1.5",
    _NULL: "empty: ~, null or nothing",
    _TIMESTAMP: "a date as YYYY-MM-DD, e.g. 2026-04-01",
}


def _shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters (a value may be megabytes)."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text):,} characters)"


def _misfit(node: ScalarNode) -> str:
    short = node.tag.replace("tag:yaml.org,2002:", "!!")
    return f"{_shown(node.value)} is not a valid {short} value: expected {_TAG_FORMS[node.tag]}"


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"tag {short!r} is not allowed: govcheck loads plain YAML data only"


def _mark(node: Node) -> tuple[int, int]:
    return _mark_of(node.start_mark)


def _packed(mark: Any) -> int:
    """A mark as :attr:`Document.positions` holds it."""
    packed: int = (mark.line + 1) << 32 | (mark.column + 1)
    return packed


def _mark_of(mark: Any) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> LoadProblem:
    """A character YAML does not allow (C0/C1 controls, U+FFFE...), at its line and column."""
    offset = exc.position
    if _Loader.__name__.startswith("C"):  # libyaml counts UTF-8 bytes, PyYAML characters
        offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
    line, col = _line_col(text, offset)
    char = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return LoadProblem(
        ENCODING, f"character U+{char:04X} is not allowed in YAML ({exc.reason}); remove it", line, col
    )


def _char_at(text: str, mark: Any) -> str:
    """The character at a mark (by line and column, which both parsers report alike)."""
    start = 0
    for _ in range(mark.line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + mark.column : start + mark.column + 1]


def _marked_problem(exc: yaml.MarkedYAMLError, path: str = "", text: str = "") -> LoadProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = _mark_of(mark)
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "; ".join(parts) or "invalid YAML"
    if "exceeded maximum nesting depth" in message:
        # PyYAML >= 6.0.4 (its libyaml) stops at 1,000 levels itself, scanning ahead of events
        return LoadProblem(LIMIT, "nesting deeper than the YAML parser's limit of 1,000 levels", line, col, path)
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
    if not unsafe:  # in words (govcheck.wording), never the parser's own message
        from govcheck.wording import yaml_error

        message = yaml_error(exc.context, exc.problem, _char_at(text, mark) if mark is not None else "")
    return LoadProblem(kind, f"YAML syntax error: {message}", line, col, path)
