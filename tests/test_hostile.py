"""Hostile input: every case gets an exact finding or message, a defined exit code, and no
traceback. Every case runs as a user runs it (a child process), under a memory and time
ceiling (tests/sandbox.py), so a regression in a bound fails here instead of hanging.

Small cases are files in fixtures/hostile/; large, filesystem and reference-derived cases
are generated here (see fixtures/hostile/README.md).
"""

from __future__ import annotations

import codecs
import json
import os
import threading
from pathlib import Path

import pytest

from govcheck import loader
from govcheck.api import check_file
from govcheck.engine import Settings
from tests.conftest import FIXTURES, LIBYAML_NESTING_LIMIT, REFERENCE, ROOT
from tests.sandbox import assert_clean, run_limited

HOSTILE = FIXTURES / "hostile"
MIB = 1024 * 1024

# file -> (rule, line, column, path, message fragment) of the finding the case is about.
CASES = {
    "billion-laughs": ("GOV004", 9, 4, "/g", "expands to more than 2,000,000 nodes"),
    "recursive-alias": ("GOV004", 3, 6, "/ics/self", "an alias refers to a node that contains it"),
    "merge-key-bomb": ("GOV004", 22, 16, "/m19", "expands to more than 2,000,000 nodes"),
    "python-object-apply": (
        "GOV001", 3, 6, "/ics", "tag '!!python/object/apply:os.system' is not allowed",
    ),
    "nul-byte": ("GOV003", 3, 19, "", "NUL byte: this is not a text document"),
    "invalid-utf8": ("GOV003", 3, 16, "", "byte 0xe9 at offset 73 is not valid UTF-8"),
    "binary": ("GOV003", 1, 1, "", "byte 0x89 at offset 0 is not valid UTF-8"),
    "empty": ("GOV001", 1, 1, "", "document is empty: expected a mapping with 'govcheck: 1'"),
    "comments-only": ("GOV001", 1, 1, "", "document is empty"),
    "top-level-scalar": ("GOV001", 2, 1, "", "top level is a single text value"),
    "top-level-list": ("GOV001", 2, 1, "", "top level is a list"),
    "several-documents": ("GOV001", 4, 1, "", "the file holds several YAML documents ('---')"),
    "tab-indentation": ("GOV001", 4, 1, "", "a tab character: YAML indentation must use spaces"),
    "huge-integer": ("GOV001", 5, 57, "/places/0/population", "a number of 5,000 digits is too long"),
    "impossible-date": ("GOV001", 3, 8, "/as_of", "invalid date '2026-02-30': day is out of range"),
    "control-character": ("GOV003", 3, 20, "", "character U+001B is not allowed in YAML"),
}


def _findings(result) -> list[dict]:
    data = json.loads(result.stdout)
    return [f for d in data["documents"] for f in d["findings"]]


