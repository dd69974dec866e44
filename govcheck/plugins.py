"""Plugin loading and the registry of what plugins contribute.

Built-in checks, rule packs and reporters are plugins like any other. Third-party plugins
come from the ``govcheck`` entry-point group, and local ones only when named explicitly
(``--plugin`` or configuration), never by scanning the working directory. Every failure
names the plugin and raises :class:`~govcheck.errors.PluginError` (exit code 2).
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import FunctionType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any

from govcheck import hookspecs, packcache
from govcheck.checks.base import Check
from govcheck.errors import ConfigError, GovcheckError, PluginError
from govcheck.records import Record
from govcheck.reporters.base import Reporter
from govcheck.rules import Rule, locate, parse_pack
from govcheck.validate import Validator

if TYPE_CHECKING:  # pragma: no cover
    import pluggy

ENTRY_POINT_GROUP = "govcheck"
# Distributions that ship only rule packs (YAML, no Python): ``NAME = "package:file_stem"``
# names ``package/file_stem.yaml``, found without importing anything.
PACK_ENTRY_POINT_GROUP = "govcheck.rule_packs"
BUILTIN_PLUGINS = ("govcheck.checks", "govcheck.reporters")
RULE_PACK_PREFIX = "local:"


# A hook's implementation: the plugin's name and the function.
Impl = tuple[str, Callable[..., Any]]


class PluginInfo(Record):
    """What one plugin is and what it contributed (``govcheck plugins``)."""

    __slots__ = ("checks", "distribution", "hooks", "name", "reporters", "rules", "version")

    def __init__(
        self,
        name: str,
        distribution: str = "",
        version: str = "",
        hooks: list[str] | None = None,
        checks: list[str] | None = None,
        rules: list[str] | None = None,
        reporters: list[str] | None = None,
    ) -> None:
        self.name = name
        self.distribution = distribution
        self.version = version
        self.hooks: list[str] = [] if hooks is None else hooks
        self.checks: list[str] = [] if checks is None else checks
        self.rules: list[str] = [] if rules is None else rules
        self.reporters: list[str] = [] if reporters is None else reporters

    def to_dict(self) -> dict[str, Any]:
        """Hooks sorted; checks, rules and formats in the order the plugin registered them."""
        return {k: list(v) if isinstance(v, list) else v for k in self.fields() for v in [getattr(self, k)]}


class Registry(Record):
    """Everything the loaded plugins contributed, validated.

    ``hooks`` holds each hook's implementations in the order pluggy lists them (registration
    order, ``tryfirst`` and ``trylast`` applied); govcheck calls them one by one, in that
    order, so that what each contributes is known to come from its plugin."""

    __slots__ = ("check_plugin", "checks", "hooks", "plugins", "reporters", "rules")
    HIDDEN = ("hooks",)

    def __init__(
        self,
        checks: dict[str, Check] | None = None,
        check_plugin: dict[str, str] | None = None,
        rules: dict[str, Rule] | None = None,
        reporters: dict[str, Reporter] | None = None,
        plugins: list[PluginInfo] | None = None,
        hooks: dict[str, list[Impl]] | None = None,
    ) -> None:
        self.checks: dict[str, Check] = {} if checks is None else checks
        self.check_plugin: dict[str, str] = {} if check_plugin is None else check_plugin
        self.rules: dict[str, Rule] = {} if rules is None else rules
        self.reporters: dict[str, Reporter] = {} if reporters is None else reporters
        self.plugins: list[PluginInfo] = [] if plugins is None else plugins
        self.hooks: dict[str, list[Impl]] = {} if hooks is None else hooks

    def configure(self, config: dict[str, Any]) -> None:
        """Call every plugin's ``govcheck_configure``; an error names the plugin (exit 2)."""
        for plugin, function in self.hooks.get("govcheck_configure", ()):
            try:
                function(config=config)
            except GovcheckError as exc:
                raise PluginError(f"plugin {plugin!r} rejected the configuration: {exc}") from None
            except Exception as exc:
                raise PluginError(f"plugin {plugin!r}: govcheck_configure raised {type(exc).__name__}: {exc}") from None

    def rule(self, key: str) -> Rule | None:
        """A rule by id or slug (case-insensitive id)."""
        found = self.rules.get(key.upper())
        if found:
            return found
        return next((r for r in self.rules.values() if r.slug == key), None)


