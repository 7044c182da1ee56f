"""Command line and dev server: build, check, new, serve; exit codes 0, 1 and 2."""

from .cli import main
from .scaffold import file_stem, new_article

__all__ = ["file_stem", "main", "new_article"]
