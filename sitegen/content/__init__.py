"""Stages 2–3, sources and model: article files, units, media facts, typed articles and their rendered bodies."""

from .analyze import Analyzed, MediaUse, Outline, Pickled, Stamp, analyze_all, joined, media_inside, media_use
from .markup import Body, render_body, summarize
from .model import CAPTION_PARTS, Article, MediaPath, resolve_media
from .probe import Facts, FileFacts, ImageFacts, Unreadable, VideoFacts, probe_all
from .sources import display, find_article_files, read_source
from .submissions import MediaReport, Submission
from .units import UNIT_TYPES, Registry, Unit, load_units
from .wordcount import count_words

__all__ = [
    "CAPTION_PARTS",
    "UNIT_TYPES",
    "Analyzed",
    "Article",
    "Body",
    "Facts",
    "FileFacts",
    "ImageFacts",
    "MediaPath",
    "MediaReport",
    "MediaUse",
    "Outline",
    "Pickled",
    "Registry",
    "Stamp",
    "Submission",
    "Unit",
    "Unreadable",
    "VideoFacts",
    "analyze_all",
    "count_words",
    "display",
    "find_article_files",
    "joined",
    "load_units",
    "media_inside",
    "media_use",
    "probe_all",
    "read_source",
    "render_body",
    "resolve_media",
    "summarize",
]
