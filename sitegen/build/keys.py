"""What pages and files are keyed by: a page is made again when its key changes, and only then."""

from __future__ import annotations

import hashlib

from ..content import Unit
from ..core import Keyer, code_version, digest_files, digest_tree, key_of
from ..render import Item, Page
from .values import Project


def render_scope(project: Project) -> str:
    """What every page's key starts from: the generator's code, the theme and config.yml."""
    return key_of(code_version(), digest_tree(project.theme), digest_files([project.config]))


def file_key(data: bytes) -> str:
    """The key of a file made without a template (a feed, robots.txt): its bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def page_keyer() -> Keyer:
    """The keyer of one column site's pages: an article's list row is in its page's key and in about five lists'
    (section, unit, city, edition, home), and is encoded once; so is its unit."""
    return Keyer((Item, Unit))


def page_key(keyer: Keyer, column_key: str, page: Page, record: str | None = None) -> str:
    """What a page is built from; `column_key` is key_of(render_scope, the column's view).

    A page with a search record is keyed by its record's key (`record`, when the caller has made it) and
    what the page shows besides (an article's neighbours): what the record shows is encoded for one key,
    not both (docs/performance.md)."""
    if page.record is None:
        return keyer.digest(column_key, *page.inputs())
    _, _, besides = page.inputs()
    return keyer.digest(record or record_key(keyer, column_key, page), page.template, besides)


def record_key(keyer: Keyer, column_key: str, page: Page) -> str:
    """What a page's search record is built from."""
    return keyer.digest(column_key, *page.as_record().inputs())
