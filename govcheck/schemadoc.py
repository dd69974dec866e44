"""The field reference of docs/format.md, generated from the format v1 schema.

``python -m govcheck.schemadoc docs/format.md`` rewrites the table between the
``<!-- fields:start -->`` and ``<!-- fields:end -->`` markers; a test fails when it is stale.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

START, END = "<!-- fields:start -->", "<!-- fields:end -->"
_TYPES = {"string": "text", "boolean": "true/false", "integer": "whole number", "number": "number", "object": "mapping"}


def _type(node: dict[str, Any]) -> str:
    if "$ref" in node:
        return {"id": "id", "ref": "reference (an id)", "date": "date"}[node["$ref"].rsplit("/", 1)[1]]
    if "enum" in node:
        return "one of " + ", ".join(f"`{e}`" for e in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    if node.get("type") == "array":
        items = node["items"]
        return "list of " + ("mappings" if items.get("type") == "object" else _type(items))
    return _TYPES.get(node.get("type", ""), "any")


def _rows(node: dict[str, Any], path: str, required: bool, defs: dict[str, Any]) -> Iterator[str]:
    described = node.get("description") or defs.get(node.get("$ref", "").rsplit("/", 1)[-1], {}).get("description", "")
    yield f"| `{path}` | {_type(node)} | {'yes' if required else ''} | {described} |"
    target = node["items"] if node.get("type") == "array" and node["items"].get("type") == "object" else node
    prefix = f"{path}[]" if target is not node else path
    if target.get("type") == "object":
        for key, child in target.get("properties", {}).items():
            yield from _rows(child, f"{prefix}.{key}", key in target.get("required", ()), defs)


def field_table(schema: dict[str, Any]) -> str:
    """A Markdown table of every field: dotted path (``[]`` for list items), type, required, meaning."""
    lines = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for key, child in schema["properties"].items():
        lines.extend(_rows(child, key, key in schema["required"], schema.get("$defs", {})))
    return "\n".join(lines) + "\n"


def render(doc: str, schema: dict[str, Any]) -> str:
    """``doc`` with the table between the markers replaced by the current one."""
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{field_table(schema)}{END}{tail}"


def main(argv: list[str]) -> int:
    from govcheck.engine import schema_path

    schema = json.loads(schema_path("constitution-v1.schema.json").read_text())
    target = Path(argv[0])
    target.write_text(render(target.read_text(), schema))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
