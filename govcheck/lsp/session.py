"""Check documents for the language server: the CLI's configuration and plugins, warm engines.

Plain Python (no language-server library), so the benchmark can time exactly what the
server does after an edit. Each document is checked with the configuration the CLI would
use for a file at that path (:func:`govcheck.runner.plan`: found upward, overrides
applied), by an engine built once per distinct configuration (:func:`govcheck.runner.engine_for`:
plugins loaded as the CLI loads them, registries shared), and then kept warm.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import re
from collections.abc import Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from govcheck import loader
from govcheck.engine import ENGINE_RULES, UNKNOWN_KEY_RULE, Engine, schema_path
from govcheck.errors import GovcheckError
from govcheck.findings import BASELINED, ERROR, WAIVED
from govcheck.lsp.index import Definition, NodeIndex, Reference, Schema, Span, ids_and_refs, tokens, word_span
from govcheck.report import DocumentResult
from govcheck.rules import Rule

HINT = "hint"  # a waived or baselined finding: shown, but it does not fail the run
CONFIG_CODE = "configuration"


class Problem(NamedTuple):
    """One diagnostic, as plain data: where, how bad, which rule, what, and a link."""

    span: Span
    severity: str  # error, warning, info, or hint
    code: str  # a rule id, or "configuration"
    message: str
    href: str = ""
    path: str = ""  # JSON Pointer of the node
    status: str = "open"  # open, waived, baselined, error (rule not evaluated), stale


class Analysis:
    """One checked version of one document.

    ``loaded``: the text parsed, so ``index`` (node ranges), ``definitions`` and
    ``references`` describe this version; they are worked out when first asked for (a hover,
    a completion, a finding to place), not on every keystroke.
    """

    def __init__(
        self,
        file: str,
        version: int | None,
        text: str,
        problems: list[Problem],
        loaded: bool,
        data: Any = None,
        rules: Mapping[str, Rule] | None = None,
        index: NodeIndex | None = None,
        constitution: bool = True,
    ) -> None:
        self.file = file
        self.constitution = constitution
        self.version = version
        self.text = text
        self.problems = problems
        self.loaded = loaded
        self.data = data
        self.rules: Mapping[str, Rule] = rules or {}
        self._index = index

    @property
    def index(self) -> NodeIndex | None:
        if self._index is None and self.loaded:
            self._index = _index(self.text)
        return self._index

    @cached_property
    def _ids(self) -> tuple[dict[str, Definition], dict[str, Reference]]:
        return ids_and_refs(self.data, schema()) if self.loaded else ({}, {})

    @property
    def definitions(self) -> Mapping[str, Definition]:
        return self._ids[0]

    @property
    def references(self) -> Mapping[str, Reference]:
        return self._ids[1]

    @property
    def rule_pack(self) -> bool:
        """A YAML rule pack (``pack:`` and ``rules:``), not a constitution."""
        return not self.constitution and isinstance(self.data, Mapping) and {"pack", "rules"} <= set(self.data)

    def rule(self, name: str) -> Rule | None:
        rule = self.rules.get(name.upper())
        return rule or next((r for r in self.rules.values() if r.slug == name), None)


@cache
def schema() -> Schema:
    return Schema(json.loads(schema_path("constitution-v1.schema.json").read_text()))


@cache
def _rules_page() -> Path | None:
    page = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return page if page.is_file() else None


def rule_href(rule: Rule) -> str:
    """The rule's first source URL, else its section of docs/rules.md (when that file is here)."""
    from govcheck.docgen import _anchor
    from govcheck.reporters.common import help_url

    url = help_url(rule)
    if url:
        return url
    page = _rules_page()
    return f"{page.as_uri()}#{_anchor(rule)}" if page else ""


