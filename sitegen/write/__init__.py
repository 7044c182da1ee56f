"""Stage 6, write: put the finished site in place atomically, or leave the previous one untouched."""

from .output import begin, discard, update_site, write_site

__all__ = ["begin", "discard", "update_site", "write_site"]
