"""Stage 1, config: read and validate config.yml into frozen, typed settings."""

from .editions import Edition, Section
from .reports import UNIT_TYPE_IDS, QuotaRule, ReportSettings
from .settings import CORNERS, KINDS, Column, Config, ImageSettings, load_config

__all__ = [
    "CORNERS",
    "KINDS",
    "UNIT_TYPE_IDS",
    "Column",
    "Config",
    "Edition",
    "ImageSettings",
    "QuotaRule",
    "ReportSettings",
    "Section",
    "load_config",
]
