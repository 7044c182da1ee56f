"""Stage 1, config: read and validate config.yml into frozen, typed settings."""

from .reports import UNIT_TYPE_IDS, QuotaRule, ReportSettings
from .settings import CORNERS, KINDS, Column, Config, ImageSettings, Section, load_config

__all__ = [
    "CORNERS",
    "KINDS",
    "UNIT_TYPE_IDS",
    "Column",
    "Config",
    "ImageSettings",
    "QuotaRule",
    "ReportSettings",
    "Section",
    "load_config",
]
