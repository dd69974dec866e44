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


# The check modules that read the document tree (``doc.data``) and why; every other check
# reads the typed model (govcheck/model.py), so renaming a field is one change there.
READS_PATHS = {
    "select": "its parameters (select, each, where...) are paths into the document that rule packs pass as data",
    "section": "its parameter ``path`` names a section of the document, passed as data by rule packs",
    "provisions": "its parameter ``path`` names the provisions to read, passed as data by rule packs",
    "document": "it walks every node of the document (references, unique ids, where ids are defined)",
}
# Ways into the document as written, besides ``doc.data``: a model object's ``raw`` mapping
# and a top-level section by name (``doc.section("board")``). A check reads a typed field
# (a property of the model class) instead.
RAW_WAYS = {"data", "raw", "section"}


def _raw_reads(path: Path) -> list[tuple[str, str, int]]:
    import ast

    return sorted(
        (path.stem, node.attr, node.lineno)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in RAW_WAYS
    )


def test_checks_read_the_typed_model_not_the_raw_document() -> None:
    raw = [hit for path in sorted(FOLDER.glob("*.py")) if path.stem not in READS_PATHS for hit in _raw_reads(path)]
    assert raw == []


def test_every_module_allowed_to_read_the_document_exists_and_does() -> None:
    """An allowance that is no longer used (or names no module) is removed, not kept."""
    unused = [name for name in READS_PATHS if not (FOLDER / f"{name}.py").exists() or not _raw_reads(FOLDER / f"{name}.py")]
    assert unused == []


def test_the_meta_test_finds_each_way_into_the_raw_document(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "a = item.raw.get('limits')\nb = doc.section('board')\nc = doc.data['icp']\nd = item.limits\n",
        encoding="utf-8",
    )
    assert _raw_reads(source) == [("sample", "data", 3), ("sample", "raw", 1), ("sample", "section", 2)]


# Reading a document mapping by key (``icp.get("chair")``) is the other way round the typed
# model. The names that hold a rule pack's parameters may be read by key: they are the
# check's own settings, not the document.
PARAMETER_NAMES = {"params", "req", "criteria"}
# Check modules that still read document entries by key, and why (in each the collection
# read is a rule-pack parameter).
READS_BY_KEY = {
    "bodies": "which bodies to read is a rule-pack parameter (where); ICP members and seats are "
    "read as written (a seat's own organisation, not its holder's)",
    "population": "which collection to read is a rule-pack parameter (places or neighbourhoods)",
}


def _reads_by_key(path: Path) -> list[tuple[str, str, int]]:
    """``x.get("key")`` calls (a string literal key) on anything but a parameter mapping."""
    import ast

    return sorted(
        (path.stem, node.args[0].value, node.lineno)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and not (isinstance(node.func.value, ast.Name) and node.func.value.id in PARAMETER_NAMES)
    )


def test_checks_read_typed_fields_not_document_mappings_by_key() -> None:
    allowed = set(READS_PATHS) | set(READS_BY_KEY)
    by_key = [hit for path in sorted(FOLDER.glob("*.py")) if path.stem not in allowed for hit in _reads_by_key(path)]
    assert by_key == []


def test_every_module_allowed_to_read_by_key_exists_and_does() -> None:
    unused = [name for name in READS_BY_KEY if not (FOLDER / f"{name}.py").exists() or not _reads_by_key(FOLDER / f"{name}.py")]
    assert unused == []


def test_the_meta_test_finds_reads_by_key(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "icp = doc.icp\n"
        "if icp.get('chair'):\n"
        "    a = doc.icp.get('co_chairs')\n"
        "b = params.get('min')\n"
        "c = NAMES.get(role, role)\n"
        "d = doc.icp_chair\n",
        encoding="utf-8",
    )
    assert _reads_by_key(source) == [("sample", "chair", 2), ("sample", "co_chairs", 3)]
