"""The govcheck hook specification: the whole plugin API in one place.

A plugin is a module or object with functions marked ``@govcheck.hookimpl`` whose names
match the hooks below. Built-in checks, rule packs and reporters are registered through
exactly these hooks (see ``govcheck.checks`` and ``govcheck.reporters``).

Plugins are found through the ``govcheck`` entry-point group, or named explicitly with
``--plugin`` / the ``plugins`` configuration key. Nothing registers by import side effect:
each hook receives a ``register`` callback, and the host validates what it is given
(unknown check names, duplicate rule ids and bad parameters are configuration errors that
name the plugin).

Note for implementers: pluggy does not pass arguments to parameters that have default
values in the implementation. Declare exactly the parameters listed here, without defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.checks.base import Check
    from govcheck.reporters.base import Reporter

PROJECT = "govcheck"
IMPL_MARK = f"{PROJECT}_impl"  # the attribute pluggy.HookimplMarker(PROJECT) sets on what it marks
F = TypeVar("F", bound=Callable[..., Any])


@overload
def hookimpl(function: F) -> F: ...
@overload
def hookimpl(
    function: None = None,
    hookwrapper: bool = False,
    optionalhook: bool = False,
    tryfirst: bool = False,
    trylast: bool = False,
    specname: str | None = None,
    wrapper: bool = False,
) -> Callable[[F], F]: ...
def hookimpl(
    function: F | None = None,
    hookwrapper: bool = False,
    optionalhook: bool = False,
    tryfirst: bool = False,
    trylast: bool = False,
    specname: str | None = None,
    wrapper: bool = False,
) -> F | Callable[[F], F]:
    """Mark a hook implementation: ``pluggy.HookimplMarker("govcheck")``, without importing pluggy.

    It takes the same arguments and sets the same attribute to the same options, so pluggy
    finds what it marks (tests/test_hookspecs.py compares the two). A check whose plugins
    were validated before does not import pluggy at all (govcheck.plugins): pluggy and the
    ``inspect`` module it needs cost ~5-10 ms of a ~90 ms run (docs/performance.md).
    """

    def mark(func: F) -> F:
        opts = {
            "wrapper": wrapper,
            "hookwrapper": hookwrapper,
            "optionalhook": optionalhook,
            "tryfirst": tryfirst,
            "trylast": trylast,
            "specname": specname,
        }
        setattr(func, IMPL_MARK, opts)
        return func

    return mark if function is None else mark(function)


# The hooks, in the order below. govcheck.plugins marks them as pluggy's hook specifications
# when it validates plugins (pluggy.HookspecMarker, with pluggy's defaults).
HOOKS = (
    "govcheck_register_checks",
    "govcheck_register_rule_packs",
    "govcheck_register_reporters",
    "govcheck_configure",
)


# -- collection: what a plugin contributes ---------------------------------------------


def govcheck_register_checks(register: Callable[[Check], None]) -> None:
    """Contribute check functions (mechanism).

    Call ``register(check)`` once per :class:`govcheck.Check`. A check has a dotted name
    (``board.requires_roles``), a function ``(doc, params) -> Iterable[Violation]`` and a
    JSON Schema for its parameters. Rule packs refer to checks by name. A check name
    registered twice is a plugin error (exit 2) naming both plugins.

    Called once per run, while plugins load. Local plugins may implement it. Added in 0.1.
    """


def govcheck_register_rule_packs(register: Callable[[Any], None]) -> None:
    """Contribute rule packs (policy).

    Call ``register(source)`` where ``source`` is a path to a YAML rule pack, or a mapping
    with the same content. See ``docs/plugins.md`` for the rule-pack format. A rule id
    that another plugin already registered is a plugin error (exit 2) naming both.

    Called once per run, after every plugin's checks are registered; each rule is then
    validated against its check's parameter schema. Local plugins may implement it.
    Added in 0.1.
    """


def govcheck_register_reporters(register: Callable[[Reporter], None]) -> None:
    """Contribute report formats.

    Call ``register(reporter)`` once per :class:`govcheck.reporters.base.Reporter`: a name
    (used by ``--format NAME``), a description and a ``render(report) -> str`` function.

    Called once per run, while plugins load. Local plugins may implement it. Added in 0.1.
    """


# -- configuration ---------------------------------------------------------------------


def govcheck_configure(config: dict[str, Any]) -> None:
    """Inspect the effective configuration before any document is checked.

    ``config`` is the merged configuration (read-only by convention). A plugin reads its
    own settings from ``config["plugin-settings"][<plugin name>]``. Raise
    ``govcheck.errors.ConfigError`` to reject it; the run then exits 2 naming the plugin.

    Called once per run by ``govcheck check``, after the rules are configured and before the
    first document. Local plugins may implement it. Added in 0.1.
    """
