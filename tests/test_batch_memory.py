"""Flat memory in batches: checking a document leaves no garbage that only the cyclic
collector could free (issue 21). Counted in live objects, not timed.

The command line runs with the collector paused while a document is checked and rarely
visits older generations, so a reference cycle made per document (a closure that calls
itself, a node that points at its parent) lives on for the rest of the batch. With the
collector off altogether, any such cycle shows up here as growth per document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from govcheck.engine import Engine
from govcheck.plugins import load_registry
from govcheck.report import Documents

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DOCUMENTS = [FIXTURES / "valid" / "reference.yaml", *sorted((FIXTURES / "invalid").glob("GOV5*.yaml"))]


def _live_after(engine: Engine, rounds: int) -> int:
    for _ in range(rounds):
        for path in DOCUMENTS:
            engine.check_path(path)  # the result is dropped: nothing of it may stay alive
    return len(gc.get_objects())


@pytest.mark.parametrize("keep_documents", [False, True])
def test_checking_leaves_no_cyclic_garbage(keep_documents: bool) -> None:
    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=keep_documents)
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        warm = _live_after(engine, 2)  # caches and lazily built tables settle here
        after = _live_after(engine, 10)
    finally:
        if enabled:
            gc.enable()
    assert after - warm <= 0, f"{after - warm} objects left alive by {10 * len(DOCUMENTS)} documents"


def test_kept_results_share_what_documents_have_in_common(tmp_path: Path) -> None:
    """A batch keeps every document's result until the report is written: results with the
    same outcomes, profiles and law share one list or dict of each, a result quotes no
    source lines unless it has a syntax error, and paths are the strings given or walked
    (one object a document: no ``Path`` and its parts beside it)."""
    from govcheck.engine import expand_paths
    from govcheck.report import NO_LINES

    engine = Engine(load_registry((), rule_packs=[], entry_points=False))
    text = DOCUMENTS[0].read_text(encoding="utf-8")
    for i in range(3):
        (tmp_path / f"copy-{i}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(text.replace("govcheck:", "govcheck: [", 1), encoding="utf-8")
    given = sorted(str(p) for p in tmp_path.glob("*.yaml"))
    assert [p is g for p, g in zip(expand_paths(given), given, strict=True)] == [True] * 4
    assert list(expand_paths([tmp_path])) == given  # a walk yields strings, named as pathlib names them
    assert list(expand_paths([f"{tmp_path}//./broken.yaml", tmp_path / "copy-0.yaml"])) == given[:2]
    results = engine.check_paths(given)
    assert [r.file is g for r, g in zip(results, given, strict=True)] == [True] * 4
    broken, *copies = results
    assert broken.file.endswith("broken.yaml") and broken.lines and broken.lines is not NO_LINES
    first = copies[0]
    for other in copies[1:]:
        assert other.outcomes is first.outcomes
        assert other.profiles is first.profiles and other.law is first.law
        assert other.lines is NO_LINES
    assert first.law == {
        "version": "nhs-act-2006-sch1b",
        "title": "NHS Act 2006 Schedule 1B as inserted by the Health and Care Act 2022",
        "as_of": first.law["as_of"],
        "selected_by": "as-of date",
    }


def _copies(folder: Path, n: int) -> list[str]:
    text = DOCUMENTS[0].read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"copy-{i:03}.yaml").write_text(text, encoding="utf-8")
    return sorted(str(p) for p in folder.glob("copy-*.yaml"))


def test_a_batch_holds_a_document_without_findings_as_its_name(tmp_path: Path) -> None:
    """Counted in objects the collector tracks: results for 40 documents without findings
    hold no more of them than results for 5 (a name is a string, which it does not track)."""
    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=False)
    given = _copies(tmp_path, 40)
    engine.check_paths(given[:2])  # caches and lazily built tables settle here

    def tracked_while_holding(n: int) -> tuple[int, Documents]:
        results = engine.check_paths(given[:n])
        gc.collect()
        return len(gc.get_objects()), results

    with_few, few = tracked_while_holding(5)
    del few
    with_many, many = tracked_while_holding(40)
    assert with_many - with_few == 0, "results for 35 more documents hold more objects"
    alone = engine.check_path(given[7], given[7])
    assert many[7] == alone and many[7].file is given[7] and not alone.findings
    assert len(many) == 40 and list(many) == [engine.check_path(p, p) for p in given]


def test_documents_read_and_change_as_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govcheck.report import Report

    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=False)
    clean = engine.check_paths(_copies(tmp_path, 3))
    failing = engine.check_path(DOCUMENTS[1], "a-failing.yaml")
    assert failing.findings
    held = Documents([clean[2], failing, clean[0]])
    assert held[1] is failing  # a result with findings is held whole, changes and all
    held[1].findings.append(failing.findings[0])
    assert len(held[1].findings) == len(engine.check_path(DOCUMENTS[1], "a-failing.yaml").findings) + 1
    assert [d.file for d in held] == [clean[2].file, "a-failing.yaml", clean[0].file]
    assert held == [clean[2], failing, clean[0]] and held != [clean[2], failing]
    assert held + [clean[1]] == [clean[2], failing, clean[0], clean[1]]  # noqa: RUF005 (Documents + list)
    assert [clean[1]] + held == [clean[1], clean[2], failing, clean[0]]  # noqa: RUF005 (list + Documents)
    assert held[::2] == [clean[2], clean[0]] and isinstance(held[::2], Documents)
    resorted = Documents(held)
    resorted.sort(key=lambda d: d.file, reverse=True)
    assert [d.file for d in resorted] == sorted((d.file for d in held), reverse=True)
    joined = Documents(clean[:1])
    built: list[str] = []
    build = Documents._result
    monkeypatch.setattr(Documents, "_result", lambda self, item: built.append(item) or build(self, item))
    joined += clean  # a batch's results taken by name, as they are held, none built
    assert built == []
    monkeypatch.undo()
    assert joined == [clean[0], *clean] and joined._items == [r.file for r in [clean[0], *clean]]
    changed = held[0].replace(fail_on="error")  # not like the others: held whole
    held[0] = changed
    assert held[0] is changed and held[2] == clean[0]
    del held[1]
    assert held == [changed, clean[0]]
    given = Documents([clean[2], failing, clean[1]])
    report = Report(given, rules={}, tool_version="0", profiles=[])
    assert [d.file for d in report.documents] == sorted([clean[2].file, "a-failing.yaml", clean[1].file])
    assert given == [clean[2], failing, clean[1]]  # the results given keep their order


@pytest.fixture
def collections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Full collections counted, not run, one due every 2 documents; the collector on."""
    from govcheck import memory

    calls: list[int] = []
    monkeypatch.setattr(memory, "COLLECT_EVERY", 2)
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append(1) or 0)
    enabled = gc.isenabled()
    gc.enable()
    yield calls
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_a_batch_in_this_process_collects_every_hundred_documents(tmp_path: Path, collections: list[int]) -> None:
    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=False)
    given = _copies(tmp_path, 5)
    assert len(engine.check_paths(given)) == 5
    assert len(collections) == 2  # after the second and the fourth
    gc.disable()  # a caller that paused the collector (the HTML report's runs) is obeyed
    assert len(engine.check_paths(given)) == 5
    assert len(collections) == 2


@hypothesis.given(st.text(alphabet="/.ab", min_size=1, max_size=12))
def test_a_named_path_is_spelt_as_pathlib_spells_it(text: str) -> None:
    from govcheck.engine import _named

    named = _named(text)
    assert named == str(Path(text))
    if named == text:
        assert named is text  # already so spelt: the same object, not a copy


def test_the_json_report_collects_every_hundred_documents(tmp_path: Path, collections: list[int]) -> None:
    """json.dumps with an indent leaves a reference cycle per call; the JSON format's loop
    over the documents runs a full collection every COLLECT_EVERY of them."""
    import json

    from govcheck.reporters import json_report

    engine = Engine(load_registry((), rule_packs=[], entry_points=False), keep_documents=False)
    report = engine.report(engine.check_paths(_copies(tmp_path, 5)))
    collections.clear()  # those of the check
    text = json_report.render(report)
    assert len(collections) == 2
    assert text == json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert [d["file"] for d in json.loads(text)["documents"]] == sorted(str(p) for p in tmp_path.glob("copy-*.yaml"))
