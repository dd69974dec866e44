"""The JSON format: the whole report, keys sorted, described by report-v1.schema.json."""

from __future__ import annotations

import json

from govcheck.report import Report


def render(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
