"""--output never replaces what is not a regular file (issue 14 item 6).

A device or a FIFO (or a symlink to one) is written through or refused, never replaced;
``-o -`` and ``-o /dev/stdout`` mean standard output; ``/dev/full`` is exit 2 with a message.
Run as root these tests are the ones that matter: root may replace anything in /dev.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from govcheck.fileio import write_output
from tests.conftest import REFERENCE, ROOT, run_cli


def _null_device(folder: Path) -> Path:
    """A private null device node (root only), so the test never depends on /dev/null."""
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("creating a device node needs root")
    return node


def _expected_text() -> str:
    return run_cli("check", str(REFERENCE)).stdout


def test_a_device_is_written_through_never_replaced(tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    link = tmp_path / "link-to-device"
    link.symlink_to(device)
    for target in (device, link):
        result = run_cli("check", str(REFERENCE), "-o", str(target))
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
        assert stat.S_ISCHR(os.stat(device).st_mode)
        assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link-to-device", "null"]  # no temporary file left


@pytest.mark.skipif(not Path("/dev/full").exists() or not stat.S_ISCHR(os.stat("/dev/full").st_mode),
                    reason="no /dev/full")
def test_dev_full_is_exit_2_with_a_message() -> None:
    result = run_cli("check", str(REFERENCE), "-o", "/dev/full")
    assert result.returncode == 2
    assert result.stderr == "govcheck: error: cannot write the text report to /dev/full: No space left on device\n"
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "govcheck", "check", str(REFERENCE)],
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == (
        "govcheck: error: cannot write the text report to standard output: No space left on device\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_mean_standard_output(tmp_path: Path, name: str) -> None:
    result = run_cli("check", str(REFERENCE), "-o", name, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == _expected_text()
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    assert Path("/dev/stdout").is_symlink()
    again = run_cli("check", str(REFERENCE), "--format", f"json:{name}", cwd=tmp_path)
    assert again.stdout.startswith("{") and list(tmp_path.iterdir()) == []


def test_a_fifo_without_a_reader_is_refused_not_replaced_and_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    result = run_cli("check", str(REFERENCE), "-o", str(fifo))
    assert result.returncode == 2
    assert result.stderr == (
        f"govcheck: error: cannot write the text report to {fifo}: a FIFO with no reader, or a socket: not written\n"
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_with_a_reader_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    # the reader has the FIFO open once open() returns in the thread; give the writer a moment
    # by retrying: a refused write (no reader yet) is exit 2 and leaves the FIFO intact
    for _ in range(50):
        result = run_cli("check", str(REFERENCE), "-o", str(link))
        if result.returncode == 0:
            break
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert received == [_expected_text().encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()


def test_a_symlink_to_a_regular_file_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = run_cli("check", str(REFERENCE), "-o", str(link))
    assert result.returncode == 0
    assert link.is_symlink() and real.read_text() == _expected_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_directory_is_refused(tmp_path: Path) -> None:
    result = run_cli("check", str(REFERENCE), "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"govcheck: error: cannot write the text report to {tmp_path}: it is a directory\n"


def test_baseline_and_rules_outputs_share_the_same_rules(tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    assert run_cli("baseline", str(REFERENCE), "-o", str(device)).returncode == 0
    assert run_cli("rules", "-o", str(device)).returncode == 0
    assert stat.S_ISCHR(os.stat(device).st_mode)
    out = run_cli("baseline", str(REFERENCE), "-o", "-", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("{")
    assert out.stderr.startswith("wrote 0 finding(s)")


def test_write_output_never_writes_invalid_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_output(target, "name \udcff here\n")
    assert target.read_bytes().decode("utf-8") == "name \\udcff here\n"


# -- `govcheck init PATH` and `govcheck diff -f NAME:FILE` write the same way (they used to
# replace whatever was there atomically: as root, `init --force /dev/null` made /dev/null a
# regular file, and /dev/full "succeeded")


def _diff_args(target: Path) -> list[str]:
    return ["diff", str(REFERENCE), str(REFERENCE), "-f", f"text:{target}"]


@pytest.mark.parametrize("command", ["init", "diff"])
def test_init_and_diff_write_through_a_device_never_replace_it(tmp_path: Path, command: str) -> None:
    device = _null_device(tmp_path)
    args = ["init", "--force", str(device)] if command == "init" else _diff_args(device)
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary file left


@pytest.mark.parametrize("command", ["init", "diff"])
def test_init_and_diff_refuse_a_fifo_without_a_reader(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = ["init", "--force", str(fifo)] if command == "init" else _diff_args(fifo)
    result = run_cli(*args, cwd=tmp_path)
    what = f"cannot write {fifo}" if command == "init" else f"cannot write the text diff to {fifo}"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"govcheck: error: {what}: a FIFO with no reader, or a socket: not written\n"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists() or not stat.S_ISCHR(os.stat("/dev/full").st_mode),
                    reason="no /dev/full")
@pytest.mark.parametrize("command", ["init", "diff"])
def test_init_and_diff_to_dev_full_are_exit_2(tmp_path: Path, command: str) -> None:
    args = ["init", "--force", "/dev/full"] if command == "init" else _diff_args(Path("/dev/full"))
    result = run_cli(*args, cwd=tmp_path)
    what = "cannot write /dev/full" if command == "init" else "cannot write the text diff to /dev/full"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"govcheck: error: {what}: No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_init_dash_writes_the_constitution_to_standard_output(tmp_path: Path) -> None:
    result = run_cli("init", "-", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    written = run_cli("init", "c.yaml", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    # the same text; only the $schema line differs (no folder to write the schema beside)
    printed, in_file = result.stdout.split("\n", 1), (tmp_path / "c.yaml").read_text().split("\n", 1)
    assert printed[1] == in_file[1]
    assert in_file[0] == "# yaml-language-server: $schema=constitution-v1.schema.json"
    assert printed[0].startswith("# yaml-language-server: $schema=file:///")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml", "constitution-v1.schema.json"]  # no file named '-'
