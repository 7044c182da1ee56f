"""Stage 1, config: read and validate config.yml into frozen, typed settings."""

from .editions import Edition, Section
from .settings import CORNERS, KINDS, Column, Config, ImageSettings, load_config

__all__ = ["CORNERS", "KINDS", "Column", "Config", "Edition", "ImageSettings", "Section", "load_config"]
