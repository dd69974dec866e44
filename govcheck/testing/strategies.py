"""Hypothesis strategies for valid constitutions, for plugin authors' property tests.

Every document drawn conforms to format v1 and passes every built-in rule of the default
and good-practice profiles: each is the reference constitution with names, populations,
extra non-executive members (keeping the quorum a majority), extra organisations and list
order varied. Requires ``hypothesis`` (imported here,
not by govcheck itself)::

    from hypothesis import given
    from govcheck.testing.strategies import constitutions

    @given(constitutions())
    def test_my_rule_accepts_valid_documents(data): ...
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from govcheck.testing import document_text, merge, reference_data

__all__ = [
    "constitution_texts",
    "constitutions",
    "names",
    "neighbourhood_populations",
    "place_populations",
]

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def names() -> st.SearchStrategy[str]:
    """Plain personal or organisation names: two capitalised words."""
    word = st.text(_LETTERS[26:], min_size=2, max_size=10).map(str.capitalize)
    return st.builds(lambda a, b: f"{a} {b}", word, word)


def place_populations() -> st.SearchStrategy[int]:
    """Within the 250,000-500,000 band typical of place partnerships (rule GOV307)."""
    return st.integers(min_value=250_000, max_value=500_000)


def neighbourhood_populations() -> st.SearchStrategy[int]:
    """Within the 20,000-200,000 band of seed 001 section 2."""
    return st.integers(min_value=20_000, max_value=200_000)


@st.composite
def constitutions(draw: st.DrawFn, max_extra_non_executives: int = 3) -> dict[str, Any]:
    """A valid, compliant constitution as plain data (a fresh dict each time)."""
    data = reference_data()
    patch: dict[str, Any] = {"ics": {"name": draw(names()) + " Integrated Care System"}}
    patch["places"] = {
        str(i): {"population": draw(place_populations())} for i in range(len(data["places"]))
    }
    patch["neighbourhoods"] = {
        str(i): {"population": draw(neighbourhood_populations())}
        for i in range(len(data["neighbourhoods"]))
    }
    members = data["board"]["members"]
    patch["board"] = {"members": {str(i): {"name": draw(names())} for i in range(len(members))}}
    template = next(m for m in members if m["roles"] == ["non_executive"])
    extra = draw(st.integers(min_value=0, max_value=max_extra_non_executives))
    patch["board"]["members"]["+"] = [
        {**template, "id": f"m-ned-extra-{i}", "name": draw(names()), "interests": []}
        for i in range(extra)
    ]
    voting = sum(1 for m in members if m.get("voting", True)) + extra
    quorum = data["board"].get("quorum", {}).get("min_count")
    if isinstance(quorum, int) and quorum <= voting // 2:
        patch["board"]["quorum"] = {"min_count": voting // 2 + 1}  # a majority of voting members
    organisations = [
        {
            "id": f"vcse-extra-{i}",
            "name": draw(names()) + " Trust",
            "kind": "vcse",
            "in_footprint": True,
        }
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    patch["organisations"] = {"+": organisations}
    result: dict[str, Any] = merge(data, patch)
    result["organisations"] = draw(st.permutations(result["organisations"]))
    return result


def constitution_texts(max_extra_non_executives: int = 3) -> st.SearchStrategy[str]:
    """:func:`constitutions` as YAML text."""
    return constitutions(max_extra_non_executives).map(lambda d: document_text(base=d))
