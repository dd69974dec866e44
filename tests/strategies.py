"""Hypothesis strategies: constitutions derived from the reference, and mutations of them.

``constitutions()`` draws format-valid documents (as plain data): the reference with board
members, places and accountabilities added, removed and reordered. Removing things can
leave references dangling, which is the point: the rules must still run and report.
``mutated()`` breaks a document at a random node, for validator and fuzz tests.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import strategies as st

from govcheck import loader
from tests.conftest import REFERENCE

REFERENCE_TEXT = REFERENCE.read_text()
REFERENCE_DATA: dict[str, Any] = loader.load_text(REFERENCE_TEXT, str(REFERENCE)).data

# Sections whose order carries no meaning: (getter, setter) over the document.
ORDERLESS = ("members", "places", "accountabilities", "organisations", "committees")

_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and s.strip()
)
_ADDED_ROLES = ("non_executive", "other_executive")  # roles with no maximum: adding never over-fills a seat


def section(data: dict[str, Any], name: str) -> list[Any]:
    """The list behind an orderless section (``members`` lives under ``board``)."""
    holder = data["board"] if name == "members" else data
    return holder.setdefault(name, [])


def dump(data: dict[str, Any]) -> str:
    """YAML text of a drawn document (key order kept, so positions stay meaningful), written
    by libyaml when PyYAML has it (~10 times faster than the pure-Python emitter)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


@st.composite
def new_member(draw: st.DrawFn, index: int) -> dict[str, Any]:
    return {
        "id": f"m-gen-{index}",
        "name": draw(_names),
        "roles": [draw(st.sampled_from(_ADDED_ROLES))],
        "voting": draw(st.booleans()),
        "employee_of_icb": draw(st.booleans()),
    }


@st.composite
def new_accountability(draw: st.DrawFn, index: int, owners: list[str], functions: list[str]) -> dict[str, Any]:
    """A new function, or (sometimes) a second entry for an existing one: a second owner."""
    fresh = st.builds(lambda name: f"Generated function {index}: {name}", _names)
    item: dict[str, Any] = {
        "id": f"f-gen-{index}",
        "function": draw(fresh | st.sampled_from(functions)),
        "owner": draw(st.sampled_from(owners)),
    }
    delegates = draw(st.lists(st.sampled_from(owners), max_size=2, unique=True))
    if delegates:
        item["delegated_to"] = delegates
    return item


PERSON_FIELDS = ("name", "organisation", "interests", "elected_office", "checks", "employee_of_icb",
                 "mental_health_expertise", "expertise")


def _as_seats(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Rewrite some board members in the seat form: the person moves to the register of
    people and the seat lists them as its holder; sometimes a non-executive seat is vacant
    with nobody acting, or with the register's first person acting in it."""
    members = section(data, "members")
    chosen = draw(st.sets(st.integers(0, len(members) - 1), max_size=len(members))) if members else set()
    people = []
    for i in sorted(chosen):
        seat = members[i]
        person = {"id": f"p-{seat['id']}", **{k: seat.pop(k) for k in PERSON_FIELDS if k in seat}}
        people.append(person)
        seat["holders"] = [{"person": person["id"], "from": "2022-07-01"}]
    vacant = [m for m in members if m.get("roles") == ["non_executive"] and "holders" in m]
    if vacant and draw(st.booleans()):
        seat = vacant[0]
        seat["vacant"] = True
        seat["holders"] = draw(st.sampled_from(([], [{"person": people[0]["id"], "capacity": "acting",
                                                      "designated_by": "board", "from": "2026-01-01"}])))
    if people:
        data["people"] = people


def _drop(draw: st.DrawFn, items: list[Any], most: int) -> list[Any]:
    gone = draw(st.sets(st.integers(0, len(items) - 1), max_size=most)) if items else set()
    return [x for i, x in enumerate(items) if i not in gone]


@st.composite
def constitutions(draw: st.DrawFn, *, shuffle: bool = True) -> dict[str, Any]:
    """A format-valid constitution: the reference with additions, removals and reordering."""
    data = copy.deepcopy(REFERENCE_DATA)
    members = _drop(draw, section(data, "members"), 3)
    members += [draw(new_member(i)) for i in range(draw(st.integers(0, 3)))]
    data["board"]["members"] = members
    data["places"] = _drop(draw, section(data, "places"), 2)
    owners = sorted(
        {"board", *(m["id"] for m in members), *(c["id"] for c in data.get("committees", ()))}
    )
    accountabilities = _drop(draw, section(data, "accountabilities"), 4)
    functions = sorted(a["function"] for a in accountabilities) or ["Generated function"]
    accountabilities += [
        draw(new_accountability(i, owners, functions)) for i in range(draw(st.integers(0, 3)))
    ]
    data["accountabilities"] = accountabilities
    if draw(st.booleans()):
        _as_seats(draw, data)
    if shuffle:
        for name in ORDERLESS:
            items = section(data, name)
            items[:] = draw(st.permutations(items))
    return data


# -- mutations: for the validator and the fuzz tests ------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(max_size=12)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _containers(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                found += _containers(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, (dict, list)):
                found += _containers(value, (*path, i))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """A document with one to three random edits: a value replaced, a key removed or added."""
    data = copy.deepcopy(base if base is not None else REFERENCE_DATA)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_containers(data)))
        node = data
        for token in path:
            node = node[token]
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        action = draw(st.sampled_from(("replace", "remove", "add")))
        if action == "add" or not keys:
            if isinstance(node, dict):
                node[draw(st.text(min_size=1, max_size=10))] = draw(json_values)
            else:
                node.append(draw(json_values))
        elif action == "remove":
            del node[draw(st.sampled_from(keys))]
        else:
            node[draw(st.sampled_from(keys))] = draw(json_values)
    return data


@st.composite
def mangled_text(draw: st.DrawFn) -> str:
    """The reference text with lines dropped, repeated, swapped, cut or spliced with junk."""
    lines = REFERENCE_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:  # an earlier "cut" or "drop" can leave nothing to mangle
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(("drop", "repeat", "swap", "cut", "junk", "indent")))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines = [*lines[:i], lines[i][: draw(st.integers(0, len(lines[i])))]]
        elif action == "junk":
            lines.insert(i, draw(st.text(max_size=30)) + "\n")
        else:
            lines[i] = draw(st.sampled_from((" ", "  ", "\t", "- "))) + lines[i]
    return "".join(lines)
