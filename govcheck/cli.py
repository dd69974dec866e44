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

from govcheck import __version__, check_command, options
from govcheck.check_command import cli_layer, fail, parse_formats
from govcheck.errors import GovcheckError

if TYPE_CHECKING:  # pragma: no cover - quote these in annotations (no __future__ import here)
    from govcheck.plugins import Registry
    from govcheck.rules import Rule

app = typer.Typer(
    name="govcheck",
    help="Check a proposed ICS constitution (YAML) against pluggable compliance rules.",
    rich_markup_mode=None,  # plain help: rich costs ~140 ms of start-up
    pretty_exceptions_enable=False,
    # typer's public --install-completion and --show-completion SHELL (also `govcheck
    # completion SHELL`); the shell is detected only when one of them is given without a name
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(
    help="List the rules, or show one.", rich_markup_mode=None, invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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


def _registry(plugins: list[str], no_plugins: bool, rule_packs: Sequence[str] = ()) -> "Registry":
    """The registry, with the plugins and rule packs of the working directory's configuration
    and of the command line."""
    from govcheck.config import extensions, local_path
    from govcheck.plugins import load_registry

    plugins, packs = extensions(plugins, no_plugins=no_plugins)
    packs += [p for p in (local_path(str(p)) for p in rule_packs) if p not in packs]
    return load_registry(plugins, entry_points=not no_plugins, rule_packs=packs)


def _flag(name: str) -> typer.models.OptionInfo:
    """The flag of a configuration option: its names and help are declared once, in
    govcheck.options, and so is the check of its value (:func:`cli_layer`)."""
    opt = options.BY_NAME[name]
    default = opt.default
    shown = ", ".join(default) if isinstance(default, tuple) else f"{default:g}" if isinstance(default, float) else default
    extra = f" [default: {shown}]" if shown not in (None, "", False) and opt.kind != "bool" else ""
    declared: typer.models.OptionInfo = typer.Option(
        *opt.flags, help=opt.help + extra, metavar=opt.metavar or None, show_default=False
    )
    return declared


def _switch(name: str) -> typer.models.OptionInfo:
    """A flag of ``check`` that takes no value, declared in govcheck.check_command (which
    reads such flags itself when a run needs nothing else, without typer)."""
    switch = check_command.SWITCH[name]
    declared: typer.models.OptionInfo = typer.Option(*switch.flags, help=switch.help)
    return declared


ProfileOpt = Annotated[list[str], _flag("profiles")]
SelectOpt = Annotated[list[str], _flag("select")]
IgnoreOpt = Annotated[list[str], _flag("ignore")]
FailOnOpt = Annotated[Optional[str], _flag("fail-on")]  # noqa: UP045 - typer needs Optional on older Pythons
ExitZeroOpt = Annotated[bool, _flag("exit-zero")]
AsOfOpt = Annotated[Optional[str], _flag("as-of")]  # noqa: UP045
MaxBytesOpt = Annotated[Optional[str], _flag("max-bytes")]  # noqa: UP045
RuleTimeoutOpt = Annotated[Optional[str], _flag("rule-timeout")]  # noqa: UP045
NoWaiversOpt = Annotated[bool, _flag("no-waivers")]
BaselineOpt = Annotated[Optional[str], _flag("baseline")]  # noqa: UP045
PluginOpt = Annotated[list[str], _flag("plugins")]
RulePackOpt = Annotated[list[str], _flag("rule-packs")]
LawOpt = Annotated[Optional[str], _flag("law")]  # noqa: UP045
ExcludeOpt = Annotated[list[str], _flag("exclude")]
ConfigOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Use this configuration file; no search upward."),
]
NoPluginsOpt = Annotated[bool, _switch("no_plugins")]
QuietOpt = Annotated[bool, _switch("quiet")]


@app.command()
def check(
    # text, not Path: Path("") is ".", and an empty argument (an unset variable) must not check the folder
    paths: Annotated[list[str], typer.Argument(help="Constitution files or directories.", show_default=False)],
    format: Annotated[
        list[str],
        typer.Option(*check_command.FORMAT_FLAGS, help=check_command.FORMAT_HELP, show_default=False),
    ] = [],  # noqa: B006 - typer reads the default
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to FILE (atomically).")] = None,  # noqa: UP045
    profile: ProfileOpt = [],  # noqa: B006 - typer reads the default
    select: SelectOpt = [],  # noqa: B006
    ignore: IgnoreOpt = [],  # noqa: B006
    fail_on: FailOnOpt = None,
    as_of: AsOfOpt = None,
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: NoPluginsOpt = False,
    rule_pack: RulePackOpt = [],  # noqa: B006
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
    exit_zero: ExitZeroOpt = False,
    no_waivers: NoWaiversOpt = False,
    baseline: BaselineOpt = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core, fewer for small batches).",
                     show_default=False),
    ] = None,
    max_bytes: MaxBytesOpt = None,
    rule_timeout: RuleTimeoutOpt = None,
    law: LawOpt = None,
    debug: Annotated[bool, _switch("debug")] = False,
    exclude: ExcludeOpt = [],  # noqa: B006
    verbose: Annotated[bool, _switch("verbose")] = False,
    full: Annotated[bool, _switch("full")] = False,
    sarif_root: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--sarif-root", help="sarif: make paths relative to DIR [default: the git top level]."),
    ] = None,
    stdin_filename: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--stdin-filename", help="With '-': the name of the document read from standard input."),
    ] = None,
    skip_other_yaml: Annotated[bool, _switch("skip_other_yaml")] = False,
) -> None:
    """Check constitution files and report every finding. Exit 0 compliant, 1 findings, 2 errors."""
    raise typer.Exit(check_command.check(**locals()).code)


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
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: NoPluginsOpt = False,
    rule_pack: RulePackOpt = [],  # noqa: B006
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Only the rules in force on YYYY-MM-DD (with the configured commencements)."),
    ] = None,
    law: LawOpt = None,
) -> None:
    """List every rule: id, severity, profile, slug and title."""
    import os

    if ctx.invoked_subcommand is not None:
        return
    if format not in ("text", "json", "markdown"):
        fail(f"--format must be text, json or markdown, not {format!r}")
    if fixtures is not None and not os.path.isdir(fixtures):  # os.path: a name too long is no folder
        fail(f"--fixtures: no such directory: {fixtures}")
    try:
        registry = _registry(plugin, no_plugins, rule_pack)
    except GovcheckError as exc:
        fail(str(exc))
    rules = sorted(registry.rules.values(), key=lambda r: r.id)
    if as_of is not None or law is not None:
        from govcheck import laws

        given = cli_layer(as_of=as_of, law=law)  # checked as check's --as-of and --law are
        ctx_law = laws.context(given.get("as-of"), given.get("law"), _commencement())
        rules = [r for r in rules if not laws.not_in_force(r, ctx_law)]
        if format == "text" and output is None:
            typer.echo(f"# rules in force under {ctx_law.describe()}")
    if format == "markdown" or output is not None:
        from govcheck.fileio import write_output

        text = _rules_text(registry, rules, format, fixtures)
        try:
            write_output(output or "-", text)
        except OSError as exc:
            fail(f"cannot write {output or 'standard output'}: {exc.strerror or exc}")
        return
    if format == "json":
        typer.echo(json.dumps([r.to_dict() for r in rules], indent=2, sort_keys=True))
        return
    for r in rules:
        typer.echo(f"{r.id:<8} {r.severity:<8} {r.profile:<22} {r.slug:<40} {r.title}")


