"""The entry-point pre-scan answers "no govcheck plugin here" without importlib.metadata."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REFERENCE, ROOT

from govcheck.plugins import may_declare_group

PLUGIN = """
from govcheck import hookimpl

@hookimpl
def govcheck_register_rule_packs(register):
    pass
"""


def _dist(site: Path, name: str, entry_points: str | None) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_no_declaring_distribution(tmp_path: Path) -> None:
    _dist(tmp_path, "other", "[console_scripts]\ngovcheck-like = other:main\n")
    _dist(tmp_path, "plain", None)
    (tmp_path / "broken.egg-info").write_text("Name: broken\n")  # a file, not a directory
    assert may_declare_group("govcheck", [str(tmp_path), str(tmp_path / "missing")]) is False


def test_declaring_distribution(tmp_path: Path) -> None:
    _dist(
        tmp_path, "local-rules", "[console_scripts]\nx = y:z\n\n[ govcheck ]\nlocal = local_rules\n"
    )
    assert may_declare_group("govcheck", [str(tmp_path)]) is True
    assert may_declare_group("other-group", [str(tmp_path)]) is False


def test_zip_or_egg_on_the_path_defers_to_importlib_metadata(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    assert may_declare_group("govcheck", [str(archive)]) is True
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.egg").mkdir()
    assert may_declare_group("govcheck", [str(tmp_path / "site")]) is True


def test_installed_plugin_is_still_discovered(tmp_path: Path) -> None:
    """End to end: a distribution declaring the group is found, loaded and listed."""
    _dist(tmp_path, "local-rules", "[govcheck]\nlocal-rules = local_rules_plugin\n")
    (tmp_path / "local_rules_plugin.py").write_text(PLUGIN)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    proc = subprocess.run(
        [sys.executable, "-m", "govcheck", "plugins", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    names = {p["name"]: p for p in json.loads(proc.stdout)}
    assert names["local-rules"]["distribution"] == "local-rules"
    assert names["local-rules"]["hooks"] == ["govcheck_register_rule_packs"]
    check = subprocess.run(
        [sys.executable, "-m", "govcheck", "check", str(REFERENCE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
