"""Plugin discovery, `govcheck plugins`, rule packs named explicitly, and loud failures.

Installed plugins are simulated with a fake distribution (a ``.dist-info`` folder with an
``entry_points.txt``) on PYTHONPATH, which is exactly what ``pip install`` leaves behind.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from govcheck.errors import ConfigError, PluginError
from govcheck.hookspecs import hookimpl
from govcheck.plugins import load_registry
from tests.conftest import REFERENCE, ROOT
from tests.plugin_helpers import DEMO_PLUGIN, cli, install_fake

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"
KNOWN_HOOKS = (
    "govcheck_configure, govcheck_register_checks, govcheck_register_reporters, govcheck_register_rule_packs"
)


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    return install_fake(tmp_path / "site", "demo-plugin", "1.2.3", {"demo": "demo_plugin"}, {"demo_plugin.py": DEMO_PLUGIN})


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr


# -- discovery and `govcheck plugins` ----------------------------------------------------------


def test_plugins_json_lists_an_installed_plugin_with_everything_it_contributes(demo_site: Path) -> None:
    result = cli("plugins", "--format", "json", path=demo_site)
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    assert list(plugins) == ["govcheck.checks", "govcheck.reporters", "demo"]
    assert plugins["demo"] == {
        "name": "demo",
        "distribution": "demo-plugin",
        "version": "1.2.3",
        "hooks": [
            "govcheck_configure",
            "govcheck_register_checks",
            "govcheck_register_reporters",
            "govcheck_register_rule_packs",
        ],
        "checks": ["demo.board_size", "demo.explodes"],
        "rules": ["DEMO001", "DEMO002"],
        "reporters": ["count"],
    }
    assert plugins["govcheck.checks"]["distribution"] == "govcheck"
    assert "select.count" in plugins["govcheck.checks"]["checks"]


def test_plugins_text_shows_distribution_version_hooks_rules_and_formats(demo_site: Path) -> None:
    result = cli("plugins", path=demo_site)
    assert result.returncode == 0, result.stderr
    block = result.stdout.split("demo (demo-plugin 1.2.3)\n", 1)[1]
    assert block.splitlines() == [
        f"  hooks: {KNOWN_HOOKS}",
        "  checks: demo.board_size, demo.explodes",
        "  rules: DEMO001, DEMO002",
        "  formats: count",
    ]


def test_plugins_hook_filter_and_bad_options(demo_site: Path) -> None:
    only = json.loads(cli("plugins", "-f", "json", "--hook", "govcheck_configure", path=demo_site).stdout)
    assert [p["name"] for p in only] == ["demo"]
    reporters = cli("plugins", "--hook", "govcheck_register_reporters", path=demo_site)
    assert [line for line in reporters.stdout.splitlines() if not line.startswith(" ")] == [
        "govcheck.reporters (govcheck 0.1.0)",
        "demo (demo-plugin 1.2.3)",
    ]
    unknown = cli("plugins", "--hook", "govcheck_nothing")
    assert unknown.returncode == 2
    assert unknown.stderr == f"govcheck: error: no hook 'govcheck_nothing'; hooks: {KNOWN_HOOKS}\n"
    bad = cli("plugins", "--format", "xml")
    assert (bad.returncode, bad.stderr) == (2, "govcheck: error: --format must be text or json, not 'xml'\n")


def test_no_plugins_runs_the_built_ins_only(demo_site: Path) -> None:
    names = [p["name"] for p in json.loads(cli("plugins", "-f", "json", "--no-plugins", path=demo_site).stdout)]
    assert names == ["govcheck.checks", "govcheck.reporters"]
    result = cli("check", "--no-plugins", "-f", "json", str(REFERENCE), path=demo_site)
    assert result.returncode == 0
    assert not [o for o in json.loads(result.stdout)["documents"][0]["outcomes"] if o["rule"].startswith("DEMO")]


def test_an_installed_plugin_contributes_rules_checks_and_a_format(demo_site: Path) -> None:
    result = cli("check", "--select", "DEMO001", "-f", "json", str(REFERENCE), path=demo_site)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    assert [(f["rule"], f["path"], f["message"]) for f in findings] == [
        ("DEMO001", "/board/members", "the board has 11 members; at most 10")
    ]
    counted = cli("check", "--select", "DEMO001", "-f", "count", str(REFERENCE), path=demo_site)
    assert counted.stdout == "1 finding(s)\n"


def test_plugins_in_the_working_directory_are_never_loaded(tmp_path: Path) -> None:
    # A checked-out repository may hold plugin code; it runs only when named.
    (tmp_path / "conftest.py").write_text(DEMO_PLUGIN)
    (tmp_path / "govcheck_plugin.py").write_text(DEMO_PLUGIN)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local.yaml").write_text(PACK.read_text())
    result = cli("plugins", "-f", "json", cwd=tmp_path)
    assert [p["name"] for p in json.loads(result.stdout)] == ["govcheck.checks", "govcheck.reporters"]
    named = cli("plugins", "-f", "json", "--plugin", "govcheck_plugin.py", cwd=tmp_path)
    assert [p["name"] for p in json.loads(named.stdout)][-1] == "govcheck_plugin.py"


def test_local_plugin_by_module_name_and_by_path(demo_site: Path, tmp_path: Path) -> None:
    by_module = json.loads(cli("plugins", "-f", "json", "--no-plugins", "--plugin", "demo_plugin", path=demo_site).stdout)
    assert by_module[-1]["name"] == "demo_plugin"
    assert (by_module[-1]["distribution"], by_module[-1]["version"]) == ("(local)", "")
    file = tmp_path / "mine.py"
    file.write_text(DEMO_PLUGIN)
    by_path = json.loads(cli("plugins", "-f", "json", "--plugin", str(file)).stdout)
    assert by_path[-1]["name"] == str(file)
    assert by_path[-1]["rules"] == ["DEMO001", "DEMO002"]


def test_hook_govcheck_configure_receives_the_configuration_and_can_reject_it(demo_site: Path) -> None:
    ok = cli("check", "--select", "DEMO001", "--fail-on", "error", str(REFERENCE), path=demo_site)
    assert ok.returncode == 0, ok.stderr
    refused = cli("check", "--fail-on", "never", str(REFERENCE), path=demo_site)
    assert refused.returncode == 2
    assert refused.stderr == "govcheck: error: plugin 'demo' rejected the configuration: demo refuses --fail-on never\n"


# -- rule packs named explicitly --------------------------------------------------------------


def test_rule_pack_option_on_check_rules_and_plugins() -> None:
    result = cli("check", "--rule-pack", str(PACK.relative_to(ROOT)), "-f", "json", str(REFERENCE))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    findings = [(f["rule"], f["path"], f["message"]) for f in report["documents"][0]["findings"]]
    assert findings == [
        ("LOCAL001", "/board/members", "found 3 non-executive member(s) on the board; at least 4 required")
    ]
    assert {"rule": "LOCAL002", "status": "passed"} in report["documents"][0]["outcomes"]
    listed = cli("rules", "--rule-pack", str(PACK))
    assert [line.split()[0] for line in listed.stdout.splitlines() if line.startswith("LOCAL")] == ["LOCAL001", "LOCAL002"]
    shown = cli("rules", "show", "LOCAL002", "--rule-pack", str(PACK))
    assert "plugin: local:fixtures/packs/local-rules.yaml" in shown.stdout  # shown relative to the working directory
    plugins = json.loads(cli("plugins", "-f", "json", "--rule-pack", "fixtures/packs/local-rules.yaml").stdout)
    assert plugins[-1] == {
        "name": "local:fixtures/packs/local-rules.yaml",
        "distribution": "(rule pack)",
        "version": "",
        "hooks": [],
        "checks": [],
        "rules": ["LOCAL001", "LOCAL002"],
        "reporters": [],
    }


def test_load_registry_takes_rule_packs_relative_to_base_dir() -> None:
    registry = load_registry(rule_packs=["packs/local-rules.yaml"], entry_points=False, base_dir=ROOT / "fixtures")
    assert registry.rules["LOCAL001"].plugin == "local:packs/local-rules.yaml"
    assert registry.plugins[-1].name == "local:packs/local-rules.yaml"


def test_a_missing_rule_pack_exits_2() -> None:
    result = cli("check", "--rule-pack", "nope.yaml", str(REFERENCE))
    assert result.returncode == 2
    assert result.stderr == (
        f"govcheck: error: rule pack {ROOT}/nope.yaml: cannot read: No such file or directory (plugin 'local:nope.yaml')\n"
    )


# -- failure is loud ------------------------------------------------------------------------------


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(body))
    return path


RULE = """
pack: bad
profile: local
rules:
  - id: {id}
    slug: bad-rule
    title: A bad rule
    severity: warning
    check: {check}
    params: {params}
    citations: [{{source: Nowhere}}]
    rationale: None.
    remediation: None.
