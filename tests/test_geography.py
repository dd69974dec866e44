"""Geography as it is (issue 12, item 5): a council partly in the ICB area says which part;
a council split between places is fine where each place says which part is its own."""

from __future__ import annotations

from govcheck.api import check_text
from govcheck.engine import Settings
from tests.conftest import FIXTURES, assert_fixture_findings, edit
from tests.positions import node_position

ALL = Settings(profiles=("statutory", "nhse-policy", "good-practice"))
SPLIT = (FIXTURES / "invalid" / "GOV304-place-whole-authorities.yaml").read_text()
PART = (FIXTURES / "invalid" / "GOV125-area-part-described.yaml").read_text()


# positioned at the node's place in the fixture (tests/positions.py)
EXPECTED_GOV125 = [(
    "/organisations/3/coverage",
    "'Isle of Harrow Council' is only partly in the ICB area (coverage: part) but the document does not "
    "say which part (organisations[].part_in_area)",
)]


def _findings(text: str) -> list[tuple[str, int, str, str]]:
    report = check_text(text, "g.yaml", settings=ALL, entry_points=False)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]
    return [(f.rule, f.line, f.path, f.message) for f in report.findings]


def _edit(text: str, old: str, new: str) -> str:
    return edit(text, (old, new))


def test_partly_covered_council_without_its_part_is_gov125_alone() -> None:
    report = assert_fixture_findings("GOV125-area-part-described", EXPECTED_GOV125, ALL)
    assert {f.rule for f in report.findings} == {"GOV125"}


def test_partly_covered_council_with_its_part_described_passes() -> None:
    text = _edit(PART, "coverage: part,", "coverage: part, part_in_area: 'the wards east of the Medina (Appendix 3)',")
    assert _findings(text) == []


def test_split_council_is_fine_where_each_place_says_which_part() -> None:
    assert [f[:3] for f in _findings(SPLIT)] == [("GOV304", node_position(SPLIT, "/places/1/local_authorities/1")[0], "/places/1/local_authorities/1")]
    parts_west = "    local_authorities: [la-westmere, la-downsvale]\n"
    text = _edit(SPLIT, parts_west, parts_west + "    parts: [{local_authority: la-westmere, description: north of the A31}]\n")
    # described in one place only: still a split nobody has explained in the other
    assert [f[:3] for f in _findings(text)] == [("GOV304", node_position(text, "/places/1/local_authorities/1")[0], "/places/1/local_authorities/1")]
    both = _edit(text, "    local_authorities: [la-castleport, la-westmere]\n",
                 "    local_authorities: [la-castleport, la-westmere]\n"
                 "    parts: [{local_authority: la-westmere, description: the parishes south of the A31}]\n")
    assert _findings(both) == []


def test_a_part_names_a_defined_council() -> None:
    text = _edit(SPLIT, "    local_authorities: [la-castleport, la-westmere]\n",
                 "    local_authorities: [la-castleport, la-westmere]\n"
                 "    parts: [{local_authority: la-westmeer, description: the south}]\n")
    assert ("GOV007", node_position(text, "/places/1/parts/0/local_authority")[0], "/places/1/parts/0/local_authority",
            "'la-westmeer' is not defined anywhere in the document (expected the id of an organisation)") in _findings(text)