def _commencement() -> dict[str, dt.date]:
    """Commencement dates from the working directory's configuration (for ``rules``)."""
    from govcheck.config import Finder

    try:
        found = Finder().for_dir(Path.cwd())
    except GovcheckError as exc:
        fail(str(exc))
    return dict(found.values.get("commencement", {})) if found else {}


def _rules_text(registry: "Registry", rules: "list[Rule]", format: str, fixtures: Path | None) -> str:
    if format == "markdown":
        from govcheck import docgen

        try:
            return docgen.markdown(registry, fixtures)
        except GovcheckError as exc:
            fail(str(exc))
    if format == "json":
        return json.dumps([r.to_dict() for r in rules], indent=2, sort_keys=True) + "\n"
    return "".join(f"{r.id:<8} {r.severity:<8} {r.profile:<22} {r.slug:<40} {r.title}\n" for r in rules)


@rules_app.command("show")
def rules_show(
    rule: Annotated[str, typer.Argument(help="Rule id or slug.")],
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: NoPluginsOpt = False,
    rule_pack: RulePackOpt = [],  # noqa: B006
    config: ConfigOpt = None,
) -> None:
    """Show one rule: what it checks, where it comes from, how to comply, and its parameters
    and severity as configured for the working directory."""
    import os

    from govcheck.engine import Engine
    from govcheck.reporters import citations
    from govcheck.rules import shown_fix
    from govcheck.runner import plan

    try:
        registry = _registry(plugin, no_plugins, rule_pack)
        found = registry.rule(rule)
        if found is None:
            fail(f"no rule {rule!r}; `govcheck rules` lists them")
        assert found is not None
        group = plan([], {}, config)[0]
        configured = Engine(registry, group.effective.settings(os.getcwd())).rules[found.id]
    except GovcheckError as exc:
        fail(str(exc))
    where = f"configured in {group.config.path}" if group.config is not None else "configured"
    lines = [
        f"{found.id} {found.slug}: {found.title}",
        f"severity: {found.severity}    profile: {found.profile}    check: {found.check}    plugin: {found.plugin}",
        "",
        "why:",
        f"  {found.rationale}",
        "",
        "how to comply:",
        f"  {shown_fix(found.remediation)}",
        "",
        "sources:",
        *(
            citations.text_block(c) for c in citations.of_rule(found)
        ),
    ]
    if configured.severity != found.severity:
        lines[1] = lines[1].replace(f"severity: {found.severity}", f"severity: {configured.severity} ({where}; default {found.severity})")
    from govcheck import laws

    lines += ["", "law and history:", *(f"  {line}" for line in laws.history(found, _commencement()))]
    if found.severity_reason:
        lines += ["", "why this severity:", f"  {found.severity_reason}"]
    if configured.params:
        lines += ["", "parameters:"]
        for k, v in sorted(configured.params.items()):
            default = found.params.get(k)
            note = f" ({where}; default {json.dumps(default)})" if v != default else ""
            lines.append(f"  {k}: {json.dumps(v)}{note}")
    typer.echo("\n".join(lines))


