"""Build test documents from the reference constitution by small textual edits."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REFERENCE

# Edits that make one known rule fail at one known place (see the reference constitution).
NO_VOICE_WESTMERE = ("        - {type: people_voice, organisation: hw-westmere}\n", "")
NO_VOICE_CASTLEPORT = ("        - {type: people_voice, organisation: hw-castleport}\n", "")
DOWNSVALE_UNPLACED = (
    "    local_authorities: [la-westmere, la-downsvale]\n",
    "    local_authorities: [la-westmere]\n",
)
# GOV302 (warning) at /places/0/partnership/members, and GOV301 (warning) at
# /icb/area/local_authorities/1 (la-downsvale), line 24.


def reference_text(*edits: tuple[str, str], waivers: str = "") -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    if waivers:
        text += "\nwaivers:\n" + waivers
    return text


def write_doc(path: Path, *edits: tuple[str, str], waivers: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(reference_text(*edits, waivers=waivers), encoding="utf-8")
    return path
