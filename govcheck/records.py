"""Mutable records: a class with named fields, compared, shown and copied as a dataclass is.

``Report``, ``DocumentResult``, ``Document``, ``Registry`` and ``PluginInfo`` are built on
every check. As dataclasses they would import :mod:`dataclasses`, which imports
:mod:`inspect` with ``ast``, ``dis`` and ``tokenize``: ~5-10 ms of a ~90 ms check, for
code generated once per class (docs/performance.md). A record declares its fields once, in
``__slots__``, and writes its ``__init__`` out; equality, ``repr`` and :meth:`Record.replace`
come from here.
"""

from __future__ import annotations

from typing import Any, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    """Fields are the ``__slots__`` of the class and its bases; those named in ``HIDDEN``
    are neither compared nor shown (a loaded model, source text). ``__init__`` must accept
    every field as a keyword argument, for :meth:`replace`."""

    __slots__ = ()
    HIDDEN: tuple[str, ...] = ()

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(name for klass in reversed(cls.__mro__) for name in getattr(klass, "__slots__", ()))

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` (``dataclasses.replace``; Python 3.13's ``copy.replace``)."""
        unknown = set(changes) - set(self.fields())
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        return type(self)(**{name: getattr(self, name) for name in self.fields()} | changes)

    __replace__ = replace

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.fields() if n not in self.HIDDEN)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq and no frozen

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.fields() if n not in self.HIDDEN)
        return f"{type(self).__name__}({shown})"
