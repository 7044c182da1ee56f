"""The persistent build index (SQLite): each article's analysis and list-facing fields, for builds and reports,
and the search records of the last build's pages, by the key each was made from."""

from .schema import SCHEMA
from .store import Analyses, BuildIndex

__all__ = ["SCHEMA", "Analyses", "BuildIndex"]
