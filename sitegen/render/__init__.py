"""Stage 5, render: the page plan of a column site, and the renderer that turns its pages into bytes."""

from .articles import neighbours, plan_articles
from .assets import Assets, collect_assets
from .lists import plan_lists
from .pages import PageRenderer, feed, make_environment, sitemap
from .plan import Feed, Page, PageMeta, PagePlan, page, plan_of
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
    "feed",
    "item",
    "make_environment",
    "neighbours",
    "page",
    "plan_articles",
    "plan_lists",
    "plan_of",
    "range_text",
    "sitemap",
    "week_status",
]