"""


@pytest.mark.parametrize(
    ("rule_id", "check", "params", "message"),
    [
        (
            "LOCAL9",
            "select.cont",
            "{}",
            "rule LOCAL9 ({pack}:9:5, plugin 'local:{pack}') names unknown check 'select.cont'; "
            "`govcheck plugins` lists the checks",
        ),
        (
            "LOCAL9",
            "select.count",
            "{select: /board/members/*, min: four}",
            "rule LOCAL9 ({pack}:10:40, plugin 'local:{pack}'): parameter min: must be a whole number or empty, "
            "not text (check 'select.count' of plugin 'govcheck.checks')",
        ),
        (
            "LOCAL9",
            "select.count",
            "{selct: /board/members/*}",
            "rule LOCAL9 ({pack}:10:5, plugin 'local:{pack}'): parameter parameters: missing required key "
            "'select' (check 'select.count' of plugin 'govcheck.checks')",
        ),
    ],
)
def test_a_bad_rule_in_a_pack_exits_2_naming_it(tmp_path: Path, rule_id: str, check: str, params: str, message: str) -> None:
    pack = _pack(tmp_path, RULE.format(id=rule_id, check=check, params=params))
    result = cli("check", "--rule-pack", str(pack), str(REFERENCE))
    assert result.returncode == 2
    assert result.stderr == f"govcheck: error: {message.format(pack=pack)}\n"
    _no_traceback(result)


def test_a_malformed_pack_exits_2_naming_the_plugin(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "pack: bad\nrules:\n  - id: lower\n")
    result = cli("rules", "--rule-pack", str(pack))
    assert result.returncode == 2
    assert result.stderr.startswith(f"govcheck: error: rule pack {pack}:3:5 (plugin 'local:{pack}'): /rules/0")


def test_a_duplicate_rule_id_exits_2_naming_both_plugins(tmp_path: Path) -> None:
    pack = _pack(tmp_path, RULE.format(id="GOV101", check="select.count", params="{select: /board/members/*}"))
    result = cli("check", "--rule-pack", str(pack), str(REFERENCE))
    assert result.returncode == 2
    assert result.stderr.startswith(f"govcheck: error: duplicate rule id GOV101: in {pack}:5:5 (plugin 'local:{pack}') and in ")
    assert re.search(r"rules/statutory\.yaml:\d+:5 \(plugin 'govcheck\.checks'\)\n$", result.stderr), result.stderr


def test_a_duplicate_rule_id_between_installed_plugins_names_both(tmp_path: Path) -> None:
    site = install_fake(tmp_path / "site", "demo-plugin", "1.2.3", {"demo": "demo_plugin"}, {"demo_plugin.py": DEMO_PLUGIN})
    install_fake(site, "copycat", "0.1", {"copycat": "copycat"}, {"copycat.py": DEMO_PLUGIN.replace('"demo.', '"copy.')})
    result = cli("plugins", path=site)
    assert result.returncode == 2
    # Entry points load in name order, so copycat's rules are registered first.
    assert result.stderr == (
        "govcheck: error: duplicate rule id DEMO001: in <mapping>#/rules/0 (plugin 'demo') "
        "and in <mapping>#/rules/0 (plugin 'copycat')\n"
    )


def test_one_module_under_two_entry_points_exits_2(tmp_path: Path) -> None:
    site = install_fake(
        tmp_path / "two", "twice", "0.1", {"first": "demo_plugin", "second": "demo_plugin"}, {"demo_plugin.py": DEMO_PLUGIN}
    )
    result = cli("plugins", path=site)
    assert (result.returncode, result.stderr) == (
        2,
        "govcheck: error: plugin 'second' is the same module as plugin 'first'; register it once\n",
    )
    one = install_fake(tmp_path / "one", "demo-plugin", "1.2.3", {"demo": "demo_plugin"}, {"demo_plugin.py": DEMO_PLUGIN})
    local = cli("plugins", "--plugin", "demo_plugin", path=one)
    assert local.stderr == "govcheck: error: plugin 'demo_plugin' is the same module as plugin 'demo'; register it once\n"


BROKEN = {
    "import": ("import missing_dependency\n", "plugin 'broken' (broken-plugin 0.1) failed to import 'broken_plugin': "
               "ModuleNotFoundError: No module named 'missing_dependency'"),
    "unknown-hook": (
        "from govcheck import hookimpl\n@hookimpl\ndef govcheck_register_rule(register):\n    pass\n",
        f"plugin 'broken' implements unknown hook govcheck_register_rule (known hooks: {KNOWN_HOOKS})",
    ),
    "unmarked-hook": (
        "def govcheck_register_checks(register):\n    pass\n",
        "plugin 'broken': govcheck_register_checks is not marked with @govcheck.hookimpl, so it would never be called",
    ),
    "wrong-arguments": (
        "from govcheck import hookimpl\n@hookimpl\ndef govcheck_register_checks(registry):\n    pass\n",
        "plugin 'broken': govcheck_register_checks() takes argument(s) registry that hook govcheck_register_checks "
        "does not provide; its arguments are: register",
    ),
    "default-argument": (
        "from govcheck import hookimpl\n@hookimpl\ndef govcheck_register_checks(register=None):\n    pass\n",
        "plugin 'broken': govcheck_register_checks() gives argument(s) register a default value; pluggy never passes "
        "such arguments, so declare them without defaults",
    ),
    "hook-raises": (
        "from govcheck import hookimpl\n@hookimpl\ndef govcheck_register_checks(register):\n    raise RuntimeError('boom')\n",
        "plugin 'broken': govcheck_register_checks raised RuntimeError: boom",
    ),
    "not-a-check": (
        "from govcheck import hookimpl\n@hookimpl\ndef govcheck_register_checks(register):\n    register(len)\n",
        "plugin 'broken' registered <built-in function len>, which is not a govcheck.Check",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_installed_plugin_exits_2_naming_it(tmp_path: Path, case: str) -> None:
    source, message = BROKEN[case]
    site = install_fake(tmp_path, "broken-plugin", "0.1", {"broken": "broken_plugin"}, {"broken_plugin.py": source})
    for args in (("check", str(REFERENCE)), ("plugins",), ("rules",)):
        result = cli(*args, path=site)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stderr == f"govcheck: error: {message}\n"
        _no_traceback(result)


def test_a_local_plugin_that_fails_to_import_exits_2(tmp_path: Path) -> None:
    file = tmp_path / "mine.py"
    file.write_text("def oops(:\n")
    result = cli("check", "--plugin", str(file), str(REFERENCE))
    assert result.returncode == 2
    assert result.stderr.startswith(f"govcheck: error: plugin '{file}' failed to import: SyntaxError: ")
    missing = cli("check", "--plugin", "no_such_module_here", str(REFERENCE))
    assert missing.stderr == (
        "govcheck: error: plugin 'no_such_module_here' failed to import: "
        "ModuleNotFoundError: No module named 'no_such_module_here'\n"
    )


def test_a_check_that_raises_errors_its_rule_names_the_plugin_and_exits_2(demo_site: Path) -> None:
    result = cli("check", "-f", "json", str(REFERENCE), path=demo_site)
    assert result.returncode == 2
    doc = json.loads(result.stdout)["documents"][0]
    outcomes = {o["rule"]: o for o in doc["outcomes"]}
    assert outcomes["DEMO002"] == {
        "rule": "DEMO002",
        "status": "error",
        "detail": f"check 'demo.explodes' (plugin 'demo') raised KeyError: 'missing' (at {demo_site / 'demo_plugin.py'}:{RAISES_AT})",
    }
    assert outcomes["DEMO001"]["status"] == "failed"  # the other rules still report
    assert outcomes["GOV101"]["status"] == "passed"
    text = cli("check", str(REFERENCE), path=demo_site)
    assert text.returncode == 2
    assert (
        f"{REFERENCE}: DEMO002 error: rule could not be evaluated: check 'demo.explodes' (plugin 'demo') "
        "raised KeyError: 'missing'" in text.stdout
    )
    assert "DEMO001 warning the board has 11 members; at most 10" in text.stdout
    _no_traceback(text)
    debug = cli("check", "--debug", "--select", "DEMO002", str(REFERENCE), path=demo_site)
    assert debug.returncode == 2
    assert debug.stderr.startswith("govcheck: debug: Traceback (most recent call last):\n")
    assert f'  File "{demo_site / "demo_plugin.py"}", line {RAISES_AT}, in explodes\n' in debug.stderr
    assert debug.stderr.endswith("KeyError: 'missing'\n")


RAISES_AT = DEMO_PLUGIN.splitlines().index('    raise KeyError("missing")') + 1


# -- every hook has a test here (the docs meta-test checks this list) ------------------------


def test_hook_govcheck_register_checks() -> None:
    class Plugin:
        @hookimpl
        def govcheck_register_checks(self, register):
            from govcheck import check

            register(check("mine.noop")(lambda doc, params: iter(())))

    registry = _with(Plugin())
    assert registry.check_plugin["mine.noop"] == "mine"


def test_hook_govcheck_register_rule_packs() -> None:
    class Plugin:
        @hookimpl
        def govcheck_register_rule_packs(self, register):
            register(PACK)

    registry = _with(Plugin())
    assert registry.rules["LOCAL001"].plugin == "mine"


def test_hook_govcheck_register_reporters() -> None:
    from govcheck.reporters.base import Reporter

    class Plugin:
        @hookimpl
        def govcheck_register_reporters(self, register):
            register(Reporter("mine", lambda report: "x"))

    registry = _with(Plugin())
    assert registry.reporters["mine"].render(None) == "x"  # type: ignore[arg-type]


def test_hook_govcheck_configure() -> None:
    seen = []

    class Plugin:
        @hookimpl
        def govcheck_configure(self, config):
            seen.append(config)
            if config.get("reject"):
                raise ConfigError("no thanks")

    registry = _with(Plugin())
    registry.configure({"plugin-settings": {"mine": {"x": 1}}})
    assert seen == [{"plugin-settings": {"mine": {"x": 1}}}]
    with pytest.raises(PluginError, match=r"^plugin 'mine' rejected the configuration: no thanks$"):
        registry.configure({"reject": True})


def _with(plugin: object):
    """A registry with the built-ins and one plugin object registered as ``mine``."""
    import sys
    import types

    module = types.ModuleType("mine")
    for name in dir(plugin):
        if name.startswith("govcheck_"):
            setattr(module, name, getattr(plugin, name))
    sys.modules["mine"] = module
    try:
        return load_registry(["mine"], entry_points=False)
    finally:
        del sys.modules["mine"]


def test_the_python_api_takes_rule_packs() -> None:
    from govcheck.api import check_file

    report = check_file(REFERENCE, rule_packs=[PACK], entry_points=False)
    assert [(f.rule, f.path) for f in report.findings] == [("LOCAL001", "/board/members")]
    assert report.plugins[-1]["name"] == f"local:{PACK.relative_to(ROOT)}"


def test_configuration_rule_packs_and_plugins_load_as_named_plugins(tmp_path: Path) -> None:
    """The configuration's `rule-packs` (relative to the file) load like --rule-pack."""
    repo = tmp_path / "repo"
    (repo / "governance").mkdir(parents=True)
    (repo / "governance" / "local-rules.yaml").write_text(PACK.read_text())
    (repo / "tools").mkdir()
    (repo / "tools" / "mine.py").write_text(DEMO_PLUGIN)
    (repo / ".govcheck.toml").write_text('rule-packs = ["governance/local-rules.yaml"]\nplugins = ["tools/mine.py"]\n')
    (repo / "constitution.yaml").write_text(REFERENCE.read_text())
    with pytest.MonkeyPatch.context() as mp:  # cli() passes os.environ on
        mp.setenv("GOVCHECK_TRUST", str(repo))
        listed = json.loads(cli("plugins", "-f", "json", cwd=repo).stdout)
        result = cli("check", "-f", "json", "--select", "LOCAL", "constitution.yaml", cwd=repo)
    assert [p["name"] for p in listed][-2:] == ["tools/mine.py", "local:governance/local-rules.yaml"]
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    assert [(f["rule"], f["path"]) for f in findings] == [("LOCAL001", "/board/members")]