class Session:
    """The server's checking state: engines by configuration, the last good analysis per file."""

    def __init__(self, config_file: str | None = None, no_plugins: bool = False) -> None:
        from govcheck.runner import Registries

        self.config_file = config_file
        self.no_plugins = no_plugins
        self._registries = Registries(no_plugins, config_file)  # a named configuration is trusted, as with --config
        self._engines: dict[str, tuple[Engine, Any, float | None]] = {}
        self._baselines: dict[str, tuple[float, Any]] = {}
        self.last_good: dict[str, Analysis] = {}

    def reset(self, config_file: str | None = None, no_plugins: bool | None = None) -> None:
        """Forget engines and plugins (after a configuration change); keep the last analyses."""
        from govcheck.runner import Registries

        self.config_file = config_file
        if no_plugins is not None:
            self.no_plugins = no_plugins
        self._registries = Registries(self.no_plugins, self.config_file)
        self._engines.clear()
        self._baselines.clear()

    def engine(self, file: str) -> tuple[Engine, Any]:
        """The engine and effective configuration the CLI would use for ``file``; with a
        baseline file configured, the engine marks findings against it (reloaded when the file
        changes), so results come back finished, as from the CLI's engine."""
        from govcheck.runner import engine_for, plan

        group = plan([file], {}, self.config_file)[0]
        values = group.effective.values
        baseline_path = values.get("baseline")
        mtime, known = self._baseline(baseline_path) if baseline_path else (None, None)
        key = repr((str(group.config.path) if group.config else None, group.effective.overrides, sorted(values.items())))
        found = self._engines.get(key)
        if found is None or found[2] != mtime:
            found = self._engines[key] = (engine_for(group, self._registries, baseline=known), group.effective, mtime)
        return found[0], found[1]

    def _baseline(self, path: str) -> tuple[float, Any]:
        """The baseline file's modification time and accepted fingerprints (govcheck.baseline.load)."""
        from govcheck import baseline as baselines

        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            mtime = -1.0
        known = self._baselines.get(path)
        if known is None or known[0] != mtime:
            known = self._baselines[path] = (mtime, baselines.load(path))
        return known

    def check(self, file: str, text: str, version: int | None = None) -> Analysis:
        """Check one version of a document; never raises for anything in the text or configuration.

        The cyclic garbage collector is paused meanwhile, as the engine pauses it for a
        document (a pass over the freshly loaded data finds nothing to free).
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._check(file, text, version)
        finally:
            if enabled:
                gc.enable()

    def _check(self, file: str, text: str, version: int | None) -> Analysis:
        doc = loader.load_text(text, file)
        if doc.loaded and not is_constitution(doc.data, text):
            # another YAML file: not ours to judge (a rule pack is kept, to know it when saved)
            return Analysis(file, version, text, [], False, doc.data, constitution=False)
        try:
            engine, _ = self.engine(file)
        except GovcheckError as exc:
            return self._config_problem(file, text, version, str(exc))
        if engine.settings.limits != loader.DEFAULT_LIMITS:  # max-bytes configured: load within it
            doc = loader.load_text(text, file, engine.settings.limits)
        result = engine.check_document(doc)
        if not doc.loaded:
            problems = _problems(result, engine, _Lines(text), text)
            problems += self._stale(file, text, problems)
            return Analysis(file, version, text, problems, False, rules=engine.rules)
        analysis = Analysis(file, version, text, [], True, doc.data, engine.rules)
        if result.findings or any(o.status == ERROR for o in result.outcomes):
            analysis.problems = _problems(result, engine, analysis.index or _Lines(text), text)
        self.last_good[file] = analysis
        return analysis

    def forget(self, file: str) -> None:
        self.last_good.pop(file, None)

    def _config_problem(self, file: str, text: str, version: int | None, message: str) -> Analysis:
        problem = Problem(first_line(text), "error", CONFIG_CODE, f"govcheck configuration: {message}")
        return Analysis(file, version, text, [problem], False)

    def _stale(self, file: str, text: str, current: list[Problem]) -> list[Problem]:
        """The last good version's findings that lie outside the edited lines, moved with
        the lines around them, and off the lines of the parse problems."""
        good = self.last_good.get(file)
        if good is None:
            return []
        old, new = good.text.splitlines(), text.splitlines()
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        shift = len(new) - len(old)
        busy = {p.span.start[0] for p in current}
        kept = []
        for p in good.problems:
            (l1, c1), (l2, c2) = p.span
            if l2 < head:
                moved = p
            elif l1 >= len(old) - tail:
                moved = p._replace(span=Span((l1 + shift, c1), (l2 + shift, c2)))
            else:
                continue
            if moved.span.start[0] in busy:
                continue
            kept.append(moved._replace(status="stale"))
        return kept


_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=\S*constitution", re.MULTILINE)


def is_constitution(data: Any, text: str) -> bool:
    """A mapping with the ``govcheck`` key, or a text that names the constitution schema.

    Editors send the server every YAML file they open (a CI workflow, a compose file); those
    are not constitutions and get no diagnostics. A constitution being started (empty, or
    not yet a mapping) does: govcheck says what it needs.
    """
    return not isinstance(data, Mapping) or "govcheck" in data or _MODELINE.search(text[:4096]) is not None


def _index(text: str) -> NodeIndex | None:
    try:
        return NodeIndex(text)
    except Exception:  # the loader accepted it, so composing cannot fail; but never break a check
        return None


class _Lines:
    """Word spans for text that did not parse (no node index)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def word_at(self, at: tuple[int, int]) -> Span:
        return word_span(self.lines, at)

    def span_of(self, path: str, line: int, column: int) -> Span:
        return self.word_at((line - 1, column - 1))


_SEVERITY_OF_STATUS = {WAIVED: HINT, BASELINED: HINT}


def first_line(text: str) -> Span:
    """The document's first line: where what concerns the whole document is shown."""
    return Span((0, 0), (0, len(text.split("\n", 1)[0].rstrip("\r"))))


