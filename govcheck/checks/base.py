"""What a check is: a named function over the model, with a schema for its parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from govcheck.model import Constitution


class Violation(NamedTuple):
    """What a check yields: the JSON Pointer of the offending node and a message.

    ``key=True`` positions the finding on the node's key rather than its value.
    ``value`` is a short normalised value used in baseline fingerprints. ``fix``, when given,
    is this finding's own fix text, in place of the rule's ``remediation``: for a check whose
    findings need different fixes (a missing chair and a partner member's nominators).
    """

    path: str
    message: str
    key: bool = False
    value: str = ""
    fix: str = ""


CheckFunction = Callable[[Constitution, Mapping[str, Any]], Iterable[Violation]]


class Check(NamedTuple):
    """A check (mechanism). Rules (policy) in rule packs refer to it by ``name``."""

    name: str
    func: CheckFunction
    params: Mapping[str, Any] = MappingProxyType({})
    description: str = ""
    # Checks beyond the schema, run when a rule pack loads: raise ValueError with a message
    # when parameters could never work (a field the format does not have, no bound given).
    validate: Callable[[Mapping[str, Any]], None] | None = None

    @property
    def params_schema(self) -> dict[str, Any]:
        """The JSON Schema of the parameters: an object with exactly ``params`` as properties."""
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": dict(self.params),
            "required": [k for k, v in self.params.items() if "default" not in v],
        }

    def defaults(self) -> dict[str, Any]:
        return {k: v["default"] for k, v in self.params.items() if "default" in v}


def check(
    name: str,
    *,
    params: Mapping[str, Any] | None = None,
    validate: Callable[[Mapping[str, Any]], None] | None = None,
) -> Callable[[CheckFunction], Check]:
    """Decorator that turns a function into a :class:`Check` (it registers nothing).

    ``params`` maps each parameter name to its JSON Schema; a ``default`` makes it optional.
    ``validate(params)``, if given, raises ValueError for parameters that fit the schema but
    could never work; a rule pack using them then fails to load (exit 2).
    The docstring's first paragraph becomes the description.
    """

    def wrap(func: CheckFunction) -> Check:
        doc = (func.__doc__ or "").strip().split("\n\n")[0]
        return Check(
            name=name, func=func, params=dict(params or {}), description=" ".join(doc.split()), validate=validate
        )

    return wrap


class NotApplicable(Exception):
    """Raise from a check when the rule cannot apply to this document (reason as message)."""
