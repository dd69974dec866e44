"""Configuration values and baselines within bounds (issue 14 item 13).

Out-of-range numbers, deeply nested TOML or JSON, huge integers, and a FIFO or /dev/zero as
a baseline or configuration file: exit 2 with one line, never a traceback or a hang. Each
run has a timeout, so a hang fails the test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, run_cli

TIMEOUT_RANGE = "must be a number of seconds from 0 to 3600 (0: no limit)"
BYTES_RANGE = "must be a whole number of bytes from 1 to 1,073,741,824"


def _one_line_exit_2(result, expected: str) -> None:
    assert result.returncode == 2
    assert result.stderr == f"govcheck: error: {expected}\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [("inf", "inf"), ("1e10", "10000000000.0"), ("nan", "nan"), ("1e400", "inf"), ("3600.5", "3600.5")],
)
def test_rule_timeout_out_of_range_on_the_command_line(value: str, shown: str) -> None:
    result = run_cli("check", str(REFERENCE), "--rule-timeout", value)
    _one_line_exit_2(result, f"--rule-timeout {TIMEOUT_RANGE}, not {shown}")


def test_rule_timeout_at_its_bounds_is_accepted() -> None:
    for value in ("0", "3600"):
        assert run_cli("check", str(REFERENCE), "--rule-timeout", value).returncode == 0


def test_max_bytes_beyond_its_bound() -> None:
    result = run_cli("check", str(REFERENCE), "--max-bytes", "9" * 30)
    _one_line_exit_2(result, f"--max-bytes {BYTES_RANGE}, not {'9' * 30}")


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("rule-timeout = 1e10\n", f"option 'rule-timeout' {TIMEOUT_RANGE}, not 10000000000.0"),
        ("rule-timeout = inf\n", f"option 'rule-timeout' {TIMEOUT_RANGE}, not inf"),
        ("rule-timeout = nan\n", f"option 'rule-timeout' {TIMEOUT_RANGE}, not nan"),
        ("max-bytes = 99999999999999999999\n", f"option 'max-bytes' {BYTES_RANGE}, not 99999999999999999999"),
        ("max-bytes = " + "9" * 5000 + "\n", "not valid TOML: a number of more than 4,300 digits"),
        ("a = " + "[" * 50_000 + "]" * 50_000 + "\n", "not valid TOML: nested too deeply"),
    ],
    ids=["timeout-1e10", "timeout-inf", "timeout-nan", "bytes-huge", "int-5000-digits", "deep"],
)
def test_configuration_values_out_of_range(tmp_path: Path, toml: str, expected: str) -> None:
    config = tmp_path / ".govcheck.toml"
    config.write_text(toml)
    for args in (["--config", str(config)], []):  # named, and found by the upward search
        doc = tmp_path / "c.yaml"
        doc.write_text(REFERENCE.read_text())
        result = run_cli("check", str(doc), *args, cwd=tmp_path)
        _one_line_exit_2(result, f"{config}: {expected}")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "not a govcheck baseline (nested too deeply)"),
        ('{"format": "govcheck-baseline", "version": ' + "9" * 5000 + "}", "not JSON: a number of more than 4,300 digits"),
    ],
    ids=["deep", "huge-int"],
)
def test_hostile_baseline_content(tmp_path: Path, content: str, expected: str) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_text(content)
    result = run_cli("check", str(REFERENCE), "--baseline", str(baseline))
    _one_line_exit_2(result, f"baseline {baseline}: {expected}")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
@pytest.mark.parametrize("option", ["--baseline", "--config"])
def test_a_fifo_or_dev_zero_is_refused_without_blocking(tmp_path: Path, kind: str, option: str) -> None:
    if kind == "fifo":
        target = tmp_path / "special"
        os.mkfifo(target)
    else:
        target = Path("/dev/zero")
        if not target.is_char_device():
            pytest.skip("no /dev/zero")
    what = "baseline" if option == "--baseline" else "configuration file"
    result = run_cli("check", str(REFERENCE), option, str(target))  # run_cli times out at 120 s
    _one_line_exit_2(result, f"{what} {target}: not a regular file (a FIFO, device or socket)")


def test_an_oversized_configuration_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "big.toml"
    config.write_text("# padding\n" * 120_000)  # 1.2 MB of comments
    result = run_cli("check", str(REFERENCE), "--config", str(config))
    _one_line_exit_2(result, f"configuration file {config}: larger than the 1,048,576-byte limit")


@pytest.mark.parametrize("option", ["--baseline", "--config"])
def test_a_directory_is_refused_in_one_line(tmp_path: Path, option: str) -> None:
    """A directory given as the baseline or configuration file was an IsADirectoryError
    traceback (os.fdopen refuses a directory before the regular-file check ran)."""
    what = "baseline" if option == "--baseline" else "configuration file"
    result = run_cli("check", str(REFERENCE), option, str(tmp_path))
    _one_line_exit_2(result, f"{what} {tmp_path}: not a regular file (a directory)")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
def test_a_rule_pack_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    """`--rule-pack /dev/zero` read without end until the kernel killed the process, and a
    FIFO blocked forever: a rule pack is read like a configuration file now."""
    if kind == "fifo":
        target = tmp_path / "special"
        os.mkfifo(target)
    elif kind == "directory":
        target = tmp_path
    else:
        target = Path("/dev/zero")
        if not target.is_char_device():
            pytest.skip("no /dev/zero")
    what = "a directory" if kind == "directory" else "a FIFO, device or socket"
    result = run_cli("check", str(REFERENCE), "--rule-pack", str(target))
    _one_line_exit_2(result, f"rule pack {target}: not a regular file ({what}) (plugin 'local:{target}')")


def test_a_plugin_path_that_is_not_a_regular_file_says_so(tmp_path: Path) -> None:
    """`--plugin /dev/zero` or a folder was reported as 'no such file'."""
    folder = tmp_path / "plugin_dir"
    folder.mkdir()
    result = run_cli("check", str(REFERENCE), "--plugin", str(folder))
    _one_line_exit_2(result, f"plugin '{folder}': {folder} is not a regular file")
    missing = run_cli("check", str(REFERENCE), "--plugin", f"{tmp_path}/gone.py")
    _one_line_exit_2(missing, f"plugin '{tmp_path}/gone.py': no such file {tmp_path}/gone.py")
