"""`govcheck init`: a constitution that loads, whose findings are exactly its TODO comments."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from govcheck.scaffold import TODO, todos
from tests.conftest import run_cli


def _findings(path: Path, cwd: Path) -> list[tuple[str, int]]:
    result = run_cli("check", path.name, "-f", "json", "--fail-on", "never", cwd=cwd)
    assert result.returncode == 0, result.stderr
    (doc,) = json.loads(result.stdout)["documents"]
    return [(f["rule"], f["line"]) for f in doc["findings"]]


def _todo_comments(text: str) -> list[tuple[str, object, str]]:
    """Each TODO comment as (rule, where, words): where is the line number of the first line
    after its comment block (the line it is about), or "end" in the list at the end."""
    lines = text.splitlines()
    end = lines.index("# Still to write: sections this constitution does not have yet (docs/format.md).")
    out: list[tuple[str, object, str]] = []
    for i, line in enumerate(lines):
        if not line.strip().startswith(TODO):
            continue
        words = [line.strip()[len(TODO) :]]
        j = i + 1
        while j < len(lines) and lines[j].strip().startswith("#   "):
            words.append(lines[j].strip()[len("#   ") :])
            j += 1
        while j < len(lines) and lines[j].lstrip().startswith("#"):  # the next TODO of the same line
            j += 1
        rule, said = " ".join(words).split(": ", 1)
        out.append((rule, "end" if i > end else j + 1, said))
    return out


def test_the_skeleton_loads_and_its_findings_are_exactly_its_todos(tmp_path: Path) -> None:
    written = run_cli("init", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    path = tmp_path / "constitution.yaml"
    text = path.read_text()
    result = run_cli("check", path.name, "-f", "json", "--fail-on", "never", cwd=tmp_path)
    (doc,) = json.loads(result.stdout)["documents"]
    found = doc["findings"]
    assert found, "a skeleton leaves work to do"
    assert not [f for f in found if f["rule"] in ("GOV001", "GOV002", "GOV003", "GOV004", "GOV005", "GOV006")]
    assert written.stdout == (
        "wrote constitution.yaml and its schema constitution-v1.schema.json: "
        f"{len(found)} TODO(s) to deal with; `govcheck check constitution.yaml` lists them\n"
    )
    # One to one, by line: each finding is a TODO right above the line it is reported at (a
    # finding at the document's first key, about a section it lacks, is in the list at the
    # end), saying what the finding says; and each TODO is such a finding.
    top = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#"))
    expected = Counter(
        (f["rule"], "end" if f["line"] == top else f["line"], " ".join(f["message"].split())) for f in found
    )
    assert Counter(_todo_comments(text)) == expected
    assert len(todos(text)) == len(found)
    # what the law or the model text settles is written, not left as a TODO: who appoints and
    # removes the chair and appoints the chief executive, the disqualification clauses
    assert not {"GOV107", "GOV108", "GOV109", "GOV150", "GOV205", "GOV208"} & set(todos(text))


def test_the_schema_line_still_works_after_the_folder_is_moved(tmp_path: Path) -> None:
    import jsonschema
    import yaml

    run_cli("init", "draft.yaml", cwd=tmp_path)
    first = (tmp_path / "draft.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=constitution-v1.schema.json"
    assert (tmp_path / "constitution-v1.schema.json").read_text() == run_cli("schema").stdout
    # moved (as a folder is moved, copied or cloned: no absolute path of this machine in it)
    moved = tmp_path / "elsewhere" / "deeper"
    shutil.copytree(tmp_path, moved.parent / "tmp", ignore=shutil.ignore_patterns("elsewhere"))
    shutil.move(moved.parent / "tmp", moved)
    for name in ("draft.yaml", "constitution-v1.schema.json"):
        (tmp_path / name).unlink()
    document = moved / "draft.yaml"
    ref = document.read_text().splitlines()[0].split("$schema=", 1)[1]
    schema_file = document.parent / ref  # how yaml-language-server resolves a relative $schema
    schema = json.loads(schema_file.read_text())

    class Yaml12(yaml.SafeLoader):  # as yaml-language-server reads it: a date is a string
        yaml_implicit_resolvers = {
            k: [(tag, r) for tag, r in v if tag != "tag:yaml.org,2002:timestamp"]
            for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    data = yaml.load(document.read_text(), Loader=Yaml12)
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not list(validator.iter_errors(data))  # the skeleton's format is right; only its content is unfinished
    broken = dict(data, as_of=[1])
    assert [e.message for e in validator.iter_errors(broken)]


def test_the_schema_can_be_written_beside_a_moved_file(tmp_path: Path) -> None:
    result = run_cli("schema", "--output", "sub/constitution-v1.schema.json", cwd=tmp_path)
    assert result.returncode == 2 and "cannot write sub/constitution-v1.schema.json" in result.stderr
    (tmp_path / "sub").mkdir()
    assert run_cli("schema", "-o", "sub/constitution-v1.schema.json", cwd=tmp_path).returncode == 0
    assert (tmp_path / "sub" / "constitution-v1.schema.json").read_text() == run_cli("schema").stdout


def test_init_to_standard_output_names_the_installed_schema(tmp_path: Path) -> None:
    result = run_cli("init", "-", cwd=tmp_path)
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    schema = Path(unquote(urlparse(first.split("$schema=", 1)[1]).path))
    assert schema.is_absolute() and schema.read_text() == run_cli("schema").stdout
    assert list(tmp_path.iterdir()) == []


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