def load_registry(
    plugins: Sequence[str] = (),
    *,
    rule_packs: Sequence[str | Path] = (),
    entry_points: bool = True,
    base_dir: Path | None = None,
) -> Registry:
    """Load the plugins, validate them and collect their contributions.

    ``plugins`` are local plugins (a module name or a ``.py`` path) and ``rule_packs`` YAML
    rule packs, each registered as the pseudo-plugin ``local:<path>``; relative paths are
    taken from ``base_dir`` (the configuration file's folder) when given. ``entry_points=False``
    skips installed plugins (``--no-plugins``); the built-ins always load.

    pluggy validates the plugins' hook implementations and orders them. Plugins whose files
    are unchanged since a run validated them are not validated again: that run's order of
    the implementations is read from the cache (govcheck/packcache.py), and pluggy is not
    imported at all (with the ``inspect`` module it needs, ~5-10 ms of a ~90 ms check).
    """
    _declared_groups.cache_clear()  # scan installed distributions once per registry
    infos: dict[str, PluginInfo] = {}
    loaded: list[tuple[str, object]] = []  # each plugin's name and module (or object)

    def add(module: object, name: str, info: PluginInfo) -> None:
        if name in infos:
            raise PluginError(f"plugin {name!r} is registered twice")
        other = next((n for n, m in loaded if m is module), None)
        if other is not None:
            raise PluginError(f"plugin {name!r} is the same module as plugin {other!r}; register it once")
        loaded.append((name, module))
        infos[name] = info

    for name in BUILTIN_PLUGINS:
        add(importlib.import_module(name), name, PluginInfo(name, "govcheck", _version()))
    if entry_points:
        for ep, dist, version in _entry_points():
            info = PluginInfo(ep.name, dist, version)
            try:
                module = ep.load()
            except Exception as exc:
                raise PluginError(
                    f"plugin {ep.name!r} ({dist} {version}) failed to import {ep.value!r}: "
                    f"{type(exc).__name__}: {exc}"
                ) from None
            add(module, ep.name, info)
    packs: list[tuple[str, Path]] = []
    if entry_points:
        for ep, dist, version in _entry_points(PACK_ENTRY_POINT_GROUP):
            name = f"{RULE_PACK_PREFIX}{ep.name}"
            if name in infos:
                raise PluginError(f"rule pack {ep.name!r} ({dist} {version}) is installed twice")
            infos[name] = PluginInfo(name, dist or "(rule pack)", version)
            packs.append((name, _installed_pack(ep, dist, version)))
    for spec in plugins:
        module = _import_local(spec, base_dir)
        add(module, _shown(spec), PluginInfo(_shown(spec), "(local)", ""))
    for given in rule_packs:
        from govcheck.remote import fetch, is_remote

        path = fetch(str(given)) if is_remote(str(given)) else Path(given)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        name = f"{RULE_PACK_PREFIX}{_shown(str(given))}"
        if name in infos:
            raise PluginError(f"rule pack {str(given)!r} is named twice")
        infos[name] = PluginInfo(name, "(rule pack)", "")
        packs.append((name, path))
    key = _checks_key(loaded, infos)
    verdict = packcache.verdict(key) if key is not None else None
    hooks = _cached_hooks(verdict.get("hooks"), loaded) if verdict is not None else None
    known = hooks is not None  # validated before: neither the hooks nor the checks need validating
    if hooks is None:
        hooks = _validated_hooks(loaded)
    for name, info in infos.items():
        info.hooks = sorted(hook for hook, impls in hooks.items() if any(n == name for n, _ in impls))
    return _collect(Registry(plugins=list(infos.values()), hooks=hooks), infos, packs, key, known, loaded)


