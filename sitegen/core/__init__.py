"""Shared ground of every stage: problems and the error root, YAML with line numbers, fields, slugs, caches,
workers, the clock, EXIF orientation, the CJK ranges, the text reader and the atomic writer."""

from .atomic import write_atomic
from .cache import Store, code_version, digest_files, digest_tree, file_stamp, key_of, library_version
from .cjk import CJK_TEXT, HAN, HAN_BMP, IDEOGRAPHIC_SPACE, CodeRange, char_class
from .fields import FieldReader, dotted
from .now import clock, now_in, pinned
from .orientation import Orientation
from .parallel import can_fork, fork_imap, fork_map, in_child, workers
from .paths import Inside
from .policy import (
    ANALYSES_PER_WORKER,
    INDEX_READ_CACHE_KIB,
    ITEMS_PER_WORKER,
    MIN_ITEMS_TO_FORK,
    MOST_ITEMS_PER_TASK,
    RECORDS_PER_BUNDLE,
    RULES_PER_WORKER,
)
from .problems import (
    Problem,
    ProblemsFound,
    Severity,
    SiteError,
    UsageError,
    errors_of,
    format_json,
    format_text,
    sort_problems,
)
from .slugs import SEGMENTER_CACHE, free_slug, slugify
from .text import decode_text, read_text
from .value import frozen
from .yamltext import FieldPath, YamlSyntaxError, line_of, parse

__all__ = [
    "ANALYSES_PER_WORKER",
    "CJK_TEXT",
    "HAN",
    "HAN_BMP",
    "IDEOGRAPHIC_SPACE",
    "INDEX_READ_CACHE_KIB",
    "ITEMS_PER_WORKER",
    "MIN_ITEMS_TO_FORK",
    "MOST_ITEMS_PER_TASK",
    "RECORDS_PER_BUNDLE",
    "RULES_PER_WORKER",
    "SEGMENTER_CACHE",
    "CodeRange",
    "FieldPath",
    "FieldReader",
    "Inside",
    "Orientation",
    "Problem",
    "ProblemsFound",
    "Severity",
    "SiteError",
    "Store",
    "UsageError",
    "YamlSyntaxError",
    "can_fork",
    "char_class",
    "clock",
    "code_version",
    "decode_text",
    "digest_files",
    "digest_tree",
    "dotted",
    "errors_of",
    "file_stamp",
    "fork_imap",
    "fork_map",
    "format_json",
    "format_text",
    "free_slug",
    "frozen",
    "in_child",
    "key_of",
    "library_version",
    "line_of",
    "now_in",
    "parse",
    "pinned",
    "read_text",
    "slugify",
    "sort_problems",
    "workers",
    "write_atomic",
]
