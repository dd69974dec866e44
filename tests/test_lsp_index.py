"""The language server's plain-Python parts: node ranges, the cursor's context, ids, waivers.

No protocol here (tests/test_lsp.py drives the real server); these pin the details that
the end-to-end tests reach only through one example each.
"""

from __future__ import annotations

import textwrap

import pytest
import yaml
from conftest import REFERENCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcheck.lsp.index import Context, NodeIndex, Span, context_at, ids_and_refs
from govcheck.lsp.session import Session, key_fix, schema, waiver_edit

DOC = textwrap.dedent(
    """\
    govcheck: 1
    icb:
      id: icb
      area:
        description: >
          Two lines
          of text.
        local_authorities: [la-a, la-b]
    organisations:
      - {id: la-a, name: A Council, kind: local_authority}
      - id: la-b
        name: B Council
    """
)


def test_node_index_spans_keys_values_and_whole_collections() -> None:
    index = NodeIndex(DOC)
    assert index.entries["/icb/id"].key == Span((2, 2), (2, 4))
    assert index.entries["/icb/id"].value == Span((2, 6), (2, 9))
    # a folded block scalar ends on its last line, not at the start of the next
    assert index.entries["/icb/area/description"].value == Span((4, 17), (6, 14))
    # a flow sequence ends after "]"; a block collection at the end of its last child
    assert index.entries["/icb/area/local_authorities"].value == Span((7, 23), (7, 35))
    assert index.entries["/icb/area"].value == Span((4, 4), (7, 35))
    assert index.entries["/organisations/1"].value == Span((10, 4), (11, 19))
    assert index.entries["/organisations/0/name"].value == Span((9, 21), (9, 30))


def test_node_index_finds_the_innermost_node_and_places_findings() -> None:
    index = NodeIndex(DOC)
    entry, on_key = index.at((7, 30))
    assert (entry.path, on_key) == ("/icb/area/local_authorities/1", False)
    entry, on_key = index.at((3, 3))
    assert (entry.path, on_key) == ("/icb/area", True)
    # a finding at the key (the CLI's 1-based line:column) gets the key; at the value, the value
    assert index.span_of("/icb/id", 3, 3) == Span((2, 2), (2, 4))
    assert index.span_of("/icb/id", 3, 7) == Span((2, 6), (2, 9))
    # the document's root, or a position that is no node's start: the word there
    assert index.span_of("", 1, 1) == Span((0, 0), (0, 11))
    assert index.span_of("/nowhere", 2, 1) == Span((1, 0), (1, 4))


def test_ids_and_references_follow_the_schema() -> None:
    defs, refs = ids_and_refs(yaml.safe_load(DOC), schema())
    assert sorted(defs) == ["icb", "la-a", "la-b"]
    assert defs["la-a"].path == "/organisations/0/id"
    assert defs["la-a"].collection == "organisations"
    assert defs["la-a"].summary == "A Council (kind: local_authority)"
    assert {p: r.target for p, r in refs.items()} == {
        "/icb/area/local_authorities/0": "la-a",
        "/icb/area/local_authorities/1": "la-b",
    }


def test_ids_of_the_reference_are_every_id_field_of_what_is_defined() -> None:
    data = yaml.safe_load(REFERENCE.read_text())
    defs, refs = ids_and_refs(data, schema())
    assert {o["id"] for o in data["organisations"]} | {p["id"] for p in data["places"]} <= set(defs)
    assert {m["id"] for m in data["board"]["members"]} <= set(defs)
    assert {c["id"] for c in data["committees"]} <= set(defs)
    assert all(r.target in defs for r in refs.values())  # the reference is consistent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gov", Context("key", [], "gov", frozenset({"later"}), 0)),
        ("govcheck: 1\nic", Context("key", [], "ic", frozenset({"govcheck", "later"}), 0)),
        ("icb:\n  id: x\n  ar", Context("key", ["icb"], "ar", frozenset({"id"}), 2)),
        ("organisations:\n  - id: a\n    na", Context("key", ["organisations", 0], "na", frozenset({"id"}), 4)),
        ("organisations:\n- id: a\n  na", Context("key", ["organisations", 0], "na", frozenset({"id"}), 2)),
        ("organisations:\n  - ", Context("key", ["organisations", 0], "", frozenset(), 4)),
        ("icb:\n  area:\n    local_authorities:\n      - la-", Context("key", ["icb", "area", "local_authorities", 0], "la-", frozenset(), 8)),
        ("icb:\n  area:\n    local_authorities: [la-a, la-", Context("value", ["icb", "area", "local_authorities", 0], "la-", frozenset(), 30)),
        ("organisations:\n  - {id: a, ki", Context("key", ["organisations", 0], "ki", frozenset({"id"}), 12)),
        ("organisations:\n  - {id: a, kind: lo", Context("value", ["organisations", 0, "kind"], "lo", frozenset(), 18)),
        ("places:\n  - leader: {member: m-", Context("value", ["places", 0, "leader", "member"], "m-", frozenset(), 21)),
        ("icb:\n  area:\n    description: >\n      some te", None),
    ],
)
def test_context_at_reads_the_cursor_from_text_that_need_not_parse(text: str, expected: Context | None) -> None:
    lines = text.split("\n")
    assert context_at(text + "\nlater: 1\n", len(lines) - 1, len(lines[-1])) == expected


