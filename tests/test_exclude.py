"""Directory walks: --exclude GLOB, the exclude option, and rule packs beside constitutions
(issue 16 item 8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REFERENCE, ROOT
from tests.plugin_helpers import cli

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "drafts" / "old").mkdir(parents=True)
    (repo / "rules").mkdir()
    shutil.copy(REFERENCE, repo / "constitution.yaml")
    (repo / "drafts" / "broken.yaml").write_text("govcheck: 1\nboard: [\n")
    (repo / "drafts" / "old" / "older.yaml").write_text("govcheck: 1\n")
    shutil.copy(PACK, repo / "rules" / "local-rules.yaml")
    return repo


def _files(result) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(d["file"] for d in json.loads(result.stdout)["documents"])


def test_a_rule_pack_in_a_walked_folder_is_not_a_broken_constitution(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = cli("check", "-f", "json", ".", cwd=repo)
    assert _files(result) == ["constitution.yaml", "drafts/broken.yaml", "drafts/old/older.yaml"]
    # Named explicitly, a pack is checked as what it was given as: a constitution.
    named = cli("check", "-f", "json", "rules/local-rules.yaml", cwd=repo)
    assert _files(named) == ["rules/local-rules.yaml"]


def test_exclude_on_the_command_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = cli("check", "-f", "json", "--exclude", "drafts", ".", cwd=repo)
    assert result.returncode == 0, result.stdout
    assert _files(result) == ["constitution.yaml"]
    only_old = cli("check", "-f", "json", "--exclude", "old", "--exclude", "*.txt", ".", cwd=repo)
    assert _files(only_old) == ["constitution.yaml", "drafts/broken.yaml"]
    glob = cli("check", "-f", "json", "--exclude", "drafts/*.yaml", ".", cwd=repo)
    assert _files(glob) == ["constitution.yaml", "drafts/old/older.yaml"]


def test_exclude_in_configuration_is_relative_to_the_configuration_file(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / ".govcheck.toml").write_text('exclude = ["drafts/**"]\n')
    result = cli("check", "-f", "json", "drafts", ".", cwd=repo)
    assert _files(result) == ["constitution.yaml"]
    # from a subfolder, the pattern still means repo/drafts
    sub = cli("check", "-f", "json", ".", cwd=repo / "drafts")
    assert (sub.returncode, sub.stdout) == (2, "")  # nothing checked is no pass
    assert sub.stderr == (
        "govcheck: error: nothing left to check in .: every file found is excluded "
        "(--exclude, or exclude in the configuration) or a rule pack\n"
    )


def test_a_folder_whose_every_file_is_excluded_or_a_pack_is_an_error_not_a_pass(tmp_path: Path) -> None:
    """It used to report '0 document(s) checked ... compliant' and exit 0: a wrong pattern passed CI."""
    repo = _repo(tmp_path)
    result = cli("check", ".", "drafts", "--exclude", "*.yaml", cwd=repo)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "govcheck: note: skipped 1 YAML file(s) with no top-level 'govcheck:' key (not constitutions): "
        "rules/local-rules.yaml\n"
        "govcheck: error: nothing left to check in ., drafts: every file found is excluded "
        "(--exclude, or exclude in the configuration) or a rule pack\n"
    )


def test_a_baseline_of_a_folder_whose_every_file_is_excluded_is_an_error(tmp_path: Path) -> None:
    """It used to write an empty baseline: 'wrote 0 finding(s) from 0 document(s)'."""
    repo = _repo(tmp_path)
    (repo / ".govcheck.toml").write_text('exclude = ["*.yaml"]\n')
    result = cli("baseline", "drafts", "-o", "b.json", cwd=repo)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "govcheck: error: nothing left to check in drafts: every file found is excluded "
        "(exclude in the configuration) or a rule pack\n"
    )
    assert not (repo / "b.json").exists()


def test_a_file_named_explicitly_is_checked_even_when_excluded(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / ".govcheck.toml").write_text('exclude = ["drafts"]\n')
    result = cli("check", "-f", "json", "--exclude", "drafts", "drafts/broken.yaml", cwd=repo)
    assert _files(result) == ["drafts/broken.yaml"]


def test_exclude_must_be_a_list_of_globs(tmp_path: Path) -> None:
    (tmp_path / ".govcheck.toml").write_text("exclude = 3\n")
    shutil.copy(REFERENCE, tmp_path / "constitution.yaml")
    result = cli("check", "constitution.yaml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        f"govcheck: error: {tmp_path / '.govcheck.toml'}: option 'exclude' must be a list of strings, not 3\n",
    )
