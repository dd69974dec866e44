"""What a folder walk cannot check is said, never dropped: a symbolic link to nothing, a
loop of links, a link leading outside the folder or to a folder, a subfolder that cannot be
read. Each is a warning on standard error naming it (even with --quiet), the rest of the run
goes on, and a folder the user named that cannot be read is an error (exit 2). A FIFO or
socket is a GOV001 finding. Names the system refuses (too long) are errors, not tracebacks."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from govcheck.api import check_file
from tests.conftest import REFERENCE, run_cli

NOTHING = "is a symbolic link to nothing (its target is missing, or a loop of links)"
OUTSIDE = "is a symbolic link leading outside the folder: not followed (name it to check it)"
FOLDER_LINK = "is a symbolic link to a folder: not followed"


def _warning(path: Path | str, reason: str) -> str:
    return f"govcheck: warning: not checked: {path} {reason}\n"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "c.yaml").write_text(REFERENCE.read_text())
    return folder


def _checked(stdout: str) -> list[str]:
    return [Path(d["file"]).name for d in json.loads(stdout)["documents"]]


def test_links_to_nothing_are_named_and_the_rest_is_checked(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "gone.yaml").symlink_to(folder / "removed.yaml")  # dangling, pointing inside
    (folder / "gone-out.yaml").symlink_to(tmp_path / "removed.yaml")  # dangling, pointing outside
    (folder / "loop-a.yaml").symlink_to("loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to("loop-a.yaml")
    result = run_cli("check", str(folder), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert _checked(result.stdout) == ["c.yaml"]
    assert result.stderr == "".join(
        _warning(folder / name, NOTHING) for name in ("gone-out.yaml", "gone.yaml", "loop-a.yaml", "loop-b.yaml")
    )


def test_links_leading_outside_or_to_a_folder_are_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (tmp_path / "elsewhere.yaml").write_text(REFERENCE.read_text())
    (folder / "out.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (folder / "again").symlink_to(folder, target_is_directory=True)
    (folder / "twin.yaml").symlink_to(folder / "c.yaml")  # inside: checked, nothing said
    result = run_cli("check", str(folder), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert _checked(result.stdout) == ["c.yaml", "twin.yaml"]
    assert result.stderr == _warning(folder / "again", FOLDER_LINK) + _warning(folder / "out.yaml", OUTSIDE)


def test_the_warning_is_given_with_quiet_too(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "gone.yaml").symlink_to(folder / "removed.yaml")
    result = run_cli("check", str(folder), "--quiet")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == _warning(folder / "gone.yaml", NOTHING)


def test_a_folder_holding_only_a_link_to_nothing_is_a_usage_error_after_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "gone.yaml").symlink_to(folder / "removed.yaml")
    result = run_cli("check", str(folder))
    assert result.returncode == 2
    assert result.stderr == _warning(folder / "gone.yaml", NOTHING) + (
        f"govcheck: error: no constitution files (*.yaml, *.yml) found in {folder}\n"
    )


def test_a_socket_in_a_folder_is_a_finding_saying_what_it_is(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "sock.yaml"))
        result = run_cli("check", str(folder), "-f", "json")
    finally:
        server.close()
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    [doc] = [d for d in json.loads(result.stdout)["documents"] if d["file"].endswith("sock.yaml")]
    [finding] = doc["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("GOV001", 1, 1)
    assert finding["message"] == "cannot read file: not a regular file"


def _deep(folder: Path) -> Path:
    """Nest folders under ``folder`` until a path is longer than the system takes (4,096 bytes
    on Linux); the first one too long, which a walk cannot list, even as root."""
    name = "d" * 250
    fd = os.open(folder, os.O_RDONLY)
    path = folder
    too_long = None
    try:
        while too_long is None:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
            path = path / name
            if len(os.fsencode(path)) >= 4096:
                too_long = path
        os.close(os.open("deep.yaml", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    return too_long


def test_a_subfolder_that_cannot_be_listed_is_named_and_the_rest_is_checked(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    too_long = _deep(folder)
    result = run_cli("check", str(folder), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert _checked(result.stdout) == ["c.yaml"]
    assert result.stderr == _warning(too_long, "cannot be read: File name too long")


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root reading")
def test_an_unreadable_subfolder_is_named_and_a_named_one_is_an_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "x.yaml").write_text(REFERENCE.read_text())
    locked.chmod(0)
    try:
        result = run_cli("check", str(folder), "-f", "json")
        named = run_cli("check", str(locked))
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert _checked(result.stdout) == ["c.yaml"]
    assert result.stderr == _warning(locked, "cannot be read: Permission denied")
    assert (named.returncode, named.stdout) == (2, "")
    assert named.stderr == f"govcheck: error: {locked} cannot be read: Permission denied\n"


def test_the_api_report_lists_what_the_walk_could_not_check(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "gone.yaml").symlink_to(folder / "removed.yaml")
    report = check_file(folder, entry_points=False)
    assert [Path(d.file).name for d in report.documents] == ["c.yaml"]
    assert report.unread == [(str(folder / "gone.yaml"), NOTHING)]


def test_baseline_refuses_a_path_that_does_not_exist_and_names_links_to_nothing(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    missing = run_cli("baseline", str(tmp_path / "nope.yaml"), "-o", str(out))  # wrote a baseline of GOV001
    assert (missing.returncode, missing.stderr) == (2, f"govcheck: error: no such file or directory: {tmp_path / 'nope.yaml'}\n")
    assert not out.exists()
    folder = _folder(tmp_path)
    (folder / "gone.yaml").symlink_to(folder / "removed.yaml")
    walked = run_cli("baseline", str(folder), "-o", str(out))
    assert walked.returncode == 0
    assert walked.stderr == _warning(folder / "gone.yaml", NOTHING)
    assert walked.stdout == f"wrote 0 finding(s) from 1 document(s) to {out}\n"


# -- names the system refuses: pathlib's exists() and is_file() raise for them ----------------

LONG = "a" * 300  # a file name is at most 255 bytes on common file systems


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", f"{LONG}.yaml"], f"cannot read {LONG}.yaml: File name too long"),
        (["check", f"{LONG}*.yaml"], f"cannot read {LONG}*.yaml: File name too long"),
        (["baseline", f"{LONG}.yaml"], f"cannot read {LONG}.yaml: File name too long"),
        (
            ["check", str(REFERENCE), "--config", f"{LONG}.toml"],
            f"configuration file {{cwd}}/{LONG}.toml: cannot read: File name too long",
        ),
        (
            ["diff", str(REFERENCE), f"{LONG}.yaml"],
            f"no such file: {LONG}.yaml (for a version in git, give REVISION:PATH, e.g. HEAD~1:{LONG}.yaml)",
        ),
        (["init", f"{LONG}/x.yaml"], f"cannot write {LONG}/x.yaml: File name too long"),
        (["rules", "--format", "markdown", "--fixtures", LONG], f"--fixtures: no such directory: {LONG}"),
        (["lsp", "--config", f"{LONG}.toml"], f"--config {LONG}.toml: no such file"),
    ],
    ids=["check", "glob", "baseline", "config", "diff", "init", "rules-fixtures", "lsp-config"],
)
def test_a_name_too_long_is_an_error_not_a_traceback(args: list[str], message: str, tmp_path: Path) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"govcheck: error: {message.format(cwd=tmp_path)}\n"
    assert list(tmp_path.iterdir()) == []


def test_config_for_a_name_too_long_shows_the_working_directorys(tmp_path: Path) -> None:
    result = run_cli("config", f"{LONG}.yaml", cwd=tmp_path)  # used to end in a traceback
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == run_cli("config", "c.yaml", cwd=tmp_path).stdout


def test_a_stdin_filename_too_long_is_only_a_label(tmp_path: Path) -> None:
    result = run_cli("check", "-", "--stdin-filename", f"{LONG}.yaml", "-f", "json", cwd=tmp_path, input=REFERENCE.read_text())
    assert result.returncode == 0, result.stderr
    assert [d["file"] for d in json.loads(result.stdout)["documents"]] == [f"{LONG}.yaml"]
