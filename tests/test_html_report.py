"""The HTML report: self-contained, escaped, with its pictures; and opened in real Chromium."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import jinja2
import pytest

from govcheck import textsafe
from govcheck.engine import Engine
from govcheck.plugins import load_registry
from govcheck.report import Report
from govcheck.reporters import html_report
from tests.conftest import FIXTURES, REFERENCE, ROOT, run_cli
from tests.report_docs import HOSTILE_NAME, failing_data, reference_data, seat_count, write

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def failing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("html") / "constitution.yaml", failing_data())


@pytest.fixture(scope="module")
def report(failing: Path) -> Report:
    return Engine(load_registry(entry_points=False)).run([failing])


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return html_report.render(report)


def test_document_strings_are_escaped(page: str) -> None:
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_self_contained_no_external_resources(page: str) -> None:
    assert not re.search(r"\ssrc\s*=", page)
    assert "url(" not in page and "@import" not in page and "<link" not in page
    for m in re.finditer(r"https?://", page):
        before = page[max(0, m.start() - 7) : m.start()].lstrip()
        # only the SVG namespace, and citation links a reader may choose to follow
        assert before in ('xmlns="', 'href="'), page[m.start() - 40 : m.start() + 40]
    assert "default-src 'none'" in page  # the CSP forbids requests and scripts


def test_board_picture_has_a_seat_per_member_and_participant(page: str) -> None:
    seats = re.findall(r'<g class="seat" data-group="([a-z_]+)" data-voting="(true|false)" '
                       r'data-independent="(true|false)"', page)
    assert len(seats) == seat_count(failing_data()) == 14
    assert sum(1 for _, _, ind in seats if ind == "true") == 4  # the chair and three non-executives
    assert sum(1 for _, vote, _ in seats if vote == "false") == 3  # the participants
    assert sorted({g for g, _, _ in seats}) == ["chair", "executive", "non_executive", "participant", "partner"]


def test_place_matrix_marks_the_gap(page: str) -> None:
    gaps = re.findall(r'<td class="gap" data-type="([a-z_]+)"', page)
    assert gaps == ["mental_health_provider"]
    row = page[page.index("Isle of Harrow</span>") : page.index("</tr>", page.index("Isle of Harrow</span>"))]
    assert 'data-type="mental_health_provider"' in row


def test_accountability_map_marks_duplicates_and_orphans(page: str) -> None:
    states = re.findall(r'<g class="function" data-state="([a-z]+)"><title>([^<]*)</title>', page)
    assert ("duplicate", "Internal and external audit (2 entries)") in states
    assert ("orphan", "Procurement decisions") in states
    assert sum(1 for s, _ in states if s != "ok") == 2
    assert 'data-kind="unresolved"' in page and "c-procurement (not defined)" in page


def test_pictures_past_their_limits_are_not_drawn_and_the_tables_list_everything(
    report: Report, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seats = len(re.findall(r"<tr><td><span class=\"dot\"", page))
    functions = len(re.findall(r'<g class="function" ', page))
    assert 'class="board-svg"' in page and "too many to draw" not in page
    monkeypatch.setattr(html_report, "DRAWN_SEATS", seats - 1)
    monkeypatch.setattr(html_report, "DRAWN_FUNCTIONS", functions - 1)
    small = html_report.render(report)
    assert 'class="board-svg"' not in small and 'class="acc-svg"' not in small
    assert f"{seats} seats are too many to draw (the picture is drawn for up to {seats - 1}); the table lists each." in small
    assert (
        f"{functions} functions are too many to draw (the map is drawn for up to {functions - 1}); "
        "the table lists each, with delegations."
    ) in small
    assert len(re.findall(r"<tr><td><span class=\"dot\"", small)) == seats  # every seat in its table
    table = page[page.index('<details><summary>The same as a table'):]
    table = table[table.index("<table"): table.index("</table>")]
    assert table in small  # the accountability table, whole, shown open


def test_every_finding_links_to_its_line_and_rule(report: Report, page: str) -> None:
    for f in report.findings:
        assert f'href="#d1-L{f.line}"' in page
        assert f'id="d1-L{f.line}"' in page
        assert f'href="#d1-rule-{f.rule}"' in page and f'id="d1-rule-{f.rule}"' in page


def test_checklist_lists_every_rule_with_citations(report: Report, page: str) -> None:
    for outcome in report.documents[0].outcomes:
        rule = report.rules[outcome.rule]
        row_start = page.index(f'<tr id="d1-rule-{rule.id}" class="{outcome.status}">')
        row = page[row_start : page.index("</tr>", row_start)]
        for citation in rule.citations:
            assert textsafe.html(citation["source"]) in row  # as govcheck.reporters.citations writes it


def test_unreadable_document_still_renders(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("govcheck: 1\nboard: [unclosed\n")
    out = tmp_path / "r.html"
    result = run_cli("check", str(broken), "--format", f"html:{out}")
    assert result.returncode == 1
    page = out.read_text()
    assert "could not be read as format v1" in page
    assert 'class="finding error" data-rule="GOV001"' in page
    assert 'id="d1-L3"' in page or 'id="d1-L2"' in page  # the source is still shown


def test_many_documents_get_a_contents_list(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    run_cli("check", str(REFERENCE), str(FIXTURES / "invalid" / "GOV302-place-partnership-core-membership.yaml"),
            "--format", f"html:{out}")
    page = out.read_text()
    assert page.count('<section class="doc"') == 2
    assert '<nav class="docs"' in page and 'href="#d2"' in page


def test_the_compiled_templates_are_current() -> None:
    """The templates ship compiled by the installed Jinja2 (govcheck/templates/html-jinja2-*/,
    written by `make docs`): changing a template without `make docs` fails here."""
    folder = html_report.compiled_folder(jinja2.__version__)
    shipped = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.py")}
    assert shipped == html_report.compiled_templates(), "run `make docs`"
    assert sorted(p.name for p in folder.parent.glob("html-jinja2-*")) == [folder.name]  # no other version's left


def test_the_report_renders_from_the_compiled_templates_as_from_the_templates(
    report: Report, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(html_report.environment().loader, jinja2.ModuleLoader)
    monkeypatch.setattr(jinja2, "__version__", "0.0.0")  # a Jinja2 that compiled none of them
    from_source = html_report.environment.__wrapped__()
    assert isinstance(from_source.loader, jinja2.FileSystemLoader)
    monkeypatch.setattr(html_report, "environment", lambda: from_source)
    assert html_report.render(report) == page


def _chromium_or_skip() -> None:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    if os.environ.get("GOVCHECK_REQUIRE_BROWSER"):
        pytest.fail(f"GOVCHECK_REQUIRE_BROWSER is set but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip("chromium is not installed (set GOVCHECK_REQUIRE_BROWSER=1 to make this a failure)")


def test_report_in_a_real_browser(tmp_path: Path) -> None:
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    data = failing_data()
    doc = write(tmp_path / "constitution.yaml", data)
    out = tmp_path / "report.html"
    result = run_cli("check", str(doc), "--format", f"html:{out}")
    assert result.returncode == 1, result.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            dialogs: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(out.as_uri())
            page.wait_for_load_state("load")

            assert page.locator("svg.board-svg").count() == 1
            assert page.locator("svg.board-svg g.seat").count() == seat_count(data)
            assert page.locator("svg.board-svg g.seat[data-independent=true]").count() == 4
            gap = page.locator("table.matrix td.gap")
            assert gap.count() == 1
            assert gap.get_attribute("data-type") == "mental_health_provider"
            assert gap.locator("xpath=..").locator("th").inner_text().startswith("Isle of Harrow")
            assert gap.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(218, 41, 28)"

            # the hostile name is shown as text and nothing ran
            assert page.locator("table.seat-list td").filter(has_text=HOSTILE_NAME).count() == 1
            titles = page.locator("svg.board-svg g.seat title").evaluate_all("ts => ts.map(t => t.textContent)")
            assert sum(1 for t in titles if t.startswith(HOSTILE_NAME + ": ")) == 1
            assert page.evaluate("document.querySelectorAll('script').length") == 0
            assert dialogs == []

            # a finding's location link lands on its source line
            link = page.locator("li.finding[data-rule=GOV302] a[href^='#d1-L']")
            target = link.get_attribute("href")
            link.click()
            assert page.evaluate("location.hash") == target
            line = page.locator(":target")
            assert line.get_attribute("id") == target[1:]
            assert "partnership" in line.inner_text() or "members" in line.inner_text()

            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
            assert requests == [out.as_uri()], requests  # the page itself, and nothing else
        finally:
            browser.close()
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def test_reference_document_draws_without_gaps(tmp_path: Path) -> None:
    engine = Engine(load_registry(entry_points=False))
    page = html_report.render(engine.report([engine.check_text(REFERENCE.read_text(), "reference.yaml")]))
    assert '<td class="gap"' not in page
    assert 'data-state="duplicate"' not in page and 'data-state="orphan"' not in page
    assert "No findings" in page
    assert page.count('<g class="seat"') == seat_count(reference_data())
