"""Escaping everywhere (issue 14 items 3 and 12).

Text from documents, file and directory names and configuration cannot drive a terminal,
start a CI workflow command, make a live link or mention in Markdown, put a control
character in HTML, or make any output invalid UTF-8. One module (govcheck/textsafe.py)
declares what is unsafe; every format uses it.
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govcheck import check_text, textsafe
from govcheck.report import Report
from govcheck.reporters import github, markdown, text
from tests.conftest import REFERENCE, run_cli

NO_CHAIR = REFERENCE.read_text().replace("roles: [chair]", "roles: [non_executive]", 1)
HOSTILE = "x\x1b[2J\x07 \u202eevil\u202c \u200bzw \u2028ls \x85nel \ufeffbom"
RAW = ["\x1b", "\x07", "\u202e", "\u202c", "\u200b", "\u2028", "\x85", "\ufeff"]
SHOWN = ["\\x1b[2J", "\\x07", "\\u202e", "\\u202c", "\\u200b", "\\u2028", "\\x85", "\\ufeff"]


def _report(message: str = HOSTILE, file: str = "doc.yaml") -> Report:
    report = check_text(NO_CHAIR, file, entry_points=False)
    doc = report.documents[0]
    finding = doc.findings[0]._replace(message=message, file=file)
    return report.replace(documents=[doc.replace(file=file, findings=[finding])])


def test_the_shared_escape_shows_every_unsafe_character() -> None:
    out = textsafe.visible(HOSTILE)
    assert not any(raw in out for raw in RAW)
    assert all(shown in out for shown in SHOWN)
    assert textsafe.visible("caf\u00e9 \u2014 \u00a3 10") == "caf\u00e9 \u2014 \u00a3 10"  # ordinary text untouched
    assert textsafe.visible("\udcff") == "\\xff"  # an undecodable file-name byte


def test_printable_text_is_safe_but_for_the_listed_characters() -> None:
    """visible() leaves printable text alone unless it holds one of _PRINTABLE_UNSAFE: that
    set must be every unsafe character Python calls printable."""
    unsafe = re.compile(textsafe._UNSAFE)
    printable_unsafe = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable() and unsafe.match(chr(c))}
    assert printable_unsafe == textsafe._PRINTABLE_UNSAFE
    assert textsafe.visible("Zoë \u00b7 \u3164x") == "Zoë \u00b7 \\u3164x"  # a Hangul filler among printable text


@given(st.text() | st.sampled_from([HOSTILE, "<a href='x'>&amp; \"q\"</a>", "\udcff<"]), st.booleans())
def test_the_escapes_agree_with_their_definitions(value: str, quote: bool) -> None:
    assert textsafe.html(value, quote=quote) == html.escape(textsafe.visible(value), quote=quote)
    assert textsafe.visible(value) == re.sub(textsafe._UNSAFE, textsafe._escape, value)  # its fast path changes nothing
    assert textsafe.html(12) == "12"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_terminal_and_ci_formats_show_escapes_and_start_no_workflow_command(fmt: str) -> None:
    renderer = {"text": text.render, "github": github.render}[fmt]
    out = renderer(_report(HOSTILE + " ::error::x", file="::error::pwn.yaml"))
    assert not any(raw in out for raw in RAW)
    assert all(shown in out for shown in SHOWN)
    if fmt == "text":
        assert not [line for line in out.splitlines() if line.startswith("::")]
        assert out.startswith("\\x3a:error::pwn.yaml:")
    else:  # the only workflow commands are govcheck's own: ::error file=...
        commands = [line.split(" ", 1)[0] for line in out.splitlines() if line.startswith("::")]
        assert set(commands) <= {"::error", "::warning", "::notice"}
        assert "file=%3A%3Aerror%3A%3Apwn.yaml" in out


def test_github_annotations_escape_controls_in_properties() -> None:
    line = github.command("error", "m\x1bx", file="a\x1b\u202eb.yaml", title="t\x07")
    assert line == "::error file=a\\x1b\\u202eb.yaml,title=t\\x07::m\\x1bx"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("see https://evil.example/x now", "see `https://evil.example/x` now"),
        ("visit www.evil.example today", "visit `www.evil.example` today"),
        ("mail a.b@evil.example", "mail `a.b@evil.example`"),
        ("ping @nhs-england/board and @someone", "ping `@nhs-england/board` and `@someone`"),
        ("file:///etc/passwd", "`file:///etc/passwd`"),
        ("ab\u202ecd\u200b", "ab\\\\u202ecd\\\\u200b"),  # Markdown source \\u202e renders as \u202e
        ("a <b> & *c*", "a &lt;b&gt; &amp; \\*c\\*"),
    ],
)
def test_markdown_never_links_mentions_or_hides_characters(given: str, expected: str) -> None:
    assert markdown.escape(given) == expected


def test_markdown_report_has_no_live_link_or_mention_from_a_document() -> None:
    out = markdown.render(_report("owner @org/team at https://evil.example and www.evil.example \u202e"))
    body = out.replace("`@org/team`", "").replace("`https://evil.example`", "").replace("`www.evil.example`", "")
    assert "@org" not in body and "https://evil" not in body and "www.evil" not in body
    assert "\u202e" not in out and "\\u202e" in out


def test_html_has_no_control_or_bidi_characters_from_a_document(tmp_path: Path) -> None:
    hostile = NO_CHAIR.replace(
        "name: NHS Wessex Coast Integrated Care Board", 'name: "NHS \\e[2J\\u202eWessex\\N\\x07 ICB"', 1
    ).replace("role: VCSE Alliance chair", 'role: "VCSE \\u202eAlliance chair"', 1)
    doc = tmp_path / "doc.yaml"
    doc.write_text(hostile)
    out = tmp_path / "report.html"
    result = run_cli("check", str(doc), "-f", f"html:{out}")
    assert result.returncode == 1, result.stderr
    page = out.read_text(encoding="utf-8")
    forbidden = [c for c in page if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2028\u200b"]
    assert forbidden == []
    assert "NHS \\x1b[2J\\u202eWessex\\x85\\x07 ICB" in page
    assert "<td>VCSE \\u202eAlliance chair</td>" in page  # a participant's role in the seat list


def test_stderr_messages_are_escaped(tmp_path: Path) -> None:
    missing = "nope\x1b\nline\u202e.yaml"
    result = run_cli("check", missing, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "govcheck: error: no such file or directory: nope\\x1b\\x0aline\\u202e.yaml\n"
    # with "[" the name is also a glob (issue 15) that matches nothing: escaped the same way
    result = run_cli("check", "nope\x1b[31m\nline\u202e.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "govcheck: error: no file matches 'nope\\x1b[31m\\x0aline\\u202e.yaml'\n"


def test_govcheck_config_shows_configuration_text_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "cfg\x1b[31m\u202e"  # shown in every "# source" comment
    folder.mkdir()
    (folder / ".govcheck.toml").write_text('baseline = "base\\u001b[31m\\n::error::x.json"\nprofiles = ["statutory"]\n')
    doc = folder / "c.yaml"
    doc.write_text(REFERENCE.read_text())
    result = run_cli("config", str(doc), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert f"  # statutory: {tmp_path}/cfg\\x1b[31m\\u202e/.govcheck.toml" in result.stdout
    assert f'baseline = "{tmp_path}/cfg\\u001b[31m\\u202e/base\\u001b[31m\\n::error::x.json"' in result.stdout


# -- item 3: any file name ---------------------------------------------------------------------

FORMATS = ["text", "json", "sarif", "junit", "github", "markdown", "html"]


@pytest.mark.skipif(os.name != "posix", reason="file names that are not UTF-8 are a POSIX matter")
def test_a_file_name_that_is_not_utf8_is_escaped_in_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    raw_name = os.fsencode(folder) + b"/caf\xe9-\xff\x1b.yaml"  # Latin-1 bytes and an ESC
    with open(raw_name, "wb") as fh:
        fh.write(NO_CHAIR.encode())
    args = ["check", str(folder)]
    for fmt in FORMATS:
        args += ["-f", f"{fmt}:{tmp_path / ('out.' + fmt)}"]
    result = run_cli(*args)
    assert result.returncode == 1, result.stderr
    for fmt in FORMATS:
        data = (tmp_path / f"out.{fmt}").read_bytes()
        decoded = data.decode("utf-8")  # strict: raises on invalid UTF-8
        assert "\x1b" not in decoded, fmt
        if fmt == "json":
            assert "caf\\\\xe9-\\\\xff\\u001b.yaml" in decoded
        elif fmt == "sarif":
            assert "caf%5Cxe9-%5Cxff%1B.yaml" in decoded or "caf%5Cxe9-%5Cxff" in decoded
        else:
            assert "caf\\xe9-\\xff" in decoded, fmt
