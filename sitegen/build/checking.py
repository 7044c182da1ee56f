"""Stages 1 to 4: config, sources, model and validation, and the records reports count.

Everything a build checks is read here: the unit registry, the articles (from the build index where
unchanged), the facts of their media, the rules and the catalog of what is published where.

A build holds every article's outline (`Analyzed.outlined`: what lists, feeds and the catalog read), not
its body: the rules and the pages read whole analyses from the build index one article at a time, the
pages in the workers that render them, so memory does not grow with the bodies of the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..check import Lexicon, Subject, apply_rules, build_catalog, load_lexicon
from ..config import Config, load_config
from ..content import (
    Analyzed,
    Article,
    Body,
    Facts,
    MediaUse,
    Pickled,
    Registry,
    Stamp,
    Submission,
    Unreadable,
    analyze_all,
    find_article_files,
    load_units,
    media_inside,
    media_use,
    probe_all,
)
from ..core import (
    RULES_PER_WORKER,
    Inside,
    Problem,
    ProblemsFound,
    Store,
    digest_files,
    errors_of,
    file_stamp,
    fork_imap,
    in_child,
    key_of,
)
from ..downloads import check_downloads
from ..index import Analyses, BuildIndex
from .values import Checked, Project, Timings


def check_content(
    project: Project,
    now: datetime,
    *,
    skip_invalid: bool = False,
    timings: Timings | None = None,
    stamps: Iterable[Stamp] = (),
) -> Checked:
    """Validate everything. Problems raise ProblemsFound unless skip_invalid leaves their files out.

    `stamps` are the stamps of files the build read already (pipeline.input_stamps): the analyses keep
    those, one stamp a file, rather than stamping each article again (at 30,000 articles, 8 MB)."""
    t = timings or Timings()
    with t.step("config"):
        config = load_config(project.config)
        scope = digest_files([project.config])
        cache_dir = project.cache if project.use_cache else None
    with t.step("sources"):
        registry, problems = cached_registry(config, project, Store(cache_dir, "units", scope))
        if problems:
            raise ProblemsFound(problems)
        files, problems = find_article_files(project.content)
    with t.step("analyze"):
        index = BuildIndex(cache_dir / "index.sqlite" if cache_dir else None, scope)
        try:
            analyzed, wholes = _analyze(config, project, files, index, t, {s[0]: s for s in stamps})
        finally:
            index.close()
        read = [a.article for a in analyzed if a.article is not None]
        articles = [a for a in read if a.status in (PREVIEWED if project.preview else CHECKED)]
        outlines = {a.rel: o for a, o in ((x.article, x.outline) for x in analyzed) if a is not None and o is not None}
        slugs = {a.article.rel: a.slug for a in analyzed if a.article is not None}
        uses = {a.rel: media_use(project.content, a, outlines[a.rel].images) for a in articles}
        problems += [p for a in analyzed for p in a.problems]
    with t.step("probe"):
        facts = _probe(uses.values(), Store(cache_dir, "probe", scope))
    with t.step("rules"):
        by_rel = {a.article.rel: a.stamp for a in analyzed if a.article is not None}
        units = project.content / "units.yml"
        lexicon, lexicon_problems = load_lexicon(project.content)
        problems += lexicon_problems
        inputs = [digest_files([units]) if units.exists() else "", digest_files(list(lexicon.files))]
        store = Store(cache_dir, "rules", key_of(scope, inputs))
        with wholes.reading():
            problems += check_rules(articles, wholes, uses, facts, config, registry, by_rel, store, lexicon)
        store.save()
    bad = {p.path for p in problems if p.is_error}  # warnings never keep an article out (SPEC 4.2)
    if project.preview:  # reviewers also read what the rules reject, unless a file it shows cannot be read
        bad -= {a.rel for a in articles if _readable(uses[a.rel], facts)}
    good = [a for a in articles if a.rel not in bad]
    include = _previewed if project.preview else None
    with t.step("catalog"):
        catalogs, url_problems = build_catalog(config, registry, good, slugs, now, include)
    if url_problems:
        problems += url_problems
        bad |= {p.path for p in url_problems}
        good = [a for a in good if a.rel not in bad]
        catalogs, _ = build_catalog(config, registry, good, slugs, now, include)
    with t.step("downloads"):
        problems += check_downloads(config, project.content)
    if errors_of(problems) and not skip_invalid:
        raise ProblemsFound(problems)
    skipped = tuple(sorted(bad))
    submissions = tuple(a.submission for a in analyzed if a.submission is not None)
    return Checked(
        config,
        registry,
        tuple(good),
        wholes,
        outlines,
        uses,
        facts,
        catalogs,
        tuple(problems),
        skipped,
        tuple(read),
        submissions,
        len(analyzed),
    )


CHECKED = ("submitted", "approved")  # the statuses the rules run on (SPEC 4.2)
PREVIEWED = ("draft", "submitted", "approved")  # what the review preview shows, checked like submitted items


def _previewed(article: Article) -> bool:
    """The preview shows every article a reviewer may still approve, and approved ones before publish_at."""
    return article.status in PREVIEWED


def _readable(use: MediaUse, facts: Mapping[Path, Facts]) -> bool:
    """Every file the article shows or offers was probed and can be read, so rendering it cannot fail."""
    return all(p in facts and not isinstance(facts[p], Unreadable) for p in (*use.images, *use.videos, *use.files))


def read_submissions(project: Project) -> tuple[Config, Registry, tuple[Submission, ...]]:
    """Every article file's list-facing fields, drafts and rejected items too, from the build's own analysis
    and its cache, without the rules: reports count submissions while some still have problems."""
    config = load_config(project.config)
    scope = digest_files([project.config])
    cache_dir = project.cache if project.use_cache else None
    registry, problems = cached_registry(config, project, Store(cache_dir, "units", scope))
    if problems:
        raise ProblemsFound(problems)
    files, _ = find_article_files(project.content)
    index = BuildIndex(cache_dir / "index.sqlite" if cache_dir else None, scope)
    try:
        # The records come from the index without unpickling each analysis, which takes seconds at 10,000.
        found = index.submissions([file_stamp(p) for p in files])
        if any(records is None for records in found):
            analyzed, _ = _analyze(config, project, files, index, Timings())
            found = [(a.submission,) if a.submission is not None else () for a in analyzed]
    finally:
        index.close()
    return config, registry, tuple(s for records in found if records for s in records)


def check_rules(
    articles: list[Article],
    wholes: Analyses | _Kept,
    uses: dict[str, MediaUse],
    facts: dict[Path, Facts],
    config: Config,
    registry: Registry,
    stamps: dict[str, tuple[str, int, int, int]],
    store: Store,
    lexicon: Lexicon | None = None,
) -> list[Problem]:
    """SPEC 4.2 for every article, cached by the file as it was read and the facts of the media it uses;
    `wholes` reads the whole analysis of an article whose result is not cached, in the worker that checks it.

    The store's scope covers config.yml, units.yml and the copy-editing lists, and facts change with their
    files, so a cached result is one the rules would give again.
    """
    keys = []
    for article in articles:
        use = uses[article.rel]
        media = sorted({*use.images, *use.videos, *use.files})
        keys.append((stamps[article.rel], key_of([(str(p), facts.get(p)) for p in media]) if media else ""))
    results = [store.get(key) for key in keys]
    todo = [article.rel for article, result in zip(articles, results, strict=True) if result is None]

    def checked(rel: str) -> tuple[Problem, ...]:
        whole = wholes.whole(rel)
        assert whole.article is not None and whole.body is not None
        return tuple(apply_rules(Subject(whole.article, whole.body, facts, config, registry, lexicon or Lexicon())))

    # On every core, in workers that live for the whole step, as the rules keep nothing (policy.RULES_PER_WORKER).
    fresh = fork_imap(checked, todo, batch=RULES_PER_WORKER)
    found: list[Problem] = []
    for key, result in zip(keys, results, strict=True):
        if result is None:
            result = next(fresh)
            store.put(key, result)
        found += result
    store.keep_only(keys)
    return found


def _analyze(
    config: Config,
    project: Project,
    files: list[Path],
    index: BuildIndex,
    t: Timings,
    read: Mapping[str, Stamp] | None = None,
) -> tuple[list[Analyzed], Analyses | _Kept]:
    """Every file's analysis, outlined, and the whole analyses of those that read cleanly, by article rel
    path. Unchanged files come from the build index, by file stamp; the rest are analysed on every core and
    stored as they come. Without a cache folder the index is in memory, and the whole analyses are too.

    A file stamped before (`read`, by path) keeps that stamp: an analysis is stored under a stamp taken
    before its file was read, so a file changed since is analysed again by the next build."""
    stamps = [(read or {}).get(str(p)) or file_stamp(p) for p in files]
    inside = Inside(project.content)
    # A photo swapped for a symbolic link out of content/ since its article was analysed: analyse it again.
    results = [
        None if r is None or not media_inside(r, inside) else _stamped(r, stamps[i])
        for i, r in enumerate(index.analyses(stamps))
    ]
    todo = [i for i, r in enumerate(results) if r is None]
    fresh = analyze_all(config, project.content, [(files[i], stamps[i]) for i in todo], t.progress("分析稿件"))
    kept: dict[str, Analyzed] = {}  # the whole analyses, without a build index to read them from

    def arriving() -> Iterator[Pickled]:
        for position, pickled in zip(todo, fresh, strict=True):
            results[position] = _stamped(pickled.analyzed, stamps[position])
            if index.path is None and pickled.analyzed.article is not None:
                kept[pickled.analyzed.article.rel] = pickled.whole()
            yield pickled

    index.put(arriving())
    index.keep_only(stamp[0] for stamp in stamps)
    index.commit()
    analyzed = [r for r in results if r is not None]
    if index.path is None:
        return analyzed, _Kept(kept)
    return analyzed, Analyses(index.path, {a.article.rel: a.stamp for a in analyzed if a.article is not None})


def _stamped(analyzed: Analyzed, stamp: Stamp) -> Analyzed:
    """The analysis holding `stamp`, the one tuple of its file, in place of its own equal copy read back."""
    return analyzed if analyzed.stamp is stamp else replace(analyzed, stamp=stamp)


class _Kept(dict[str, Analyzed]):
    """The whole analyses of a build without a build index, by article rel path, read as the index's are
    (Analyses): a whole analysis, a body, or the summaries of a column's bodies, which the outlines leave out."""

    def whole(self, rel: str) -> Analyzed:
        return self[rel]

    @contextmanager
    def reading(self) -> Iterator[_Kept]:
        """As Analyses.reading: these are in memory already."""
        yield self

    def body(self, rel: str) -> Body:
        body = self[rel].body
        assert body is not None  # an article that reads cleanly has one
        return body

    def summaries(self, column: str) -> dict[str, str]:
        return {
            rel: whole.outline.summary
            for rel, whole in self.items()
            if whole.article is not None and whole.article.column == column and whole.outline is not None
        }


