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

import re

# Characters that change how text is displayed or read without being visible themselves.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
)
UNSAFE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}\ud800-\udfff]")
# As UNSAFE, but a line break is allowed (for multi-line blocks such as `govcheck config`).
UNSAFE_KEEP_NEWLINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every unsafe character (see the module docstring) as a visible escape."""
    return UNSAFE.sub(_escape, text)


def visible_lines(text: str) -> str:
    """As :func:`visible`, keeping line breaks (each line still safe on its own)."""
    return UNSAFE_KEEP_NEWLINES.sub(_escape, text)


def shown(text: str) -> str:
    """``text`` for one line of a message on standard error: escaped, and never starting a
    CI workflow command (``::error::`` at the start of a line in GitHub Actions)."""
    out = visible(text)
    return "\\x3a" + out[1:] if out.startswith("::") else out


def line_start(text: str) -> str:
    """A line of a report that begins with document or file text: as :func:`shown`."""
    return shown(text)
