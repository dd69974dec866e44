"""`govcheck lsp` end to end: a real server process driven over the protocol by pytest-lsp."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
import pytest_asyncio
import yaml

import govcheck
import govcheck.api
import govcheck.engine

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from conftest import REFERENCE, ROOT, run_cli  # noqa: E402
from lsprotocol import types as t  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")

INVALID = ROOT / "fixtures" / "invalid"
PUBLISHED = "published"


def _client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics it receives, in order."""
    client = pytest_lsp.make_test_lsp_client()
    record: list[t.PublishDiagnosticsParams] = []
    setattr(client, PUBLISHED, record)
    original = client.protocol.fm.features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish(params: t.PublishDiagnosticsParams) -> None:
        record.append(params)
        original(params)

    client.protocol.fm.features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish

    @client.feature(t.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: t.RegistrationParams) -> None:
        client.registrations = params.registrations  # type: ignore[attr-defined]

    return client


# The configuration files these tests write under the temporary directory may name plugins
# (GOVCHECK_TRUST: configuration trust, as for the command line; see docs/security.md).
SERVER_ENV = {**os.environ, "GOVCHECK_TRUST": os.path.realpath(tempfile.gettempdir())}


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "govcheck", "lsp"], client_factory=_client, server_env=SERVER_ENV
)
SETTINGS = {"debounce": 0.05}  # the initializationOptions every server here starts with


async def start(client: LanguageClient, root: Path) -> t.InitializeResult:
    return await client.initialize_session(
        t.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            initialization_options=SETTINGS,
        )
    )


@pytest_lsp.fixture(config=SERVER, scope="module")
async def server(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    """One server for the module's tests (starting one costs about a second of CPU each)."""
    await start(lsp_client, tmp_path_factory.mktemp("workspace"))
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(loop_scope="module")
async def client(server: LanguageClient):
    """The shared server, as a test finds it: the test's documents (under its own tmp_path, its
    own URIs) are closed afterwards, and settings it sent go back to the start-up ones, so no
    test sees another's documents, configuration or settings."""
    lsp_client = server
    opened: list[str] = []
    sent: list[object] = []
    did_open, did_change_configuration = lsp_client.text_document_did_open, lsp_client.workspace_did_change_configuration

    def open_(params: t.DidOpenTextDocumentParams) -> None:
        opened.append(params.text_document.uri)
        did_open(params)

    def configure(params: t.DidChangeConfigurationParams) -> None:
        sent.append(params)
        did_change_configuration(params)

    lsp_client.text_document_did_open = open_  # type: ignore[method-assign]
    lsp_client.workspace_did_change_configuration = configure  # type: ignore[method-assign]
    try:
        yield lsp_client
    finally:
        del lsp_client.text_document_did_open, lsp_client.workspace_did_change_configuration
        for uri in opened:
            lsp_client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=ident(uri)))
        if sent:
            lsp_client.set_configuration({}, section="govcheck")
            lsp_client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings={"govcheck": SETTINGS}))


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def fresh(lsp_client: LanguageClient):
    """A server of the test's own, for a test of start-up or one that leaves the server changed
    (started by the test: see `start`)."""
    yield
    await lsp_client.shutdown_session()


async def published(
    client: LanguageClient, uri: str, version: int | None = None, after: int = 0, timeout: float = 30
) -> t.PublishDiagnosticsParams:
    """The first diagnostics for ``uri`` (of ``version``) among those received after the first ``after``."""
    record = getattr(client, PUBLISHED)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for params in record[after:]:
            if params.uri == uri and (version is None or params.version == version):
                return params
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout} s: {record}")


def open_doc(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(t.TextDocumentItem(uri=uri, language_id="yaml", version=version, text=text))
    )
    return uri


