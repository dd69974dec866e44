"""The rule-pack cache: same rules as parsing, invalidated by any change to the pack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govcheck import loader, packcache
from govcheck.errors import ConfigError
from govcheck.rules import parse_pack

PACK = """\
pack: local
profile: good-practice
rules:
  - id: LOC001
    slug: local-rule
    title: A local rule
    severity: {severity}
    check: board.one_capacity
    citations:
      - source: "Local policy, 2026"
    rationale: Why.
    remediation: How.
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(packcache, "_entries", None)
    return tmp_path / "cache" / "govcheck"


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process read, as a new run would."""
    monkeypatch.setattr(packcache, "_entries", None)


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pack was parsed, not read from the cache")

    monkeypatch.setattr(loader, "load_bytes", fail)


def test_a_cached_pack_gives_the_same_rules(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="info"))
    parsed = parse_pack(pack, "local")
    assert list(cache.glob("rule-packs-*.json"))
    _new_process(monkeypatch)
    _no_parsing(monkeypatch)
    assert parse_pack(pack, "local") == parsed
    assert parsed[0].severity == "info"


def test_any_change_to_the_pack_is_seen(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="info"))
    parse_pack(pack, "local")
    stat = pack.stat()
    pack.write_text(PACK.format(severity="warn"))  # same size: only the mtime tells
    os.utime(pack, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    _new_process(monkeypatch)
    with pytest.raises(ConfigError, match="severity"):
        parse_pack(pack, "local")


def test_no_cache_when_switched_off_or_unwritable(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="error"))
    monkeypatch.setenv("GOVCHECK_NO_CACHE", "1")
    assert parse_pack(pack, "local")[0].id == "LOC001"
    assert not cache.exists()
    monkeypatch.delenv("GOVCHECK_NO_CACHE")
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert parse_pack(pack, "local")[0].id == "LOC001"


def test_a_corrupt_cache_is_ignored(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="error"))
    cache.mkdir(parents=True)
    file = packcache.cache_file()
    assert file is not None
    file.write_text("{not json")
    assert parse_pack(pack, "local")[0].id == "LOC001"
    _new_process(monkeypatch)
    _no_parsing(monkeypatch)
    assert parse_pack(pack, "local")[0].id == "LOC001"  # the cache was rewritten


def test_a_pack_with_problems_is_not_cached(tmp_path: Path, cache: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="error") + "pack: twice\n")
    with pytest.raises(ConfigError, match="duplicate key"):
        parse_pack(pack, "local")
    assert not cache.exists()


def test_deleted_packs_leave_the_cache(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(PACK.format(severity="error"))
    second.write_text(PACK.format(severity="info"))
    parse_pack(first, "local")
    first.unlink()
    parse_pack(second, "local")
    assert list(packcache._load(packcache.cache_file())) == [str(second.resolve())]
