"""Run a check over many documents, each with the configuration that applies to it.

Documents are grouped by their effective configuration (the configuration file found
upward from each, plus the ``[[overrides]]`` that match it); each group gets one Engine,
and plugin registries are shared between groups that load the same plugins. The groups'
results are merged into one Report.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from govcheck.config import ConfigFile, Effective, Finder, resolve
from govcheck.engine import Engine, expand_paths
from govcheck.report import Documents, Report

if TYPE_CHECKING:  # pragma: no cover
    from collections import Counter

    from govcheck.plugins import Registry
    from govcheck.rules import Rule


class Group(NamedTuple):
    """Documents that share one effective configuration."""

    effective: Effective
    files: list[str]  # filled in by plan()

    @property
    def config(self) -> ConfigFile | None:
        return self.effective.config


class Run(NamedTuple):
    report: Report
    groups: list[Group]
    exit_zero: bool
    registry: Registry  # the first group's plugin registry (its reporters render the report)
    warnings: list[str]  # what the command line says on standard error before the report

    @property
    def exit_code(self) -> int:
        code = self.report.exit_code()
        return 0 if code == 1 and self.exit_zero else code


def plan(
    paths: Sequence[str | os.PathLike[str]],
    cli: Mapping[str, Any],
    config_file: str | os.PathLike[str] | None = None,
    named: Collection[str | os.PathLike[str]] | None = None,
) -> list[Group]:
    """Group the documents under ``paths`` by effective configuration (in first-seen order).

    ``named`` are the files the user named (default: the files among ``paths``); the others
    were found by walking a folder, and are left out when excluded or a rule pack. A caller
    that walked the folders itself passes what the user named. With no documents, one group
    holds the configuration of the working directory.
    """
    finder = Finder(Path(config_file) if config_file is not None else None)
    groups: dict[tuple[Any, ...], Group] = {}
    given = paths if named is None else named
    named = {os.path.abspath(p) for p in given if not os.path.isdir(p)}
    cwd = Path.cwd()
    for path in expand_paths(paths):
        config = finder.for_path(path)
        if os.path.abspath(path) not in named:
            from govcheck.exclude import excluded, is_rule_pack  # only for files found by walking

            if (
                excluded(path, cli.get("exclude", ()), cwd)
                or (config and excluded(path, config.values.get("exclude", ()), config.root))
                or is_rule_pack(path)
            ):
                continue  # found by walking, and excluded or a rule pack
        matched = tuple(o.number for o in config.matching(path)) if config else ()
        key = (config.path if config else None, matched)
        if key not in groups:
            groups[key] = Group(resolve(config, cli, path), [])
        groups[key].files.append(path)
    if not groups:
        config = finder.for_dir(Path.cwd())
        return [Group(resolve(config, cli), [])]
    return list(groups.values())


def fingerprint_root(group: Group, baseline: str | None = None) -> str | None:
    """Where document names in fingerprints are relative to: the configuration file's
    directory; without one, the baseline file's directory; else None: each document's git
    repository, or its absolute path (never the working directory; see Engine._document_key)."""
    if group.config is not None:
        return str(group.config.root)
    if baseline:
        return str(Path(os.path.abspath(baseline)).parent)
    return None


class Registries:
    """Plugin registries, one per distinct set of plugins and rule packs."""

    def __init__(self, no_plugins: bool = False, explicit_config: str | os.PathLike[str] | None = None) -> None:
        self.no_plugins = no_plugins
        self.explicit_config = explicit_config  # --config: its plugins are trusted
        self._cache: dict[tuple[tuple[str, ...], tuple[str, ...]], Registry] = {}

    def get(self, effective: Effective) -> Registry:
        from govcheck.plugins import load_registry
        from govcheck.trust import plugins_to_load

        plugins = tuple(
            plugins_to_load(
                list(effective.values["plugins"]),
                effective.sources["plugins"],
                effective.config.path if effective.config else None,
                explicit=self.explicit_config,
                no_plugins=self.no_plugins,
            )
        )
        packs = tuple(effective.values["rule-packs"])
        key = (plugins, packs)
        if key not in self._cache:
            kwargs: dict[str, Any] = {"entry_points": not self.no_plugins}
            if packs:
                kwargs["rule_packs"] = packs
            self._cache[key] = load_registry(list(plugins), **kwargs)
        return self._cache[key]


def engine_for(
    group: Group,
    registries: Registries,
    baseline_out: str | None = None,
    formats: Sequence[str] = (),
    baseline: Counter[str] | None = None,
) -> Engine:
    """The engine for a group, after checking every rule name, profile, parameter and report
    format; it keeps the checked documents only when a format draws them (HTML), and marks
    findings against ``baseline`` (the group's baseline file, loaded) when given."""
    from govcheck.errors import ConfigError

    registry = registries.get(group.effective)
    check_names(group.effective, registry)
    for name in formats:
        if name not in registry.reporters:
            raise ConfigError(f"unknown format {name!r}; known: {', '.join(sorted(registry.reporters))}")
    keep = any(registry.reporters[name].needs_documents for name in formats)
    root = fingerprint_root(group, baseline_out or group.effective.values["baseline"])
    engine = Engine(registry, group.effective.settings(root), keep_documents=keep, baseline=baseline, own_threshold=True)
    values = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in group.effective.values.items()}
    registry.configure({**values, "plugin-settings": values.get("plugin-settings", {})})
    return engine


