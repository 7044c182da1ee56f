"""Stage 6, write: put the finished site in place atomically, or leave the previous one untouched."""

from .output import begin, discard, update_site, write_site
from .pages import stage_pages

__all__ = ["begin", "discard", "stage_pages", "update_site", "write_site"]
