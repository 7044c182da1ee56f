"""Stage 4, validation: the submission rules of Annex 2 and the catalog of what is published where."""

from .catalog import ColumnCatalog, Entry, build_catalog
from .copyedit import Finding, findings
from .feedback import (
    RULE_LABELS,
    Adoption,
    AdoptionRow,
    Compliance,
    Tally,
    adoption,
    compliance,
    percent,
    unit_compliance,
)
from .lexicon import Lexicon, load_lexicon
from .rules import apply_rules
from .rules_media import duration_text, mb
from .subject import Subject

__all__ = [
    "RULE_LABELS",
    "Adoption",
    "AdoptionRow",
    "ColumnCatalog",
    "Compliance",
    "Entry",
    "Finding",
    "Lexicon",
    "Subject",
    "Tally",
    "adoption",
    "apply_rules",
    "build_catalog",
    "compliance",
    "duration_text",
    "findings",
    "load_lexicon",
    "mb",
    "percent",
    "unit_compliance",
]
