"""Crash isolation: a check that raises, hangs or returns rubbish costs only its own rule.

Its outcome is ``error`` naming the check and plugin, every other rule still reports, and
the run exits 2 (compliance not established). Tested through a local plugin file, as a
third party would ship one (``--plugin path.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
import time
from pathlib import Path

import pytest

from govcheck import isolation, laws
from govcheck.checks.base import Violation
from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from tests.conftest import REFERENCE
from tests.sandbox import assert_clean, run_limited

PLUGIN = textwrap.dedent(
    '''
    """A plugin whose checks misbehave in every way the engine must survive."""
    import time

    from govcheck.checks.base import Violation, check
    from govcheck.hookspecs import hookimpl

    @check("bad.raises")
    def raises(doc, params):
        raise RuntimeError("boom")

    @check("bad.raises_late")
    def raises_late(doc, params):
        yield Violation("/board", "first")
        raise KeyError("second")

    @check("bad.hangs")
    def hangs(doc, params):
        while True:
            time.sleep(0.01)

    @check("bad.malformed_path")
    def malformed_path(doc, params):
        return [Violation(path=5, message="a number is not a JSON Pointer")]

    @check("bad.malformed_item")
    def malformed_item(doc, params):
        return ["not a violation"]

    @check("bad.empty_message")
    def empty_message(doc, params):
        return [Violation("/board", "  ")]

    @check("bad.returns_none")
    def returns_none(doc, params):
        return None

    @check("bad.exits")
    def exits(doc, params):
        raise SystemExit(3)

    def _deeper(n):
        return _deeper(n + 1)

    @check("bad.recurses")
    def recurses(doc, params):
        return _deeper(0)

    @check("bad.fine")
    def fine(doc, params):
        yield Violation("/board/members", "a well-formed finding", key=True)

    CHECKS = [raises, raises_late, hangs, malformed_path, malformed_item, empty_message,
              returns_none, exits, recurses, fine]
    PACK = {
        "pack": "bad",
        "profile": "bad",
        "rules": [
            {"id": f"BAD{i:02d}", "slug": c.name.replace("bad.", "bad-").replace("_", "-"),
             "title": c.name, "severity": "warning", "check": c.name,
             "citations": [{"source": "tests/test_isolation.py"}],
             "rationale": "misbehaves on purpose", "remediation": "none"}
            for i, c in enumerate(CHECKS, 1)
        ],
    }

    @hookimpl
    def govcheck_register_checks(register):
        for c in CHECKS:
            register(c)

    @hookimpl
    def govcheck_register_rule_packs(register):
        register(PACK)
    '''
)

EXPECTED_ERRORS = {
    "BAD01": "check 'bad.raises' (plugin '{plugin}') raised RuntimeError: boom",
    "BAD02": "check 'bad.raises_late' (plugin '{plugin}') raised KeyError: 'second'",
    "BAD03": "check 'bad.hangs' (plugin '{plugin}') did not finish within the 1-second rule time limit",
    "BAD04": "check 'bad.malformed_path' (plugin '{plugin}') returned Violation(path=5, ",
    "BAD05": "check 'bad.malformed_item' (plugin '{plugin}') returned 'not a violation', not a well-formed",
    "BAD06": "check 'bad.empty_message' (plugin '{plugin}') returned Violation(path='/board', message='  '",
    "BAD07": "check 'bad.returns_none' (plugin '{plugin}') returned None, not an iterable of Violations",
    "BAD08": "check 'bad.exits' (plugin '{plugin}') raised SystemExit: 3",
    "BAD09": "check 'bad.recurses' (plugin '{plugin}') raised RecursionError: maximum recursion depth",
}


@pytest.fixture
def plugin_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad_plugin.py"
    path.write_text(PLUGIN)
    return path


def test_cli_isolates_every_misbehaving_check(plugin_file: Path) -> None:
    result = run_limited(
        "check", str(REFERENCE), "--plugin", str(plugin_file), "--profile", "bad", "--profile", "statutory",
        "--rule-timeout", "1", "--format", "json", timeout=120,
    )
    assert_clean(result, 2)
    data = json.loads(result.stdout)
    outcomes = {o["rule"]: o for o in data["documents"][0]["outcomes"]}
    for rule, detail in EXPECTED_ERRORS.items():
        assert outcomes[rule]["status"] == "error", outcomes[rule]
        assert detail.format(plugin=plugin_file) in outcomes[rule]["detail"]
    # The well-behaved plugin rule and every built-in rule still report.
    assert outcomes["BAD10"]["status"] == "failed"
    [fine] = [f for f in data["documents"][0]["findings"] if f["rule"] == "BAD10"]
    assert (fine["path"], fine["message"]) == ("/board/members", "a well-formed finding")
    # Each built-in rule passes, except those whose law is not in force on the document's date
    # (the Health Bill's rules, until a commencement date is set): not applicable, saying why.
    as_of = dt.date.fromisoformat(data["documents"][0]["law"]["as_of"])
    law = laws.context(as_of)
    builtin = {r: (o["status"], o.get("detail", "")) for r, o in outcomes.items() if r.startswith("GOV")}
    rules = load_registry([], entry_points=False).rules
    why_not = {r: laws.not_in_force(rules[r], law) for r in builtin}
    expected = {r: ("not_applicable", why) if why else ("passed", "") for r, why in why_not.items()}
    assert any(why_not.values())  # the Health Bill has no commencement date by default
    assert builtin and builtin == expected
    assert data["exit_code"] == 2
    assert data["counts"]["outcomes"]["error"] == len(EXPECTED_ERRORS)


def test_text_report_names_the_errors_and_says_compliance_is_not_established(plugin_file: Path) -> None:
    result = run_limited(
        "check", str(REFERENCE), "--plugin", str(plugin_file), "--select", "BAD03", "--rule-timeout", "0.5"
    )
    assert_clean(result, 2)
    assert (
        f"BAD03 error: rule could not be evaluated: check 'bad.hangs' (plugin '{plugin_file}') "
        "did not finish within the 0.5-second rule time limit"
    ) in result.stdout
    assert "result: compliance NOT established (rule errors)" in result.stdout


def test_a_hang_does_not_poison_the_rules_after_it(plugin_file: Path) -> None:
    registry = load_registry([str(plugin_file)], entry_points=False)
    engine = Engine(registry, Settings(profiles=("bad",), select=("BAD03", "BAD10"), rule_timeout=0.3))
    for _ in range(2):  # the second document gets a fresh worker after the first one hung
        result = engine.check_path(REFERENCE)
        statuses = {o.rule: o.status for o in result.outcomes if o.rule.startswith("BAD")}
        assert statuses == {"BAD03": "error", "BAD10": "failed"}


def test_isolation_call_contract() -> None:
    assert isolation.call(lambda: iter([1, 2]), timeout=1) == [1, 2]
    assert isolation.call(lambda: (x for x in "ab"), timeout=None) == ["a", "b"]
    with pytest.raises(ValueError, match="inside"):
        isolation.call(lambda: (_ for _ in ()).throw(ValueError("inside")), timeout=1)
    with pytest.raises(isolation.NotIterable, match="42"):
        isolation.call(lambda: 42, timeout=1)
    with pytest.raises(isolation.NotIterable):
        isolation.call(lambda: "a string is iterable but not a list of violations", timeout=None)
    with pytest.raises(isolation.NotIterable, match=r"^Violation\(path='/board', message='one'"):
        isolation.call(lambda: Violation("/board", "one"), timeout=None)  # a tuple, but one Violation
    started = time.monotonic()
    with pytest.raises(isolation.TimedOut):
        isolation.call(lambda: iter(lambda: time.sleep(0.01), 1), timeout=0.2)
    assert time.monotonic() - started < 60  # returned, rather than waiting for the check


def test_rule_timeout_zero_runs_checks_inline(plugin_file: Path) -> None:
    registry = load_registry([str(plugin_file)], entry_points=False)
    engine = Engine(registry, Settings(profiles=("bad",), select=("BAD01", "BAD10"), rule_timeout=0))
    statuses = {o.rule: o.status for o in engine.check_path(REFERENCE).outcomes if o.rule.startswith("BAD")}
    assert statuses == {"BAD01": "error", "BAD10": "failed"}


def _check_in_child(_: int) -> list[int]:
    return isolation.call(lambda: iter([1, 2, 3]), timeout=5)


def test_a_forked_worker_process_gets_its_own_check_thread() -> None:
    """--jobs style forking after checks have run: the child must not wait on the parent's
    (absent) worker thread, which would time every rule out."""
    import multiprocessing

    assert isolation.call(lambda: iter([0]), timeout=5) == [0]  # the parent now has a worker
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_check_in_child, [0], chunksize=1) == [[1, 2, 3]]


def test_after_a_timeout_the_rest_of_the_batch_runs_once_on_a_new_worker() -> None:
    calls: list[str] = []

    def slow() -> list[str]:
        time.sleep(0.6)
        return ["late"]

    def counted() -> list[str]:
        calls.append("ran")
        return ["ok"]

    results = isolation.call_many([(slow, ()), (counted, ())], timeout=0.1)
    with pytest.raises(isolation.TimedOut):
        results[0]()
    assert results[1]() == ["ok"]
    time.sleep(1.0)  # the abandoned worker finishes slow(), then must not run counted() again
    assert calls == ["ran"]


def test_rule_timeout_from_the_configuration_file(plugin_file: Path, tmp_path: Path) -> None:
    document = tmp_path / "constitution.yaml"
    document.write_text(REFERENCE.read_text())
    (tmp_path / ".govcheck.toml").write_text("rule-timeout = 0.5\n")
    result = run_limited("check", str(document), "--plugin", str(plugin_file), "--select", "BAD03", cwd=tmp_path)
    assert_clean(result, 2)
    assert "did not finish within the 0.5-second rule time limit" in result.stdout
    (tmp_path / ".govcheck.toml").write_text("rule-timeout = -1\n")
    bad = run_limited("check", str(document), cwd=tmp_path)
    assert_clean(bad, 2)
    assert "option 'rule-timeout' must be a number of seconds from 0 to 3600 (0: no limit), not -1" in bad.stderr
