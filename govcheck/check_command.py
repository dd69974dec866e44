"""The ``check`` command's work, without the command-line framework.

:mod:`govcheck.cli` declares the command line (typer) and calls :func:`check` with what it
parsed. ``govcheck check`` is the command run on every commit and by editors, and most of
its invocations are a list of files with perhaps a switch or two and a format (pre-commit runs
``govcheck check --skip-other-yaml FILE...``). For those, :func:`quick` reads the arguments
itself (paths, switches, ``--format NAME``), so the run needs neither typer nor click (~25 ms of a ~115 ms run,
docs/performance.md): :mod:`govcheck.__main__` calls it first, and anything else (an
option with a value, ``--help``, ``--``, ``-``, a mistake) goes to typer as before. The
switches it knows are declared here once, in :data:`SWITCHES` and govcheck.options, and
the command line builds its flags from the same declarations, so the two cannot differ
(tests/test_check_command.py runs the same arguments both ways).

Nothing here imports the engine until a check runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from govcheck import options
from govcheck.errors import GovcheckError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from govcheck.fileio import Spool
    from govcheck.plugins import Registry
    from govcheck.report import Report


COMPLETE_VAR = "_GOVCHECK_COMPLETE"  # set when the shell asks typer for completions


class Switch(NamedTuple):
    """A flag of ``check`` that takes no value (its keyword argument is ``name``)."""

    name: str
    flags: tuple[str, ...]
    help: str


SWITCHES: tuple[Switch, ...] = (
    Switch("no_plugins", ("--no-plugins",), "Built-in rules only; no installed plugins."),
    Switch("quiet", ("--quiet", "-q"), "Print nothing; the exit code tells."),
    Switch("debug", ("--debug",), "Print the whole traceback of a check that raises (or GOVCHECK_DEBUG=1)."),
    Switch("verbose", ("--verbose", "-v"), "text: source and fix under every finding, not only a rule's first."),
    Switch("full", ("--full",), "markdown: every finding, even past a pull-request comment's size limit."),
    Switch("skip_other_yaml", ("--skip-other-yaml",),
           "Skip named YAML files without a 'govcheck:' key too (pre-commit)."),
)  # fmt: skip
SWITCH = {s.name: s for s in SWITCHES}
# The one option with a value quick() reads: ``--format NAME``, as the command line declares it.
FORMAT_FLAGS = ("--format", "-f")
FORMAT_HELP = "Report format, optionally NAME:FILE; repeatable."


def _switch_flags() -> dict[str, str]:
    """Every flag of ``check`` that takes no value, to its keyword: the switches above and
    the configuration options of kind bool (``--exit-zero``, ``--no-waivers``)."""
    flags = {flag: s.name for s in SWITCHES for flag in s.flags}
    for opt in options.OPTIONS:
        if opt.kind == "bool":
            flags.update((flag, opt.name.replace("-", "_")) for flag in opt.flags)
    return flags


def quick(args: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments of :func:`check` for ``args`` (what follows ``check``) when they
    are paths, switches and ``--format NAME`` only; ``None`` when the command-line framework must read them
    (and when the shell's completion runs, which typer answers)."""
    import os

    if os.environ.get(COMPLETE_VAR):
        return None
    flags = _switch_flags()
    given: dict[str, Any] = {"paths": [], "format": []}
    rest = iter(args)
    for arg in rest:
        if arg in flags:
            given[flags[arg]] = True
        elif arg in FORMAT_FLAGS:  # a report format to standard output (NAME:FILE goes to typer)
            name = next(rest, "")
            if not name or name.startswith("-") or ":" in name:
                return None
            given["format"].append(name)
        elif not arg or arg.startswith("-"):  # another option with a value, --help, --, '-' (stdin),
            return None  # a mistake, an empty path (check() says what is wrong)
        else:
            given["paths"].append(Path(arg))
    return given if given["paths"] else None


