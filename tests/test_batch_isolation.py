"""One bad document never costs the others (issue 14 item 2).

A document that makes the loader or a rule fail, or that kills the worker process checking
it, gets an error outcome; every other document in the batch is reported exactly as when it
is checked alone, with ``--jobs 1`` and ``--jobs N`` alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govcheck import loader
from govcheck.engine import Engine
from govcheck.plugins import load_registry
from tests.conftest import REFERENCE, run_cli

PLUGIN = '''
import os
from govcheck import Violation, check, hookimpl


@check("hostile.by_name")
def by_name(doc, params):
    """Misbehaves according to the ICB's name."""
    name = doc.data["icb"]["name"]
    if "KILL" in name:
        os._exit(3)
    if "RAISE" in name:
        raise RuntimeError("boom")
    if "SIGNAL" in name:
        import signal
        os.kill(os.getpid(), signal.SIGSEGV)
    yield from ()


@hookimpl
def govcheck_register_checks(register):
    register(by_name)


@hookimpl
def govcheck_register_rule_packs(register):
    register({"pack": "hostile", "profile": "hostile", "rules": [{
        "id": "HOS001", "slug": "hostile-by-name", "title": "Misbehaves by name", "severity": "warning",
        "check": "hostile.by_name", "params": {}, "citations": [{"source": "Test plugin"}],
        "rationale": "Test.", "remediation": "Test.",
    }]})
'''


def _folder(tmp_path: Path, *bad: str) -> Path:
    text = REFERENCE.read_text()
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(12):
        (folder / f"ok-{i:02d}.yaml").write_text(text.replace("Wessex Coast Integrated Care System", f"ICS {i}", 1))
    (folder / "ok-05.yaml").write_text(text.replace("roles: [chair]", "roles: [non_executive]", 1))  # findings
    for word in bad:
        (folder / f"bad-{word.lower()}.yaml").write_text(
            text.replace("NHS Wessex Coast Integrated Care Board", f"NHS {word} ICB", 1)
        )
    return folder


def _documents(stdout: str) -> dict[str, dict]:
    return {Path(d["file"]).name: d for d in json.loads(stdout)["documents"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_raises_costs_only_its_rule(tmp_path: Path, jobs: str) -> None:
    plugin = tmp_path / "hostile_plugin.py"
    plugin.write_text(PLUGIN)
    folder = _folder(tmp_path, "RAISE")
    batch = run_cli("check", "--plugin", str(plugin), "--jobs", jobs, "--format", "json", str(folder))
    assert batch.returncode == 2, batch.stderr
    docs = _documents(batch.stdout)
    assert len(docs) == 13
    bad = docs.pop("bad-raise.yaml")
    line = PLUGIN[: PLUGIN.index('raise RuntimeError("boom")')].count("\n") + 1  # named for the plugin's author
    assert [(o["rule"], o["detail"]) for o in bad["outcomes"] if o["status"] == "error"] == [
        ("HOS001", f"check 'hostile.by_name' (plugin {str(plugin)!r}) raised RuntimeError: boom (at {plugin}:{line})")
    ]
    for name in ("ok-00.yaml", "ok-05.yaml"):
        alone = run_cli("check", "--plugin", str(plugin), "--format", "json", str(folder / name))
        assert docs[name] == _documents(alone.stdout)[name]
        assert not [o for o in docs[name]["outcomes"] if o["status"] == "error"]


@pytest.mark.parametrize("word", ["KILL", "SIGNAL"])
def test_a_document_that_kills_its_worker_costs_only_itself(tmp_path: Path, word: str) -> None:
    plugin = tmp_path / "hostile_plugin.py"
    plugin.write_text(PLUGIN)
    folder = _folder(tmp_path, word)
    batch = run_cli("check", "--plugin", str(plugin), "--jobs", "2", "--format", "json", str(folder))
    assert batch.returncode == 2, batch.stderr
    assert "Traceback" not in batch.stderr
    docs = _documents(batch.stdout)
    assert sorted(docs) == sorted(p.name for p in folder.iterdir())
    bad = docs.pop(f"bad-{word.lower()}.yaml")
    assert [o["rule"] for o in bad["outcomes"] if o["status"] == "error"] == ["GOV001"]
    assert {o["status"] for o in bad["outcomes"][1:]} == {"not_applicable"}
    assert bad["outcomes"][0]["detail"] == (
        "the worker process checking this document stopped unexpectedly "
        "(a check that ended the process, or out of memory)"
    )
    # every other document, byte for byte as when checked alone (one process, no plugin fault)
    alone = run_cli(
        "check", "--plugin", str(plugin), "--jobs", "1", "--format", "json",
        *(str(folder / name) for name in sorted(docs)),
    )
    assert alone.returncode == 1, alone.stderr
    assert _documents(alone.stdout) == docs


def test_a_loader_failure_is_an_error_outcome_in_one_process_and_in_workers(tmp_path: Path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    paths = sorted(folder.iterdir())
    engine = Engine(load_registry(entry_points=False), keep_documents=False)
    alone = [engine.check_path(p, str(p)) for p in paths]
    real = loader.load_bytes

    def broken(raw: bytes, file: str, *args):
        if file.endswith("ok-03.yaml"):
            raise ValueError("a loader bug")
        return real(raw, file, *args)

    monkeypatch.setattr(loader, "load_bytes", broken)
    for jobs in (1, 2):
        results = engine.check_paths(paths, jobs=jobs)
        assert [r.file for r in results] == [str(p) for p in paths]
        bad = results[3]
        assert [(o.rule, o.status) for o in bad.outcomes if o.status != "not_applicable"] == [("GOV001", "error")]
        assert bad.outcomes[0].detail == "govcheck failed on this document: ValueError: a loader bug"
        assert results[:3] + results[4:] == alone[:3] + alone[4:]
        assert engine.report(results).exit_code() == 2
