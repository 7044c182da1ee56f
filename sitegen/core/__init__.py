"""Shared ground of every stage: problems and the error root, YAML with line numbers, fields, slugs, caches, workers."""

from .cache import Store, code_version, digest_files, digest_tree, file_stamp, key_of
from .fields import FieldReader, dotted
from .parallel import fork_map, workers
from .problems import Problem, ProblemsFound, SiteError, format_json, format_text
from .slugs import slugify
from .yamltext import FieldPath, YamlSyntaxError, line_of, parse

__all__ = [
    "FieldPath",
    "FieldReader",
    "Problem",
    "ProblemsFound",
    "SiteError",
    "Store",
    "YamlSyntaxError",
    "code_version",
    "digest_files",
    "digest_tree",
    "dotted",
    "file_stamp",
    "fork_map",
    "format_json",
    "format_text",
    "key_of",
    "line_of",
    "parse",
    "slugify",
    "workers",
]
