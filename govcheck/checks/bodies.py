"""Who takes part in the bodies the constitution sets up: the organisation kinds present."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from govcheck.checks.base import Violation, check
from govcheck.model import Constitution

BODIES = {
    "icp_members": "/icp/members",
    "board_participants": "/board/participants",
    "board_members": "/board/members",
}
# The organisation each entry of a body names, read one entry at a time. ICP members and
# seats are read as written: a seat's own ``organisation``, not its current holder's
# (``Member.organisation``), and an ICP entry the engine could not type still counts.
ORGANISATIONS: dict[str, Callable[[Constitution], Iterable[str | None]]] = {
    "icp_members": lambda doc: (entry.get("organisation") for entry in doc.icp_member_entries),
    "board_participants": lambda doc: (person.organisation for person in doc.board_participants),
    "board_members": lambda doc: (entry.get("organisation") for entry in doc.board_member_entries),
}
BODY_NAMES = {
    "icp_members": "the integrated care partnership",
    "board_participants": "the board's participants",
    "board_members": "the board",
}


@check(
    "bodies.kind_present",
    params={
        "kinds": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "where": {"type": "array", "items": {"enum": sorted(BODIES)}, "minItems": 1},
    },
)
def kind_present(doc: Constitution, params: Mapping[str, Any]) -> Iterator[Violation]:
    """For each organisation kind in ``kinds``, someone from an organisation of that kind sits
    in one of the bodies in ``where`` (each missing kind reported separately). An entry
    ``a|b`` is met by either kind (``healthwatch|patient_voice_body``: Healthwatch or
    whatever body replaces it).
    """
    seen: set[str] = set()
    for body in params["where"]:
        for ref in ORGANISATIONS[body](doc):
            org = doc.organisation(ref)
            if org is not None:
                seen.add(org.kind)
    where = " or ".join(BODY_NAMES[b] for b in params["where"])
    for kind in params["kinds"]:
        alternatives = kind.split("|")
        if not seen.intersection(alternatives):
            named = " or ".join(k.replace("_", " ") for k in alternatives)
            yield Violation(
                BODIES[params["where"][0]],
                f"no one from a {named} organisation takes part in {where}",
                key=True,
                value=kind,
            )
