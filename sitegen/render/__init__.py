"""Stage 5, render: pages, feeds, views and assets of one column site."""

from .articles import article_view, media_target, place_body_images
from .assets import collect_assets
from .lists import render_lists
from .pages import PageMeta, Renderer, make_environment, sitemap
from .views import Item, Link, column_view, item, range_text, week_status

__all__ = [
    "Item",
    "Link",
    "PageMeta",
    "Renderer",
    "article_view",
    "collect_assets",
    "column_view",
    "item",
    "make_environment",
    "media_target",
    "place_body_images",
    "range_text",
    "render_lists",
    "sitemap",
    "week_status",
]
