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


def test_settings_for_a_plugin_that_is_not_loaded_are_a_warning_naming_the_near_miss(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        'plugins = ["settingsplug"]\n[plugin-settings.settingsplug]\nthreshold = 3\n'
        "[plugin-settings.setingsplug]\nthreshold = 4\n[plugin-settings.nhs-north]\nregion = 'x'\n",
    )
    assert result.returncode == 0, result.stderr
    config = tmp_path / ".govcheck.toml"
    assert result.stderr.splitlines()[:2] == [
        f"govcheck: warning: {config}: plugin-settings.setingsplug: no plugin named 'setingsplug' is loaded, "
        "so nothing reads it; did you mean 'settingsplug'?",
        f"govcheck: warning: {config}: plugin-settings.nhs-north: no plugin named 'nhs-north' is loaded, "
        "so nothing reads it (loaded: settingsplug)",
    ]
    assert "settingsplug threshold=3" in result.stderr  # the loaded plugin still gets its own


def test_a_local_plugin_file_answers_to_its_stem_and_no_plugins_silences_the_warning(tmp_path: Path) -> None:
    (tmp_path / "plugs").mkdir()
    (tmp_path / "plugs" / "settingsplug.py").write_text(PLUGIN)
    result = _run(tmp_path, 'plugins = ["plugs/settingsplug.py"]\n[plugin-settings.settingsplug]\nthreshold = 5\n')
    assert result.returncode == 0, result.stderr
    assert "plugin-settings" not in result.stderr and "settingsplug threshold=5" in result.stderr
    (tmp_path / ".govcheck.toml").write_text("[plugin-settings.elsewhere]\nx = 1\n")
    doc = tmp_path / "constitution.yaml"
    env = {**os.environ, "GOVCHECK_TRUST": str(tmp_path / ".govcheck.toml")}
    loud = subprocess.run([sys.executable, "-m", "govcheck", "check", str(doc), "-q"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)
    assert loud.returncode == 0
    assert loud.stderr == (
        f"govcheck: warning: {tmp_path / '.govcheck.toml'}: plugin-settings.elsewhere: no plugin named 'elsewhere' "
        "is loaded, so nothing reads it (no plugin is loaded besides govcheck's own)\n"
    )
    quiet = subprocess.run([sys.executable, "-m", "govcheck", "check", str(doc), "-q", "--no-plugins"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert (quiet.returncode, quiet.stderr) == (0, "")
