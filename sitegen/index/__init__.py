"""The persistent build index (SQLite): each article's analysis and list-facing fields, for builds and reports,
and the layout of the last build, for an edit's quick rebuild."""

from .layout import Placement
from .schema import SCHEMA
from .store import Analyses, BuildIndex

__all__ = ["SCHEMA", "Analyses", "BuildIndex", "Placement"]
