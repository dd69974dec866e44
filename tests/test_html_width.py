"""The HTML report at any width, in real Chromium: nothing overflows the page at 420 px (wide
tables and the accountability map scroll inside their boxes), the board picture scales, map
labels stay at least 11 px; and the independence marks agree with the independence findings."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from govcheck.engine import Engine
from govcheck.plugins import load_registry
from govcheck.reporters import html_report
from tests.conftest import FIXTURES, run_cli
from tests.report_docs import failing_data, write
from tests.test_html_report import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, _chromium_or_skip

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Elements sticking out of the viewport, other than inside a box that scrolls sideways.
OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return true; } return false; };
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width && (r.right > vw + 0.5 || r.left < -0.5) && !scrolls(e)) out.push(e.tagName);
  }
  return {page: document.documentElement.scrollWidth, viewport: vw, out};
}"""
LABELS = """sel => Array.from(document.querySelectorAll(sel + ' text')).map(
  t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The failing document's HTML report, written once by the command line for every width."""
    folder = tmp_path_factory.mktemp("width")
    doc = write(folder / "constitution.yaml", failing_data())
    out = folder / "report.html"
    assert run_cli("check", str(doc), "--format", f"html:{out}").returncode == 1
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for the widths (each test opens its own page)."""
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.parametrize("width", [420, 1400])
def test_nothing_overflows_and_map_labels_stay_readable(report_file: Path, browser: Browser, width: int) -> None:
    out = report_file
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(out.as_uri())
        page.wait_for_load_state("load")
        found = page.evaluate(OVERFLOW)
        assert found["page"] == found["viewport"] == width
        assert found["out"] == []
        # the board picture scales to its column; the map keeps its size and scrolls
        board = page.locator("svg.board-svg").bounding_box()
        assert board is not None and board["x"] > 0 and board["x"] + board["width"] <= width
        assert min(page.evaluate(LABELS, "svg.acc-svg")) >= 11
        assert page.locator("div.scroll > svg.acc-svg").count() == 1
        for table in ("table.matrix", "table.seat-list", "table.rules"):
            assert page.locator(f"div.scroll > {table}").count() >= 1, table
        if width == 420:  # the wide tables really do scroll inside their box at this width
            matrix = page.locator("div.scroll:has(> table.matrix)")
            assert matrix.evaluate("e => e.scrollWidth > e.clientWidth")
        page.screenshot(path=str(ARTIFACTS / f"report-{width}.png"), full_page=True)
    finally:
        page.close()
    assert (ARTIFACTS / f"report-{width}.png").stat().st_size > 10_000


def test_a_member_with_an_independence_finding_is_not_drawn_independent() -> None:
    engine = Engine(load_registry(entry_points=False))
    path = FIXTURES / "invalid" / "GOV201-independent-members-footprint-roles.yaml"
    report = engine.report([engine.check_path(path)])
    (finding,) = [f for f in report.findings if f.rule == "GOV201"]
    member = finding.path.split("/interests")[0]  # /board/members/N
    page = html_report.render(report)
    doc = report.documents[0]
    name = next(m.name for m in doc.model.members if m.path == member)  # type: ignore[union-attr]
    row = re.search(rf"<tr><td><span class=\"dot\"[^>]*></span>{re.escape(name)}.*?</tr>", page)
    assert row is not None
    assert row.group(0).endswith("<td></td></tr>")  # no independence tick
    independent = sum(1 for m in doc.model.members if m.is_independent)  # type: ignore[union-attr]
    assert page.count('data-independent="true"') == independent - 1
