"""``govcheck init``: start a constitution from a commented skeleton, or from the reference.

The file written is checked as it is written: every finding left becomes a ``TODO`` comment
(``# TODO GOV103: the board needs a director of nursing; it has none``) above the line it is
about, or, for a section the document does not have yet, in a list at its end. So the file
loads, and its remaining findings are exactly the TODOs it contains, whatever the rule set.
The first line points editors at the format's JSON Schema inside the installed package, by
an absolute path, so it still works when the file is moved.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from govcheck.engine import Engine, Settings, schema_path
from govcheck.findings import Finding
from govcheck.plugins import load_registry
from govcheck.rules import DEFAULT_PROFILES

TODO = "# TODO "
_WIDTH = 100


def template(source: str) -> str:
    """The text to start from: ``skeleton`` (commented, incomplete) or ``reference``."""
    if source == "skeleton":
        return (Path(__file__).parent / "templates" / "skeleton.yaml").read_text(encoding="utf-8")
    from govcheck.testing import reference_path

    text = reference_path().read_text(encoding="utf-8")
    return "".join(line for line in text.splitlines(keepends=True) if "yaml-language-server" not in line)


def schema_line() -> str:
    return f"# yaml-language-server: $schema={schema_path('constitution-v1.schema.json').resolve().as_uri()}\n"


def render(source: str = "skeleton", profiles: Sequence[str] = DEFAULT_PROFILES, entry_points: bool = False) -> str:
    """The constitution to write: the template with the chosen profiles and a TODO per finding."""
    text = template(source)
    extra = [p for p in profiles if p not in DEFAULT_PROFILES]
    if extra:  # opt the document into them, so a plain `govcheck check` judges the same rules
        text = text.replace("govcheck: 1\n", f"govcheck: 1\nprofiles: [{', '.join(extra)}]\n", 1)
    engine = Engine(load_registry(entry_points=entry_points), Settings(profiles=tuple(profiles)))
    report = engine.report([engine.check_text(text, "constitution.yaml")])
    return schema_line() + annotate(text, report.findings)


def _comment(f: Finding, indent: str) -> list[str]:
    words = f"{f.rule}: {f.message}"
    return textwrap.wrap(
        words, _WIDTH, initial_indent=indent + TODO, subsequent_indent=indent + "#   ", break_long_words=False
    )


def annotate(text: str, findings: Sequence[Finding]) -> str:
    """``text`` with each finding as a TODO comment above its line (document-level ones at the end)."""
    lines = text.splitlines()
    # A finding on a section the document lacks is placed at the document itself: its first key.
    top = next((i for i, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")), 1)
    above: dict[int, list[Finding]] = {}
    missing: list[Finding] = []
    for f in findings:
        if f.line == top or not 1 <= f.line <= len(lines):
            missing.append(f)
        else:
            above.setdefault(f.line, []).append(f)
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        indent = line[: len(line) - len(line.lstrip())]
        if indent.endswith("- "):
            indent = indent[:-2]
        for f in above.get(number, []):
            out += _comment(f, indent)
        out.append(line)
    if missing:
        out += ["", "# Still to write: sections this constitution does not have yet (docs/format.md)."]
        for f in missing:
            out += _comment(f, "")
    return "\n".join(out) + "\n"


def todos(text: str) -> list[str]:
    """The rule id of each TODO comment in ``text``, in order."""
    return [line.strip()[len(TODO) :].split(":", 1)[0] for line in text.splitlines() if line.strip().startswith(TODO)]
