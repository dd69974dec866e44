"""The test harness's memory ceiling (tests/sandbox.py) holds, whether the run is forked from
the zygote (tests/cli_process.py) or started as a new interpreter (GOVCHECK_TEST_EXEC=1): a
bound that regresses must fail its test, not pass because no ceiling was set."""

from __future__ import annotations

import pytest

from tests.conftest import REFERENCE
from tests.sandbox import assert_clean, run_limited


@pytest.mark.parametrize("exec_", [False, True], ids=["forked", "new-interpreter"])
def test_a_run_over_its_ceiling_fails_and_one_under_it_passes(monkeypatch: pytest.MonkeyPatch, exec_: bool) -> None:
    if exec_:
        monkeypatch.setenv("GOVCHECK_TEST_EXEC", "1")
    assert_clean(run_limited("check", str(REFERENCE)), 0)
    # 12 MB of address space: an interpreter starts in it, a check (~20 MB) does not
    assert run_limited("check", str(REFERENCE), memory_mb=12).returncode != 0