def _position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``needle`` (plus ``offset`` characters) in ``text``."""
    index = text.index(needle) + offset
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_fixture(name: str, tmp_path: Path) -> None:
    rule, line, col, path, fragment = CASES[name]
    # cwd is tmp_path: a payload that ran would leave 'govcheck-was-here' there.
    result = run_limited("check", str(HOSTILE / f"{name}.yaml"), "--format", "json", cwd=tmp_path)
    assert_clean(result, 1)
    ours = [f for f in _findings(result) if f["rule"] == rule]
    assert [(f["line"], f["column"], f["path"]) for f in ours] == [(line, col, path)]
    assert fragment in ours[0]["message"]
    assert not (tmp_path / "govcheck-was-here").exists()


# Cases judged on one value of an otherwise incomplete document: (rule, line, column, path,
# message) of the finding at that value (the document's missing keys are other findings).
VALUE_CASES = {
    "quoted-impossible-date": ("GOV005", 3, 8, "/as_of", "/as_of: '2026-02-30' is not a real date (day is out of range for month)"),
    "version-true": ("GOV005", 2, 11, "/govcheck", "/govcheck: must be 1, not True"),
    "year-two": ("GOV005", 3, 8, "/as_of", "/as_of: '0002-01-01': the year 2 is outside 1900-2199 (a typing slip?)"),
    "misfit-tag": (
        "GOV001", 3, 8, "/as_of",
        "'maybe' is not a valid !!bool value: expected true or false (YAML 1.1 also reads yes/no, on/off)",
    ),
}


@pytest.mark.parametrize("name", sorted(VALUE_CASES))
def test_hostile_value_fixture(name: str, tmp_path: Path) -> None:
    rule, line, col, path, message = VALUE_CASES[name]
    result = run_limited("check", str(HOSTILE / f"{name}.yaml"), "--format", "json", cwd=tmp_path)
    assert_clean(result, 1)
    ours = [(f["rule"], f["line"], f["column"], f["path"], f["message"]) for f in _findings(result) if f["path"] == path]
    assert ours == [(rule, line, col, path, message)]


def test_every_hostile_fixture_has_a_case() -> None:
    assert {p.stem for p in HOSTILE.glob("*.yaml")} == {*CASES, *VALUE_CASES, "unsafe-tags"}


def test_unsafe_tags_are_each_refused_and_nothing_runs(tmp_path: Path) -> None:
    result = run_limited("check", str(HOSTILE / "unsafe-tags.yaml"), "--format", "json", cwd=tmp_path)
    assert_clean(result, 1)
    refused = [(f["line"], f["message"].split(" is not allowed")[0]) for f in _findings(result) if f["rule"] == "GOV001"]
    assert refused == [
        (3, "tag '!!python/name:os.system'"),
        (4, "tag '!!python/object/new:subprocess.Popen'"),
        (5, "tag '!!binary'"),
        (6, "tag '!!set'"),
        (7, "tag '!local'"),
        (8, "tag '!!omap'"),
    ]
    assert not (tmp_path / "govcheck-was-here").exists()


# -- nesting: PyYAML's C composer recurses and segfaults near 50,000 levels -------------------


@pytest.mark.parametrize(
    ("name", "text", "position", "libyaml_position"),
    [
        ("flow-100k", "govcheck: 1\nx: " + "[" * 100_000 + "]" * 100_000 + "\n", (2, 103), (2, 1003)),
        ("flow-mappings-100k", "govcheck: 1\nx: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n", (2, 400), (2, 4000)),
        ("block-100k", "govcheck: 1\nx:\n" + "- " * 100_000 + "end\n", (3, 199), (3, 1999)),
        ("brackets-1m", "[" * 1_000_000, (1, 101), (1, 1001)),
    ],
)
def test_deep_nesting_is_refused_before_the_composer(
    name: str, text: str, position: tuple, libyaml_position: tuple | None, tmp_path: Path
) -> None:
    target = tmp_path / f"{name}.yaml"
    target.write_text(text)
    result = run_limited("check", str(target), "--format", "json")
    assert_clean(result, 1)  # a regression here is returncode -11 (SIGSEGV), not a finding
    [finding] = _findings(result)
    if LIBYAML_NESTING_LIMIT and libyaml_position:
        assert (finding["rule"], finding["line"], finding["column"]) == ("GOV004", *libyaml_position)
        assert "nesting deeper than the YAML parser's limit of 1,000 levels" in finding["message"]
    else:
        assert (finding["rule"], finding["line"], finding["column"]) == ("GOV004", *position)
        assert "nesting deeper than 100 levels" in finding["message"]


NESTED_150 = {
    "flow": "a: " + "[" * 150 + "]" * 150 + "\n",
    "block": "a:\n" + "".join("  " * i + "- b:\n" for i in range(150)) + "  " * 150 + "  c\n",
}


@pytest.mark.parametrize("style", sorted(NESTED_150))
def test_the_walker_and_the_scan_report_deep_nesting_alike(style: str) -> None:
    text = NESTED_150[style]
    on_main = loader.load_text(text).problems
    scanned = loader.Document(file="x")
    assert not loader._depth_within(text, 100, scanned)
    in_thread: list = []
    worker = threading.Thread(target=lambda: in_thread.extend(loader.load_text(text).problems))
    worker.start()
    worker.join()
    def where(problems: list) -> list[tuple]:  # the walker also knows the path; the scan does not
        return [(p.kind, p.message, p.line, p.column) for p in problems]

    assert len(on_main) == 1
    assert where(on_main) == where(scanned.problems) == where(in_thread)
    assert (on_main[0].kind, on_main[0].message) == ("limit", "nesting deeper than 100 levels")


def test_the_event_scan_runs_off_the_main_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    real = loader._depth_within
    monkeypatch.setattr(loader, "_depth_within", lambda text, *a: scanned.append(text) or real(text, *a))
    text = "a: " + "[" * 60 + ", ".join(["{b: 1}"] * 60) + "]" * 60 + "\n"  # fails the cheap bound; 62 deep
    assert loader.load_text(text).loaded
    assert scanned == ([] if LIBYAML_NESTING_LIMIT else [text])
    worker = threading.Thread(target=lambda: loader.load_text(text))
    worker.start()
    worker.join()
    assert scanned[-1:] == [text]


def test_depth_scan_runs_only_when_the_cheap_bound_fails() -> None:
    shallow = loader.Document(file="x")
    assert loader._depth_within("a: [[1]]\n", 100, shallow) and not shallow.problems
    deep = loader.Document(file="x")
    assert not loader._depth_within("a: " + "[" * 101 + "]" * 101, 100, deep)
    assert [(p.kind, p.line, p.column) for p in deep.problems] == [("limit", 1, 103)]


# -- size: a document of tens of megabytes, and a line of megabytes ---------------------------


def test_document_of_tens_of_megabytes_is_refused_by_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "forty-mib.yaml"
    padding = ("# " + "y" * 1021 + "\n").encode()
    with big.open("wb") as fh:
        fh.write(REFERENCE.read_bytes())
        for _ in range(40 * 1024):
            fh.write(padding)
    assert big.stat().st_size > 40 * MIB
    result = run_limited("check", str(big), "--format", "json", memory_mb=512)
    assert_clean(result, 1)
    [finding] = _findings(result)
    assert (finding["rule"], finding["line"], finding["column"]) == ("GOV004", 1, 1)
    assert "larger than the 33,554,432-byte limit" in finding["message"]
    assert "--max-bytes" in finding["message"]


def test_line_of_megabytes_loads_within_the_limit_and_is_refused_above_it(tmp_path: Path) -> None:
    text = REFERENCE.read_text()
    anchor = "    - Improve outcomes in population health and healthcare"
    assert anchor in text
    long = tmp_path / "long-line.yaml"
    long.write_text(text.replace(anchor, "    - Improve outcomes " + "x" * (8 * MIB)))
    within = run_limited("check", str(long), "--format", "json")
    assert_clean(within, 0)
    over = run_limited("check", str(long), "--format", "json", "--max-bytes", str(4 * MIB))
    assert_clean(over, 1)
    [finding] = _findings(over)
    assert finding["rule"] == "GOV004"
    assert "larger than the 4,194,304-byte limit" in finding["message"]


def test_max_bytes_must_be_positive() -> None:
    result = run_limited("check", str(REFERENCE), "--max-bytes", "0")
    assert_clean(result, 2)
    assert "--max-bytes" in result.stderr


# -- encodings --------------------------------------------------------------------------------


def test_utf16_with_bom_is_read_as_the_same_document(tmp_path: Path) -> None:
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        target = tmp_path / f"reference-{codec}.yaml"
        target.write_bytes(bom + REFERENCE.read_text().encode(codec))
        result = run_limited("check", str(target))
        assert_clean(result, 0)
        assert "result: compliant" in result.stdout


def test_utf16_with_an_odd_byte_is_an_encoding_finding(tmp_path: Path) -> None:
    target = tmp_path / "odd.yaml"
    target.write_bytes(codecs.BOM_UTF16_LE + "govcheck: 1\n".encode("utf-16-le") + b"\x00")
    result = run_limited("check", str(target), "--format", "json")
    assert_clean(result, 1)
    [finding] = _findings(result)
    assert finding["rule"] == "GOV003"
    assert finding["message"].startswith("invalid UTF-16")


# -- whole documents with one hostile edit, derived from the reference ------------------------


def _edited(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, str]:
    text = REFERENCE.read_text()
    assert old in text, f"the reference no longer contains {old!r}"
    text = text.replace(old, new, 1)
    target = tmp_path / f"{name}.yaml"
    target.write_text(text)
    return target, text


def test_unknown_and_misspelt_keys_are_named_with_a_suggestion(tmp_path: Path) -> None:
    target, text = _edited(tmp_path, "misspelt", "conflicts_of_interest:\n", "conflicts_of_intrest:\n")
    target.write_text(text.replace("      voting: true\n", "      votng: true\n", 1))
    text = target.read_text()
    result = run_limited("check", str(target), "--format", "json")
    assert_clean(result, 1)
    found = sorted((f["line"], f["column"], f["path"], f["message"]) for f in _findings(result) if f["rule"] == "GOV006")
    votng = _position(text, "votng")
    top = _position(text, "conflicts_of_intrest")
    assert [(line, col, path) for line, col, path, _ in found] == sorted(
        [(*votng, "/board/members/0/votng"), (*top, "/conflicts_of_intrest")]
    )
    messages = " ".join(m for *_, m in found)
    assert "did you mean 'voting'?" in messages
    assert "did you mean 'conflicts_of_interest'?" in messages


def test_ids_referenced_but_never_defined(tmp_path: Path) -> None:
    target, text = _edited(tmp_path, "undefined", "chair: m-ned-1\n", "chair: m-nobody\n")
    result = run_limited("check", str(target), "--format", "json")
    assert_clean(result, 1)
    found = [f for f in _findings(result) if f["rule"] == "GOV007"]
    assert [(f["line"], f["column"]) for f in found] == [_position(text, "m-nobody")]
    assert "'m-nobody' is not defined anywhere in the document" in found[0]["message"]


def test_self_and_cyclic_delegation(tmp_path: Path) -> None:
    old = "{id: f-procurement, function: Procurement decisions, owner: c-finance}"
    target, text = _edited(
        tmp_path, "cycle", old, old.replace("}", ", delegated_to: [c-finance, m-cfo]}")
    )
    result = run_limited("check", str(target), "--format", "json")
    assert_clean(result, 1)
    found = [(f["line"], f["column"], f["message"]) for f in _findings(result) if f["rule"] == "GOV409"]
    to_self = _position(text, "[c-finance, m-cfo]", 1)
    to_cfo = _position(text, "[c-finance, m-cfo]", len("[c-finance, "))
    back = _position(text, "owner: m-cfo, delegated_to: [c-finance]", len("owner: m-cfo, delegated_to: ["))
    assert [(line, col) for line, col, _ in found] == sorted([to_self, to_cfo, back])
    messages = {(line, col): m for line, col, m in found}
    assert "'c-finance' owns this function and delegates it to itself" in messages[to_self]
    # m-cfo delegates financial duties to c-finance, which now delegates procurement back.
    assert "c-finance -> m-cfo (f-procurement), m-cfo -> c-finance (f-financial-duties)" in messages[to_cfo]
    assert "m-cfo -> c-finance (f-financial-duties), c-finance -> m-cfo (f-procurement)" in messages[back]


def test_huge_integers_within_python_limits_still_give_valid_json(tmp_path: Path) -> None:
    target, _ = _edited(tmp_path, "big-population", "population: 480000", "population: " + "9" * 4000)
    result = run_limited("check", str(target), "--format", "json")
    assert_clean(result, 0)
    assert json.loads(result.stdout)["exit_code"] == 0


# -- the filesystem ---------------------------------------------------------------------------


def test_directory_with_thousands_of_files(tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    for i in range(3000):  # every tenth a (stub) constitution: the walk is what is under test
        sub = root / f"region-{i % 30:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"draft-{i:04d}.yaml").write_text("" if i % 10 else "govcheck: 1\n")
    (root / "notes.txt").write_text("not yaml")
    (root / ".hidden.yaml").write_text("[")
    result = run_limited("check", str(root), "--format", "json")
    assert_clean(result, 1)
    data = json.loads(result.stdout)
    files = [d["file"] for d in data["documents"]]
    # the 2,700 empty files have no 'govcheck:' key: not constitutions, skipped with a note
    assert len(files) == 300 and files == sorted(files)
    assert not any(f.endswith((".txt", ".hidden.yaml")) for f in files)
    assert data["counts"]["documents"] == 300
    assert "govcheck: note: skipped 2700 YAML file(s) with no top-level 'govcheck:' key" in result.stderr


def test_directory_without_yaml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("nothing to check")
    result = run_limited("check", str(tmp_path))
    assert_clean(result, 2)
    assert f"govcheck: error: no constitution files (*.yaml, *.yml) found in {tmp_path}" in result.stderr


def test_path_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run_limited("check", str(REFERENCE), str(missing))
    assert_clean(result, 2)
    assert f"govcheck: error: no such file or directory: {missing}" in result.stderr
    assert result.stdout == ""


def test_fifo_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run_limited("check", str(fifo), "--format", "json", timeout=60)  # used to block for ever
    assert_clean(result, 1)
    [finding] = _findings(result)
    assert (finding["rule"], finding["line"]) == ("GOV001", 1)
    assert finding["message"] == "cannot read file: not a regular file"


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root reading")
def test_unreadable_file(tmp_path: Path) -> None:
    target = tmp_path / "secret.yaml"
    target.write_text(REFERENCE.read_text())
    target.chmod(0)
    result = run_limited("check", str(target), "--format", "json")
    assert_clean(result, 1)
    [finding] = _findings(result)
    assert finding["rule"] == "GOV001"
    assert finding["message"] == "cannot read file: Permission denied"


def test_unreadable_file_simulated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The same path as the chmod test, reached even as root: open() raising EACCES."""
    import errno

    from govcheck import engine

    real_open = os.open

    def deny(path, flags, *args):
        if str(path).endswith("secret.yaml"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(engine.os, "open", deny)
    target = tmp_path / "secret.yaml"
    target.write_text("govcheck: 1\n")
    report = check_file(target, entry_points=False, settings=Settings())
    [finding] = report.findings
    assert (finding.rule, finding.line, finding.column) == ("GOV001", 1, 1)
    assert finding.message == "cannot read file: Permission denied"
    assert report.exit_code() == 1


def test_hostile_directory_as_a_batch(tmp_path: Path) -> None:
    """All hostile fixtures in one run: one report, one exit code, nothing escapes."""
    # named (a quoted glob): every file is checked, constitution or not
    result = run_limited("check", str(HOSTILE.relative_to(ROOT) / "*.yaml"), "--format", "json", cwd=ROOT)
    assert_clean(result, 1)
    data = json.loads(result.stdout)
    assert len(data["documents"]) == len(CASES) + len(VALUE_CASES) + 1  # + unsafe-tags
    assert all(d["findings"] for d in data["documents"])
    # walked: the files with no 'govcheck:' key at all are skipped with a note
    walked = run_limited("check", str(HOSTILE.relative_to(ROOT)), "--format", "json", cwd=ROOT)
    assert_clean(walked, 1)
    skipped = ["comments-only.yaml", "empty.yaml", "top-level-list.yaml", "top-level-scalar.yaml"]
    assert len(json.loads(walked.stdout)["documents"]) == len(CASES) + len(VALUE_CASES) + 1 - len(skipped)
    assert walked.stderr.endswith(
        ", ".join(str(HOSTILE.relative_to(ROOT) / name) for name in skipped) + "\n"
    ), walked.stderr


# -- report viewers: what a document or plugin puts in a message cannot drive the terminal ---

ECHO_PLUGIN = """
from govcheck.checks.base import Violation, check
from govcheck.hookspecs import hookimpl

@check("echo.names")
def names(doc, params):
    for m in doc.members:
        yield Violation(m.path, "member " + m.name)  # raw, as a careless plugin would

@hookimpl
def govcheck_register_checks(register):
    register(names)

@hookimpl
def govcheck_register_rule_packs(register):
    register({"pack": "echo", "profile": "echo", "rules": [{
        "id": "ECHO1", "slug": "echo-names", "title": "echo", "severity": "info",
        "check": "echo.names", "citations": [{"source": "test"}], "rationale": "test",
        "remediation": "test"}]})
"""


def test_terminal_escapes_and_bidi_overrides_are_shown_escaped(tmp_path: Path) -> None:
    # YAML escapes are legal in double-quoted strings: ESC, a newline and a bidi override.
    evil = r'"Cllr \e[2J\e]0;pwned\a Quinn\ninjected: line \u202eetouq"'
    target, _ = _edited(tmp_path, "escapes", "name: Cllr Bernadette Quinn", f"name: {evil}")
    plugin = tmp_path / "echo.py"
    plugin.write_text(ECHO_PLUGIN)
    result = run_limited("check", str(target), "--plugin", str(plugin), "--select", "ECHO1", "--fail-on", "never")
    assert_clean(result, 0)
    assert not any(c in result.stdout for c in ("\x1b", "\x07", "\u202e"))
    [line] = [x for x in result.stdout.splitlines() if "Quinn" in x]
    assert line.endswith(
        r"ECHO1 info member Cllr \x1b[2J\x1b]0;pwned\x07 Quinn\x0ainjected: line \u202eetouq [echo-names]"
    )


def test_directory_with_a_symlink_loop_a_fifo_and_a_hostile_name(tmp_path: Path) -> None:
    root = tmp_path / "drafts"
    root.mkdir()
    (root / "loop").symlink_to(root, target_is_directory=True)  # not followed: no endless walk
    os.mkfifo(root / "pipe.yaml")
    (root / "name\x1b[2J.yaml").write_text("govcheck: 1\n")
    (root / "other\x1b[2J.yaml").write_text("site_name: x\n")  # not a constitution: skipped, named in a note
    result = run_limited("check", str(root), timeout=60)
    assert "\x1b" not in result.stderr and "other\\x1b[2J.yaml" in result.stderr
    assert_clean(result, 1)
    assert f"{root}/pipe.yaml:1:1: GOV001 error cannot read file: not a regular file" in result.stdout
    assert "\x1b" not in result.stdout
    assert f"{root}/name\\x1b[2J.yaml:1:1: GOV005" in result.stdout
    assert "2 document(s) checked" in result.stdout
