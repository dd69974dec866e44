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


def builtin_checks() -> list[Check]:
    from govcheck.checks import (
        accountability,
        appointments,
        board,
        committees,
        delegation,
        document,
        eligibility,
        icp,
        independence,
        mayoral,
        members,
        nominations,
        organisations,
        places,
        provisions,
        quorum,
        seats,
        section,
        select,
    )

    found: list[Check] = []
    for module in (
        *(document, board, independence, places, accountability),
        *(section, quorum, committees, icp, organisations, delegation),
        *(appointments, members, eligibility, provisions, select, mayoral, seats, nominations),
    ):
        found.extend(v for v in vars(module).values() if isinstance(v, Check))
    return sorted(found, key=lambda c: c.name)


@hookimpl
def govcheck_register_checks(register: Callable[[Check], None]) -> None:
    for item in builtin_checks():
        register(item)


@hookimpl
def govcheck_register_rule_packs(register: Callable[[Any], None]) -> None:
    for pack in sorted(rules_dir().glob("*.yaml")):
        register(pack)
