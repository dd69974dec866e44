"""The engine: load each document, validate it, run the selected rules, build the Report."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govcheck import loader, model
from govcheck.checks.base import NotApplicable, Violation
from govcheck.errors import ConfigError
from govcheck.findings import ERROR, FAILED, NOT_APPLICABLE, PASSED, SEVERITIES, Finding
from govcheck.plugins import Registry, validate_rule
from govcheck.report import DocumentResult, Outcome, Report
from govcheck.rules import DEFAULT_PROFILES, PROFILES, Rule
from govcheck.validate import Validator

# Rules reported by the engine itself (rules/core.yaml), by loader problem kind.
LOAD_RULES = {
    loader.SYNTAX: "GOV001",
    loader.STRUCTURE: "GOV001",
    loader.DUPLICATE_KEY: "GOV002",
    loader.ENCODING: "GOV003",
    loader.LIMIT: "GOV004",
}
FORMAT_RULE = "GOV005"
UNKNOWN_KEY_RULE = "GOV006"
ENGINE_RULES = frozenset({*LOAD_RULES.values(), FORMAT_RULE, UNKNOWN_KEY_RULE})
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Settings:
    """What to check and how; built from defaults, configuration files and the command line."""

    profiles: tuple[str, ...] = DEFAULT_PROFILES
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: str = "warning"
    as_of: dt.date | None = None
    limits: loader.Limits = loader.DEFAULT_LIMITS

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
        }


def _matches(rule: Rule, patterns: Iterable[str]) -> bool:
    """A rule matches a pattern by id, slug, or id prefix (``GOV1`` selects GOV1xx)."""
    return any(pattern == rule.slug or rule.id.startswith(pattern.upper()) for pattern in patterns)


class Engine:
    """One loaded rule set, reused for every document of a run."""

    def __init__(self, registry: Registry, settings: Settings | None = None, *, keep_documents: bool = True) -> None:
        self.registry = registry
        self.settings = settings or Settings()
        self.keep_documents = keep_documents  # DocumentResult.model/.text, for the HTML report
        self.rules = self._configure_rules()
        self._schema = Validator(_constitution_schema())

    def _configure_rules(self) -> dict[str, Rule]:
        s = self.settings
        for key in [*s.select, *s.ignore, *s.severity, *s.params]:
            if not any(_matches(r, [key]) for r in self.registry.rules.values()):
                raise ConfigError(f"no rule matches {key!r} (use an id, a slug or an id prefix)")
        configured: dict[str, Rule] = {}
        for rule in self.registry.rules.values():
            severity = next((v for k, v in s.severity.items() if _matches(rule, [k])), rule.severity)
            if severity not in SEVERITIES:
                raise ConfigError(f"rule {rule.id}: severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
            params = dict(rule.params)
            for key, override in s.params.items():
                if _matches(rule, [key]):
                    params.update(override)
            if params != rule.params:
                validate_rule(self.registry, rule, params)
            configured[rule.id] = replace(rule, severity=severity, params=params)
        return configured

    def active_rules(self, opted_in: Iterable[str] = ()) -> list[Rule]:
        """Rules to run on a document: by profile (plus the document's opt-ins), select, ignore."""
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

    # -- one document ------------------------------------------------------------------

    def check_path(self, path: Path, display: str | None = None) -> DocumentResult:
        name = display or str(path)
        try:
            raw = _read(path, self.settings.limits.max_bytes)
        except OSError as exc:
            doc = loader.Document(file=name)
            reason = exc.strerror or type(exc).__name__
            doc.problems.append(loader.LoadProblem(loader.STRUCTURE, f"cannot read file: {reason}", 1, 1))
            return self.check_document(doc)
        return self.check_document(loader.load_bytes(raw, name, self.settings.limits))

    def check_text(self, text: str, name: str = "<text>") -> DocumentResult:
        return self.check_document(loader.load_text(text, name, self.settings.limits))

    def check_document(self, doc: loader.Document) -> DocumentResult:
        result = DocumentResult(file=doc.file)
        engine_findings: dict[str, list[Finding]] = {rid: [] for rid in ENGINE_RULES}
        for problem in doc.problems:
            rid = LOAD_RULES[problem.kind]
            engine_findings[rid].append(
                self._finding(rid, doc.file, problem.message, problem.line, problem.column, problem.path)
            )
        blocked = "" if doc.loaded else "the document could not be loaded (see GOV001-GOV004)"
        if doc.loaded:
            for err in self._schema.errors(doc.data):
                rid = UNKNOWN_KEY_RULE if err.unknown_key else FORMAT_RULE
                line, col = doc.position(err.path, key=err.key)
                message = f"{err.path or '/'}: {err.message}"
                engine_findings[rid].append(self._finding(rid, doc.file, message, line, col, err.path))
            if engine_findings[FORMAT_RULE]:
                blocked = "the document does not conform to format v1 (see GOV005)"
        opted_in = doc.data.get("profiles", []) if doc.loaded and not blocked else []
        result.profiles = sorted({*self.settings.profiles, *opted_in})
        constitution = None
        if not blocked:
            constitution = model.build(doc.file, doc.data, self.settings.as_of)
        for rule in self.active_rules(opted_in):
            if rule.id in ENGINE_RULES:
                found = engine_findings[rule.id]
                result.findings.extend(found)
                result.outcomes.append(Outcome(rule.id, FAILED if found else PASSED))
            elif constitution is None:
                result.outcomes.append(Outcome(rule.id, NOT_APPLICABLE, blocked))
            else:
                outcome, found = self._run(rule, constitution, doc)
                result.outcomes.append(outcome)
                result.findings.extend(found)
        result.findings.sort(key=Finding.sort_key)
        if self.keep_documents:
            result.model, result.text = constitution, doc.text
        return result

    def _run(self, rule: Rule, constitution: model.Constitution, doc: loader.Document) -> tuple[Outcome, list[Finding]]:
        check = self.registry.checks[rule.check]
        plugin = self.registry.check_plugin[rule.check]
        params = {**check.defaults(), **rule.params}
        try:
            violations = list(check.func(constitution, params))
        except NotApplicable as exc:
            return Outcome(rule.id, NOT_APPLICABLE, str(exc)), []
        except Exception as exc:
            detail = f"check {rule.check!r} (plugin {plugin!r}) raised {type(exc).__name__}: {exc}"
            return Outcome(rule.id, ERROR, detail), []
        bad = [v for v in violations if not isinstance(v, Violation)]
        if bad:
            detail = f"check {rule.check!r} (plugin {plugin!r}) returned {bad[0]!r}, not a Violation"
            return Outcome(rule.id, ERROR, detail), []
        findings = []
        for v in violations:
            line, col = doc.position(v.path, key=v.key)
            findings.append(self._finding(rule.id, doc.file, v.message, line, col, v.path, v.value))
        return Outcome(rule.id, FAILED if findings else PASSED), findings

    def _finding(
        self, rule_id: str, file: str, message: str, line: int, col: int, path: str, value: str = ""
    ) -> Finding:
        rule = self.rules[rule_id]
        digest = hashlib.sha256(f"{rule_id}\0{file}\0{path}\0{value or message}".encode()).hexdigest()
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
            remediation=rule.remediation,
            fingerprint=digest[:32],
        )

    # -- many documents ------------------------------------------------------------------

    def report(self, results: Sequence[DocumentResult]) -> Report:
        from govcheck import __version__

        return Report(
            documents=sorted(results, key=lambda d: d.file),
            rules=self.rules,
            tool_version=__version__,
            profiles=list(self.settings.profiles),
            config=self.settings.to_dict(),
            plugins=[p.to_dict() for p in self.registry.plugins],
            fail_on=self.settings.fail_on,
        )

    def run(self, paths: Sequence[str | os.PathLike[str]]) -> Report:
        return self.report([self.check_path(p, str(p)) for p in expand_paths(paths)])


def expand_paths(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files as given; directories searched for *.yaml / *.yml (hidden ones skipped), sorted."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in files if f.endswith(YAML_SUFFIXES) and not f.startswith("."))
            yield from sorted(found)
        else:
            yield path


def _read(path: Path, max_bytes: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(max_bytes + 1)  # one byte more tells the loader it is over the limit


_SCHEMA: dict[str, Any] = {}


def _constitution_schema() -> dict[str, Any]:
    if not _SCHEMA:
        import json

        _SCHEMA.update(json.loads(schema_path("constitution-v1.schema.json").read_text()))
    return _SCHEMA


def schema_path(name: str) -> Path:
    return Path(__file__).parent / "schemas" / name
