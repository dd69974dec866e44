"""Every option, declared once: its value, default, range, help and where it may be set.

This table feeds the command line (:mod:`govcheck.cli` builds each flag from it), the
configuration loader (:mod:`govcheck.config`), the Python API (:func:`govcheck.api.settings`)
and the option reference in docs/configuration.md (``python -m govcheck.options
docs/configuration.md`` rewrites it; ``make docs`` runs that, tests/test_docs.py checks it).
:func:`check` is the one validation path: a value from a configuration file, a flag or an API
keyword is checked there, so the same bad value gets the same message wherever it was given,
only the place named differs (``/repo/pyproject.toml: option 'fail-on'``, ``--fail-on``,
``fail_on``).

Every option is a configuration file key. The command line reads this table on every run,
so this module imports nothing beyond the standard library and :mod:`govcheck.errors`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from govcheck.errors import ConfigError
from govcheck.findings import SEVERITIES as LEVELS

if TYPE_CHECKING:
    from govcheck.engine import Settings

FAIL_ON = (*LEVELS, "never")
# What `texts` may replace in a rule (a neighbour's wording, without copying the pack).
RULE_TEXTS = ("title", "rationale", "remediation")
# Bounds on numbers: beyond them a value is a mistake, and some (a timeout of 1e10 s) would
# overflow the platform's clock.
MAX_RULE_TIMEOUT = 3600.0  # seconds per rule and document
MAX_MAX_BYTES = 1024**3  # 1 GiB


class Option(NamedTuple):
    """One option. ``kind`` says how :func:`check` reads it: ``list`` (of strings; the
    layers' lists merge), ``table`` (merges key by key), or a scalar: ``choice``, ``bool``,
    ``int``, ``number``, ``date``, ``path``; ``overrides`` is the array of per-path tables."""

    name: str  # the configuration key (kebab-case)
    kind: str
    default: Any
    value: str  # what a value must be ("... must be {value}, not ...")
    help: str  # one line: the command line's help and the reference table's meaning
    flags: tuple[str, ...] = ()  # command-line flags; none: not settable on the command line
    override: bool = False  # settable in an [[overrides]] entry
    api: str = ""  # the field of govcheck.engine.Settings (the API's keyword); "": not in the API
    choices: tuple[str, ...] = ()
    low: float | None = None  # range of a number, inclusive
    high: float | None = None
    metavar: str = ""


OPTIONS: tuple[Option, ...] = (
    Option("profiles", "list", ("statutory", "nhse-policy"), "a list of strings",
           "Profiles to run (repeatable).", ("--profile", "-p"), True, "profiles", metavar="NAME"),
    Option("select", "list", (), "a list of strings",
           "Only these rules: id, slug or id prefix (repeatable).", ("--select",), True, "select",
           metavar="RULE"),
    Option("ignore", "list", (), "a list of strings",
           "Skip these rules: id, slug or id prefix (repeatable); wins over select.", ("--ignore",), True,
           "ignore", metavar="RULE"),
    Option("severity", "table", {}, "a table of rule = level",
           "A rule's severity: rule (id, slug or prefix) = error, warning or info.", (), True, "severity"),
    Option("params", "table", {}, "a table of rule = {parameter = value}",
           "A rule's parameters: rule (id or slug) = {parameter = value}.", (), True, "params"),
    Option("fail-on", "choice", "warning", f"one of {', '.join(FAIL_ON)}",
           "Lowest severity of an open finding that fails the run (never: none).", ("--fail-on",), True,
           "fail_on", FAIL_ON, metavar="LEVEL"),
    Option("exit-zero", "bool", False, "true or false",
           "Exit 0 even when findings fail the run.", ("--exit-zero",)),
    Option("as-of", "date", None, "a date (YYYY-MM-DD)",
           "Judge dates at this day (unset: the document's as_of).", ("--as-of",), True, "as_of",
           metavar="YYYY-MM-DD"),
    Option("max-bytes", "int", 32 * 1024 * 1024, f"a whole number of bytes from 1 to {MAX_MAX_BYTES:,}",
           "Largest document to load, in bytes.", ("--max-bytes",), True, "limits.max_bytes", low=1,
           high=MAX_MAX_BYTES, metavar="BYTES"),
    Option("rule-timeout", "number", 10.0, f"a number of seconds from 0 to {MAX_RULE_TIMEOUT:g} (0: no limit)",
           "Seconds one rule may run on one document (0: no limit).", ("--rule-timeout",), False,
           "rule_timeout", low=0, high=MAX_RULE_TIMEOUT, metavar="SECONDS"),
    Option("no-waivers", "bool", False, "true or false",
           "Ignore the documents' waivers (for audits).", ("--no-waivers",), True, "no_waivers"),
    Option("baseline", "path", None, "a file path",
           "Fail only on findings not in this baseline file.", ("--baseline",), metavar="FILE"),
    Option("plugins", "list", (), "a list of strings",
           "Local plugins to load: a module name or a .py file (repeatable).", ("--plugin",),
           metavar="PLUGIN"),
    Option("rule-packs", "list", (), "a list of strings",
           "Rule packs to load (each the plugin local:FILE): a YAML file, git+URL@REV#PATH or URL#sha256=HEX "
           "(repeatable).",
           ("--rule-pack",), metavar="PACK"),
    Option("plugin-settings", "table", {}, "a table of plugin name = {setting = value}",
           "Settings for plugins: plugin name = {setting = value}."),
    Option("overrides", "overrides", (), "an array of tables ([[overrides]])",
           "Options for the documents matching some paths (see Per-path overrides)."),
    Option("law", "choice", None, "one of the law versions",
           "Judge as if this law version were in force (e.g. health-bill-2026).", ("--law",), True, "law",
           metavar="LAW"),
    Option("commencement", "table", {}, "a table of law version = commencement date",
           "When a law version comes into force: law version = date.", (), False, "commencement"),
    Option("exclude", "list", (), "a list of strings",
           "Leave out files and folders matching GLOB when walking folders (repeatable).", ("--exclude",),
           metavar="GLOB"),
    Option("texts", "table", {}, "a table of rule = {title, rationale, remediation}",
           "A rule's wording: rule (id or slug) = {title, rationale, remediation}.", (), False, "texts"),
)  # fmt: skip

BY_NAME = {o.name: o for o in OPTIONS}
NAMES = tuple(BY_NAME)
OVERRIDE = tuple(o.name for o in OPTIONS if o.override)
LISTS = tuple(o.name for o in OPTIONS if o.kind == "list")
TABLES = tuple(o.name for o in OPTIONS if o.kind == "table")


def default(name: str) -> Any:
    """The built-in value of an option (a fresh list or dict for a list or table)."""
    value = BY_NAME[name].default
    return list(value) if isinstance(value, tuple) else dict(value) if isinstance(value, dict) else value


def defaults() -> dict[str, Any]:
    """The built-in value of every option (``overrides`` excepted)."""
    return {o.name: default(o.name) for o in OPTIONS if o.kind != "overrides"}


def suggest(key: str, known: Sequence[str]) -> str:
    """``; did you mean 'x'?`` for a near miss, else the list of what is known."""
    import difflib  # only for a message: ~10 ms to import

    close = difflib.get_close_matches(key.replace("_", "-"), known, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f" (known options: {', '.join(known)})"


# -- the one validation path -----------------------------------------------------------------

Where = Callable[[str], str]  # the place a value was given, for a suffix ("" or ".GOV3")


def check(name: str, value: Any, where: Where, base: str | None = None) -> Any:
    """``value`` of option ``name``, checked and normalised; else ConfigError
    ``"{where('')} must be {value}, not {value given}"``.

    ``where(suffix)`` names the place (``where(".GOV3")`` an entry of a table); ``base`` is
    the directory relative paths are relative to (the configuration file's; the working
    directory's for the command line). A list may be a tuple and a table any mapping (the
    API's :class:`~govcheck.engine.Settings` hold those).
    """
    opt = BY_NAME[name]

    def bad(expected: str = opt.value) -> ConfigError:
        return ConfigError(f"{where('')} must be {expected}, not {_short(value)}")

    if opt.kind in ("list", "path") and any("\0" in v for v in (value if isinstance(value, (list, tuple)) else [value]) if isinstance(v, str)):
        raise ConfigError(f"{where('')}: {_short(value)} holds a NUL character, which no name or path can")
    if opt.kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
            raise bad()
        if name in ("plugins", "rule-packs"):
            return [relative_to(base or os.getcwd(), v, module_ok=name == "plugins") for v in value]
        return list(value)
    if opt.kind == "table":
        return _table(name, value, where, bad)
    if opt.kind == "choice":
        choices = opt.choices or _law_names()
        if not isinstance(value, str) or value not in choices:
            raise bad(f"one of {', '.join(choices)}")
        return value
    if opt.kind == "bool":
        if not isinstance(value, bool):
            raise bad()
        return value
    if opt.kind == "date":
        when = as_date(value)
        if when is None:
            raise bad()
        from govcheck.laws import check_as_of

        return check_as_of(when, where(""))
    if opt.kind in ("int", "number"):
        assert opt.low is not None and opt.high is not None
        if (
            not isinstance(value, int if opt.kind == "int" else (int, float))
            or isinstance(value, bool)
            or not opt.low <= value <= opt.high  # also refuses nan
        ):
            raise bad()
        return value if opt.kind == "int" else float(value)
    if opt.kind == "path":
        if not isinstance(value, str) or not value:
            raise bad()
        return relative_to(base or os.getcwd(), value, module_ok=False)
    raise AssertionError(name)  # pragma: no cover - overrides are read by govcheck.config


def _table(name: str, value: Any, where: Where, bad: Callable[..., ConfigError]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise bad()
    if "" in value:  # as a rule prefix, '' would match every rule
        raise ConfigError(f"{where('')}: an empty key ('') names no rule, law or plugin")
    if name == "severity":
        for rule, level in value.items():
            if level not in LEVELS:
                raise ConfigError(f"{where(f'.{rule}')} must be one of {', '.join(LEVELS)}, not {level!r}")
        return dict(value)
    if name == "commencement":
        from govcheck.laws import check_as_of

        out = {}
        for law, when in value.items():
            if law not in _law_names():
                raise ConfigError(f"{where(f'.{law}')}: unknown law (known: {', '.join(_law_names())})")
            day = as_date(when)
            if day is None:
                raise ConfigError(f"{where(f'.{law}')} must be a date (YYYY-MM-DD), not {when!r}")
            out[law] = check_as_of(day, where(f".{law}"))
        return out
    if not all(isinstance(v, Mapping) for v in value.values()):
        raise bad()
    if name == "texts":
        for rule, texts in value.items():
            for field, text in texts.items():
                if field not in RULE_TEXTS:
                    import difflib

                    close = difflib.get_close_matches(field, RULE_TEXTS, n=1, cutoff=0.6)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    raise ConfigError(f"{where(f'.{rule}.{field}')}: a rule's texts are {', '.join(RULE_TEXTS)}{hint}")
                if not isinstance(text, str) or not text.strip():
                    raise ConfigError(f"{where(f'.{rule}.{field}')} must be text, not {text!r}")
    return {key: dict(v) for key, v in value.items()}  # params, texts, plugin-settings


def _law_names() -> tuple[str, ...]:
    from govcheck.laws import BY_ID

    return tuple(BY_ID)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> dt.date | None:
    """The day ``text`` names as YYYY-MM-DD, or None (not that form, or no such day).

    ``date.fromisoformat`` alone also reads ``20260401`` and the week date ``2026-W14-3``
    (Python 3.11): forms no option, waiver or message promises, and easy to mistype into.
    """
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def as_date(value: Any) -> dt.date | None:
    """A TOML date or datetime, or a YYYY-MM-DD string, as a date (None: not a date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return iso_date(value)
    return None


def _short(value: Any) -> str:
    """A value for a message: repr cut to 60 characters (a huge integer has no repr at all)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def relative_to(base: str | os.PathLike[str], value: str, *, module_ok: bool) -> str:
    """A path made absolute against ``base``; a module name (``pkg.mod``) or an address as is."""
    if module_ok and not (value.endswith(".py") or "/" in value or "\\" in value):
        return value
    if value.startswith(("git+", "https://", "http://")):
        return value  # a rule pack named by address (govcheck/remote.py)
    return os.path.normpath(os.path.join(base, value))


# -- the command line and the API -------------------------------------------------------------


def from_text(name: str, text: str) -> Any:
    """A command-line value as the configuration file would hold it: a number's text as a
    number (so ``--rule-timeout 1e10`` and ``rule-timeout = 1e10`` read alike); other text as is."""
    kind = BY_NAME[name].kind
    if kind in ("int", "number"):
        for parse in (int, float) if kind == "number" else (int,):
            try:
                return parse(text)
            except ValueError:
                pass
    return text


def flag(name: str) -> Where:
    """The place of a command-line value: its flag (``--fail-on``)."""
    return lambda suffix: BY_NAME[name].flags[0] + suffix


def keyword(name: str) -> Where:
    """The place of an API value: its keyword (``fail_on``)."""
    return lambda suffix: BY_NAME[name].api + suffix


def check_settings(settings: Settings) -> Settings:
    """An API :class:`~govcheck.engine.Settings` checked field by field, as the configuration
    file and the command line are checked (a date given as text becomes a date)."""
    changes = {}
    for o in OPTIONS:
        if not o.api:
            continue
        value = settings
        for attr in o.api.split("."):
            value = getattr(value, attr)
        if value is None:
            continue  # unset (rule_timeout None: no limit)
        checked = check(o.name, value, keyword(o.name))
        if o.kind == "date":
            changes[o.api] = checked
    return settings._replace(**changes) if changes else settings


# -- docs/configuration.md ---------------------------------------------------------------------

START, END = "<!-- options:start -->", "<!-- options:end -->"


def reference() -> str:
    """The Markdown reference table of every option."""
    lines = [
        "| option | value | default | command line | in `[[overrides]]` | API (`Settings`) | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in OPTIONS:
        value = f"one of {', '.join(o.choices or _law_names())}" if o.kind == "choice" else o.value
        shown = "unset" if o.default is None else _toml(o.default)
        flags = " ".join(f"`{f}`" for f in o.flags)
        api = f"`{o.api}`" if o.api else ""
        lines.append(
            f"| `{o.name}` | {value} | {shown} | {flags} | {'yes' if o.override else ''} | {api} | {o.help} |"
        )
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, (tuple, list)):
        return "`[" + ", ".join(f'"{v}"' for v in value) + "]`"
    if isinstance(value, dict):
        return "`{}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    return f"`{value:g}`" if isinstance(value, float) else f"`{value}`"


def render(doc: str) -> str:
    """``doc`` with the table between the markers replaced by the current one."""
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{reference()}{END}{tail}"


def main(argv: list[str]) -> int:
    from pathlib import Path

    path = Path(argv[0] if argv else "docs/configuration.md")
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
