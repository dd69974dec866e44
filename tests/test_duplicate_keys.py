"""Duplicate keys (issue 14 item 9): reported at both places, and the document is judged as
other YAML tools read it (the last value wins), as the messages say."""

from __future__ import annotations

import yaml

from govcheck import check_text, loader
from tests.conftest import REFERENCE

TEXT = REFERENCE.read_text()


def test_the_last_value_wins_as_in_pyyaml() -> None:
    text = "govcheck: 1\na: first\nb: {x: 1}\na:\n  nested: second\n"
    doc = loader.load_text(text)
    assert doc.data == yaml.safe_load(text) == {"govcheck": 1, "a": {"nested": "second"}, "b": {"x": 1}}
    # positions are those of the value that counts
    assert doc.position("/a") == (5, 3)
    assert doc.position("/a", key=True) == (4, 1)
    assert doc.position("/a/nested") == (5, 11)
    assert [(p.kind, p.line, p.column, p.path, p.message) for p in doc.problems] == [
        ("duplicate-key", 4, 1, "/a",
         "duplicate key 'a': also defined at line 2, column 1; as YAML tools read it, this last "
         "definition wins and the earlier value is ignored"),
        ("duplicate-key", 2, 1, "/a",
         "duplicate key 'a': defined again at line 4, column 1; that later value is the one checked, "
         "this one is ignored"),
    ]


def test_a_duplicate_is_judged_by_its_last_value() -> None:
    # Two `voting` keys on the chair: the first says true, the last is text, a format
    # violation. Judged by the first value this would pass; by the last it cannot.
    anchor = "      roles: [chair]\n      voting: true\n"
    text = TEXT.replace(anchor, anchor + "      voting: not-a-boolean\n", 1)
    assert text != TEXT
    report = check_text(text, "dup.yaml", entry_points=False)
    rules = {(f.rule, f.path) for f in report.findings}
    assert ("GOV002", "/board/members/0/voting") in rules
    assert ("GOV005", "/board/members/0/voting") in rules
    line = text[: text.index("voting: not-a-boolean")].count("\n") + 1
    gov005 = [f for f in report.findings if f.rule == "GOV005" and f.path == "/board/members/0/voting"]
    assert [(f.line, f.column) for f in gov005] == [(line, 15)]
