"""Many paths in one invocation share one plugin manager, one rule set and one validator.

Deterministic: counts constructions, never times anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REFERENCE

from govcheck import engine, plugins, runner


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    counts = {"registries": 0, "engines": 0, "validators": 0, "checked": 0}
    real_registry, real_validator = plugins.load_registry, engine.Validator
    real_init, real_check = engine.Engine.__init__, engine.Engine.check_path

    def load_registry(*args: object, **kwargs: object) -> plugins.Registry:
        counts["registries"] += 1
        return real_registry(*args, **kwargs)

    def validator(schema: dict) -> object:
        counts["validators"] += 1
        return real_validator(schema)

    def init(self: engine.Engine, *args: object, **kwargs: object) -> None:
        counts["engines"] += 1
        real_init(self, *args, **kwargs)

    def check_path(self: engine.Engine, *args: object, **kwargs: object) -> object:
        counts["checked"] += 1
        return real_check(self, *args, **kwargs)

    monkeypatch.setattr(plugins, "load_registry", load_registry)
    monkeypatch.setattr(engine, "Validator", validator)
    monkeypatch.setattr(engine.Engine, "__init__", init)
    monkeypatch.setattr(engine.Engine, "check_path", check_path)
    engine._document_validator.cache_clear()  # as in a new process
    yield counts
    engine._document_validator.cache_clear()  # drop the counting one


def _documents(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True)
    text = REFERENCE.read_text(encoding="utf-8")
    paths = [folder / f"ics-{i}.constitution.yaml" for i in range(n)]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


def test_many_documents_share_one_registry_engine_and_validator(tmp_path: Path, counted: dict[str, int]) -> None:
    paths = _documents(tmp_path / "repo", 5)
    result = runner.run([str(tmp_path / "repo")], {}, no_plugins=True, jobs=1)
    assert len(result.report.documents) == 5
    assert counted == {"registries": 1, "engines": 1, "validators": 1, "checked": len(paths)}


def test_configuration_groups_share_the_registry(tmp_path: Path, counted: dict[str, int]) -> None:
    for name, fail_on in (("north", "error"), ("south", "info")):
        _documents(tmp_path / name, 2)
        (tmp_path / name / ".govcheck.toml").write_text(f'fail-on = "{fail_on}"\n')
    result = runner.run([str(tmp_path / "north"), str(tmp_path / "south")], {}, no_plugins=True, jobs=1)
    assert len(result.report.documents) == 4
    # two configurations: an engine (settings, configured rules) each; one set of plugins
    # and one document validator for both
    assert counted == {"registries": 1, "engines": 2, "validators": 1, "checked": 4}
