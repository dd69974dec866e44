"""Read the fenced code blocks of docs/plugins.md, each with its kind (see tests/test_plugin_docs.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

DOC = ROOT / "docs" / "plugins.md"
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```$", re.S | re.M)


@dataclass
class Block:
    line: int
    lang: str
    tags: dict[str, str]
    body: str

    @property
    def kind(self) -> str:
        if "file" in self.tags:
            return "file"
        if self.lang == "console":
            return "console"
        if self.lang == "yaml" and "rule" in self.tags:
            return "rule"
        if self.lang == "python" and "hook" in self.tags:
            return "hook"
        if self.lang == "text" and "tree" in self.tags:
            return "tree"
        return "unknown"


def blocks(path: Path = DOC) -> list[Block]:
    text = path.read_text()
    found = []
    for match in FENCE.finditer(text):
        lang, *words = match.group(1).split() or [""]
        tags = dict(w.split("=", 1) if "=" in w else (w, "") for w in words)
        found.append(Block(text[: match.start()].count("\n") + 1, lang, tags, match.group(2)))
    return found


def console_steps(block: Block) -> list[tuple[str, list[str], int]]:
    """``(command, expected output lines, expected exit code)`` for each ``$ `` line."""
    steps: list[tuple[str, list[str], int]] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], [], 0))
        elif steps:
            command, out, _code = steps[-1]
            exit_mark = re.fullmatch(r"\(exit (\d+)\)", line)
            if exit_mark:
                steps[-1] = (command, out, int(exit_mark.group(1)))
            else:
                out.append(line)
    return steps


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Exact lines in order; a line ``...`` skips any lines, and ``...`` within a line matches any text."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(output_matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split("..."))
    same = re.fullmatch(pattern, actual[0]) is not None
    return same and output_matches(rest, actual[1:])
