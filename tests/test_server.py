"""`govcheck serve`: a real server process on a free 127.0.0.1 port, driven over HTTP (httpx).

Every endpoint, every error status (400, 404, 405, 413, 415, 422, 429, 500, 503), every
hostile fixture, the audit log, the upload page in headless Chromium, and a bounded load
test. No timing assertions: the load test prints its figures (docs/performance.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcheck.engine import Engine, schema_path
from govcheck.plugins import load_registry
from govcheck.reporters.html_report import CSP as REPORT_CSP
from govcheck.server.openapi import spec
from govcheck.server.page import KEEPS_RECORD, KEEPS_TEXT
from tests.conftest import FIXTURES, REFERENCE, ROOT, run_cli
from tests.server_helpers import SLOW_PLUGIN, Server, alive, cpu_seconds, free_port, peak_rss_mib
from tests.strategies import dump, mangled_text, mutated

pytestmark = pytest.mark.slow  # real server processes, a load test: ~25 s

HOSTILE = FIXTURES / "hostile"
FAILING = FIXTURES / "invalid" / "GOV101-board-statutory-membership.yaml"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
ARTIFACTS = ROOT / "tests" / "artifacts"
MAX_BODY = 1_048_576
LOAD_SECONDS = min(float(os.environ.get("GOVCHECK_LOAD_SECONDS", "4")), 20.0)
LOAD_CLIENTS = 8
# The rule each hostile fixture breaks (fixtures/hostile/README.md).
HOSTILE_RULES = {
    "billion-laughs.yaml": "GOV004",
    "recursive-alias.yaml": "GOV004",
    "merge-key-bomb.yaml": "GOV004",
    "python-object-apply.yaml": "GOV001",
    "unsafe-tags.yaml": "GOV001",
    "nul-byte.yaml": "GOV003",
    "invalid-utf8.yaml": "GOV003",
    "binary.yaml": "GOV003",
    "control-character.yaml": "GOV003",
    "empty.yaml": "GOV001",
    "comments-only.yaml": "GOV001",
    "top-level-scalar.yaml": "GOV001",
    "top-level-list.yaml": "GOV001",
    "several-documents.yaml": "GOV001",
    "tab-indentation.yaml": "GOV001",
    "huge-integer.yaml": "GOV001",
    "impossible-date.yaml": "GOV001",
    "misfit-tag.yaml": "GOV001",
    "quoted-impossible-date.yaml": "GOV005",
    "year-two.yaml": "GOV005",
    "version-true.yaml": "GOV005",
}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
YAML = {"content-type": "application/yaml"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    cwd = tmp_path_factory.mktemp("serve")
    srv = Server(cwd, "--workers", "2", "--no-plugins", "--max-body", str(MAX_BODY), "--audit-log", "audit.jsonl")
    yield srv
    code = srv.stop()
    assert code in (0, -signal.SIGTERM), srv.stderr()
    assert "Traceback" not in srv.stderr()


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One worker, no queue, a 2-second request limit, and a plugin whose check sleeps 8 s
    on documents whose ICB name says SLOW (the engine's own rule limit is off)."""
    cwd = tmp_path_factory.mktemp("slow")
    (cwd / "slowplug.py").write_text(SLOW_PLUGIN)
    (cwd / "govcheck.toml").write_text("rule-timeout = 0\n")
    srv = Server(
        cwd, "--workers", "1", "--queue", "0", "--request-timeout", "2", "--no-plugins", "--plugin", "slowplug.py",
        "--config", "govcheck.toml", "--audit-log", "audit.jsonl", "--audit-max-bytes", "4096", "--audit-keep", "2",
        "--audit-documents",
    )
    yield srv
    code = srv.stop()
    assert code in (0, -signal.SIGTERM), srv.stderr()
    assert "Traceback" not in srv.stderr()


def _slow_document() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    assert "name: NHS Wessex Coast Integrated Care Board" in text
    return text.replace("name: NHS Wessex Coast Integrated Care Board", "name: NHS SLOW Wessex Coast Integrated Care Board")


def _assert_identified(response: httpx.Response, document: bytes | None = None) -> None:
    """The identifying headers every response carries."""
    assert UUID.match(response.headers["govcheck-decision-id"])
    assert response.headers["govcheck-version"] == "0.1.0"
    assert response.headers["govcheck-rules-version"].startswith("sha256:")
    assert response.headers["govcheck-law"]
    if document is not None:
        assert response.headers["govcheck-document-sha256"] == hashlib.sha256(document).hexdigest()


