"""Rule packs that cannot pass by mistake: every pointer, field and filter value in a pack's
parameters is checked against the constitution format when the pack loads (exit 2, naming
pack, rule, parameter, position and the closest valid name), and filters honour the format's
defaults."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from govcheck.testing import assert_findings, assert_passes, run_rule
from tests.conftest import REFERENCE, one_rule_pack
from tests.plugin_helpers import cli

PACK = """\
pack: typos
profile: local
rules:
  - id: LOCAL9
    slug: typo
    title: A rule with a typo
    severity: warning
    check: {check}
    params:
{params}
    citations: [{{source: Nowhere}}]
    rationale: None.
    remediation: None.
"""


def _pack(tmp_path: Path, check: str, params: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.format(check=check, params=textwrap.indent(textwrap.dedent(params).strip(), " " * 6)))
    return path


# The four typos of the issue: each passed silently on a broken document before.
TYPOS = [
    (
        "select.count",
        "select: /board/members/*\nwhere: {votng: true}\nmax: 7",
        "11:15",
        "parameter where/votng: field 'votng' never matches: /board/members/* has no field 'votng'; "
        "did you mean 'voting'?",
    ),
    (
        "select.count",
        "select: /board/member/*\nmin: 1",
        "10:7",
        "parameter select: '/board/member/*' never matches: /board has no field 'member'; did you mean 'members'?",
    ),
    (
        "select.each_has",
        "each: /place/*\nselect: partnership/members/*\nmin: 1",
        "10:7",
        "parameter each: '/place/*' never matches: / has no field 'place'; did you mean 'places'?",
    ),
    (
        "select.each_has",
        "each: /places/*\nselect: partnership/members/*\nwhere: {organisation->knd: healthwatch}\nmin: 1",
        "12:15",
        "parameter where/organisation->knd: field 'organisation->knd' never matches: nothing with an id has a "
        "field 'knd'; did you mean 'kind'?",
    ),
    (
        "select.count",
        "select: /board/members/*\nwhere: {roles: non_exec}\nmin: 4",
        "11:15",
        "parameter where/roles: never matches: 'roles' is one of chair, chief_executive, finance_director, "
        "medical_director, nursing_director, other_executive, non_executive, partner_trust, "
        "partner_primary_medical, partner_local_authority, mayoral_authority_member, place_member, deputy_chair, "
        "senior_non_executive, "
        "never 'non_exec'; did you mean 'non_executive'?",
    ),
    (
        "select.count",
        "select: /board/members/*\nwhere: {voting: 'true'}\nmin: 4",
        "11:15",
        "parameter where/voting: never matches: 'voting' holds boolean, never 'true'",
    ),
    (
        "select.required",
        "select: /places/*\nfields: [partnership/nmae]",
        "11:7",
        "parameter fields: field 'partnership/nmae' never matches: /places/*/partnership has no field 'nmae'; "
        "did you mean 'name'?",
    ),
    (
        "select.range",
        "select: /places/*\nfield: name\nmin: 1",
        "11:7",
        "parameter field: 'name' holds string, never 0: min and max compare numbers",
    ),
    (
        "select.count",
        "select: /board/members/*\nwhere: {name->kind: x}\nmin: 1",
        "11:15",
        "parameter where/name->kind: field 'name->kind' never matches: /board/members/*/name does not hold an id, "
        "so -> cannot follow it",
    ),
    (
        "select.count",
        "select: /board/members/*/roles/*\nmin: 1\nmessage: 'found {count}'",
        "12:7",
        "parameter message: unknown placeholder {count}; use {value}, {path}, {name}",
    ),
]


@pytest.mark.parametrize(("check", "params", "position", "message"), TYPOS)
def test_a_name_the_format_does_not_have_is_a_load_error(
    tmp_path: Path, check: str, params: str, position: str, message: str
) -> None:
    pack = _pack(tmp_path, check, params)
    result = cli("check", "--rule-pack", str(pack), str(REFERENCE))
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr == (
        f"govcheck: error: rule LOCAL9 ({pack}:{position}, plugin 'local:{pack}'): {message} "
        f"(check {check!r} of plugin 'govcheck.checks')\n"
    )


def test_valid_names_load(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        "select.each_has",
        "each: /places/*\neach_where: {population: {gt: 400000}}\nselect: /neighbourhoods/*<-place\nmin: 2",
    )
    result = cli("rules", "--rule-pack", str(pack))
    assert result.returncode == 0, result.stderr


# -- format defaults ----------------------------------------------------------------------------

SEVEN = {
    "check": "select.count",
    "params": {"select": "/board/members/*", "where": {"voting": True}, "exclude": {"employee_of_icb": True}, "max": 7},
}


def _rule(tmp_path: Path, spec: dict, patch: object = None):  # type: ignore[no-untyped-def]
    pack = one_rule_pack(tmp_path, spec["check"], spec["params"], name="pack.yaml")
    return run_rule("T001", patch, rule_packs=[pack], entry_points=False)


def test_at_most_seven_voting_members_counts_those_that_leave_voting_out(tmp_path: Path) -> None:
    # The reference has exactly seven voting members who are not ICB employees.
    assert_passes(_rule(tmp_path, SEVEN))
    # Leaving `voting` out means true (the format's default): still seven.
    omitted = {"board": {"members": {"0": {"voting": None}, "5": {"voting": None}}}}
    assert_passes(_rule(tmp_path, SEVEN, omitted))
    # An eighth, who leaves `voting` out, is counted: before, the filter missed them.
    eighth = {"board": {"members": {"+": [{"id": "m-ned-4", "name": "N Four", "roles": ["non_executive"]}]}}}
    result = _rule(tmp_path, SEVEN, eighth)
    assert_findings(result, ["/board/members"])
    assert result.messages == [
        "found 8 item(s) at /board/members/* with voting = true, not employee_of_icb = true; at most 7 allowed"
    ]
    # An explicit `voting: false` is not counted.
    not_voting = {"board": {"members": {"+": [{"id": "m-ned-4", "name": "N Four", "roles": ["non_executive"], "voting": False}]}}}
    assert_passes(_rule(tmp_path, SEVEN, not_voting))


def test_a_false_filter_on_a_defaulted_field_does_not_match_an_omitted_one(tmp_path: Path) -> None:
    spec = {"check": "select.count", "params": {"select": "/board/members/*", "where": {"voting": False}, "max": 0}}
    assert_passes(_rule(tmp_path, spec, {"board": {"members": {"5": {"voting": None}}}}))
    result = _rule(tmp_path, spec, {"board": {"members": {"5": {"voting": False}}}})
    assert_findings(result, ["/board/members"])


def test_every_default_in_the_format_is_what_the_model_assumes() -> None:
    """A filter and a built-in check must read a left-out field alike: the format's
    ``default`` annotations are checked against the model built from a document without it."""
    from govcheck import formatpaths, model
    from govcheck.testing import reference_data

    data = reference_data()
    for member in data["board"]["members"]:
        for key in ("voting", "mental_health_expertise"):
            member.pop(key, None)
        for interest in member.get("interests", []):
            interest.pop("material", None)
    for org in data["organisations"]:
        org.pop("in_footprint", None)
    for item in data["accountabilities"]:
        item.pop("statutory", None)
    doc = model.build("<test>", data)
    seen = {
        ("/board/members/*", "voting"): {m.voting for m in doc.members},
        ("/board/members/*", "mental_health_expertise"): {m.mental_health_expertise for m in doc.members},
        ("/board/members/*/interests/*", "material"): {i.material for m in doc.members for i in m.interests},
        ("/organisations/*", "in_footprint"): {o.in_footprint for o in doc.organisations},
        ("/accountabilities/*", "statutory"): {a.statutory for a in doc.accountabilities},
    }
    for (pattern, field), values in seen.items():
        assert values == {formatpaths.default_of(pattern, field)}, (pattern, field, values)


def test_a_filter_on_a_false_default(tmp_path: Path) -> None:
    # Four organisations of the reference say in_footprint: false; one that leaves it out is a fifth.
    spec = {"check": "select.count", "params": {"select": "/organisations/*", "where": {"in_footprint": False}, "max": 4}}
    assert_passes(_rule(tmp_path, spec))
    result = _rule(tmp_path, spec, {"organisations": {"0": {"in_footprint": None}}})
    assert_findings(result, ["/organisations"])
    assert result.messages == ["found 5 item(s) at /organisations/* with in_footprint = false; at most 4 allowed"]


def test_a_reference_kind_the_format_does_not_have(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "select.reference", "select: /committees/*/chair\nkinds: [membr]")
    result = cli("rules", "--rule-pack", str(pack))
    assert (result.returncode, result.stderr) == (
        2,
        f"govcheck: error: rule LOCAL9 ({pack}:11:7, plugin 'local:{pack}'): parameter kinds: nothing in the "
        "format is of kind 'membr'; did you mean 'member'? (check 'select.reference' of plugin 'govcheck.checks')\n",
    )
