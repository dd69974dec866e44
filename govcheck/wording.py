"""Plain words for what the YAML parser and the format schema say.

A governance officer should not have to read a regular expression or a parser's internal
token names: YAML errors are said in words (with what YAML expected), and each pattern in
the format schema has a description with an example.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The format schema's date pattern (years 1900-2199; govcheck.validate.date_problem says which).
DATE_PATTERN = "^(19|2[01])[0-9]{2}-[0-9]{2}-[0-9]{2}$"

# The format schema's patterns, in words (tests/test_wording.py checks every pattern has one).
PATTERNS = {
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": "an id such as `nhse`: letters, digits, `-`, `_` and `.`, "
    "starting with a letter or digit, no spaces",
    DATE_PATTERN: "a date as YYYY-MM-DD, e.g. 2026-04-01",
    "^[a-z][a-z0-9_]*$": "a name such as `annual_report`: lower-case letters, digits and `_`, "
    "starting with a letter",
    "^[a-z][a-z0-9-]*$": "a name such as `good-practice`: lower-case letters, digits and `-`, "
    "starting with a letter",
    "^(/[\\s\\S]*)?$": "a path into the document starting with `/`, e.g. /board/members, or empty",
}


def pattern_message(value: str, pattern: str, description: str = "") -> str:
    """Why ``value`` does not have the form a pattern asks for, without the pattern."""
    shown = repr(value[:60]) + ("..." if len(value) > 60 else "")
    words = PATTERNS.get(pattern)
    if words is None:
        words = f"in the expected form ({description.rstrip('.')})" if description else "in the expected form"
    return f"{shown} is not {words}"


def unknown_key_message(key: str, allowed: Sequence[str]) -> str:
    """An unknown key, with the closest allowed key and the allowed keys (all, or the closest five)."""
    import difflib  # only for a near miss

    hint = difflib.get_close_matches(key, list(allowed), n=1)
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    ordered = sorted(allowed)
    if len(ordered) <= 12:
        listed = f"allowed here: {', '.join(ordered)}" if ordered else "no keys are allowed here"
    else:
        close = difflib.get_close_matches(key, ordered, n=5, cutoff=0.0)
        listed = f"allowed here include {', '.join(close)} ({len(ordered) - len(close)} more in docs/format.md)"
    return f"unknown key {key!r}{suggestion} ({listed})"


# libyaml / PyYAML problems, in words: (context or "", problem) -> words; "" matches any context.
_YAML = [
    ("flow sequence", "did not find expected ',' or ']'",
     "a list written in brackets is not closed: YAML expected ',' or ']' before this point"),
    ("flow mapping", "did not find expected ',' or '}'",
     "a mapping written in braces is not closed: YAML expected ',' or '}' before this point"),
    ("", "mapping values are not allowed",
     "a ':' here would start a key where none can go: indent the line under its parent key, "
     "or quote a value that contains ': '"),
    ("block collection", "did not find expected '-' indicator",
     "YAML expected another list item ('- ') at this indentation: the line is indented "
     "differently from the items above it"),
    ("block mapping", "did not find expected key",
     "YAML expected another key at this indentation: the line is indented differently from "
     "the keys above it"),
    ("quoted scalar", "found unexpected end of stream",
     "quoted text is not closed: its closing quote is missing"),
    ("quoted scalar", "found unknown escape character",
     "unknown escape in double-quoted text: write \\\\ for a backslash, or use single quotes"),
    ("", "found undefined alias",
     "an alias ('*name') refers to an anchor ('&name') that is not defined before it"),
    ("", "found a tab character that violates indentation",
     "a tab character: YAML indentation must use spaces"),
    ("", "found duplicate anchor", "the same anchor ('&name') is defined twice"),
    ("simple key", "could not find expected ':'",
     "YAML expected ':' after a key: a line in a mapping must be `key: value`"),
    ("", "did not find expected <document start>",
     "unexpected text after the end of the document (an extra closing bracket or brace?)"),
    ("", "did not find expected node content", "YAML expected a value here"),
    ("", "expected <block end>, but found",
     "this line does not line up with the lines above it: check its indentation"),
]  # fmt: skip
_TOKENS = {
    "<block end>": "the end of an indented block",
    "<block mapping start>": "the start of an indented mapping",
    "<block sequence start>": "the start of an indented list",
    "<scalar>": "a value",
    "<document start>": "the start of a document",
    "<stream end>": "the end of the file",
}


def yaml_error(context: str | None, problem: str | None, char: str = "") -> str:
    """A YAML parser error in words; ``char`` is the character at the error, if known."""
    context, problem = context or "", problem or ""
    if "cannot start any token" in problem:
        if char == "\t":
            return "a tab character: YAML indentation must use spaces"
        if char in ("@", "`"):
            return f"a value cannot start with {char!r} in YAML: put the value in quotes"
        return f"{char!r} cannot start a value here: put the value in quotes" if char else "put this value in quotes"
    for where, what, words in _YAML:
        if what in f"{context}; {problem}" and where in context:
            return words
    text = "; ".join(p for p in (context, problem) if p) or "the text is not valid YAML"
    for token, words in _TOKENS.items():
        text = text.replace(token, words)
    text = re.sub(r"^while (parsing|scanning) an? ", "in ", text)
    return f"YAML could not read this: {text}"


def caret(line_text: str, column: int) -> list[str]:
    """The source line and a caret under ``column`` (1-based), tabs shown as spaces."""
    shown = line_text.replace("\t", " ")
    return [shown, " " * max(column - 1, 0) + "^"]