def _shown(spec: str) -> str:
    """A local plugin's or pack's name: a path under the working directory is shown relative."""
    path = Path(spec)
    if not path.is_absolute():
        return spec
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return spec


def _version() -> str:
    from govcheck import __version__

    return __version__


def _installed_pack(ep: Any, dist: str, version: str) -> Path:
    """The YAML file an entry point of PACK_ENTRY_POINT_GROUP names (no code is imported)."""
    from importlib.util import find_spec

    package, _, stem = str(ep.value).partition(":")
    who = f"rule pack {ep.name!r} ({dist} {version})"
    if not package or not stem or "." in package:
        raise PluginError(f"{who}: the entry point must be 'package:file_stem' (package/file_stem.yaml), not {ep.value!r}")
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        spec = None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in (".yaml", ".yml"):
            path = Path(folder) / f"{stem}{suffix}"
            if path.is_file():
                return path
    raise PluginError(f"{who}: no file {package}/{stem}.yaml is installed")


def _entry_points(group: str = ENTRY_POINT_GROUP) -> Iterable[tuple[Any, str, str]]:
    if not may_declare_group(group):
        return
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        dist = getattr(ep, "dist", None)
        yield ep, (dist.name if dist else ""), (dist.version if dist else "")


def may_declare_group(group: str, path: Sequence[str] | None = None) -> bool:
    """False only when no distribution on ``path`` (default ``sys.path``) declares ``group``.

    ``importlib.metadata`` costs more to import (it pulls in the ``email`` package) than
    checking a document does, yet most installations have no govcheck plugin. This reads
    the same ``entry_points.txt`` files it would read, and answers True (ask
    importlib.metadata) for anything it does not understand: a zip or egg on the path, or
    a distribution finder other than the standard one. One scan answers for every group.
    """
    declared = _declared_groups(tuple(sys.path if path is None else path))
    return declared is None or group in declared


@functools.lru_cache(maxsize=8)
def _declared_groups(path: tuple[str, ...]) -> frozenset[str] | None:
    """Every entry-point group the distributions on ``path`` declare; None: cannot tell."""
    import os
    import re
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return None
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*$", re.MULTILINE)
    groups: set[str] = set()
    for entry in path:
        try:
            names = os.listdir(entry or ".")
        except NotADirectoryError:
            return None  # a zip file on the path
        except OSError:
            continue  # a path entry that does not exist
        for name in names:
            lower = name.lower()
            if lower.endswith(".egg"):
                return None
            if not lower.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry, name, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                continue
            groups.update(header.findall(text))
    return frozenset(groups)


def _import_local(spec: str, base_dir: Path | None) -> ModuleType:
    """Import a local plugin named as a module (``pkg.mod``) or a file path (``x/y.py``)."""
    import importlib.util

    try:
        if spec.endswith(".py") or "/" in spec or "\\" in spec:
            path = Path(spec)
            if not path.is_absolute() and base_dir is not None:
                path = base_dir / path
            if not path.is_file():
                if path.exists():  # /dev/zero, a folder: it is there, so "no such file" misled
                    raise PluginError(f"plugin {_shown(spec)!r}: {path} is not a regular file")
                raise PluginError(f"plugin {_shown(spec)!r}: no such file {path}")
            name = f"govcheck_local_plugin_{abs(hash(str(path.resolve())))}"
            module_spec = importlib.util.spec_from_file_location(name, path)
            if module_spec is None or module_spec.loader is None:
                raise PluginError(f"plugin {_shown(spec)!r}: cannot import {path}")
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[name] = module
            module_spec.loader.exec_module(module)
            return module
        return importlib.import_module(spec)
    except GovcheckError:
        raise
    except Exception as exc:
        raise PluginError(f"plugin {_shown(spec)!r} failed to import: {type(exc).__name__}: {exc}") from None


