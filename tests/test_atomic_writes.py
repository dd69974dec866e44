"""Files govcheck writes (``--output``, ``--format NAME:FILE``, baselines through
``govcheck.fileio.write_atomic``) are replaced whole or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from govcheck.fileio import write_atomic
from tests.conftest import REFERENCE, ROOT
from tests.sandbox import assert_clean, run_limited

PREVIOUS = "the previous report\n"

FAILING_REPORTER = textwrap.dedent(
    '''
    from govcheck.hookspecs import hookimpl
    from govcheck.reporters.base import Reporter

    def render(report):
        raise RuntimeError("the reporter broke half-way")

    @hookimpl
    def govcheck_register_reporters(register):
        register(Reporter("boom", render, "always fails"))
    '''
)

# Makes the rename that completes an atomic write wait for ever, after the temporary file is
# complete: the test then SIGKILLs the process at exactly the worst moment.
STALL_BEFORE_RENAME = textwrap.dedent(
    '''
    import os
    import time
    from pathlib import Path

    import govcheck.fileio as fileio

    class _StallingOs:
        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def replace(src, dst):
            Path(os.environ["GOVCHECK_TEST_MARKER"]).write_text(str(src))
            time.sleep(600)

    fileio.os = _StallingOs()
    '''
)


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_a_failing_reporter_leaves_every_output_file_as_it_was(tmp_path: Path) -> None:
    plugin = tmp_path / "boom.py"
    plugin.write_text(FAILING_REPORTER)
    first, second = tmp_path / "report.json", tmp_path / "report.txt"
    first.write_text(PREVIOUS)
    second.write_text(PREVIOUS)
    result = run_limited(
        "check", str(REFERENCE), "--plugin", str(plugin), "--format", f"json:{first}", "--format", f"boom:{second}"
    )
    assert_clean(result, 2)
    assert (
        f"govcheck: error: report format 'boom' (plugin '{plugin}') failed: "
        "RuntimeError: the reporter broke half-way"
    ) in result.stderr
    # json rendered fine, but nothing is written until every format has rendered.
    assert first.read_text() == PREVIOUS
    assert second.read_text() == PREVIOUS
    assert _leftovers(tmp_path) == []


def test_sigkill_between_write_and_rename_leaves_the_previous_file(tmp_path: Path) -> None:
    plugin = tmp_path / "stall.py"
    plugin.write_text(STALL_BEFORE_RENAME)
    out = tmp_path / "report.json"
    out.write_text(PREVIOUS)
    marker = tmp_path / "stalled"
    proc = subprocess.Popen(
        [sys.executable, "-m", "govcheck", "check", str(REFERENCE), "--plugin", str(plugin), "-f", "json", "-o", str(out)],
        cwd=ROOT,
        env={**os.environ, "GOVCHECK_TEST_MARKER": str(marker)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        # the marker is written (not atomically) just before the rename: wait for its content
        while not (marker.exists() and marker.read_text()):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the run never reached the rename"
            time.sleep(0.05)
    finally:
        proc.kill()  # SIGKILL: no handler, no cleanup
        proc.communicate()
    assert proc.returncode == -9
    assert out.read_text() == PREVIOUS
    # The new report was complete in its temporary file; only the rename was lost.
    temp = Path(marker.read_text())
    assert temp.parent == tmp_path and temp.name.startswith(".report.json.")
    assert json.loads(temp.read_text())["exit_code"] == 0


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "report.json"
    result = run_limited("check", str(REFERENCE), "-f", "json", "-o", str(target))
    assert_clean(result, 2)
    assert f"govcheck: error: cannot write the json report to {target}: No such file or directory" in result.stderr


def test_output_replaces_the_file_and_prints_nothing(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text(PREVIOUS)
    result = run_limited("check", str(REFERENCE), "-f", "json", "-o", str(out))
    assert_clean(result, 0)
    assert result.stdout == ""
    assert json.loads(out.read_text())["exit_code"] == 0
    assert _leftovers(tmp_path) == []


def test_write_atomic_failure_mid_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "baseline.json"
    target.write_text(PREVIOUS)

    def disk_error(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", disk_error)  # after the text is written, before the rename
    with pytest.raises(OSError, match="Input/output error"):
        write_atomic(target, "a new baseline")
    assert target.read_text() == PREVIOUS
    assert _leftovers(tmp_path) == []


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "shared-report.txt"
    target.write_text(PREVIOUS)
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.txt"
    umask = os.umask(0o022)
    try:
        write_atomic(fresh, "x")
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
