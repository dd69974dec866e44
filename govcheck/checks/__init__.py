"""Built-in checks and rule packs, registered through the same hooks as any plugin's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from govcheck.checks.base import Check
from govcheck.hookspecs import hookimpl


def rules_dir() -> Path:
    """The built-in rule packs: inside the wheel, or ``rules/`` beside the package in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


def check_modules() -> list[str]:
    """The modules of this package, found by listing its folder (nothing is imported).

    A module holds the checks whose names start with its name (``board.py``: ``board.*``);
    ``base`` and ``shared`` hold what checks are made of and share, and no check."""
    import os

    folder = os.path.dirname(__file__)
    return sorted(e.name[:-3] for e in os.scandir(folder) if e.name.endswith(".py") and not e.name.startswith("_"))


def builtin_checks() -> list[Check]:
    """Every check defined in a module of this package, by name."""
    import importlib

    found: list[Check] = []
    for name in check_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        found.extend(v for v in vars(module).values() if isinstance(v, Check) and v.func.__module__ == module.__name__)
    return sorted(found, key=lambda c: c.name)


@hookimpl
def govcheck_register_checks(register: Callable[[Check], None]) -> None:
    for item in builtin_checks():
        register(item)


@hookimpl
def govcheck_register_rule_packs(register: Callable[[Any], None]) -> None:
    for pack in sorted(rules_dir().glob("*.yaml")):
        register(pack)
