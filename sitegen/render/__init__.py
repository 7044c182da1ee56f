"""Stage 5, render: the page plan of a column site, and the renderer that turns its pages into bytes."""

from .articles import neighbours, plan_articles
from .assets import Assets, collect_assets
from .favicon import favicon_files
from .lists import plan_lists
from .pages import PageRenderer, feed, make_environment, sitemap
from .plan import Feed, Page, PageMeta, PagePlan, page, plan_of
from .qrcode import qr_terminal
from .views import ColumnView, Item, Link, column_view, item, range_text, week_status

__all__ = [
    "Assets",
    "ColumnView",
    "Feed",
    "Item",
    "Link",
    "Page",
    "PageMeta",
    "PagePlan",
    "PageRenderer",
    "collect_assets",
    "column_view",
    "favicon_files",
    "feed",
    "item",
    "make_environment",
    "neighbours",
    "page",
    "plan_articles",
    "plan_lists",
    "plan_of",
    "qr_terminal",
    "range_text",
    "sitemap",
    "week_status",
]
