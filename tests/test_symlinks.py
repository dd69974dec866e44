"""Symlinks (issue 14 item 7): a directory walk does not follow a symlink that leads outside
the paths given; no report embeds the text of a file other than the checked document."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REFERENCE, run_cli

SECRET = "SECRET-TEXT-7c1f"


def _tree(tmp_path: Path) -> Path:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "notes.yaml").write_text(f"govcheck: 1\nname: {SECRET}\n")
    (outside / "sub").mkdir()
    (outside / "sub" / "more.yaml").write_text(f"govcheck: 1\nname: {SECRET}\n")
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "c.yaml").write_text(REFERENCE.read_text())
    (folder / "inside-link.yaml").symlink_to(folder / "c.yaml")  # stays inside: checked
    (folder / "leak.yaml").symlink_to(outside / "notes.yaml")
    (folder / "leak-dir").symlink_to(outside / "sub", target_is_directory=True)
    return folder


def test_a_walk_does_not_follow_links_outside_the_given_directory(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    out = tmp_path / "report.html"
    result = run_cli("check", str(folder), "-f", "json", "-f", f"html:{out}", "-f", f"markdown:{tmp_path / 'r.md'}")
    assert result.returncode == 0, result.stderr
    files = sorted(Path(d["file"]).name for d in json.loads(result.stdout)["documents"])
    assert files == ["c.yaml", "inside-link.yaml"]
    for text in (result.stdout, out.read_text(), (tmp_path / "r.md").read_text()):
        assert SECRET not in text


def test_a_link_named_explicitly_is_checked(tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    result = run_cli("check", str(folder / "leak.yaml"), "-f", "json")
    assert result.returncode == 1
    assert [Path(d["file"]).name for d in json.loads(result.stdout)["documents"]] == ["leak.yaml"]
