"""``govcheck check`` read without typer (govcheck.check_command.quick) behaves exactly as
the same arguments read by typer: same exit code, same standard output, same standard error.

Each case runs twice in fresh processes: through the entry point (``python -m govcheck``,
which takes the quick path when it can) and through ``govcheck.cli.run`` (typer always).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REFERENCE, ROOT

from govcheck import check_command
from govcheck.check_command import quick

INVALID = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"
SYNTAX = FIXTURES / "invalid" / "GOV001-yaml-syntax.yaml"
TYPER = "import sys; sys.argv[0] = 'govcheck'; from govcheck.cli import run; run()"


def _both(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    def one(cmd: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=120)

    return one([sys.executable, "-m", "govcheck", *args]), one([sys.executable, "-c", TYPER, *args])


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", str(REFERENCE)], 0),
        (["check", str(INVALID)], 1),
        (["check", str(INVALID), "-q"], 1),
        (["check", "--exit-zero", str(INVALID)], 0),
        (["check", "--verbose", str(INVALID), "--no-waivers"], 1),
        (["check", "--no-plugins", "--full", str(SYNTAX), str(REFERENCE)], 1),
        (["check", "--debug", str(REFERENCE)], 0),
        (["check", "no-such-file.yaml"], 2),
        (["check", str(FIXTURES / "valid" / "ref*.yaml")], 0),
        (["check", str(FIXTURES / "valid" / "nothing-*.yaml")], 2),
        (["check", "--skip-other-yaml", ".pre-commit-hooks.yaml"], 0),
        (["check", ".pre-commit-hooks.yaml"], 1),
        (["check", "-f", "json", str(INVALID)], 1),
        (["check", "--format", "sarif", str(REFERENCE)], 0),
        (["check", "--format", "html", "-f", "text", str(REFERENCE)], 2),  # two formats to stdout
        (["check", "--format", "no-such-format", str(REFERENCE)], 2),
    ],
)
def test_quick_path_matches_typer(args: list[str], code: int) -> None:
    assert quick(args[1:]) is not None  # these are all read without typer
    fast, typer = _both(args, ROOT)
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer.returncode, typer.stdout, typer.stderr)
    assert fast.returncode == code
    assert "Traceback" not in fast.stderr


def test_quick_path_errors_say_the_same() -> None:
    fast, typer = _both(["check", "no-such-file.yaml"], ROOT)
    assert fast.stderr == typer.stderr == "govcheck: error: no such file or directory: no-such-file.yaml\n"


def test_quick_reads_paths_and_switches_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(check_command.COMPLETE_VAR, raising=False)
    assert quick(["a.yaml", "--skip-other-yaml", "b.yml", "-q", "--exit-zero", "-f", "json"]) == {
        "paths": [Path("a.yaml"), Path("b.yml")], "skip_other_yaml": True, "quiet": True, "exit_zero": True,
        "format": ["json"],
    }  # fmt: skip
    # options with values, help, the end of options, standard input, bundled short flags: typer's
    for args in (["--format", "sarif:out.sarif", "a.yaml"], ["a.yaml", "-f"], ["-f", "-q", "a.yaml"],
                 ["--output", "x", "a.yaml"], ["--help"], ["a.yaml", "--"],
                 ["-"], ["-qv", "a.yaml"], ["--quiet=1", "a.yaml"], ["--no-such-flag", "a.yaml"], [], ["-q"]):
        assert quick(args) is None, args
    monkeypatch.setenv(check_command.COMPLETE_VAR, "bash_complete")
    assert quick(["a.yaml"]) is None


def test_quick_knows_every_switch_of_check_and_nothing_else() -> None:
    """Every flag of ``check`` that takes no value is read by quick() as typer reads it (the
    same keyword), and quick() knows no flag that ``check`` does not have."""
    import typer.main

    from govcheck.cli import app

    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    typer_switches = {
        flag: param.name
        for param in command.params
        if getattr(param, "is_flag", False) and param.name != "help"
        for flag in param.opts
    }
    assert typer_switches == check_command._switch_flags()
    formats = next(p for p in command.params if p.name == "format")
    assert tuple(formats.opts) == check_command.FORMAT_FLAGS


EXIT_SCRIPT = """
import atexit, sys
from govcheck.check_command import _exit_without_teardown
{setup}
class Noisy:
    def __del__(self):
        sys.stderr.write("teardown\\n")
keep = Noisy()
sys.stdout.write("report\\n")  # buffered: must still reach the pipe
_exit_without_teardown(3)
sys.exit(4)
"""


@pytest.mark.parametrize(
    ("setup", "code", "stderr"),
    [
        ("", 3, ""),  # nothing waits for the teardown: it is skipped
        ("atexit.register(lambda: sys.stderr.write('handler\\n'))", 4, "handler\nteardown\n"),
        ("import threading, time\nthreading.Thread(target=time.sleep, args=(0.2,)).start()", 4, "teardown\n"),
    ],
)
def test_exit_skips_the_teardown_only_when_nothing_waits_for_it(setup: str, code: int, stderr: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", EXIT_SCRIPT.format(setup=setup)], capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (code, "report\n", stderr)


def test_a_plugins_exit_handler_and_unclosed_file_still_run(tmp_path: Path) -> None:
    """A run that loaded a plugin exits normally: its exit handler runs and a file it left
    open is flushed by the interpreter's teardown, as before the quick path."""
    import os

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "plug.py").write_text(
        "import atexit\n"
        "from govcheck import hookimpl\n"
        "log = open('log.txt', 'w')\n"
        "log.write('written')\n"
        "atexit.register(lambda: open('atexit.txt', 'w').write('ran'))\n\n"
        "@hookimpl\n"
        "def govcheck_register_reporters(register):\n"
        "    pass\n"
    )
    (repo / ".govcheck.toml").write_text('plugins = ["plug.py"]\n')
    (repo / "c.yaml").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    assert quick(["c.yaml"]) is not None
    proc = subprocess.run(
        [sys.executable, "-m", "govcheck", "check", "c.yaml"], capture_output=True, text=True, cwd=repo,
        env={**os.environ, "GOVCHECK_TRUST": str(repo)}, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (repo / "atexit.txt").read_text() == "ran"
    assert (repo / "log.txt").read_text() == "written"