def _problems(result: DocumentResult, engine: Engine, index: NodeIndex | _Lines, text: str) -> list[Problem]:
    problems = []
    for f in result.findings:
        rule = engine.rules[f.rule]
        message = f.message
        if f.status == WAIVED:
            message += f" [waived: {f.waiver_reason}]"
        elif f.status == BASELINED:
            message += " [in the baseline]"
        problems.append(
            Problem(
                index.span_of(f.path, f.line, f.column),
                _SEVERITY_OF_STATUS.get(f.status, f.severity),
                f.rule,
                message,
                rule_href(rule),
                f.path,
                f.status,
            )
        )
    for outcome in result.outcomes:
        if outcome.status != ERROR:
            continue  # a rule that could not be judged: the CLI exits 2; say so at the top
        rule = engine.rules[outcome.rule]
        message = f"{rule.id} ({rule.slug}) could not be evaluated: {outcome.detail}"
        problems.append(Problem(first_line(text), "warning", rule.id, message, rule_href(rule), "", ERROR))
    return problems


# -- fixes -------------------------------------------------------------------------------------


def waivable(analysis: Analysis, rule: Rule) -> bool:
    """Whether a waiver for ``rule`` would take effect: not for the engine's loading and
    format rules (the document cannot be judged until they are fixed), and only when the
    waiver rules accept it (a waiver of, say, a waiver rule is itself a finding, GOV009)."""
    from govcheck import waivers

    if rule.id in ENGINE_RULES:
        return False
    probe = {"waivers": [{"rule": rule.id, "path": "", "reason": "probe"}]}
    usable, _ = waivers.read(probe, analysis.rule, None)
    return bool(usable)


def key_fix(analysis: Analysis, problem_code: str, path: str) -> str | None:
    """The one key a misspelt key (GOV006) was surely meant to be, or None when unsure."""
    if problem_code != UNKNOWN_KEY_RULE or not path:
        return None
    trail: list[str | int] = [int(t) if t.isdigit() else t for t in tokens(path)]
    parent, key = trail[:-1], str(trail[-1])
    allowed = schema().properties(parent)
    present = set(_at(analysis.data, parent) or {})
    candidates = [k for k in allowed if k not in present]
    close = difflib.get_close_matches(key, candidates, n=2, cutoff=0.75)
    if len(close) == 1:
        return close[0]
    return None


def _at(data: Any, trail: list[str | int]) -> Any:
    node = data
    for t in trail:
        fits = isinstance(node, list) and isinstance(t, int) and t < len(node)
        if fits or (isinstance(node, Mapping) and t in node):
            node = node[t]
        else:
            return None
    return node if isinstance(node, Mapping) else None


def waiver_text(rule: Rule, path: str, indent: int) -> str:
    """A waiver entry (block YAML) at ``indent`` spaces, reason left for the user to write.

    The reason is empty on purpose: a waiver without one waives nothing and is reported
    (GOV009) until somebody writes why the exception is accepted.
    """
    pad = " " * indent
    shown = path if path and all(c.isalnum() or c in "/_.-" for c in path) else json.dumps(path)
    return (
        f"{pad}- rule: {rule.id}  # {rule.slug}\n"
        f"{pad}  path: {shown}\n"
        f'{pad}  reason: ""  # required: why this exception is accepted\n'
    )


def waiver_edit(analysis: Analysis, rule: Rule, path: str) -> tuple[Span, str]:
    """Where and what to insert to add a waiver: after the last one, else a new ``waivers:`` block."""
    text = analysis.text
    lines = text.splitlines()
    index = analysis.index
    existing = index.entries.get("/waivers") if index else None
    waivers = analysis.data.get("waivers") if isinstance(analysis.data, Mapping) else None
    if index is None or existing is None or existing.key is None:
        last = len(lines)
        prefix = "" if text.endswith("\n") or not text else "\n"
        return Span((last, 0), (last, 0)), prefix + "waivers:\n" + waiver_text(rule, path, 2)
    start = existing.value.start
    opener = lines[start[0]][start[1] : start[1] + 1] if start[0] < len(lines) else ""
    if waivers and opener == "-":  # a block list: one more item after the last
        dash = start[1]
        line = existing.value.end[0] + 1
        return Span((line, 0), (line, 0)), waiver_text(rule, path, dash)
    if waivers and opener == "[":  # a flow list: one more item before the "]"
        (line, col) = existing.value.end
        item = waiver_text(rule, path, 0)
        fields = [part.split("  #")[0].strip() for part in item.lstrip("- ").splitlines()]
        return Span((line, col - 1), (line, col - 1)), ", {" + ", ".join(fields) + "}"
    # "waivers:" with nothing or [] after it: a block list in its place
    key_line = existing.key.end[0]
    colon = lines[key_line].find(":", existing.key.end[1])
    end = max(existing.value.end, (key_line, len(lines[key_line]))) if waivers == [] else (key_line, len(lines[key_line]))
    return Span((key_line, colon + 1), end), "\n" + waiver_text(rule, path, 2).rstrip("\n")