def as_paths(given: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The paths of a command line; an empty one (an unset shell variable, say) is an error,
    not the working directory that ``Path("")`` would be."""
    if any(isinstance(p, str) and not p for p in given):
        fail("an empty path names no file (is a variable in the command unset?)")
    return [Path(p) for p in given]


class Checked(NamedTuple):
    """What a run of ``check`` ended with."""

    code: int  # the exit code: 0 compliant, 1 findings that fail the run
    own_code_only: bool  # only govcheck's own checks and reporters ran (no plugin's code)


def fail(message: str) -> NoReturn:
    """Say what is wrong on standard error and exit 2 (the message's controls escaped)."""
    from govcheck.textsafe import shown

    sys.stderr.write(f"govcheck: error: {shown(message)}\n")
    sys.stderr.flush()
    raise SystemExit(2)


def guarded(run: Callable[[], object]) -> None:
    """Run a command: a GovcheckError anywhere becomes a message and exit code 2; SIGTERM and
    SIGHUP stop the run cleanly with exit 128 + n (govcheck.signals)."""
    from govcheck.signals import install

    install()
    try:
        run()
    except GovcheckError as exc:  # pragma: no cover - commands catch their own
        fail(str(exc))
    except MemoryError:
        # The loader's bounds keep documents well under this; a tight ulimit may not.
        sys.stderr.write("govcheck: error: out of memory (is a memory limit set for this process?)\n")
        raise SystemExit(2) from None


def import_engine() -> None:
    """Import what a check runs on: the runner with the engine, loader and model, and the
    built-in check modules (for a caller that imports with the collector paused: its passes
    over freshly imported modules find nothing to free, ~3-4% of a typical check)."""
    import govcheck.runner  # noqa: F401
    from govcheck.checks import builtin_checks

    builtin_checks()


def run_given(given: dict[str, Any]) -> NoReturn:
    """Run ``check`` with what :func:`quick` read; exits with its code."""

    def run() -> None:
        try:
            code, own_code_only = check(**given)
        except KeyboardInterrupt:  # as click's standalone mode does on the other path
            sys.stderr.write("\nAborted!\n")
            raise SystemExit(1) from None
        if own_code_only:
            _exit_without_teardown(code)
        raise SystemExit(code)

    guarded(run)
    raise AssertionError("unreachable: run() always exits")


def _exit_without_teardown(code: int) -> None:
    """Exit now, skipping the interpreter's teardown (freeing every module and object one
    by one: ~5-7 ms of a ~90 ms check of a typical document), when it would do nothing else:
    only govcheck's own code ran (no plugin that might leave a file unflushed or a thread
    running), nothing is registered to run at exit (batch workers register an exit handler,
    so a run that used them exits normally) and no thread but daemons is left."""
    import atexit
    import os
    import threading

    if atexit._ncallbacks() or any(not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return  # let the normal exit report it
    os._exit(code)


def cli_layer(**given: Any) -> dict[str, Any]:
    """The options given on the command line (keyword: the option's name, ``_`` for ``-``),
    checked as a configuration file's are (govcheck.options.check: the same message for the
    same value, naming the flag), as a configuration layer (kebab-case keys)."""
    import os

    layer: dict[str, Any] = {}
    for key, value in given.items():
        if value is None or value is False or value == []:
            continue  # not given
        name = key.replace("_", "-")
        if isinstance(value, str):
            value = options.from_text(name, value)
        try:
            layer[name] = options.check(name, value, options.flag(name), os.getcwd())
        except GovcheckError as exc:
            fail(str(exc))
    return layer


def parse_formats(formats: Sequence[str], output: Path | None) -> list[tuple[str, Path | None]]:
    """``--format NAME[:FILE]`` and ``--output``: each format with its file (None: stdout)."""
    from govcheck.fileio import is_stdout

    specs: list[tuple[str, Path | None]] = []
    for spec in formats or ["text"]:
        name, colon, dest = spec.partition(":")
        if colon and not dest:
            fail(f"--format {spec!r} names no file after ':' (leave out ':' for standard output)")
        specs.append((name, Path(dest) if dest and not is_stdout(dest) else None))
    to_stdout = [i for i, (_, dest) in enumerate(specs) if dest is None]
    if is_stdout(output):
        output = None  # -o - and -o /dev/stdout: standard output
    if output is not None and not to_stdout:
        fail(f"--output {output} would be unused: every --format names its own file")
    if output is not None and to_stdout:
        name = specs[to_stdout[0]][0]
        specs[to_stdout[0]] = (name, output)
        to_stdout = to_stdout[1:]
    if len(to_stdout) > 1:
        fail("only one --format can go to standard output; give the others a file (--format sarif:out.sarif)")
    written: dict[str, str] = {}  # file: the format written there (one would replace the other)
    for fmt, target in specs:
        if target is None or (os.path.exists(target) and not os.path.isfile(target)):
            continue  # a device (/dev/null) or FIFO may take several reports
        key = os.path.abspath(target)
        if key in written:
            fail(f"the {written[key]} and {fmt} reports would both be written to {target}: give each its own file")
        written[key] = fmt
    return specs


def check(
    paths: Sequence[str | os.PathLike[str]],
    *,
    format: Sequence[str] = (),
    output: Path | None = None,
    profile: Sequence[str] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    as_of: str | None = None,
    plugin: Sequence[str] = (),
    no_plugins: bool = False,
    rule_pack: Sequence[str] = (),
    quiet: bool = False,
    config: Path | None = None,
    exit_zero: bool = False,
    no_waivers: bool = False,
    baseline: str | None = None,
    jobs: int | None = None,
    max_bytes: str | None = None,
    rule_timeout: str | None = None,
    law: str | None = None,
    debug: bool = False,
    exclude: Sequence[str] = (),
    verbose: bool = False,
    full: bool = False,
    sarif_root: Path | None = None,
    stdin_filename: str | None = None,
    skip_other_yaml: bool = False,
) -> Checked:
    """Check constitution files and report every finding. A usage or input error is a
    message and ``SystemExit(2)`` (:func:`fail`)."""
    from govcheck.fileio import write_output, write_stdout
    from govcheck.runner import run as run_check

    if debug:
        import os

        os.environ["GOVCHECK_DEBUG"] = "1"  # worker processes (--jobs) inherit it

    cli = cli_layer(
        profiles=list(profile), select=list(select), ignore=list(ignore), fail_on=fail_on, as_of=as_of,
        plugins=list(plugin), exit_zero=exit_zero, no_waivers=no_waivers, baseline=baseline,
        rule_packs=list(rule_pack), law=law, max_bytes=max_bytes, rule_timeout=rule_timeout, exclude=list(exclude),
    )  # fmt: skip
    specs = parse_formats(format, output)
    try:
        paths = _expand_globs(as_paths(paths))
        files, skipped = documents(paths, skip_other_yaml=skip_other_yaml, quiet=quiet)
        stdin = _read_stdin(files, stdin_filename, cli.get("max-bytes"))
        if stdin is not None:
            files = [stdin[0] if f == "-" else f for f in files]
        if not files:
            if skipped and skip_other_yaml:
                return Checked(0, True)  # pre-commit passed only other YAML: nothing to check
            fail(f"no constitution files (*.yaml, *.yml) found in {', '.join(map(str, paths))}")
        formats = [name for name, _ in specs]
        from govcheck.capture import stdout_captured

        with stdout_captured() as printed:  # a plugin's print() must not corrupt the report
            result = run_check(
                files, cli, config_file=config, no_plugins=no_plugins, formats=formats,
                jobs=jobs, progress=not quiet and sys.stderr.isatty(), stdin=stdin,
                # the files the user named (and stdin's name); the rest were found by walking (--exclude)
                named=[*(p for p in paths if not p.is_dir()), *([stdin[0]] if stdin is not None else [])],
            )
        for unread in result.warnings:
            sys.stderr.write(f"govcheck: warning: {unread}\n")
        warning = printed.warning()
        if warning:
            sys.stderr.write(warning + "\n")
        if not result.report.documents:  # a pass with nothing checked would be a false pass
            fail(
                f"nothing left to check in {', '.join(map(str, paths))}: every file found is excluded "
                "(--exclude, or exclude in the configuration) or a rule pack"
            )
        report = result.report
        registry = result.registry
        # Render every format before writing any, so a failing reporter leaves no file changed.
        rendered = []
        for name, dest in specs:
            report.options = _display(dest is None, verbose=verbose, full=full)
            report.options["sarif_root"] = str(sarif_root) if sarif_root else None
            rendered.append((name, dest, _render(registry, name, report)))
        for name, dest, text in rendered:
            if dest is not None:
                try:
                    write_output(dest, text)
                except OSError as exc:
                    fail(f"cannot write the {name} report to {dest}: {exc.strerror or exc}")
            elif not quiet:
                try:
                    write_stdout(text)
                except OSError as exc:
                    fail(f"cannot write the {name} report to standard output: {exc.strerror or exc}")
    except GovcheckError as exc:
        fail(str(exc))
    own = all(p.distribution == "govcheck" for p in registry.plugins)
    return Checked(result.exit_code, own)


def _expand_globs(paths: list[Path]) -> list[Path]:
    """Expand a quoted glob (``'drafts/**/*.yaml'``) that names no file itself, in order."""
    out: list[Path] = []
    for path in paths:
        text = str(path)
        if text != "-" and not _exists(path) and any(c in text for c in "*?["):
            import glob  # only for a pattern: a named file needs no glob machinery

            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                fail(f"no file matches '{text}'")  # fail escapes it (govcheck.textsafe)
            out.extend(Path(m) for m in matches)
        else:
            out.append(path)
    return out


def _exists(path: Path) -> bool:
    """Whether ``path`` exists (following links); a name the system refuses is an error."""
    import errno

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            return False
        fail(f"cannot read {path}: {exc.strerror or exc}")  # a name too long, say
    return True


def _read_stdin(files: list[str], name: str | None, max_bytes: object) -> tuple[str, bytes] | None:
    """The document on standard input when '-' is among the paths: (its name, its bytes)."""
    dashes = files.count("-")
    if not dashes:
        if name is not None:
            fail("--stdin-filename is for a document read from standard input: give '-' as the path")
        return None
    if dashes > 1:
        fail("'-' (standard input) can be given only once")
    limit = max_bytes if isinstance(max_bytes, int) else options.default("max-bytes")
    raw = sys.stdin.buffer.read(limit + 1)  # one byte more tells the loader it is over the limit
    display = name or "<stdin>"
    if os.path.isdir(display):  # the document would be lost: the folder walked in its place
        fail(f"--stdin-filename {display!r} is a folder: give the document's file name")
    if display in files:
        fail(f"--stdin-filename {display!r} is also given as a path")
    return display, raw


def documents(paths: list[Path], *, skip_other_yaml: bool = False, quiet: bool = False) -> tuple[list[str], list[str]]:
    """The files to check under ``paths``, and the YAML files skipped as not constitutions.

    A path that does not exist, or a folder named that cannot be read, is an error
    (:func:`fail`); the skipped files are a note (unless ``quiet``), and each entry a folder
    walk could not check is a warning.
    """
    from govcheck.engine import DANGLING_LINK, expand_paths

    missing = [p for p in paths if str(p) != "-" and not _exists(p)]
    if missing and missing[0].is_symlink():  # exists() follows the link: say why it fails
        fail(f"{missing[0]} {DANGLING_LINK}")
    if missing:
        fail(f"no such file or directory: {missing[0]}")
    skipped: list[str] = []
    unread: list[tuple[str, str]] = []
    files: list[str] = []
    seen: set[str] = set()
    for file in expand_paths(paths, skipped, skip_named=skip_other_yaml, unread=unread):
        key = os.path.abspath(file)
        if file == "-" or key not in seen:  # each document once (a folder and a file in it)
            seen.add(key)
            files.append(file)
    named = {os.fspath(p) for p in paths}
    for entry, reason in unread:
        if entry in named:  # a folder the user named
            fail(f"{entry} {reason}")
    if skipped and not quiet:
        _note_skipped(skipped)
    _warn_unread(unread)
    return files, skipped


def _note_skipped(skipped: list[str]) -> None:
    from govcheck.reporters.text import _safe  # a file name cannot drive the terminal

    shown = ", ".join(_safe(p) for p in skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
    sys.stderr.write(
        f"govcheck: note: skipped {len(skipped)} YAML file(s) with no top-level 'govcheck:' key "
        f"(not constitutions): {shown}\n"
    )


def _warn_unread(unread: list[tuple[str, str]]) -> None:
    """Name each entry a folder walk could not check, and why (even with --quiet: input was lost)."""
    from govcheck.textsafe import shown

    for entry, reason in unread:
        sys.stderr.write(f"govcheck: warning: not checked: {shown(f'{entry} {reason}')}\n")


def _display(to_stdout: bool, *, verbose: bool, full: bool) -> dict[str, object]:
    """Report.options for one output: colour and width only for a terminal (NO_COLOR and
    FORCE_COLOR honoured, https://no-color.org and https://force-color.org)."""
    import os

    terminal = to_stdout and sys.stdout.isatty()
    if os.environ.get("FORCE_COLOR"):
        color = to_stdout
    elif os.environ.get("NO_COLOR"):
        color = False
    else:
        color = terminal and os.environ.get("TERM") != "dumb"
    width = 0  # piped output is never wrapped
    if terminal:
        import shutil

        width = shutil.get_terminal_size().columns
    return {"color": color, "width": width, "verbose": verbose, "full": full}


def _render(registry: Registry, name: str, report: Report) -> str | Spool:
    """Render one format; a reporter plugin that fails is a plugin error (exit 2)."""
    from govcheck.fileio import Spool, SpoolError

    plugin = next((p.name for p in registry.plugins if name in p.reporters), "?")
    reporter = registry.reporters[name]
    try:
        if reporter.chunks is not None:  # a big report is spooled, never one string
            return Spool(_checked_chunks(reporter.chunks(report)))
        text = reporter.render(report)
    except SpoolError as exc:
        fail(f"cannot write the {name} report: {exc} (set TMPDIR to a folder with room)")
    except Exception as exc:
        fail(f"report format {name!r} (plugin {plugin!r}) failed: {type(exc).__name__}: {exc}")
    if not isinstance(text, str):
        fail(f"report format {name!r} (plugin {plugin!r}) returned {type(text).__name__}, not text")
    return text


def _checked_chunks(chunks: Iterable[str]) -> Iterator[str]:
    for chunk in chunks:
        if not isinstance(chunk, str):
            raise TypeError(f"a piece of the report is {type(chunk).__name__}, not text")
        yield chunk
