"""Fixtures for intake: a fresh site per test, and a snapshot of everything outside content/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import intake_corpus
import sitekit


@pytest.fixture
def site(tmp_path: Path) -> sitekit.FixtureSite:
    site = sitekit.materialize(tmp_path)
    site.write("content/units.yml", intake_corpus.UNITS)
    return site


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder
