"""Stage 5, render: Atom feeds, sitemap.xml and robots.txt, all with absolute URLs on the column's base URL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape as _escape

from .views import ColumnView, Item

_EPOCH = "2000-01-01T00:00:00+08:00"


def escape(text: str) -> str:
    """&, < and > as XML writes them in text, as xml.sax.saxutils.escape does; that module loads urllib.request
    and ssl, 9 ms of every build that renders a page."""
    return _escape(text, quote=False)


def atom(column: ColumnView, title: str, self_path: str, page_path: str, items: Sequence[Item]) -> bytes:
    """An Atom feed; `updated` is the newest entry's date, so an unchanged site gives the same bytes."""
    base = column.base_url
    updated = max((i.date_iso for i in items), default=_EPOCH, key=_instant)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{escape(title)}</title>",
        f"  <subtitle>{escape(column.theme)}</subtitle>",
        f'  <link rel="self" type="application/atom+xml" href="{escape(base + self_path)}"/>',
        f'  <link rel="alternate" type="text/html" href="{escape(base + page_path)}"/>',
        f"  <id>{escape(base + self_path)}</id>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(column.host)}</name></author>",
    ]
    for item in items:
        url = escape(base + item.path)
        lines += [
            "  <entry>",
            f"    <title>{escape(item.title)}</title>",
            f'    <link rel="alternate" type="text/html" href="{url}"/>',
            f"    <id>{url}</id>",
            f"    <published>{item.date_iso}</published>",
            f"    <updated>{item.date_iso}</updated>",
            f"    <author><name>{escape(item.unit)}</name></author>",
            f'    <category term="{escape(item.section.title)}"/>',
            f"    <summary>{escape(item.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode()


def _instant(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def sitemap(base_url: str, pages: Iterable[tuple[str, str | None]]) -> bytes:
    """`pages` are (site-root path, last-modified date or None)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, lastmod in sorted(set(pages)):
        lines.append(
            f"  <url><loc>{escape(base_url + path)}</loc>"
            + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def robots(base_url: str, base_path: str) -> bytes:
    return f"User-agent: *\nAllow: {base_path}\n\nSitemap: {base_url}sitemap.xml\n".encode()