def unread_settings(effective: Effective, registry: Registry) -> list[str]:
    """A warning for each ``plugin-settings`` table that no loaded plugin is named for:
    nothing would read it (a misspelt or uninstalled plugin). A local plugin answers to its
    name as given, its file's stem and its module's last part (``plugins/mine.py``, ``mine``)."""
    from govcheck.textsafe import shown

    names: set[str] = set()
    for info in registry.plugins:
        names.add(info.name)
        if info.distribution == "(local)":
            names.update({Path(info.name).stem, info.name.rsplit(".", 1)[-1]})
    sources = effective.sources["plugin-settings"]
    warnings = []
    for key in effective.values["plugin-settings"]:
        if key in names:
            continue
        import difflib  # only for a message

        others = sorted(i.name for i in registry.plugins if i.distribution != "govcheck")
        close = difflib.get_close_matches(key, sorted(names), n=1, cutoff=0.6)
        hint = (
            f"; did you mean {close[0]!r}?" if close
            else f" (loaded: {', '.join(others)})" if others
            else " (no plugin is loaded besides govcheck's own)"
        )  # fmt: skip
        warnings.append(
            shown(f"{sources[key]}: plugin-settings.{key}: no plugin named {key!r} is loaded, so nothing reads it{hint}")
        )
    return warnings


def check_names(effective: Effective, registry: Registry) -> None:
    """Raise ConfigError naming where a value came from when it names no rule or profile,
    or gives a rule a parameter its check does not accept (or a bad value)."""
    from govcheck.config import COMMAND_LINE, DEFAULT
    from govcheck.engine import NAMED, name_problem
    from govcheck.errors import ConfigError
    from govcheck.options import BY_NAME
    from govcheck.plugins import validate_rule

    for key in NAMED:
        for item, source in effective.sources[key].items():
            if source == DEFAULT:
                continue
            where = BY_NAME[key].flags[0] if source == COMMAND_LINE else f"{source}: {key}"
            problem = name_problem(registry, key, item)
            rule = registry.rule(item) if key == "params" else None
            if rule is not None:
                alias = f" ({rule.id})" if item != rule.id else ""
                where = f"{source}: params.{item}{alias}"
                params = {**rule.params, **effective.values[key][item]}
                try:
                    validate_rule(registry, rule, params)
                except ConfigError as exc:
                    problem = str(exc).split(": ", 1)[1]  # "parameter NAME: what is wrong"
            if problem:
                raise ConfigError(f"{where}: {problem}")


