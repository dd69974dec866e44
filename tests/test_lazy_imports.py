"""Start-up guard: a plain `govcheck check` must not import what the project keeps lazy.

Deterministic (no timing): the CLI runs in a fresh interpreter, which then lists
``sys.modules``. Review the list when dependencies change; docs/performance.md says what
each module costs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import REFERENCE, ROOT

from govcheck.plugins import ENTRY_POINT_GROUP, may_declare_group

# module -> why it stays out of a plain check of a compliant document
KEPT_LAZY = {
    "typer": "a check of files with switches only reads its arguments itself (govcheck.check_command.quick)",
    "click": "typer's parser (typer vendors it as typer._click; a plain check needs neither)",
    "govcheck.cli": "the typer declarations: for options with values, --help and the other commands",
    "rich": "rich help and tracebacks cost ~140 ms (typer runs with rich_markup_mode=None)",
    "pydantic": "typer 0.29 imports it on every command; typer is pinned below 0.29",
    "typer._adapters": "the typer 0.29+ module that pulls in pydantic",
    "jsonschema": "~150 ms; only for schemas beyond the native validator's keywords",
    "pygls": "the language server (govcheck lsp, the lsp extra) only",
    "lsprotocol": "the language server (govcheck lsp, the lsp extra) only",
    "govcheck.lsp": "the language server's modules load only for govcheck lsp",
    "hashlib": "finding fingerprints only; a compliant document has none",
    "tempfile": "atomic writes (--output / FORMAT:FILE) only",
    "concurrent.futures": "worker processes for batches only (--jobs)",
    "multiprocessing": "worker processes for batches only (--jobs)",
    "govcheck.server": "govcheck serve only",
    "starlette": "govcheck serve only (the server extra)",
    "uvicorn": "govcheck serve only (the server extra)",
    "anyio": "starlette's async layer: govcheck serve only",
    "h11": "uvicorn's HTTP parser: govcheck serve only",

    "regex": "only when a rule pack's filter uses `matches`",
    "glob": "only for a quoted pattern among the paths; a named file needs none",
    "govcheck.baseline": "only with a baseline file (--baseline, `baseline` in the configuration)",
    "govcheck.discover": "only when walking a folder or with --skip-other-yaml",
    "govcheck.exclude": "only for files found by walking a folder",
    "jinja2": "the HTML report's templates only (~25 ms, issue 20 item 5)",
    "markupsafe": "the HTML report's escaping only",
}
# Needed only when an installed distribution declares a govcheck entry point.
METADATA = ("importlib.metadata", "email")

WRAPPER = textwrap.dedent(
    """
    import atexit, json, sys
    atexit.register(lambda: None)  # an exit handler: the run exits normally, so the lines below run
    out = sys.argv.pop(1)
    from govcheck.__main__ import main
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    with open(out, "w") as fh:
        json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
    """
)


def _modules_after(
    tmp_path: Path, *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[int, set[str]]:
    out = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env=env,
    )
    assert out.exists(), proc.stderr
    data = json.loads(out.read_text())
    return data["code"], set(data["modules"])


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_check_keeps_heavy_modules_lazy(tmp_path: Path) -> None:
    code, modules = _modules_after(tmp_path, "check", str(REFERENCE))
    assert code == 0
    assert "govcheck.engine" in modules  # the document really was checked in-process
    loaded = {name: why for name, why in KEPT_LAZY.items() if _loaded(modules, name)}
    assert loaded == {}


# Needed only to validate plugins: a run whose plugins a run before validated needs neither.
VALIDATION_ONLY = ("pluggy", "inspect", "dataclasses")


def test_a_check_after_one_that_validated_the_plugins_imports_no_pluggy(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("GOVCHECK_NO_CACHE", None)
    code, modules = _modules_after(tmp_path, "check", str(REFERENCE), env=env)
    assert code == 0
    assert "pluggy" in modules  # the first run validates the plugins with pluggy
    code, modules = _modules_after(tmp_path, "check", str(REFERENCE), env=env)
    assert code == 0
    assert "govcheck.engine" in modules
    assert [m for m in VALIDATION_ONLY if _loaded(modules, m)] == []


def test_serve_help_imports_no_web_stack(tmp_path: Path) -> None:
    """The serve command imports the web stack inside its function: its help does not."""
    code, modules = _modules_after(tmp_path, "serve", "--help")
    assert code == 0
    assert [m for m in ("govcheck.server", "starlette", "uvicorn") if _loaded(modules, m)] == []


def test_tomllib_loads_only_for_a_configuration_file(tmp_path: Path) -> None:
    # outside any project (as a governance repository is), no TOML is read at all
    repo = tmp_path / "repo"
    repo.mkdir()
    document = repo / "constitution.yaml"
    document.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    code, modules = _modules_after(tmp_path, "check", str(document), cwd=repo)
    assert code == 0
    assert "tomllib" not in modules and "tomli" not in modules
    # nor in a Python project that only depends on govcheck (its pyproject.toml has no [tool.govcheck])
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["govcheck>=0.1"]\n')
    code, modules = _modules_after(tmp_path, "check", str(document), cwd=repo)
    assert code == 0
    assert "tomllib" not in modules and "tomli" not in modules
    (repo / ".govcheck.toml").write_text('fail-on = "error"\n')
    code, modules = _modules_after(tmp_path, "check", str(document), cwd=repo)
    assert code == 0
    assert "tomllib" in modules or "tomli" in modules


def test_check_skips_importlib_metadata_without_plugins(tmp_path: Path) -> None:
    code, modules = _modules_after(tmp_path, "check", str(REFERENCE))
    assert code == 0
    if may_declare_group(ENTRY_POINT_GROUP):  # a plugin is installed here: metadata is needed
        assert "importlib.metadata" in modules
    else:
        assert [m for m in METADATA if _loaded(modules, m)] == []


def test_version_imports_no_command_line_framework(tmp_path: Path) -> None:
    code, modules = _modules_after(tmp_path, "--version")
    assert code == 0
    assert not _loaded(modules, "typer")
    assert not _loaded(modules, "yaml")


def test_cli_annotations_are_objects_not_strings() -> None:
    """typer reads the command functions' annotations on every run; string annotations
    (``from __future__ import annotations`` in cli.py) make it eval() each one (~10 ms)."""
    import govcheck.cli

    strings = [
        f"{func.__name__}.{name}"
        for func in (govcheck.cli.check, govcheck.cli.rules_list, govcheck.cli.schema)
        for name, value in func.__annotations__.items()
        if isinstance(value, str)
    ]
    assert strings == []


def test_builtin_check_parameters_need_no_jsonschema() -> None:
    """Every rule's parameters are validated on every run: their schemas must stay within
    the native validator's keywords, or each run imports jsonschema (~60-150 ms)."""
    from govcheck.checks import builtin_checks
    from govcheck.validate import Validator

    assert [c.name for c in builtin_checks() if not Validator(c.params_schema).native] == []


