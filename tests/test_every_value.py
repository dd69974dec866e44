"""Every value and every date is judged (issue 14 items 1 and 8, issue 15 item 4).

An explicit tag on text that does not fit it, an impossible date (quoted or not) in any date
field, a year no constitution can mean, and a patterned string with a trailing newline are
each a positioned finding; and ``loader.load_text``, ``check_text`` and ``check_file`` never
raise, whatever the bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcheck import check_file, check_text, loader
from govcheck import waivers as waiver_module
from govcheck.engine import Settings
from govcheck.plugins import load_registry
from tests.conftest import REFERENCE
from tests.strategies import mangled_text

TEXT = REFERENCE.read_text()


def _findings(text: str, rule: str | None = None) -> list[tuple[str, int, int, str, str]]:
    report = check_text(text, "doc.yaml", entry_points=False)
    return [
        (f.rule, f.line, f.column, f.path, f.message)
        for f in report.findings
        if rule is None or f.rule == rule
    ]


def _position(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# -- explicit tags whose text does not fit ---------------------------------------------------

MISFITS = {
    '!!bool "maybe"': "'maybe' is not a valid !!bool value: expected true or false (YAML 1.1 also reads yes/no, on/off)",
    '!!int ""': "'' is not a valid !!int value: expected a whole number such as 42",
    '!!int "-"': "'-' is not a valid !!int value: expected a whole number such as 42",
    '!!int "0x"': "'0x' is not a valid !!int value: expected a whole number such as 42",
    '!!float "_"': "'_' is not a valid !!float value: expected a number such as 1.5",
    '!!float ""': "'' is not a valid !!float value: expected a number such as 1.5",
    '!!null "x"': "'x' is not a valid !!null value: expected empty: ~, null or nothing",
    '!!timestamp "x"': "'x' is not a valid !!timestamp value: expected a date as YYYY-MM-DD, e.g. 2026-04-01",
    '!!timestamp "2026-02-30"': "invalid date '2026-02-30': day is out of range for month",
    '!!timestamp "2001-12-14t21:59:43.10-25:00"': (
        "invalid date '2001-12-14t21:59:43.10-25:00': the time-zone offset must be less than 24 hours"
    ),
}


@pytest.mark.parametrize("tagged", sorted(MISFITS))
def test_an_explicit_tag_on_text_that_does_not_fit_is_a_positioned_finding(tagged: str) -> None:
    text = TEXT.replace("  name: NHS Wessex Coast Integrated Care Board", f"  name: {tagged}", 1)
    assert text != TEXT
    line, col = _position(text, tagged)
    assert _findings(text, "GOV001") == [("GOV001", line, col, "/icb/name", MISFITS[tagged])]


def test_a_misfit_tag_on_a_mapping_key_is_a_finding_not_a_crash() -> None:
    doc = loader.load_text('govcheck: 1\n!!bool "maybe": 1\n')
    assert [(p.kind, p.line, p.column) for p in doc.problems] == [("structure", 2, 1)]


def test_a_long_misfit_is_cut_in_the_message() -> None:
    doc = loader.load_text(f'a: !!int "{"x" * 100_000}"\n')
    (problem,) = doc.problems
    assert problem.message.startswith("'" + "x" * 40 + "'... (100,000 characters) is not a valid !!int value")
    assert len(problem.message) < 200


# -- dates: every date field, quoted or not ----------------------------------------------------

DATE_FIELDS = {
    # the text in the reference -> its path
    "as_of: 2026-04-01": "/as_of",
    "approved_by_nhse_on: 2025-06-30": "/metadata/approved_by_nhse_on",
    "first_appointed: 2023-01-09": "/board/members/{}/appointment/first_appointed",
    "from: 2019-01-01": "/board/members/{}/interests/0/from",
    "to: 2019-03-31": "/board/members/{}/interests/0/to",
}


def _member_index(text: str, needle: str) -> int:
    """Which board member (0-based) the line holding ``needle`` belongs to."""
    before = text[: text.index(needle)]
    return before[before.index("  members:") :].count("\n    - id:") - 1


@pytest.mark.parametrize("quote", ["'", ""], ids=["quoted", "unquoted"])
@pytest.mark.parametrize("field", sorted(DATE_FIELDS))
def test_an_impossible_date_is_a_positioned_finding_in_every_date_field(field: str, quote: str) -> None:
    key = field.split(":")[0]
    bad = f"{key}: {quote}2026-02-30{quote}"
    text = TEXT.replace(field, bad, 1)
    path = DATE_FIELDS[field]
    if "{}" in path:
        path = path.format(_member_index(TEXT, field))
    line, col = _position(text, bad)
    col += len(key) + 2  # the value, after "key: "
    if quote:
        expected = ("GOV005", line, col, path, f"{path}: '2026-02-30' is not a real date (day is out of range for month)")
    else:  # YAML reads an unquoted date itself: the loader's finding
        expected = ("GOV001", line, col, path, "invalid date '2026-02-30': day is out of range for month")
    assert [f for f in _findings(text) if f[0] in ("GOV001", "GOV005")] == [expected]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("'2026-13-45'", "'2026-13-45' is not a real date (month must be in 1..12)"),
        ("0002-01-01", "'0002-01-01': the year 2 is outside 1900-2199 (a typing slip?)"),
        ("'0002-01-01'", "'0002-01-01': the year 2 is outside 1900-2199 (a typing slip?)"),
        ("'2202-04-01'", "'2202-04-01': the year 2202 is outside 1900-2199 (a typing slip?)"),
        ("'01/04/2026'", "'01/04/2026' is not a date as YYYY-MM-DD, e.g. 2026-04-01"),
        ("'2026-04-01\\n'", "'2026-04-01\\n' is not a date as YYYY-MM-DD, e.g. 2026-04-01"),
    ],
)
def test_an_invalid_as_of_is_a_positioned_finding(value: str, message: str) -> None:
    text = TEXT.replace("as_of: 2026-04-01", f"as_of: {value.replace(chr(39), chr(34))}", 1)
    assert _findings(text, "GOV005") == [("GOV005", 7, 8, "/as_of", f"/as_of: {message}")]


def test_the_earliest_and_latest_years_are_accepted() -> None:
    for year in ("1900", "2199"):
        text = TEXT.replace("approved_by_nhse_on: 2025-06-30", f"approved_by_nhse_on: '{year}-06-30'", 1)
        assert _findings(text, "GOV005") == []
    assert _findings(TEXT.replace("as_of: 2026-04-01", "as_of: '2199-04-01'", 1), "GOV005") == []
    # The format takes an as_of in 1900; the law (issue 13) then says no ICB existed.
    text = TEXT.replace("as_of: 2026-04-01", "as_of: '1900-04-01'", 1)
    assert _findings(text, "GOV005") == [(
        "GOV005", 7, 8, "/as_of",
        "/as_of: 1900-04-01 is before 2022-07-01, when integrated care boards were established (Health and "
        "Care Act 2022): no ICB law was in force on that date",
    )]


def test_ids_reject_a_trailing_newline() -> None:
    text = TEXT.replace("  - id: m-chair\n", '  - id: "m-chair\\n"\n', 1)
    assert text != TEXT
    line, col = _position(text, '"m-chair\\n"')
    assert _findings(text, "GOV005") == [(
        "GOV005", line, col, "/board/members/0/id",
        "/board/members/0/id: 'm-chair\\n' is not an id such as `nhse`: letters, digits, `-`, `_` and `.`, "
        "starting with a letter or digit, no spaces",
    )]


# -- waivers: no silent silencing (item 8) -----------------------------------------------------

WAIVER = "waivers:\n  - {{rule: {rule}, path: {path}, reason: {reason}}}\n"


@pytest.mark.parametrize(
    "reason", ['"\\u200b"', '"\\u202e\\u2066"', '"\\u3164"', '"\\t\\u00a0"', '"\\u2800\\ufeff"']
)
def test_a_waiver_reason_of_invisible_characters_is_no_reason(reason: str) -> None:
    text = TEXT + WAIVER.format(rule="GOV301", path="/icb", reason=reason)
    found = _findings(text, "GOV009")
    assert [(f[3], f[4]) for f in found] == [
        (
            "/waivers/0",
            "waiver for GOV301 at /icb gives no reason; a reason is required"
            + ("" if reason == '"\\t\\u00a0"' else " (its reason has only invisible or formatting characters)"),
        )
    ]


@pytest.mark.parametrize("rule", [f"GOV00{n}" for n in range(1, 9)])
def test_loader_and_format_findings_cannot_be_waived(rule: str) -> None:
    text = TEXT + WAIVER.format(rule=rule, path="/", reason="we accept it")
    found = _findings(text, "GOV009")
    assert [(f[3], f[4].split(":")[0]) for f in found] == [
        ("/waivers/0/rule", f"waiver names {rule} ({found[0][4].split('(')[1].split(')')[0]}), which cannot be waived")
    ]
    assert "cannot be read or does not follow the format" in found[0][4]


def test_a_waived_format_finding_stays_open() -> None:
    text = TEXT.replace("as_of: 2026-04-01", "as_of: '2026-02-30'", 1)
    text += WAIVER.format(rule="GOV005", path="/", reason="we accept it")
    report = check_text(text, "doc.yaml", entry_points=False)
    assert [(f.rule, f.status) for f in report.findings if f.rule == "GOV005"] == [("GOV005", "open")]
    assert report.exit_code() == 1


def _lookup(name: str):
    return load_registry([], entry_points=False).rule(name)


@pytest.mark.parametrize("as_of", [None, dt.date(2, 1, 1), dt.date(9999, 12, 31)])
def test_without_a_usable_as_of_expiry_is_judged_against_the_run_date(monkeypatch, as_of) -> None:
    monkeypatch.setattr(waiver_module, "run_date", lambda: dt.date(2026, 7, 1))
    data = {"waivers": [{"rule": "GOV301", "path": "/icb", "reason": "review", "expires": "2026-06-30"}]}
    usable, problems = waiver_module.read(data, _lookup, as_of)
    assert usable == []
    assert problems == [
        waiver_module.Problem(
            "GOV009",
            "/waivers/0/expires",
            "waiver for GOV301 at /icb expired on 2026-06-30 (as of 2026-07-01, the run date)",
        )
    ]


def test_an_impossible_expiry_waives_nothing() -> None:
    data = {"waivers": [{"rule": "GOV301", "path": "/icb", "reason": "review", "expires": "2026-02-30"}]}
    usable, problems = waiver_module.read(data, _lookup, dt.date(2026, 1, 1))
    assert usable == []
    assert [p.message for p in problems] == [
        "waiver for GOV301 at /icb: expiry '2026-02-30' is not a real date"
    ]


# -- never raises: arbitrary bytes and mangled valid documents ---------------------------------

# Text that has broken loaders before: tags with misfit text, odd dates, YAML 1.1 numbers,
# line separators, anchors, merge keys, flow brackets.
_TOKENS = [
    "!!bool ", "!!int ", "!!float ", "!!null ", "!!timestamp ", "!!str ", "!!binary ", "!!set ",
    "!!python/name:os.system ", "! ", "!local ", '""', "''", "maybe", "_", "-", "0x", "0b", "0o7",
    "2026-02-30", "0002-01-01", "2026-13-45", "9999-99-99", "1:2:3:", "4:10:00", "0755", ".inf",
    ".nan", "&a ", "*a", "<<: ", "{", "}", "[", "]", ": ", "- ", "\n", "\t", "\u2028", "\u2029",
    "\x85", "\ufeff", "'", '"', "\\", "#", "%YAML 1.1\n", "---\n", "...\n", "?", "|", ">",
]

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@st.composite
def spliced(draw: st.DrawFn) -> str:
    """The reference with a few hostile tokens spliced in at random places."""
    text = TEXT
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_TOKENS)) + text[at:]
    return text


_ANY_TEXT = st.one_of(
    spliced(),
    mangled_text(),
    st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join),
    st.text(max_size=300),
)
_ENGINE_SETTINGS = Settings(profiles=("statutory", "nhse-policy", "good-practice"))


@FUZZ
@given(_ANY_TEXT)
def test_load_text_and_check_text_never_raise(text: str) -> None:
    doc = loader.load_text(text, "fuzz.yaml")
    assert doc.loaded or doc.problems
    report = check_text(text, "fuzz.yaml", settings=_ENGINE_SETTINGS, entry_points=False)
    assert report.exit_code() in (0, 1, 2)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]


@FUZZ
@given(st.one_of(st.binary(max_size=400), _ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_check_file_never_raises(tmp_path: Path, raw: bytes) -> None:
    target = tmp_path / "fuzz.yaml"
    target.write_bytes(raw)
    report = check_file(target, settings=_ENGINE_SETTINGS, entry_points=False)
    assert report.exit_code() in (0, 1, 2)
    assert not [o for d in report.documents for o in d.outcomes if o.status == "error"]


def test_native_date_check_agrees_with_jsonschema_format_date() -> None:
    import json

    import jsonschema

    from govcheck.engine import schema_path
    from govcheck.validate import Validator

    schema = json.loads(schema_path("constitution-v1.schema.json").read_text())
    date_schema = {**schema["$defs"]["date"]}
    reference = jsonschema.Draft202012Validator(date_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    native = Validator(date_schema)
    for value in ["2026-04-01", "2026-02-30", "2024-02-29", "2025-02-29", "2026-13-01", "0002-01-01",
                  "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01", "2026-04-01\n", "2026-4-1"]:
        assert (not native.errors(value)) == reference.is_valid(value), value


# -- YAML 1.1 numbers (item 17) ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("written", "read", "message"),
    [
        ("0755", 493, "'0755' is read by YAML 1.1 (PyYAML, govcheck) as the octal number 493 (YAML 1.2 and most tools read 755)"),
        ("010", 8, "'010' is read by YAML 1.1 (PyYAML, govcheck) as the octal number 8 (YAML 1.2 and most tools read 10)"),
        ("4:10:00", 15000, "'4:10:00' is read by YAML 1.1 (PyYAML, govcheck) as the base-60 (sexagesimal) number 15000"),
    ],
)
def test_a_yaml11_number_is_a_warning_saying_what_yaml_read(written: str, read: int, message: str) -> None:
    text = TEXT.replace("    population: 480000", f"    population: {written}", 1)
    report = check_text(text, "n.yaml", entry_points=False)
    (finding,) = [f for f in report.findings if f.rule == "GOV012"]
    assert (finding.severity, finding.path) == ("warning", "/places/0/population")
    assert finding.message.startswith(message)
    assert loader.load_text(text).data["places"][0]["population"] == read  # judged as YAML read it
    # the warning does not stop the other rules: those not judged are exactly those not
    # judged in the reference (Bill rules not in force on its as_of date)
    reference = check_text(TEXT, "n.yaml", entry_points=False).documents[0].outcomes
    assert [o for o in report.documents[0].outcomes if o.status in ("not_applicable", "error")] == [
        o for o in reference if o.status in ("not_applicable", "error")
    ]


@pytest.mark.parametrize("written", ["480000", "'0755'", "0", "0.5", "1_000"])
def test_ordinary_and_quoted_numbers_give_no_yaml11_warning(written: str) -> None:
    text = TEXT.replace("    population: 480000", f"    population: {written}", 1)
    assert _findings(text, "GOV012") == []
