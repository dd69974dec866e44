"""Memory bounded for every input within the documented limits (issue 14 item 4).

Echoed values are cut in messages; findings are capped per rule (200, then one "and N more"
finding) and per document (2,000); format errors stop at 1,000. Peak RSS is measured in a
child process (``ru_maxrss`` of the child) on a document that aliases one large value many
times and on a document whose aliases would produce a million findings: each stays under
the documented 300 MB for a document under 3 MB (docs/security.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govcheck import check_text
from govcheck.engine import MAX_FINDINGS, MAX_MESSAGE
from govcheck.isolation import MAX_VIOLATIONS
from govcheck.plugins import load_registry
from govcheck.validate import MAX_ERRORS
from tests.conftest import REFERENCE, ROOT

TEXT = REFERENCE.read_text()
RSS_BOUND_MB = 300  # documented in docs/security.md for documents under 3 MB

PLUGIN = '''
from govcheck import Violation, check, hookimpl


@check("many.findings", params={"n": {"type": "integer"}})
def many(doc, params):
    """Yields n violations (a check gone wrong, or a document built to explode)."""
    for i in range(params["n"]):
        yield Violation("/icb/name", f"finding {i} " + "v" * 5000)


@hookimpl
def govcheck_register_checks(register):
    register(many)


@hookimpl
def govcheck_register_rule_packs(register):
    rules = [{
        "id": f"MNY{i:03d}", "slug": f"many-{i}", "title": "Many findings", "severity": "warning",
        "check": "many.findings", "params": {"n": 1000 if i else 100_000},
        "citations": [{"source": "Test plugin"}], "rationale": "Test.", "remediation": "Test.",
    } for i in range(15)]
    register({"pack": "many", "profile": "many", "rules": rules})
'''


@pytest.fixture(scope="module")
def many_report(tmp_path_factory: pytest.TempPathFactory):
    plugin = tmp_path_factory.mktemp("many") / "many_plugin.py"
    plugin.write_text(PLUGIN)
    from govcheck.engine import Engine

    engine = Engine(load_registry([str(plugin)], entry_points=False))
    return engine.report([engine.check_text(TEXT, "doc.yaml")])


def test_findings_per_rule_are_capped_with_an_and_n_more_finding(many_report) -> None:
    first = [f for f in many_report.findings if f.rule == "MNY000"]
    assert len(first) <= MAX_VIOLATIONS + 1
    ours = sorted(first, key=lambda f: f.message.startswith("and "))
    assert ours[-1].message == (
        f"and {100_000 - MAX_VIOLATIONS:,} more findings of this rule not shown "
        f"(at most {MAX_VIOLATIONS:,} per rule and document)"
    )


def test_findings_per_document_are_capped(many_report) -> None:
    findings = many_report.documents[0].findings
    assert len(findings) == MAX_FINDINGS
    assert findings[-1].message.startswith("and ")
    assert "more findings in this document not shown (at most 2,000 per document" in findings[-1].message
    assert len({f.fingerprint for f in findings}) == len(findings)


def test_echoed_values_are_cut(many_report) -> None:
    assert max(len(f.message) for f in many_report.findings) <= MAX_MESSAGE
    long = TEXT.replace("  name: NHS Wessex Coast Integrated Care Board", "  name: [" + "x" * 200_000 + "]", 1)
    report = check_text(long, "long.yaml", entry_points=False)
    assert report.findings and max(len(f.message) for f in report.findings) <= 200


def test_format_errors_stop_at_a_bound() -> None:
    items = ", ".join(["la-westmere"] * 5000)
    text = TEXT.replace(
        "    local_authorities: [la-westmere, la-downsvale, la-castleport, la-harrow, la-portbury]",
        f"    local_authorities: [{items}]", 1,
    )
    report = check_text(text, "dups.yaml", entry_points=False)
    gov005 = [f for f in report.findings if f.rule == "GOV005"]
    assert len(gov005) == MAX_ERRORS + 1
    assert "validation stopped after 1,000 errors" in gov005[0].message


# -- peak RSS, measured in a child process --------------------------------------------------

_MEASURE = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.write(proc.stderr.decode()[-2000:])
print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_rss_mb(document: Path) -> tuple[int, float]:
    """Exit code and peak RSS (MB) of `govcheck check DOCUMENT -f json` in its own process."""
    cmd = [sys.executable, "-m", "govcheck", "check", str(document), "-f", "json", "--rule-timeout", "2"]
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, cwd=ROOT, timeout=600)
    code, kb = out.stdout.split()
    assert "Traceback" not in out.stderr, out.stderr
    return int(code), int(kb) / 1024


def _aliased_large_value(folder: Path) -> Path:
    """A 1 MB value, aliased 380,000 times in one list (2.5 MB of text)."""
    text = TEXT.replace(
        "    local_authorities: [la-westmere, la-downsvale, la-castleport, la-harrow, la-portbury]",
        "    local_authorities: [&a " + "x" * 1_000_000 + ", " + ", ".join(["*a"] * 380_000) + "]", 1,
    )
    path = folder / "aliased.yaml"
    path.write_text(text)
    return path


def _finding_explosion(folder: Path) -> Path:
    """120 KB: the chair aliased 24,000 times as a board member. Every copy repeats the
    chair's id (GOV008) and more, about a million findings' worth without the caps."""
    text = TEXT.replace("    - id: m-chair", "    - &m\n      id: m-chair", 1)
    second = text.index("    - id:", text.index("&m"))
    text = text[:second] + "    - *m\n" * 12_000 + text[second:]
    path = folder / "explosion.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("make", [_aliased_large_value, _finding_explosion], ids=["aliased-1MB-value", "finding-explosion"])
def test_peak_rss_stays_under_the_documented_bound(tmp_path: Path, make) -> None:
    document = make(tmp_path)
    assert document.stat().st_size < 3 * 1024 * 1024
    code, peak = _peak_rss_mb(document)
    assert code in (1, 2)  # findings; 2 when a rule hits its time limit on the huge board
    assert peak <= RSS_BOUND_MB, f"peak RSS {peak:.0f} MB for {document.name}"


def test_the_explosion_document_reports_capped_findings(tmp_path: Path) -> None:
    document = _finding_explosion(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "govcheck", "check", str(document), "-f", "json", "--rule-timeout", "2"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    findings = json.loads(proc.stdout)["documents"][0]["findings"]
    per_rule: dict[str, int] = {}
    for f in findings:
        per_rule[f["rule"]] = per_rule.get(f["rule"], 0) + 1
    assert per_rule["GOV008"] == MAX_VIOLATIONS + 1
    assert len(findings) <= MAX_FINDINGS
