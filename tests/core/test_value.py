"""Frozen values survive pickling unchanged, and thirty thousand of them read back do not each keep their own
copy of the same short words."""

from __future__ import annotations

import pickle

from sitegen.core import frozen


@frozen
class _Row:
    status: str
    title: str
    tags: tuple[str, ...]
    present: frozenset[str]
    count: int


def test_values_read_back_are_equal_and_share_their_short_words() -> None:
    long_title = "太原市职业教育活动周开幕式暨产教融合成果展在山西省会隆重举行" * 2
    rows = [_Row("".join(["appro", "ved"]), long_title + str(n), ("产教", "融合"), frozenset(), n) for n in range(3)]
    back = [pickle.loads(pickle.dumps(row, protocol=5)) for row in rows]
    assert back == rows
    assert back[0].status is back[1].status is back[2].status
    assert back[0].tags[1] is back[2].tags[1]
    assert back[0].present is back[1].present
    assert back[0].title is not back[1].title and back[0].title == rows[0].title
    nonempty = _Row("x", "y", (), frozenset({"title"}), 1)
    assert pickle.loads(pickle.dumps(nonempty)).present == {"title"}