def test_min_properties_agrees_with_jsonschema() -> None:
    import jsonschema

    from govcheck.validate import Validator

    schema = {"type": "object", "minProperties": 1, "additionalProperties": {"type": "array"}}
    for value in ({}, {"a": []}, {"a": [], "b": []}):
        native = Validator(schema).errors(value)
        assert bool(native) == (not jsonschema.Draft202012Validator(schema).is_valid(value))
    assert [e.message for e in Validator(schema).errors({})] == ["must have at least 1 key(s)"]


def test_lsp_without_its_extra_says_what_to_install(tmp_path: Path) -> None:
    """Without pygls, ``govcheck lsp`` is a one-line error (exit 2), not a traceback."""
    script = (
        "import sys; sys.modules['pygls'] = None\n"
        "sys.argv = ['govcheck', 'lsp']\n"
        "from govcheck.__main__ import main\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == "govcheck: error: govcheck lsp needs pygls: pip install 'govcheck[lsp]'\n"


def test_check_of_a_compliant_document_compiles_no_escaping_pattern(tmp_path: Path) -> None:
    """govcheck.textsafe compiles its patterns on first use (~1-2 ms of character classes):
    a compliant document's report is printable ASCII and needs none of them."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: None)\n"  # an exit handler: the run exits normally, so the lines below run
        f"sys.argv = ['govcheck', 'check', {str(REFERENCE)!r}]\n"
        "from govcheck.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "from govcheck import textsafe\n"
        "sys.stderr.write(f'{code} {textsafe._pattern.cache_info().currsize}\\n')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stderr.splitlines()[-1] == "0 0"


def test_a_command_run_builds_only_that_command() -> None:
    """typer builds a click command for every registered command on each run: a run of one
    command registers only that one (govcheck.cli._app_for); the rest of the app is as ever."""
    from govcheck import cli

    every = [cli._command_name(c) for c in cli.app.registered_commands]
    one = cli._app_for(["check", "x.yaml"])
    assert [cli._command_name(c) for c in one.registered_commands] == ["check"]
    assert one.registered_groups == [] and one.registered_callback is cli.app.registered_callback
    rules = cli._app_for(["rules", "show", "GOV001"])
    assert rules.registered_commands == [] and [g.name for g in rules.registered_groups] == ["rules"]
    assert cli._command_name(cli._app_for(["config"]).registered_commands[0]) == "config"
    for args in ([], ["--help"], ["--version"], ["chek"]):
        assert cli._app_for(args) is cli.app
    assert cli._app_for(["check"], completing=True) is cli.app
    assert [cli._command_name(c) for c in cli.app.registered_commands] == every  # not changed
