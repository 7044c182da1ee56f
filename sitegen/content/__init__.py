"""Stages 2–3, sources and model: article files, units, media facts, typed articles and their rendered bodies."""

from .analyze import Analyzed, MediaUse, Outline, Pickled, Stamp, analyze_all, joined, media_inside, media_use
from .frontmatter import (
    FrontMatter,
    FrontMatterError,
    add_entry,
    compose_article,
    put_field,
    quote_scalar,
    replace_value,
    split_front,
)
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
    "FrontMatter",
    "FrontMatterError",
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
    "add_entry",
    "analyze_all",
    "compose_article",
    "count_words",
    "display",
    "find_article_files",
    "joined",
    "load_units",
    "media_inside",
    "media_use",
    "probe_all",
    "put_field",
    "quote_scalar",
    "read_source",
    "render_body",
    "replace_value",
    "resolve_media",
    "split_front",
    "summarize",
]
