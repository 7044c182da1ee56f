"""The canonical encoding of plain data, which every cache key and page key is a digest of.

Equal values give equal bytes in every process and every run, whatever object identity, interning or
pickle protocol: each value is written as a tag, its length where it has one, and its parts. A type it does
not know is an error, so a new kind of value in a key is seen at once, not hashed by a default `repr`.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import operator
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

_Write = Callable[[str], None]
_Inner = Callable[[_Write, Any], None]  # how the parts of a value are encoded: _encode, or a Keyer's


def digest(*parts: Any) -> str:
    """The hex digest of the canonical encoding of `parts` (blake2b, 20 bytes)."""
    return hashlib.blake2b(canonical(parts), digest_size=20).hexdigest()


class Keyer:
    """`digest`, remembering the encoding of each value of the `remembered` types it meets, by identity, for as
    long as it lives: an article's list row is in its own page's key and in five lists', encoded once.

    A value is held with its encoding, so its id is not reused while the keyer lives."""

    def __init__(self, remembered: tuple[type, ...]) -> None:
        self._memo: dict[int, tuple[object, str]] = {}
        memo = self._memo

        def encode(write: _Write, value: Any) -> None:
            if type(value) in remembered:
                held = memo.get(id(value))
                if held is None:
                    parts: list[str] = []
                    _encode(parts.append, value, encode)
                    held = memo[id(value)] = (value, "".join(parts))
                write(held[1])
            else:
                _encode(write, value, encode)

        self._encode = encode

    def digest(self, *parts: Any) -> str:
        written: list[str] = []
        self._encode(written.append, parts)
        return hashlib.blake2b("".join(written).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def canonical(value: Any) -> bytes:
    """The canonical bytes of `value`: str, int, float, bool, None, bytes, tuple, list, dict, set, frozenset,
    dates and times, paths, enums and dataclasses, nested."""
    parts: list[str] = []
    _encode(parts.append, value)
    # One string encoded once: encoding each string apart would make CPython keep a UTF-8 copy inside it.
    return "".join(parts).encode("utf-8", "surrogatepass")


def _encode(write: _Write, value: Any, inner: _Inner | None = None) -> None:
    inner = inner or _encode
    kind = type(value)
    if kind is str:
        write(f"s{len(value)}:{value}")
    elif kind is tuple or kind is list:
        write(f"{'t' if kind is tuple else 'l'}{len(value)}(")
        _parts(write, value, inner)
    elif value is None:
        write("N")
    elif kind is bool:
        write("T" if value else "F")
    elif kind is int:
        write(f"i{value};")
    else:
        encoder = _ENCODERS.get(kind) or _encoder_for(kind)
        encoder(write, value, inner)


def _parts(write: _Write, parts: Iterable[Any], inner: _Inner) -> None:
    """The parts of a tuple or a dataclass; strings and None, most of them, without a call each."""
    for part in parts:
        if type(part) is str:
            write(f"s{len(part)}:{part}")
        elif part is None:
            write("N")
        else:
            inner(write, part)


_Encoder = Callable[[_Write, Any, _Inner], None]


def _dataclass(kind: type) -> _Encoder:
    names = tuple(f.name for f in dataclasses.fields(kind))
    read = operator.attrgetter(*names) if len(names) > 1 else (lambda v: (getattr(v, names[0]),) if names else ())
    tag = f"D{kind.__module__}.{kind.__qualname__}:{len(names)}("

    def encode(write: _Write, value: Any, inner: _Inner) -> None:
        write(tag)
        _parts(write, read(value), inner)

    return encode


def _mapping(write: _Write, value: Mapping[Any, Any], inner: _Inner) -> None:
    write(f"m{len(value)}(")  # in their order: a template iterating a mapping shows it in that order
    for name, part in value.items():
        inner(write, name)
        inner(write, part)


def _set(write: _Write, value: frozenset[Any] | set[Any], inner: _Inner) -> None:
    write(f"S{len(value)}(")
    for encoded in sorted(canonical(part) for part in value):  # a set has no order: its parts' bytes give one
        write(encoded.hex())
        write(";")


def _moment(write: _Write, value: date | time, inner: _Inner) -> None:
    zone = getattr(value, "tzinfo", None)
    write(f"d{type(value).__name__}:{value.isoformat()}@{zone};")


def _encoder_for(kind: type) -> _Encoder:
    """The encoder of a type met for the first time, remembered for the next value of it."""
    if dataclasses.is_dataclass(kind):
        found = _dataclass(kind)
    elif issubclass(kind, enum.Enum):

        def found(write: _Write, value: Any, inner: _Inner) -> None:
            write(f"E{kind.__module__}.{kind.__qualname__}:")
            inner(write, value.value)
    elif issubclass(kind, tuple):  # a NamedTuple
        tag = f"U{kind.__module__}.{kind.__qualname__}:"

        def found(write: _Write, value: Any, inner: _Inner) -> None:
            write(tag)
            inner(write, tuple(value))
    elif issubclass(kind, (str, int, float, bytes)):  # Markup, an IntEnum: shown otherwise than their base
        base = next(b for b in (str, int, float, bytes) if issubclass(kind, b))
        tag = f"V{kind.__module__}.{kind.__qualname__}:"

        def found(write: _Write, value: Any, inner: _Inner) -> None:
            write(tag)
            inner(write, base(value))
    elif issubclass(kind, PurePath):

        def found(write: _Write, value: Any, inner: _Inner) -> None:
            write("p")
            inner(write, str(value))
    elif issubclass(kind, Mapping):
        found = _mapping
    else:
        raise TypeError(f"no canonical encoding for {kind.__module__}.{kind.__qualname__}")
    _ENCODERS[kind] = found
    return found


_ENCODERS: dict[type, _Encoder] = {
    float: lambda write, value, inner: write(f"f{value!r};"),
    bytes: lambda write, value, inner: write(f"b{value.hex()};"),
    dict: _mapping,
    MappingProxyType: _mapping,
    frozenset: _set,
    set: _set,
    date: _moment,
    datetime: _moment,
    time: _moment,
    timedelta: lambda write, value, inner: write(f"e{value.days},{value.seconds},{value.microseconds};"),
}