def _apply(text: str, span: Span, new: str) -> str:
    lines = text.splitlines(True)

    def offset(pos: tuple[int, int]) -> int:
        return sum(len(line) for line in lines[: pos[0]]) + pos[1]

    return text[: offset(span.start)] + new + text[offset(span.end) :]


@pytest.mark.parametrize(
    ("waivers", "before"),
    [
        ("", []),
        ("waivers:\n  - {rule: GOV999, path: /x, reason: old}\n", [{"rule": "GOV999", "path": "/x", "reason": "old"}]),
        ("waivers:\n- rule: GOV999\n  path: /x\n  reason: old\n", [{"rule": "GOV999", "path": "/x", "reason": "old"}]),
        ("waivers: [{rule: GOV999, path: /x, reason: old}]\n", [{"rule": "GOV999", "path": "/x", "reason": "old"}]),
        ("waivers: []\n", []),
    ],
)
def test_a_waiver_is_added_in_every_way_waivers_can_be_written(waivers: str, before: list[dict[str, str]]) -> None:
    text = DOC.replace("organisations:", waivers + "organisations:", 1)
    analysis = Session().check("c.yaml", text)
    assert analysis.loaded
    rule = analysis.rules["GOV101"]
    span, new = waiver_edit(analysis, rule, "/board/members")
    edited = yaml.safe_load(_apply(text, span, new))
    assert edited["waivers"] == [*before, {"rule": "GOV101", "path": "/board/members", "reason": ""}]
    assert edited["organisations"] == yaml.safe_load(DOC)["organisations"]


def test_a_key_is_fixed_only_when_one_allowed_key_is_close() -> None:
    session = Session()
    text = DOC.replace("  id: icb\n", "  id: icb\n  nmae: X\n  are: Y\n", 1)
    analysis = session.check("c.yaml", text)
    assert key_fix(analysis, "GOV006", "/icb/nmae") == "name"
    assert key_fix(analysis, "GOV006", "/icb/are") is None  # "area" is there already: nothing else is close
    assert key_fix(analysis, "GOV005", "/icb/nmae") is None


def test_findings_of_the_last_good_version_move_with_the_lines_around_an_edit() -> None:
    session = Session()
    text = REFERENCE.read_text().replace("  version:", "  verison:", 1)
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    key = last.split(":", 1)[0]
    text = text[: text.rindex(last)] + last.replace(f"{key}:", f"{key}x:", 1) + "\n"  # a finding on the last line
    good = session.check("c.yaml", text, 1)
    assert [p.code for p in good.problems] == ["GOV006", "GOV006"]
    early, late = good.problems
    broken = text.replace("\nics:\n", "\nics:\n  name: [\n", 1)  # one more line, that does not parse
    after = session.check("c.yaml", broken, 2)
    assert [(p.code, p.status) for p in after.problems] == [("GOV001", "open"), ("GOV006", "stale"), ("GOV006", "stale")]
    assert after.problems[1].span == early.span  # above the edit: where it was
    (l1, c1), (l2, c2) = late.span
    assert after.problems[2].span == Span((l1 + 1, c1), (l2 + 1, c2))  # below: moved down a line
    # a finding on the edited lines is dropped, not guessed at
    broken_there = text.replace("  verison:", "  verison: [", 1)
    there = session.check("c.yaml", broken_there, 3).problems
    assert [(p.code, p.status) for p in there] == [("GOV001", "open"), ("GOV006", "stale")]
    assert there[1].span == late.span


