"""The persistent build index (SQLite): each article's analysis and list-facing fields, for builds and reports."""

from .store import SCHEMA, BuildIndex

__all__ = ["SCHEMA", "BuildIndex"]
