"""The compliance report: every document, every rule's outcome, and every finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSequence, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from govcheck.findings import FAILED, OUTCOMES, Finding, severity_at_least
from govcheck.records import Record
from govcheck.rules import Rule

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.model import Constitution

SCHEMA_VERSION = "1.0"
# A result's lines when it quotes none (most): one empty mapping shared by them, read-only by
# its type (a mappingproxy would be truly read-only, but results cross to the parent process
# of a --jobs batch pickled, and a mappingproxy cannot be pickled).
NO_LINES: Mapping[int, str] = {}


class Outcome(NamedTuple):
    """The outcome of one rule on one document, with a reason when not plainly passed/failed."""

    rule: str
    status: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = {"rule": self.rule, "status": self.status}
        if self.detail:
            data["detail"] = self.detail
        return data


class DocumentResult(Record):
    """One document's rule outcomes and findings.

    ``outcomes`` may be shared with other documents that had the same outcomes: read it,
    don't change it. ``fail_on`` is this document's threshold, from its configuration (""
    means the report's). ``law`` is the law it was judged against
    (govcheck.laws.LawContext.to_dict()), empty if not judged. Not serialised: ``model``,
    the checked document for reports that draw it (HTML; None when the document could not
    be modelled or the engine was told not to keep documents), ``text`` and ``lines``
    (source lines by number, for reports that quote them: a YAML syntax error's line)."""

    __slots__ = ("fail_on", "file", "findings", "law", "lines", "model", "outcomes", "profiles", "text")
    HIDDEN = ("model", "text", "lines")

    def __init__(
        self,
        file: str,
        outcomes: list[Outcome] | None = None,
        findings: list[Finding] | None = None,
        profiles: list[str] | None = None,
        fail_on: str = "",
        law: dict[str, Any] | None = None,
        model: Constitution | None = None,
        text: str = "",
        lines: Mapping[int, str] = NO_LINES,
    ) -> None:
        self.file = file
        self.outcomes: list[Outcome] = [] if outcomes is None else outcomes
        self.findings: list[Finding] = [] if findings is None else findings
        self.profiles: list[str] = [] if profiles is None else profiles
        self.fail_on = fail_on
        self.law: dict[str, Any] = {} if law is None else law
        self.model = model
        self.text = text
        self.lines = lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "profiles": self.profiles,
            "outcomes": [o.to_dict() for o in sorted(self.outcomes, key=lambda o: o.rule)],
            "findings": [f.to_dict() for f in sorted(self.findings, key=Finding.sort_key)],
            **({"law": dict(self.law)} if self.law else {}),
        }


class Documents(MutableSequence[DocumentResult]):
    """A batch's document results, in order, held compactly; read and change it as a list.

    In a batch of thousands most documents have no findings, and the same outcomes, profiles,
    law and threshold: held as a :class:`DocumentResult` each, with its own empty findings
    list, they grew a 10,000-document run by ~1.6 MB (issue 21, docs/performance.md). Such a
    document is held as its name alone, beside one result it shares the rest with, and built
    again each time it is read: change a result and store it back (``documents[i] = r``),
    as a change to a result read from here is not kept.
    """

    __slots__ = ("_items", "_shape")

    def __init__(self, results: Iterable[DocumentResult] = ()) -> None:
        self._items: list[DocumentResult | str] = []
        self._shape: DocumentResult | None = None  # the first plain result: what the names share
        self.extend(results)

    def _held(self, result: DocumentResult) -> DocumentResult | str:
        if result.findings or result.model is not None or result.text or result.lines or type(result) is not DocumentResult:
            return result
        shape = self._shape
        if shape is None:
            self._shape = result.replace(file="", findings=[])
            return result.file
        if (
            result.fail_on == shape.fail_on
            # the engine shares these lists among its results; from --jobs workers they are copies
            and (result.outcomes is shape.outcomes or result.outcomes == shape.outcomes)
            and (result.profiles is shape.profiles or result.profiles == shape.profiles)
            and (result.law is shape.law or result.law == shape.law)
        ):
            return result.file
        return result

    def _result(self, item: DocumentResult | str) -> DocumentResult:
        if type(item) is not str:
            return item  # type: ignore[return-value]
        shape = self._shape
        assert shape is not None
        return DocumentResult(item, shape.outcomes, [], shape.profiles, shape.fail_on, shape.law)

    @overload
    def __getitem__(self, index: int) -> DocumentResult: ...
    @overload
    def __getitem__(self, index: slice) -> Documents: ...
    def __getitem__(self, index: int | slice) -> DocumentResult | Documents:
        if isinstance(index, slice):
            return Documents(map(self._result, self._items[index]))
        return self._result(self._items[index])

    @overload
    def __setitem__(self, index: int, value: DocumentResult) -> None: ...
    @overload
    def __setitem__(self, index: slice, value: Iterable[DocumentResult]) -> None: ...
    def __setitem__(self, index: int | slice, value: DocumentResult | Iterable[DocumentResult]) -> None:
        if isinstance(index, slice):
            self._items[index] = [self._held(r) for r in value]  # type: ignore[union-attr]
        else:
            self._items[index] = self._held(value)  # type: ignore[arg-type]

    def __delitem__(self, index: int | slice) -> None:
        del self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[DocumentResult]:
        return map(self._result, self._items)

    def insert(self, index: int, value: DocumentResult) -> None:
        self._items.insert(index, self._held(value))

    def append(self, value: DocumentResult) -> None:
        self._items.append(self._held(value))

    def extend(self, values: Iterable[DocumentResult]) -> None:
        if isinstance(values, Documents) and values._shape is not None and self._shape in (None, values._shape):
            self._shape = self._shape or values._shape  # names held alike there: taken as they are, not rebuilt
            self._items.extend(values._items)
        else:
            self._items.extend(map(self._held, values))

    def __add__(self, other: Iterable[DocumentResult]) -> list[DocumentResult]:
        return [*self, *other]

    def __radd__(self, other: Iterable[DocumentResult]) -> list[DocumentResult]:
        return [*other, *self]

    def sort(self, *, key: Callable[[DocumentResult], Any] | None = None, reverse: bool = False) -> None:
        """Sort in place, as ``list.sort`` (the results are built to be compared)."""
        self[:] = sorted(self, key=key, reverse=reverse)  # type: ignore[type-var, arg-type]

    def by_file(self) -> Documents:
        """A copy in file order (the report's), made without building the results."""
        copy = Documents()
        copy._items = sorted(self._items, key=_file_of)
        copy._shape = self._shape
        return copy

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Documents({list(self)!r})"


def _file_of(item: DocumentResult | str) -> str:
    return item if type(item) is str else item.file  # type: ignore[union-attr]


class Report(Record):
    """Everything a reporter needs. Build one with :func:`govcheck.check_file` or the engine.

    ``documents``: each document's result, in file order (given in another order, they are
    sorted here); held as :class:`Documents`, which reads as a list.
    ``exit_zero``: --exit-zero, the run passes even with failing findings (reports say so).
    ``options``: how to present the report, set by the command line (color, width, verbose
    for text, full for markdown); not serialised, reporters read what they understand.
    ``skipped``: YAML files a directory walk passed over because they are not constitutions
    (no top-level ``govcheck:`` key: mkdocs.yml, CI workflows), as the paths were found; the
    command line prints them as a note, the JSON report does not carry them. ``unread``:
    entries a directory walk could not check, each with why (a link to nothing or leading
    outside, a link to a folder, a folder that cannot be read); the command line warns."""

    __slots__ = (
        "config",
        "documents",
        "exit_zero",
        "fail_on",
        "options",
        "plugins",
        "profiles",
        "rules",
        "skipped",
        "tool_version",
        "unread",
    )  # fmt: skip

    def __init__(
        self,
        documents: Iterable[DocumentResult],
        rules: dict[str, Rule],
        tool_version: str,
        profiles: list[str],
        config: dict[str, Any] | None = None,
        plugins: list[dict[str, Any]] | None = None,
        fail_on: str = "info",
        exit_zero: bool = False,
        options: dict[str, Any] | None = None,
        skipped: list[str] | None = None,
        unread: list[tuple[str, str]] | None = None,
    ) -> None:
        self.documents = (documents if isinstance(documents, Documents) else Documents(documents)).by_file()
        self.rules = rules
        self.tool_version = tool_version
        self.profiles = profiles
        self.config: dict[str, Any] = {} if config is None else config
        self.plugins: list[dict[str, Any]] = [] if plugins is None else plugins
        self.fail_on = fail_on
        self.exit_zero = exit_zero
        self.options: dict[str, Any] = {} if options is None else options
        self.skipped: list[str] = [] if skipped is None else skipped
        self.unread: list[tuple[str, str]] = [] if unread is None else unread

    @property
    def findings(self) -> list[Finding]:
        """All findings of all documents, in the total order (document, line, column, rule...)."""
        return sorted((f for d in self.documents for f in d.findings), key=Finding.sort_key)

    @property
    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "open"]

    @property
    def has_errors(self) -> bool:
        """True when a rule could not be evaluated (outcome ``error``): compliance not established."""
        return any(o.status == "error" for d in self.documents for o in d.outcomes)

    def counts(self) -> dict[str, Any]:
        severities = Counter(f.severity for f in self.open_findings)
        statuses = Counter(f.status for f in self.findings)
        outcomes = Counter(o.status for d in self.documents for o in d.outcomes)
        return {
            "documents": len(self.documents),
            "findings": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
            "open": statuses.get("open", 0),
            "waived": statuses.get("waived", 0),
            "baselined": statuses.get("baselined", 0),
            "outcomes": {o: outcomes.get(o, 0) for o in OUTCOMES},
        }

    def compliance_code(self) -> int:
        """The verdict, apart from the exit code: 0 compliant (no open finding of any severity),
        1 not compliant, 2 not established (a rule could not be evaluated). ``--fail-on never``
        and ``--exit-zero`` change the exit code, never this."""
        if self.has_errors:
            return 2
        return 1 if self.open_findings else 0

    def not_runnable(self) -> int:
        """Rule outcomes that could not run because a part of the document they read is out of format."""
        from govcheck.partial import NOT_RUNNABLE

        return sum(o.detail.startswith(NOT_RUNNABLE) for d in self.documents for o in d.outcomes)

    def exit_code(self, fail_on: str | None = None) -> int:
        """0 compliant at the threshold, 1 findings at or above it, 2 a rule errored."""
        if self.has_errors:
            return 2
        for doc in self.documents:
            threshold = fail_on or doc.fail_on or self.fail_on
            for f in doc.findings:
                if f.status == "open" and severity_at_least(f.severity, threshold):
                    return 1
        return 0

    def laws(self) -> list[str]:
        """Each distinct law and as-of date the documents were judged against, in words."""
        seen: dict[str, None] = {}
        for doc in self.documents:
            if doc.law:
                law = doc.law
                how = " (--law)" if law["selected_by"] == "law setting" else ""
                when = f"as of {law['as_of']}" if law["as_of"] else "no as-of date"
                seen[f"{law['title']} [{law['version']}]{how}, {when}"] = None
        return list(seen)

    def failed_rules(self) -> list[str]:
        return sorted({o.rule for d in self.documents for o in d.outcomes if o.status == FAILED})

    def rules_used(self) -> list[str]:
        """The ids of the rules the report describes: those with an outcome, sorted."""
        return sorted(r for r in {o.rule for d in self.documents for o in d.outcomes} if r in self.rules)

    def to_dict(self, documents: bool = True, rules: bool = True) -> dict[str, Any]:
        """The JSON report (see ``govcheck/schemas/report-v1.schema.json``); without the
        ``documents`` key when ``documents`` is false (the JSON reporter adds them one by one),
        without ``rules`` when ``rules`` is false (the service adds them, encoded once)."""
        data = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "govcheck", "version": self.tool_version},
            "profiles": self.profiles,
            "plugins": self.plugins,
            "config": self.config,
            "counts": self.counts(),
            "exit_code": self.exit_code(),
            "compliance": ("compliant", "not compliant", "compliance not established")[self.compliance_code()],
        }
        if rules:
            data["rules"] = [self.rules[r].to_dict() for r in self.rules_used()]
        if documents:
            data["documents"] = [d.to_dict() for d in self.documents]
        return data
