"""govcheck.hookimpl marks as pluggy.HookimplMarker("govcheck") does, without importing pluggy."""

from __future__ import annotations

from typing import Any

import pluggy
import pytest

from govcheck import hookspecs
from govcheck.hookspecs import IMPL_MARK, PROJECT, hookimpl

OPTIONS: list[dict[str, Any]] = [
    {},
    {"tryfirst": True},
    {"trylast": True},
    {"optionalhook": True},
    {"specname": "govcheck_configure"},
    {"wrapper": True},
    {"hookwrapper": True},
]


def _function() -> Any:
    def govcheck_configure(config: dict[str, Any]) -> None:
        return None

    return govcheck_configure


def test_the_bare_marker_sets_what_pluggys_sets() -> None:
    ours, theirs = _function(), _function()
    assert hookimpl(ours) is ours
    pluggy.HookimplMarker(PROJECT)(theirs)
    assert getattr(ours, IMPL_MARK) == getattr(theirs, IMPL_MARK)
    assert getattr(ours, IMPL_MARK) == {
        "wrapper": False, "hookwrapper": False, "optionalhook": False, "tryfirst": False, "trylast": False,
        "specname": None,
    }  # fmt: skip


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "none")
def test_each_option_sets_what_pluggys_sets(options: dict[str, Any]) -> None:
    ours, theirs = _function(), _function()
    hookimpl(**options)(ours)
    pluggy.HookimplMarker(PROJECT)(**options)(theirs)
    assert getattr(ours, IMPL_MARK) == getattr(theirs, IMPL_MARK)
    # and positionally, in pluggy's order of arguments
    positional = _function()
    order = ("hookwrapper", "optionalhook", "tryfirst", "trylast", "specname", "wrapper")
    defaults: dict[str, Any] = {"specname": None}
    hookimpl(positional, *(options.get(name, defaults.get(name, False)) for name in order))
    assert getattr(positional, IMPL_MARK) == getattr(theirs, IMPL_MARK)


def test_pluggy_registers_what_the_marker_marks() -> None:
    class Plugin:
        @staticmethod
        @hookimpl(trylast=True)
        def govcheck_configure(config: dict[str, Any]) -> None:
            return None

    pm = pluggy.PluginManager(PROJECT)
    spec = pluggy.HookspecMarker(PROJECT)
    spec(hookspecs.govcheck_configure)
    pm.add_hookspecs(hookspecs)
    pm.register(Plugin, name="plugin")
    [impl] = pm.hook.govcheck_configure.get_hookimpls()
    assert impl.plugin_name == "plugin" and impl.trylast and not impl.tryfirst


def test_hooks_lists_every_hook_of_the_specification() -> None:
    declared = [name for name, value in vars(hookspecs).items() if name.startswith("govcheck_") and callable(value)]
    assert list(hookspecs.HOOKS) == declared
