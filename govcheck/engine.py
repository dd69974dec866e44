"""The engine: load each document, validate it, run the selected rules, build the Report."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import gc
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar, cast

from govcheck import formatpaths, isolation, laws, loader, model, options, partial
from govcheck import waivers as waiver_rules
from govcheck.checks.base import NotApplicable
from govcheck.errors import ConfigError
from govcheck.findings import ERROR, FAILED, NOT_APPLICABLE, OPEN, PASSED, SEVERITIES, WAIVED, Finding
from govcheck.plugins import Registry, validate_rule
from govcheck.report import DocumentResult, Documents, Outcome, Report
from govcheck.rules import DEFAULT_PROFILES, PROFILES, Rule, fix_for
from govcheck.validate import Validator

# Rules reported by the engine itself (rules/core.yaml), by loader problem kind.
LOAD_RULES = {
    loader.SYNTAX: "GOV001",
    loader.STRUCTURE: "GOV001",
    loader.DUPLICATE_KEY: "GOV002",
    loader.ENCODING: "GOV003",
    loader.LIMIT: "GOV004",
    loader.YAML11_NUMBER: "GOV012",
}
FORMAT_RULE = "GOV005"
UNKNOWN_KEY_RULE = "GOV006"
ENGINE_RULES = frozenset({*LOAD_RULES.values(), FORMAT_RULE, UNKNOWN_KEY_RULE})
YAML_SUFFIXES = (".yaml", ".yml")


class Settings(NamedTuple):
    """What to check and how; built from defaults, configuration files and the command line."""

    profiles: tuple[str, ...] = DEFAULT_PROFILES
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = MappingProxyType({})
    params: Mapping[str, Mapping[str, Any]] = MappingProxyType({})
    texts: Mapping[str, Mapping[str, str]] = MappingProxyType({})  # rule -> title/rationale/remediation
    fail_on: str = options.BY_NAME["fail-on"].default
    as_of: dt.date | None = None
    limits: loader.Limits = loader.DEFAULT_LIMITS
    rule_timeout: float | None = options.BY_NAME["rule-timeout"].default  # None or 0: no limit
    no_waivers: bool = False
    # Directory that document names in fingerprints are made relative to (None: as given).
    root: str | None = None
    # The law version to judge against as if in force (None: the one in force on the as-of
    # date), and commencement dates of law versions not yet in force (govcheck/laws.py).
    law: str | None = None
    commencement: Mapping[str, dt.date] = MappingProxyType({})

    def to_dict(self) -> dict[str, Any]:
        return {
            "profiles": list(self.profiles),
            "select": list(self.select),
            "ignore": list(self.ignore),
            "severity": dict(sorted(self.severity.items())),
            "params": {k: dict(v) for k, v in sorted(self.params.items())},
            "fail_on": self.fail_on,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "max_bytes": self.limits.max_bytes,
            "rule_timeout": self.rule_timeout or None,
            "no_waivers": self.no_waivers,
            "law": self.law,
            "commencement": {k: v.isoformat() for k, v in sorted(self.commencement.items())},
        }


_F = TypeVar("_F", bound=Callable[..., Any])
_SHARED_MAX = 1_000  # distinct values an engine shares between results (see Engine._shared)
T = TypeVar("T")


def _gc_paused(method: _F) -> _F:
    """Run ``method`` with the cyclic garbage collector paused.

    Checking a document allocates many small, acyclic objects; with the collector running,
    its full passes over a large document's data cost ~15% of the time on a 10 MB
    document (docs/performance.md). Cyclic garbage left behind is collected afterwards.
    """

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper  # type: ignore[return-value]


def _matches(rule: Rule, patterns: Iterable[str]) -> bool:
    """A rule matches a pattern by id, slug, or id prefix (``GOV1`` selects GOV1xx)."""
    return any(pattern == rule.slug or rule.id.startswith(pattern.upper()) for pattern in patterns)


rule_matches = _matches  # public name
# Options that name rules or profiles: checked against the loaded rules by name_problem.
NAMED = ("profiles", "select", "ignore", "severity", "params", "texts")


def name_problem(registry: Registry, option: str, item: str) -> str:
    """What is wrong with ``item`` of ``option`` (one of NAMED) for the loaded rules; "" when
    nothing. The same text wherever the option was set (configuration file, command line,
    API); the caller names the place."""
    rules = registry.rules.values()
    if option == "profiles":
        profiles = sorted({r.profile for r in rules})
        if item in profiles:
            return ""
        import difflib  # only for the message

        close = difflib.get_close_matches(item, profiles, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown profile {item!r}{hint} (known: {', '.join(profiles)})"
    if option in ("params", "texts"):
        what = "parameters" if option == "params" else "texts"
        return "" if registry.rule(item) is not None else f"no rule {item!r} ({what} are set per rule, by id or slug)"
    if any(_matches(r, [item]) for r in rules):
        return ""
    return f"no rule matches {item!r} (use an id, a slug or an id prefix)"


def _most_specific(rule: Rule, table: Mapping[str, str], default: str) -> str:
    """The value for ``rule`` from a table keyed by id, slug or prefix: an exact id or slug
    wins over any prefix, and a longer prefix over a shorter one (``GOV30`` over ``GOV3``)."""
    best, value = -1, default
    for key, v in table.items():
        if not _matches(rule, [key]):
            continue
        rank = 1000 if key.upper() == rule.id or key == rule.slug else len(key)
        if rank > best:
            best, value = rank, v
    return value


class Engine:
    """One loaded rule set, reused for every document of a run."""

    def __init__(
        self,
        registry: Registry,
        settings: Settings | None = None,
        *,
        keep_documents: bool = True,
        baseline: Counter[str] | None = None,
        own_threshold: bool = False,
    ) -> None:
        self.registry = registry
        self.settings = settings or Settings()
        self.keep_documents = keep_documents  # DocumentResult.model/.text, for the HTML report
        # The accepted findings' fingerprints, counted (govcheck.baseline.load): each result's
        # findings are marked baselined or new before the engine returns it.
        self.baseline = baseline
        # Each result carries this engine's fail_on, for a report merging the results of
        # engines with different thresholds (govcheck.runner); else it is the report's.
        self._fail_on = self.settings.fail_on if own_threshold else ""
        # Equal values of different documents' results, shared (see Engine._shared).
        self._shared_values: dict[Any, Any] = {}
        self.rules = self._configure_rules()
        self._schema = _document_validator()
        # Worked out once per engine, not per document (the API, the language server and the
        # service check many documents with one engine): the rules to run per set of opted-in
        # profiles (at most _SHARED_MAX sets) and each check's parameters with its defaults.
        self._active: dict[frozenset[str], list[Rule]] = {}
        self._params: dict[str, dict[str, Any]] = {}

    def _configure_rules(self) -> dict[str, Rule]:
        s = self.settings
        for option in NAMED:  # the runner has checked these, naming where each was set; the API has not
            for item in getattr(s, option):
                problem = name_problem(self.registry, option, item)
                if problem:
                    raise ConfigError(f"{option}: {problem}")
        configured: dict[str, Rule] = {}
        for rule in self.registry.rules.values():
            severity = _most_specific(rule, s.severity, rule.severity)
            if severity not in SEVERITIES:
                raise ConfigError(f"rule {rule.id}: severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
            params = dict(rule.params)
            given = [key for key in s.params if self.registry.rule(key) is rule]
            for key in given:
                params.update(s.params[key])
            if params != rule.params:
                try:
                    validate_rule(self.registry, rule, params)
                except ConfigError as exc:
                    problem = str(exc).split(": ", 1)[1]  # "parameter NAME: problem (check ...)"
                    alias = f" ({rule.id})" if given[0] != rule.id else ""
                    raise ConfigError(f"params.{given[0]}{alias}: {problem}") from None
            texts: dict[str, Any] = {
                k: " ".join(v.split()) for key, t in s.texts.items() if self.registry.rule(key) is rule for k, v in t.items()
            }
            configured[rule.id] = rule._replace(severity=severity, params=params, **texts)
        return configured

    def active_rules(self, opted_in: Iterable[str] = ()) -> list[Rule]:
        """Rules to run on a document: by profile (plus the document's opt-ins), select, ignore."""
        key = frozenset(opted_in)
        active = self._active.get(key)
        if active is None:
            active = self._choose_rules(key)
            if len(self._active) < _SHARED_MAX:
                self._active[key] = active
        return list(active)

    def _choose_rules(self, opted_in: frozenset[str]) -> list[Rule]:
        profiles = {"core", *self.settings.profiles, *opted_in}
        chosen = []
        for rule in self.rules.values():
            if rule.id in ENGINE_RULES:
                chosen.append(rule)
                continue
            if self.settings.select:
                if not _matches(rule, self.settings.select):
                    continue
            elif rule.profile not in profiles and rule.profile in PROFILES:
                continue  # a plugin's or pack's own profile is on once it is loaded
            if _matches(rule, self.settings.ignore):
                continue
            chosen.append(rule)
        return sorted(chosen, key=lambda r: r.id)

    def profiles_run(self) -> list[str]:
        """The profiles named in the summary: those chosen, then every plugin's or pack's own
        profile with a rule that runs (loading a pack turns its profile on)."""
        names = list(self.settings.profiles)
        for rule in self.active_rules():
            if rule.profile not in PROFILES and rule.profile not in names:
                names.append(rule.profile)
        return names

    # -- one document ------------------------------------------------------------------

    @_gc_paused
    def check_path(self, path: str | os.PathLike[str], display: str | None = None) -> DocumentResult:
        from govcheck.textsafe import file_name

        name = file_name(display or str(path))  # a name that is not UTF-8 is shown escaped
        try:
            raw = _read(path, self.settings.limits.max_bytes)
        except OSError as exc:
            doc = loader.Document(file=name)
            reason = exc.strerror or type(exc).__name__
            doc.problems.append(loader.LoadProblem(loader.STRUCTURE, f"cannot read file: {reason}", 1, 1))
            return self.check_document(doc)
        try:
            return self.check_document(loader.load_bytes(raw, name, self.settings.limits))
        except Exception as exc:  # a bug in govcheck on this document: it alone is lost
            return self.failed(name, f"govcheck failed on this document: {type(exc).__name__}: {exc}")

    @_gc_paused
    def check_bytes(self, raw: bytes, name: str = "<stdin>") -> DocumentResult:
        """Check a document given as bytes (standard input), named ``name`` in findings."""
        return self.check_document(loader.load_bytes(raw, name, self.settings.limits))

    @_gc_paused
    def check_text(self, text: str, name: str = "<text>") -> DocumentResult:
        try:
            return self.check_document(loader.load_text(text, name, self.settings.limits))
        except Exception as exc:
            return self.failed(name, f"govcheck failed on this document: {type(exc).__name__}: {exc}")

    def failed(self, name: str, reason: str) -> DocumentResult:
        """The result of a document that could not be checked at all: the loader rule
        (GOV001) has the outcome ``error`` with ``reason`` (so the run exits 2), every other
        rule ``not_applicable``; other documents are unaffected."""
        result = DocumentResult(file=name, fail_on=self._fail_on)
        result.profiles = sorted(self.settings.profiles)
        first, *rest = self.active_rules()
        result.outcomes = [Outcome(first.id, ERROR, reason)]
        result.outcomes += [Outcome(r.id, NOT_APPLICABLE, f"the document could not be checked (see {first.id})") for r in rest]
        return result

    @_gc_paused
    def check_document(self, doc: loader.Document) -> DocumentResult:
        result = DocumentResult(file=doc.file, fail_on=self._fail_on)
        engine_findings: dict[str, list[Finding]] = {rid: [] for rid in ENGINE_RULES}
        lines: dict[int, str] = {}
        for problem in doc.problems:
            rid = LOAD_RULES[problem.kind]
            if problem.kind == loader.SYNTAX and doc.text:  # the line and the one before, to quote
                for number in (problem.line - 1, problem.line):
                    if number > 0:
                        lines[number] = _line_of(doc.text, number)
            engine_findings[rid].append(
                self._finding(rid, doc.file, problem.message, problem.line, problem.column, problem.path)
            )
        if lines:
            result.lines = lines
        blocked = "" if doc.loaded else "the document could not be loaded (see GOV001-GOV004)"
        broken: set[str] = set()  # parts out of format: rules that read them cannot run
        if doc.loaded:
            # Values the loader refused (an unsafe tag, an impossible date) are null in the data:
            # the GOV001 finding says why, so the schema's "must be text, not null" would only
            # repeat it. A refused value, like a format violation, stops only the rules that
            # read it (govcheck.partial); the others still judge the document. A YAML 1.1
            # number is read (and warned about), not refused.
            refused = {
                p.path for p in doc.problems if p.path and p.kind not in (loader.DUPLICATE_KEY, loader.YAML11_NUMBER)
            }
            for err in self._schema.errors(doc.data):
                if err.path in refused:
                    continue
                rid = UNKNOWN_KEY_RULE if err.unknown_key else FORMAT_RULE
                line, col = doc.position(err.path, key=err.key)
                message = f"{err.path or '/'}: {err.message}"
                engine_findings[rid].append(self._finding(rid, doc.file, message, line, col, err.path, data=doc.data))
                if not err.unknown_key:
                    broken.add(partial.join(err.path, err.name) if err.kind == "required" else err.path)
            broken |= refused
            if isinstance(doc.data, Mapping) and not any(partial.under(b, "/profiles") for b in broken):
                for i, name in enumerate(doc.data.get("profiles") or ()):  # a profile no rule has runs nothing
                    unknown = name_problem(self.registry, "profiles", name)
                    if unknown:
                        at = f"/profiles/{i}"
                        finding = self._finding(FORMAT_RULE, doc.file, f"{at}: {unknown}", *doc.position(at), at, data=doc.data)
                        engine_findings[FORMAT_RULE].append(finding)
            if not blocked and self.settings.as_of is None and "/as_of" not in broken:
                early = _before_icbs(doc)  # one finding per value: an as_of out of format has its own
                if early is not None:
                    engine_findings[FORMAT_RULE].append(
                        self._finding(FORMAT_RULE, doc.file, early[0], *early[1], "/as_of", data=doc.data)
                    )
                    # No ICB law was in force on that date: no rule can judge the document.
                    blocked = "the document's as_of is before ICBs were established (see GOV005)"
            if not blocked and any(b in ("", "/govcheck") for b in broken):
                blocked = "the document does not conform to format v1 (see GOV005)"
        opted_in = doc.data.get("profiles", []) if doc.loaded and not blocked else []
        if any(partial.under(b, "/profiles") for b in broken):
            opted_in = []
        profiles = sorted({*self.settings.profiles, *opted_in})
        result.profiles = self._shared(profiles, ("profiles", *profiles))
        constitution = None
        if not blocked:
            constitution = self._model(doc, frozenset(broken))
            if constitution is None:
                blocked = "the document does not conform to format v1 (see GOV005)"
        as_of = self._as_of(constitution)
        law = laws.context(as_of, self.settings.law, self.settings.commencement)
        result.law = self._shared(law.to_dict(), ("law", law))
        active = self.active_rules(opted_in)
        not_in_force = {r.id: why for r in active if (why := laws.not_in_force(r, law))}
        checked = [
            r for r in active
            if r.id not in ENGINE_RULES and r.id not in waiver_rules.WAIVER_RULES and r.id not in not_in_force
        ]
        ran = self._run_checks(checked, constitution)
        for rule in active:
            if rule.id in waiver_rules.WAIVER_RULES:
                continue
            if rule.id in ENGINE_RULES:
                found = engine_findings[rule.id]
                result.findings.extend(found)
                result.outcomes.append(Outcome(rule.id, FAILED if found else PASSED))
            elif constitution is None:
                result.outcomes.append(Outcome(rule.id, NOT_APPLICABLE, blocked))
            elif rule.id in not_in_force:
                result.outcomes.append(Outcome(rule.id, NOT_APPLICABLE, not_in_force[rule.id]))
            else:
                outcome, found = self._run(rule, ran[rule.id], doc)
                result.outcomes.append(outcome)
                result.findings.extend(found)
        waiver_checks = [r for r in active if r.id in waiver_rules.WAIVER_RULES]
        self._waivers(result, doc, constitution, waiver_checks, blocked)
        if result.findings:  # else the empty list stays: no second list a clean document
            from govcheck import rootcause  # only when there is something to group

            rootcause.group(result)
            result.findings.sort(key=Finding.sort_key)
            result.findings = unique_fingerprints(_capped(result.findings, doc.file, self))
        if self.baseline is not None:
            from govcheck import baseline as baselines  # only with a baseline file

            # Fingerprints name their document, so only this document's can match.
            known = self.baseline
            baselines.apply([result], Counter({f.fingerprint: known[f.fingerprint] for f in result.findings}))
        result.outcomes = self._shared(result.outcomes, ("outcomes", *result.outcomes))
        if self.keep_documents:
            # A partly broken document is not drawn: its guarded parts cannot be shown.
            result.model, result.text = (None if broken else constitution), doc.text
        return result

    def _shared(self, value: T, key: Hashable) -> T:
        """``value``, or an equal one (of the same ``key``) already returned for another
        document: then shared, as nothing changes a result's outcomes, profiles or law after
        the engine returns it. Most documents in a batch pass the same rules under the same
        profiles and law, so a batch holds a few of each, not one per document (issue 21).
        Bounded: past ``_SHARED_MAX`` distinct values, new ones are kept unshared."""
        shared = self._shared_values.get(key)
        if shared is not None:
            return cast(T, shared)
        if len(self._shared_values) < _SHARED_MAX:
            self._shared_values[key] = value
        return value

    def _as_of(self, constitution: model.Constitution | None) -> dt.date | None:
        """The date the law is judged on: the document's, or ``--as-of``'s when the document
        has none that can be read (a refused or out-of-format as_of is guarded: the GOV001 or
        GOV005 finding says why, and the rules that read it cannot run)."""
        if constitution is None:
            return self.settings.as_of
        try:
            return constitution.as_of
        except partial.BrokenInput:
            return self.settings.as_of

    def _model(self, doc: loader.Document, broken: frozenset[str]) -> model.Constitution | None:
        """The model of the document; with broken parts guarded (see govcheck.partial)."""
        if not broken:
            return model.build(doc.file, doc.data, self.settings.as_of)
        try:
            return partial.guarded_model(doc.file, doc.data, broken, self.settings.as_of, self._schema.schema)
        except (partial.BrokenInput, Exception):  # BrokenInput is a BaseException (checks must not catch it)
            return None

    def _waivers(
        self,
        result: DocumentResult,
        doc: loader.Document,
        constitution: model.Constitution | None,
        rules: list[Rule],
        blocked: str,
    ) -> None:
        """Apply the document's waivers, then report GOV009/GOV010 (when active)."""
        if self.settings.no_waivers or constitution is None:
            reason = "waivers are ignored (--no-waivers)" if self.settings.no_waivers else blocked
            result.outcomes.extend(Outcome(r.id, NOT_APPLICABLE, reason) for r in rules)
            return
        try:
            as_of = constitution.as_of
        except partial.BrokenInput as exc:  # expiry dates cannot be judged without the date
            result.outcomes.extend(Outcome(r.id, NOT_APPLICABLE, partial.not_runnable_detail(exc.path)) for r in rules)
            return
        usable, problems = waiver_rules.read(doc.data, self.registry.rule, as_of)
        judged = {o.rule for o in result.outcomes if o.status in (PASSED, FAILED)}
        result.findings, unused = waiver_rules.apply(usable, result.findings, judged)
        problems += unused
        for i, outcome in enumerate(result.outcomes):
            if outcome.status != FAILED:
                continue
            mine = [f for f in result.findings if f.rule == outcome.rule]
            if mine and all(f.status == WAIVED for f in mine):
                reasons = dict.fromkeys(f.waiver_reason for f in mine)
                result.outcomes[i] = Outcome(outcome.rule, WAIVED, "; ".join(reasons))
        for rule in rules:
            found = []
            for p in (p for p in problems if p.rule == rule.id):
                line, col = doc.position(p.path, key=p.key)
                found.append(
                    self._finding(rule.id, doc.file, p.message, line, col, p.path, data=doc.data)
                )
            result.findings.extend(found)
            result.outcomes.append(Outcome(rule.id, FAILED if found else PASSED))

    def _run_checks(self, rules: list[Rule], constitution: model.Constitution | None) -> dict[str, isolation.Result]:
        """Run the rules' checks (isolated, each within rule_timeout); results by rule id."""
        if constitution is None:
            return {}
        calls = []
        for rule in rules:
            check = self.registry.checks[rule.check]
            params = self._params.get(rule.id)
            if params is None:
                params = self._params[rule.id] = {**check.defaults(), **rule.params}
            calls.append((check.func, (constitution, dict(params))))  # a check's own copy, as before
        results = isolation.call_many(calls, timeout=self.settings.rule_timeout)
        return {rule.id: ran for rule, ran in zip(rules, results, strict=True)}

    def _run(self, rule: Rule, ran: isolation.Result, doc: loader.Document) -> tuple[Outcome, list[Finding]]:
        """Interpret what one check returned or raised as the rule's outcome and findings."""
        who = f"check {rule.check!r} (plugin {self.registry.check_plugin[rule.check]!r})"
        try:
            violations = ran()
        except NotApplicable as exc:
            return Outcome(rule.id, NOT_APPLICABLE, str(exc)), []
        except partial.BrokenInput as exc:
            return Outcome(rule.id, NOT_APPLICABLE, partial.not_runnable_detail(exc.path)), []
        except isolation.TimedOut:
            detail = f"{who} did not finish within the {self.settings.rule_timeout:g}-second rule time limit"
            return Outcome(rule.id, ERROR, detail), []
        except isolation.NotIterable as exc:
            return Outcome(rule.id, ERROR, f"{who} returned {exc}, not an iterable of Violations"), []
        except BaseException as exc:  # a plugin failure is an outcome, never a crash
            from govcheck import signals

            if isinstance(exc, (KeyboardInterrupt, signals.Stopped)) and signals.interrupted():
                raise  # the user pressed Ctrl-C, or the run was stopped: not the check's doing
            return Outcome(rule.id, ERROR, f"{who} raised {type(exc).__name__}: {exc}{raised_at(exc)}"), []
        bad = next((v for v in violations if not isolation.well_formed(v)), None)
        if bad is not None:
            return Outcome(rule.id, ERROR, f"{who} returned {_short(bad)}, not a well-formed Violation"), []
        for v in violations:
            problem = formatpaths.path_problem(doc.data, v.path)
            if problem:
                detail = f"{who} reported a finding at {v.path!r}, which names nothing in the document or the format: {problem}"
                return Outcome(rule.id, ERROR, detail), []
        findings = []
        for v in violations:
            line, col = doc.position(v.path, key=v.key)
            findings.append(
                self._finding(rule.id, doc.file, v.message, line, col, v.path, v.value, doc.data, v.fix)
            )
        dropped = getattr(violations, "dropped", 0)
        if dropped:
            last = findings[-1]
            message = f"and {dropped:,} more findings of this rule not shown (at most {len(findings):,} per rule and document)"
            findings.append(self._finding(rule.id, doc.file, message, last.line, last.column, last.path))
        return Outcome(rule.id, FAILED if findings else PASSED), findings

    def _finding(
        self,
        rule_id: str,
        file: str,
        message: str,
        line: int,
        col: int,
        path: str,
        value: str = "",
        data: Any = None,
        fix: str = "",
    ) -> Finding:
        rule = self.rules[rule_id]
        message = _short_message(message)
        where = stable_path(data, path)
        digest = fingerprint(rule_id, self._document_key(file), where, value or message)
        return Finding(
            rule=rule.id,
            slug=rule.slug,
            severity=rule.severity,
            message=message,
            file=file,
            line=line,
            column=col,
            path=path,
            citation=rule.citation,
            remediation=fix or fix_for(rule.remediation, path),
            fingerprint=digest,
            citation_url=rule.citation_url,
        )

    def _document_key(self, file: str) -> str:
        """The document's name in fingerprints, with ``/``, independent of the working
        directory: relative to ``settings.root``; without one, to the git repository the
        document is in; else its absolute path."""
        if file.startswith("<"):
            return file
        absolute = os.path.abspath(file)
        root = self.settings.root if self.settings.root is not None else _repository_of(os.path.dirname(absolute))
        if root is None:
            return Path(absolute).as_posix()
        try:
            return Path(os.path.relpath(absolute, root)).as_posix()
        except ValueError:  # another drive (Windows)
            return Path(absolute).as_posix()

    # -- many documents ------------------------------------------------------------------

    def report(self, results: Sequence[DocumentResult]) -> Report:
        from govcheck import __version__

        return Report(
            documents=results,  # sorted by file there
            rules=self.rules,
            tool_version=__version__,
            profiles=self.profiles_run(),
            config=self.settings.to_dict(),
            plugins=[p.to_dict() for p in self.registry.plugins],
            fail_on=self.settings.fail_on,
        )

    def check_paths(
        self, paths: Sequence[str | os.PathLike[str]], *, jobs: int | None = 1, progress: bool = False
    ) -> Documents:
        """Check files in ``jobs`` worker processes (None: one per core); results in order.

        ``progress`` allows a progress bar on standard error for long batches.
        """
        if jobs == 1 and not progress:
            return Documents(self.check_each(paths))
        from govcheck.batch import check_paths

        return check_paths(self, paths, jobs, progress)

    def check_each(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[DocumentResult]:
        """Check files one after another in this process, yielding each result, with a full
        collection every 100 documents (govcheck.memory: a long batch's memory stays flat)."""
        from govcheck.memory import collecting

        return collecting(self.check_path(path, str(path)) for path in paths)

    def run(self, paths: Sequence[str | os.PathLike[str]], *, jobs: int | None = 1) -> Report:
        """Check files and directories (see :func:`expand_paths`) and build the report; YAML
        files a directory walk skipped as not constitutions are in ``Report.skipped``, and the
        entries it could not check in ``Report.unread``."""
        skipped: list[str] = []
        unread: list[tuple[str, str]] = []
        report = self.report(self.check_paths(list(expand_paths(paths, skipped, unread=unread)), jobs=jobs))
        report.skipped = skipped
        report.unread = unread
        return report


@functools.lru_cache(maxsize=256)
def _repository_of(directory: str) -> str | None:
    """The nearest directory at or above ``directory`` holding ``.git``, or None."""
    current = directory
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def unique_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Findings whose fingerprints are unique: the second and later of identical findings
    (same rule, document, path and message) get the occurrence number mixed in."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        n = seen.get(f.fingerprint, 0)
        seen[f.fingerprint] = n + 1
        if n:
            import hashlib

            f = f._replace(fingerprint=hashlib.sha256(f"{f.fingerprint}#{n}".encode()).hexdigest()[:32])
        out.append(f)
    return out


_LINE_COL = re.compile(r"\b(line|column) \d+")


def fingerprint(rule_id: str, document: str, path: str, value: str) -> str:
    """A finding's identity across edits: rule, document, structural path, normalised value.

    Line and column numbers inside messages (``also defined at line 12``) and runs of
    whitespace are normalised away, so inserting lines elsewhere does not change it.
    """
    import hashlib  # ~3 ms to import; only documents with findings need it

    norm = " ".join(_LINE_COL.sub(r"\1 #", value).split())
    return hashlib.sha256(f"{rule_id}\0{document}\0{path}\0{norm}".encode()).hexdigest()[:32]


def stable_path(data: Any, path: str) -> str:
    """``path`` with list indices replaced by what the item is, where that can be told.

    An item with an ``id`` becomes ``[id]`` and a string item ``[=text]``, so inserting an
    item earlier in a list keeps the fingerprints of findings on later items.
    """
    if data is None or not path:
        return path
    node = data
    out = []
    for token in path.lstrip("/").split("/"):
        name = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and name.isdigit() and int(name) < len(node):
            node = node[int(name)]
            if isinstance(node, Mapping) and isinstance(node.get("id"), str):
                token = f"[{node['id']}]"
            elif isinstance(node, str):
                token = f"[={node}]" if len(node) <= 200 else f"[={node[:200]}...{len(node)}]"
        elif isinstance(node, Mapping) and name in node:
            node = node[name]
        else:
            node = None
        out.append(token)
    return "/" + "/".join(out)


def _is_constitution(path: str) -> bool:
    from govcheck.discover import is_constitution

    return is_constitution(path)


def expand_paths(
    paths: Sequence[str | os.PathLike[str]],
    skipped: list[str] | None = None,
    *,
    skip_named: bool = False,
    unread: list[tuple[str, str]] | None = None,
) -> Iterator[str]:
    """Files as given; directories searched for *.yaml / *.yml (hidden ones skipped), sorted.

    Paths are strings, spelt as pathlib spells them (``./a//b.yaml`` is ``a/b.yaml``): a
    batch of 10,000 documents holds one string each, where a ``Path`` would hold that
    string, its parts and the object.

    In a directory, YAML files that are not constitutions (no top-level ``govcheck:`` key,
    see govcheck.discover) are skipped and appended to ``skipped``; files named explicitly
    are skipped that way only with ``skip_named`` (the pre-commit hook's ``--skip-other-yaml``).

    A walk does not follow symlinks to directories (``os.walk``'s default), and skips a
    symlinked file that resolves outside the directory given: a link planted in a checked
    folder cannot make govcheck read (and a report embed) a file elsewhere. Name such a
    file explicitly to check it.

    Every entry a walk passes over for a reason other than not being a constitution (a
    link to nothing, a link leading outside, a link to a folder, a folder that cannot be
    read) is appended to ``unread`` with the reason, so that a caller can say so.
    """
    for given in paths:
        path = _named(given)
        if os.path.isdir(path):  # os.path: a name the system refuses (too long) is no folder, not a traceback
            from govcheck.discover import is_constitution  # only for a walk or --skip-other-yaml

            found, passed = _walk(path)
            if unread is not None:
                unread.extend(sorted(passed))
            for file in sorted(found):
                if is_constitution(file):
                    yield file
                elif skipped is not None:
                    skipped.append(file)
        elif skip_named and path != "-" and os.path.isfile(path) and not _is_constitution(path):
            if skipped is not None:
                skipped.append(path)
        else:
            yield path


def _named(given: str | os.PathLike[str]) -> str:
    """``given`` as pathlib names it (``./a//b.yaml`` is ``a/b.yaml``); the same object when
    it already is, so a batch's list of names is not copied."""
    text = os.fspath(given)
    if text and os.sep == "/" and "//" not in text and "/." not in text and not text.startswith("./") and not text.endswith("/"):
        # Plainly spelt already (the files a walk found): no Path parsed, whose interned
        # parts would grow the interpreter's table of interned strings in a big batch.
        return text
    normal = str(Path(text))
    return text if normal == text else normal


def _walk(directory: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The YAML files under ``directory`` a walk may read, and the entries it passes over (why)."""
    found: list[str] = []
    passed: list[tuple[str, str]] = []
    inside = os.path.realpath(directory)

    def unreadable(exc: OSError) -> None:
        passed.append((os.fspath(exc.filename), f"cannot be read: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(directory, onerror=unreadable):
        # Named as pathlib names them ("." and "a/./b" give "x.yaml" and "a/b/x.yaml"), once a folder.
        base = str(Path(root))
        prefix = "" if base == "." else base.rstrip(os.sep) + os.sep
        for d in dirs:
            if not d.startswith(".") and os.path.islink(prefix + d):
                passed.append((prefix + d, "is a symbolic link to a folder: not followed"))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in files:
            if f.endswith(YAML_SUFFIXES) and not f.startswith("."):
                file = prefix + f
                reason = _link_problem(file, inside)
                if reason is None:
                    found.append(file)
                else:
                    passed.append((file, reason))
    return found, passed


# Why a link is not read, said by a walk (a warning) and for a path named (an error).
DANGLING_LINK = "is a symbolic link to nothing (its target is missing, or a loop of links)"


def _link_problem(file: str, directory: str) -> str | None:
    """Why a walk passes over ``file`` as a link (None: not a link, or one to a file inside)."""
    if not os.path.islink(file):
        return None
    if not os.path.exists(file):
        return DANGLING_LINK
    target = os.path.realpath(file)
    if target == directory or target.startswith(directory.rstrip(os.sep) + os.sep):
        return None
    return "is a symbolic link leading outside the folder: not followed (name it to check it)"


def _read(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes (one more tells the loader it is over the limit).

    Only regular files are read: a FIFO, socket or device named as a document would block
    or never end, so it is opened without blocking and refused.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:  # a socket cannot be opened at all (ENXIO): say what it is
        if exc.errno == errno.ENXIO and not stat.S_ISREG(os.stat(path).st_mode):
            raise OSError(errno.EINVAL, "not a regular file") from None
        raise
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # read(n) allocates n bytes up front: ask for the file's size, not the limit.
        return fh.read(min(info.st_size, max_bytes) + 1)


def _before_icbs(doc: loader.Document) -> tuple[str, tuple[int, int]] | None:
    """A message and position when the document's as_of is before ICBs existed (else None)."""
    value = doc.data.get("as_of") if isinstance(doc.data, Mapping) else None
    on = model.parse_date(value) if isinstance(value, str) else None
    if on is None or on >= laws.EARLIEST:
        return None
    message = (
        f"/as_of: {on.isoformat()} is before {laws.EARLIEST.isoformat()}, when integrated care boards "
        "were established (Health and Care Act 2022): no ICB law was in force on that date"
    )
    return message, doc.position("/as_of")

def raised_at(exc: BaseException) -> str:
    """`` at FILE:LINE`` where ``exc`` was raised, for a plugin author to find it.

    With ``GOVCHECK_DEBUG=1`` (``--debug``) the whole traceback also goes to stderr."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    if os.environ.get("GOVCHECK_DEBUG", "") not in ("", "0"):
        import sys

        sys.stderr.write("govcheck: debug: " + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    if not frames:
        return ""
    last = frames[-1]
    try:
        shown = os.path.relpath(last.filename)
    except ValueError:  # another drive on Windows
        shown = last.filename
    if shown.startswith(".."):
        shown = last.filename
    return f" (at {shown}:{last.lineno})"

def _line_of(text: str, number: int) -> str:
    """Line ``number`` (1-based) of ``text``, at most 200 characters ("" past the end)."""
    lines = text.splitlines()
    return lines[number - 1][:200] if 0 < number <= len(lines) else ""
# Memory bounds on what a document can make govcheck hold (docs/security.md): a message
# echoes at most MAX_MESSAGE characters of document text, and a document keeps at most
# MAX_FINDINGS findings (after at most isolation.MAX_VIOLATIONS per rule).
MAX_MESSAGE = 1000
MAX_FINDINGS = 2000


def _short_message(message: str) -> str:
    if len(message) <= MAX_MESSAGE:
        return message
    return message[: MAX_MESSAGE - 40] + f"... ({len(message):,} characters, cut)"


def _capped(findings: list[Finding], file: str, engine: Engine) -> list[Finding]:
    """At most MAX_FINDINGS findings (in report order), then one saying how many more."""
    if len(findings) <= MAX_FINDINGS:
        return findings
    kept = findings[: MAX_FINDINGS - 1]
    rest = findings[MAX_FINDINGS - 1 :]
    last = kept[-1]
    worst = min(rest, key=lambda f: SEVERITIES.index(f.severity))
    message = (
        f"and {len(rest):,} more findings in this document not shown "
        f"(at most {MAX_FINDINGS:,} per document; the first of them: {worst.rule} {worst.message[:200]})"
    )
    more = engine._finding(worst.rule, file, message, last.line, last.column, "")
    if all(f.status != OPEN for f in rest):  # all waived or baselined: so is their summary
        more = more._replace(status=rest[0].status, waiver_reason=rest[0].waiver_reason)
    return [*kept, more]


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@functools.cache
def _document_validator() -> Validator:
    """The constitution schema's validator, one per process: every engine shares it."""
    import json

    return Validator(json.loads(schema_path("constitution-v1.schema.json").read_text()))


def schema_path(name: str) -> Path:
    return Path(__file__).parent / "schemas" / name
