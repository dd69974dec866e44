"""The JSON format: the whole report, keys sorted, described by report-v1.schema.json.

Serialised one document at a time: the text is the same as ``json.dumps(report.to_dict(),
indent=2, sort_keys=True)``, but the dictionaries of only one document exist at once, so a
batch of 1,000 documents no longer holds ~10x its report size in dictionaries
(docs/performance.md, "Flat memory in batches").
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from govcheck.memory import collecting
from govcheck.report import Report

_PLACEHOLDER = '"\\u0000documents"'


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The text of :func:`render`, a document at a time (the command line spools them)."""
    data = report.to_dict(documents=False)
    data["documents"] = "\x00documents"  # sorts where "documents" sorts; replaced below
    head, tail = _dumps(data).split(_PLACEHOLDER)
    yield head
    documents = report.documents  # in file order
    if not documents:
        yield "[]"
    else:
        yield "["
        for i, document in enumerate(collecting(documents)):  # a cycle per json.dumps: see govcheck.memory
            yield "\n    " + _dumps(document.to_dict()).replace("\n", "\n    ")
            if i < len(documents) - 1:
                yield ","
        yield "\n  ]"
    yield tail + "\n"


def _dumps(value: object) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
