# Python-Markdown 3.x ships no types (and types-Markdown is not a pinned dependency): the part sitegen uses.
from collections.abc import Sequence
from typing import Any

from .treeprocessors import Treeprocessor
from .util import Registry

class Extension:
    def __init__(self, **kwargs: Any) -> None: ...
    def extendMarkdown(self, md: Markdown) -> None: ...

class Markdown:
    treeprocessors: Registry[Treeprocessor]
    def __init__(
        self, *, extensions: Sequence[str | Extension] = ..., output_format: str = ..., **kwargs: Any
    ) -> None: ...
    def reset(self) -> Markdown: ...
    def convert(self, source: str) -> str: ...
