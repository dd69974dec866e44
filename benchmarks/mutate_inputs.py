"""Mutation driver for what mutate.py does not reach: keys the reference lacks, and configuration.

Run:  .venv/bin/python benchmarks/mutate_inputs.py [--config]

1. Every optional key of the format that the reference constitution does not have (``waivers``,
   ``profiles``, a member's optional fields...) is added with each hostile value of mutate.py
   (mutate.py only replaces nodes that exist, so it never wrote ``waivers: 1``). A variant
   must give findings, never an exception or a rule outcome ``error``.
2. With ``--config``, every configuration option is set to values of every TOML type in a
   ``.govcheck.toml`` and in ``[tool.govcheck]``, and ``govcheck check`` runs in a new
   process: exit 0, 1 or 2 and no traceback. A value accepted with exit 0 that is not the
   option's type is printed too, to be judged by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mutate import VALUES, dump  # noqa: E402

from govcheck.api import check_text  # noqa: E402
from govcheck.engine import schema_path  # noqa: E402
from govcheck.options import OPTIONS  # noqa: E402

REFERENCE = ROOT / "fixtures" / "valid" / "bnssg-icb.yaml"
EXTRA: dict[str, Any] = {"list-of-text": ["x", "y"], "list-of-lists": [[1]], "list-of-ints": [1]}
TOML_VALUES = (
    "1", '"x"', "true", "[]", "[1, 2]", "{}", "{ a = 1 }", "1.5", "-1", "1e400", "nan", "1979-05-27",
    "07:32:00", '["x", 1]', "[[1]]", '""', '"a\\u0000b"', "99999999999999999999", '{ "" = 1 }', '{ GOV101 = [] }',
)


def absent_keys(data: Any, schema: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(where, key) for every optional key of the format missing from ``data`` (first list items only)."""
    defs = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        return node

    def visit(value: Any, node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
        node = resolve(node)
        if not isinstance(node, dict):
            return
        for alternative in node.get("oneOf", []) + node.get("anyOf", []) + node.get("allOf", []):
            yield from visit(value, alternative, path)
        if isinstance(value, dict):
            for key, sub in node.get("properties", {}).items():
                if key in value:
                    yield from visit(value[key], sub, (*path, key))
                else:
                    yield path, key
        elif isinstance(value, list) and value and "items" in node:
            yield from visit(value[0], node["items"], (*path, 0))

    yield from sorted(set(visit(data, schema, ())), key=str)


def documents() -> int:
    text = REFERENCE.read_text()
    schema = json.loads(schema_path("constitution-v1.schema.json").read_text())
    targets = list(absent_keys(yaml.safe_load(text), schema))
    problems = 0
    for path, key in targets:
        for name, value in {**VALUES, **EXTRA}.items():
            data = yaml.safe_load(text)
            node = data
            for step in path:
                node = node[step]
            node[key] = value
            label = f"{'/'.join(map(str, (*path, key)))} = {name}"
            try:
                report = check_text(dump(data), "c.yaml", entry_points=False)
            except Exception as exc:
                problems += 1
                print(f"EXCEPTION {label}: {type(exc).__name__}: {exc}"[:300])
                continue
            errors = [o for d in report.documents for o in d.outcomes if o.status == "error"]
            if errors:
                problems += 1
                print(f"ERROR OUTCOME {label}: {errors[0].rule} {errors[0].detail}"[:300])
    print(f"{len(targets)} absent keys x {len(VALUES) + len(EXTRA)} values: {problems} problem(s)")
    return problems


def configuration() -> int:
    problems = 0
    reference = REFERENCE.read_text()
    for style in ("dotfile", "pyproject"):
        for option in OPTIONS:
            for value in TOML_VALUES:
                folder = Path(tempfile.mkdtemp())
                (folder / "c.yaml").write_text(reference)
                if style == "dotfile":
                    (folder / ".govcheck.toml").write_text(f"{option.name} = {value}\n")
                else:
                    (folder / "pyproject.toml").write_text(f"[tool.govcheck]\n{option.name} = {value}\n")
                run = subprocess.run(
                    [sys.executable, "-m", "govcheck", "check", "c.yaml", "-q"],
                    cwd=folder, capture_output=True, text=True, timeout=120, errors="replace",
                )
                label = f"{style} {option.name} = {value}"
                if "Traceback" in run.stderr or run.returncode not in (0, 1, 2):
                    problems += 1
                    print(f"FAILED rc={run.returncode} {label}: {run.stderr.strip().splitlines()[-1][:200]}")
                elif run.returncode == 0 and value not in ("[]", "{}") and option.kind != "bool":
                    print(f"accepted (judge by hand) {label}")
    print(f"configuration: {problems} problem(s)")
    return problems


if __name__ == "__main__":
    found = documents() + (configuration() if "--config" in sys.argv[1:] else 0)
    sys.exit(1 if found else 0)
