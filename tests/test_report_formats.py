"""The report formats: SARIF, JUnit, GitHub annotations and Markdown, and several at once."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
from junitparser import Error, Failure, JUnitXml, Skipped

import govcheck
from govcheck.engine import Engine
from govcheck.plugins import load_registry
from govcheck.report import Report
from govcheck.reporters import github, junit, markdown, sarif
from govcheck.rules import shown_fix
from tests.conftest import FIXTURES, REFERENCE, ROOT, run_cli
from tests.report_docs import failing_data, write
from tests.schema_oracle import REPORT, assert_valid

SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())

BOOM_PLUGIN = '''
import govcheck
from govcheck.checks.base import check

@check("test.boom")
def boom(doc, params):
    raise RuntimeError("boom")

@govcheck.hookimpl
def govcheck_register_checks(register):
    register(boom)

@govcheck.hookimpl
def govcheck_register_rule_packs(register):
    register({"pack": "boom", "profile": "statutory", "rules": [{
        "id": "LOC901", "slug": "boom", "title": "A rule whose check raises", "severity": "error",
        "check": "test.boom", "citations": [{"source": "test plugin"}], "rationale": "r", "remediation": "m"}]})
'''


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("docs")
    # both in one folder, so the report (sorted by file) lists the failing document first
    reference = base / "reference.yaml"
    reference.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    return {"failing": write(base / "failing.yaml", failing_data()), "reference": reference}


@pytest.fixture(scope="module")
def report(docs: dict[str, Path]) -> Report:
    """The failing document, with one finding waived and one baselined, plus the reference."""
    engine = Engine(load_registry(entry_points=False))
    rep = engine.run([docs["failing"], docs["reference"]])
    doc = rep.documents[0]
    gov402 = [f for f in doc.findings if f.rule == "GOV402"]
    assert len(gov402) == 2
    doc.findings[doc.findings.index(gov402[0])] = gov402[0]._replace(
        status="waived", waiver_reason="Audit committee and board share this until April 2027"
    )
    doc.findings[doc.findings.index(gov402[1])] = gov402[1]._replace(status="baselined")
    return rep


@pytest.fixture(scope="module")
def erroring_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    plugin = tmp_path_factory.mktemp("plugin") / "boom.py"
    plugin.write_text(BOOM_PLUGIN)
    engine = Engine(load_registry([str(plugin)], entry_points=False))
    return engine.run([REFERENCE])


# -- SARIF -------------------------------------------------------------------------------


def test_sarif_validates_against_the_oasis_schema(report: Report, erroring_report: Report) -> None:
    validator = jsonschema.Draft7Validator(SARIF_SCHEMA)
    for rep in (report, erroring_report):
        data = json.loads(sarif.render(rep))
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert data["version"] == "2.1.0"


def test_sarif_schema_check_is_not_vacuous(report: Report) -> None:
    data = json.loads(sarif.render(report))
    data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not jsonschema.Draft7Validator(SARIF_SCHEMA).is_valid(data)


def test_sarif_every_result_names_a_described_rule_with_citations(report: Report) -> None:
    run = json.loads(sarif.render(report))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "govcheck"
    assert driver["version"] == govcheck.__version__
    rules = driver["rules"]
    ran = sorted({o.rule for d in report.documents for o in d.outcomes})
    assert [r["id"] for r in rules] == ran  # every rule that ran, in id order
    assert run["results"], "the failing document has findings"
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
    for rule in rules:
        source = report.rules[rule["id"]]
        assert rule["shortDescription"]["text"] == source.title
        assert rule["fullDescription"]["text"] == source.rationale
        for citation in source.citations:
            assert citation["source"] in rule["help"]["text"]
        assert shown_fix(source.remediation) in rule["help"]["text"]
        assert rule.get("helpUri", "x") != ""  # omitted rather than empty
    with_url = [report.rules[r] for r in ran if any(c.get("url") for c in report.rules[r].citations)]
    assert with_url, "the packs cite at least one URL"
    by_id = {r["id"]: r for r in rules}
    for rule in with_url:
        assert by_id[rule.id]["helpUri"] == next(c["url"] for c in rule.citations if c.get("url"))


def test_sarif_result_location_and_exact_finding(report: Report) -> None:
    run = json.loads(sarif.render(report))["runs"][0]
    gov302 = next(r for r in run["results"] if r["ruleId"] == "GOV302")
    finding = next(f for f in report.findings if f.rule == "GOV302")
    loc = gov302["locations"][0]["physicalLocation"]
    assert loc["region"] == {"startLine": finding.line, "startColumn": finding.column}
    assert loc["artifactLocation"]["uri"] == Path(finding.file).as_uri()  # absolute path -> file: URI
    assert gov302["level"] == "warning"
    assert "Isle of Harrow" in gov302["message"]["text"]
    assert gov302["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/places/2/partnership/members"
    assert gov302["partialFingerprints"] == {"govcheck/v1": finding.fingerprint}


def test_sarif_start_line_and_column_are_never_below_1(report: Report) -> None:
    doc = report.documents[0]
    zero = doc.findings[0]._replace(line=0, column=0)
    rep = report.replace(documents=[doc.replace(findings=[zero])])
    region = json.loads(sarif.render(rep))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1}


def test_sarif_relative_paths_use_srcroot() -> None:
    assert sarif.artifact("drafts/my constitution.yaml") == {
        "uri": "drafts/my%20constitution.yaml",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_waived_is_a_suppression_and_baseline_states(report: Report) -> None:
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 1
    assert waived[0]["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "Audit committee and board share this until April 2027"}
    ]
    states = sorted((r["ruleId"], r.get("baselineState")) for r in results if "suppressions" not in r)
    assert ("GOV402", "unchanged") in states
    assert ("GOV302", "new") in states  # open findings are new once a baseline is in use


def test_sarif_rule_errors_are_tool_notifications(erroring_report: Report) -> None:
    run = json.loads(sarif.render(erroring_report))["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["descriptor"] == {"id": "LOC901"}
    assert "raised RuntimeError: boom" in note["message"]["text"]
    assert "LOC901" in [r["id"] for r in run["tool"]["driver"]["rules"]]


def test_sarif_fingerprints_are_stable_across_runs_and_line_shifts(tmp_path: Path) -> None:
    doc = write(tmp_path / "constitution.yaml", failing_data())
    first = run_cli("check", str(doc), "--format", "sarif")
    second = run_cli("check", str(doc), "--format", "sarif")
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    doc.write_text("# a comment added above everything\n\n" + doc.read_text())
    shifted = run_cli("check", str(doc), "--format", "sarif")

    def prints(out: str) -> list[tuple[str, str, int]]:
        results = json.loads(out)["runs"][0]["results"]
        return [
            (
                r["ruleId"],
                r["partialFingerprints"]["govcheck/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        ]

    before, after = prints(first.stdout), prints(shifted.stdout)
    assert [(r, f) for r, f, _ in before] == [(r, f) for r, f, _ in after]
    assert [line + 2 for _, _, line in before] == [line for _, _, line in after]


# -- JUnit -------------------------------------------------------------------------------


def _junit(rep: Report, tmp_path: Path) -> JUnitXml:
    path = tmp_path / "report.xml"
    path.write_text(junit.render(rep), encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def test_junit_one_case_per_document_and_rule(report: Report, tmp_path: Path) -> None:
    xml = _junit(report, tmp_path)
    suites = list(xml)
    assert [s.name for s in suites] == [d.file for d in report.documents]
    for suite, doc in zip(suites, report.documents, strict=True):
        cases = list(suite)
        assert len(cases) == len(doc.outcomes) == suite.tests
        assert sorted(c.name.split()[0] for c in cases) == sorted(o.rule for o in doc.outcomes)
        assert {c.classname for c in cases} == {doc.file}


def test_junit_failures_carry_the_findings(report: Report, tmp_path: Path) -> None:
    failing, reference = list(_junit(report, tmp_path))
    cases = {c.name.split()[0]: c for c in failing}
    failure = cases["GOV302"].result[0]
    assert isinstance(failure, Failure)
    finding = next(f for f in report.findings if f.rule == "GOV302")
    assert f"{finding.file}:{finding.line}:{finding.column}: GOV302 warning: {finding.message}" in failure.text
    assert "Hampshire and Isle of Wight Integrated Care System' (2021), para 24" in failure.text
    assert isinstance(cases["GOV403"].result[0], Failure)
    # GOV402: one finding waived and one baselined, so nothing open: skipped with the reason
    skipped = cases["GOV402"].result[0]
    assert isinstance(skipped, Skipped)
    assert skipped.message == "baselined and waived: Audit committee and board share this until April 2027"
    assert cases["GOV101"].result == []
    # skipped: GOV402, and the five Health Bill 2026 rules (GOV151-GOV155), not in force
    assert (failing.failures, failing.skipped, failing.errors) == (2, 6, 0)
    assert reference.failures == 0 and reference.skipped == 5  # the Health Bill rules, not in force
    assert all(c.result == [] for c in reference if not c.name.startswith(("GOV151", "GOV152", "GOV153", "GOV154", "GOV155")))


def test_junit_rule_error_is_an_error_case(erroring_report: Report, tmp_path: Path) -> None:
    (suite,) = list(_junit(erroring_report, tmp_path))
    case = next(c for c in suite if c.name.startswith("LOC901"))
    assert isinstance(case.result[0], Error)
    assert "boom" in case.result[0].message
    assert suite.errors == 1


def test_junit_findings_below_the_threshold_pass(report: Report, tmp_path: Path) -> None:
    lenient = report.replace(fail_on="error")
    failing, _ = list(_junit(lenient, tmp_path))
    case = next(c for c in failing if c.name.startswith("GOV302"))
    assert case.result == []
    assert "GOV302 warning" in case.system_out


def test_junit_survives_control_characters(report: Report, tmp_path: Path) -> None:
    doc = report.documents[0]
    odd = doc.findings[0]._replace(message="bad \x01 byte & <tag>")
    rep = report.replace(documents=[doc.replace(findings=[odd, *doc.findings[1:]])])
    (suite,) = list(_junit(rep, tmp_path))
    text = next(c for c in suite if c.name.startswith(odd.rule)).result[0].text
    assert "bad \ufffd byte & <tag>" in text


# -- GitHub ------------------------------------------------------------------------------


def test_github_annotation_lines(report: Report) -> None:
    lines = github.render(report).splitlines()
    finding = next(f for f in report.findings if f.rule == "GOV302")
    file = github.escape_property(finding.file)
    expected = (
        f"::warning file={file},line={finding.line},col={finding.column},"
        f"title=GOV302 place-partnership-core-membership::{finding.message}%0ASource: "
    )
    assert any(line.startswith(expected) for line in lines), lines
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == len(report.open_findings) == 2  # waived and baselined are not annotated
    assert lines[-1].startswith("govcheck: 2 document(s), 0 error(s), 2 warning(s)")


def test_github_escaping() -> None:
    line = github.command("error", "50% done\r\nnext: a, b", file="dir/a:b,c.yaml", line=3, col=1, title="T: x")
    assert line == "::error file=dir/a%3Ab%2Cc.yaml,line=3,col=1,title=T%3A x::50%25 done%0D%0Anext: a, b"


def test_github_levels_and_rule_errors(report: Report, erroring_report: Report) -> None:
    doc = report.documents[0]
    info = doc.findings[0]._replace(severity="info", status="open")
    rep = report.replace(documents=[doc.replace(findings=[info])])
    assert github.render(rep).startswith("::notice file=")
    out = github.render(erroring_report)
    assert "::error file=fixtures/valid/reference.yaml,title=LOC901::rule could not be evaluated: " in out.replace(
        str(ROOT) + "/", ""
    )


# -- Markdown ----------------------------------------------------------------------------


def test_markdown_outcome_per_rule_and_findings_with_location_and_citation(report: Report) -> None:
    # Two documents' outcome tables with every citation pass the pull-request comment budget,
    # so ask for the full report (--full), which this test is about.
    out = markdown.render(report.replace(options={"full": True}))
    assert len(markdown.render(report)) < markdown.BUDGET < len(out)
    assert out.startswith("## ❌ govcheck: not compliant\n")
    finding = next(f for f in report.findings if f.rule == "GOV302")
    assert f"`{finding.file}:{finding.line}:{finding.column}`" in out
    assert "Isle of Wight Integrated Care System' (2021), para 24 (at a minimum" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and " GOV" in line]
    assert len(rows) == sum(len(d.outcomes) for d in report.documents)
    gov302 = next(r for r in rows if "| GOV302 |" in r)
    assert "| failed |" in gov302 and "❌" in gov302
    assert any("| GOV101 |" in r and "| passed |" in r for r in rows)
    assert "*(waived: Audit committee and board share this until April 2027)*" in out


def test_markdown_escapes_document_text(report: Report) -> None:
    doc = report.documents[0]
    hostile = doc.findings[0]._replace(message="member <script>alert(1)</script> | [x](http://e) @team")
    rep = report.replace(documents=[doc.replace(findings=[hostile])])
    out = markdown.render(rep)
    assert "<script>" not in out
    # URLs and @mentions go in code spans: GitHub links and notifies neither there
    assert r"member &lt;script&gt;alert(1)&lt;/script&gt; \| \[x\](`http://e)` `@team`" in out


# -- all formats together ------------------------------------------------------------------


def test_every_format_in_one_run_each_to_its_own_file(tmp_path: Path) -> None:
    files = {name: tmp_path / f"report.{name}" for name in ("json", "sarif", "junit", "github", "markdown", "html")}
    args = ["check", str(FIXTURES / "invalid"), str(REFERENCE), "--format", "text"]
    for name, path in files.items():
        args += ["--format", f"{name}:{path}"]
    result = run_cli(*args)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert "result: NOT compliant" in result.stdout
    data = json.loads(files["json"].read_text())
    assert_valid(data, REPORT)  # 132 documents: the compiled oracle (tests/schema_oracle.py)
    n_docs = data["counts"]["documents"]
    assert n_docs == len(list((FIXTURES / "invalid").glob("*.yaml"))) + 1
    assert not list(jsonschema.Draft7Validator(SARIF_SCHEMA).iter_errors(json.loads(files["sarif"].read_text())))
    assert len(list(JUnitXml.fromfile(str(files["junit"])))) == n_docs
    assert sum(1 for line in files["github"].read_text().splitlines() if line.startswith("::")) == data["counts"]["open"]
    md = files["markdown"].read_text()  # too long for a PR comment in full: the summary form
    assert len(md) <= 65_536 and "**This is the summary form:**" in md
    html = files["html"].read_text()
    assert html.startswith("<!DOCTYPE html>") and html.count('<section class="doc"') == n_docs


def test_json_report_with_waived_and_baselined_findings_validates(report: Report, report_schema: dict) -> None:
    from govcheck.reporters import json_report

    data = json.loads(json_report.render(report))
    jsonschema.Draft202012Validator(report_schema).validate(data)
    assert data["counts"]["waived"] == 1 and data["counts"]["baselined"] == 1
    del data["documents"][0]["findings"][0]["rule"]
    assert not jsonschema.Draft202012Validator(report_schema).is_valid(data)


def test_unwritable_report_file_is_a_clean_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", str(REFERENCE), "--format", f"sarif:{tmp_path / 'missing' / 'out.sarif'}")
    assert result.returncode == 2
    assert "govcheck: error: cannot write the sarif report to" in result.stderr
    assert "Traceback" not in result.stderr


def test_reporters_are_listed_by_plugins_and_imported_lazily() -> None:
    listed = run_cli("plugins", "--format", "json")
    info = next(p for p in json.loads(listed.stdout) if p["name"] == "govcheck.reporters")
    assert info["reporters"] == ["text", "json", "sarif", "junit", "github", "markdown", "html"]
    code = (
        "import sys; from govcheck.plugins import load_registry; load_registry(entry_points=False); "
        "print(sorted(m for m in sys.modules if m.startswith('govcheck.reporters.')))"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "['govcheck.reporters.base']"


def test_text_format_keeps_no_documents_in_memory(docs: dict[str, Path]) -> None:
    registry = load_registry(entry_points=False)
    kept = Engine(registry).run([docs["failing"]]).documents[0]
    assert kept.model is not None and kept.model.members and kept.text.startswith("govcheck: 1")
    dropped = Engine(registry, keep_documents=False).run([docs["failing"]]).documents[0]
    assert dropped.model is None and dropped.text == ""
    assert dropped.to_dict() == kept.to_dict()  # never serialised
    assert registry.reporters["html"].needs_documents and not registry.reporters["json"].needs_documents


def test_sarif_output_has_no_rule_index_gaps(report: Report) -> None:
    out = sarif.render(report)
    indexes = {int(m) for m in re.findall(r'"ruleIndex": (\d+)', out)}
    assert indexes <= set(range(len(json.loads(out)["runs"][0]["tool"]["driver"]["rules"])))


def test_reports_doc_covers_every_format_and_the_hook() -> None:
    import yaml

    doc = (ROOT / "docs" / "reports.md").read_text()
    for name in load_registry(entry_points=False).reporters:
        assert f"\n## `{name}`\n" in doc, name
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "govcheck")
    assert f"(`files: {hook['files']}`)" in doc
    assert "additional_dependencies" in doc


def test_rule_errors_are_not_reported_as_a_clean_pass(erroring_report: Report) -> None:
    from govcheck.reporters import html_report

    md = markdown.render(erroring_report)
    assert md.startswith("## ⚠️ govcheck: compliance not established\n")
    assert "- ⚠️ **LOC901** could not be evaluated, so compliance is not established: check 'test.boom'" in md
    assert "No findings." not in md
    page = html_report.render(erroring_report)
    assert 'class="verdict v2"' in page
    assert '<div class="rule-errors"><b>1 rule(s) could not be evaluated' in page
    assert "every rule that applies is met" not in page
