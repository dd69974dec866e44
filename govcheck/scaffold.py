"""``govcheck init``: start a constitution from a commented skeleton, or from the reference.

The file written is checked as it is written: every finding left becomes a ``TODO`` comment
(``# TODO GOV103: the board needs a director of nursing; it has none``) above the line it is
about, or, for a section the document does not have yet, in a list at its end. So the file
loads, and its remaining findings are exactly the TODOs it contains, whatever the rule set.
The schema is written alongside (``constitution-v1.schema.json``, what ``govcheck schema
--output`` writes) and the first line points editors at it by a relative path
(``# yaml-language-server: $schema=constitution-v1.schema.json``), which yaml-language-server
resolves against the document's own folder: the pair still works when the folder is moved,
copied to another machine or committed, where an absolute path into one installation would
not. Written to standard output there is no folder, so the line names the installed schema.
"""

from __future__ import annotations

import os
import stat
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


SCHEMA_NAME = "constitution-v1.schema.json"


def schema_beside(path: str | os.PathLike[str]) -> Path | None:
    """Where ``init`` writes the schema for a constitution written to ``path``: beside it, when
    ``path`` is (or will be) a regular file; None for standard output, a device or a FIFO."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
    except FileNotFoundError:
        pass
    return Path(path).parent / SCHEMA_NAME


def schema_line(alongside: bool = True) -> str:
    """The editor's ``$schema`` line: the schema file next to the document, or (``alongside``
    false, for standard output) the one inside the installed package."""
    where = SCHEMA_NAME if alongside else schema_path(SCHEMA_NAME).resolve().as_uri()
    return f"# yaml-language-server: $schema={where}\n"


def render(
    source: str = "skeleton",
    profiles: Sequence[str] = DEFAULT_PROFILES,
    entry_points: bool = False,
    alongside: bool = True,
) -> str:
    """The constitution to write: the template with the chosen profiles and a TODO per finding."""
    text = template(source)
    extra = [p for p in profiles if p not in DEFAULT_PROFILES]
    if extra:  # opt the document into them, so a plain `govcheck check` judges the same rules
        text = text.replace("govcheck: 1\n", f"govcheck: 1\nprofiles: [{', '.join(extra)}]\n", 1)
    engine = Engine(load_registry(entry_points=entry_points), Settings(profiles=tuple(profiles)))
    report = engine.report([engine.check_text(text, "constitution.yaml")])
    return schema_line(alongside) + annotate(text, report.findings)


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