def ident(uri: str) -> t.TextDocumentIdentifier:
    return t.TextDocumentIdentifier(uri=uri)


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def where(text: str, needle: str, offset: int = 0) -> t.Position:
    """The position of ``needle`` (plus ``offset`` characters) in ``text``."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return t.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


def copy(tmp_path: Path, source: Path, name: str = "constitution.yaml") -> Path:
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


# -- start-up ------------------------------------------------------------------------------


async def test_initialisation_announces_the_features_and_watches_configuration_files(fresh: LanguageClient, tmp_path: Path):
    result = await start(fresh, tmp_path)
    assert (result.server_info.name, result.server_info.version) == ("govcheck", govcheck.__version__)
    caps = result.capabilities
    assert caps.text_document_sync.change == t.TextDocumentSyncKind.Incremental
    assert caps.hover_provider and caps.definition_provider and caps.code_action_provider
    assert caps.completion_provider is not None
    # after "initialized": the server asks to be told when configuration files change
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while not hasattr(fresh, "registrations") and loop.time() < deadline:
        await asyncio.sleep(0.02)
    (registration,) = fresh.registrations  # type: ignore[attr-defined]
    assert registration.method == t.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert globs == ["**/.govcheck.toml", "**/pyproject.toml", "**/*baseline*.json"]


# -- diagnostics ---------------------------------------------------------------------------


async def test_open_publishes_the_finding_with_rule_severity_link_and_range(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml")
    text = path.read_text()
    uri = open_doc(client, path)
    result = await published(client, uri, 1)
    assert [(d.code, d.severity, d.source) for d in result.diagnostics] == [
        ("GOV101", t.DiagnosticSeverity.Error, "govcheck")
    ]
    (d,) = result.diagnostics
    assert d.message == "the board needs a partner member nominated by primary medical services providers (role partner_primary_medical); it has none"
    rule = govcheck.api._engine(None, (), True).rules["GOV101"]
    first_url = next(c["url"] for c in rule.citations if c.get("url"))  # GOV101 cites the Act's address
    assert d.code_description.href == first_url
    # where the CLI reports it (the key "members" under board), and exactly that key
    (finding,) = govcheck.check_file(path).findings
    start = t.Position(line=finding.line - 1, character=finding.column - 1)
    assert text.splitlines()[start.line][start.character :].startswith("members:")
    assert d.range == t.Range(start=start, end=t.Position(line=start.line, character=start.character + len("members")))
    assert d.data == {"path": "/board/members", "status": "open"}


async def test_a_compliant_document_has_no_diagnostics(client: LanguageClient, tmp_path: Path):
    uri = open_doc(client, copy(tmp_path, REFERENCE))
    assert (await published(client, uri, 1)).diagnostics == ()


async def test_value_findings_span_the_whole_value(client: LanguageClient, tmp_path: Path):
    source = REFERENCE.read_text().replace("as_of: 2026-04-01", 'as_of: "1 April"', 1)
    path = tmp_path / "c.yaml"
    path.write_text(source)
    uri = open_doc(client, path)
    result = await published(client, uri, 1)
    gov005 = [d for d in result.diagnostics if d.code == "GOV005"]
    assert len(gov005) == 1
    start = where(source, '"1 April"')
    assert gov005[0].range == t.Range(start=start, end=t.Position(line=start.line, character=start.character + 9))


async def test_ranges_are_in_the_clients_units_past_non_ascii_text(client: LanguageClient, tmp_path: Path):
    source = REFERENCE.read_text()
    before = "{id: la-downsvale, name: Downsvale District Council, kind: local_authority,"
    after = "{id: la-downsvale, name: Downsvale Caf\u00e9 \U0001f600 Council, kind: local_authorityy,"
    assert before in source
    text = source.replace(before, after, 1)
    uri = open_doc(client, tmp_path / "c.yaml", text)
    (d,) = (await published(client, uri, 1)).diagnostics
    line = text.splitlines()[d.range.start.line]
    # UTF-16 (the protocol's default): the emoji counts two units, "é" one
    units = line[: line.index("local_authorityy")].encode("utf-16-le")
    assert d.code == "GOV005"
    assert d.range.start.character == len(units) // 2
    assert d.range.end.character == d.range.start.character + len("local_authorityy")


async def test_an_unsaved_document_is_checked(client: LanguageClient):
    uri = "untitled:Untitled-1"
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(
            t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=REFERENCE.read_text().replace("  version:", "  verison:", 1))
        )
    )
    assert [d.code for d in (await published(client, uri, 1)).diagnostics] == ["GOV006"]


async def test_changes_are_debounced_and_only_the_last_version_is_published(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, REFERENCE)
    good = path.read_text()
    uri = open_doc(client, path)
    await published(client, uri, 1)
    before = len(client.published)
    bad = good.replace("  version:", "  verison:", 1)
    for version in range(2, 6):
        change(client, uri, version, bad if version == 5 else good + f"# edit {version}\n")
    result = await published(client, uri, 5, after=before)
    await asyncio.sleep(0.3)  # anything for versions 2-4 would have come by now
    assert [p.version for p in client.published[before:] if p.uri == uri] == [5]
    assert [(d.code, d.range.start.line) for d in result.diagnostics] == [("GOV006", 9)]


async def test_incremental_changes_are_applied_before_checking(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, REFERENCE)
    text = path.read_text()
    uri = open_doc(client, path)
    await published(client, uri, 1)
    start = where(text, "  version:", 2)
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                t.TextDocumentContentChangePartial(
                    range=t.Range(start=start, end=t.Position(line=start.line, character=start.character + len("version"))),
                    text="verison",
                )
            ],
        )
    )
    (d,) = (await published(client, uri, 2)).diagnostics
    assert (d.code, d.data["path"]) == ("GOV006", "/metadata/verison")
    assert d.range == t.Range(start=start, end=t.Position(line=start.line, character=start.character + len("verison")))


async def test_every_failing_fixture_gets_what_the_cli_reports(client: LanguageClient):
    """One server, every failing fixture open at once: each document's diagnostics are the
    CLI's findings for it (rule, position, status), at the CLI's lines and columns."""
    cli = run_cli("check", "fixtures/invalid", "--format", "json")
    assert cli.returncode == 1, cli.stderr
    levels = {"error": t.DiagnosticSeverity.Error, "warning": t.DiagnosticSeverity.Warning, "info": t.DiagnosticSeverity.Information}

    def severity(finding: dict[str, str]) -> t.DiagnosticSeverity:
        return levels[finding["severity"]] if finding["status"] == "open" else t.DiagnosticSeverity.Hint

    expected: dict[str, list[tuple[str, int, int, str]]] = {}
    texts: dict[str, str] = {}
    for document in json.loads(cli.stdout)["documents"]:
        path = ROOT / document["file"]
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # an editor cannot send bytes that are not text (GOV003's fixture)
        lines = text.splitlines()
        uri = path.as_uri()
        texts[uri] = text

        def units(line: int, column: int, lines: list[str] = lines) -> int:
            before = lines[line - 1][: column - 1] if line <= len(lines) else ""
            return len(before.encode("utf-16-le")) // 2

        expected[uri] = sorted(
            (f["rule"], f["line"] - 1, units(f["line"], f["column"]), f["status"], severity(f)) for f in document["findings"]
        )
    assert len(expected) >= 100
    for uri, text in texts.items():
        client.text_document_did_open(
            t.DidOpenTextDocumentParams(t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text))
        )
    for uri, findings in expected.items():
        result = await published(client, uri, 1, timeout=120)
        got = sorted(
            (d.code, d.range.start.line, d.range.start.character, d.data["status"], d.severity) for d in result.diagnostics
        )
        assert got == findings, uri


async def test_save_checks_at_once(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, REFERENCE)
    uri = open_doc(client, path)
    await published(client, uri, 1)
    before = len(client.published)
    client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert (await published(client, uri, 1, after=before)).diagnostics == ()


async def test_each_document_of_a_workspace_is_checked_with_its_own_configuration(
    client: LanguageClient, tmp_path: Path
):
    first = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml", "a/constitution.yaml")
    second = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml", "b/constitution.yaml")
    (tmp_path / "b" / ".govcheck.toml").write_text('severity = { GOV101 = "info" }\n')
    uri_a, uri_b = open_doc(client, first), open_doc(client, second)
    a, b = await published(client, uri_a, 1), await published(client, uri_b, 1)
    assert [(d.code, d.severity) for d in a.diagnostics] == [("GOV101", t.DiagnosticSeverity.Error)]
    assert [(d.code, d.severity) for d in b.diagnostics] == [("GOV101", t.DiagnosticSeverity.Information)]


async def test_configuration_file_changes_apply_to_open_documents(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml")
    uri = open_doc(client, path)
    assert [d.code for d in (await published(client, uri, 1)).diagnostics] == ["GOV101"]
    config = tmp_path / ".govcheck.toml"
    config.write_text('ignore = ["GOV101"]\n')
    before = len(client.published)
    client.workspace_did_change_watched_files(
        t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Created)])
    )
    assert (await published(client, uri, 1, after=before)).diagnostics == ()
    config.write_text('ignore = ["NOPE999"]\n')  # a bad configuration: said once, at the top
    before = len(client.published)
    client.workspace_did_change_watched_files(
        t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Changed)])
    )
    (d,) = (await published(client, uri, 1, after=before)).diagnostics
    first_line = path.read_text().split("\n", 1)[0]
    assert d.code == "configuration"
    assert d.range == t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=len(first_line)))
    cli = run_cli("check", str(path), env=SERVER_ENV)
    assert cli.returncode == 2
    assert d.message == "govcheck configuration: " + cli.stderr.removeprefix("govcheck: error: ").strip()
    assert "NOPE999" in d.message
    # a plugin that does not load: the CLI's message too
    config.write_text('plugins = ["nothere.py"]\n')
    before = len(client.published)
    client.workspace_did_change_watched_files(
        t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Changed)])
    )
    (d,) = (await published(client, uri, 1, after=before)).diagnostics
    cli = run_cli("check", str(path), env=SERVER_ENV)
    assert cli.returncode == 2
    assert d.message == "govcheck configuration: " + cli.stderr.removeprefix("govcheck: error: ").strip()
    assert "nothere.py" in d.message


PACK = """\
pack: local
profile: local
rules:
  - id: LOC100
    slug: many-members
    title: At least 99 board members
    severity: warning
    check: select.count
    params: {select: /board/members/*, min: 99, label: board member(s)}
    citations: [{source: tests/test_lsp.py}]
    rationale: A rule for the test.
    remediation: Add members.
"""


async def test_saving_a_rule_pack_in_the_editor_reloads_the_rules(client: LanguageClient, tmp_path: Path):
    pack = tmp_path / "local-rules.yaml"
    pack.write_text(PACK)
    (tmp_path / ".govcheck.toml").write_text('rule-packs = ["local-rules.yaml"]\n')
    uri = open_doc(client, copy(tmp_path, REFERENCE))
    (d,) = (await published(client, uri, 1)).diagnostics
    assert (d.code, d.severity) == ("LOC100", t.DiagnosticSeverity.Warning)
    pack_uri = open_doc(client, pack)
    assert (await published(client, pack_uri, 1)).diagnostics == ()  # a rule pack is not a constitution
    pack.write_text(PACK.replace("severity: warning", "severity: error"))
    change(client, pack_uri, 2, pack.read_text())
    before = len(client.published)
    client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=ident(pack_uri)))
    (d,) = (await published(client, uri, 1, after=before)).diagnostics
    assert (d.code, d.severity) == ("LOC100", t.DiagnosticSeverity.Error)


async def test_client_settings_name_a_configuration_file(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    warning, info = tmp_path / "warning.toml", tmp_path / "info.toml"
    warning.write_text('severity = { GOV101 = "warning" }\n')
    info.write_text('severity = { GOV101 = "info" }\n')
    # pushed with the notification
    before = len(client.published)
    client.workspace_did_change_configuration(
        t.DidChangeConfigurationParams(settings={"govcheck": {"config": str(warning), "debounce": 0.05}})
    )
    (d,) = (await published(client, uri, 1, after=before)).diagnostics
    assert (d.code, d.severity) == ("GOV101", t.DiagnosticSeverity.Warning)
    # pulled from the client (workspace/configuration) when the notification carries none
    client.set_configuration({"config": str(info), "debounce": 0.05}, section="govcheck")
    before = len(client.published)
    client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings=None))
    (d,) = (await published(client, uri, 1, after=before)).diagnostics
    assert (d.code, d.severity) == ("GOV101", t.DiagnosticSeverity.Information)


async def test_yaml_files_that_are_not_constitutions_get_no_diagnostics(client: LanguageClient, tmp_path: Path):
    (tmp_path / ".govcheck.toml").write_text("fail-on = 'sometimes'\n")  # not even a bad configuration
    ci = open_doc(client, tmp_path / "ci.yml", "name: CI\non: [push]\njobs: {}\n")
    assert (await published(client, ci, 1)).diagnostics == ()
    constitution = open_doc(client, copy(tmp_path, REFERENCE))
    assert [d.code for d in (await published(client, constitution, 1)).diagnostics] == ["configuration"]
    (tmp_path / ".govcheck.toml").unlink()
    # unless it names the constitution schema: then it is one, being written
    started = open_doc(
        client,
        tmp_path / "new.yaml",
        "# yaml-language-server: $schema=constitution-v1.schema.json\nics: {name: X}\n",
    )
    codes = {d.code for d in (await published(client, started, 1)).diagnostics}
    assert "GOV005" in codes


# -- broken input ----------------------------------------------------------------------------


async def test_text_that_does_not_parse_gives_the_parse_finding_and_keeps_the_others(
    client: LanguageClient, tmp_path: Path
):
    path = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml")
    good = path.read_text()
    uri = open_doc(client, path)
    first = await published(client, uri, 1)
    (gov101,) = first.diagnostics
    broken = good.replace("ics:\n", "ics:\n  name: [unclosed\n", 1)  # one line added above the board
    change(client, uri, 2, broken)
    result = await published(client, uri, 2)
    codes = [(d.code, d.data["status"]) for d in result.diagnostics]
    assert codes == [("GOV001", "open"), ("GOV101", "stale")]
    parse, kept = result.diagnostics
    assert parse.severity == t.DiagnosticSeverity.Error
    assert parse.message.startswith("YAML syntax error")
    assert parse.range.start.line == where(broken, "  name: [unclosed").line + 1
    assert kept.range.start.line == gov101.range.start.line + 1  # moved with the text around it
    # still answering, and the document recovers
    change(client, uri, 3, good)
    assert [d.code for d in (await published(client, uri, 3)).diagnostics] == ["GOV101"]


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "- a list\n", "govcheck: 1\nboard: {members: [\n", "a: &x [*x]\n", "govcheck: 1\n" + "x:\n  " * 0 + "\t bad\n"],
)
async def test_hostile_text_never_breaks_the_server(client: LanguageClient, tmp_path: Path, text: str):
    uri = open_doc(client, tmp_path / "c.yaml", text)
    result = await published(client, uri, 1)
    assert result.diagnostics and all(d.code in ("GOV001", "GOV003", "GOV004", "GOV005") for d in result.diagnostics)
    # every request on it answers without an error response
    position = t.Position(line=0, character=0)
    ident = t.TextDocumentIdentifier(uri=uri)
    await client.text_document_hover_async(t.HoverParams(text_document=ident, position=position))
    await client.text_document_definition_async(t.DefinitionParams(text_document=ident, position=position))
    await client.text_document_completion_async(t.CompletionParams(text_document=ident, position=position))
    await client.text_document_code_action_async(
        t.CodeActionParams(
            text_document=ident,
            range=t.Range(start=position, end=position),
            context=t.CodeActionContext(diagnostics=[]),
        )
    )


async def test_a_hanging_rule_is_cut_off_by_the_rule_timeout(fresh: LanguageClient, tmp_path: Path):
    # its own server: the hung check's thread cannot be stopped and keeps running
    client = fresh
    await start(client, tmp_path)
    (tmp_path / "hang.py").write_text(
        textwrap.dedent(
            """
            import time

            from govcheck.checks.base import check
            from govcheck.hookspecs import hookimpl

            @check("local.forever")
            def forever(doc, params):
                while True:
                    time.sleep(0.01)

            @hookimpl
            def govcheck_register_checks(register):
                register(forever)

            @hookimpl
            def govcheck_register_rule_packs(register):
                register({"pack": "hang", "profile": "local", "rules": [{
                    "id": "LOC900", "slug": "hangs", "title": "Hangs", "severity": "error",
                    "check": "local.forever", "citations": [{"source": "tests/test_lsp.py"}],
                    "rationale": "Tests the time limit.", "remediation": "None."}]})
            """
        )
    )
    (tmp_path / ".govcheck.toml").write_text('plugins = ["hang.py"]\nrule-timeout = 0.5\n')
    uri = open_doc(client, copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml"))
    result = await published(client, uri, 1)
    assert sorted(d.code for d in result.diagnostics) == ["GOV101", "LOC900"]
    (hung,) = [d for d in result.diagnostics if d.code == "LOC900"]
    assert hung.severity == t.DiagnosticSeverity.Warning
    assert "within the 0.5-second rule time limit" in hung.message
    assert hung.data["status"] == "error"


# -- hover and definition --------------------------------------------------------------------


async def test_hover_on_a_finding_explains_the_rule(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml")
    uri = open_doc(client, path)
    (d,) = (await published(client, uri, 1)).diagnostics
    rule = govcheck.api._engine(None, (), True).rules["GOV101"]
    hover = await client.text_document_hover_async(t.HoverParams(text_document=ident(uri), position=d.range.start))
    text = hover.contents.value
    assert text.startswith(f"**GOV101 {rule.slug}** (error): {rule.title}")
    assert d.message in text
    assert f"**Why:** {rule.rationale}" in text
    assert f"**How to fix:** {rule.remediation}" in text
    for c in rule.citations:
        assert (f"[{c['source']}]({c['url']})" if c.get("url") else f"- {c['source']}") in text
    assert any(c.get("url") for c in rule.citations)
    assert hover.range == d.range


async def test_hover_on_a_key_describes_the_field(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, REFERENCE)
    text = path.read_text()
    uri = open_doc(client, path)
    await published(client, uri, 1)
    schema = json.loads(govcheck.engine.schema_path("constitution-v1.schema.json").read_text())
    position = where(text, "\nas_of:", 2)
    hover = await client.text_document_hover_async(t.HoverParams(text_document=ident(uri), position=position))
    description = " ".join(schema["properties"]["as_of"]["description"].split())
    required = " (required)" if "as_of" in schema.get("required", ()) else ""
    assert hover.contents.value == f"**as_of**{required}: {description}"
    assert hover.range == t.Range(start=where(text, "\nas_of:", 1), end=where(text, "\nas_of:", 6))


async def test_hover_and_definition_on_an_id_reference(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, REFERENCE)
    text = path.read_text()
    uri = open_doc(client, path)
    await published(client, uri, 1)
    ref = where(text, "organisation: pc-westmere-pcns", len("organisation: ") + 3)
    hover = await client.text_document_hover_async(t.HoverParams(text_document=ident(uri), position=ref))
    defined = where(text, "{id: pc-westmere-pcns,", len("{id: "))
    assert hover.contents.value == (
        "`pc-westmere-pcns`: one of the organisations: Westmere Primary Care Network Alliance "
        f"(kind: primary_care), defined at line {defined.line + 1}"
    )
    location = await client.text_document_definition_async(t.DefinitionParams(text_document=ident(uri), position=ref))
    assert location == t.Location(
        uri=uri,
        range=t.Range(start=defined, end=t.Position(line=defined.line, character=defined.character + len("pc-westmere-pcns"))),
    )
    # on a key, or on a value that refers to nothing, there is nowhere to go
    key = where(text, "organisation: pc-westmere-pcns", 2)
    assert await client.text_document_definition_async(t.DefinitionParams(text_document=ident(uri), position=key)) is None


async def test_hover_on_a_waiver_rule_and_definition_of_its_path(client: LanguageClient, tmp_path: Path):
    text = REFERENCE.read_text() + "waivers:\n  - rule: board-statutory-membership\n    path: /board/members/1\n    reason: Testing.\n"
    path = tmp_path / "c.yaml"
    path.write_text(text)
    uri = open_doc(client, path)
    await published(client, uri, 1)
    hover = await client.text_document_hover_async(
        t.HoverParams(text_document=ident(uri), position=where(text, "rule: board-statutory", 8))
    )
    # the unused waiver's own finding (GOV010), then the rule it names
    first, second = hover.contents.value.split("\n\n---\n\n")
    assert first.startswith("**GOV010 waiver-unused** (warning)")
    assert second.startswith("**GOV101 board-statutory-membership** (error)")
    # the rule it names: its entry in its rule pack
    declared = await client.text_document_definition_async(
        t.DefinitionParams(text_document=ident(uri), position=where(text, "rule: board-statutory", 8))
    )
    pack = Path(govcheck.api._engine(None, (), True).rules["GOV101"].source.split("#")[0])
    assert pack.parent == ROOT / "rules"
    assert declared.uri == pack.as_uri()
    pack_line = pack.read_text().splitlines()[declared.range.start.line]
    assert pack_line[declared.range.start.character : declared.range.end.character] == "GOV101"
    location = await client.text_document_definition_async(
        t.DefinitionParams(text_document=ident(uri), position=where(text, "path: /board/members/1", 8))
    )
    members = where(text, "\nboard:", 1).line
    second = [n for n, line in enumerate(text.splitlines()) if n > members and line.startswith("    - ")][1]
    assert location.range.start == t.Position(line=second, character=6)


# -- code actions ----------------------------------------------------------------------------


def apply(text: str, edits: list[t.TextEdit]) -> str:
    """Apply non-overlapping text edits (positions in characters: the test texts are ASCII)."""
    lines = text.splitlines(True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(p: t.Position) -> int:
        return offsets[min(p.line, len(lines))] + p.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


async def actions_for(client: LanguageClient, uri: str, d: t.Diagnostic) -> list[t.CodeAction]:
    return await client.text_document_code_action_async(
        t.CodeActionParams(text_document=ident(uri), range=d.range, context=t.CodeActionContext(diagnostics=[d]))
    )


async def test_code_action_adds_a_waiver_that_needs_a_reason(client: LanguageClient, tmp_path: Path):
    path = copy(tmp_path, INVALID / "GOV101-board-statutory-membership.yaml")
    text = path.read_text()
    uri = open_doc(client, path)
    (d,) = (await published(client, uri, 1)).diagnostics
    (action,) = await actions_for(client, uri, d)
    assert action.title == "Add a waiver for GOV101 at /board/members (write the reason)"
    assert action.kind == t.CodeActionKind.QuickFix
    edited = apply(text, action.edit.changes[uri])
    assert edited.endswith(
        "waivers:\n  - rule: GOV101  # board-statutory-membership\n    path: /board/members\n"
        '    reason: ""  # required: why this exception is accepted\n'
    )
    # as inserted, the waiver waives nothing: it has no reason (GOV009)
    change(client, uri, 2, edited)
    codes = sorted(d.code for d in (await published(client, uri, 2)).diagnostics)
    assert codes == ["GOV009", "GOV101"]
    # with a reason written, the finding is waived (shown as a hint, not failing)
    change(client, uri, 3, edited.replace('reason: ""', "reason: Nomination under way"))
    (waived,) = (await published(client, uri, 3)).diagnostics
    assert (waived.code, waived.severity, waived.data["status"]) == ("GOV101", t.DiagnosticSeverity.Hint, "waived")
    assert waived.message.endswith("[waived: Nomination under way]")
    assert govcheck.check_text(edited.replace('reason: ""', "reason: Nomination under way")).exit_code() == 0


async def test_code_action_adds_to_existing_waivers(client: LanguageClient, tmp_path: Path):
    text = (INVALID / "GOV101-board-statutory-membership.yaml").read_text()
    text = text.replace("\nics:", "\nwaivers:\n  - rule: GOV999\n    path: /x\n    reason: old\nics:", 1)
    path = tmp_path / "c.yaml"
    path.write_text(text)
    uri = open_doc(client, path)
    result = await published(client, uri, 1)
    (d,) = [d for d in result.diagnostics if d.code == "GOV101"]
    (action,) = await actions_for(client, uri, d)
    edited = apply(text, action.edit.changes[uri])
    assert "    reason: old\n  - rule: GOV101  # board-statutory-membership\n    path: /board/members\n" in edited


async def test_code_action_fixes_a_misspelt_key_with_one_close_match(client: LanguageClient, tmp_path: Path):
    text = REFERENCE.read_text().replace("  approved_by_nhse_on:", "  aproved_by_nhse_on:", 1)
    text = text.replace("\nics:\n  name:", "\nics:\n  nmae:", 1)
    text = text.replace("\nmetadata:\n", "\nmetadata:\n  zzz: 1\n", 1)  # close to nothing: no fix
    path = tmp_path / "c.yaml"
    path.write_text(text)
    uri = open_doc(client, path)
    result = await published(client, uri, 1)
    gov006 = {d.data["path"]: d for d in result.diagnostics if d.code == "GOV006"}
    assert sorted(gov006) == ["/ics/nmae", "/metadata/aproved_by_nhse_on", "/metadata/zzz"]
    fixes = {}
    for key, d in gov006.items():
        fixes[key] = [a for a in await actions_for(client, uri, d) if a.is_preferred]
    assert fixes["/metadata/zzz"] == []
    (fix,) = fixes["/metadata/aproved_by_nhse_on"]
    assert fix.title == "Change 'aproved_by_nhse_on' to 'approved_by_nhse_on'"
    (fix2,) = fixes["/ics/nmae"]
    edited = apply(apply(text, fix.edit.changes[uri]), fix2.edit.changes[uri])
    assert edited == REFERENCE.read_text().replace("\nmetadata:\n", "\nmetadata:\n  zzz: 1\n", 1)


# -- completion ------------------------------------------------------------------------------


async def complete(client: LanguageClient, uri: str, position: t.Position) -> list[t.CompletionItem]:
    result = await client.text_document_completion_async(t.CompletionParams(text_document=ident(uri), position=position))
    return [] if result is None else list(result.items)


async def test_completion_of_keys_from_the_schema_while_the_text_does_not_parse(client: LanguageClient, tmp_path: Path):
    schema = json.loads(govcheck.engine.schema_path("constitution-v1.schema.json").read_text())
    good = REFERENCE.read_text()
    uri = open_doc(client, tmp_path / "c.yaml", good)
    await published(client, uri, 1)
    typing = good.replace("\nics:\n", "\nma\nics:\n", 1)  # not YAML any more
    change(client, uri, 2, typing)
    items = await complete(client, uri, where(typing, "\nma\n", len("\nma")))
    present = set(yaml.safe_load(good))
    assert "mandate" not in present
    assert {i.label for i in items} == set(schema["properties"]) - present
    mandate = next(i for i in items if i.label == "mandate")
    assert mandate.insert_text == "mandate: "
    assert mandate.kind == t.CompletionItemKind.Property
    assert mandate.detail == ("required" if "mandate" in schema["required"] else "optional")
    # inside a mapping of a list item: the item's keys not yet written
    typing = good.replace("  - id: ft-wessex-hospitals\n", "  - id: ft-wessex-hospitals\n    tie\n", 1)
    change(client, uri, 3, typing)
    items = await complete(client, uri, where(typing, "\n    tie\n", len("\n    tie")))
    organisation = schema["properties"]["organisations"]["items"]["properties"]
    written = set(next(o for o in yaml.safe_load(good)["organisations"] if o["id"] == "ft-wessex-hospitals"))
    assert {i.label for i in items} == set(organisation) - written
    assert "tier" in {i.label for i in items}

async def test_completion_of_ids_in_a_reference(client: LanguageClient, tmp_path: Path):
    good = REFERENCE.read_text()
    uri = open_doc(client, tmp_path / "c.yaml", good)
    await published(client, uri, 1)
    typing = good.replace("{type: local_authority, organisation: la-westmere}", "{type: local_authority, organisation: la-", 1)
    change(client, uri, 2, typing)
    position = where(typing, "organisation: la-\n", len("organisation: la-"))
    items = await complete(client, uri, position)
    labels = {i.label for i in items}
    ids = {"la-westmere", "la-downsvale", "pc-westmere-pcns", "place-westmere", "m-cno"}
    assert ids <= labels
    westmere = next(i for i in items if i.label == "la-westmere")
    assert (westmere.kind, westmere.detail) == (t.CompletionItemKind.Reference, "organisations")
    assert westmere.documentation == "Westmere County Council (kind: local_authority; tier: upper)"
    # every id the document defines, once each
    data = yaml.safe_load(good)
    defined = {o["id"] for o in data["organisations"]} | {p["id"] for p in data["places"]}
    assert defined <= labels and len(labels) == len(items)
    # organisations first: the field is "organisation"
    ranked = sorted(items, key=lambda i: i.sort_text)
    first = [i.detail for i in ranked[: len(data["organisations"])]]
    assert first == ["organisations"] * len(data["organisations"])
    # a value with a fixed set of choices completes to them
    typing = good.replace("kind: local_authority, tier: upper", "kind: local_auth", 1)
    change(client, uri, 3, typing)
    items = await complete(client, uri, where(typing, "kind: local_auth", len("kind: local_auth")))
    schema = json.loads(govcheck.engine.schema_path("constitution-v1.schema.json").read_text())
    kinds = schema["properties"]["organisations"]["items"]["properties"]["kind"]["enum"]
    assert [i.label for i in items] == kinds