def _validated_hooks(loaded: Sequence[tuple[str, object]]) -> dict[str, list[Impl]]:
    """Each hook's implementations, validated and ordered by pluggy."""
    import pluggy

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    spec = pluggy.HookspecMarker(hookspecs.PROJECT)
    for hook in hookspecs.HOOKS:
        spec(getattr(hookspecs, hook))
    pm.add_hookspecs(hookspecs)
    for name, module in loaded:
        _validate_hooks(pm, module, name)
        try:
            pm.register(module, name=name)
        except (pluggy.PluginValidationError, ValueError) as exc:  # pragma: no cover - checked above
            raise PluginError(f"plugin {name!r}: {' '.join(str(exc).split())}") from None
    return {
        hook: [(impl.plugin_name, impl.function) for impl in getattr(pm.hook, hook).get_hookimpls()]
        for hook in hookspecs.HOOKS
    }


def _marked(module: object) -> list[str]:
    """The names in a module of the functions marked as hook implementations."""
    return [
        attr
        for attr, value in vars(module).items()
        if isinstance(value, FunctionType | MethodType) and isinstance(getattr(value, hookspecs.IMPL_MARK, None), dict)
    ]


def _plan(hooks: Mapping[str, list[Impl]], loaded: Sequence[tuple[str, object]]) -> dict[str, list[list[str]]] | None:
    """The hooks' implementations as names (plugin, name in its module), to cache; None when
    a plugin is not a module, or an implementation is not a function named in its module."""
    modules = dict(loaded)
    if not all(isinstance(m, ModuleType) for m in modules.values()):
        return None
    plan: dict[str, list[list[str]]] = {}
    for hook, impls in hooks.items():
        plan[hook] = []
        for plugin, function in impls:
            attr = next((a for a in _marked(modules[plugin]) if vars(modules[plugin])[a] is function), None)
            if attr is None:
                return None
            plan[hook].append([plugin, attr])
    return plan


def _cached_hooks(plan: Any, loaded: Sequence[tuple[str, object]]) -> dict[str, list[Impl]] | None:
    """Each hook's implementations as a validated run ordered them (``plan``, from the
    cache); None when the plugins' modules no longer mark exactly those functions (a module
    may define a hook only sometimes), or the plan is not one."""
    modules = dict(loaded)
    try:
        hooks = {str(hook): [(str(p), vars(modules[p])[a]) for p, a in impls] for hook, impls in plan.items()}
        planned = sorted((p, a) for impls in plan.values() for p, a in impls)
        marked = sorted((p, a) for p, m in loaded for a in _marked(m))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return hooks if planned == marked and set(hooks) == set(hookspecs.HOOKS) else None


def _validate_hooks(pm: pluggy.PluginManager, module: object, name: str) -> None:
    """Every ``govcheck_*`` function must be a marked hookimpl of a known hook, with its arguments."""
    known = {spec: getattr(pm.hook, spec) for spec in dir(hookspecs) if spec.startswith("govcheck_")}
    for attr in sorted(dir(module)):
        func = getattr(module, attr, None)
        if not callable(func):
            continue
        opts = pm.parse_hookimpl_opts(module, attr)
        if opts is None:
            if attr.startswith("govcheck_"):
                if attr in known:
                    raise PluginError(
                        f"plugin {name!r}: {attr} is not marked with @govcheck.hookimpl, so it would never be called"
                    )
                raise PluginError(f"plugin {name!r} implements unknown hook {attr} (known hooks: {', '.join(known)})")
            continue
        hook = opts.get("specname") or attr
        caller = known.get(hook)
        if caller is None or caller.spec is None:
            raise PluginError(f"plugin {name!r} implements unknown hook {hook} (known hooks: {', '.join(known)})")
        args, defaults = _arguments(func)
        allowed = caller.spec.argnames
        extra = [a for a in args if a not in allowed]
        if extra:
            raise PluginError(
                f"plugin {name!r}: {attr}() takes argument(s) {', '.join(extra)} that hook {hook} does not "
                f"provide; its arguments are: {', '.join(allowed)}"
            )
        if defaults:
            raise PluginError(
                f"plugin {name!r}: {attr}() gives argument(s) {', '.join(defaults)} a default value; "
                f"pluggy never passes such arguments, so declare them without defaults"
            )


