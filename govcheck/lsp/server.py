"""The language server (pygls): findings as diagnostics, hover, definition, fixes, completion.

Everything the server knows about a document comes from :mod:`govcheck.lsp.session` (the
checking) and :mod:`govcheck.lsp.index` (what is where); this module speaks the protocol.
Checks run on one worker thread, so the server keeps answering hovers and completions while
a document is being checked, and the engines are never used by two threads at once. Every
handler catches what goes wrong: a failure is logged (``window/logMessage``), never sent to
the client as an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import yaml
from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import ServerTextPosition, ServerTextRange

from govcheck import __version__
from govcheck.lsp import session as sessions
from govcheck.lsp.index import Context, Definition, NodeIndex, Span, context_at, tokens
from govcheck.lsp.session import Analysis, Problem, Session

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3  # after the last keystroke, before a document is checked again
SEVERITY = {
    "error": t.DiagnosticSeverity.Error,
    "warning": t.DiagnosticSeverity.Warning,
    "info": t.DiagnosticSeverity.Information,
    sessions.HINT: t.DiagnosticSeverity.Hint,
}
WATCHED = ("**/.govcheck.toml", "**/pyproject.toml", "**/*baseline*.json")

F = TypeVar("F", bound=Callable[..., Any])


class GovcheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("govcheck", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.session = Session()
        self.defaults: dict[str, Any] = {}  # from the command line (--config, --no-plugins)
        self.debounce = DEBOUNCE_SECONDS
        self.analyses: dict[str, Analysis] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()  # running checks (the loop keeps only weak references)
        self._checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govcheck-lsp")

    # -- settings ------------------------------------------------------------------------

    def apply_settings(self, settings: Any) -> None:
        """``{"config": FILE, "noPlugins": bool, "debounce": seconds}``, from the client's
        initializationOptions or its ``govcheck`` settings section.

        The session is reset on the checking thread, after any check already queued there,
        so a check never sees half a change.
        """
        if not isinstance(settings, Mapping):
            settings = {}
        if isinstance(settings.get("govcheck"), Mapping):
            settings = settings["govcheck"]
        settings = {**self.defaults, **settings}
        config = settings.get("config") or None
        self._checker.submit(self.session.reset, str(config) if config else None, bool(settings.get("noPlugins", False)))
        debounce = settings.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10:
            self.debounce = float(debounce)

    async def pull_settings(self) -> bool:
        """Ask the client for its ``govcheck`` settings (``workspace/configuration``), when it can
        answer; apply them if it has some. True when settings were applied."""
        workspace = self.client_capabilities.workspace
        if not (workspace and workspace.configuration):
            return False
        answer = await self.workspace_configuration_async(
            t.ConfigurationParams(items=[t.ConfigurationItem(section="govcheck")])
        )
        if answer and isinstance(answer[0], Mapping) and answer[0]:
            self.apply_settings(answer[0])
            return True
        return False

    # -- checking ------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, unless asked again before then."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        loop = asyncio.get_running_loop()

        def start() -> None:
            task = loop.create_task(self.check(uri))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        self._pending[uri] = loop.call_later(delay, start)

    async def check(self, uri: str) -> None:
        self._pending.pop(uri, None)
        try:
            if uri not in self.workspace.text_documents:
                return  # closed before its check started
            document = self.workspace.get_text_document(uri)
            text, version = document.source, document.version
            file = to_fs_path(uri) or uri
            loop = asyncio.get_running_loop()
            analysis = await loop.run_in_executor(self._checker, self.session.check, file, text, version)
            if uri not in self.workspace.text_documents:
                return  # closed meanwhile
            if self.workspace.get_text_document(uri).version != version:
                return  # edited meanwhile: that version's check is on its way
            self.analyses[uri] = analysis
            self.text_document_publish_diagnostics(
                t.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=self.diagnostics(analysis))
            )
        except Exception:
            self.log_failure(f"checking {uri}")

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            if uri in self.analyses or uri.endswith((".yaml", ".yml")):
                self.schedule(uri, 0)

    def diagnostics(self, analysis: Analysis) -> list[t.Diagnostic]:
        return [self.diagnostic(analysis, p) for p in analysis.problems]

    def diagnostic(self, analysis: Analysis, p: Problem) -> t.Diagnostic:
        return t.Diagnostic(
            range=self.to_range(analysis, p.span),
            severity=SEVERITY[p.severity],
            code=p.code,
            code_description=t.CodeDescription(href=p.href) if p.href else None,
            source="govcheck",
            message=p.message,
            data={"path": p.path, "status": p.status},
        )

    def log_failure(self, what: str) -> None:
        detail = traceback.format_exc()
        log.error("govcheck: %s failed\n%s", what, detail)
        with contextlib.suppress(Exception):  # the connection itself may be gone
            self.window_log_message(t.LogMessageParams(type=t.MessageType.Error, message=f"govcheck: {what} failed: {detail}"))

    # -- positions -----------------------------------------------------------------------

    def to_range(self, analysis: Analysis, span: Span) -> t.Range:
        lines = analysis.text.splitlines(True)
        server = ServerTextRange(ServerTextPosition(*span.start), ServerTextPosition(*span.end))
        return self.workspace.position_codec.range_to_client_units(lines, server)

    def from_position(self, analysis: Analysis, position: t.Position) -> tuple[int, int]:
        lines = analysis.text.splitlines(True)
        at = self.workspace.position_codec.position_from_client_units(lines, position)
        return (at.line, at.character)


server = GovcheckServer()


def guarded(default: Any = None) -> Callable[[F], F]:
    """A handler that logs what goes wrong and answers ``default``: no error reaches the client."""

    def wrap(func: F) -> F:
        if asyncio.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(ls: GovcheckServer, params: Any) -> Any:
                try:
                    return await func(ls, params)
                except Exception:
                    ls.log_failure(func.__name__)
                    return default

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run(ls: GovcheckServer, params: Any) -> Any:
            try:
                return func(ls, params)
            except Exception:
                ls.log_failure(func.__name__)
                return default

        return run  # type: ignore[return-value]

    return wrap


# -- lifecycle and documents -----------------------------------------------------------------


@server.feature(t.INITIALIZE)
@guarded()
def initialize(ls: GovcheckServer, params: t.InitializeParams) -> None:
    ls.apply_settings(params.initialization_options)


@server.feature(t.INITIALIZED)
@guarded()
async def initialized(ls: GovcheckServer, params: t.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched and watched.dynamic_registration:
        options = t.DidChangeWatchedFilesRegistrationOptions(
            watchers=[t.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
        )
        registration = t.Registration(
            id="govcheck-config", method=t.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        await ls.client_register_capability_async(t.RegistrationParams(registrations=[registration]))
    if await ls.pull_settings():
        ls.recheck_all()


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
@guarded()
def did_open(ls: GovcheckServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
@guarded()
def did_change(ls: GovcheckServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
@guarded()
def did_save(ls: GovcheckServer, params: t.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    analysis = ls.analyses.get(uri)
    if analysis is not None and analysis.rule_pack:
        # a rule pack edited in the editor: load the rules again and re-check every document
        ls._checker.submit(ls.session.reset, ls.session.config_file)
        ls.recheck_all()
    else:
        ls.schedule(uri, 0)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
@guarded()
def did_close(ls: GovcheckServer, params: t.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls._pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.analyses.pop(uri, None)
    ls.session.forget(to_fs_path(uri) or uri)
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(t.WORKSPACE_DID_CHANGE_CONFIGURATION)
@guarded()
async def did_change_configuration(ls: GovcheckServer, params: t.DidChangeConfigurationParams) -> None:
    """Settings pushed with the notification, or (when it carries none) pulled from the client."""
    pushed = params.settings
    has_section = isinstance(pushed, Mapping) and isinstance(pushed.get("govcheck"), Mapping)
    if has_section or not await ls.pull_settings():
        ls.apply_settings(pushed)
    ls.recheck_all()


@server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded()
def did_change_watched_files(ls: GovcheckServer, params: t.DidChangeWatchedFilesParams) -> None:
    ls._checker.submit(ls.session.reset, ls.session.config_file)
    ls.recheck_all()


# -- hover -----------------------------------------------------------------------------------


def rule_markdown(rule: Any, message: str = "") -> str:
    lines = [f"**{rule.id} {rule.slug}** ({rule.severity}): {rule.title}", ""]
    if message:
        lines += [message, ""]
    lines += [f"**Why:** {rule.rationale}", "", "**Sources:**"]
    from govcheck.reporters import citations

    lines += [f"- {citations.markdown(c)}" for c in citations.of_rule(rule)]
    lines += ["", f"**How to fix:** {rule.remediation}"]
    href = sessions.rule_href(rule)
    if href and not any(c.get("url") == href for c in rule.citations):
        lines += ["", f"[Rule reference]({href})"]
    return "\n".join(lines)


def definition_markdown(d: Definition, analysis: Analysis) -> str:
    line = analysis.index.entries[d.path].value.start[0] + 1 if analysis.index and d.path in analysis.index.entries else 0
    where = f", defined at line {line}" if line else ""
    summary = f": {d.summary}" if d.summary else ""
    return f"`{d.id}`: one of the {d.collection}{summary}{where}"


@server.feature(t.TEXT_DOCUMENT_HOVER)
@guarded()
def hover(ls: GovcheckServer, params: t.HoverParams) -> t.Hover | None:
    analysis = ls.analyses.get(params.text_document.uri)
    if analysis is None:
        return None
    pos = ls.from_position(analysis, params.position)
    parts: list[str] = []
    hit: Span | None = None
    for p in analysis.problems:
        if p.status != "stale" and p.span.contains(pos):
            rule = analysis.rule(p.code)
            parts.append(rule_markdown(rule, p.message) if rule else p.message)
            hit = hit or p.span
    node = analysis.index.at(pos) if analysis.index else None
    if node is not None:
        entry, on_key = node
        info = node_markdown(analysis, entry.path, on_key)
        if info:
            parts.append(info)
            hit = hit or (entry.key if on_key else entry.value)
    if not parts:
        return None
    return t.Hover(
        contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=ls.to_range(analysis, hit) if hit else None,
    )


def node_markdown(analysis: Analysis, path: str, on_key: bool) -> str:
    trail: list[str | int] = [int(x) if x.isdigit() else x for x in tokens(path)]
    if on_key:
        schema = sessions.schema()
        name = str(trail[-1]) if trail else ""
        described = schema.description(trail)
        required = name in schema.required(trail[:-1])
        head = f"**{name}**" + (" (required)" if required else "")
        return f"{head}: {described}" if described else head
    ref = analysis.references.get(path)
    if ref is not None:
        target = analysis.definitions.get(ref.target)
        if target is None:
            return f"`{ref.target}`: no such id is defined in this document"
        return definition_markdown(target, analysis)
    if len(trail) == 3 and trail[0] == "waivers" and trail[2] == "rule":
        rule = analysis.rule(str(_value(analysis.data, trail)))
        return rule_markdown(rule) if rule else ""
    value = _value(analysis.data, trail)
    if isinstance(value, str) and trail and trail[-1] == "id" and value in analysis.definitions:
        d = analysis.definitions[value]
        if d.path == path:
            uses = sum(1 for r in analysis.references.values() if r.target == value)
            return definition_markdown(d, analysis) + f"; referred to {uses} time(s)"
    return ""


def _value(data: Any, trail: list[str | int]) -> Any:
    node = data
    for token in trail:
        try:
            node = node[token]
        except (KeyError, IndexError, TypeError):
            return None
    return node


# -- go to definition ------------------------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
@guarded()
def definition(ls: GovcheckServer, params: t.DefinitionParams) -> t.Location | None:
    uri = params.text_document.uri
    analysis = ls.analyses.get(uri)
    if analysis is None or analysis.index is None:
        return None
    node = analysis.index.at(ls.from_position(analysis, params.position))
    if node is None or node[1]:
        return None
    path = node[0].path
    target = ""
    ref = analysis.references.get(path)
    if ref is not None and ref.target in analysis.definitions:
        target = analysis.definitions[ref.target].path
    trail = tokens(path)
    if len(trail) == 3 and trail[0] == "waivers" and trail[2] == "rule":
        rule = analysis.rule(str(_value(analysis.data, ["waivers", int(trail[1]), "rule"])))
        return rule_location(rule) if rule else None
    if len(trail) == 3 and trail[0] == "waivers" and trail[2] == "path":
        pointer = _value(analysis.data, ["waivers", int(trail[1]), "path"])
        target = str(pointer).rstrip("/") if isinstance(pointer, str) else ""
        if target not in analysis.index.entries:
            return None
    if not target or target not in analysis.index.entries:
        return None
    return t.Location(uri=uri, range=ls.to_range(analysis, analysis.index.entries[target].value))


def rule_location(rule: Any) -> t.Location | None:
    """Where a rule is declared: its entry in its rule pack file (``Rule.source``)."""
    file, _, pointer = str(rule.source).partition("#")
    if not file or not pointer:
        return None  # a pack given as data by a plugin, not as a file
    try:
        text = Path(file).read_text(encoding="utf-8")
        index = NodeIndex(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    entry = index.entries.get(f"{pointer}/id") or index.entries.get(pointer)
    if entry is None:
        return None
    (l1, c1), (l2, c2) = entry.value
    return t.Location(
        uri=Path(file).resolve().as_uri(),
        range=t.Range(start=t.Position(line=l1, character=c1), end=t.Position(line=l2, character=c2)),
    )


# -- code actions ----------------------------------------------------------------------------


@server.feature(
    t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix])
)
@guarded(default=[])
def code_action(ls: GovcheckServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    uri = params.text_document.uri
    analysis = ls.analyses.get(uri)
    if analysis is None or not analysis.loaded:
        return []
    lines = analysis.text.splitlines(True)
    codec = ls.workspace.position_codec
    wanted = codec.range_from_client_units(lines, params.range)
    lo, hi = (wanted.start.line, wanted.start.character), (wanted.end.line, wanted.end.character)
    actions = []
    for p in analysis.problems:
        if p.status not in ("open", "baselined") or p.span.end < lo or p.span.start > hi:
            continue
        diagnostic = ls.diagnostic(analysis, p)
        fixed = sessions.key_fix(analysis, p.code, p.path)
        if fixed is not None:
            old = tokens(p.path)[-1]
            edit = t.TextEdit(range=diagnostic.range, new_text=fixed)
            actions.append(
                t.CodeAction(
                    title=f"Change '{old}' to '{fixed}'",
                    kind=t.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=t.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
        rule = analysis.rule(p.code)
        if rule is not None and p.path and sessions.waivable(analysis, rule):
            span, text = sessions.waiver_edit(analysis, rule, p.path)
            edit = t.TextEdit(range=ls.to_range(analysis, span), new_text=text)
            actions.append(
                t.CodeAction(
                    title=f"Add a waiver for {rule.id} at {p.path} (write the reason)",
                    kind=t.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=t.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
    return actions


# -- completion ------------------------------------------------------------------------------


@server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=[" ", "-", "[", ",", "{"]))
@guarded()
def completion(ls: GovcheckServer, params: t.CompletionParams) -> t.CompletionList | None:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    text = document.source
    at = document.position_from_client_units(params.position)
    context = context_at(text, at.line, at.character)
    if context is None:
        return None
    file = to_fs_path(uri) or uri
    current = ls.analyses.get(uri)
    known = current if current is not None and current.loaded else ls.session.last_good.get(file)
    items = completion_items(context, known)
    return t.CompletionList(is_incomplete=False, items=items) if items else None


def completion_items(context: Context, known: Analysis | None) -> list[t.CompletionItem]:
    schema = sessions.schema()
    items = []
    if context.kind == "key":
        properties = schema.properties(context.path)
        required = schema.required(context.path)
        for name in sorted(properties):
            if name in context.siblings:
                continue
            described = schema.description([*context.path, name])
            items.append(
                t.CompletionItem(
                    label=name,
                    kind=t.CompletionItemKind.Property,
                    detail="required" if name in required else "optional",
                    documentation=described or None,
                    insert_text=f"{name}: ",
                    sort_text=("0" if name in required else "1") + name,
                )
            )
        if items:
            return items
    if schema.ref_kind(context.path) == "ref" and known is not None:
        # every id; first those of the collection the field is named after (organisation:
        # organisations first), as the schema does not say which kind a reference names
        field = next((str(x) for x in reversed(context.path) if isinstance(x, str)), "")
        stem = field.split("_")[-1].rstrip("s")
        for d in sorted(known.definitions.values(), key=lambda d: (d.collection, d.id)):
            likely = bool(stem) and stem in d.collection
            items.append(
                t.CompletionItem(
                    label=d.id,
                    kind=t.CompletionItemKind.Reference,
                    detail=d.collection,
                    documentation=d.summary or None,
                    sort_text=("0" if likely else "1") + d.collection + " " + d.id,
                )
            )
        return items
    node = schema.resolve(schema.at(context.path))
    if context.kind == "value" and isinstance(node, Mapping) and isinstance(node.get("enum"), list):
        items = [t.CompletionItem(label=str(v), kind=t.CompletionItemKind.EnumMember) for v in node["enum"]]
    return items


def main() -> None:
    """Serve the language server protocol on standard input and output."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    server.start_io()
