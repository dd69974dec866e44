"""A rule pack installed with pip from a distribution that ships only YAML: no Python module,
found through the ``govcheck.rule_packs`` entry-point group (issue 16 item 5)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT
from tests.plugin_helpers import cli

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"


def _site(tmp_path: Path, target: str = "wessex_rules:local_rules") -> Path:
    """site-packages as pip leaves it for such a wheel: the data folder and its dist-info."""
    site = tmp_path / "site"
    (site / "wessex_rules").mkdir(parents=True)
    shutil.copy(PACK, site / "wessex_rules" / "local_rules.yaml")
    info = site / "wessex_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: wessex-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[govcheck.rule_packs]\nwessex = {target}\n")
    return site


def test_an_installed_yaml_only_pack_loads_and_is_listed(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = cli("check", str(REFERENCE), path=site)
    assert result.returncode == 1, result.stderr
    assert " LOCAL001 warning found 3 non-executive member(s) on the board; at least 4 required" in result.stdout
    listed = cli("plugins", path=site).stdout
    assert "local:wessex (wessex-rules 1.0)\n  hooks: -\n  rules: LOCAL001, LOCAL002\n" in listed
    # --no-plugins leaves installed packs out, as it does installed plugins
    assert cli("check", "--no-plugins", str(REFERENCE), path=site).returncode == 0


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("wessex_rules:missing", "rule pack 'wessex' (wessex-rules 1.0): no file wessex_rules/missing.yaml is installed"),
        ("wessex_rules", "rule pack 'wessex' (wessex-rules 1.0): the entry point must be 'package:file_stem' "
                         "(package/file_stem.yaml), not 'wessex_rules'"),
    ],
)
def test_a_broken_installed_pack_exits_2(tmp_path: Path, target: str, message: str) -> None:
    result = cli("rules", path=_site(tmp_path, target))
    assert (result.returncode, result.stderr) == (2, f"govcheck: error: {message}\n")


PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "wessex-rules"
version = "1.0"
description = "Wessex Coast local rules for govcheck (YAML only)."

[project.entry-points."govcheck.rule_packs"]
wessex = "wessex_rules:local_rules"

[tool.hatch.build.targets.wheel]
include = ["wessex_rules/*.yaml"]
"""


@pytest.mark.slow
def test_a_wheel_with_only_yaml_installed_with_pip(tmp_path: Path) -> None:
    project = tmp_path / "wessex-rules"
    (project / "wessex_rules").mkdir(parents=True)
    (project / "pyproject.toml").write_text(textwrap.dedent(PYPROJECT))
    shutil.copy(PACK, project / "wessex_rules" / "local_rules.yaml")
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "-q", "--no-deps", "-w", str(wheels), str(project)], check=True, timeout=600)
    [wheel] = list(wheels.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith(".py")], names  # no Python at all
    site = tmp_path / "site"
    subprocess.run([*pip, "install", "-q", "--no-deps", "--target", str(site), str(wheel)], check=True, timeout=600)
    result = cli("check", str(REFERENCE), path=site)
    assert result.returncode == 1, result.stderr
    assert " LOCAL001 warning " in result.stdout
