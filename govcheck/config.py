"""Configuration: ``[tool.govcheck]`` in pyproject.toml or ``.govcheck.toml``, found upward.

Values come in layers, lowest first: built-in defaults, the configuration file's top level,
each ``[[overrides]]`` entry whose ``paths`` match the document (in file order), and the
command line. A scalar takes the value of the highest layer that sets it. A list
(``profiles``, ``select``, ``ignore``, ``plugins``, ``rule-packs``) set by any layer replaces
the built-in default, and the lists of all the layers that set it are *merged* (joined in
layer order, duplicates dropped). A table (``severity``, ``params``) merges key by key, the
higher layer winning for a key it sets (``params`` merges parameter by parameter). Every
value remembers where it came from, which ``govcheck config`` prints. The options, and the
check of each value, are declared in :mod:`govcheck.options`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from govcheck import options
from govcheck.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.engine import Settings

DOTFILE = ".govcheck.toml"
PYPROJECT = "pyproject.toml"
DEFAULT = "default"
COMMAND_LINE = "command line"
MAX_CONFIG_BYTES = 1024**2  # a configuration file larger than 1 MiB is not one
# The options themselves (names, kinds, defaults, ranges, where each may be set, and the
# check of a value) are declared once, in govcheck.options.


# -- reading one file ---------------------------------------------------------------------


class Override(NamedTuple):
    paths: tuple[str, ...]
    values: Mapping[str, Any]
    number: int  # its place among the [[overrides]] tables


class ConfigFile(NamedTuple):
    """One configuration file, validated; relative paths in it are already resolved."""

    path: Path
    values: Mapping[str, Any]
    overrides: tuple[Override, ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent

    def matching(self, document: str | os.PathLike[str] | None) -> list[Override]:
        """The overrides whose ``paths`` match ``document`` (relative to this file's directory)."""
        if document is None or not self.overrides:
            return []
        try:
            rel = Path(os.path.abspath(document)).relative_to(self.root).as_posix()
        except ValueError:
            return []
        return [o for o in self.overrides if any(glob_match(p, rel) for p in o.paths)]


# Every way TOML can write the table tool.govcheck: a header `[tool.govcheck]` or
# `[[tool.govcheck.overrides]]` or a dotted key `tool.govcheck.x = ...` (spaces and quotes
# allowed around the dot), or `govcheck` under a bare `[tool]` or in `tool = {...}`. A
# pyproject.toml with none of these (one that merely depends on govcheck, say) is not a govcheck
# configuration, and is not parsed: ~4 ms a run, most of it importing tomllib. (A key spelled
# with escapes, `"\u0067ovcheck"`, is not looked for.)
_MAY_HOLD_TOOL_GOVCHECK = rb"""tool["']?\s*\.\s*["']?govcheck|\[\s*["']?tool["']?\s*\]|(?m:^\s*["']?tool["']?\s*=)"""


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _read(path: Path) -> bytes:
    from govcheck.fileio import read_small

    return read_small(path, MAX_CONFIG_BYTES, "configuration file")


def _parse_toml(path: Path, raw: bytes) -> dict[str, Any]:
    toml = _toml()
    try:
        table: dict[str, Any] = toml.loads(raw.decode("utf-8"))
        return table
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text: {exc.reason}") from None
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise ConfigError(f"{path}: not valid TOML: a number of more than 4,300 digits") from None


def read_config(path: Path, *, explicit: bool = True) -> ConfigFile | None:
    """Read and validate a configuration file.

    A ``pyproject.toml`` without ``[tool.govcheck]`` is not a govcheck configuration: None
    when it was found by discovery, an error when it was named with ``--config``.
    """
    path = Path(os.path.abspath(path))
    try:
        raw = _read(path)  # a name too long for the system is an error here, not a traceback
    except FileNotFoundError:
        if not explicit:
            raise
        raise ConfigError(f"--config {path}: no such file") from None
    if not explicit and path.name == PYPROJECT and not re.search(_MAY_HOLD_TOOL_GOVCHECK, raw):
        return None  # cannot hold [tool.govcheck]; skip parsing (and importing tomllib)
    data = _parse_toml(path, raw)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "govcheck" not in tool:
            if explicit:
                raise ConfigError(f"{path}: no [tool.govcheck] table")
            return None
        data = tool["govcheck"]
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.govcheck] must be a table")
    return _validate(path, data)