@app.command()
def schema(
    report: Annotated[bool, typer.Option("--report", help="Print the JSON report schema instead.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the schema of `govcheck diff --format json` instead.")] = False,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write it to this file (e.g. beside a constitution, for its $schema line)."),
    ] = None,
) -> None:
    """Print the JSON Schema of constitution format v1 (or of the JSON report, or of the diff)."""
    from govcheck.engine import schema_path
    from govcheck.fileio import write_output

    name = "report-v1.schema.json" if report else "constitution-v1.schema.json"
    if diff:
        name = "diff-v1.schema.json"
    try:
        write_output(output if output is not None else "-", schema_path(name).read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


@app.command("lsp")
def lsp(
    config: ConfigOpt = None,
    no_plugins: NoPluginsOpt = False,
) -> None:
    """Run the language server on standard input and output (editor integration, docs/editors.md)."""
    import os

    from govcheck.lsp import missing_dependency

    missing = missing_dependency()
    if missing:
        fail(f"govcheck lsp needs {missing}: pip install 'govcheck[lsp]'")
    from govcheck.lsp.server import main as serve
    from govcheck.lsp.server import server

    if config is not None and not os.path.isfile(config):  # os.path: a name too long is no file
        fail(f"--config {config}: no such file")
    server.defaults = {"config": str(config.resolve()) if config else None, "noPlugins": no_plugins}
    server.session.reset(server.defaults["config"], no_plugins)
    serve()


@app.command()
def plugins(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: NoPluginsOpt = False,
    rule_pack: RulePackOpt = [],  # noqa: B006
    hook: Annotated[Optional[str], typer.Option("--hook", help="Only plugins implementing this hook.")] = None,  # noqa: UP045
) -> None:
    """List loaded plugins: distribution, version, hooks, checks, rules and formats."""
    if format not in ("text", "json"):
        fail(f"--format must be text or json, not {format!r}")
    try:
        registry = _registry(plugin, no_plugins, rule_pack)
    except GovcheckError as exc:
        fail(str(exc))
    infos = [p.to_dict() for p in registry.plugins]
    if hook is not None:
        from govcheck.hookdocs import hook_names

        if hook not in hook_names():
            fail(f"no hook {hook!r}; hooks: {', '.join(sorted(hook_names()))}")
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


@app.command()
def verify(
    packs: Annotated[
        list[Path], typer.Argument(help="Rule packs to verify (default: the configuration's rule-packs).")
    ] = [],  # noqa: B006
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: NoPluginsOpt = False,
) -> None:
    """Run rule packs' own examples; exit 1 if one fails or a rule lacks a passing and a failing example."""
    from govcheck.config import extensions
    from govcheck.verify import render, verify_pack

    try:
        plugins, configured = extensions(plugin)
        chosen = list(packs) or [Path(p) for p in configured]
        if not chosen:
            fail("no rule pack to verify: name one, or list them under rule-packs in the configuration")
        results = [verify_pack(path, plugins, entry_points=not no_plugins) for path in chosen]
    except GovcheckError as exc:
        fail(str(exc))
    typer.echo(render(results), nl=False)
    raise typer.Exit(0 if all(r.ok for r in results) else 1)


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
    no_plugins: NoPluginsOpt = False,
    exit_zero: ExitZeroOpt = False,
    no_waivers: NoWaiversOpt = False,
    baseline: BaselineOpt = None,
    law: LawOpt = None,
) -> None:
    """Print the effective configuration for PATH and where each value came from.

    The configuration is also checked (rule names, parameters, plugins): exit 2 when it is bad.
    """
    import os

    from govcheck.config import Finder, render_text, resolve
    from govcheck.runner import Group, Registries, engine_for

    if format not in ("text", "json"):
        fail(f"--format must be text or json, not {format!r}")
    cli = cli_layer(
        profiles=profile, select=select, ignore=ignore, fail_on=fail_on, as_of=as_of, plugins=plugin,
        exit_zero=exit_zero, no_waivers=no_waivers, baseline=baseline, law=law,
    )
    try:
        finder = Finder(config)
        found = finder.for_path(path)
        effective = resolve(found, cli, path if os.path.isfile(path) else None)  # os.path: a name too long is no file
        engine_for(Group(effective, []), Registries(no_plugins, config))
    except GovcheckError as exc:
        fail(str(exc))
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
        list[str], typer.Argument(help="Constitution files or directories.", show_default=False)
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
    no_plugins: NoPluginsOpt = False,
    no_waivers: NoWaiversOpt = False,
) -> None:
    """Record every open finding in a baseline file (written atomically; replaces the file).

    `govcheck check --baseline FILE` (or `baseline = "FILE"` in configuration) then fails only
    on findings that are not in it. Rerun this to update the baseline.
    """
    import os

    from govcheck import baseline as baselines
    from govcheck.fileio import is_stdout, write_output
    from govcheck.runner import plan
    from govcheck.runner import run as run_check

    cli = cli_layer(profiles=profile, select=select, ignore=ignore, as_of=as_of, plugins=plugin, no_waivers=no_waivers)
    given = check_command.as_paths(paths)
    if any(str(p) == "-" for p in given):
        fail("a baseline is of files, not of standard input ('-'): name the files")
    named = [p for p in given if not os.path.isdir(p)]  # the rest were found by walking (exclude)
    try:
        files = check_command.documents(given)[0]
        if not files:
            fail(f"no documents found in {', '.join(str(p) for p in given)}")
        if output is None:
            configured = {g.effective.values["baseline"] for g in plan(files, cli, config, named)}
            if len(configured) > 1:
                fail("the documents' configurations name different baselines; give --output")
            output = Path(configured.pop() or "govcheck-baseline.json")
        target = os.path.abspath(output)
        result = run_check(
            files, cli, config_file=config, no_plugins=no_plugins, use_baseline=False,
            baseline_out=target, named=named,
        )
        documents = result.report.documents
        if not documents:
            fail(f"nothing left to check in {', '.join(map(str, given))}: every file found is excluded "
                 "(exclude in the configuration) or a rule pack")
        errored = [f"{d.file}: {o.rule}" for d in documents for o in d.outcomes if o.status == "error"]
        if errored:
            fail(f"not written: a rule could not be evaluated ({'; '.join(errored)}); see govcheck check")
        write_output(output if is_stdout(output) else target, baselines.render(result.report.findings))
    except GovcheckError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    count = len(result.report.open_findings)
    typer.echo(f"wrote {count} finding(s) from {len(documents)} document(s) to {output}", err=is_stdout(output))


