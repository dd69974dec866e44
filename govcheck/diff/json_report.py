"""The JSON form of a diff (schema: ``govcheck/schemas/diff-v1.schema.json``), deterministic."""

from __future__ import annotations

import json

from govcheck.diff.amendment import Amendment


def render(a: Amendment) -> str:
    return json.dumps(a.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
