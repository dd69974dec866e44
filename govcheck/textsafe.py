"""Escaping shared by every output: text from documents, file names and configuration is shown
as what it is, never acted on by a terminal, a CI log, a Markdown renderer or a browser.

One declaration of what is unsafe, used by the text report, stderr messages, GitHub
annotations, Markdown, HTML and ``govcheck config``:

- control characters (C0 except tab, DEL, C1), line and paragraph separators (U+2028,
  U+2029, U+0085), bidirectional controls ("Trojan Source") and invisible format characters
  (zero-width spaces and joiners, the BOM, word joiner, soft hyphen, Hangul fillers) become
  visible escapes: ``\\x1b``, ``\\u202e``;
- a lone surrogate, which is how Python carries a file-name byte that is not UTF-8
  (``os.fsdecode``), becomes ``\\xff`` (the byte it stands for), so output is always UTF-8.
"""

from __future__ import annotations

import functools
import re

# Characters that change how text is displayed or read without being visible themselves.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
)
_UNSAFE = f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}\ud800-\udfff]"
# As UNSAFE, but line breaks (LF, CR) are allowed, for text whose format escapes them itself.
_UNSAFE_KEEP_NEWLINES = f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}\ud800-\udfff]"


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    """``source`` compiled on first use: the character classes above take ~1-2 ms to compile,
    and a run uses only some of these patterns (or none)."""
    return re.compile(source)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# The unsafe characters str.isprintable() counts as printable (a combining grapheme joiner,
# Hangul and Khmer fillers): printable text without them holds nothing unsafe
# (tests/test_escaping.py derives this set from _UNSAFE over every code point).
_PRINTABLE_UNSAFE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


def visible(text: str) -> str:
    """``text`` with every unsafe character (see the module docstring) as a visible escape."""
    if text.isprintable() and (text.isascii() or _PRINTABLE_UNSAFE.isdisjoint(text)):
        return text  # nothing unsafe: no pattern to compile or run
    return _pattern(_UNSAFE).sub(_escape, text)


def visible_lines(text: str) -> str:
    """As :func:`visible`, keeping line breaks (LF and CR) for a format that escapes them."""
    if text.isascii() and text.replace("\n", "").replace("\r", "").isprintable():
        return text
    return _pattern(_UNSAFE_KEEP_NEWLINES).sub(_escape, text)


def shown(text: str) -> str:
    """``text`` for one line of a message on standard error: escaped, and never starting a
    CI workflow command (``::error::`` at the start of a line in GitHub Actions)."""
    out = visible(text)
    return "\\x3a" + out[1:] if out.startswith("::") else out


def line_start(text: str) -> str:
    """A line of a report that begins with document or file text: as :func:`shown`."""
    return shown(text)


def html(value: object, *, quote: bool = True) -> str:
    """``value`` for HTML text or an attribute: ``&<>"'`` escaped, and every unsafe
    character (controls, separators, bidi, invisible, lone surrogates) as a visible escape,
    so nothing HTML forbids (C0/C1 controls) or that reorders text reaches the page."""
    # html.escape's replacements, without importing the html module (and its 2,200 named
    # entities) and in one call: the HTML report escapes tens of thousands of strings.
    text = value if type(value) is str else str(value)
    if not (text.isascii() and text.isprintable()):  # as visible(), without a call for most text
        text = visible(text)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:  # else 5 scans saved
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text
    return text


def lines(text: str) -> list[str]:
    """The lines of a document as YAML, editors and GitHub count them: split at LF (a CR
    before it dropped) only. ``str.splitlines`` also splits at U+2028, U+2029, U+0085 and
    form feeds, which would shift every later line number."""
    if "\r" not in text:
        return text.split("\n")
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


# GitHub-flavoured Markdown turns these into live links or notifications: URLs (scheme or
# www.), e-mail addresses and @mentions (users and teams). Inside a code span it does not.
_LINKISH = r"(?i)(?:\b(?:https?|ftp|mailto|xmpp|file):\S+|\bwww\.\S+|\S*@\S+)"


def markdown_linkish(text: str) -> list[tuple[bool, str]]:
    """Split ``text`` into (is_link_like, part) pieces; link-like parts must go in code spans."""
    if "@" not in text and ":" not in text and "www." not in text.lower():  # most text: no scan
        return [(False, text)] if text else []
    out: list[tuple[bool, str]] = []
    last = 0
    for match in _pattern(_LINKISH).finditer(text):
        if match.start() > last:
            out.append((False, text[last : match.start()]))
        out.append((True, match.group()))
        last = match.end()
    if last < len(text):
        out.append((False, text[last:]))
    return out


_SURROGATE_BYTE = "[\udc80-\udcff]"


def file_name(name: str) -> str:
    """A file name for reports: a byte that is not UTF-8 (carried by Python as a lone
    surrogate, ``os.fsdecode``) becomes ``\\xff``, so every format stays valid UTF-8. Other
    characters are kept; each format escapes them as it must."""
    if name.isascii():
        return name  # no surrogate: the common case needs no pattern
    return _pattern(_SURROGATE_BYTE).sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", name)
