"""Keys are digests of a canonical encoding: equal values give equal keys, different values different ones."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from markupsafe import Markup

from sitegen.core import Keyer, frozen, key_of
from sitegen.core.canonical import canonical


@frozen
class Row:
    title: str
    tags: tuple[str, ...]
    day: date | None = None


def test_equal_values_give_equal_keys_whatever_their_identity_or_pickling() -> None:
    one = Row("".join(["太原", "市"]), ("产教融合",), date(2024, 5, 8))
    other = pickle.loads(pickle.dumps(Row("太原市", ("产教融合",), date(2024, 5, 8))))
    assert one is not other and one.title is not other.title
    assert key_of(one, {"a": 1}) == key_of(other, {"a": 1})


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ((1,), [1]),
        (1, True),
        (1, "1"),
        (1, 1.0),
        ("ab", ("a", "b")),
        (("a", "bc"), ("ab", "c")),
        (None, ""),
        (b"x", "x"),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # a template shows a mapping in its order
        (Row("t", ()), Row("t", (), date(2024, 5, 8))),
        (Path("a/b"), "a/b"),
        (datetime(2024, 5, 8, 9, tzinfo=UTC), datetime(2024, 5, 8, 9)),
        (date(2024, 5, 8), datetime(2024, 5, 8)),
        (Markup("<b>"), "<b>"),  # a template escapes one and not the other
    ],
)
def test_different_values_give_different_keys(left: object, right: object) -> None:
    assert key_of(left) != key_of(right)


def test_a_set_has_one_encoding_whatever_the_order_it_was_made_in() -> None:
    assert canonical(frozenset(["乙", "甲", "丙"])) == canonical(frozenset(["丙", "甲", "乙"]))
    assert key_of({1, 2}) == key_of(frozenset({2, 1}))
    assert key_of(timedelta(days=1)) != key_of(timedelta(seconds=1))


def test_a_type_without_an_encoding_is_an_error_not_a_guess() -> None:
    with pytest.raises(TypeError, match="no canonical encoding"):
        key_of(object())


def test_a_keyer_gives_the_keys_key_of_gives_and_sees_a_changed_value() -> None:
    keyer = Keyer((Row,))
    rows = [Row(f"第{i}篇", ("标签",)) for i in range(3)]
    assert keyer.digest("list.html", rows) == key_of("list.html", rows)
    assert keyer.digest("list.html", rows) == key_of("list.html", rows)  # from what it remembers
    assert keyer.digest("list.html", [*rows[:2], Row("第9篇", ("标签",))]) != key_of("list.html", rows)