@app.command("diff")
def diff(
    old: Annotated[str, typer.Argument(help="Before: a file, or REVISION:PATH from git (HEAD~1:constitution.yaml).",
                                       show_default=False)],
    new: Annotated[str, typer.Argument(help="After: a file, or REVISION:PATH (:PATH is the staged version).",
                                       show_default=False)],
    format: Annotated[
        list[str],
        typer.Option("--format", "-f", help="text, json, markdown or html, optionally NAME:FILE; repeatable.",
                     show_default=False),
    ] = [],  # noqa: B006
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to FILE (atomically).")] = None,  # noqa: UP045
    profile: ProfileOpt = [],  # noqa: B006
    select: SelectOpt = [],  # noqa: B006
    ignore: IgnoreOpt = [],  # noqa: B006
    fail_on: FailOnOpt = None,
    as_of: AsOfOpt = None,
    plugin: PluginOpt = [],  # noqa: B006
    no_plugins: NoPluginsOpt = False,
    rule_pack: RulePackOpt = [],  # noqa: B006
    config: ConfigOpt = None,
    exit_zero: ExitZeroOpt = False,
    no_waivers: NoWaiversOpt = False,
    law: LawOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Compare two versions of a constitution: what changed in its board, places, committees
    and accountabilities, and which findings the change introduces, resolves or leaves.

    Exit 0 when it introduces no finding at or above --fail-on, 1 when it does, 2 on errors.
    """
    from govcheck.diff import command

    specs = parse_formats(format, output)
    for name, _ in specs:
        if name not in command.FORMATS:
            fail(f"--format must be one of {', '.join(command.FORMATS)}, not {name!r}")
    cli = cli_layer(
        profiles=profile, select=select, ignore=ignore, fail_on=fail_on, as_of=as_of, plugins=plugin,
        exit_zero=exit_zero, no_waivers=no_waivers, rule_packs=rule_pack, law=law,
    )
    try:
        amendment = command.run(old, new, cli, config_file=config, no_plugins=no_plugins)
        rendered = [(name, dest, command.render(amendment, name)) for name, dest in specs]
        for name, dest, text in rendered:
            if dest is None:
                if not quiet:
                    sys.stdout.write(text)
                continue
            from govcheck.fileio import write_output  # a device or FIFO is written through, never replaced

            try:
                write_output(dest, text)
            except OSError as exc:
                fail(f"cannot write the {name} diff to {dest}: {exc.strerror or exc}")
    except GovcheckError as exc:
        fail(str(exc))
    raise typer.Exit(amendment.exit_code())

@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8080,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--workers", min=1, help="Worker processes that run checks (default: one per core).",
                     show_default=False),
    ] = None,
    queue: Annotated[int, typer.Option("--queue", min=0, help="Checks that may wait for a worker; more get 429.")] = 32,
    max_body: Annotated[int, typer.Option("--max-body", min=1, help="Largest request body, in bytes; more get 413.")] = 8388608,
    request_timeout: Annotated[
        float, typer.Option("--request-timeout", min=0.1, help="Seconds a check may take, queueing included; then 503.")
    ] = 30.0,
    worker_memory: Annotated[
        int, typer.Option("--worker-memory", min=0, help="Address-space ceiling per worker, MiB (0: none).")
    ] = 2048,
    audit_log: Annotated[str, typer.Option("--audit-log", help="Audit log file, JSON lines ('' for none).")] = "govcheck-audit.jsonl",
    audit_max_bytes: Annotated[int, typer.Option("--audit-max-bytes", min=1024, help="Rotate the audit log at this size.")] = 10485760,
    audit_keep: Annotated[int, typer.Option("--audit-keep", min=1, help="Rotated audit logs to keep.")] = 5,
    audit_documents: Annotated[
        bool, typer.Option("--audit-documents", help="Also record each document's text in the audit log.")
    ] = False,
    config: ConfigOpt = None,
    plugin: PluginOpt = [],  # noqa: B006
    rule_pack: RulePackOpt = [],  # noqa: B006
    no_plugins: NoPluginsOpt = False,
) -> None:
    """Serve the checks over HTTP (API v1, upload page, metrics); see docs/server.md.

    Configuration, plugins and rule packs are read once, at start; requests cannot change them.
    """
    import os

    from govcheck.server import Options
    from govcheck.server import serve as run_server

    extensions = cli_layer(plugins=plugin, rule_packs=rule_pack)
    server_options = Options(
        config_file=os.path.abspath(config) if config is not None else None,
        plugins=tuple(extensions.get("plugins", ())),
        rule_packs=tuple(extensions.get("rule-packs", ())),
        no_plugins=no_plugins,
        workers=workers or os.cpu_count() or 1,
        queue=queue,
        max_body=max_body,
        request_timeout=request_timeout,
        worker_memory_mb=worker_memory,
        audit_log=os.path.abspath(audit_log) if audit_log else None,
        audit_max_bytes=audit_max_bytes,
        audit_keep=audit_keep,
        audit_documents=audit_documents,
    )
    try:
        run_server(server_options, host, port)
    except GovcheckError as exc:
        fail(str(exc))

@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="The file to write.")] = Path("constitution.yaml"),
    from_: Annotated[
        str, typer.Option("--from", help="skeleton (commented, to fill in) or reference (a complete example).")
    ] = "skeleton",
    profile: ProfileOpt = [],  # noqa: B006
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
) -> None:
    """Start a constitution: every finding still to deal with is a TODO comment in the file."""
    import os

    from govcheck.fileio import is_stdout, write_output
    from govcheck.rules import DEFAULT_PROFILES
    from govcheck.scaffold import SCHEMA_NAME, render, schema_beside, todos

    if from_ not in ("skeleton", "reference"):
        fail(f"--from must be skeleton or reference, not {from_!r}")
    to_stdout = is_stdout(path)
    if not to_stdout and os.path.lexists(path) and not force:  # a name too long: the write says so
        fail(f"{path} exists; give --force to overwrite it")
    try:
        beside = None if to_stdout else schema_beside(path)  # the `$schema` line's relative path names it
        text = render(from_, tuple(profile) or DEFAULT_PROFILES, alongside=beside is not None)
        write_output(path, text)  # '-' is standard output; a device or FIFO is never replaced
        if beside is not None:
            from govcheck.engine import schema_path

            write_output(beside, schema_path(SCHEMA_NAME).read_text(encoding="utf-8"))
    except GovcheckError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    if to_stdout:
        raise typer.Exit(0)
    left = todos(text)
    schema = f" and its schema {beside}" if beside is not None else ""
    typer.echo(f"wrote {path}{schema}: {len(left)} TODO(s) to deal with; `govcheck check {path}` lists them")


@app.command()
def completion(
    shell: Annotated[str, typer.Argument(help="bash, zsh, fish or powershell.", show_default=False)],
) -> None:
    """Print the shell completion script; in ~/.bashrc: eval "$(govcheck completion bash)"."""
    if shell not in ("bash", "zsh", "fish", "powershell", "pwsh"):
        fail(f"no completion for shell {shell!r}: bash, zsh, fish or powershell")
    # the same as `govcheck --show-completion SHELL`, typer's public option (it exits 0)
    typer.main.get_command(app)(["--show-completion", shell], prog_name="govcheck")


def run() -> None:
    """Run the app (govcheck.check_command.guarded: errors, signals, memory)."""
    import os

    # also under `python -m govcheck`: one name in help and completion
    completing = bool(os.environ.get(check_command.COMPLETE_VAR))
    check_command.guarded(lambda: _app_for(sys.argv[1:], completing=completing)(prog_name="govcheck"))


def _app_for(args: list[str], *, completing: bool = False) -> typer.Typer:
    """The app, with only the named command when ``args`` start with one: typer builds a
    click command (reading every parameter's annotation) for each registered command on
    every run, ~3-6 ms for all of them; a run of one command needs only that one. Help for
    the whole app, an unknown or abbreviated name and shell completion get every command."""
    if completing or not args or args[0].startswith("-"):
        return app
    name = args[0]
    keep = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not keep and not groups:
        return app  # an unknown name: click's error lists the commands as ever
    import copy

    one = copy.copy(app)  # shallow: the same callbacks and settings, fewer commands
    one.registered_commands = keep
    one.registered_groups = groups
    return one


def _command_name(info: typer.models.CommandInfo) -> str:
    """A command's name as typer derives it (``show_config`` registered as ``config``)."""
    if info.name:
        return info.name
    assert info.callback is not None
    return info.callback.__name__.lower().replace("_", "-")
