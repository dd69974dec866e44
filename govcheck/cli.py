"""The command line (typer). A thin layer over the engine; heavy modules load lazily.

No ``from __future__ import annotations`` here: typer reads these annotations on every
run, and as strings it would ``eval()`` each one (~10 ms, see docs/performance.md).
"""

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from govcheck import __version__
from govcheck.errors import GovcheckError

if TYPE_CHECKING:  # pragma: no cover - quote these in annotations (no __future__ import here)
    from govcheck.plugins import Registry
    from govcheck.report import Report
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
    from govcheck.textsafe import shown

    typer.echo(f"govcheck: error: {shown(message)}", err=True)
    raise typer.Exit(2)


def _registry(plugins: list[str], no_plugins: bool, rule_packs: Sequence[Path] = ()):
    """The registry, with the plugins and rule packs of the working directory's configuration
    and of the command line."""
    from govcheck.config import extensions, local_path
    from govcheck.plugins import load_registry

    plugins, packs = extensions(plugins, no_plugins=no_plugins)
    packs += [p for p in (local_path(str(p)) for p in rule_packs) if p not in packs]
    return load_registry(plugins, entry_points=not no_plugins, rule_packs=packs)


RULE_PACK_HELP = "Load a YAML rule pack (registered as plugin local:FILE); repeatable."
RulePackOpt = Annotated[list[Path], typer.Option("--rule-pack", help=RULE_PACK_HELP)]


def _parse_formats(formats: list[str], output: Path | None) -> list[tuple[str, Path | None]]:
    from govcheck.fileio import is_stdout

    specs: list[tuple[str, Path | None]] = []
    for spec in formats or ["text"]:
        name, _, dest = spec.partition(":")
        specs.append((name, Path(dest) if dest and not is_stdout(dest) else None))
    to_stdout = [i for i, (_, dest) in enumerate(specs) if dest is None]
    if is_stdout(output):
        output = None  # -o - and -o /dev/stdout: standard output
    if output is not None and to_stdout:
        name = specs[to_stdout[0]][0]
        specs[to_stdout[0]] = (name, output)
        to_stdout = to_stdout[1:]
    if len(to_stdout) > 1:
        _fail("only one --format can go to standard output; give the others a file (--format sarif:out.sarif)")
    return specs


# Options shared by check, config and baseline (declared once; see docs/configuration.md).
ConfigOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Use this configuration file; no search upward."),
]
ExitZeroOpt = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the run.")
]
NoWaiversOpt = Annotated[
    bool, typer.Option("--no-waivers", help="Ignore the documents' waivers (for audits).")
]
BaselineOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--baseline", help="Fail only on findings not in this baseline file."),
]
ProfileOpt = Annotated[list[str], typer.Option("--profile", "-p", help="Profile(s) to run.")]
SelectOpt = Annotated[list[str], typer.Option("--select", help="Only these rules.")]
IgnoreOpt = Annotated[list[str], typer.Option("--ignore", help="Skip these rules.")]
FailOnOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--fail-on", help="error, warning, info or never."),
]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="YYYY-MM-DD.")]  # noqa: UP045
PluginOpt = Annotated[list[str], typer.Option("--plugin", help="Load a local plugin.")]


