"""The text report in a terminal: compact, grouped, wrapped, coloured only where it should be."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, REFERENCE, ROOT

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _draft(tmp_path: Path) -> Path:
    """Two undefined ids (GOV007 twice, errors) and a register that is not public (GOV702, a warning)."""
    text = REFERENCE.read_text(encoding="utf-8")
    text = text.replace("guardian: m-ned-1", "guardian: m-nobody").replace("  published: true\n", "  published: false\n")
    text = text.replace("members: [m-ned-3, m-ned-2, m-chair]", "members: [m-ned-3, m-ghost, m-chair]")
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str, env: dict[str, str] | None = None, tty: bool = False, cwd: Path = ROOT) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    environ.update(env or {})
    command = [sys.executable, "-m", "govcheck", *args]
    if not tty:
        return subprocess.run(command, capture_output=True, text=True, env=environ, cwd=cwd).stdout
    main, child = pty.openpty()
    os.set_blocking(main, True)
    proc = subprocess.Popen(command, stdout=child, stderr=subprocess.DEVNULL, env=environ, cwd=cwd)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_compact_by_default_source_and_fix_once_per_rule(tmp_path: Path) -> None:
    lines = _run("check", str(_draft(tmp_path))).splitlines()
    findings = [ln for ln in lines if ": GOV" in ln and not ln.startswith(" ")]
    assert [re.search(r" (GOV\d+) (\w+) ", ln).groups() for ln in findings] == [  # type: ignore[union-attr]
        ("GOV007", "error"),
        ("GOV007", "error"),
        ("GOV702", "warning"),
    ]  # errors first, then warnings, each by line
    assert sum(ln.startswith("    fix: ") for ln in lines) == 2  # GOV007 once, GOV702 once
    assert lines[lines.index(findings[0]) + 2].startswith("    fix: Define the missing")
    assert lines[lines.index(findings[1]) + 1] == findings[2]  # the second GOV007 is one line
    verbose = _run("check", str(_draft(tmp_path)), "--verbose").splitlines()
    assert sum(ln.startswith("    fix: ") for ln in verbose) == 3
    assert lines[-1].startswith("1 document(s) checked: 2 error(s), 1 warning(s), 0 info; rules passed ")
    assert lines[-1].endswith(
        "; result: NOT compliant (profiles statutory, nhse-policy); the run fails (exit 1): findings at or above "
        "fail-on warning"
    )
    # A rule's first finding carries its source, the addresses to open (see:, when the rule
    # cites any) and the fix; then the law judged against; the one-line summary is last.
    assert ["finding" if ln in findings else ln.split(":")[0].strip() for ln in lines] == [
        "finding", "source", "fix",  # GOV007: its citation has no address
        "finding",
        "finding", "source", "see", "fix",  # GOV702
        "law", "1 document(s) checked",
    ]
    assert lines[-2] == (
        "law: NHS Act 2006 Schedule 1B as inserted by the Health and Care Act 2022 [nhs-act-2006-sch1b], "
        "as of 2026-04-01"
    )
    assert lines[6] == (
        "    see: https://www.legislation.gov.uk/ukpga/2006/41/section/14Z30 "
        "https://hertsandwestessex.icb.nhs.uk/us/constitution/7"
    )


def test_wrapped_to_the_terminal_width(tmp_path: Path) -> None:
    _draft(tmp_path)
    lines = ANSI.sub("", _run("check", "draft.yaml", env={"COLUMNS": "72"}, cwd=tmp_path, tty=True)).splitlines()
    assert max(len(ln) for ln in lines) <= 72
    assert any(ln.startswith("        ") for ln in lines)  # a wrapped source or fix line
    piped = _run("check", "draft.yaml", env={"COLUMNS": "72"}, cwd=tmp_path).splitlines()
    assert max(len(ln) for ln in piped) > 72  # piped output is left for the reader's tools


def test_colour_on_a_terminal_only_and_as_asked(tmp_path: Path) -> None:
    draft = str(_draft(tmp_path))
    on_tty = _run("check", draft, tty=True)
    assert "\x1b[1;31merror\x1b[0m" in on_tty and "\x1b[1;33mwarning\x1b[0m" in on_tty
    assert ANSI.sub("", on_tty).splitlines()[0].startswith(f"{draft}:")
    assert not ANSI.search(_run("check", draft, env={"NO_COLOR": "1"}, tty=True))
    assert not ANSI.search(_run("check", draft))  # piped: plain
    assert ANSI.search(_run("check", draft, env={"FORCE_COLOR": "1"}))
    # a report written to a file is never coloured
    out = tmp_path / "report.txt"
    _run("check", draft, "-f", f"text:{out}", env={"FORCE_COLOR": "1"})
    assert not ANSI.search(out.read_text())


def test_a_syntax_error_shows_its_line_with_a_caret() -> None:
    lines = _run("check", str(FIXTURES / "invalid" / "GOV001-yaml-syntax.yaml")).splitlines()
    assert lines[1:4] == ["    4 |   name: [unclosed", "    5 | board: {id: board, members: []}", "      |      ^"]
