"""The generic declarative checks (select.*) that code-free rule packs use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govcheck.errors import ConfigError
from govcheck.testing import assert_findings, assert_passes, run_rule
from tests.conftest import ROOT, one_rule_pack

PACK = ROOT / "fixtures" / "packs" / "local-rules.yaml"


def rule(tmp_path: Path, check: str, params: dict[str, Any], patch: Any = None, **options: Any):
    """Run a one-rule pack using ``check`` with ``params`` on the reference plus ``patch``."""
    return run_rule("T001", patch, rule_packs=[one_rule_pack(tmp_path, check, params)], entry_points=False, **options)


# -- the example pack ------------------------------------------------------------------------


def test_local_pack_four_non_executives() -> None:
    result = run_rule("LOCAL001", rule_packs=[PACK], entry_points=False)
    assert_findings(result, [("LOCAL001", "/board/members")])
    assert result.messages == ["found 3 non-executive member(s) on the board; at least 4 required"]
    fourth = {"board": {"members": {"+": [{"id": "m-ned-4", "name": "N Four", "roles": ["non_executive"]}]}}}
    assert_passes(run_rule("LOCAL001", fourth, rule_packs=[PACK], entry_points=False))


def test_local_pack_healthwatch_in_every_place_partnership() -> None:
    assert_passes(run_rule("LOCAL002", rule_packs=[PACK], entry_points=False))
    # Portbury's people_voice member is a VCSE body, not Healthwatch; Harrow's is removed.
    patch = {
        "places": {
            "3": {"partnership": {"members": {"5": {"organisation": "vcse-alliance"}}}},
            "2": {"partnership": {"members": {"4": None}}},
        }
    }
    result = run_rule("LOCAL002", patch, rule_packs=[PACK], entry_points=False)
    assert_findings(result, ["/places/2/partnership/members", "/places/3/partnership/members"])
    assert result.messages == [
        "Isle of Harrow has 0 Healthwatch member(s) of type people_voice; at least 1 required",
        "Portbury has 0 Healthwatch member(s) of type people_voice; at least 1 required",
    ]


# -- select.count ------------------------------------------------------------------------------


def test_count_with_where_list_membership_and_exclude(tmp_path: Path) -> None:
    # Clinical executives: medical or nursing directors -> 2 in the reference.
    params = {"select": "/board/members/*", "where": {"roles": ["medical_director", "nursing_director"]}}
    assert_passes(rule(tmp_path, "select.count", {**params, "min": 2, "max": 2}))
    result = rule(tmp_path, "select.count", {**params, "min": 3})
    assert result.messages == [
        "found 2 item(s) at /board/members/* with roles = medical_director or nursing_director; at least 3 required"
    ]
    # Voting members who are not ICB employees: chair, 3 NEDs, 3 partners = 7; at most 6 fails.
    result = rule(
        tmp_path,
        "select.count",
        {"select": "/board/members/*", "where": {"voting": True}, "exclude": {"employee_of_icb": True}, "max": 6},
    )
    assert_findings(result, ["/board/members"])
    assert result.messages == [
        "found 7 item(s) at /board/members/* with voting = true, not employee_of_icb = true; at most 6 allowed"
    ]


def test_count_follows_references_with_arrow(tmp_path: Path) -> None:
    # Board members whose organisation is a foundation trust: the trust partner member.
    params = {"select": "/board/members/*", "where": {"organisation->kind": "foundation_trust"}, "min": 1, "max": 1}
    assert_passes(rule(tmp_path, "select.count", params))


def test_count_of_nothing_reports_on_the_nearest_existing_node(tmp_path: Path) -> None:
    result = rule(tmp_path, "select.count", {"select": "/committees/*", "where": {"type": "people"}, "min": 1})
    assert_findings(result, ["/committees"])


# -- select.each_has ---------------------------------------------------------------------------


def test_each_has_with_each_where(tmp_path: Path) -> None:
    # Every place with a partnership named ... ; only Westmere and Castleport have names.
    params = {
        "each": "/places/*",
        "each_where": {"partnership/name": ["Westmere Health and Care Partnership", "Castleport City Partnership Board"]},
        "select": "partnership/members/*",
        "where": {"type": "vcse"},
        "min": 1,
    }
    result = rule(tmp_path, "select.each_has", params)
    assert_findings(result, ["/places/0/partnership/members"])
    assert result.messages == ["Westmere has 0 item(s) at partnership/members/* with type = vcse; at least 1 required"]


# -- select.unique -----------------------------------------------------------------------------


def test_unique_values_and_fields(tmp_path: Path) -> None:
    assert_passes(rule(tmp_path, "select.unique", {"select": "/board/members/*/name"}))
    clash = {"board": {"members": {"1": {"name": "Helen Ashworth"}}}}
    result = rule(tmp_path, "select.unique", {"select": "/board/members/*", "field": "name"}, clash)
    assert_findings(result, ["/board/members/1/name"])
    assert result.messages == ["'Helen Ashworth' is not unique: it already appears at /board/members/0/name"]


# -- select.reference --------------------------------------------------------------------------


def test_reference_resolves_to_a_kind(tmp_path: Path) -> None:
    params = {"select": "/places/*/leader/member", "kinds": ["member"]}
    assert_passes(rule(tmp_path, "select.reference", params))
    wrong = {"places": {"0": {"leader": {"member": "hw-westmere"}}}}
    result = rule(tmp_path, "select.reference", params, wrong)
    assert_findings(result, ["/places/0/leader/member"])
    assert result.messages == ["'hw-westmere' is an organisation, but this must name a member"]


def test_reference_lists_and_required(tmp_path: Path) -> None:
    params = {"select": "/committees/*/members", "kinds": ["member"]}
    bad = {"committees": {"0": {"members": ["m-ned-1", "nobody"]}}}
    assert_findings(rule(tmp_path, "select.reference", params, bad), ["/committees/0/members/1"])
    required = {"select": "/conflicts_of_interest/guardian", "kinds": ["member"], "required": True}
    result = rule(tmp_path, "select.reference", required, {"conflicts_of_interest": {"guardian": None}})
    assert_findings(result, ["/conflicts_of_interest"])


# -- select.required ---------------------------------------------------------------------------


def test_required_fields_present_and_not_empty(tmp_path: Path) -> None:
    params = {"select": "/places/*", "fields": ["partnership/name", "leader/name"]}
    result = rule(tmp_path, "select.required", params)
    assert_findings(result, ["/places/2", "/places/3"])
    assert result.messages == ["Isle of Harrow has no partnership/name", "Portbury has no partnership/name"]
    empty = {"places": {"1": {"partnership": {"responsible_for": []}}}}
    result = rule(tmp_path, "select.required", {"select": "/places/1", "fields": ["partnership/responsible_for"]}, empty)
    assert_findings(result, ["/places/1"])


# -- select.range ------------------------------------------------------------------------------


def test_range_bounds_and_required(tmp_path: Path) -> None:
    params = {"select": "/places/*", "field": "population", "min": 150000, "max": 480000}
    result = rule(tmp_path, "select.range", params, {"places": {"2": {"population": 142000}}})
    assert_findings(result, ["/places/2/population"])
    assert result.messages == ["Isle of Harrow: population 142,000 is below 150,000"]
    missing = {"places": {"1": {"population": None}}}
    needed = {"select": "/places/*", "field": "population", "min": 1, "required": True}
    assert_findings(rule(tmp_path, "select.range", needed, missing), ["/places/1"])


# -- parameters are validated when the pack loads -----------------------------------------------


@pytest.mark.parametrize(
    ("check", "params", "message"),
    [
        ("select.count", {"select": "board/members"}, "parameter select: 'board/members' is not in the expected form"),
        ("select.count", {"select": "/x", "where": {"a": {"b": 1}}}, "parameter where/a/b: unknown key 'b'"),
        ("select.reference", {"select": "/x", "kinds": []}, "parameter kinds: "),
        ("select.required", {"select": "/x"}, "missing required key 'fields'"),
    ],
)
def test_bad_parameters_are_refused(tmp_path: Path, check: str, params: dict[str, Any], message: str) -> None:

    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        rule(tmp_path, check, params)


def test_count_without_bounds_is_refused_when_the_pack_loads(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\.yaml:\d+:\d+, plugin .*\): give min, max or both: without either the rule could never fail \(check 'select.count'"):
        rule(tmp_path, "select.count", {"select": "/board/members/*"})
