"""The HIOW rules, tested with govcheck's shipped kit against the installed plugin."""

from __future__ import annotations

from hypothesis import given, settings

from govcheck.testing import Kit, assert_findings, assert_passes, run_rule
from govcheck.testing.strategies import constitutions

# The reference constitution (fictional Wessex Coast ICS) has two city councils: Castleport,
# whose partnership is responsible for resources delegated to the city, and Portbury, whose
# partnership is not. This patch makes Portbury compliant with HIOW003 too.
PORTBURY_ACCOUNTABLE = {
    "places": {"3": {"partnership": {"responsible_for": ["resources delegated to the city by the ICB"]}}}
}


def test_the_plugin_is_installed_and_listed() -> None:
    from govcheck.plugins import load_registry

    registry = load_registry()
    info = next(p for p in registry.plugins if p.name == "hiow")
    assert (info.distribution, info.version) == ("govcheck-hiow", "0.1.0")
    assert info.hooks == ["govcheck_register_checks", "govcheck_register_rule_packs"]
    assert sorted(info.rules) == ["HIOW001", "HIOW002", "HIOW003", "HIOW004"]
    assert registry.rules["HIOW004"].check == "select.range"


def test_hiow001_passes_when_every_upper_tier_council_has_an_elected_member() -> None:
    assert_passes(run_rule("HIOW001"))


def test_hiow001_flags_a_council_with_no_elected_member(govcheck_kit: Kit) -> None:
    # The Isle of Harrow's ICP member is not elected; no board member holds its office.
    result = govcheck_kit.run_rule("HIOW001", {"icp": {"members": {"3": {"elected": False}}}})
    assert_findings(result, [("HIOW001", "/icb/area/local_authorities/3")])
    assert result.messages == [
        "Isle of Harrow Council has no elected member on the integrated care partnership or the ICB board"
    ]


def test_hiow001_board_level_counts_unless_only_icp_is_allowed() -> None:
    patch = {
        "icp": {"members": {"3": {"elected": False}}},
        "board": {"members": {"10": {"elected_office": {"mp": False, "councillor_of": ["la-castleport", "la-harrow"]}}}},
    }
    assert_passes(run_rule("HIOW001", patch))
    only_icp = run_rule("HIOW001", patch, params={"levels": ["icp"]})
    assert_findings(only_icp, ["/icb/area/local_authorities/3"])


def test_hiow002_flags_a_split_council_and_a_place_without_one() -> None:
    patch = """
    places:
      "0": {local_authorities: [la-downsvale]}
      "2": {local_authorities: [la-harrow, la-portbury]}
    """
    result = run_rule("HIOW002", patch)
    assert_findings(result, ["/places/0/local_authorities", "/places/3/local_authorities"])
    assert any("Portbury City Council is in place 'Portbury' and in place 'Isle of Harrow'" in m for m in result.messages)


def test_hiow003_flags_a_city_place_whose_partnership_is_not_accountable() -> None:
    result = run_rule("HIOW003")
    assert_findings(result, [("HIOW003", "/places/3/partnership")])
    assert_passes(run_rule("HIOW003", PORTBURY_ACCOUNTABLE))


def test_hiow003_flags_a_city_place_with_no_partnership() -> None:
    patch = {"places": {"1": {"partnership": None}, **PORTBURY_ACCOUNTABLE["places"]}}
    result = run_rule("HIOW003", patch)
    assert_findings(result, ["/places/1"])


def test_hiow004_neighbourhood_band_is_inclusive() -> None:
    edges = {"neighbourhoods": {"0": {"population": 20000}, "1": {"population": 200000}}}
    assert_passes(run_rule("HIOW004", edges))
    outside = {"neighbourhoods": {"0": {"population": 19999}, "3": {"population": 200001}}}
    result = run_rule("HIOW004", outside)
    assert_findings(result, ["/neighbourhoods/0/population", "/neighbourhoods/3/population"])
    assert result.messages[0] == "Castleport East: population 19,999 is below 20,000"


@settings(max_examples=15, deadline=None)
@given(constitutions())
def test_valid_constitutions_pass_the_structural_rules(data: dict) -> None:
    from govcheck.testing import document_text

    text = document_text(base=data)
    for rule in ("HIOW001", "HIOW002", "HIOW004"):
        assert_passes(run_rule(rule, text=text))
