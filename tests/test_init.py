"""`govcheck init`: a constitution that loads, whose findings are exactly its TODO comments."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from govcheck.scaffold import TODO, todos
from tests.conftest import run_cli


def _findings(path: Path, cwd: Path) -> list[tuple[str, int]]:
    import json

    result = run_cli("check", path.name, "-f", "json", "--fail-on", "never", cwd=cwd)
    assert result.returncode == 0, result.stderr
    (doc,) = json.loads(result.stdout)["documents"]
    return [(f["rule"], f["line"]) for f in doc["findings"]]


def test_the_skeleton_loads_and_its_findings_are_exactly_its_todos(tmp_path: Path) -> None:
    written = run_cli("init", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    path = tmp_path / "constitution.yaml"
    text = path.read_text()
    found = _findings(path, tmp_path)
    assert found, "a skeleton leaves work to do"
    assert not [rule for rule, _ in found if rule in ("GOV001", "GOV002", "GOV003", "GOV004", "GOV005", "GOV006")]
    assert Counter(todos(text)) == Counter(rule for rule, _ in found)
    assert written.stdout == f"wrote constitution.yaml: {len(found)} TODO(s) to deal with; `govcheck check constitution.yaml` lists them\n"
    lines = text.splitlines()
    end = lines.index("# Still to write: sections this constitution does not have yet (docs/format.md).")
    for rule, line in found:
        # the TODO is in the comment block right above its line, or in the list at the end
        above = []
        i = line - 2
        while i >= 0 and lines[i].lstrip().startswith("#"):
            above.append(lines[i].strip())
            i -= 1
        at_end = [ln for ln in lines[end:] if ln.startswith(f"{TODO}{rule}:")]
        assert any(ln.startswith(f"{TODO}{rule}:") for ln in above) or at_end, (rule, line)


def test_the_schema_line_still_works_after_the_file_is_moved(tmp_path: Path) -> None:
    run_cli("init", "draft.yaml", cwd=tmp_path)
    moved = tmp_path / "elsewhere" / "deeper" / "draft.yaml"
    moved.parent.mkdir(parents=True)
    shutil.move(tmp_path / "draft.yaml", moved)
    first = moved.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file:///")
    schema = Path(unquote(urlparse(first.split("$schema=", 1)[1]).path))
    assert schema.is_absolute() and schema.is_file()
    assert schema.read_text() == run_cli("schema").stdout


def test_from_the_reference_with_a_choice_of_profile(tmp_path: Path) -> None:
    plain = run_cli("init", "ref.yaml", "--from", "reference", cwd=tmp_path)
    assert plain.returncode == 0
    assert todos((tmp_path / "ref.yaml").read_text()) == []
    assert _findings(tmp_path / "ref.yaml", tmp_path) == []
    hp = run_cli("init", "hp.yaml", "--from", "reference", "--profile", "health-and-prosperity", cwd=tmp_path)
    assert hp.returncode == 0
    text = (tmp_path / "hp.yaml").read_text()
    assert "profiles: [health-and-prosperity]" in text
    found = _findings(tmp_path / "hp.yaml", tmp_path)
    assert found and Counter(todos(text)) == Counter(rule for rule, _ in found)
    assert all(rule.startswith("GOV9") for rule, _ in found)


@pytest.mark.parametrize("args", [[], ["--from", "nothing"]])
def test_refuses_to_overwrite_or_an_unknown_source(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "constitution.yaml").write_text("mine\n")
    result = run_cli("init", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "constitution.yaml").read_text() == "mine\n"
    assert result.stderr.startswith("govcheck: error: ")
