"""The only place that knows the order: config → sources → model → validation → render → write."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from datetime import time as dt_time
from importlib.metadata import version
from pathlib import Path

from ..check import Subject, apply_rules, build_catalog
from ..config import Config, load_config
from ..content import (
    Analyzed,
    Article,
    Body,
    Facts,
    MediaUse,
    Registry,
    Submission,
    Unreadable,
    analyze_all,
    find_article_files,
    media_inside,
    media_use,
    probe_all,
)
from ..core import Inside, Problem, ProblemsFound, SiteError, Store, digest_files, file_stamp, key_of
from ..downloads import check_downloads
from ..index import BuildIndex
from ..write import begin, discard, update_site, write_site
from .lock import build_lock
from .quick import quick_build
from .site import render_columns
from .state import Inputs, cached_registry, identity
from .values import Built, Checked, Project, Site, Timings


def check_content(
    project: Project, now: datetime, *, skip_invalid: bool = False, timings: Timings | None = None
) -> Checked:
    """Validate everything. Problems raise ProblemsFound unless skip_invalid leaves their files out."""
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
            analyzed = _analyze(config, project, files, index, t)
        finally:
            index.close()
        read = [a.article for a in analyzed if a.article is not None]
        articles = [a for a in read if a.status in (PREVIEWED if project.preview else CHECKED)]
        bodies = {a.rel: b for a, b in ((x.article, x.body) for x in analyzed) if a is not None and b is not None}
        slugs = {a.article.rel: a.slug for a in analyzed if a.article is not None}
        uses = {a.rel: media_use(project.content, a, bodies[a.rel]) for a in articles}
        problems += [p for a in analyzed for p in a.problems]
    with t.step("probe"):
        facts = _probe(uses.values(), Store(cache_dir, "probe", scope))
    with t.step("rules"):
        stamps = {a.article.rel: a.stamp for a in analyzed if a.article is not None}
        units = project.content / "units.yml"
        store = Store(cache_dir, "rules", key_of(scope, digest_files([units]) if units.exists() else ""))
        problems += check_rules(articles, bodies, uses, facts, config, registry, stamps, store)
        store.save()
    bad = {p.path for p in problems}
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
    if problems and not skip_invalid:
        raise ProblemsFound(problems)
    skipped = tuple(sorted(bad))
    submissions = tuple(a.submission for a in analyzed if a.submission is not None)
    return Checked(
        config,
        registry,
        tuple(good),
        bodies,
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
            analyzed = _analyze(config, project, files, index, Timings())
            found = [(a.submission,) if a.submission is not None else () for a in analyzed]
    finally:
        index.close()
    return config, registry, tuple(s for records in found if records for s in records)


def check_rules(
    articles: list[Article],
    bodies: dict[str, Body],
    uses: dict[str, MediaUse],
    facts: dict[Path, Facts],
    config: Config,
    registry: Registry,
    stamps: dict[str, tuple[str, int, int, int]],
    store: Store,
) -> list[Problem]:
    """SPEC 4.2 for every article, cached by the file as it was read and the facts of the media it uses.

    The store's scope covers config.yml and units.yml, and facts change with their files, so a cached
    result is one the rules would give again.
    """
    found: list[Problem] = []
    keys = []
    for article in articles:
        use = uses[article.rel]
        media = sorted({*use.images, *use.videos, *use.files})
        key = (stamps[article.rel], key_of([(str(p), facts.get(p)) for p in media]) if media else "")
        keys.append(key)
        result = store.get(key)
        if result is None:
            result = tuple(apply_rules(Subject(article, bodies[article.rel], facts, config, registry)))
            store.put(key, result)
        found += result
    store.keep_only(keys)
    return found


def _analyze(config: Config, project: Project, files: list[Path], index: BuildIndex, t: Timings) -> list[Analyzed]:
    """Unchanged files come from the build index, by file stamp; the rest are analyzed on every core."""
    stamps = [file_stamp(p) for p in files]
    inside = Inside(project.content)
    # A photo swapped for a symbolic link out of content/ since its article was analysed: analyse it again.
    results = [r if r is None or media_inside(r, inside) else None for r in index.analyses(stamps)]
    todo = [i for i, r in enumerate(results) if r is None]
    fresh = analyze_all(config, project.content, [(files[i], stamps[i]) for i in todo], t.progress("分析稿件"))
    for index_, analyzed in zip(todo, fresh, strict=True):
        results[index_] = analyzed
    index.put(fresh)
    index.keep_only(stamp[0] for stamp in stamps)
    index.commit()
    return [r for r in results if r is not None]


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


def build(
    project: Project,
    now: datetime,
    *,
    skip_invalid: bool = False,
    timings: Timings | None = None,
    wait: bool = True,
) -> Built:
    """Check, render and write; the previous output stays untouched unless everything succeeds.

    When no file has changed since the last successful build and no scheduled article or new day has
    come, the output is already right and nothing is done. Builds of one project never interleave: a
    second one waits for the first (or, with `wait=False`, stops with a message naming it).
    """
    with build_lock(project.cache, wait=wait):
        return _build(project, now, skip_invalid, timings or Timings())


def _build(project: Project, now: datetime, skip_invalid: bool, t: Timings) -> Built:
    cache = project.cache if project.use_cache else None
    last = Store(cache, "inputs", _libraries())
    with t.step("inputs"):
        stamps = input_stamps(project)
        previous: Inputs | None = last.get(skip_invalid)
        if previous and _still_valid(previous, stamps, now, project.output):
            return Built(last.get("published"), unchanged=True)
    if previous and cache is not None and not project.preview:
        quick = quick_build(project, now, previous, stamps, last, t, skip_invalid)
        if quick is not None:
            return quick
    last.keep_only(())
    last.save()  # a build killed from here on must not be taken for a finished one
    checked = check_content(project, now, skip_invalid=skip_invalid, timings=t)
    _require_theme(project)
    manifest = Store(cache, "manifest", "")
    staging, interrupted = begin(project.output)
    try:
        # An update finished for a killed build leaves files the manifest does not describe: start afresh.
        output = identity(project.output)
        trusted = output is not None and manifest.get("output") == output and not interrupted
        old_keys = (manifest.get("keys") or {}) if trusted else {}
        site = render_columns(project, checked, now, t, old_keys, staging)
        with t.step("write"):
            _write(project.output, staging, site, old_keys)
    except BaseException:
        discard(staging)
        raise
    manifest.put("keys", site.keys)
    manifest.put("output", identity(project.output))
    manifest.save()
    if cache is not None and not project.preview:
        _keep_layout(cache, project, site)
    published = {c: len(catalog.entries) for c, catalog in checked.catalogs.items()}
    built = Built(
        published,
        checked.skipped,
        checked.problems,
        rendered=site.rendered,
        indexed=site.indexed,
        loaded=checked.loaded,
    )
    if not checked.problems:
        until = min([a.publish_at for a in checked.articles if a.publish_at and a.publish_at > now], default=None)
        last.put(skip_invalid, Inputs(stamps, now, _next_day(checked.config, now, until), identity(project.output)))
        last.put("published", built.published)
    last.save()
    return built


def _keep_layout(cache: Path, project: Project, site: Site) -> None:
    """The build index keeps where this build put each article, for the quick rebuild of the next edit."""
    index = BuildIndex(cache / "index.sqlite", digest_files([project.config]))
    try:
        for column, records in site.layout.records.items():
            index.put_records(column, records)
        index.put_layout(site.layout.placements, site.layout.bundles)
        index.commit()
    finally:
        index.close()


def _require_theme(project: Project) -> None:
    """A project without its theme folder is told so, rather than failing on the first template."""
    templates = project.theme / "templates"
    if not templates.is_dir():
        shown = templates.relative_to(project.root) if templates.is_relative_to(project.root) else templates
        raise SiteError(
            f"找不到主题模板文件夹 {shown.as_posix()}/："
            "请把 sitegen 自带的 themes/ 文件夹放在项目根目录（与 config.yml 同级）"
        )


def _write(out: Path, staging: Path, site: Site, old_keys: Mapping[str, str]) -> None:
    """Only what changed since the last build, in place when it is a small part of the site."""
    changed = {path for path, key in site.keys.items() if old_keys.get(path) != key}
    removed = [path for path in old_keys if path not in site.keys]
    if not old_keys or len(changed) + len(removed) > len(site.keys) // 4:
        write_site(out, staging, site.files, site.copies)
    elif changed or removed or site.staged:
        files = {path: data for path, data in site.files.items() if path in changed}
        copies = {path: source for path, source in site.copies.items() if path in changed}
        update_site(out, staging, files, copies, site.staged, removed)
    else:
        discard(staging)


def input_stamps(project: Project) -> tuple[tuple[str, int, int, int], ...]:
    """The stamp of every file a build reads: content/, the theme and config.yml, in one walk."""
    found: list[tuple[str, int, int, int]] = []

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=True):
                    walk(entry.path)
                else:
                    st = entry.stat()
                    found.append((entry.path, st.st_size, st.st_mtime_ns, st.st_ino))

    for top in (project.content, project.theme):
        if top.is_dir():
            walk(str(top))
    st = project.config.stat()
    found.append((str(project.config), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(found)


def _libraries() -> str:
    """The versions of the libraries that shape the output: upgrading one is a change like any other."""
    names = ("jinja2", "markdown", "nh3", "pillow", "pagefind", "zxing-cpp", "pypinyin", "jieba", "pyyaml", "av")
    return key_of([(name, version(name)) for name in names])


def _still_valid(previous: Inputs, stamps: tuple[tuple[str, int, int, int], ...], now: datetime, output: Path) -> bool:
    return (
        previous.stamps == stamps
        and previous.since <= now < previous.until
        and previous.output is not None
        and previous.output == identity(output)
    )


def _next_day(config: Config, now: datetime, scheduled: datetime | None) -> datetime:
    """The earlier of a scheduled publication and the next local midnight (the home page shows the day)."""
    local = now.astimezone(config.timezone)
    midnight = datetime.combine(local.date() + timedelta(days=1), dt_time(), config.timezone)
    return min(midnight, scheduled) if scheduled else midnight