def _arguments(func: Callable[..., Any]) -> tuple[list[str], list[str]]:
    """A hook implementation's argument names: those without and those with a default."""
    import inspect

    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return [], []
    named = [p for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    return [p.name for p in named if p.default is p.empty], [p.name for p in named if p.default is not p.empty]


def _call_each(reg: Registry, hook: str, make_register: Callable[[str], Any]) -> None:
    """Call one registration hook plugin by plugin, so contributions carry their plugin."""
    for plugin, function in reg.hooks[hook]:  # registration order (pluggy calls them in reverse)
        try:
            function(register=make_register(plugin))
        except GovcheckError:
            raise
        except Exception as exc:
            raise PluginError(f"plugin {plugin!r}: {hook} raised {type(exc).__name__}: {exc}") from None


def _collect(
    reg: Registry,
    infos: dict[str, PluginInfo],
    packs: Sequence[tuple[str, Path]],
    checks_key: str | None,
    checks_known: bool,
    loaded: Sequence[tuple[str, object]],
) -> Registry:
    """Call the registration hooks and validate what they register (the checks only when
    ``checks_known`` is false: a run validated exactly these before)."""
    slugs: dict[str, Rule] = {}
    sources: list[Any] = []

    def check_register(plugin: str) -> Callable[[Check], None]:
        def register(item: Check) -> None:
            if not isinstance(item, Check):
                raise PluginError(f"plugin {plugin!r} registered {item!r}, which is not a govcheck.Check")
            if item.name in reg.checks:
                raise PluginError(
                    f"plugin {plugin!r}: check {item.name!r} is already registered by "
                    f"plugin {reg.check_plugin[item.name]!r}"
                )
            if not checks_known:
                problem = check_problem(item)
                if problem:
                    raise PluginError(f"plugin {plugin!r}: check {item.name!r}: {problem}")
            reg.checks[item.name] = item
            reg.check_plugin[item.name] = plugin
            infos[plugin].checks.append(item.name)

        return register

    def pack_register(plugin: str) -> Callable[[Any], None]:
        def register(source: Any) -> None:
            sources.append(source)
            try:
                parsed = parse_pack(source, plugin)
            except ConfigError as exc:
                if f"plugin {plugin!r}" in str(exc) or f"plugin {plugin}" in str(exc):
                    raise
                raise ConfigError(f"{exc} (plugin {plugin!r})") from None
            for rule in parsed:
                other = reg.rules.get(rule.id)
                if other is not None:
                    raise PluginError(
                        f"duplicate rule id {rule.id}: in {locate(rule.source)} (plugin {plugin!r}) "
                        f"and in {locate(other.source)} (plugin {other.plugin!r})"
                    )
                other = slugs.get(rule.slug)
                if other is not None:
                    raise PluginError(
                        f"duplicate rule slug {rule.slug!r}: rule {rule.id} in {locate(rule.source)} (plugin {plugin!r}) "
                        f"and rule {other.id} in {locate(other.source)} (plugin {other.plugin!r}); a slug names one rule, "
                        "wherever an id is accepted"
                    )
                slugs[rule.slug] = rule
                reg.rules[rule.id] = rule
                infos[plugin].rules.append(rule.id)

        return register

    def reporter_register(plugin: str) -> Callable[[Reporter], None]:
        def register(item: Reporter) -> None:
            if not isinstance(item, Reporter):
                raise PluginError(f"plugin {plugin!r} registered {item!r}, which is not a Reporter")
            if item.name in reg.reporters:
                raise PluginError(f"plugin {plugin!r}: report format {item.name!r} is already registered")
            reg.reporters[item.name] = item
            infos[plugin].reporters.append(item.name)

        return register

    _call_each(reg, "govcheck_register_checks", check_register)
    _call_each(reg, "govcheck_register_rule_packs", pack_register)
    _call_each(reg, "govcheck_register_reporters", reporter_register)
    for name, path in packs:
        pack_register(name)(path)
    rules_key = _rules_key(checks_key, sources)
    if rules_key is None or packcache.verdict(rules_key) is None:
        for rule in reg.rules.values():
            validate_rule(reg, rule)
        if rules_key is not None:
            packcache.remember_validated(rules_key)
    if checks_key is not None and not checks_known:
        packcache.remember_validated(checks_key, hooks=_plan(reg.hooks, loaded))
    return reg


def _checks_key(loaded: Sequence[tuple[str, object]], infos: Mapping[str, PluginInfo]) -> str | None:
    """What the registered checks came from: each plugin's name, distribution, version and
    module file, and govcheck's check modules and the code that validates checks, each file
    with its size and modification time (so an edit in a development checkout or an editable
    install is noticed). None when a plugin has no module file to go by."""
    import json
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    checks = os.path.join(here, "checks")
    files = [os.path.join(checks, e.name) for e in os.scandir(checks) if e.name.endswith(".py")]
    files += [os.path.join(here, f) for f in ("hookspecs.py", "plugins.py", "rules.py", "validate.py")]
    plugins = []
    for name, module in loaded:
        file = getattr(module, "__file__", None)
        if not isinstance(file, str):
            return None
        info = infos[name]
        plugins.append([name, info.distribution, info.version, os.path.abspath(file)])
        files.append(file)
    try:
        stamps = [[f, *_stamp(f)] for f in sorted(files)]
    except OSError:
        return None
    return json.dumps(["checks", plugins, stamps])


def _rules_key(checks_key: str | None, sources: Sequence[Any]) -> str | None:
    """What the rules came from: the checks, and each rule pack file's path and stamp, in
    the order registered. None when a pack was given as a mapping (no file to stamp)."""
    if checks_key is None or not all(isinstance(s, str | Path) for s in sources):
        return None
    import json
    import os

    try:
        stamps = [[os.path.abspath(s), *_stamp(os.fspath(s))] for s in sources]
    except OSError:
        return None
    return json.dumps(["rules", checks_key, stamps])


def _stamp(file: str) -> list[int]:
    import os

    st = os.stat(file)
    return [st.st_size, st.st_mtime_ns]


def validate_rule(reg: Registry, rule: Rule, params: dict[str, Any] | None = None) -> None:
    """A rule must name a registered check and give it valid parameters.

    Valid means the check's parameter schema accepts them and, when the check declares a
    ``validate`` step, that they could ever work (e.g. name fields the format has)."""
    check = reg.checks.get(rule.check)
    if check is None:
        raise ConfigError(
            f"rule {rule.id} ({locate(rule.source, '/check')}, plugin {rule.plugin!r}) names unknown check "
            f"{rule.check!r}; `govcheck plugins` lists the checks"
        )
    values = rule.params if params is None else params
    errors = _param_validator(check).errors(dict(values))
    if errors:
        err = errors[0]
        where = err.path.lstrip("/") or "parameters"
        raise ConfigError(
            f"rule {rule.id} ({locate(rule.source, '/params' + err.path)}, plugin {rule.plugin!r}): "
            f"parameter {where}: {err.message} (check {rule.check!r} of plugin {reg.check_plugin[rule.check]!r})"
        )
    if check.validate is None:
        return
    try:
        check.validate({**check.defaults(), **values})
    except ValueError as exc:
        message = str(exc)
        param = message.split(":", 1)[0].removeprefix("parameter ").split("/")[:2] if message.startswith("parameter ") else []
        below = "/params/" + "/".join(p.replace("~", "~0") for p in param) if param else "/params"
        raise ConfigError(
            f"rule {rule.id} ({locate(rule.source, below)}, plugin {rule.plugin!r}): {message} "
            f"(check {rule.check!r} of plugin {reg.check_plugin[rule.check]!r})"
        ) from None
    except Exception as exc:
        raise PluginError(
            f"plugin {reg.check_plugin[rule.check]!r}: check {rule.check!r} failed to validate the parameters of "
            f"rule {rule.id}: {type(exc).__name__}: {exc}"
        ) from None


# The JSON Schema (2020-12) keywords a parameter schema may use; anything else is a typo.
_SCHEMA_KEYWORDS = frozenset(
    {
        "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "title", "description", "default",
        "examples", "deprecated", "readOnly", "writeOnly", "type", "enum", "const", "multipleOf",
        "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
        "pattern", "format", "items", "prefixItems", "contains", "maxItems", "minItems",
        "uniqueItems", "maxContains", "minContains", "properties", "patternProperties",
        "additionalProperties", "propertyNames", "maxProperties", "minProperties", "required",
        "dependentRequired", "dependentSchemas", "allOf", "anyOf", "oneOf", "not", "if", "then",
        "else", "unevaluatedItems", "unevaluatedProperties", "contentEncoding", "contentMediaType",
    }
)  # fmt: skip
_SCHEMA_TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")
_ONE_SCHEMA = ("items", "contains", "additionalProperties", "propertyNames", "not", "if", "then", "else",
               "unevaluatedItems", "unevaluatedProperties")  # fmt: skip
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


def check_problem(item: Check) -> str | None:
    """What is wrong with a check's declaration: its parameter schemas or its signature."""
    import difflib
    import inspect

    if not isinstance(item.params, Mapping):
        return f"params must map each parameter name to its JSON Schema, not {type(item.params).__name__}"
    for name, schema in item.params.items():
        problem = _schema_problem(schema, difflib)
        if problem:
            return f"parameter {name!r}: {problem}"
    try:
        signature = inspect.signature(item.func)
    except (TypeError, ValueError):
        return None  # a builtin or C function: cannot tell
    try:
        signature.bind(None, {})
    except TypeError:
        shown = ", ".join(signature.parameters) or "nothing"
        return (
            f"its function {getattr(item.func, '__name__', item.func)!r} takes ({shown}); a check takes the "
            "document and its parameters: def check(doc, params)"
        )
    return None


def _schema_problem(schema: Any, difflib: Any, at: str = "") -> str | None:
    where = f" at {at}" if at else ""
    if isinstance(schema, bool):
        return None
    if not isinstance(schema, Mapping):
        return f"the schema{where} must be a mapping (a JSON Schema), not {type(schema).__name__}"
    for key, value in schema.items():
        if key not in _SCHEMA_KEYWORDS:
            near = difflib.get_close_matches(str(key), sorted(_SCHEMA_KEYWORDS), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            return f"unknown JSON Schema keyword {key!r}{where}{hint}"
        if key == "type":
            for name in value if isinstance(value, list) else [value]:
                if name not in _SCHEMA_TYPES:
                    near = difflib.get_close_matches(str(name), _SCHEMA_TYPES, n=1)
                    hint = f"; did you mean {near[0]!r}?" if near else f"; types are {', '.join(_SCHEMA_TYPES)}"
                    return f"unknown type {name!r}{where}{hint}"
        elif key in _ONE_SCHEMA:
            problem = _schema_problem(value, difflib, f"{at}/{key}")
            if problem:
                return problem
        elif key in _SCHEMA_MAPS:
            if not isinstance(value, Mapping):
                return f"{key}{where} must be a mapping of schemas"
            for sub, subschema in value.items():
                problem = _schema_problem(subschema, difflib, f"{at}/{key}/{sub}")
                if problem:
                    return problem
        elif key in _SCHEMA_LISTS:
            if not isinstance(value, list):
                return f"{key}{where} must be a list of schemas"
            for i, subschema in enumerate(value):
                problem = _schema_problem(subschema, difflib, f"{at}/{key}/{i}")
                if problem:
                    return problem
        elif key == "required" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"required{where} must be a list of names"
        elif key == "pattern":
            import re

            try:
                re.compile(value)
            except (re.error, TypeError) as exc:
                return f"pattern{where} is not a regular expression: {exc}"
    return None


_VALIDATORS: dict[str, Validator] = {}


def _param_validator(check: Check) -> Validator:
    found = _VALIDATORS.get(check.name)
    if found is None or found.schema != check.params_schema:
        found = _VALIDATORS[check.name] = Validator(check.params_schema)
    return found
