from xml.etree.ElementTree import Element

from . import Markdown

class Treeprocessor:
    md: Markdown | None
    def __init__(self, md: Markdown | None = None) -> None: ...
    def run(self, root: Element) -> Element | None: ...
