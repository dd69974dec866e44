"""Configuration never runs code unasked (issue 14 item 5).

A configuration file found by searching upward from a document may come with the document.
Its ``plugins`` are imported only when the user trusts it (``--config``, or
``GOVCHECK_TRUST``); ``--no-plugins`` turns off every plugin, configured ones included.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, run_cli

PAYLOAD = """
from pathlib import Path
Path(__file__).with_name("PLUGIN-RAN").write_text("imported")
"""


def _draft(tmp_path: Path, name: str = "draft") -> tuple[Path, Path]:
    """A folder as it might arrive: a constitution and a configuration naming a plugin."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "evil.py").write_text(PAYLOAD)
    (folder / ".govcheck.toml").write_text('plugins = ["evil.py"]\n')
    doc = folder / "constitution.yaml"
    doc.write_text(REFERENCE.read_text())
    return folder, doc


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GOVCHECK_TRUST"}
    return {**env, **extra}


def test_plugins_of_a_discovered_configuration_are_not_imported(tmp_path: Path) -> None:
    folder, doc = _draft(tmp_path)
    config = folder / ".govcheck.toml"
    for args in (["check", str(doc)], ["baseline", str(doc), "-o", str(tmp_path / "b.json")]):
        result = run_cli(*args, cwd=tmp_path, env=_env())
        assert result.returncode == 2
        assert result.stderr == (
            f"govcheck: error: {config} names plugins ({folder / 'evil.py'}), which are code; it was "
            f"found by searching upward, so they are not imported. If you trust it, pass --config "
            f"{config} or list it in GOVCHECK_TRUST (docs/security.md); or use --no-plugins\n"
        )
        assert not (folder / "PLUGIN-RAN").exists()
    # `rules` and `plugins` read the working directory's configuration: the same rule
    for args in (["rules"], ["plugins"]):
        result = run_cli(*args, cwd=folder, env=_env())
        assert result.returncode == 2 and "are not imported" in result.stderr
        assert not (folder / "PLUGIN-RAN").exists()


@pytest.mark.parametrize("how", ["config", "env-file", "env-dir", "env-parent-among-others"])
def test_a_trusted_configuration_imports_its_plugins(tmp_path: Path, how: str) -> None:
    folder, doc = _draft(tmp_path)
    args, env = ["check", str(doc)], _env()
    if how == "config":
        args += ["--config", str(folder / ".govcheck.toml")]
    elif how == "env-file":
        env["GOVCHECK_TRUST"] = str(folder / ".govcheck.toml")
    elif how == "env-dir":
        env["GOVCHECK_TRUST"] = str(folder)
    else:
        env["GOVCHECK_TRUST"] = os.pathsep.join(["/nonexistent", "", str(tmp_path)])
    result = run_cli(*args, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert (folder / "PLUGIN-RAN").read_text() == "imported"


def test_trusting_one_folder_does_not_trust_a_sibling(tmp_path: Path) -> None:
    _draft(tmp_path, "mine")
    other, doc = _draft(tmp_path, "other")
    result = run_cli("check", str(doc), cwd=tmp_path, env=_env(GOVCHECK_TRUST=str(tmp_path / "mine")))
    assert result.returncode == 2
    assert not (other / "PLUGIN-RAN").exists()
    # a prefix of the name is not a parent: /tmp/x/mine does not trust /tmp/x/mine-too
    _, doc2 = _draft(tmp_path, "mine-too")
    result = run_cli("check", str(doc2), cwd=tmp_path, env=_env(GOVCHECK_TRUST=str(tmp_path / "mine")))
    assert result.returncode == 2
    assert not (tmp_path / "mine-too" / "PLUGIN-RAN").exists()


def test_no_plugins_disables_configured_plugins_even_when_trusted(tmp_path: Path) -> None:
    folder, doc = _draft(tmp_path)
    trusted = _env(GOVCHECK_TRUST=str(folder))
    for args in (["check", str(doc)], ["check", str(doc), "--config", str(folder / ".govcheck.toml")]):
        result = run_cli(*args, "--no-plugins", cwd=tmp_path, env=trusted)
        assert result.returncode == 0, result.stderr
        assert not (folder / "PLUGIN-RAN").exists()
    listed = run_cli("plugins", "--no-plugins", cwd=folder, env=_env())
    assert listed.returncode == 0, listed.stderr
    assert "evil.py" not in listed.stdout
    assert not (folder / "PLUGIN-RAN").exists()
    # only what is named on this command line still loads: --no-plugins --plugin FILE is FILE alone
    other = tmp_path / "other.py"
    other.write_text(PAYLOAD.replace("PLUGIN-RAN", "OTHER-RAN"))
    result = run_cli("check", str(doc), "--no-plugins", "--plugin", str(other), cwd=tmp_path, env=_env())
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "OTHER-RAN").exists() and not (folder / "PLUGIN-RAN").exists()


def test_a_discovered_configuration_without_plugins_still_applies(tmp_path: Path) -> None:
    folder, doc = _draft(tmp_path)
    (folder / ".govcheck.toml").write_text('fail-on = "never"\n')
    (folder / "constitution.yaml").write_text(REFERENCE.read_text().replace("roles: [chair]", "roles: [non_executive]", 1))
    result = run_cli("check", str(doc), cwd=tmp_path, env=_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(
        "; result: NOT compliant (profiles statutory, nhse-policy); the run passes (exit 0) because fail-on is never\n"
    )


def test_a_command_line_plugin_is_imported_without_any_configuration(tmp_path: Path) -> None:
    plugin = tmp_path / "mine.py"
    plugin.write_text(PAYLOAD.replace("PLUGIN-RAN", "MINE-RAN"))
    doc = tmp_path / "c.yaml"
    doc.write_text(REFERENCE.read_text())
    result = run_cli("check", str(doc), "--plugin", str(plugin), cwd=tmp_path, env=_env())
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "MINE-RAN").exists()


def test_govcheck_config_checks_trust_too(tmp_path: Path) -> None:
    folder, doc = _draft(tmp_path)
    untrusted = run_cli("config", str(doc), cwd=tmp_path, env=_env())
    assert untrusted.returncode == 2 and "are not imported" in untrusted.stderr
    trusted = run_cli("config", str(doc), "--config", str(folder / ".govcheck.toml"), cwd=tmp_path, env=_env())
    assert trusted.returncode == 0, trusted.stderr
    assert (folder / "PLUGIN-RAN").exists()
