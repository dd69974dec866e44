"""JSON from outside govcheck (a request body, a baseline file), read strictly.

``json.loads`` keeps the last of two values given for one key, so ``{"document": A,
"document": B}`` checks B and says nothing of A: a hand-merged baseline or a hand-built
request would be half ignored without a word. Here a key given twice is an error, as a
duplicate key in a constitution is a finding (GOV002).
"""

from __future__ import annotations

import json
from typing import Any


class DuplicateKey(ValueError):
    """An object gives one key twice; the message names the key."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            shown = repr(key[:60]) + ("..." if len(key) > 60 else "")
            raise DuplicateKey(f"the key {shown} is given twice in one object")
        out[key] = value
    return out


def loads(text: str | bytes) -> Any:
    """``json.loads``, refusing a key given twice in one object (:class:`DuplicateKey`)."""
    return json.loads(text, object_pairs_hook=_pairs)
