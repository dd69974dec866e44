"""Every output renders a rule's citations from one model (govcheck/reporters/citations.py):
the same source (title and paragraph), address and "not read at source" marking, for a
statutory citation read at source (GOV102) and for one whose text was not read (GOV502)."""

from __future__ import annotations

import html
import json

import pytest

from govcheck import docgen
from govcheck.engine import Engine
from govcheck.plugins import load_registry
from govcheck.report import Report
from govcheck.reporters import citations, html_report, markdown, sarif
from govcheck.reporters.common import help_text
from govcheck.rules import Rule
from tests.conftest import REFERENCE, run_cli

READ_RULE, NOT_READ_RULE = "GOV102", "GOV502"
GOV102_SOURCE = "NHS Act 2006 Sch. 1B para 3(1)(a)-(b)"
GOV102_URL = "https://www.legislation.gov.uk/ukpga/2006/41/schedule/1B/part/1"


@pytest.fixture(scope="module")
def report() -> Report:
    return Engine(load_registry(entry_points=False)).run([REFERENCE])


def _only_citation(report: Report, rule_id: str) -> citations.Citation:
    (cited,) = citations.of_rule(report.rules[rule_id])
    return cited


def test_the_model_holds_the_pack_facts(report: Report) -> None:
    read = _only_citation(report, READ_RULE)
    assert read.source.startswith(GOV102_SOURCE)
    assert read.url == GOV102_URL
    assert (read.verified, read.not_read) == (True, False)
    not_read = _only_citation(report, NOT_READ_RULE)
    assert not_read.source.startswith("NHS England model constitution standing orders")
    assert not_read.url.startswith("https://www.england.nhs.uk/")
    assert (not_read.verified, not_read.not_read) == (False, True)


def test_each_renderer_gives_the_same_facts() -> None:
    c = citations.Citation("Act s1 para 2 (x < y & z)", "https://example.org/a?b=1&c=2", verified=False)
    assert citations.text(c) == "Act s1 para 2 (x < y & z) <https://example.org/a?b=1&c=2> [not read at source]"
    assert (
        citations.text_block(c)
        == "  - Act s1 para 2 (x < y & z) [not read at source]\n    https://example.org/a?b=1&c=2"
    )
    assert citations.markdown(c) == "[Act s1 para 2 (x < y & z)](https://example.org/a?b=1&c=2) *(not read at source)*"
    assert citations.reference_markdown(c) == (
        "- Act s1 para 2 (x < y & z) <https://example.org/a?b=1&c=2> (**not read at source**)"
    )
    assert citations.html(c) == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">Act s1 para 2 (x &lt; y &amp; z)</a>'
        ' <span class="unverified">not read at source</span>'
    )
    plain = citations.Citation("Guidance, section 3")
    assert [citations.text(plain), citations.markdown(plain), citations.html(plain)] == ["Guidance, section 3"] * 3
    assert citations.text_block(plain) == "  - Guidance, section 3"
    assert citations.reference_markdown(plain) == "- Guidance, section 3"


def _facts_in(output: str, rule: Rule, *, marking: str = citations.NOT_READ) -> tuple[bool, bool, bool]:
    """Whether the output shows the rule's source, its address, and the not-read marking."""
    (c,) = rule.citations
    return c["source"] in output, c["url"] in output, marking in output


def _sarif_rule(report: Report, rule_id: str) -> dict[str, object]:
    log = json.loads(sarif.render(report))
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    found: dict[str, object] = next(d for d in descriptors if d["id"] == rule_id)
    return found


@pytest.mark.parametrize(("rule_id", "not_read"), [(READ_RULE, False), (NOT_READ_RULE, True)])
def test_every_output_kind_shows_source_address_and_marking(report: Report, rule_id: str, not_read: bool) -> None:
    rule = report.rules[rule_id]
    expected = (True, True, not_read)
    # plain text: SARIF help text (also the help of `govcheck rules`), and `rules show`
    assert _facts_in(help_text(rule), rule) == expected
    shown = run_cli("rules", "show", rule_id, "--no-plugins")
    assert shown.returncode == 0, shown.stderr
    assert _facts_in(shown.stdout, rule) == expected
    # SARIF: help text, help markdown (source linked to its address) and helpUri
    descriptor = _sarif_rule(report, rule_id)
    help_ = descriptor["help"]
    assert isinstance(help_, dict)
    assert _facts_in(help_["text"], rule) == expected
    (c,) = rule.citations
    assert f"[{c['source']}]({c['url']})" in help_["markdown"]
    assert ("*(not read at source)*" in help_["markdown"]) is not_read
    assert descriptor["helpUri"] == c["url"]
    # Markdown report (escaped for GitHub: compare the escaped source) and the rule reference
    md = markdown.render(report)
    row = next(line for line in md.splitlines() if f"| {rule_id} |" in line)
    assert markdown.escape(c["source"]) in row
    assert f"`{c['url']}" in row  # addresses are code spans, never live links
    assert (citations.NOT_READ in row) is not_read
    reference = docgen.render([rule])
    assert _facts_in(reference, rule, marking=f"(**{citations.NOT_READ}**)") == expected
    assert (f"<{c['url']}> (verified)" in reference) is not not_read
    # HTML: escaped source linked to its address, the marking in a span
    page = html_report.render(report)
    assert (
        f'<a href="{html.escape(c["url"])}" rel="noopener noreferrer">{html.escape(c["source"])}</a>'
        in page
    )
    row = page.split(f'<tr id="d1-rule-{rule_id}"')[1].split("</tr>")[0]
    assert (f'<span class="unverified">{citations.NOT_READ}</span>' in row) is not_read
