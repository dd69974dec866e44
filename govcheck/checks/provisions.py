"""Provisions the constitution must contain: named fields, and clauses in a list of texts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.checks.shared import blank, find
from govcheck.model import Constitution

POINTER = {"type": "string", "pattern": "^(/[A-Za-z0-9_]+)+$"}


@check(
    "provisions.present",
    params={
        "provisions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "description"],
                "properties": {"path": POINTER, "description": {"type": "string", "minLength": 1}},
            },
        }
    },
)
def present(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """Each provision (a JSON Pointer, with a description in words) is present and not empty
    (a boolean provision must be true).
    """
    for item in params["provisions"]:
        path = item["path"]
        found = list(find(doc.data, path))
        value = found[0][1] if found else None
        if found and not blank(value) and value is not False:
            continue
        dotted = path.strip("/").replace("/", ".")
        yield Violation(
            path,
            f"the constitution does not provide {item['description']} ({dotted})",
            key=not found,
            value=path,
        )


@check(
    "provisions.clauses",
    params={
        "path": POINTER,
        "what": {"type": "string", "minLength": 1, "default": "clause"},
        "clauses": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "pattern"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "pattern": {"type": "string", "minLength": 1},
                },
            },
        },
    },
)
def clauses(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """The list of texts at ``path`` has, for each named clause, an entry matching its
    ``pattern`` (a case-insensitive regular expression). Each missing clause is reported.
    """
    path = params["path"]
    found = list(find(doc.data, path))
    texts = found[0][1] if found and isinstance(found[0][1], list) else []
    texts = [t for t in texts if isinstance(t, str)]
    for clause in params["clauses"]:
        pattern = re.compile(clause["pattern"], re.IGNORECASE)
        if any(pattern.search(t) for t in texts):
            continue
        dotted = path.strip("/").replace("/", ".")
        yield Violation(
            path,
            f"the constitution has no {params['what']} covering {clause['name']} in {dotted}",
            key=True,
            value=clause["name"],
        )
