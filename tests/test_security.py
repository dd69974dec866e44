"""The guarantees in docs/security.md that are not covered by the hostile, isolation,
atomic-write and property suites: no network, no processes, no code from documents, no
undeclared plugins, escaped HTML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govcheck.plugins import load_registry
from tests.conftest import FIXTURES, REFERENCE, ROOT
from tests.sandbox import assert_clean, run_limited

# Runs govcheck with a CPython audit hook that kills the process (exit 99, naming the event)
# on anything that opens a network connection, resolves a name, or starts a process.
AUDITED = """
import os, runpy, sys
FORBIDDEN = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
             "os.fork", "pty.spawn", "urllib.Request", "http.client.connect", "ftplib.", "smtplib.",
             "webbrowser.open", "ctypes.dlopen")
def hook(event, args):
    if event.startswith(FORBIDDEN):
        os.write(2, f"FORBIDDEN {event} {args!r}\\n".encode())
        os._exit(99)
sys.addaudithook(hook)
sys.argv[0] = "govcheck"
runpy.run_module("govcheck", run_name="__main__", alter_sys=True)
"""


def _audited(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", AUDITED, *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_no_network_and_no_processes_while_checking_every_fixture(tmp_path: Path) -> None:
    formats = sorted(load_registry([], entry_points=False).reporters)
    assert {"text", "json"} <= set(formats)
    paths = [str(FIXTURES / d) for d in ("valid", "invalid", "hostile")]
    args = ["check", *paths, "--fail-on", "never"]
    for name in formats:
        args += ["--format", f"{name}:{tmp_path / ('report.' + name)}"]
    result = _audited(*args)
    assert "FORBIDDEN" not in result.stderr, result.stderr
    assert_clean(result, 0)
    for name in formats:
        assert (tmp_path / f"report.{name}").stat().st_size > 0


def test_the_audit_hook_does_catch_a_process(tmp_path: Path) -> None:
    """The guard above can fail: a plugin that starts a process is stopped by it."""
    plugin = tmp_path / "spawns.py"
    plugin.write_text("import subprocess\nsubprocess.run(['true'])\n")
    result = _audited("check", str(REFERENCE), "--plugin", str(plugin))
    assert result.returncode == 99
    assert "FORBIDDEN subprocess.Popen" in result.stderr


PLANTED = """
from pathlib import Path
Path(__file__).with_name("PLANTED-PLUGIN-RAN").write_text("ran")
"""


def _console_script() -> Path:
    script = Path(sys.executable).with_name("govcheck")
    if not script.exists():
        pytest.skip("the govcheck console script is not installed beside this interpreter")
    return script


@pytest.mark.parametrize(
    "name", ["conftest.py", "govcheck_plugin.py", "plugin.py", "govcheck.py", "plugins/__init__.py"]
)
def test_a_plugin_file_beside_the_document_is_never_loaded_unless_declared(tmp_path: Path, name: str) -> None:
    """Run as users and pre-commit run it: the ``govcheck`` console script, in the draft's
    directory. (``python -m govcheck`` puts the working directory first on sys.path, so a
    planted ``govcheck.py`` would shadow the package: docs/security.md says to use the
    script, or ``python -P -m govcheck``, in an untrusted directory.)"""
    planted = tmp_path / name
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text(PLANTED)
    document = tmp_path / "constitution.yaml"
    document.write_text(REFERENCE.read_text())
    script = str(_console_script())
    result = subprocess.run([script, "check", "constitution.yaml"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert_clean(result, 0)
    assert not (planted.parent / "PLANTED-PLUGIN-RAN").exists()
    listed = subprocess.run([script, "plugins", "--format", "json"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert_clean(listed, 0)
    assert all(p["distribution"] != "(local)" for p in json.loads(listed.stdout))
    # Declared, it does run: the test above is not vacuous.
    if name != "govcheck.py" and "/" not in name:
        declared = subprocess.run(
            [script, "check", "constitution.yaml", "--plugin", name], capture_output=True, text=True, cwd=tmp_path, timeout=120
        )
        assert_clean(declared, 0)
        assert (planted.parent / "PLANTED-PLUGIN-RAN").exists()


def test_html_report_escapes_document_text(tmp_path: Path) -> None:
    if "html" not in load_registry([], entry_points=False).reporters:
        pytest.skip("no html format registered")
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    text = REFERENCE.read_text().replace("name: Cllr Bernadette Quinn", f"name: '{payload}'\n      roles: [chair]", 1)
    document = tmp_path / "xss.yaml"
    document.write_text(text)
    out = tmp_path / "report.html"
    result = run_limited("check", str(document), "--format", f"html:{out}", "--fail-on", "never")
    assert_clean(result, 0)
    html = out.read_text()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
