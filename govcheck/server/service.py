"""What the server checks with: its configuration, fixed at start, and one check request.

Nothing here imports the web stack: the worker processes (``govcheck.server.pool``) import
this module, build a :class:`Service` once, and call :meth:`Service.check` for each request.
A request gives a document and a few choices (profiles, as-of date, law, format); it cannot
name a file, a plugin or a rule pack: those come from the server's own configuration.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from govcheck import __version__, loader
from govcheck.engine import Engine, Settings
from govcheck.errors import GovcheckError
from govcheck.report import Report

# The law a report is judged against when the engine does not say (the law in force today).
DEFAULT_LAW = "nhs-act-2006-sch1b"
MEDIA_TYPES = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "junit": "application/xml",
}
DOCUMENT_NAME = "document.yaml"  # the name findings carry: a request names no file
MAX_PROFILES = 32


def _builtin_json() -> Any:
    from govcheck.reporters import BUILTIN

    return next(r.render for r in BUILTIN if r.name == "json")


BUILTIN_JSON = _builtin_json()


class RequestError(Exception):
    """A request the server understood but cannot act on (HTTP 422), or a malformed one (400)."""

    def __init__(self, detail: str, status: int = 422) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status


@dataclass(frozen=True)
class Options:
    """How the server was started (``govcheck serve`` options); picklable, for the workers."""

    config_file: str | None = None
    plugins: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    no_plugins: bool = False
    workers: int = 1
    queue: int = 32
    max_body: int = 8 * 1024 * 1024
    request_timeout: float = 30.0
    worker_memory_mb: int = 2048
    jobs_per_worker: int = 2000
    audit_log: str | None = "govcheck-audit.jsonl"
    audit_max_bytes: int = 10 * 1024 * 1024
    audit_keep: int = 5
    audit_documents: bool = False


@dataclass(frozen=True)
class CheckRequest:
    """One document to check, and the choices a request may make."""

    document: bytes
    profiles: tuple[str, ...] | None = None
    as_of: str | None = None
    law: str | None = None
    format: str = "json"


@dataclass
class CheckResult:
    """What a worker sends back: the rendered report and what the audit log and metrics need."""

    body: str
    media_type: str
    exit_code: int
    law: str
    counts: dict[str, Any] = field(default_factory=dict)
    findings_by_rule: dict[str, int] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)


class Service:
    """The plugins, rule packs and settings the server was started with, and the checks."""

    def __init__(self, options: Options) -> None:
        from pathlib import Path

        from govcheck.config import Finder, resolve
        from govcheck.runner import Group, Registries, engine_for

        cli: dict[str, object] = {}
        if options.plugins:
            cli["plugins"] = list(options.plugins)
        if options.rule_packs:
            cli["rule-packs"] = list(options.rule_packs)
        self.options = options
        # --config if given, else the configuration found upward from the working directory.
        finder = Finder(Path(options.config_file) if options.config_file else None)
        group = Group(resolve(finder.for_path(Path.cwd()), cli), [])
        self.effective = group.effective
        engine = engine_for(group, Registries(options.no_plugins, options.config_file))
        self.registry = engine.registry
        self.settings: Settings = engine.settings._replace(root=None)
        self.rules_version = rules_version(self.registry)
        self.profiles = sorted({r.profile for r in self.registry.rules.values()})
        # The encoded rule descriptions by (rules of an engine, ids used): see _json.
        self._rules_json: dict[tuple[int, tuple[str, ...]], tuple[Mapping[str, Any], str]] = {}

    # -- what the server offers ----------------------------------------------------------

    def versions(self) -> dict[str, Any]:
        return {
            "tool": {"name": "govcheck", "version": __version__},
            "rules_version": self.rules_version,
            "plugins": [{"name": p.name, "distribution": p.distribution, "version": p.version}
                        for p in self.registry.plugins],
        }

    def formats(self) -> list[str]:
        return sorted(self.registry.reporters)

    def default_law(self) -> str:
        law = getattr(self.settings, "law", None)
        return str(law) if law else DEFAULT_LAW

    # -- one check -------------------------------------------------------------------------

    def check(self, request: CheckRequest) -> CheckResult:
        """Check one document; a bad choice raises :class:`RequestError` (nothing is checked)."""
        reporter = self.registry.reporters.get(request.format)
        if reporter is None:
            raise RequestError(f"unknown format {request.format!r}; known: {', '.join(self.formats())}")
        engine = self._engine(request.profiles, request.as_of, request.law, reporter.needs_documents)
        doc = loader.load_bytes(request.document, DOCUMENT_NAME, engine.settings.limits)
        report = engine.report([engine.check_document(doc)])
        try:
            if request.format == "json" and reporter.render is BUILTIN_JSON:
                body = self._json(report)
            else:
                body = reporter.render(report)
        except Exception as exc:
            raise RuntimeError(f"report format {request.format!r} failed: {type(exc).__name__}: {exc}") from None
        law = law_of(report, engine.settings)
        findings = [f for f in report.findings if f.status == "open"]
        return CheckResult(
            body=body,
            media_type=MEDIA_TYPES.get(request.format, "text/plain; charset=utf-8"),
            exit_code=report.exit_code(),
            law=law,
            counts=report.counts(),
            findings_by_rule=dict(Counter(f.rule for f in findings)),
            severities={f.rule: f.severity for f in findings},
        )

    def _json(self, report: Report) -> str:
        """The JSON report without indentation (the C encoder, ~3 ms less per check than the
        reporter's indented text), keys sorted as ``json.dumps(report.to_dict(), sort_keys=True)``.

        The descriptions of the rules (~110 KB of the reference's 118 KB report) are the same
        for every request with the same rules: they are encoded once, not per check. Only the
        rule catalogue is kept; the document's own part is built and encoded every time.
        """
        used = tuple(report.rules_used())
        key = (id(report.rules), used)
        known = self._rules_json.get(key)
        if known is None or known[0] is not report.rules:
            known = (report.rules, _dumps([report.rules[r].to_dict() for r in used]))
            if len(self._rules_json) < MAX_RULE_SETS:
                self._rules_json[key] = known
        data = report.to_dict(rules=False)
        data["rules"] = "\x00rules"  # sorts where "rules" sorts; replaced below (only "schema_version"
        head, _, tail = _dumps(data).rpartition(_RULES_PLACEHOLDER)  # and "tool" come after it)
        return f"{head}{known[1]}{tail}"

    def _engine(self, profiles: Sequence[str] | None, as_of: str | None, law: str | None, keep: bool) -> Engine:
        key = (tuple(profiles) if profiles is not None else None, as_of, law, keep)
        return self._cached_engine(key)

    @functools.lru_cache(maxsize=32)  # noqa: B019 - one Service per process, kept for its life
    def _cached_engine(self, key: tuple[Any, ...]) -> Engine:
        profiles, as_of, law, keep = key
        # Checked as the configuration file, the command line and the API check them
        # (govcheck.options), the request's field named as the API's keyword.
        from govcheck import options
        from govcheck.engine import name_problem

        changes: dict[str, Any] = {}
        try:
            if profiles is not None:
                problem = next(filter(None, (name_problem(self.registry, "profiles", p) for p in profiles)), "")
                if problem:
                    raise RequestError(f"profiles: {problem}")
                changes["profiles"] = tuple(profiles)
            if as_of is not None:  # as --as-of: a date, and no ICB law before ICBs were established
                changes["as_of"] = options.check("as-of", as_of, options.keyword("as-of"))
            if law is not None:  # judged here, as --law is: the engine reads it only when it checks
                changes["law"] = options.check("law", law, options.keyword("law"))
            return Engine(self.registry, self.settings._replace(**changes), keep_documents=keep)
        except GovcheckError as exc:
            raise RequestError(str(exc)) from None


MAX_RULE_SETS = 64  # rule catalogues _json keeps encoded (profiles chosen per request vary them)
_RULES_PLACEHOLDER = '"\\u0000rules"'


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def rules_version(registry: Any) -> str:
    """An identifier of the rules in force: a digest of every rule as loaded (ids, checks,
    parameters, severities, citations) with the plugins' versions. It changes whenever a rule
    pack or plugin changes, as an OPA bundle's revision does."""
    rules = [registry.rules[k].to_dict() for k in sorted(registry.rules)]
    plugins = sorted((p.name, p.distribution, p.version) for p in registry.plugins)
    text = json.dumps({"rules": rules, "plugins": plugins}, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]


def law_of(report: Any, settings: Settings) -> str:
    """The law version the report was judged against, as the report says, else the default."""
    for source in (getattr(report, "law", None), report.config.get("law"), getattr(settings, "law", None)):
        if isinstance(source, Mapping):
            source = source.get("version") or source.get("name") or source.get("id")
        if source:
            return str(source)
    return DEFAULT_LAW


def document_digest(document: bytes) -> str:
    return hashlib.sha256(document).hexdigest()


def parse_request(body: bytes, media_type: str, query: Mapping[str, str]) -> CheckRequest:
    """A :class:`CheckRequest` from a POST /v1/check body; raises :class:`RequestError`.

    ``application/yaml`` (and ``application/x-yaml``, ``text/yaml``) is the document itself,
    with the choices as query parameters (``profiles=a,b``); ``application/json`` wraps it.
    """
    unknown = sorted(set(query) - {"profiles", "as_of", "law", "format"})
    if unknown:
        raise RequestError(f"unknown query parameter {unknown[0]!r} (parameters: profiles, as_of, law, format)", 400)
    if media_type in YAML_TYPES:
        profiles = query.get("profiles")
        return _request(
            body,
            [p for p in profiles.split(",") if p] if profiles is not None else None,
            query.get("as_of"),
            query.get("law"),
            query.get("format", "json"),
        )
    if media_type != "application/json":
        raise RequestError("send application/yaml (the document) or application/json", 415)
    from govcheck import strictjson

    try:
        data = strictjson.loads(body)
    except (ValueError, RecursionError) as exc:
        raise RequestError(f"the body is not valid JSON: {exc}", 400) from None
    if not isinstance(data, dict):
        raise RequestError("the JSON body must be an object with a \"document\" string", 400)
    unknown = sorted(set(data) - {"document", "profiles", "as_of", "law", "format"})
    if unknown:
        raise RequestError(f"unknown field {unknown[0]!r} (fields: document, profiles, as_of, law, format)", 400)
    document = data.get("document")
    if not isinstance(document, str):
        raise RequestError("\"document\" must be the constitution's YAML text, as a string", 400)
    profiles = data.get("profiles")
    if profiles is not None and not (isinstance(profiles, list) and all(isinstance(p, str) for p in profiles)):
        raise RequestError("\"profiles\" must be a list of profile names", 400)
    for key in ("as_of", "law", "format"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise RequestError(f"\"{key}\" must be a string", 400)
    try:
        raw = document.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (\ud800) in the JSON string
        raise RequestError("\"document\" holds a character that is not valid Unicode (a lone surrogate)", 400) from None
    return _request(raw, profiles, data.get("as_of"), data.get("law"), data.get("format") or "json")


YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


def _request(
    document: bytes, profiles: list[str] | None, as_of: str | None, law: str | None, format: str
) -> CheckRequest:
    if profiles is not None and len(profiles) > MAX_PROFILES:
        raise RequestError(f"at most {MAX_PROFILES} profiles")
    return CheckRequest(document, tuple(profiles) if profiles is not None else None, as_of or None, law or None, format)
