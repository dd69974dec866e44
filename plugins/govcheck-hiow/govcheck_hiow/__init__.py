"""govcheck-hiow: local rules for the Hampshire and Isle of Wight Integrated Care System.

A govcheck plugin contributes through hooks: these two register this package's checks
(mechanism, ``checks.py``) and its rule pack (policy, ``rules.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from govcheck import hookimpl

__version__ = "0.1.0"

RULES = Path(__file__).parent / "rules.yaml"


@hookimpl
def govcheck_register_checks(register: Callable[[Any], None]) -> None:
    from govcheck_hiow import checks

    for item in checks.CHECKS:
        register(item)


@hookimpl
def govcheck_register_rule_packs(register: Callable[[Any], None]) -> None:
    register(RULES)
