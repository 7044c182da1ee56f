"""Stage 5, search: the search page and the Pagefind index of a column site."""

from .index import add_search

__all__ = ["add_search"]
