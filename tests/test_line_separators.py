"""Positions editors agree with (issue 14 item 11).

U+2028, U+2029 and U+0085 inside strings and comments do not shift reported lines: YAML 1.1
(PyYAML) counts them as line breaks, editors, GitHub and YAML 1.2 do not. Lines are counted
at LF only, and the characters stay in the values.
"""

from __future__ import annotations

import pytest

from govcheck import check_text, loader
from govcheck.textsafe import lines
from tests.conftest import REFERENCE

TEXT = REFERENCE.read_text()


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_separators_in_strings_and_comments_do_not_shift_lines(char: str) -> None:
    text = (
        TEXT.replace("# Reference constitution", f"# Reference{char}constitution", 1)  # a comment
        .replace("name: Wessex Coast Integrated Care System", f'name: "Wessex{char}Coast ICS"', 1)  # quoted
        .replace("name: NHS Wessex Coast Integrated Care Board", f"name: NHS Wessex{char}Coast ICB", 1)  # plain
        .replace("roles: [chair]", "roles: [non_executive]", 1)  # a finding after all of them
    )
    assert text.count(char) == 3
    doc = loader.load_text(text, "ls.yaml")
    assert doc.problems == []
    assert doc.data["ics"]["name"] == f"Wessex{char}Coast ICS"
    assert doc.data["icb"]["name"] == f"NHS Wessex{char}Coast ICB"
    # Every finding is where it is in the same document with "_" for the separator: the
    # separators shift nothing.
    report = check_text(text, "ls.yaml", entry_points=False)
    plain = check_text(text.replace(char, "_"), "ls.yaml", entry_points=False)
    where = [(f.rule, f.line, f.column, f.path) for f in report.findings]
    assert where == [(f.rule, f.line, f.column, f.path) for f in plain.findings]
    gov101 = [f for f in report.findings if f.rule == "GOV101"]
    board = text.index("\nboard:")
    members = text.index("  members:", board)
    assert [(f.line, f.column) for f in gov101] == [(text.count("\n", 0, members) + 1, 3)]


def test_a_syntax_error_after_separators_is_at_the_editor_line() -> None:
    text = "govcheck: 1\n# a\u2029b\nname: \"x\u2028y\"\nother: z\x85w\nlist: [1, ]]\n"
    doc = loader.load_text(text)
    assert [(p.line, p.column) for p in doc.problems] == [(5, 12)]  # the second ']'


def test_text_that_already_holds_private_use_characters_is_kept() -> None:
    text = "govcheck: 1\nname: \"\uf8ff\uf8fe \u2028 \uf8fd\"\n"
    doc = loader.load_text(text)
    assert doc.data["name"] == "\uf8ff\uf8fe \u2028 \uf8fd"


def test_lines_split_at_lf_only() -> None:
    assert lines("a\u2028b\x85c\u2029d\x0ce\r\nf\n") == ["a\u2028b\x85c\u2029d\x0ce", "f", ""]
