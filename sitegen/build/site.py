"""Stage 5, render: both column sites from the checked content, as files and copies for the writer."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from ..banner import banner_page, build_banner, find_artwork, find_cjk_font, spec_for
from ..check import ColumnCatalog
from ..content import summarize
from ..core import Problem, ProblemsFound, Store, code_version, digest_files, digest_tree, file_stamp, key_of, workers
from ..downloads import add_downloads
from ..images import ImageError, publish_images
from ..render import (
    Item,
    Link,
    PageMeta,
    Renderer,
    article_view,
    collect_assets,
    column_view,
    item,
    make_environment,
    media_target,
    place_body_images,
    render_lists,
    sitemap,
    week_status,
)
from ..search import add_search
from .values import Checked, Project, Site, Timings


def render_columns(
    project: Project,
    checked: Checked,
    now: datetime,
    t: Timings,
    previous: Mapping[str, str],
    staging: Path | None = None,
) -> Site:
    """`previous` maps each file of the current output/ to the key it was built from; pages are rendered
    into `staging`, the folder of the output being built, when there is one."""

    config = checked.config
    today = now.astimezone(config.timezone).date()
    env = make_environment(project.theme, project.cache / "templates" if project.use_cache else None)
    assets = collect_assets(project.theme)
    with t.step("images"):
        used = {cid: images_used(checked, c) for cid, c in checked.catalogs.items()}
        galleries = {i.src.path for c in checked.catalogs.values() for e in c.entries for i in e.article.images}
        try:
            images = publish_images(
                set().union(*used.values()),
                config.images,
                project.cache / "images",
                originals={p for p in galleries if p} if config.images.link_original else (),
                prune=not checked.skipped,  # keep what the articles left out by --skip-invalid will need again
            )
        except ImageError as e:
            root = project.root
            raise ProblemsFound(
                Problem(
                    Path(path).relative_to(root).as_posix() if Path(path).is_relative_to(root) else path,
                    None,
                    "图片",
                    reason,
                    "请换一张完整的 JPG 或 PNG 图片",
                )
                for path, reason in e.failures
            ) from e
    files: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    keys: dict[str, str] = {}
    staged: set[str] = set()
    scope = key_of(code_version(), digest_tree(project.theme), digest_files([project.config]))
    font = find_cjk_font()
    banners = Store(project.cache if project.use_cache else None, "banners", scope)
    drawn: list[str] = []
    searches: list[tuple[str, Callable[[], dict[str, bytes]]]] = []
    # Pagefind runs in these threads (each a subprocess) while the pages are rendered.
    with t.step("pages"), ThreadPoolExecutor(max_workers=workers()) as pool:
        for column_id, catalog in checked.catalogs.items():
            offered = (project.content / "downloads" / column_id).is_dir()
            column = dataclasses.replace(column_view(config, catalog.column), downloads=offered)
            prefix = f"{column_id}/"
            r = Renderer(
                env,
                column,
                assets,
                scope=scope,
                previous={p.removeprefix(prefix): k for p, k in previous.items() if p.startswith(prefix)},
                old=project.output / column_id,
                staging=staging / column_id if staging else None,
            )
            items = _items(checked, catalog)
            render_lists(r, config, catalog, items, week_status(catalog.column, today))
            attached = _render_articles(r, project, checked, catalog, items, images.pictures)
            copies.update({f"{column_id}/{path}": source for path, source in attached.items()})
            for source in used[column_id]:
                for path in images.pictures[source].paths:
                    copies[f"{column_id}/{path}"] = images.files[path]
            drawn.append(_render_banner(r, project, catalog, font, banners))
            add_downloads(r, config, catalog.column, project.content)
            searches.append((prefix, add_search(r, pool, project.cache if project.use_cache else None)))
            r.flush()
            sitemap(r, items)
            r.files.update(assets.files)
            files.update({prefix + path: data for path, data in r.files.items()})
            staged.update(prefix + path for path in r.staged)
            copies.update({prefix + path: old for path, old in r.reused.items()})
            keys.update({prefix + path: key for path, key in r.keys.items()})
        banners.keep_only(drawn)
        banners.save()
        for prefix, finish in searches:
            files.update({prefix + path: data for path, data in finish().items()})
        files["index.html"] = (
            env.get_template("preview-index.html")
            .render(columns=[column_view(config, c.column) for c in checked.catalogs.values()])
            .encode()
        )
    for path, data in files.items():
        keys.setdefault(path, hashlib.blake2b(data, digest_size=20).hexdigest())
    for path, source in copies.items():
        if path not in keys:
            st = source.stat()
            keys[path] = f"{source}:{st.st_size}:{st.st_mtime_ns}"
    return Site(files, copies, keys, frozenset(staged))


def images_used(checked: Checked, catalog: ColumnCatalog) -> set[Path]:
    """Every image file a column's published articles show: inline, gallery and video posters."""
    return {path for entry in catalog.entries for path in checked.uses[entry.article.rel].images}


def _items(checked: Checked, catalog: ColumnCatalog) -> dict[str, Item]:
    limit = checked.config.rules.summary_max_chars
    out = {}
    for entry in catalog.entries:
        article = entry.article
        summary = article.summary or summarize(checked.bodies[article.rel].lead, limit)
        out[entry.path] = item(catalog, entry, summary, checked.config.rules.kinds[article.kind].label)
    return out


def _render_articles(
    r: Renderer, project: Project, checked: Checked, catalog: ColumnCatalog, items: dict[str, Item], pictures: dict
) -> dict[str, Path]:
    copies: dict[str, Path] = {}
    home = Link(catalog.column.short_title, "")
    for section in catalog.column.sections:
        entries = catalog.by_section[section.id]
        for index, entry in enumerate(entries):
            article = entry.article
            body_html = place_body_images(checked.bodies[article.rel], article, project.content, pictures, entry.path)
            view = article_view(
                checked.config,
                catalog,
                entry,
                items[entry.path],
                body_html,
                pictures,
                checked.facts,
                newer=entries[index - 1] if index > 0 else None,
                older=entries[index + 1] if index + 1 < len(entries) else None,
            )
            meta = PageMeta(
                entry.path,
                article.title,
                items[entry.path].summary,
                "article",
                (home, Link(section.title, f"{section.id}/")),
                image=view.lead_image,
            )
            r.page("article.html", meta, record="search-record.html", article=view)
            if article.video and article.video.src and article.video.src.path:
                copies[media_target(entry, article.video.src.path)] = article.video.src.path
            for attachment in article.attachments:
                if attachment.src.path:
                    copies[media_target(entry, attachment.src.path)] = attachment.src.path
    return copies


def _render_banner(r: Renderer, project: Project, catalog: ColumnCatalog, font: Path, banners: Store) -> str:
    """The banner files, drawn again only when their text, artwork or font changed (drawing takes 0.1 s).

    Returns the key the drawing is cached under."""
    spec = spec_for(catalog.column)
    column = catalog.column
    artwork = find_artwork(project.content, column.id, column.current.banner_artwork if column.editions else None)
    key = key_of(spec, [None if p is None else file_stamp(p) for p in (artwork, font)])
    files = banners.get(key)
    if files is None:
        files = build_banner(spec, artwork, font)
        banners.put(key, files)
    for name, data in files.items():
        r.files[f"banner/{name}"] = data
    title = f"{catalog.column.short_title}飘窗"
    meta = PageMeta(
        "banner/", title, f"{catalog.column.title}飘窗嵌入代码", "banner", (Link(catalog.column.short_title, ""),)
    )
    r.page("banner.html", meta, banner=banner_page(spec))
    return key
