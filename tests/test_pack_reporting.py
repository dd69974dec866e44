"""What a report says about packs: the profiles that ran (packs' own included) and the
address of each citation (issue 16 item 9)."""

from __future__ import annotations

import json
from pathlib import Path

import govcheck
from tests.conftest import REFERENCE, ROOT
from tests.plugin_helpers import cli

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"
URL = "https://www.legislation.gov.uk/ukpga/2006/41/section/14Z25"


def _pack_with_url(tmp_path: Path) -> Path:
    text = PACK.read_text().replace(
        "        verified: false\n",
        f"        verified: false\n      - source: NHS Act 2006 s.14Z25\n        url: {URL}\n",
        1,
    )
    path = tmp_path / "pack.yaml"
    path.write_text(text)
    return path


def test_the_summary_names_the_packs_profile(tmp_path: Path) -> None:
    result = cli("check", "--rule-pack", str(PACK), str(REFERENCE))
    assert result.stdout.splitlines()[-1] == (
        "1 document(s) checked: 0 error(s), 1 warning(s), 0 info; rules passed 83, failed 1, not applicable 5, "
        "errored 0; result: NOT compliant (profiles statutory, nhse-policy, local); "
        "the run fails (exit 1): findings at or above fail-on warning"
    )
    data = json.loads(cli("check", "-f", "json", "--rule-pack", str(PACK), str(REFERENCE)).stdout)
    assert data["profiles"] == ["statutory", "nhse-policy", "local"]
    github = cli("check", "-f", "github", "--rule-pack", str(PACK), str(REFERENCE)).stdout
    assert github.splitlines()[-1] == (
        "govcheck: 1 document(s), 0 error(s), 1 warning(s), 0 info: not compliant "
        "(profiles statutory, nhse-policy, local); the run fails (exit 1): findings at or above fail-on warning"
    )
    markdown = cli("check", "-f", "markdown", "--rule-pack", str(PACK), str(REFERENCE)).stdout
    assert markdown.splitlines()[2] == (
        f"1 document(s) checked with govcheck {govcheck.__version__}; profiles statutory, nhse-policy, local; "
        "the run fails (exit 1): findings at or above fail-on warning."
    )
    ignored = cli("check", "--rule-pack", str(PACK), "--ignore", "LOCAL", str(REFERENCE))
    assert ignored.stdout.splitlines()[-1] == (
        "1 document(s) checked: 0 error(s), 0 warning(s), 0 info; rules passed 82, failed 0, not applicable 5, "
        "errored 0; result: compliant (profiles statutory, nhse-policy); the run passes (exit 0)"
    )


def test_a_citation_address_in_text_rules_show_and_json(tmp_path: Path) -> None:
    pack = _pack_with_url(tmp_path)
    text = cli("check", "--rule-pack", str(pack), str(REFERENCE)).stdout.splitlines()
    at = next(i for i, line in enumerate(text) if " LOCAL001 warning " in line)
    assert text[at + 1] == (
        "    source: Wessex Coast partners' local governance agreement (example, not a real source); "
        "NHS Act 2006 s.14Z25"
    )
    assert text[at + 2] == f"    see: {URL}"
    assert text[at + 3].startswith("    fix: ")
    shown = cli("rules", "show", "LOCAL001", "--rule-pack", str(pack)).stdout
    assert f"  - NHS Act 2006 s.14Z25\n    {URL}\n" in shown
    data = json.loads(cli("check", "-f", "json", "--rule-pack", str(pack), str(REFERENCE)).stdout)
    [finding] = [f for f in data["documents"][0]["findings"] if f["rule"] == "LOCAL001"]
    assert finding["citation_url"] == URL
    from govcheck.validate import Validator

    schema = json.loads((ROOT / "govcheck" / "schemas" / "report-v1.schema.json").read_text())
    assert Validator(schema).errors(data) == []
