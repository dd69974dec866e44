"""The rule-pack cache: same rules as parsing, invalidated by any change to the pack."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from govcheck import __version__, loader, rules
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
    return tmp_path / "cache" / "govcheck"


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("rule-packs-*/*.json"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pack was parsed, not read from the cache")

    monkeypatch.setattr(loader, "load_bytes", fail)


def test_a_cached_pack_gives_the_same_rules(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="info"))
    parsed = parse_pack(pack, "local")
    [entry] = _entries(cache)
    assert entry.parent.name == f"rule-packs-{__version__}" and "local.yaml" in entry.name
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
    parse_pack(pack, "local")
    [entry] = _entries(cache)
    entry.write_text("{not json")
    assert parse_pack(pack, "local")[0].id == "LOC001"
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
    assert [unquote(e.name) for e in _entries(cache)] == [f"{second.resolve()}.json"]


def test_a_run_reads_only_its_own_packs(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine, other = tmp_path / "mine.yaml", tmp_path / "other.yaml"
    mine.write_text(PACK.format(severity="error"))
    other.write_text(PACK.format(severity="info"))
    parse_pack(mine, "local")
    parse_pack(other, "local")
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    _no_parsing(monkeypatch)
    parse_pack(mine, "local")
    assert read == [quote(str(mine.resolve()), safe="") + ".json"]


def test_an_invalid_pack_is_not_cached_and_a_cached_pack_is_not_validated_again(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="fatal"))
    with pytest.raises(ConfigError, match="severity"):
        parse_pack(pack, "local")
    assert not _entries(cache)
    pack.write_text(PACK.format(severity="error"))
    parse_pack(pack, "local")
    assert _entries(cache)
    monkeypatch.setattr(rules, "_validate_pack", lambda *a: pytest.fail("validated again"))
    _no_parsing(monkeypatch)
    assert parse_pack(pack, "local")[0].severity == "error"


@pytest.mark.parametrize("module", [loader, rules], ids=["loader", "rules"])
def test_a_changed_loader_or_pack_schema_module_means_parsing_again(
    module: object, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="error"))
    parse_pack(pack, "local")
    stand_in = tmp_path / "edited.py"  # the module as edited in a development checkout
    stand_in.write_text("")
    monkeypatch.setattr(module, "__file__", str(stand_in))
    parsed: list[str] = []
    real = loader.load_bytes
    monkeypatch.setattr(loader, "load_bytes", lambda raw, file, *a: parsed.append(file) or real(raw, file, *a))
    parse_pack(pack, "local")
    assert parsed == [str(pack)]


def _validations(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count check_problem and validate_rule calls made by load_registry."""
    from govcheck import plugins

    counts = {"checks": 0, "rules": 0}
    real_check, real_rule = plugins.check_problem, plugins.validate_rule

    def check_problem(item: object) -> str | None:
        counts["checks"] += 1
        return real_check(item)  # type: ignore[arg-type]

    def validate_rule(*args: object, **kwargs: object) -> None:
        counts["rules"] += 1
        real_rule(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plugins, "check_problem", check_problem)
    monkeypatch.setattr(plugins, "validate_rule", validate_rule)
    return counts


def test_a_validated_registry_is_not_validated_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govcheck.plugins import load_registry

    counts = _validations(monkeypatch)
    first = load_registry([], entry_points=False)
    assert counts == {"checks": len(first.checks), "rules": len(first.rules)}
    assert len(list(cache.glob("rule-packs-*/registry-*.verdict"))) == 2  # checks; checks and rules
    counts.update(checks=0, rules=0)
    again = load_registry([], entry_points=False)
    assert counts == {"checks": 0, "rules": 0}
    assert again.rules == first.rules and again.checks == first.checks