def _validate(path: Path, data: Mapping[str, Any]) -> ConfigFile:
    where = " in [tool.govcheck]" if path.name == PYPROJECT else ""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in options.NAMES:
            raise ConfigError(f"{path}: unknown option {key!r}{where}{options.suggest(key, options.NAMES)}")
        if key != "overrides":
            values[key] = _option(path, key, value, "")
    overrides = []
    raw = data.get("overrides", [])
    if not isinstance(raw, list) or not all(isinstance(o, dict) for o in raw):
        raise ConfigError(f"{path}: option 'overrides' must be an array of tables ([[overrides]])")
    for i, entry in enumerate(raw):
        name = f"overrides[{i}]"
        paths = entry.get("paths")
        if (
            not isinstance(paths, list)
            or not paths
            or not all(isinstance(p, str) and p for p in paths)
        ):
            raise ConfigError(f"{path}: {name}: 'paths' must be a non-empty list of glob patterns")
        settings: dict[str, Any] = {}
        for key, value in entry.items():
            if key == "paths":
                continue
            if key not in options.OVERRIDE:
                hint = (
                    f"; {key!r} can only be set for the whole configuration"
                    if key in options.NAMES
                    else options.suggest(key, ("paths", *options.OVERRIDE))
                )
                raise ConfigError(f"{path}: unknown option {key!r} in {name}{hint}")
            settings[key] = _option(path, key, value, f"{name}.")
        overrides.append(Override(tuple(paths), settings, i))
    return ConfigFile(path, values, tuple(overrides))


def _option(path: Path, key: str, value: Any, scope: str) -> Any:
    """One option's value checked (govcheck.options.check); named ``{path}: option 'key'``
    (``'overrides[0].key'`` in an override)."""
    return options.check(key, value, lambda suffix: f"{path}: option '{scope}{key}{suffix}'", str(path.parent))


def local_path(value: str, *, module_ok: bool = False) -> str:
    """A path from the command line (relative to the working directory), made absolute."""
    return options.relative_to(Path.cwd(), value, module_ok=module_ok)


def extensions(cli_plugins: Sequence[str] = (), *, no_plugins: bool = False) -> tuple[list[str], list[str]]:
    """Plugins and rule packs for commands that list them (``rules``, ``plugins``): those of
    the working directory's configuration (its plugins only if trusted, see
    :mod:`govcheck.trust`; none under ``no_plugins``), merged with the command line's plugins."""
    from govcheck.trust import plugins_to_load

    found = Finder().for_dir(Path.cwd())
    configured = list(found.values.get("plugins", [])) if found else []
    plugins = plugins_to_load(
        configured, {p: str(found.path) for p in configured} if found else {},
        found.path if found else None, no_plugins=no_plugins,
    )
    plugins += [p for p in (local_path(p, module_ok=True) for p in cli_plugins) if p not in plugins]
    return plugins, list(found.values.get("rule-packs", [])) if found else []


_GLOBS: dict[str, re.Pattern[str]] = {}


def glob_match(pattern: str, rel: str) -> bool:
    """Match a ``/``-separated relative path against a glob.

    ``*`` and ``?`` stay within one path segment, ``**`` spans any number of segments, and a
    pattern without ``/`` matches the file name in any directory (as in .gitignore).
    """
    regex = _GLOBS.get(pattern)
    if regex is None:
        pat = pattern.strip("/") if "/" in pattern.strip("/") else "**/" + pattern.strip("/")
        out = []
        i = 0
        while i < len(pat):
            if pat.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
            elif pat.startswith("**", i):
                out.append(".*")
                i += 2
            elif pat[i] == "*":
                out.append("[^/]*")
                i += 1
            elif pat[i] == "?":
                out.append("[^/]")
                i += 1
            else:
                out.append(re.escape(pat[i]))
                i += 1
        regex = _GLOBS[pattern] = re.compile("".join(out) + "(?:/.*)?")
    return regex.fullmatch(rel) is not None


# -- discovery ----------------------------------------------------------------------------


class Finder:
    """Finds the configuration of each document by searching upward; cached per directory."""

    def __init__(self, explicit: Path | None = None) -> None:
        self._explicit = read_config(explicit) if explicit is not None else None
        self._by_dir: dict[Path, ConfigFile | None] = {}

    def for_path(self, path: str | os.PathLike[str]) -> ConfigFile | None:
        if self._explicit is not None:
            return self._explicit
        start = os.path.abspath(path)
        # os.path: a name too long is no folder. The folder's Path, not the file's, is built:
        # its parts are interned once, where each file's name would be interned in turn.
        return self.for_dir(Path(start if os.path.isdir(start) else os.path.dirname(start)))

    def for_dir(self, directory: Path) -> ConfigFile | None:
        seen: list[Path] = []
        found: ConfigFile | None = None
        current = directory
        while True:
            if current in self._by_dir:
                found = self._by_dir[current]
                break
            seen.append(current)
            found = self._in_dir(current)
            if found is not None or current.parent == current:
                break
            current = current.parent
        for d in seen:
            self._by_dir[d] = found
        return found

    @staticmethod
    def _in_dir(directory: Path) -> ConfigFile | None:
        dotfile = directory / DOTFILE
        if os.path.isfile(dotfile):
            return read_config(dotfile, explicit=False)
        pyproject = directory / PYPROJECT
        if os.path.isfile(pyproject):
            return read_config(pyproject, explicit=False)
        return None


