"""Stage 5, render: both column sites from the checked content, as files and copies for the writer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import articles as article_pages
from .assets import collect_assets
from .banner import BannerSpec, banner_page, build_banner, find_cjk_font
from .catalog import ColumnCatalog
from .images import publish_images
from .markup import summarize
from .model import resolve_media
from .render import PageMeta, Renderer, make_environment, render_lists, sitemap
from .views import Item, Link, column_view, item, range_text

if TYPE_CHECKING:
    from .pipeline import Checked, Project, Site, Timings


def render_columns(project: Project, checked: Checked, now: datetime, t: Timings) -> Site:
    from .pipeline import Site

    config = checked.config
    today = now.astimezone(config.timezone).date()
    env = make_environment(project.theme)
    assets = collect_assets(project.theme)
    with t.step("images"):
        used = {cid: images_used(project, checked, c) for cid, c in checked.catalogs.items()}
        images = publish_images(set().union(*used.values()), config.images, project.cache / "images")
    files: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    font = find_cjk_font()
    with t.step("pages"):
        for column_id, catalog in checked.catalogs.items():
            column = column_view(config, catalog.column, today)
            r = Renderer(env, column, assets)
            items = _items(checked, catalog)
            render_lists(r, config, catalog, items)
            attached = _render_articles(r, project, checked, catalog, items, images.pictures)
            copies.update({f"{column_id}/{path}": source for path, source in attached.items()})
            for source in used[column_id]:
                for variant in images.pictures[source].variants:
                    copies[f"{column_id}/{variant.path}"] = images.files[variant.path]
            _render_banner(r, project, catalog, font)
            sitemap(r, items)
            r.files.update(assets.files)
            files.update({f"{column_id}/{path}": data for path, data in r.files.items()})
        files["index.html"] = (
            env.get_template("preview-index.html")
            .render(columns=[column_view(config, c.column, today) for c in checked.catalogs.values()])
            .encode()
        )
    return Site(files, copies)


def images_used(project: Project, checked: Checked, catalog: ColumnCatalog) -> set[Path]:
    """Every image file a column's published articles show: inline, gallery and video posters."""
    used: set[Path] = set()
    for entry in catalog.entries:
        article = entry.article
        for written in checked.bodies[article.rel].images:
            path = resolve_media(project.content, article.source, written, "正文", None).path
            if path:
                used.add(path)
        used |= {i.src.path for i in article.images if i.src.path}
        if article.video and article.video.poster and article.video.poster.path:
            used.add(article.video.poster.path)
    return used


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
            body_html = article_pages.place_body_images(
                checked.bodies[article.rel], article, project.content, pictures, entry.path
            )
            view = article_pages.article_view(
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
            r.page("article.html", meta, article=view)
            if article.video and article.video.src and article.video.src.path:
                copies[article_pages.media_target(entry, article.video.src.path)] = article.video.src.path
            for attachment in article.attachments:
                if attachment.src.path:
                    copies[article_pages.media_target(entry, attachment.src.path)] = attachment.src.path
    return copies


def _render_banner(r: Renderer, project: Project, catalog: ColumnCatalog, font: Path) -> None:
    column = catalog.column
    spec = BannerSpec(
        column_id=column.id,
        title=column.title,
        short_title=column.short_title,
        theme=column.theme,
        dates=range_text(column.start, column.end),
        base_url=column.base_url,
        width=column.banner.width,
        height=column.banner.height,
        corner=column.banner.corner,
    )
    artwork = next(
        (
            p
            for p in (project.content / "banners" / f"{column.id}.{ext}" for ext in ("png", "jpg", "jpeg"))
            if p.is_file()
        ),
        None,
    )
    for name, data in build_banner(spec, artwork, font).items():
        r.files[f"banner/{name}"] = data
    r.page(
        "banner.html",
        PageMeta(
            "banner/",
            f"{column.short_title}飘窗",
            f"{column.title}飘窗嵌入代码",
            "banner",
            (Link(column.short_title, ""),),
        ),
        banner=banner_page(spec),
    )
