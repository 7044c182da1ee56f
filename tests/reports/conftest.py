"""Fixtures of the report tests; the helpers they share live in reportkit.py (a conftest is not importable by name
once several test folders have one)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from reportkit import config, make, registry

__all__ = ["config", "make", "registry"]
