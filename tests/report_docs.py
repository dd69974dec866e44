"""Documents for the report-format tests: the reference constitution, and a failing variant
with a hostile member name, a place partnership gap, a duplicated function and an orphan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "fixtures" / "valid" / "reference.yaml"
HOSTILE_NAME = "<script>alert(1)</script>"


def reference_data() -> dict[str, Any]:
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


def failing_data() -> dict[str, Any]:
    """The reference with known breaches: GOV302 (Isle of Harrow has no mental health
    provider), GOV402 (audit listed twice) and GOV403 (procurement owned by an undefined id)."""
    data = reference_data()
    partner = next(m for m in data["board"]["members"] if m["id"] == "m-partner-pc")
    partner["name"] = HOSTILE_NAME
    harrow = next(p for p in data["places"] if p["id"] == "place-harrow")
    harrow["partnership"]["members"] = [
        m for m in harrow["partnership"]["members"] if m["type"] != "mental_health_provider"
    ]
    data["accountabilities"].append({"id": "f-audit-2", "function": "Internal and external audit", "owner": "board"})
    procurement = next(a for a in data["accountabilities"] if a["id"] == "f-procurement")
    procurement["owner"] = "c-procurement"
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def seat_count(data: dict[str, Any]) -> int:
    """Board members plus participants: the seats the board picture must draw."""
    return len(data["board"]["members"]) + len(data["board"].get("participants", []))
