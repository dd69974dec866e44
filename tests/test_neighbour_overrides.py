"""A neighbour uses a shared pack and overrides a rule's parameters and texts in its own
configuration, without copying the pack (issue 16 item 5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REFERENCE, ROOT
from tests.plugin_helpers import cli

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"

CONFIG = """\
rule-packs = ["{pack}"]

[params.four-non-executive-members]
min = 5
label = "independent member(s)"

[texts.LOCAL001]
title = "The board has at least five independent members"
remediation = "Appoint independent members until there are five."
"""


def _neighbour(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "neighbour"
    repo.mkdir()
    shutil.copy(REFERENCE, repo / "constitution.yaml")
    (repo / ".govcheck.toml").write_text(config.format(pack=PACK))
    return repo


def test_parameters_and_texts_overridden_in_configuration(tmp_path: Path) -> None:
    repo = _neighbour(tmp_path, CONFIG)
    text = cli("check", "constitution.yaml", cwd=repo).stdout.splitlines()
    assert text[0] == (
        "constitution.yaml:148:5: LOCAL001 warning found 3 independent member(s); at least 5 required "
        "[four-non-executive-members]"
    )
    assert text[2] == "    fix: Appoint independent members until there are five."
    data = json.loads(cli("check", "-f", "json", "constitution.yaml", cwd=repo).stdout)
    rule = data["rules"]["LOCAL001"] if isinstance(data["rules"], dict) else next(r for r in data["rules"] if r["id"] == "LOCAL001")
    assert rule["title"] == "The board has at least five independent members"
    assert rule["params"]["min"] == 5
    assert PACK.read_text().count("min: 4") == 1  # the shared pack is unchanged


def test_a_text_override_for_no_rule_or_no_such_text_exits_2(tmp_path: Path) -> None:
    repo = _neighbour(tmp_path, 'rule-packs = ["{pack}"]\n[texts.LOCAL009]\ntitle = "x"\n')
    result = cli("check", "constitution.yaml", cwd=repo)
    assert (result.returncode, result.stderr) == (
        2,
        f"govcheck: error: {repo / '.govcheck.toml'}: texts: no rule 'LOCAL009' (texts are set per rule, by id or slug)\n",
    )
    (repo / ".govcheck.toml").write_text(f'rule-packs = ["{PACK}"]\n[texts.LOCAL001]\ntitel = "x"\n')
    result = cli("check", "constitution.yaml", cwd=repo)
    assert (result.returncode, result.stderr) == (
        2,
        f"govcheck: error: {repo / '.govcheck.toml'}: option 'texts.LOCAL001.titel': a rule's texts are "
        "title, rationale, remediation; did you mean 'title'?\n",
    )