def test_editor_setups_in_the_docs_parse_and_use_the_servers_settings() -> None:
    """docs/editors.md: every JSON and TOML block parses, and the settings it gives the
    server are the ones the server reads."""
    import json
    import re
    import sys

    from conftest import ROOT

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    doc = (ROOT / "docs" / "editors.md").read_text()
    blocks = re.findall(r"^```(\w+)\n(.*?)^```$", doc, re.S | re.M)
    settings = re.findall(r"^\| `(\w+)` \|", doc, re.M)
    assert settings == ["config", "noPlugins", "debounce"]
    server = (ROOT / "govcheck" / "lsp" / "server.py").read_text()
    assert all(f'"{name}"' in server for name in settings)
    kinds = [lang for lang, _ in blocks]
    assert {"json", "toml", "lua", "elisp", "yaml"} <= set(kinds)
    for lang, body in blocks:
        if lang == "json":
            vscode = json.loads(body)
            assert vscode["glspc.server.command"] == "govcheck"
            assert vscode["glspc.server.commandArguments"] == ["lsp"]
            assert set(vscode["glspc.server.initializationOptions"]) <= set(settings)
        elif lang == "toml":
            helix = tomllib.loads(body)
            assert helix["language-server"]["govcheck"]["args"] == ["lsp"]
            assert set(helix["language-server"]["govcheck"]["config"]) <= set(settings)
        elif lang == "yaml" and body.startswith("waivers:"):
            (waiver,) = yaml.safe_load(body)["waivers"]
            assert waiver == {"rule": "GOV101", "path": "/board/members", "reason": ""}


def test_the_registry_and_engine_are_built_once_per_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Structural guard for the re-check's speed (no timing): edits reuse the warm engine."""
    import govcheck.plugins

    calls = []
    real = govcheck.plugins.load_registry

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(govcheck.plugins, "load_registry", counting)
    session = Session()
    text = REFERENCE.read_text()
    engines = set()
    for i in range(5):
        for name in ("a.yaml", "b.yaml"):
            session.check(str(tmp_path / name), text + f"# edit {i}\n", i)
            engines.add(id(session.engine(str(tmp_path / name))[0]))
    assert len(calls) == 1 and len(engines) == 1
    # another configuration gets its own engine, sharing the plugins
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".govcheck.toml").write_text('fail-on = "error"\n')
    session.check(str(tmp_path / "sub" / "c.yaml"), text)
    assert len(calls) == 1 and len(session._engines) == 2
    session.reset()
    session.check(str(tmp_path / "a.yaml"), text)
    assert len(calls) == 2


def test_a_waiver_is_offered_only_where_it_would_take_effect() -> None:
    from govcheck.lsp.session import waivable

    analysis = Session().check("c.yaml", DOC)
    assert waivable(analysis, analysis.rules["GOV101"])
    for rule in ("GOV001", "GOV005", "GOV006", "GOV009", "GOV010"):
        assert not waivable(analysis, analysis.rules[rule]), rule


_SESSION = Session()
_REFERENCE_TEXT = REFERENCE.read_text()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cut=st.integers(min_value=0, max_value=len(_REFERENCE_TEXT)),
    length=st.integers(min_value=0, max_value=40),
    typed=st.text(alphabet=st.sampled_from(list("ab:-[]{}, \n#'\"&*!|>\t\u00e9")), max_size=12),
    line=st.integers(min_value=0, max_value=500),
    column=st.integers(min_value=0, max_value=120),
)
def test_any_edit_of_the_reference_is_checked_and_read_without_an_exception(
    cut: int, length: int, typed: str, line: int, column: int
) -> None:
    """Whatever is typed wherever: a check, spans inside the text, a context (or None), an index."""
    text = _REFERENCE_TEXT[:cut] + typed + _REFERENCE_TEXT[cut + length :]
    analysis = _SESSION.check("edited.yaml", text)
    lines = text.splitlines()
    for p in analysis.problems:
        (l1, c1), (l2, c2) = p.span
        assert 0 <= l1 <= l2 <= max(len(lines), 1), p
        assert (l1, c1) <= (l2, c2), p
    context_at(text, line, column)
    if analysis.index is not None:
        analysis.index.at((line, column))
        assert analysis.definitions is not None
