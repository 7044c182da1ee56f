"""Stage 4, validation: the copy-editing list (SPEC 14), shipped defaults plus the editors' content/copyedit.yml.

Reading the two files is the edge (`load_lexicon`); `Lexicon` is data, matched in one pass by an
Aho-Corasick automaton for the literal entries and a handful of regular expressions for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import field
from pathlib import Path

import ahocorasick

from ..core import FieldPath, FieldReader, Problem, YamlSyntaxError, frozen, parse, read_text

SHIPPED = Path(__file__).with_name("copyedit.yml")
EDITORS = "copyedit.yml"  # under content/
RULE_IDS = ("serious_expression", "punctuation", "numbers")
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff"


@frozen
class Entry:
    category: str
    rule: str  # the rule id whose severity config.yml gives (serious_expression, punctuation, numbers)
    wrong: str  # the text, or the pattern when `regex`
    right: str
    source: str  # the source's full name, not its key
    regex: bool = False
    unless: tuple[str, ...] = ()  # longer texts around the wrong one that are right


Compiled = tuple[ahocorasick.Automaton, list[tuple[re.Pattern[str], str, "Entry"]]]


@frozen
class Hit:
    start: int
    end: int
    entry: Entry


@frozen
class Lexicon:
    entries: tuple[Entry, ...] = ()
    files: tuple[Path, ...] = field(default=(), compare=False)
    # The automaton and patterns, built once with the list: the rules of 10,000 articles share them.
    compiled: Compiled | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.compiled is None:
            object.__setattr__(self, "compiled", _compiled(self.entries))

    def scan(self, text: str) -> Iterator[Hit]:
        """Every entry found in `text`, literal ones in one pass; overlapping literal hits keep the longest."""
        assert self.compiled is not None
        automaton, patterns = self.compiled
        found: list[Hit] = []
        if len(automaton):
            for last, entry in automaton.iter(text):
                found.append(Hit(last + 1 - len(entry.wrong), last + 1, entry))
        for pattern, needed, entry in patterns:
            if needed in text:
                found += [Hit(m.start(), m.end(), entry) for m in pattern.finditer(text)]
        found.sort(key=lambda h: (h.start, -(h.end - h.start)))
        covered = -1
        for hit in found:
            if hit.start < covered and not hit.entry.regex:
                continue  # 以习近平总书记为核心的党中央 is one finding, not two
            if any(_inside(text, hit, around) for around in hit.entry.unless):
                continue
            covered = max(covered, hit.end)
            yield hit


def needed(pattern: str) -> str:
    """The longest run of Chinese characters every match of `pattern` contains: outside [] and (), not
    under a quantifier, in a pattern without a top-level |. A cheap `in` test then spares the regex most
    texts; "" (always run) when no such run exists."""
    outside = re.sub(r"\\.|\[(?:\\.|[^\]])*\]", "\x00", pattern)
    while (shorter := re.sub(r"\([^()]*\)[?*+]?(?:\{[^}]*\})?", "\x00", outside)) != outside:
        outside = shorter
    if "|" in outside:
        return ""
    runs = [run[:-1] if quantified else run for run, quantified in re.findall(rf"([{HAN_CLASS}]+)([?*{{]?)", outside)]
    return max(runs, key=len, default="")


def _inside(text: str, hit: Hit, around: str) -> bool:
    """The hit is part of an occurrence of `around` (原卫生部 around 卫生部)."""
    start = max(0, hit.end - len(around))
    while (at := text.find(around, start, hit.start + len(around))) >= 0:
        if at <= hit.start and hit.end <= at + len(around):
            return True
        start = at + 1
    return False


def _compiled(entries: tuple[Entry, ...]) -> Compiled:
    automaton = ahocorasick.Automaton()
    patterns = []
    for entry in entries:
        if entry.regex:
            patterns.append((re.compile(entry.wrong), needed(entry.wrong), entry))
        else:
            automaton.add_word(entry.wrong, entry)
    if len(automaton):
        automaton.make_automaton()
    return automaton, patterns


def load_lexicon(content: Path) -> tuple[Lexicon, list[Problem]]:
    """The shipped list, then content/copyedit.yml's entries when the editors wrote one; its mistakes are problems.
    The editors' file may use the shipped categories and sources and add its own."""
    entries, problems, categories, sources = _read(SHIPPED, "sitegen/check/copyedit.yml", {}, {})
    files = [SHIPPED]
    editors = content / EDITORS
    if editors.exists():
        more, found, _, _ = _read(editors, "content/copyedit.yml", categories, sources)
        entries += more
        problems += found
        files.append(editors)
    return Lexicon(tuple(entries), tuple(files)), problems


def _read(
    path: Path, display: str, categories: Mapping[str, str], sources: Mapping[str, str]
) -> tuple[list[Entry], list[Problem], dict[str, str], dict[str, str]]:
    known, named = dict(categories), dict(sources)
    text = read_text(path, display)
    if isinstance(text, Problem):
        return [], [text], known, named
    r = FieldReader(display, text)
    try:
        data = parse(text) or {}
    except YamlSyntaxError as e:
        return [], [Problem(display, e.line, "", e.message)], known, named
    top = r.mapping(data, [], allowed={"sources", "categories", "entries"})
    for key, value in r.mapping(top.get("sources", {}), ["sources"]).items():
        named[str(key)] = r.text_value(value, ["sources", str(key)], required=True) or str(key)
    for key, value in r.mapping(top.get("categories", {}), ["categories"]).items():
        rule = r.choice(value, ["categories", str(key)], RULE_IDS)
        if rule:
            known[str(key)] = rule
    entries = r.each(top.get("entries", []), ["entries"], lambda v, p: _entry(r, v, p, known, named))
    return list(entries), r.problems, known, named


def _entry(
    r: FieldReader, value: object, path: FieldPath, categories: Mapping[str, str], sources: Mapping[str, str]
) -> Entry | None:
    m = r.mapping(value, path, allowed={"category", "wrong", "pattern", "right", "source", "unless"})
    category = r.choice(m.get("category"), [*path, "category"], categories)
    right = r.text_value(m.get("right"), [*path, "right"], required=True)
    source = r.text_value(m.get("source"), [*path, "source"], required=True)
    unless = tuple(str(u) for u in r.sequence(m.get("unless", []), [*path, "unless"]))
    wrong, pattern = m.get("wrong"), m.get("pattern")
    if (wrong is None) == (pattern is None):
        r.problem(path, "须写 wrong（错误写法）或 pattern（正则表达式）其中一项", "例如 wrong: 扫黑险恶")
        return None
    key = "wrong" if wrong is not None else "pattern"
    written = r.text_value(m.get(key), [*path, key], required=True)
    if pattern is not None and written:
        try:
            re.compile(written)
        except re.error as e:
            r.problem([*path, "pattern"], f"正则表达式有误：{e}", "不熟悉正则表达式时请改用 wrong: 写出错误原文")
            return None
    if not (category and right and source and written):
        return None
    return Entry(
        category, categories[category], written, right, sources.get(source, source), pattern is not None, unless
    )
