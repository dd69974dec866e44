"""Where the built-in checks live: each in the module its name's prefix says, found by listing."""

from __future__ import annotations

from pathlib import Path

import govcheck.checks
from govcheck.checks import builtin_checks, check_modules

FOLDER = Path(govcheck.checks.__file__).parent
HELPERS = {"base", "shared"}  # what checks are made of and share; they define no check


def test_every_check_lives_in_the_module_its_name_prefix_says() -> None:
    misplaced = [
        (c.name, c.func.__module__)
        for c in builtin_checks()
        if c.func.__module__ != f"govcheck.checks.{c.name.split('.')[0]}"
    ]
    assert misplaced == []


def test_every_module_of_the_package_is_found_and_every_other_one_holds_checks() -> None:
    on_disk = sorted(p.stem for p in FOLDER.glob("*.py") if p.stem != "__init__")
    assert check_modules() == on_disk
    holding = {c.name.split(".")[0] for c in builtin_checks()}
    assert holding == set(on_disk) - HELPERS


def test_the_package_keeps_no_hand_written_list_of_its_modules() -> None:
    source = (FOLDER / "__init__.py").read_text(encoding="utf-8")
    named = [m for m in check_modules() if m not in HELPERS and f"{m}," in source]
    assert named == []


def test_check_modules_share_helpers_through_the_shared_module_only() -> None:
    """A helper two check modules use lives in shared.py, so no check module imports another."""
    import ast

    crossing = []
    for path in sorted(FOLDER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("govcheck.checks."):
                imported = node.module.rsplit(".", 1)[1]
                if imported not in HELPERS:
                    crossing.append((path.stem, imported))
    assert crossing == []


# Checks whose parameters are paths into the document (rule packs pass them as data: the
# select.* checks' ``select``, section.* and provisions.* ``path``) and the document.* checks
# that walk every node (references, unique ids) read the document tree; every other check
# reads the typed model (govcheck/model.py), so renaming a field is one change there.
READS_PATHS = {"select", "section", "provisions", "document"}


def test_checks_read_the_typed_model_not_the_raw_document() -> None:
    import ast

    raw = []
    for path in sorted(FOLDER.glob("*.py")):
        if path.stem in READS_PATHS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "data":
                raw.append((path.stem, node.lineno))
    assert raw == []
