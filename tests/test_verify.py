"""``govcheck verify``: a rule pack's own examples and their coverage; the pre-commit hook a
rules repository runs them with is run by the real pre-commit in tests/test_precommit_hook.py."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.plugin_helpers import cli

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"
NED4 = {"board": {"members": {"+": [{"id": "m-ned-4", "name": "Nia Four", "roles": ["non_executive"]}]}}}


def _pack(tmp_path: Path, examples: list[dict]) -> Path:
    data = yaml.safe_load(PACK.read_text())
    data["examples"] = examples
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_the_example_pack_verifies() -> None:
    result = cli("verify", "fixtures/packs/local-rules.yaml", cwd=ROOT)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == textwrap.dedent(
        """\
        fixtures/packs/local-rules.yaml: example 1 (the reference has three non-executive members): ok
        fixtures/packs/local-rules.yaml: example 2 (a fourth non-executive member): ok
        fixtures/packs/local-rules.yaml: example 3 (Portbury's people's voice is a VCSE body, not Healthwatch): ok
        fixtures/packs/local-rules.yaml: LOCAL001 covered
        fixtures/packs/local-rules.yaml: LOCAL002 covered
        1 pack(s), 3 example(s): 3 passed, 0 failed; 2 of 2 rule(s) covered by a passing and a failing example
        """
    )


def test_a_wrong_expectation_fails_with_the_difference(tmp_path: Path) -> None:
    pack = _pack(tmp_path, [{"name": "wrong", "expect": ["LOCAL002 /places/3"]}, {"patch": NED4, "expect": []}])
    result = cli("verify", str(pack))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        f"{pack}: example 1 (wrong): FAILED",
        "    missing: LOCAL002 /places/3",
        "    unexpected: LOCAL001 /board/members",
    ]
    assert f"{pack}: example 2 (a patch): ok" in result.stdout
    # Nothing was seen failing: neither rule is covered.
    assert f"{pack}: LOCAL001 NOT covered: no failing example" in result.stdout
    assert f"{pack}: LOCAL002 NOT covered: no failing example" in result.stdout
    assert result.stdout.endswith(
        "1 pack(s), 2 example(s): 1 passed, 1 failed; 0 of 2 rule(s) covered by a passing and a failing example\n"
    )


def test_a_rule_never_seen_failing_or_passing_is_not_covered(tmp_path: Path) -> None:
    pack = _pack(tmp_path, [{"expect": ["LOCAL001 /board/members"]}])
    result = cli("verify", str(pack))
    assert result.returncode == 1
    assert f"{pack}: example 1 (the reference): ok" in result.stdout
    assert f"{pack}: LOCAL001 NOT covered: no passing example" in result.stdout
    assert f"{pack}: LOCAL002 NOT covered: no failing example" in result.stdout


def test_a_pack_without_examples_does_not_verify(tmp_path: Path) -> None:
    data = yaml.safe_load(PACK.read_text())
    del data["examples"]
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump(data))
    result = cli("verify", str(pack))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{pack}: no examples: add `examples` to the pack (docs/plugins.md)\n")


def test_a_document_example_relative_to_the_pack(tmp_path: Path) -> None:
    from govcheck.testing import document_text

    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "four.yaml").write_text(document_text(NED4))
    pack = _pack(
        tmp_path,
        [
            {"document": "examples/four.yaml", "expect": []},
            {"expect": ["LOCAL001 /board/members"]},
            {"patch": {**NED4, "places": {"3": {"partnership": {"members": {"5": {"organisation": "vcse-alliance"}}}}}},
             "expect": ["LOCAL002 /places/3/partnership/members"]},
        ],
    )
    result = cli("verify", str(pack))
    assert result.returncode == 0, result.stdout
    assert f"{pack}: example 1 (examples/four.yaml): ok" in result.stdout


def test_an_example_the_rules_cannot_apply_to_fails(tmp_path: Path) -> None:
    pack = _pack(tmp_path, [{"name": "no board", "patch": {"board": None}, "expect": []}])
    result = cli("verify", str(pack))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{pack}: example 1 (no board): FAILED"
    assert lines[1].startswith("    LOCAL001 not applicable: ")


@pytest.mark.parametrize(
    ("example", "message"),
    [
        ({"expect": ["LOCAL009 /board"]}, "example 1 expects LOCAL009, which is not a rule of this pack (its rules: LOCAL001, LOCAL002)"),
        ({"document": "missing.yaml", "expect": []}, "example 1: cannot read "),
        ({"document": "x.yaml", "patch": {}, "expect": []}, "example 1 gives both a document and a patch; give one"),
    ],
)
def test_a_malformed_example_exits_2(tmp_path: Path, example: dict, message: str) -> None:
    pack = _pack(tmp_path, [example])
    result = cli("verify", str(pack))
    assert result.returncode == 2
    assert result.stderr.startswith(f"govcheck: error: rule pack {pack}: {message}")


def test_an_expectation_that_is_not_rule_and_pointer_exits_2(tmp_path: Path) -> None:
    pack = _pack(tmp_path, [{"expect": ["LOCAL001 board/members"]}])
    result = cli("verify", str(pack))
    assert result.returncode == 2
    line = pack.read_text().splitlines().index("  - LOCAL001 board/members") + 1
    assert result.stderr.startswith(f"govcheck: error: rule pack {pack}:{line}:5 (plugin 'local:{pack}'): /examples/0/expect/0: ")


def test_without_arguments_the_configured_packs_are_verified(tmp_path: Path) -> None:
    repo = tmp_path / "rules"
    repo.mkdir()
    shutil.copy(PACK, repo / "local-rules.yaml")
    (repo / ".govcheck.toml").write_text('rule-packs = ["local-rules.yaml"]\n')
    result = cli("verify", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("2 of 2 rule(s) covered by a passing and a failing example\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = cli("verify", cwd=empty)
    assert (nothing.returncode, nothing.stderr) == (
        2,
        "govcheck: error: no rule pack to verify: name one, or list them under rule-packs in the configuration\n",
    )


# -- the pre-commit hook of a rules repository (run by the real pre-commit in test_precommit_hook.py) --


def test_the_manifest_declares_the_verify_hook() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["govcheck-verify"]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == ("govcheck verify", "python", False)
