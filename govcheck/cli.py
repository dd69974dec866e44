"""The command line (typer). A thin layer over the engine; heavy modules load lazily."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from govcheck import __version__
from govcheck.errors import GovcheckError

if TYPE_CHECKING:
    from govcheck.plugins import Registry
    from govcheck.rules import Rule

app = typer.Typer(
    name="govcheck",
    help="Check a proposed ICS constitution (YAML) against pluggable compliance rules.",
    rich_markup_mode=None,  # plain help: rich costs ~140 ms of start-up
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)
rules_app = typer.Typer(help="List the rules, or show one.", rich_markup_mode=None, invoke_without_command=True)
app.add_typer(rules_app, name="rules")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"govcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer needs Optional on older Pythons
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """govcheck: compliance checks for Integrated Care Board constitutions."""


def _fail(message: str) -> None:
    typer.echo(f"govcheck: error: {message}", err=True)
    raise typer.Exit(2)


def _registry(plugins: list[str], no_plugins: bool, rule_packs: Sequence[Path] = ()):
    from govcheck.plugins import load_registry

    return load_registry(plugins, rule_packs=rule_packs, entry_points=not no_plugins)


RULE_PACK_HELP = "Load a YAML rule pack (registered as plugin local:FILE); repeatable."


def _parse_formats(formats: list[str], output: Path | None) -> list[tuple[str, Path | None]]:
    specs: list[tuple[str, Path | None]] = []
    for spec in formats or ["text"]:
        name, _, dest = spec.partition(":")
        specs.append((name, Path(dest) if dest else None))
    to_stdout = [i for i, (_, dest) in enumerate(specs) if dest is None]
    if output is not None and to_stdout:
        name = specs[to_stdout[0]][0]
        specs[to_stdout[0]] = (name, output)
        to_stdout = to_stdout[1:]
    if len(to_stdout) > 1:
        _fail("only one --format can go to standard output; give the others a file (--format sarif:out.sarif)")
    return specs


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Constitution files or directories.", show_default=False)],
    format: Annotated[
        list[str],
        typer.Option("--format", "-f", help="Report format, optionally NAME:FILE; repeatable.", show_default=False),
    ] = [],  # noqa: B006 - typer reads the default
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE (atomically).")] = None,  # noqa: UP045
    profile: Annotated[
        list[str], typer.Option("--profile", "-p", help="Profile(s) to run (default: statutory, nhse-policy).")
    ] = [],  # noqa: B006
    select: Annotated[list[str], typer.Option("--select", help="Only these rules (id, slug or id prefix).")] = [],  # noqa: B006
    ignore: Annotated[list[str], typer.Option("--ignore", help="Skip these rules (id, slug or id prefix).")] = [],  # noqa: B006
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="Lowest severity that fails the run: error, warning, info, never.")
    ] = "warning",
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", help="Judge dates at YYYY-MM-DD (default: the document's as_of).")  # noqa: UP045
    ] = None,
    plugin: Annotated[list[str], typer.Option("--plugin", help="Load a local plugin (module or .py file).")] = [],  # noqa: B006
    no_plugins: Annotated[bool, typer.Option("--no-plugins", help="Built-in rules only; no installed plugins.")] = False,
    rule_pack: Annotated[list[Path], typer.Option("--rule-pack", help=RULE_PACK_HELP)] = [],  # noqa: B006
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing; the exit code tells.")] = False,
) -> None:
    """Check constitution files and report every finding. Exit 0 compliant, 1 findings, 2 errors."""
    from govcheck.engine import Engine, Settings, expand_paths
    from govcheck.fileio import write_atomic
    from govcheck.rules import DEFAULT_PROFILES

    if fail_on not in ("error", "warning", "info", "never"):
        _fail(f"--fail-on must be error, warning, info or never, not {fail_on!r}")
    date = None
    if as_of is not None:
        try:
            date = dt.date.fromisoformat(as_of)
        except ValueError:
            _fail(f"--as-of must be a date YYYY-MM-DD, not {as_of!r}")
    specs = _parse_formats(format, output)
    try:
        registry = _registry(plugin, no_plugins, rule_pack)
        for name, _ in specs:
            if name not in registry.reporters:
                _fail(f"unknown format {name!r}; known: {', '.join(sorted(registry.reporters))}")
        settings = Settings(
            profiles=tuple(profile) or DEFAULT_PROFILES,
            select=tuple(select),
            ignore=tuple(ignore),
            fail_on=fail_on,
            as_of=date,
        )
        keep = any(registry.reporters[name].needs_documents for name, _ in specs)
        engine = Engine(registry, settings, keep_documents=keep)
        registry.configure({**settings.to_dict(), "plugin-settings": {}})
        missing = [p for p in paths if not p.exists()]
        if missing:
            _fail(f"no such file or directory: {missing[0]}")
        files = list(expand_paths(paths))
        report = engine.report([engine.check_path(p) for p in files])
        for name, dest in specs:
            text = registry.reporters[name].render(report)
            if dest is not None:
                try:
                    write_atomic(dest, text)
                except OSError as exc:
                    _fail(f"cannot write the {name} report to {dest}: {exc.strerror or exc}")
            elif not quiet:
                sys.stdout.write(text)
    except GovcheckError as exc:
        _fail(str(exc))
    raise typer.Exit(report.exit_code())


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, or markdown (the rule reference, docs/rules.md).")
    ] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE (atomically).")] = None,  # noqa: UP045
    fixtures: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--fixtures", help="markdown: directory of failing fixtures (default: fixtures/invalid)."),
    ] = None,
    plugin: Annotated[list[str], typer.Option("--plugin", help="Load a local plugin.")] = [],  # noqa: B006
    no_plugins: Annotated[bool, typer.Option("--no-plugins")] = False,
    rule_pack: Annotated[list[Path], typer.Option("--rule-pack", help=RULE_PACK_HELP)] = [],  # noqa: B006
) -> None:
    """List every rule: id, severity, profile, slug and title."""
    if ctx.invoked_subcommand is not None:
        return
    if format not in ("text", "json", "markdown"):
        _fail(f"--format must be text, json or markdown, not {format!r}")
    if fixtures is not None and not fixtures.is_dir():
        _fail(f"--fixtures: no such directory: {fixtures}")
    try:
        registry = _registry(plugin, no_plugins, rule_pack)
    except GovcheckError as exc:
        _fail(str(exc))
    rules = sorted(registry.rules.values(), key=lambda r: r.id)
    if format == "markdown" or output is not None:
        from govcheck.fileio import write_atomic

        text = _rules_text(registry, rules, format, fixtures)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
        return
    if format == "json":
        typer.echo(json.dumps([r.to_dict() for r in rules], indent=2, sort_keys=True))
        return
    for r in rules:
        typer.echo(f"{r.id:<8} {r.severity:<8} {r.profile:<22} {r.slug:<40} {r.title}")


def _rules_text(registry: Registry, rules: list[Rule], format: str, fixtures: Path | None) -> str:
    if format == "markdown":
        from govcheck import docgen

        try:
            return docgen.markdown(registry, fixtures)
        except GovcheckError as exc:
            _fail(str(exc))
    if format == "json":
        return json.dumps([r.to_dict() for r in rules], indent=2, sort_keys=True) + "\n"
    return "".join(f"{r.id:<8} {r.severity:<8} {r.profile:<22} {r.slug:<40} {r.title}\n" for r in rules)


@rules_app.command("show")
def rules_show(
    rule: Annotated[str, typer.Argument(help="Rule id or slug.")],
    plugin: Annotated[list[str], typer.Option("--plugin", help="Load a local plugin.")] = [],  # noqa: B006
    no_plugins: Annotated[bool, typer.Option("--no-plugins")] = False,
    rule_pack: Annotated[list[Path], typer.Option("--rule-pack", help=RULE_PACK_HELP)] = [],  # noqa: B006
) -> None:
    """Show one rule: what it checks, where it comes from, and how to comply."""
    try:
        registry = _registry(plugin, no_plugins, rule_pack)
    except GovcheckError as exc:
        _fail(str(exc))
    found = registry.rule(rule)
    if found is None:
        _fail(f"no rule {rule!r}; `govcheck rules` lists them")
    assert found is not None
    lines = [
        f"{found.id} {found.slug}: {found.title}",
        f"severity: {found.severity}    profile: {found.profile}    check: {found.check}    plugin: {found.plugin}",
        "",
        "why:",
        f"  {found.rationale}",
        "",
        "how to comply:",
        f"  {found.remediation}",
        "",
        "sources:",
        *(f"  - {c['source']}" + ("" if c.get("verified", True) else " [unverified]") for c in found.citations),
    ]
    if found.severity_reason:
        lines += ["", "why this severity:", f"  {found.severity_reason}"]
    if found.params:
        lines += ["", "parameters:", *(f"  {k}: {json.dumps(v)}" for k, v in sorted(found.params.items()))]
    typer.echo("\n".join(lines))


@app.command()
def schema(
    report: Annotated[bool, typer.Option("--report", help="Print the JSON report schema instead.")] = False,
) -> None:
    """Print the JSON Schema of constitution format v1 (or of the JSON report)."""
    from govcheck.engine import schema_path

    name = "report-v1.schema.json" if report else "constitution-v1.schema.json"
    sys.stdout.write(schema_path(name).read_text())


@app.command()
def plugins(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    plugin: Annotated[list[str], typer.Option("--plugin", help="Load a local plugin.")] = [],  # noqa: B006
    no_plugins: Annotated[bool, typer.Option("--no-plugins")] = False,
    rule_pack: Annotated[list[Path], typer.Option("--rule-pack", help=RULE_PACK_HELP)] = [],  # noqa: B006
    hook: Annotated[Optional[str], typer.Option("--hook", help="Only plugins implementing this hook.")] = None,  # noqa: UP045
) -> None:
    """List loaded plugins: distribution, version, hooks, checks, rules and formats."""
    if format not in ("text", "json"):
        _fail(f"--format must be text or json, not {format!r}")
    try:
        registry = _registry(plugin, no_plugins, rule_pack)
    except GovcheckError as exc:
        _fail(str(exc))
    infos = [p.to_dict() for p in registry.plugins]
    if hook is not None:
        from govcheck.hookdocs import hook_names

        if hook not in hook_names():
            _fail(f"no hook {hook!r}; hooks: {', '.join(sorted(hook_names()))}")
        infos = [p for p in infos if hook in p["hooks"]]
    if format == "json":
        typer.echo(json.dumps(infos, indent=2, sort_keys=True))
        return
    for p in infos:
        origin = f"{p['distribution']} {p['version']}" if p["version"] else p["distribution"].strip("()")
        typer.echo(f"{p['name']} ({origin})")
        typer.echo(f"  hooks: {', '.join(p['hooks']) or '-'}")
        for key, label in (("checks", "checks"), ("rules", "rules"), ("reporters", "formats")):
            if p[key]:
                typer.echo(f"  {label}: {', '.join(p[key])}")


def run() -> None:
    """Run the app; a GovcheckError anywhere becomes a message and exit code 2."""
    try:
        app()
    except GovcheckError as exc:  # pragma: no cover - commands catch their own
        typer.echo(f"govcheck: error: {exc}", err=True)
        raise SystemExit(2) from None