def run(
    paths: Sequence[str | os.PathLike[str]],
    cli: Mapping[str, Any],
    *,
    config_file: str | os.PathLike[str] | None = None,
    no_plugins: bool = False,
    use_baseline: bool = True,
    baseline_out: str | None = None,
    formats: Sequence[str] = (),
    jobs: int | None = 1,
    progress: bool = False,
    stdin: tuple[str, bytes] | None = None,
    named: Collection[str | os.PathLike[str]] | None = None,
) -> Run:
    """Check every document under ``paths`` with its own configuration; one merged Report.

    ``formats`` are the report formats that will be rendered (checked to exist first);
    ``jobs`` and ``progress`` are passed to :meth:`Engine.check_paths`. ``stdin`` is a
    document read from standard input: (its name, whose configuration applies; its bytes);
    that name stands among ``paths``. ``named``: see :func:`plan`."""
    groups = plan(paths, cli, config_file, named)
    registries = Registries(no_plugins, config_file)
    loaded: dict[str, Counter[str]] = {}

    def known(group: Group) -> Counter[str] | None:
        path = group.effective.values["baseline"]
        if not (use_baseline and path):
            return None
        if path not in loaded:
            from govcheck import baseline as baselines  # only with a baseline file

            loaded[path] = baselines.load(path)
        return loaded[path]

    engines = [engine_for(g, registries, baseline_out, formats, known(g)) for g in groups]
    results = Documents()
    # Documents kept for a format that draws them (HTML) live until the command exits. Frozen
    # before the collector resumes (as govcheck.__main__ freezes the command line's modules),
    # its passes skip them: the one due right after the checks walked every kept document
    # (~10 ms for a 1 MB one). Other runs leave the collector as the engines leave it.
    keep = any(engine.keep_documents for engine in engines)
    collecting = gc.isenabled()
    if keep:
        gc.disable()
    try:
        for group, engine in zip(groups, engines, strict=True):
            files = group.files if stdin is None else [f for f in group.files if f != stdin[0]]
            results += engine.check_paths(files, jobs=jobs, progress=progress) if files else []
            if stdin is not None and len(files) < len(group.files):
                results.append(engine.check_bytes(stdin[1], stdin[0]))
    finally:
        if keep:
            gc.freeze()
            if collecting:
                gc.enable()
    report = merge(engines, groups, results)
    exit_zero = all(g.effective.values["exit-zero"] for g in groups)
    report.exit_zero = exit_zero
    warnings: list[str] = []
    if not no_plugins:  # under --no-plugins, settings for the plugins not loaded are expected
        for group, engine in zip(groups, engines, strict=True):
            warnings += [w for w in unread_settings(group.effective, engine.registry) if w not in warnings]
    return Run(report, groups, exit_zero, engines[0].registry, warnings)


def merge(
    engines: Sequence[Engine], groups: Sequence[Group], results: Documents
) -> Report:
    """One Report from the groups' results; ``config`` shows each group's settings."""
    first = engines[0].report(results)
    rules: dict[str, Rule] = {}
    profiles: list[str] = []
    plugins: dict[str, dict[str, Any]] = {}
    configs = []
    for engine, group in zip(engines, groups, strict=True):
        for rid, rule in engine.rules.items():
            rules.setdefault(rid, rule)
        profiles.extend(p for p in engine.profiles_run() if p not in profiles)
        for p in engine.registry.plugins:
            plugins.setdefault(p.name, p.to_dict())
        source = str(group.config.path) if group.config else None
        configs.append({"config_file": source, **engine.settings.to_dict()})
    if len(configs) > 1:
        for config, group in zip(configs, groups, strict=True):
            config["files"] = [str(f) for f in group.files]
    first.rules = rules
    first.profiles = profiles
    first.plugins = list(plugins.values())
    first.config = configs[0] if len(configs) == 1 else {"groups": configs}
    return first
