"""plugin-settings in configuration reach a plugin's govcheck_configure hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE

PLUGIN = '''
from govcheck import hookimpl
from govcheck.errors import ConfigError


@hookimpl
def govcheck_configure(config):
    mine = config["plugin-settings"].get("settingsplug", {})
    if "threshold" not in mine:
        raise ConfigError("settingsplug needs plugin-settings.settingsplug.threshold")
    print(f"settingsplug threshold={mine['threshold']} colour={mine.get('colour')}")
'''


def _run(tmp_path: Path, toml: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "settingsplug.py").write_text(PLUGIN)
    (tmp_path / ".govcheck.toml").write_text(toml)
    doc = tmp_path / "constitution.yaml"
    doc.write_text(REFERENCE.read_text())
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "GOVCHECK_TRUST": str(tmp_path / ".govcheck.toml")}
    return subprocess.run(
        [sys.executable, "-m", "govcheck", "check", str(doc), "-q"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )


def test_settings_reach_the_plugin_and_merge_across_overrides(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        'plugins = ["settingsplug"]\n[plugin-settings.settingsplug]\nthreshold = 3\ncolour = "blue"\n',
    )
    assert result.returncode == 0, result.stderr
    # what the plugin printed is shown on standard error, not mixed into the report (issue 14 item 14)
    assert "settingsplug threshold=3 colour=blue" in result.stderr and "threshold" not in result.stdout


def test_a_plugin_rejecting_its_settings_exits_2_naming_it(tmp_path: Path) -> None:
    result = _run(tmp_path, 'plugins = ["settingsplug"]\n')
    assert result.returncode == 2
    assert "settingsplug" in result.stderr
    assert "needs plugin-settings.settingsplug.threshold" in result.stderr
    assert "Traceback" not in result.stderr


def test_plugin_settings_must_be_tables(tmp_path: Path) -> None:
    result = _run(tmp_path, 'plugins = ["settingsplug"]\nplugin-settings = {settingsplug = 3}\n')
    assert result.returncode == 2
    assert "option 'plugin-settings' must be a table of plugin name = {setting = value}" in result.stderr
