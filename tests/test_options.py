"""Options declared once (issue 20 item 1): govcheck/options.py feeds the command line, the
configuration file, the Python API and the server, and a bad value gets the same message from
each, only the place it was given named differently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from govcheck import options
from govcheck.engine import Settings
from govcheck.errors import ConfigError
from govcheck.loader import Limits
from tests.conftest import REFERENCE, run_cli

KNOWN_PROFILES = "core, good-practice, health-and-prosperity, nhse-policy, statutory"
TIMEOUT = "must be a number of seconds from 0 to 3600 (0: no limit), not 5000"

# (option, the flag and its text, the TOML line, the API's Settings, what is wrong, is it a
# name checked against the loaded rules ("where: problem") or a value ("where problem")).
CASES: list[tuple[str, list[str], str, dict[str, Any], str, bool]] = [
    ("profiles", ["--profile", "statutroy"], 'profiles = ["statutroy"]', {"profiles": ("statutroy",)},
     f"unknown profile 'statutroy'; did you mean 'statutory'? (known: {KNOWN_PROFILES})", True),
    ("select", ["--select", "GOV99"], 'select = ["GOV99"]', {"select": ("GOV99",)},
     "no rule matches 'GOV99' (use an id, a slug or an id prefix)", True),
    ("rule-timeout", ["--rule-timeout", "5000"], "rule-timeout = 5000", {"rule_timeout": 5000}, TIMEOUT, False),
    ("rule-timeout", ["--rule-timeout", "-1"], "rule-timeout = -1", {"rule_timeout": -1},
     "must be a number of seconds from 0 to 3600 (0: no limit), not -1", False),
    ("fail-on", ["--fail-on", "warnings"], 'fail-on = "warnings"', {"fail_on": "warnings"},
     "must be one of error, warning, info, never, not 'warnings'", False),
    ("max-bytes", ["--max-bytes", "0"], "max-bytes = 0", {"limits": Limits(max_bytes=0)},
     "must be a whole number of bytes from 1 to 1,073,741,824, not 0", False),
    ("as-of", ["--as-of", "2026-13-01"], 'as-of = "2026-13-01"', {"as_of": "2026-13-01"},
     "must be a date (YYYY-MM-DD), not '2026-13-01'", False),
    ("as-of", ["--as-of", "2022-06-30"], 'as-of = "2022-06-30"', {"as_of": "2022-06-30"},
     "2022-06-30 is before 2022-07-01, when integrated care boards were established (Health and Care Act "
     "2022): no ICB law was in force", False),
    ("law", ["--law", "health-bill"], 'law = "health-bill"', {"law": "health-bill"},
     "must be one of nhs-act-2006-sch1b, health-bill-2026, not 'health-bill'", False),
]


@pytest.mark.parametrize(
    ("name", "flag", "toml", "api", "problem", "named"), CASES, ids=[f"{c[0]}-{c[1][1]}" for c in CASES]
)
def test_the_same_bad_value_gets_the_same_message_from_cli_configuration_and_api(
    tmp_path: Path, name: str, flag: list[str], toml: str, api: dict[str, Any], problem: str, named: bool
) -> None:
    sep = ": " if named else " "
    opt = options.BY_NAME[name]

    cli = run_cli("check", str(REFERENCE), "--no-plugins", *flag, cwd=tmp_path)
    config = tmp_path / ".govcheck.toml"
    config.write_text(toml + "\n")
    doc = tmp_path / "constitution.yaml"
    doc.write_text(REFERENCE.read_text())
    configured = run_cli("check", str(doc), "--no-plugins", cwd=tmp_path)
    with pytest.raises(ConfigError) as raised:
        from govcheck.api import check_text

        check_text(REFERENCE.read_text(), settings=Settings(**api), entry_points=False)

    key = name if named else f"option '{name}'"
    assert (cli.returncode, cli.stdout, cli.stderr) == (2, "", f"govcheck: error: {opt.flags[0]}{sep}{problem}\n")
    assert (configured.returncode, configured.stderr) == (2, f"govcheck: error: {config}: {key}{sep}{problem}\n")
    assert str(raised.value) == f"{opt.api}{sep}{problem}"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("profiles", ("statutroy",), f": unknown profile 'statutroy'; did you mean 'statutory'? (known: {KNOWN_PROFILES})"),
        ("as_of", "2026-13-01", " must be a date (YYYY-MM-DD), not '2026-13-01'"),
        ("law", "health-bill", " must be one of nhs-act-2006-sch1b, health-bill-2026, not 'health-bill'"),
    ],
)
def test_the_server_names_its_field_with_the_same_message(field: str, value: Any, problem: str) -> None:
    from govcheck.server.service import CheckRequest, Options, RequestError, Service

    service = Service(Options(no_plugins=True))
    with pytest.raises(RequestError) as raised:
        service.check(CheckRequest(REFERENCE.read_bytes(), **{field: value}))
    assert (raised.value.detail, raised.value.status) == (f"{field}{problem}", 422)


def test_api_settings_checks_its_values_and_keeps_good_ones() -> None:
    from govcheck.api import settings

    with pytest.raises(ConfigError) as raised:
        settings(fail_on="warnings")
    assert str(raised.value) == "fail_on must be one of error, warning, info, never, not 'warnings'"
    checked = settings(as_of="2026-04-01", rule_timeout=None, fail_on="error")
    assert (checked.as_of.isoformat(), checked.rule_timeout, checked.fail_on) == ("2026-04-01", None, "error")


def test_every_configuration_flag_of_check_is_built_from_the_table() -> None:
    from govcheck.cli import app

    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    by_flag = {p.opts[0]: p for p in command.params}
    for opt in options.OPTIONS:
        if not opt.flags:
            continue
        param = by_flag[opt.flags[0]]
        assert (param.opts + param.secondary_opts)[: len(opt.flags)] == list(opt.flags), opt.name
        assert param.help.startswith(opt.help), opt.name


def test_defaults_are_read_from_the_table() -> None:
    from govcheck.loader import DEFAULT_LIMITS
    from govcheck.options import defaults

    assert defaults()["rule-timeout"] == Settings().rule_timeout == options.BY_NAME["rule-timeout"].default == 10.0
    assert defaults()["max-bytes"] == DEFAULT_LIMITS.max_bytes == 32 * 1024 * 1024
    assert tuple(defaults()["profiles"]) == Settings().profiles == ("statutory", "nhse-policy")
    assert defaults()["fail-on"] == Settings().fail_on == "warning"
    assert list(defaults()) == [o.name for o in options.OPTIONS if o.name != "overrides"]
