"""The forked runs of tests/cli_process.py see what a new interpreter would: here, the
``sys.path`` a PYTHONPATH gives (relative and repeated entries included), compared with a
run of ``python -m govcheck`` in a new interpreter (GOVCHECK_TEST_EXEC=1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli_process import run_govcheck
from tests.conftest import REFERENCE, ROOT

SHOW = 'import sys\nprint("SYS.PATH", sys.path, file=sys.stderr)\n'


def test_a_forked_run_has_the_sys_path_of_a_new_interpreter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "show.py").write_text(SHOW)
    site = tmp_path / "site"
    site.mkdir()
    pythonpath = os.pathsep.join([str(site), "relative-dir", str(ROOT), str(site)])
    env = {**os.environ, "PYTHONPATH": pythonpath}
    args = ["check", "--plugin", str(tmp_path / "show.py"), str(REFERENCE)]

    def shown() -> list[str]:
        run = run_govcheck(args, tmp_path, None, env, 120)
        assert run.returncode == 0, run.stderr
        return [line for line in run.stderr.splitlines() if line.startswith("SYS.PATH")]

    forked = shown()
    monkeypatch.setenv("GOVCHECK_TEST_EXEC", "1")
    assert forked == shown()
    assert forked[0].startswith(f"SYS.PATH [{str(tmp_path)!r}, {str(site)!r}, {str(tmp_path / 'relative-dir')!r}, ")
