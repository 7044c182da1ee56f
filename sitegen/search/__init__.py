"""Stage 5, search: the search page and the Pagefind index of a column site."""

from ..core import RECORDS_PER_BUNDLE
from .index import (
    BUNDLE,
    bundle_files,
    bundle_key,
    bundles,
    by_character,
    index_bundle,
    is_bundle,
    keep_bundles,
    placed_bundle,
    search_page,
)
from .runner import Indexer

__all__ = [
    "BUNDLE",
    "RECORDS_PER_BUNDLE",
    "Indexer",
    "bundle_files",
    "bundle_key",
    "bundles",
    "by_character",
    "index_bundle",
    "is_bundle",
    "keep_bundles",
    "placed_bundle",
    "search_page",
]
