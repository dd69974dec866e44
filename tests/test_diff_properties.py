"""Property tests of `govcheck diff` over generated constitutions (tests/strategies.py)."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcheck.diff import command
from govcheck.diff.amendment import Amendment, compare
from govcheck.diff.sources import Source
from govcheck.engine import Engine, Settings
from govcheck.plugins import load_registry
from tests.schema_oracle import DIFF, assert_valid
from tests.strategies import ORDERLESS, constitutions, dump, section

ENGINE = Engine(load_registry([], entry_points=False), Settings(profiles=("statutory", "nhse-policy", "good-practice")))
FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _diff(old: dict[str, Any], new: dict[str, Any]) -> Amendment:
    def side(name: str, data: dict[str, Any]) -> Source:
        return Source(name, name, dump(data).encode())

    return compare(ENGINE, side("old.yaml", old), side("new.yaml", new))


@FEW
@given(constitutions(shuffle=False), st.data())
def test_reordering_is_no_change_and_every_finding_persists(data: dict[str, Any], draw: st.DataObject) -> None:
    shuffled = copy.deepcopy(data)
    for name in ORDERLESS:
        items = section(shuffled, name)
        items[:] = draw.draw(st.permutations(items))
    for member in section(shuffled, "members"):
        member["roles"] = draw.draw(st.permutations(member["roles"]))
    a = _diff(data, shuffled)
    assert a.changes == []
    assert a.delta.introduced == [] and a.delta.resolved == [] and a.delta.rules == []
    assert len(a.delta.persisting) == len(a.old.result.findings)
    assert a.exit_code() == 0


@FEW
@given(constitutions(), constitutions())
def test_any_two_versions_diff_to_valid_json_that_accounts_for_every_seat(
    old: dict[str, Any], new: dict[str, Any]
) -> None:
    a = _diff(old, new)
    data = json.loads(command.render(a, "json"))
    assert_valid(data, DIFF)
    assert command.render(a, "json") == command.render(_diff(old, new), "json")  # deterministic
    before = {m["id"] for m in section(old, "members")}
    after = {m["id"] for m in section(new, "members")}
    seats = {(c["change"], c["id"], c.get("old_id", "")) for c in data["structure"]["changes"] if c["kind"] == "members"}
    renamed = {(i, o) for change, i, o in seats if change == "renamed"}
    assert {i for change, i, _ in seats if change == "added"} | {i for i, _ in renamed} == after - before
    assert {i for change, i, _ in seats if change == "removed"} | {o for _, o in renamed} == before - after
    # every finding is on exactly one side of the delta
    assert len(a.delta.introduced) + len(a.delta.persisting) == len(a.new.result.findings)
    assert len(a.delta.resolved) + len(a.delta.persisting) == len(a.old.result.findings)
    assert len(command.render(a, "markdown")) <= 65_536
