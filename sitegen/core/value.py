"""Values: frozen dataclasses with slots, whose pickling does not look up their fields every time.

A build unpickles tens of thousands of them: the build index keeps pickled analyses, and workers send their
results back pickled (keys are digests of a canonical encoding, core/canonical.py, not of pickles). The
`__getstate__` and `__setstate__` that `dataclass(slots=True)` writes call `dataclasses.fields()` for every
object; these set each field through its slot's descriptor, which loads outlines in about half the time
(docs/performance.md).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, fields
from sys import intern
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def frozen(cls: type[T]) -> type[T]:
    """`@dataclass(frozen=True, slots=True)`, with a state that is the tuple of its fields in order."""
    made = dataclass(frozen=True, slots=True)(cls)
    names = tuple(f.name for f in fields(made))  # type: ignore[arg-type]  # made is a dataclass by now
    read = operator.attrgetter(*names) if names else (lambda _: ())
    if len(names) == 1:

        def get_state(self: Any) -> tuple[Any, ...]:
            return (read(self),)
    else:

        def get_state(self: Any) -> tuple[Any, ...]:
            result: tuple[Any, ...] = read(self)
            return result

    setters = tuple(getattr(made, name).__set__ for name in names)  # each slot's own: frozen's __setattr__ refuses

    def set_state(self: Any, state: Iterable[Any]) -> None:
        for put, field_value in zip(setters, state, strict=True):
            kind = type(field_value)
            if kind is str:
                put(self, intern(field_value) if len(field_value) < _SHORT else field_value)
            elif kind is tuple and field_value and type(field_value[0]) is str:
                put(self, tuple(intern(v) if type(v) is str and len(v) < _SHORT else v for v in field_value))
            elif kind is frozenset and not field_value:
                put(self, _EMPTY)
            else:
                put(self, field_value)

    setattr(made, "__getstate__", get_state)  # noqa: B010 - a method of a class made above
    setattr(made, "__setstate__", set_state)  # noqa: B010
    return made


# A field as it is kept once unpickled: short strings interned, alone or in a tuple, and an empty set one
# object. Thirty thousand analyses read back held their own copies of 'approved', their section and tags, and
# an empty set each: 0.7 KB an article.
_SHORT = 24  # characters: statuses, kinds, columns, sections, tags, reviewers; not titles or paths
_EMPTY: frozenset[Any] = frozenset()