def test_a_changed_pack_is_validated_again(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govcheck.plugins import load_registry

    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(severity="error"))
    load_registry([], entry_points=False, rule_packs=[pack])
    counts = _validations(monkeypatch)
    stat = pack.stat()
    # same size, same schema: only the rule's parameters are wrong now
    pack.write_text(PACK.format(severity="error").replace("check: board.one_capacity", "check: board.one_capacitx"))
    os.utime(pack, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    with pytest.raises(ConfigError, match=r"unknown check 'board\.one_capacitx'"):
        load_registry([], entry_points=False, rule_packs=[pack])
    assert counts["checks"] == 0 and counts["rules"] > 0  # the checks did not change


LOCAL_PLUGIN = """
from govcheck import check, hookimpl


@check("local.anything", params={{"max": {{"type": "{kind}"}}}})
def anything(doc, params):
    return []


@hookimpl
def govcheck_register_checks(register):
    register(anything)
"""


def test_a_changed_plugin_file_is_validated_again(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govcheck.errors import PluginError
    from govcheck.plugins import load_registry

    plugin = tmp_path / "local_plugin.py"
    plugin.write_text(LOCAL_PLUGIN.format(kind="integer"))
    first = load_registry([str(plugin)], entry_points=False)
    assert "local.anything" in first.checks
    counts = _validations(monkeypatch)
    load_registry([str(plugin)], entry_points=False)
    assert counts == {"checks": 0, "rules": 0}
    plugin.write_text(LOCAL_PLUGIN.format(kind="integr"))  # a typo, as if edited since
    with pytest.raises(PluginError, match=r"check 'local\.anything': parameter 'max': unknown type 'integr'"):
        load_registry([str(plugin)], entry_points=False)


def test_no_verdict_is_kept_when_the_cache_is_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govcheck.plugins import load_registry

    monkeypatch.setenv("GOVCHECK_NO_CACHE", "1")
    load_registry([], entry_points=False)
    counts = _validations(monkeypatch)
    reg = load_registry([], entry_points=False)
    assert counts == {"checks": len(reg.checks), "rules": len(reg.rules)}
    assert not cache.exists()


# -- the verdict on the plugins keeps pluggy's order of their hook implementations ---------

ORDERED_PLUGIN = """
from govcheck import hookimpl
from govcheck.reporters.base import Reporter


@hookimpl({option})
def govcheck_register_reporters(register):
    register(Reporter("{name}", lambda report: "", "{name}"))
"""

SOMETIMES_PLUGIN = """
import os

from govcheck import hookimpl
from govcheck.errors import ConfigError

if os.environ.get("SOMETIMES_CONFIGURE"):
    @hookimpl
    def govcheck_configure(config):
        raise ConfigError("configured")
"""


def _pluggy_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the registries whose hooks pluggy validated and ordered."""
    from govcheck import plugins

    calls: list[int] = []
    real = plugins._validated_hooks

    def validated_hooks(loaded: object) -> object:
        calls.append(1)
        return real(loaded)  # type: ignore[arg-type]

    monkeypatch.setattr(plugins, "_validated_hooks", validated_hooks)
    return calls


def _order(reg: object, hook: str) -> list[tuple[str, str]]:
    return [(plugin, function.__name__) for plugin, function in reg.hooks[hook]]  # type: ignore[attr-defined]


def test_a_validated_registry_keeps_pluggys_order_without_pluggy(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govcheck.plugins import load_registry

    names = []
    for name, option in (("last", "trylast=True"), ("first", "tryfirst=True"), ("plain", "")):
        (tmp_path / f"{name}_plugin.py").write_text(ORDERED_PLUGIN.format(option=option, name=name))
        names.append(str(tmp_path / f"{name}_plugin.py"))
    pluggy_runs = _pluggy_runs(monkeypatch)
    first = load_registry(names, entry_points=False)
    # pluggy's list: trylast first, then registration order, then tryfirst (it calls them in reverse)
    assert [p for p, _ in first.hooks["govcheck_register_reporters"]] == [names[0], "govcheck.reporters", *names[2:0:-1]]
    assert pluggy_runs == [1]
    again = load_registry(names, entry_points=False)
    assert pluggy_runs == [1]  # the order came from the cache
    assert {h: _order(again, h) for h in again.hooks} == {h: _order(first, h) for h in first.hooks}
    assert list(again.reporters) == list(first.reporters)
    assert again.plugins == first.plugins and again.rules == first.rules


def test_a_hook_a_plugin_defines_only_sometimes_is_called_when_it_is_there(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govcheck.errors import PluginError
    from govcheck.plugins import load_registry

    plugin = tmp_path / "sometimes_plugin.py"
    plugin.write_text(SOMETIMES_PLUGIN)
    monkeypatch.delenv("SOMETIMES_CONFIGURE", raising=False)
    pluggy_runs = _pluggy_runs(monkeypatch)
    reg = load_registry([str(plugin)], entry_points=False)
    reg.configure({})
    assert _order(reg, "govcheck_configure") == []
    monkeypatch.setenv("SOMETIMES_CONFIGURE", "1")  # the same file now defines the hook
    reg = load_registry([str(plugin)], entry_points=False)
    assert pluggy_runs == [1, 1]
    assert _order(reg, "govcheck_configure") == [(str(plugin), "govcheck_configure")]
    with pytest.raises(PluginError, match=f"plugin '{plugin}' rejected the configuration: configured"):
        reg.configure({})


def test_a_plugin_edited_to_break_a_hook_is_validated_again(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govcheck.errors import PluginError
    from govcheck.plugins import load_registry

    plugin = tmp_path / "edited_plugin.py"
    plugin.write_text(LOCAL_PLUGIN.format(kind="integer"))
    load_registry([str(plugin)], entry_points=False)
    plugin.write_text(LOCAL_PLUGIN.format(kind="integer").replace("(register)", "(register, extra)"))
    with pytest.raises(PluginError, match=r"govcheck_register_checks\(\) takes argument\(s\) extra"):
        load_registry([str(plugin)], entry_points=False)


def test_a_corrupt_order_in_the_verdict_means_pluggy_orders_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from govcheck.plugins import load_registry

    first = load_registry([], entry_points=False)
    pluggy_runs = _pluggy_runs(monkeypatch)
    for verdict in cache.glob("rule-packs-*/registry-*.verdict"):
        entry = json.loads(verdict.read_text())
        if "hooks" in entry:
            entry["hooks"]["govcheck_register_checks"] = [["govcheck.checks", "no_such_function"]]
            verdict.write_text(json.dumps(entry))
    again = load_registry([], entry_points=False)
    assert pluggy_runs == [1]
    assert {h: _order(again, h) for h in again.hooks} == {h: _order(first, h) for h in first.hooks}
