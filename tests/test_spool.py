"""A JSON report is spooled a document at a time (issue 21 item 1): the command line never
holds a big batch's report as one string, and what it writes is what ``render`` returns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from govcheck import check_file
from govcheck.fileio import Spool, write_atomic, write_output
from govcheck.reporters import json_report
from tests.conftest import REFERENCE, run_cli


def test_a_spool_past_its_limit_moves_to_a_file_and_gives_back_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Spool, "LIMIT", 10)
    pieces = ["héllo ", "wörld\n", "x" * 5000, "\udcff", "end\n"]
    spool = Spool(pieces)
    assert spool._file is not None and spool._parts == []  # spilled: nothing big left in memory
    expected = "".join(pieces).encode("utf-8", "backslashreplace")
    assert b"".join(spool.blocks()) == expected
    assert b"".join(spool.blocks()) == expected  # read again from the start


def test_a_spool_spills_the_portable_way_where_an_unnamed_file_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    made = []

    def temporary_file() -> object:
        made.append(tempfile_file := real())
        return tempfile_file

    real = tempfile.TemporaryFile
    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)
    monkeypatch.setattr(Spool, "LIMIT", 10)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))  # O_TMPFILE fails; tempfile's own default stands
    spool = Spool(["x" * 20, "y"])
    assert made and spool._file is made[0]
    assert b"".join(spool.blocks()) == b"x" * 20 + b"y"


def test_a_small_spool_stays_in_memory() -> None:
    spool = Spool(["a", "b"])
    assert spool._file is None and list(spool.blocks()) == [b"a", b"b"]


def test_a_spool_is_written_to_a_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Spool, "LIMIT", 100)
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    report = check_file(REFERENCE)
    write_atomic(target, Spool(json_report.chunks(report)))
    assert target.read_text(encoding="utf-8") == json_report.render(report)
    write_output(tmp_path / "second.json", Spool(["{}", "\n"]))
    assert (tmp_path / "second.json").read_text(encoding="utf-8") == "{}\n"


def test_chunks_are_the_rendered_text() -> None:
    report = check_file(REFERENCE)
    text = json_report.render(report)
    assert "".join(json_report.chunks(report)) == text
    assert text == json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("to_file", [False, True])
def test_the_command_line_writes_the_spooled_json(tmp_path: Path, to_file: bool) -> None:
    if to_file:
        out = tmp_path / "out.json"
        result = run_cli("check", "-f", f"json:{out}", str(REFERENCE))
        written = out.read_text(encoding="utf-8")
    else:
        result = run_cli("check", "-f", "json", str(REFERENCE))
        written = result.stdout
    assert result.returncode == 0, result.stderr
    data = json.loads(written)
    assert [d["file"] for d in data["documents"]] == [str(REFERENCE)]
    assert written == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _registry_with(reporter: object) -> object:
    from types import SimpleNamespace

    from govcheck.plugins import PluginInfo

    return SimpleNamespace(reporters={"pieces": reporter}, plugins=[PluginInfo("my-plugin", reporters=["pieces"])])


@pytest.mark.parametrize(
    ("pieces", "message"),
    [
        (lambda report: iter(["{", b"}"]), "TypeError: a piece of the report is bytes, not text"),
        (lambda report: iter([1 / 0]), "ZeroDivisionError: division by zero"),
    ],
)
def test_a_reporter_whose_pieces_fail_is_exit_2_naming_it(
    pieces: object, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from govcheck.check_command import _render
    from govcheck.reporters.base import Reporter

    reporter = Reporter("pieces", lambda report: "", chunks=pieces)  # type: ignore[arg-type]
    with pytest.raises(SystemExit) as exit_info:
        _render(_registry_with(reporter), "pieces", check_file(REFERENCE))  # type: ignore[arg-type]
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == f"govcheck: error: report format 'pieces' (plugin 'my-plugin') failed: {message}\n"


def test_no_room_for_the_spool_is_exit_2_saying_so_not_blamed_on_the_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    from govcheck.check_command import _render
    from govcheck.reporters.base import Reporter

    monkeypatch.setattr(Spool, "LIMIT", 10)
    missing = str(tmp_path / "missing")
    monkeypatch.setenv("TMPDIR", missing)
    monkeypatch.setattr(tempfile, "tempdir", missing)  # no usable folder at all
    reporter = Reporter("pieces", lambda report: "", chunks=lambda report: iter(["x" * 20]))
    with pytest.raises(SystemExit) as exit_info:
        _render(_registry_with(reporter), "pieces", check_file(REFERENCE))  # type: ignore[arg-type]
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "govcheck: error: cannot write the pieces report: cannot keep it in a temporary file: "
        "No such file or directory (set TMPDIR to a folder with room)\n"
    )


def test_a_reporters_own_os_error_is_still_its_failure(capsys: pytest.CaptureFixture[str]) -> None:
    from govcheck.check_command import _render
    from govcheck.reporters.base import Reporter

    def pieces(report: object) -> Iterator[str]:
        yield "{"
        raise FileNotFoundError(2, "No such file or directory", "template.txt")

    reporter = Reporter("pieces", lambda report: "", chunks=pieces)
    with pytest.raises(SystemExit):
        _render(_registry_with(reporter), "pieces", check_file(REFERENCE))  # type: ignore[arg-type]
    assert capsys.readouterr().err == (
        "govcheck: error: report format 'pieces' (plugin 'my-plugin') failed: FileNotFoundError: "
        "[Errno 2] No such file or directory: 'template.txt'\n"
    )
