"""--jobs: worker processes give the same results, in the same order, as one process."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import REFERENCE, run_cli

from govcheck import batch
from govcheck.engine import Engine
from govcheck.plugins import load_registry


def _batch(tmp_path: Path) -> Path:
    """A directory of compliant, failing, invalid and unreadable documents."""
    text = REFERENCE.read_text(encoding="utf-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(9):
        (folder / f"ok-{i}.yaml").write_text(
            text.replace("Wessex Coast Integrated Care System", f"ICS {i}", 1)
        )
    (folder / "unknown-key.yaml").write_text(text.replace("\nboard:\n", "\nbord: {}\nboard:\n", 1))
    (folder / "no-chair.yaml").write_text(
        text.replace("roles: [chair]", "roles: [non_executive]", 1)
    )
    (folder / "syntax.yaml").write_text("govcheck: 1\nboard: [unclosed\n")
    (folder / "not-utf8.yaml").write_bytes(b"govcheck: 1\nname: \xff\n")
    return folder


def test_cli_jobs_output_is_identical(tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    one = run_cli("check", "--jobs", "1", "--format", "json", str(folder))
    two = run_cli("check", "--jobs", "2", "--format", "json", str(folder))
    three = run_cli("check", "-j", "3", "--format", "text", str(folder))
    assert one.returncode == two.returncode == three.returncode == 1
    assert one.stdout == two.stdout
    assert '"documents": 13' in one.stdout
    assert "syntax.yaml" in three.stdout and "GOV006" in three.stdout
    assert two.stderr == ""  # no progress bar when standard error is not a terminal


def test_engine_results_keep_the_order_of_the_paths(tmp_path: Path) -> None:
    folder = _batch(tmp_path)
    paths = [*sorted(folder.glob("*.yaml"), key=lambda p: p.name[::-1]), folder / "missing.yaml"]
    engine = Engine(load_registry(entry_points=False), keep_documents=False)
    serial = engine.check_paths(paths, jobs=1)
    parallel = engine.check_paths(paths, jobs=2)
    assert [r.file for r in parallel] == [str(p) for p in paths]
    assert parallel == serial
    assert [f.rule for f in serial[-1].findings] == ["GOV001"]  # the missing file, last as given


def test_jobs_must_be_positive() -> None:
    proc = run_cli("check", "--jobs", "0", str(REFERENCE))
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr


def test_default_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert [batch.default_jobs(n) for n in (0, 1, 2, 15, 16, 24, 32, 1000)] == [1, 1, 1, 1, 2, 3, 4, 4]


def test_progress_bar_only_for_long_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    engine = Engine(load_registry(entry_points=False))
    paths = [REFERENCE] * 3
    engine.check_paths(paths, jobs=1, progress=True)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(batch, "PROGRESS_MIN_FILES", 3)
    engine.check_paths(paths, jobs=1, progress=True)
    err = capsys.readouterr().err
    assert "\rchecked 1/3 [" in err
    assert "\rchecked 3/3 [" + "#" * batch.Progress.WIDTH + "]" in err
    assert err.endswith("\r")  # the bar is erased before the report is printed


def test_progress_redraws_at_most_ten_times_a_second() -> None:
    now = [0.0]
    out = io.StringIO()
    bar = batch.Progress(100, out, clock=lambda: now[0])
    bar.update(1)
    now[0] = 0.05
    bar.update(2)  # too soon: skipped
    now[0] = 0.2
    bar.update(50)
    bar.update(100)  # the last update is always drawn
    assert out.getvalue().count("\rchecked") == 3
    assert "checked 2/100" not in out.getvalue()
    assert "\rchecked 50/100 [" + "#" * 15 + "." * 15 + "]" in out.getvalue()


def test_kept_documents_are_checked_in_this_process(tmp_path: Path) -> None:
    """The HTML report keeps each document's model, which cannot cross processes."""
    folder = _batch(tmp_path)
    paths = sorted(folder.glob("*.yaml"))
    engine = Engine(load_registry(entry_points=False), keep_documents=True)
    results = engine.check_paths(paths, jobs=2)
    assert [r.file for r in results] == [str(p) for p in paths]
    assert results[0].model is not None
