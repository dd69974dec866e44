"""Citations: one model, one renderer per output kind.

A rule pack cites each source as ``source`` (the title with its section or paragraph),
``url`` (the address a reader can open; optional) and ``verified`` (``false`` when the
text was not read at source). :class:`Citation` holds those three facts; every output
(text, Markdown, HTML, SARIF help, the generated rule reference and ``rules show``)
renders them with a function here, so a source not read is marked the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from govcheck.textsafe import html as _escape_html

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.rules import Rule

# How every output marks a source whose text could not be read (citation `verified: false`).
NOT_READ = "not read at source"
# How the rule reference (docs/rules.md) marks a source that was read and checked.
READ = "verified"


class Citation(NamedTuple):
    """One source a rule cites (a value: immutable, compared by its fields)."""

    source: str  # title, with the section, schedule or paragraph cited
    url: str = ""  # the address a reader can open
    verified: bool | None = None  # False: not read at source; True: read and checked; None: not stated

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Citation:
        verified = data.get("verified")
        return cls(str(data["source"]), str(data.get("url") or ""), verified if isinstance(verified, bool) else None)

    @property
    def not_read(self) -> bool:
        return self.verified is False


def of_rule(rule: Rule) -> list[Citation]:
    return [Citation.of(c) for c in rule.citations]


def first_url(citations: Iterable[Citation]) -> str:
    """The first address, or '' (SARIF's helpUri; a rule without one gets none)."""
    return next((c.url for c in citations if c.url), "")


def text(c: Citation) -> str:
    """One line of plain text: ``source <url> [not read at source]``."""
    out = c.source
    if c.url:
        out += f" <{c.url}>"
    if c.not_read:
        out += f" [{NOT_READ}]"
    return out


def text_block(c: Citation, indent: str = "  ") -> str:
    """Plain text for a terminal, the address on its own line (``rules show``)."""
    out = f"{indent}- {c.source}" + (f" [{NOT_READ}]" if c.not_read else "")
    if c.url:
        out += f"\n{indent}  {c.url}"
    return out


def markdown(c: Citation) -> str:
    """Markdown (SARIF help): the source linked to its address, ``*(not read at source)*``."""
    out = f"[{c.source}]({c.url})" if c.url else c.source
    if c.not_read:
        out += f" *({NOT_READ})*"
    return out


def reference_markdown(c: Citation) -> str:
    """A list item of the rule reference (docs/rules.md): read sources are marked too."""
    out = c.source
    if c.url:
        out += f" <{c.url}>"
    if c.verified is True:
        out += f" ({READ})"
    elif c.not_read:
        out += f" (**{NOT_READ}**)"
    return f"- {out}"


def html(c: Citation) -> str:
    """HTML, every fact escaped: the source linked to its address, a ``span.unverified`` marking."""
    out = _escape_html(c.source)
    if c.url:
        out = f'<a href="{_escape_html(c.url)}" rel="noopener noreferrer">{out}</a>'
    if c.not_read:
        out += f' <span class="unverified">{NOT_READ}</span>'
    return out