def _cli_layer(
    profile: list[str],
    select: list[str],
    ignore: list[str],
    fail_on: str | None,
    as_of: str | None,
    plugin: list[str],
    exit_zero: bool = False,
    no_waivers: bool = False,
    baseline: Path | None = None,
    rule_packs: list[Path] | None = None,
) -> dict[str, object]:
    """The options given on the command line, as a configuration layer (kebab-case keys)."""
    import os

    from govcheck.config import local_path

    layer: dict[str, object] = {"profiles": profile, "select": select, "ignore": ignore}
    layer["plugins"] = [local_path(p, module_ok=True) for p in plugin]
    layer["rule-packs"] = [local_path(str(p)) for p in rule_packs or ()]
    if fail_on is not None:
        if fail_on not in ("error", "warning", "info", "never"):
            _fail(f"--fail-on must be error, warning, info or never, not {fail_on!r}")
        layer["fail-on"] = fail_on
    if as_of is not None:
        try:
            layer["as-of"] = dt.date.fromisoformat(as_of)
        except ValueError:
            _fail(f"--as-of must be a date YYYY-MM-DD, not {as_of!r}")
    if exit_zero:
        layer["exit-zero"] = True
    if no_waivers:
        layer["no-waivers"] = True
    if baseline is not None:
        layer["baseline"] = os.path.abspath(baseline)
    return layer


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
        Optional[str],  # noqa: UP045
        typer.Option(
            "--fail-on",
            help="Lowest severity that fails: error, warning, info, never [default: warning].",
        ),
    ] = None,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", help="Judge dates at YYYY-MM-DD (default: the document's as_of).")  # noqa: UP045
    ] = None,
    plugin: Annotated[list[str], typer.Option("--plugin", help="Load a local plugin (module or .py file).")] = [],  # noqa: B006
    no_plugins: Annotated[bool, typer.Option("--no-plugins", help="Built-in rules only; no installed plugins.")] = False,
    rule_pack: RulePackOpt = [],  # noqa: B006
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing; the exit code tells.")] = False,
    config: ConfigOpt = None,
    exit_zero: ExitZeroOpt = False,
    no_waivers: NoWaiversOpt = False,
    baseline: BaselineOpt = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core, fewer for small batches).",
                     show_default=False),
    ] = None,
    max_bytes: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--max-bytes", min=1, help="Largest document to load, in bytes (default 33554432)."),
    ] = None,
    rule_timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--rule-timeout", min=0, help="Seconds one rule may run on one document (0: no limit)."),
    ] = None,
) -> None:
    """Check constitution files and report every finding. Exit 0 compliant, 1 findings, 2 errors."""
    from govcheck.engine import expand_paths
    from govcheck.fileio import write_output, write_stdout
    from govcheck.runner import run as run_check

    cli = _cli_layer(
        profile, select, ignore, fail_on, as_of, plugin, exit_zero, no_waivers, baseline, rule_pack
    )
    from govcheck.config import check_command_line

    try:
        if max_bytes is not None:
            cli["max-bytes"] = check_command_line("max-bytes", max_bytes)
        if rule_timeout is not None:
            cli["rule-timeout"] = check_command_line("rule-timeout", rule_timeout)
    except GovcheckError as exc:
        _fail(str(exc))
    specs = _parse_formats(format, output)
    try:
        missing = [p for p in paths if not p.exists()]
        if missing:
            _fail(f"no such file or directory: {missing[0]}")
        if next(iter(expand_paths(paths)), None) is None:
            _fail(f"no constitution files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
        formats = [name for name, _ in specs]
        from govcheck.capture import stdout_captured

        with stdout_captured() as printed:  # a plugin's print() must not corrupt the report
            result = run_check(
                paths, cli, config_file=config, no_plugins=no_plugins, formats=formats,
                jobs=jobs, progress=not quiet and sys.stderr.isatty(),
            )
        if printed.warning():
            typer.echo(printed.warning(), err=True)
        report = result.report
        registry = result.registry
        # Render every format before writing any, so a failing reporter leaves no file changed.
        rendered = [(name, dest, _render(registry, name, report)) for name, dest in specs]
        for name, dest, text in rendered:
            if dest is not None:
                try:
                    write_output(dest, text)
                except OSError as exc:
                    _fail(f"cannot write the {name} report to {dest}: {exc.strerror or exc}")
            elif not quiet:
                try:
                    write_stdout(text)
                except OSError as exc:
                    _fail(f"cannot write the {name} report to standard output: {exc.strerror or exc}")
    except GovcheckError as exc:
        _fail(str(exc))
    raise typer.Exit(result.exit_code)


def _render(registry: "Registry", name: str, report: "Report") -> str:
    """Render one format; a reporter plugin that fails is a plugin error (exit 2)."""
    plugin = next((p.name for p in registry.plugins if name in p.reporters), "?")
    try:
        text = registry.reporters[name].render(report)
    except Exception as exc:
        _fail(f"report format {name!r} (plugin {plugin!r}) failed: {type(exc).__name__}: {exc}")
    if not isinstance(text, str):
        _fail(f"report format {name!r} (plugin {plugin!r}) returned {type(text).__name__}, not text")
    return text


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
    rule_pack: RulePackOpt = [],  # noqa: B006
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
        from govcheck.fileio import write_output

        text = _rules_text(registry, rules, format, fixtures)
        try:
            write_output(output or "-", text)
        except OSError as exc:
            _fail(f"cannot write {output or 'standard output'}: {exc.strerror or exc}")
        return
    if format == "json":
        typer.echo(json.dumps([r.to_dict() for r in rules], indent=2, sort_keys=True))
        return
    for r in rules:
        typer.echo(f"{r.id:<8} {r.severity:<8} {r.profile:<22} {r.slug:<40} {r.title}")


def _rules_text(registry: "Registry", rules: "list[Rule]", format: str, fixtures: Path | None) -> str:
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
    rule_pack: RulePackOpt = [],  # noqa: B006
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
    rule_pack: RulePackOpt = [],  # noqa: B006
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


@app.command("config")
def show_config(
    path: Annotated[
        Path, typer.Argument(help="A document or directory whose configuration to show.")
    ] = Path("."),
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    config: ConfigOpt = None,
    profile: ProfileOpt = [],  # noqa: B006
    select: SelectOpt = [],  # noqa: B006
    ignore: IgnoreOpt = [],  # noqa: B006
    fail_on: FailOnOpt = None,
    as_of: AsOfOpt = None,
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: Annotated[bool, typer.Option("--no-plugins")] = False,
    exit_zero: ExitZeroOpt = False,
    no_waivers: NoWaiversOpt = False,
    baseline: BaselineOpt = None,
) -> None:
    """Print the effective configuration for PATH and where each value came from.

    The configuration is also checked (rule names, parameters, plugins): exit 2 when it is bad.
    """
    from govcheck.config import Finder, render_text, resolve
    from govcheck.runner import Group, Registries, engine_for

    if format not in ("text", "json"):
        _fail(f"--format must be text or json, not {format!r}")
    cli = _cli_layer(
        profile, select, ignore, fail_on, as_of, plugin, exit_zero, no_waivers, baseline
    )
    try:
        finder = Finder(config)
        found = finder.for_path(path)
        effective = resolve(found, cli, path if path.is_file() else None)
        engine_for(Group(effective, []), Registries(no_plugins, config))
    except GovcheckError as exc:
        _fail(str(exc))
    if format == "json":
        data = {
            "config_file": str(found.path) if found else None,
            "overrides_applied": effective.overrides,
            "options": effective.to_dict(),
        }
        typer.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    sys.stdout.write(render_text(effective))


@app.command("baseline")
def write_baseline(
    paths: Annotated[
        list[Path], typer.Argument(help="Constitution files or directories.", show_default=False)
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="File to write [default: the configured baseline, else govcheck-baseline.json].",
        ),
    ] = None,
    config: ConfigOpt = None,
    profile: ProfileOpt = [],  # noqa: B006
    select: SelectOpt = [],  # noqa: B006
    ignore: IgnoreOpt = [],  # noqa: B006
    as_of: AsOfOpt = None,
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: Annotated[bool, typer.Option("--no-plugins")] = False,
    no_waivers: NoWaiversOpt = False,
) -> None:
    """Record every open finding in a baseline file (written atomically; replaces the file).

    `govcheck check --baseline FILE` (or `baseline = "FILE"` in configuration) then fails only
    on findings that are not in it. Rerun this to update the baseline.
    """
    import os

    from govcheck import baseline as baselines
    from govcheck.engine import expand_paths
    from govcheck.fileio import is_stdout, write_output
    from govcheck.runner import plan
    from govcheck.runner import run as run_check

    cli = _cli_layer(profile, select, ignore, None, as_of, plugin, False, no_waivers, None)
    try:
        if not list(expand_paths(paths)):
            _fail(f"no documents found in {', '.join(str(p) for p in paths)}")
        if output is None:
            configured = {g.effective.values["baseline"] for g in plan(paths, cli, config)}
            if len(configured) > 1:
                _fail("the documents' configurations name different baselines; give --output")
            output = Path(configured.pop() or "govcheck-baseline.json")
        target = os.path.abspath(output)
        result = run_check(
            paths, cli, config_file=config, no_plugins=no_plugins, use_baseline=False,
            baseline_out=target,
        )
        documents = result.report.documents
        errored = [f"{d.file}: {o.rule}" for d in documents for o in d.outcomes if o.status == "error"]
        if errored:
            _fail(f"not written: a rule could not be evaluated ({'; '.join(errored)}); see govcheck check")
        write_output(output if is_stdout(output) else target, baselines.render(result.report.findings))
    except GovcheckError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    count = len(result.report.open_findings)
    documents = len(result.report.documents)
    typer.echo(f"wrote {count} finding(s) from {documents} document(s) to {output}", err=is_stdout(output))


def run() -> None:
    """Run the app; a GovcheckError anywhere becomes a message and exit code 2; SIGTERM and
    SIGHUP stop the run cleanly with exit 128 + n (govcheck.signals)."""
    from govcheck.signals import install

    install()
    try:
        app()
    except GovcheckError as exc:  # pragma: no cover - commands catch their own
        from govcheck.textsafe import shown

        typer.echo(f"govcheck: error: {shown(str(exc))}", err=True)
        raise SystemExit(2) from None
    except MemoryError:
        # The loader's bounds keep documents well under this; a tight ulimit may not.
        sys.stderr.write("govcheck: error: out of memory (is a memory limit set for this process?)\n")
        raise SystemExit(2) from None
