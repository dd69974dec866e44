"""Which YAML files a directory walk treats as constitutions (govcheck.discover)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govcheck.discover import SCAN_BYTES, is_constitution


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"govcheck: 1\nicb: {}\n", True),
        (b"# a comment first\n\ngovcheck: 1\n", True),
        (b'"govcheck": 1\n', True),
        (b"{govcheck: 1, icb: {}}\n", True),
        (b"x: " + b"a" * (100 * 1024) + b"\ngovcheck: 1\n", True),  # beyond the first read
        ("govcheck: 1\n".encode("utf-16"), True),  # UTF-16 with a byte-order mark
        (b"site_name: docs\nnav: []\n", False),
        (b"board:\n  govcheck: 1\n", False),  # not at the top level
        (b"", False),
        (b"# only a comment\n", False),
        (b"- a list\n", False),
        (b"x: 1\n\x00\x01", True),  # binary: let the loader say what is wrong
        (b"x: " + b"a" * SCAN_BYTES + b"\n", True),  # too large to tell: checked, never skipped unseen
    ],
)
def test_is_constitution(tmp_path: Path, content: bytes, expected: bool) -> None:
    path = tmp_path / "doc.yaml"
    path.write_bytes(content)
    assert is_constitution(path) is expected


def test_unreadable_or_special_files_count_as_constitutions(tmp_path: Path) -> None:
    import os

    assert is_constitution(tmp_path / "missing.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    assert is_constitution(tmp_path / "pipe.yaml")  # not opened (it would block)