def _probe(uses: Iterable[MediaUse], store: Store) -> dict[Path, Facts]:
    """Media facts, cached by file stamp: probing a video or a 10 MB photo is not free."""
    uses = list(uses)
    images = [p for u in uses for p in u.images]
    videos = [p for u in uses for p in u.videos]
    files = [p for u in uses for p in u.files]
    facts: dict[Path, Facts] = {}
    stamps = {}
    for path in {*images, *videos, *files}:
        try:
            stamps[path] = file_stamp(path)
        except OSError:
            continue
        cached = store.get(stamps[path])
        if cached is not None:
            facts[path] = cached
    fresh = probe_all(*([p for p in group if p not in facts] for group in (images, videos, files)))
    facts.update(fresh)
    for path, fact in fresh.items():
        if path in stamps and not isinstance(fact, Unreadable):
            store.put(stamps[path], fact)
    store.keep_only(stamps.values())
    store.save()
    return facts


def cached_registry(config: Config, project: Project, store: Store) -> tuple[Registry, list[Problem]]:
    """The unit registry, cached by the bytes of units.yml (slugs need the Chinese word segmenter)."""
    path = project.content / "units.yml"
    key = digest_files([path]) if path.exists() else None
    cached = store.get(key) if key else None
    if cached is None:
        cached = in_child(lambda: load_units(config, path))  # the slugs load jieba and pypinyin: not here
        if key:
            store.put(key, cached)
            store.keep_only([key])
            store.save()
    return cached
