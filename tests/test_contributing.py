"""docs/contributing.md, followed verbatim: in a temporary copy of the project, each block
tagged ``file=`` is added to its file (at the end, or above ``def <name>`` for
``before=<name>``; a new file is the block) and each ``$`` command is run as written; the new rule then fails its
fixture, passes the reference, and is in the regenerated catalogue."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, install_env
from tests.docs_blocks import blocks, console_steps

DOC = ROOT / "docs" / "contributing.md"
pytestmark = pytest.mark.slow


def _project_copy(root: Path) -> None:
    """The tracked files of the project (no .venv, no caches), as a fresh clone would have."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, root / name)
    for name in ("docs/contributing.md", "tests/test_contributing.py"):  # in case not yet committed
        shutil.copy(ROOT / name, root / name)


def _tool_bin(root: Path) -> Path:
    """``.venv/bin`` of the copy: this interpreter and its govcheck, running the copy's code
    (PYTHONPATH), so ``make docs`` finds its tools without installing anything."""
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, command in (("python", f'exec "{sys.executable}" "$@"'), ("govcheck", f'exec "{sys.executable}" -m govcheck "$@"')):
        (bin_dir / name).write_text(f"#!/bin/sh\n{command}\n")
        (bin_dir / name).chmod(0o755)
    return bin_dir


def test_the_contributing_guide_adds_a_rule_as_written(tmp_path: Path) -> None:
    root = tmp_path / "govcheck"
    _project_copy(root)
    bin_dir = _tool_bin(root)
    env = {**install_env(), "PYTHONPATH": str(root), "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    steps = 0
    for block in blocks(DOC):
        if "file" in block.tags:
            target = root / block.tags["file"]
            if not target.exists():
                target.write_text(block.body, encoding="utf-8")
                continue
            text = target.read_text(encoding="utf-8")
            if "before" in block.tags:
                marker = f"\ndef {block.tags['before']}("
                assert text.count(marker) == 1, marker
                text = text.replace(marker, f"\n{block.body}\n{marker}")
            else:
                text = text.rstrip("\n") + ("\n\n\n" if target.suffix == ".py" else "\n") + block.body
            target.write_text(text, encoding="utf-8")
        elif block.lang == "console":
            for command, _, code in console_steps(block):
                result = subprocess.run(command, shell=True, cwd=root, env=env, capture_output=True, text=True, timeout=300)
                assert result.returncode == code, f"{command}\n{result.stdout}\n{result.stderr}"
                steps += 1
    assert steps == 3  # regenerate the fixtures, run the new test, make docs
    fixture = root / "fixtures" / "invalid" / "GOV199-chief-executive-approval-stated.yaml"
    assert "  chief_executive: {appointed_by: m-chair}\n" in fixture.read_text(encoding="utf-8")
    catalogue = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "GOV199" in catalogue and "chief-executive-approval-stated" in catalogue
    assert "GOV199" not in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")  # the project is untouched