# -- layering -----------------------------------------------------------------------------


class Effective(NamedTuple):
    """The effective value of every option and where each came from.

    ``sources[key]`` is one source for a scalar, and a mapping from item (list) or key
    (table) to its source for lists and tables.
    """

    values: dict[str, Any]
    sources: dict[str, Any]
    config: ConfigFile | None = None
    overrides: tuple[int, ...] = ()

    def settings(self, root: str | None = None) -> Settings:
        """The engine :class:`~govcheck.engine.Settings` these values describe."""
        from govcheck.engine import Settings
        from govcheck.loader import DEFAULT_LIMITS

        fields: dict[str, Any] = {}
        for o in options.OPTIONS:  # each option's Settings field is declared in the table
            if o.api and "." not in o.api:
                value = self.values[o.name]
                if isinstance(value, list):
                    value = tuple(value)
                elif isinstance(value, dict):
                    value = {k: dict(x) if isinstance(x, dict) else x for k, x in value.items()}
                fields[o.api] = value
        limits = DEFAULT_LIMITS
        if self.values["max-bytes"] != limits.max_bytes:  # Settings.limits.max_bytes
            limits = limits._replace(max_bytes=self.values["max-bytes"])
        fields["rule_timeout"] = fields["rule_timeout"] or None  # 0: no limit
        return Settings(**fields, limits=limits, root=root)

    def to_dict(self) -> dict[str, Any]:
        """``{option: {"value": ..., "source": ...}}`` in option order (JSON-ready)."""
        out: dict[str, Any] = {}
        for key in self.values:
            value = self.values[key]
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif key == "commencement":
                value = {law: when.isoformat() for law, when in value.items()}
            out[key] = {"value": value, "source": self.sources[key]}
        return out


def resolve(
    config: ConfigFile | None, cli: Mapping[str, Any], document: str | os.PathLike[str] | None = None
) -> Effective:
    """Layer defaults, the configuration file, its matching overrides and the command line.

    ``cli`` holds only the options given on the command line (kebab-case keys).
    """
    layers: list[tuple[str, Mapping[str, Any]]] = []
    matched: list[int] = []
    if config is not None:
        layers.append((str(config.path), config.values))
        for o in config.matching(document):
            layers.append((f"{config.path} [overrides {o.number}]", o.values))
            matched.append(o.number)
    layers.append((COMMAND_LINE, cli))
    values = options.defaults()
    sources: dict[str, Any] = {}
    for key, default in values.items():
        if key in options.LISTS:
            merged: dict[str, str] = {}
            for source, layer in layers:
                for item in layer.get(key, ()):
                    merged.setdefault(item, source)
            if merged:
                values[key] = list(merged)
                sources[key] = merged
            else:
                sources[key] = {item: DEFAULT for item in default}
        elif key in options.TABLES:
            table: dict[str, Any] = {}
            origin: dict[str, str] = {}
            for source, layer in layers:
                for name, value in layer.get(key, {}).items():
                    if key in ("params", "plugin-settings"):
                        table[name] = {**table.get(name, {}), **value}
                    else:
                        table[name] = value
                    origin[name] = source
            values[key] = table
            sources[key] = origin
        else:
            sources[key] = DEFAULT
            for source, layer in layers:
                if key in layer and layer[key] is not None:
                    values[key] = layer[key]
                    sources[key] = source
    return Effective(values, sources, config, tuple(matched))


def render_text(eff: Effective) -> str:
    """The effective configuration as TOML-like lines, each with its source."""
    lines = [f"# configuration file: {eff.config.path if eff.config else '(none found)'}"]
    if eff.overrides:
        lines.append(f"# overrides applied: {', '.join(str(i) for i in eff.overrides)}")
    for key, entry in eff.to_dict().items():
        value, source = entry["value"], entry["source"]
        if key in options.LISTS:
            items = ", ".join(_toml_value(v) for v in value)
            lines.append(f"{key} = [{items}]" + ("" if value else f"  # {DEFAULT}"))
            for item in value:
                lines.append(f"  # {item}: {source[item]}")
        elif key in options.TABLES:
            pairs = ", ".join(_toml_pair(k, v) for k, v in value.items())
            lines.append(f"{key} = {{{pairs}}}" + ("" if value else f"  # {DEFAULT}"))
            for name in value:
                lines.append(f"  # {name}: {source[name]}")
        else:
            lines.append(f"{key} = {_toml_value(value)}  # {source}")
    from govcheck.textsafe import shown

    return "\n".join(shown(line) for line in lines) + "\n"


def _toml_pair(key: str, value: Any) -> str:
    return f"{key} = {_toml_value(value)}"


def _toml_value(value: Any) -> str:
    import json

    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(_toml_pair(k, v) for k, v in value.items()) + "}"
    return json.dumps(value)
