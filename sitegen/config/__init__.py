"""Stage 1, config: read and validate config.yml into frozen, typed settings."""

from .editions import Edition
from .settings import CORNERS, KINDS, Column, Config, ImageSettings, Section, load_config

__all__ = ["CORNERS", "KINDS", "Column", "Config", "Edition", "ImageSettings", "Section", "load_config"]