def _assert_problem(response: httpx.Response, status: int, fragment: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("/docs#problem-")
    assert fragment in body["detail"], body["detail"]
    assert body["decision_id"] == response.headers["govcheck-decision-id"]
    assert body["instance"] == f"urn:uuid:{body['decision_id']}"
    _assert_identified(response)
    return body


def _findings(report: dict) -> list[tuple[str, int, int, str, str]]:
    return [(f["rule"], f["line"], f["column"], f["path"], f["message"]) for f in report["documents"][0]["findings"]]


# -- the check --------------------------------------------------------------------------------


def test_yaml_body_gets_the_same_report_as_the_command_line(client: httpx.Client, tmp_path: Path) -> None:
    raw = FAILING.read_bytes()
    response = client.post("/v1/check", content=raw, headers=YAML)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    _assert_identified(response, raw)
    assert response.headers["govcheck-exit-code"] == "1"
    body = response.json()
    assert body["decision_id"] == response.headers["govcheck-decision-id"]
    assert body["document_sha256"] == hashlib.sha256(raw).hexdigest()
    assert body["tool"] == {"name": "govcheck", "version": "0.1.0"}
    assert body["rules_version"] == response.headers["govcheck-rules-version"]
    assert body["law"] == response.headers["govcheck-law"] == "nhs-act-2006-sch1b"
    assert body["exit_code"] == 1
    copy = tmp_path / "document.yaml"
    copy.write_bytes(raw)
    cli = run_cli("check", str(copy), "--format", "json", "--no-plugins", cwd=tmp_path)
    assert cli.returncode == 1
    expected = json.loads(cli.stdout)
    assert _findings(body["result"]) == _findings(expected)
    assert [f[0] for f in _findings(body["result"])] == ["GOV101"]
    assert body["result"]["counts"] == expected["counts"]


def test_the_service_json_is_the_report_encoded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service encodes the rule descriptions once per rule set and splices them in: the
    text is still exactly the compact, key-sorted encoding of the whole report, every time."""
    from govcheck import loader
    from govcheck.server.service import CheckRequest, Options, Service

    monkeypatch.chdir(tmp_path)
    service = Service(Options(no_plugins=True))
    for raw, profiles in [(REFERENCE.read_bytes(), None), (FAILING.read_bytes(), None), (FAILING.read_bytes(), ("core",)),
                          (REFERENCE.read_bytes(), None), ((HOSTILE / "top-level-list.yaml").read_bytes(), None)]:
        body = service.check(CheckRequest(raw, profiles)).body
        engine = service._engine(profiles, None, None, False)
        report = engine.report([engine.check_document(loader.load_bytes(raw, "document.yaml", engine.settings.limits))])
        assert body == json.dumps(report.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert len(service._rules_json) == 2  # the default profiles' rule set, and core's


def test_json_body_with_choices(client: httpx.Client) -> None:
    text = FAILING.read_text(encoding="utf-8")
    response = client.post("/v1/check", json={"document": text, "profiles": ["good-practice"], "as_of": "2026-05-01"})
    assert response.status_code == 200
    _assert_identified(response, text.encode("utf-8"))
    result = response.json()["result"]
    assert result["profiles"] == ["good-practice"]
    assert result["config"]["as_of"] == "2026-05-01"
    assert "GOV101" not in [f[0] for f in _findings(result)]  # statutory rules were not chosen
    ran = {o["rule"] for o in result["documents"][0]["outcomes"]}
    statutory = {r.id for r in load_registry(entry_points=False).rules.values() if r.profile == "statutory"}
    assert ran.isdisjoint(statutory)


def test_yaml_body_takes_choices_as_query_parameters(client: httpx.Client) -> None:
    response = client.post("/v1/check", params={"profiles": "statutory", "format": "json"},
                           content=REFERENCE.read_bytes(), headers=YAML)
    assert response.status_code == 200
    assert response.json()["result"]["profiles"] == ["statutory"]
    assert response.json()["exit_code"] == 0


def test_sarif_is_valid_against_the_official_schema(client: httpx.Client) -> None:
    response = client.post("/v1/check", json={"document": FAILING.read_text(), "format": "sarif"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sarif+json"
    data = response.json()
    jsonschema.validate(data, SARIF_SCHEMA)
    assert [r["ruleId"] for r in data["runs"][0]["results"]] == ["GOV101"]


def test_html_markdown_junit(client: httpx.Client) -> None:
    text = FAILING.read_text()
    html = client.post("/v1/check", json={"document": text, "format": "html"})
    assert html.status_code == 200 and html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.headers["content-security-policy"] == REPORT_CSP
    assert 'class="finding error" data-rule="GOV101"' in html.text
    md = client.post("/v1/check", json={"document": text, "format": "markdown"})
    assert md.status_code == 200 and md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert "**GOV101**" in md.text
    junit = client.post("/v1/check", json={"document": text, "format": "junit"})
    assert junit.status_code == 200 and junit.headers["content-type"] == "application/xml"
    failures = [c.get("name") for c in ET.fromstring(junit.text).iter("testcase") if c.find("failure") is not None]
    assert len(failures) == 1 and "GOV101" in failures[0]
    for r in (html, md, junit):
        _assert_identified(r, text.encode())
        assert r.headers["govcheck-exit-code"] == "1"


def test_hostile_documents_over_http(server: Server, client: httpx.Client) -> None:
    engine = Engine(load_registry(entry_points=False))
    files = sorted(p for p in HOSTILE.iterdir() if p.suffix == ".yaml")
    assert {p.name for p in files} == set(HOSTILE_RULES)
    for path in files:
        raw = path.read_bytes()
        response = client.post("/v1/check", content=raw, headers=YAML)
        assert response.status_code == 200, (path.name, response.text)
        _assert_identified(response, raw)
        result = response.json()["result"]
        rules = {f[0] for f in _findings(result)}
        assert HOSTILE_RULES[path.name] in rules, (path.name, rules)
        expected = engine.check_path(path, "document.yaml")
        assert _findings(result) == [(f.rule, f.line, f.column, f.path, f.message) for f in expected.findings]
    # nesting far past the limit, built here (PyYAML's composer would recurse)
    deep = b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    response = client.post("/v1/check", content=deep, headers=YAML)
    assert response.status_code == 200
    assert {f[0] for f in _findings(response.json()["result"])} == {"GOV004"}
    assert client.get("/readyz").status_code == 200
    # memory stayed bounded: no process of the server went past a few hundred MiB
    peaks = {pid: peak_rss_mib(pid) for pid in server.pids()}
    assert len(peaks) >= 4  # the server, the forkserver and two workers
    assert max(peaks.values()) < 1024, peaks
    print(f"\nhostile over HTTP: peak RSS MiB per process {sorted(round(v) for v in peaks.values())}")


REPORT_VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_path("report-v1.schema.json").read_text()))


@given(body=st.one_of(st.binary(max_size=2048), mangled_text().map(lambda t: t.encode("utf-8")),
                      mutated().map(lambda d: dump(d).encode("utf-8"))))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
def test_any_body_gets_a_decision(client: httpx.Client, body: bytes) -> None:
    """Random bytes, mangled and mutated documents: always a 200 decision with a valid report."""
    response = client.post("/v1/check", content=body, headers=YAML)
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["document_sha256"] == hashlib.sha256(body).hexdigest()
    assert decision["exit_code"] in (0, 1, 2)
    REPORT_VALIDATOR.validate(decision["result"])


# -- the other endpoints -------------------------------------------------------------------------


def test_rules_and_one_rule(client: httpx.Client) -> None:
    registry = load_registry(entry_points=False)
    response = client.get("/v1/rules")
    assert response.status_code == 200
    _assert_identified(response)
    rules = response.json()["rules"]
    assert [r["id"] for r in rules] == sorted(registry.rules)
    one = client.get("/v1/rules/GOV101")
    assert one.status_code == 200
    assert one.json()["rule"] == registry.rules["GOV101"].to_dict()
    by_slug = client.get(f"/v1/rules/{registry.rules['GOV101'].slug}")
    assert by_slug.json()["rule"]["id"] == "GOV101"


def test_schema_health_ready(client: httpx.Client) -> None:
    schema = client.get("/v1/schema")
    assert schema.status_code == 200
    assert schema.json() == json.loads(schema_path("constitution-v1.schema.json").read_text())
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {**health.json(), "status": "ready", "workers": 2}
    for r in (schema, health, ready):
        _assert_identified(r)


def test_metrics_count_requests_latency_and_findings(client: httpx.Client) -> None:
    before = client.get("/metrics").text
    client.post("/v1/check", content=FAILING.read_bytes(), headers=YAML)
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    text = response.text

    def value(body: str, series: str) -> float:
        match = re.search("^" + re.escape(series) + r" (\S+)$", body, re.M)
        return float(match.group(1)) if match else 0.0

    ok = 'govcheck_http_requests_total{route="/v1/check",method="POST",status="200"}'
    assert value(text, ok) == value(before, ok) + 1
    gov101 = 'govcheck_findings_total{rule="GOV101",severity="error"}'
    assert value(text, gov101) == value(before, gov101) + 1
    inf = 'govcheck_http_request_duration_seconds_bucket{route="/v1/check",le="+Inf"}'
    count = 'govcheck_http_request_duration_seconds_count{route="/v1/check"}'
    assert value(text, inf) == value(text, count) == value(before, count) + 1
    assert "# TYPE govcheck_http_request_duration_seconds histogram" in text
    assert value(text, "govcheck_workers") == 2
    # a path nobody routes is counted as "other", never as itself
    client.get("/no/such/path/x1")
    assert "x1" not in client.get("/metrics").text


def test_openapi_and_docs_page(client: httpx.Client) -> None:
    from openapi_spec_validator import validate

    api = client.get("/openapi.json").json()
    assert api["openapi"] == "3.1.0"
    validate(api)  # the OpenAPI 3.1 specification's own schema
    # answers match what the description says of them (its schemas are JSON Schema 2020-12)
    schemas = api["components"]["schemas"]
    decision = client.post("/v1/check", content=FAILING.read_bytes(), headers=YAML).json()
    jsonschema.validate(decision, schemas["Decision"])
    jsonschema.validate(decision["result"], json.loads(schema_path("report-v1.schema.json").read_text()))
    jsonschema.validate(client.get("/v1/rules/GOV999").json(), schemas["Problem"])
    assert set(api["paths"]) == {"/v1/check", "/v1/rules", "/v1/rules/{id}", "/v1/schema", "/healthz", "/readyz",
                                 "/metrics", "/"}
    assert set(api["paths"]["/v1/check"]["post"]["responses"]) == {"200", "400", "413", "415", "422", "429", "500",
                                                                   "503"}
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "<script" not in docs.text and " src=" not in docs.text and "<link" not in docs.text
    assert "default-src 'none'" in docs.headers["content-security-policy"]
    for path in api["paths"]:
        assert f"<code>{path}</code>" in docs.text
    for field in api["paths"]["/v1/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]:
        assert f"<td><code>{field}</code></td>" in docs.text


# -- errors -----------------------------------------------------------------------------------------


def test_malformed_requests_are_400(client: httpx.Client) -> None:
    bad = {"content-type": "application/json"}
    _assert_problem(client.post("/v1/check", content=b"{not json", headers=bad), 400, "not valid JSON")
    _assert_problem(client.post("/v1/check", json=["a"]), 400, "must be an object")
    _assert_problem(client.post("/v1/check", json={"profiles": []}), 400, '"document" must be')
    _assert_problem(client.post("/v1/check", json={"document": "a: 1", "path": "/etc/passwd"}), 400,
                    "unknown field 'path'")
    _assert_problem(client.post("/v1/check", json={"document": "a: 1", "profiles": "statutory"}), 400,
                    '"profiles" must be a list')
    _assert_problem(client.post("/v1/check", content=b'{"document": "\\ud800"}', headers=bad), 400, "lone surrogate")
    _assert_problem(client.post("/v1/check", content=b"[" * 100_000, headers=bad), 400, "not valid JSON")
    _assert_problem(client.post("/v1/check", params={"file": "/etc/passwd"}, content=b"a: 1", headers=YAML), 400,
                    "unknown query parameter 'file'")


def test_unknown_choices_are_422(client: httpx.Client) -> None:
    doc = REFERENCE.read_text()
    _assert_problem(client.post("/v1/check", json={"document": doc, "profiles": ["nope"]}), 422, "unknown profile 'nope'")
    _assert_problem(client.post("/v1/check", json={"document": doc, "as_of": "30 Feb"}), 422, "as_of must be a date")
    _assert_problem(client.post("/v1/check", json={"document": doc, "format": "pdf"}), 422, "unknown format 'pdf'")
    _assert_problem(client.post("/v1/check", json={"document": doc, "law": "magna-carta"}), 422,
                    "law must be one of nhs-act-2006-sch1b, health-bill-2026, not 'magna-carta'")
    _assert_problem(client.post("/v1/check", json={"document": doc, "as_of": "2021-06-30"}), 422,
                    "as_of 2021-06-30 is before 2022-07-01, when integrated care boards were established")


def test_not_found_method_and_media_type(client: httpx.Client) -> None:
    _assert_problem(client.get("/v2/check"), 404, "/docs")
    _assert_problem(client.get("/v1/rules/GOV999"), 404, "no rule 'GOV999'")
    response = _assert_problem(client.get("/v1/check"), 405, "Method Not Allowed")
    assert response["status"] == 405
    _assert_problem(client.post("/v1/check", content=b"a: 1", headers={"content-type": "text/plain"}), 415,
                    "application/yaml")


def test_too_large_is_413_and_the_connection_survives(client: httpx.Client) -> None:
    just_over = b"#" * (MAX_BODY + 1)
    _assert_problem(client.post("/v1/check", content=just_over, headers=YAML), 413, "at most 1,048,576")
    far_over = b"#" * (MAX_BODY * 8)
    _assert_problem(client.post("/v1/check", content=far_over, headers=YAML), 413, "8,388,608 bytes")
    assert client.get("/healthz").status_code == 200
    exact = b"#" * MAX_BODY  # at the limit: checked (an empty document of comments)
    response = client.post("/v1/check", content=exact, headers=YAML)
    assert response.status_code == 200
    assert [f[0] for f in _findings(response.json()["result"])] == ["GOV001"]


def test_an_endless_request_head_is_refused_with_bounded_memory(server: Server, client: httpx.Client) -> None:
    import socket

    with socket.create_connection(("127.0.0.1", server.port)) as raw:
        raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: ")
        sent = 0
        try:
            while sent < 64 << 20:
                raw.sendall(b"a" * (1 << 20))
                sent += 1 << 20
        except OSError:  # the server answered and closed: the rest was never read
            pass
        raw.settimeout(30)
        assert raw.recv(12) == b"HTTP/1.1 400"
    assert sent < 64 << 20
    assert peak_rss_mib(server.proc.pid) < 256
    assert client.get("/healthz").status_code == 200


def test_busy_is_429_and_overtime_is_503(slow_server: Server) -> None:
    slow = _slow_document()
    results: list[httpx.Response] = []
    with slow_server.client() as c:
        thread = threading.Thread(target=lambda: results.append(c.post("/v1/check", json={"document": slow})))
        thread.start()
        deadline = time.monotonic() + 30
        while "govcheck_checks_running 1" not in c.get("/metrics").text:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        busy = _assert_problem(c.post("/v1/check", json={"document": REFERENCE.read_text()}), 429, "busy")
        assert busy["type"] == "/docs#problem-busy"
        thread.join(60)
        [overtime] = results
        body = _assert_problem(overtime, 503, "2-second request time limit")
        assert overtime.headers["retry-after"] == "1"
        assert body["document_sha256"] == hashlib.sha256(slow.encode()).hexdigest()
        # the stuck worker was replaced: the next check is answered
        deadline = time.monotonic() + 60
        while c.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        again = c.post("/v1/check", json={"document": REFERENCE.read_text()})
        assert again.status_code == 200 and again.json()["exit_code"] == 0
        assert "govcheck_workers_replaced_total 1" in c.get("/metrics").text


def test_a_heavy_document_does_not_stall_the_others(tmp_path: Path) -> None:
    # the heavy check takes 4 s (not the slow plugin's 8: no request limit cuts it short here)
    (tmp_path / "slowplug.py").write_text(SLOW_PLUGIN.replace('"params": {"seconds": 8}', '"params": {"seconds": 4}'))
    (tmp_path / "govcheck.toml").write_text("rule-timeout = 0\n")
    srv = Server(tmp_path, "--workers", "2", "--no-plugins", "--plugin", "slowplug.py", "--config", "govcheck.toml",
                 "--audit-log", "")
    try:
        results: list[httpx.Response] = []
        with srv.client() as c:
            heavy = threading.Thread(target=lambda: results.append(c.post("/v1/check", json={"document": _slow_document()})))
            heavy.start()
            deadline = time.monotonic() + 30
            while "govcheck_checks_running 1" not in c.get("/metrics").text:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            for _ in range(5):  # answered by the other worker while the heavy one is still running
                light = c.post("/v1/check", json={"document": REFERENCE.read_text()})
                assert light.status_code == 200 and light.json()["exit_code"] == 0
            assert heavy.is_alive() and results == []
            heavy.join(60)
        assert results[0].status_code == 200  # the heavy one finishes too (4 s, under the 30 s limit)
    finally:
        srv.stop()


def test_a_worker_that_dies_is_503_and_replaced(slow_server: Server) -> None:
    crash = _slow_document().replace("NHS SLOW", "NHS CRASH")
    with slow_server.client() as c:
        before = re.search(r"^govcheck_workers_replaced_total (\d+)", c.get("/metrics").text, re.M)
        assert before is not None
        _assert_problem(c.post("/v1/check", json={"document": crash}), 503, "stopped while checking")
        deadline = time.monotonic() + 60
        while c.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert c.post("/v1/check", json={"document": REFERENCE.read_text()}).status_code == 200
        after = re.search(r"^govcheck_workers_replaced_total (\d+)", c.get("/metrics").text, re.M)
        assert after is not None and int(after.group(1)) == int(before.group(1)) + 1


LOCAL_PACK = """\
pack: local
profile: local
rules:
  - id: LOC001
    slug: local-place-route
    title: Every place has a route onto the board (local copy)
    severity: info
    check: places.board_route
    citations:
      - source: "Local policy (test)"
    rationale: A test rule.
    remediation: A test remedy.
"""


def test_a_worker_refuses_rules_changed_since_start(tmp_path: Path) -> None:
    (tmp_path / "slowplug.py").write_text(SLOW_PLUGIN)
    (tmp_path / "pack.yaml").write_text(LOCAL_PACK)
    srv = Server(tmp_path, "--workers", "1", "--no-plugins", "--plugin", "slowplug.py", "--rule-pack", "pack.yaml",
                 "--audit-log", "")
    try:
        with srv.client() as c:
            rules_version = c.get("/healthz").json()["rules_version"]
            assert c.get("/v1/rules/LOC001").json()["rule"]["severity"] == "info"
            (tmp_path / "pack.yaml").write_text(LOCAL_PACK.replace("severity: info", "severity: error"))
            crash = _slow_document().replace("NHS SLOW", "NHS CRASH")
            _assert_problem(c.post("/v1/check", json={"document": crash}), 503, "stopped while checking")
            deadline = time.monotonic() + 60
            while "could not start" not in srv.stderr():
                assert time.monotonic() < deadline
                time.sleep(0.1)
            assert "the rules changed since the server started" in srv.stderr()
            _assert_problem(c.get("/readyz"), 503, "no worker is ready")
            _assert_problem(c.post("/v1/check", json={"document": REFERENCE.read_text()}), 503, "no worker is running")
            # what the server answers about its rules is still what it started with
            assert c.get("/healthz").json()["rules_version"] == rules_version
            assert c.get("/v1/rules/LOC001").json()["rule"]["severity"] == "info"
    finally:
        srv.stop()


def test_a_failing_reporter_is_500_not_a_crash(slow_server: Server) -> None:
    with slow_server.client() as c:
        _assert_problem(c.post("/v1/check", json={"document": REFERENCE.read_text(), "format": "broken"}), 500,
                        "ValueError: this reporter is broken")
        ok = c.post("/v1/check", json={"document": REFERENCE.read_text()})
        assert ok.status_code == 200
        # the server's own configuration file applies (rule-timeout = 0 there; 10 s by default)
        assert ok.json()["result"]["config"]["rule_timeout"] is None


def test_the_server_configuration_is_the_default_without_a_file(client: httpx.Client) -> None:
    result = client.post("/v1/check", json={"document": REFERENCE.read_text()}).json()["result"]
    assert result["config"]["rule_timeout"] == 10.0
    assert result["profiles"] == ["statutory", "nhse-policy"]


# -- the audit log ----------------------------------------------------------------------------------


def test_audit_log_records_each_decision_without_the_text(server: Server, client: httpx.Client) -> None:
    raw = FAILING.read_bytes()
    response = client.post("/v1/check", content=raw, headers=YAML)
    refused = client.post("/v1/check", json={"document": raw.decode(), "profiles": ["nope"]})
    lines = [json.loads(line) for line in (server.cwd / "audit.jsonl").read_text().splitlines()]
    by_id = {e["decision_id"]: e for e in lines}
    entry = by_id[response.headers["govcheck-decision-id"]]
    assert entry["document_sha256"] == hashlib.sha256(raw).hexdigest()
    assert entry["document_bytes"] == len(raw)
    assert (entry["status"], entry["exit_code"], entry["result"]) == (200, 1, "not_compliant")
    assert entry["findings_by_rule"] == {"GOV101": 1}
    assert entry["rules_version"] == response.headers["govcheck-rules-version"]
    assert entry["law"] == "nhs-act-2006-sch1b"
    assert "document" not in entry
    error = by_id[refused.headers["govcheck-decision-id"]]
    assert error["status"] == 422 and "unknown profile" in error["error"]
    too_large = client.post("/v1/check", content=b"#" * (MAX_BODY + 1), headers=YAML)
    lines = [json.loads(line) for line in (server.cwd / "audit.jsonl").read_text().splitlines()]
    entry = next(e for e in lines if e["decision_id"] == too_large.headers["govcheck-decision-id"])
    assert entry["status"] == 413 and "--max-body" in entry["error"]
    # no document's text is in the log: a line from the document appears nowhere
    assert "NHS Wessex Coast Integrated Care Board" not in (server.cwd / "audit.jsonl").read_text()


def test_audit_log_is_rotated_and_may_keep_text(slow_server: Server) -> None:
    with slow_server.client() as c:
        for _ in range(12):
            assert c.post("/v1/check", json={"document": "govcheck: 1\n"}).status_code == 200
    logs = sorted(p.name for p in slow_server.cwd.glob("audit.jsonl*"))
    assert logs == ["audit.jsonl", "audit.jsonl.1", "audit.jsonl.2"]
    for name in logs:
        path = slow_server.cwd / name
        assert path.stat().st_size <= 4096 + 4096  # the cap, plus at most the line that crossed it
    last = json.loads((slow_server.cwd / "audit.jsonl").read_text().splitlines()[-1])
    assert last["document"] == "govcheck: 1\n"  # --audit-documents
    with slow_server.client() as c:
        page = c.get("/").text
    assert KEEPS_TEXT in page and KEEPS_RECORD not in page  # the upload page says so


# -- start-up -----------------------------------------------------------------------------------------


def test_ctrl_c_stops_every_process_without_a_traceback(tmp_path: Path) -> None:
    srv = Server(tmp_path, "--workers", "2", "--no-plugins", "--audit-log", "")
    pids = srv.pids()
    assert len(pids) >= 4
    os.killpg(srv.proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    srv.proc.wait(30)
    assert srv.stop() == 128 + signal.SIGINT  # uvicorn shuts down, then re-raises the signal
    assert srv.stderr().startswith("govcheck serve: listening on")
    assert "Traceback" not in srv.stderr() and "KeyboardInterrupt" not in srv.stderr()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in pids):
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_port_in_use_is_one_line_exit_2(server: Server, tmp_path: Path) -> None:
    result = run_cli("serve", "--port", str(server.port), "--audit-log", "", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"govcheck: error: cannot listen on 127.0.0.1:{server.port}: Address already in use"
    ]


def test_bad_rule_pack_is_exit_2_before_listening(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("pack: broken\nrules: 3\n")
    port = free_port()
    result = run_cli("serve", "--port", str(port), "--rule-pack", "pack.yaml", "--audit-log", "", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "pack.yaml" in result.stderr
    assert "Traceback" not in result.stderr


# -- the upload page, in a real browser ----------------------------------------------------------------


def _chromium_or_skip() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found:
        return found
    if os.environ.get("GOVCHECK_REQUIRE_BROWSER"):
        pytest.fail("GOVCHECK_REQUIRE_BROWSER is set but chromium is missing (apt-get install chromium)")
    pytest.skip("chromium is not installed (set GOVCHECK_REQUIRE_BROWSER=1 to make this a failure)")


def test_upload_page_without_javascript(server: Server) -> None:
    from playwright.sync_api import sync_playwright

    from tests.test_html_report import CHROMIUM_ARGS

    chromium = _chromium_or_skip()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            response = page.goto(server.url + "/")
            assert response is not None and response.status == 200
            assert page.locator("form[method=post][enctype='multipart/form-data']").count() == 1
            checked = page.locator("input[name=profile]:checked").evaluate_all("es => es.map(e => e.value)")
            assert checked == ["nhse-policy", "statutory"]

            # a file, with good-practice added
            page.set_input_files("input[name=file]", str(FAILING))
            page.check("input[name=profile][value=good-practice]")
            with page.expect_navigation():
                page.click("button[type=submit]")
            assert page.locator("li.finding[data-rule=GOV101]").count() == 1
            assert page.locator("svg.board-svg").count() == 1
            assert "good-practice" in page.locator("footer").inner_text()
            assert page.evaluate("document.querySelectorAll('script').length") == 0
            page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=False)

            # pasted YAML, from the form above the report
            page.fill("textarea[name=text]", REFERENCE.read_text(encoding="utf-8"))
            with page.expect_navigation():
                page.click("button[type=submit]")
            assert page.locator("li.finding").count() == 0
            assert "No findings" in page.content()

            # nothing chosen: the page says so, with the form
            with page.expect_navigation():
                page.click("button[type=submit]")
            assert page.locator("p.error").inner_text() == "Bad Request: choose a file or paste the YAML"
            assert {u.split("/", 3)[2] for u in requests} == {f"127.0.0.1:{server.port}"}
        finally:
            browser.close()
    assert (ARTIFACTS / "upload.png").stat().st_size > 10_000


def test_upload_page_policy(client: httpx.Client) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert csp == REPORT_CSP.replace("form-action 'none'", "form-action 'self'") + "; frame-ancestors 'none'"
    assert f'content="{csp}"' in page.text
    assert KEEPS_RECORD in page.text  # true here: --audit-documents is off
    files = {"file": ("c.yaml", FAILING.read_bytes(), "application/yaml")}
    report = client.post("/", files=files, data={"profile": ["statutory"]})
    assert report.status_code == 200
    assert report.headers["content-security-policy"] == csp
    assert f'content="{csp}"' in report.text and REPORT_CSP not in report.text
    _assert_identified(report, FAILING.read_bytes())


# -- load --------------------------------------------------------------------------------------------------


def test_bounded_load(server: Server) -> None:
    """8 clients post the reference for LOAD_SECONDS (at most 20 s): zero errors; figures printed."""
    raw = REFERENCE.read_bytes()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + LOAD_SECONDS

    def run() -> None:
        with server.client() as c:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                try:
                    r = c.post("/v1/check", content=raw, headers=YAML)
                    ok = r.status_code == 200 and r.headers["govcheck-exit-code"] == "0"
                    problem = "" if ok else f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    problem = repr(exc)
                elapsed = time.perf_counter() - t0
                with lock:
                    (errors.append(problem) if problem else latencies.append(elapsed))

    pids = server.pids()
    cpu_before = cpu_seconds(pids)
    client_cpu = time.process_time()
    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _ in range(LOAD_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(LOAD_SECONDS + 60)
    wall = time.perf_counter() - started
    cpu_after = cpu_seconds(pids)
    client_cpu = time.process_time() - client_cpu
    web = cpu_after[server.proc.pid] - cpu_before[server.proc.pid]
    total = sum(cpu_after[p] - cpu_before.get(p, 0.0) for p in cpu_after)
    assert errors == []
    assert len(latencies) >= LOAD_CLIENTS
    ms = sorted(x * 1000 for x in latencies)
    p50 = statistics.median(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"\nload: {LOAD_CLIENTS} clients, {wall:.1f} s, {len(ms)} checks, {len(ms) / wall:.1f} checks/s "
          f"({len(ms) / wall / (os.cpu_count() or 1):.1f} per core, {os.cpu_count()} cores), "
          f"p50 {p50:.1f} ms, p99 {p99:.1f} ms; server CPU {total * 1000 / len(ms):.1f} ms per check "
          f"(web process {web * 1000 / len(ms):.1f} ms), clients' CPU {client_cpu * 1000 / len(ms):.1f} ms per check, "
          f"load average {os.getloadavg()[0]:.1f}")


def test_docs_list_every_serve_option_and_route() -> None:
    import typer.main

    from govcheck.cli import app

    doc = (ROOT / "docs" / "server.md").read_text()
    command = typer.main.get_command(app).commands["serve"]  # type: ignore[attr-defined]
    options = [o for p in command.params for o in p.opts if o.startswith("--") and o != "--help"]
    assert [o for o in options if f"`{o}" not in doc] == []
    for path in spec(["json"], ["core"])["paths"]:
        assert f" {path}`" in doc, path


def test_without_the_server_extra_it_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['uvicorn'] = None; sys.argv = ['govcheck', 'serve', '--audit-log', '']\n"
        "from govcheck.__main__ import main; main()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "govcheck: error: govcheck serve needs the server extra (uvicorn is missing): pip install 'govcheck[server]'"
    ]


def test_a_full_disk_under_the_audit_log_is_one_line_and_checks_go_on(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    srv = Server(tmp_path, "--workers", "1", "--no-plugins", "--audit-log", "/dev/full")
    try:
        with srv.client() as c:
            response = c.post("/v1/check", content=REFERENCE.read_bytes(), headers=YAML)
            assert response.status_code == 200 and response.headers["govcheck-exit-code"] == "0"
    finally:
        srv.stop()
    lines = srv.stderr().splitlines()
    assert lines[1:] == ["govcheck serve: cannot write the audit log /dev/full: [Errno 28] No space left on device"]
