"""Signals (issue 14 item 10) and plugins that misbehave (item 14).

SIGTERM or SIGHUP to the main process stops the workers (no orphans), exits 128+n and leaves
no output file; a check that prints cannot corrupt the report on standard output; a check
raising KeyboardInterrupt or SystemExit is an error outcome (exit 2); a check that forks
cannot hang the run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT, run_cli

SLOW_PLUGIN = '''
import os, time
from pathlib import Path
from govcheck import check, hookimpl


@check("slow.sleeps")
def sleeps(doc, params):
    """Records its process id, then sleeps."""
    Path(os.environ["MARKERS"], str(os.getpid())).write_text("started")
    time.sleep(60)
    yield from ()


@hookimpl
def govcheck_register_checks(register):
    register(sleeps)


@hookimpl
def govcheck_register_rule_packs(register):
    register({"pack": "slow", "profile": "slow", "rules": [{
        "id": "SLO001", "slug": "slow-sleeps", "title": "Sleeps", "severity": "warning",
        "check": "slow.sleeps", "params": {}, "citations": [{"source": "Test plugin"}],
        "rationale": "Test.", "remediation": "Test.",
    }]})
'''


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie awaiting its parent's wait() is not running anything
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_signal_stops_workers_exits_128_plus_n_and_writes_nothing(tmp_path: Path, signame: str, jobs: str) -> None:
    plugin = tmp_path / "slow_plugin.py"
    plugin.write_text(SLOW_PLUGIN)
    markers = tmp_path / "markers"
    markers.mkdir()
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(4):
        (folder / f"c{i}.yaml").write_text(REFERENCE.read_text())
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "govcheck", "check", str(folder), "--plugin", str(plugin), "--jobs", jobs,
         "--rule-timeout", "120", "-f", f"json:{out / 'report.json'}", "-f", f"sarif:{out / 'report.sarif'}"],
        cwd=ROOT, env={**os.environ, "MARKERS": str(markers)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    want = int(jobs)
    while len(list(markers.iterdir())) < want and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p.name) for p in markers.iterdir()]
    assert len(workers) >= want, "the checks never started"
    proc.send_signal(getattr(signal, signame))
    stdout, stderr = proc.communicate(timeout=60)
    assert stdout == ""  # no partial report on standard output either
    assert proc.returncode == 128 + getattr(signal, signame), stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == []  # no report, no temporary file
    if jobs != "1":
        for pid in workers:
            for _ in range(100):
                if not _alive(pid):
                    break
                time.sleep(0.05)
            assert not _alive(pid), f"worker {pid} left running"


CHECKS = '''
import os, sys, time
from govcheck import Violation, check, hookimpl


@check("bad.prints")
def prints(doc, params):
    """Prints to standard output."""
    print("hello from a check")
    sys.stdout.write("{not json")
    yield Violation("/icb/name", "a finding")


@check("bad.interrupt")
def interrupt(doc, params):
    """Raises KeyboardInterrupt itself."""
    raise KeyboardInterrupt


@check("bad.exits")
def exits(doc, params):
    """Raises SystemExit."""
    sys.exit(3)


@check("bad.forks")
def forks(doc, params):
    """Forks; the child would run the rest of govcheck and hold the output pipe open."""
    if os.fork() == 0:
        time.sleep(60)
        os._exit(0)
    yield Violation("/icb/name", "forked")


@hookimpl
def govcheck_register_checks(register):
    for f in (prints, interrupt, exits, forks):
        register(f)


@hookimpl
def govcheck_register_rule_packs(register):
    rules = [{
        "id": f"BAD0{i}", "slug": f"bad-{name}", "title": name, "severity": "warning",
        "check": f"bad.{name}", "params": {}, "citations": [{"source": "Test plugin"}],
        "rationale": "Test.", "remediation": "Test.",
    } for i, name in enumerate(["prints", "interrupt", "exits", "forks"], start=1)]
    register({"pack": "bad", "profile": "bad", "rules": rules})
'''


@pytest.fixture()
def bad_plugin(tmp_path: Path) -> Path:
    plugin = tmp_path / "bad_plugin.py"
    plugin.write_text(CHECKS)
    return plugin


@pytest.mark.parametrize("timeout", ["10", "0"])  # a worker thread, and inline in the main thread
def test_a_printing_check_does_not_corrupt_json_on_stdout(bad_plugin: Path, timeout: str) -> None:
    result = run_cli("check", str(REFERENCE), "--plugin", str(bad_plugin), "--select", "BAD01",
                     "--rule-timeout", timeout, "-f", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)  # valid JSON: nothing else on standard output
    assert [f["message"] for f in data["documents"][0]["findings"]] == ["a finding"]
    assert result.stderr == (
        "govcheck: warning: a plugin printed to standard output while checking; it is not part of "
        "the report: hello from a check\\x0a{not json\n"
    )


@pytest.mark.parametrize("timeout", ["10", "0"])
@pytest.mark.parametrize(
    ("rule", "raised", "statement"),
    [("BAD02", "KeyboardInterrupt: ", "raise KeyboardInterrupt"), ("BAD03", "SystemExit: 3", "sys.exit(3)")],
)
def test_keyboardinterrupt_or_systemexit_from_a_check_is_an_error_outcome(
    bad_plugin: Path, timeout: str, rule: str, raised: str, statement: str
) -> None:
    result = run_cli("check", str(REFERENCE), "--plugin", str(bad_plugin), "--select", rule,
                     "--rule-timeout", timeout, "-f", "json")
    assert result.returncode == 2, result.stderr
    outcomes = json.loads(result.stdout)["documents"][0]["outcomes"]
    errors = [o for o in outcomes if o["status"] == "error"]
    assert [o["rule"] for o in errors] == [rule]
    line = CHECKS[: CHECKS.index(statement)].count("\n") + 1  # where it raised, for the plugin's author
    assert errors[0]["detail"].endswith(f"(plugin {str(bad_plugin)!r}) raised {raised} (at {bad_plugin}:{line})")


@pytest.mark.parametrize("timeout", ["10", "0"])
def test_a_check_that_forks_cannot_hang_the_run(bad_plugin: Path, timeout: str) -> None:
    started = time.monotonic()
    result = run_cli("check", str(REFERENCE), "--plugin", str(bad_plugin), "--select", "BAD04",
                     "--rule-timeout", timeout, "-f", "json")  # run_cli waits for the output pipe to close
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)  # one report: the child did not print a second
    assert [f["message"] for f in data["documents"][0]["findings"]] == ["forked"]
    assert time.monotonic() - started < 60  # the child's 60-second sleep never held the pipe
