"""docs/plugins.md stays true: every code block is exercised, and every hook is documented and tested.

The console and file blocks (the tutorial) run in a fresh virtual environment in
tests/test_wheel_integration.py; this module checks everything else quickly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from govcheck import hookdocs
from govcheck.rules import parse_pack
from govcheck.testing import assert_findings, assert_passes, run_rule
from tests.conftest import ROOT
from tests.docs_blocks import DOC, blocks

BLOCKS = blocks()


def test_every_block_is_of_a_kind_the_tests_exercise() -> None:
    unknown = [f"line {b.line}: ```{b.lang} {b.tags}" for b in BLOCKS if b.kind == "unknown"]
    assert unknown == []
    assert {b.kind for b in BLOCKS} == {"console", "file", "rule", "hook", "tree"}


def test_the_hook_reference_is_generated_from_hookspecs() -> None:
    assert hookdocs.main(["--check", str(DOC)]) == 0
    assert hookdocs.render() in DOC.read_text()


def test_hookdocs_check_reports_a_stale_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "plugins.md"
    stale.write_text(f"intro\n{hookdocs.BEGIN}\nold\n{hookdocs.END}\n")
    assert hookdocs.main(["--check", str(stale)]) == 1
    assert "the hook reference is out of date" in capsys.readouterr().err
    assert hookdocs.main([str(stale)]) == 0
    assert hookdocs.main(["--check", str(stale)]) == 0


@pytest.mark.parametrize("hook", hookdocs.hook_names())
def test_every_hook_is_documented_and_tested(hook: str) -> None:
    assert f"### `{hook}`" in DOC.read_text()
    tests = "".join(p.read_text() for p in (ROOT / "tests").glob("test_*.py"))
    assert re.search(rf"^def test_hook_{hook}\(", tests, re.M), f"no test_hook_{hook} in tests/"


def test_hook_blocks_compile() -> None:
    hooks = [b for b in BLOCKS if b.kind == "hook"]
    assert len(hooks) == len(hookdocs.hook_names())
    for block in hooks:
        compile(block.body, f"{DOC}:{block.line}", "exec")


def test_file_blocks_are_valid() -> None:
    for block in (b for b in BLOCKS if b.kind == "file"):
        where = f"{DOC}:{block.line}"
        if block.lang == "python":
            compile(block.body, where, "exec")
        elif block.lang == "yaml":
            data = yaml.safe_load(block.body)
            if "pack" in data:
                assert parse_pack(data, "docs"), where
        elif block.lang == "toml":
            try:
                import tomllib
            except ImportError:  # Python 3.10
                continue
            tomllib.loads(block.body)


RULES = [b for b in BLOCKS if b.kind == "rule"]


@pytest.mark.parametrize("block", RULES, ids=[f"line-{b.line}" for b in RULES])
def test_generic_check_examples_find_what_the_docs_say(block, tmp_path: Path) -> None:
    example = yaml.safe_load(block.body)
    assert set(example) == {"check", "params"}
    rule = {
        "id": "DOC001", "slug": "doc", "title": "Docs example", "severity": "warning", **example,
        "citations": [{"source": "docs/plugins.md"}], "rationale": "Example.", "remediation": "Example.",
    }
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump({"pack": "docs", "profile": "docs", "rules": [rule]}))
    result = run_rule("DOC001", rule_packs=[pack], entry_points=False)
    expect = block.tags["expect"]
    if expect == "passed":
        assert_passes(result)
    else:
        assert_findings(result, expect.split(","))
