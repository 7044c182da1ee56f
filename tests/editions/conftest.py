"""Fixtures of the editions tests: the shipped sample with two editions, and with a third one added."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sitekit
from editionkit import NOW, add_edition_2027, sample_copy

from sitegen.build import build


@pytest.fixture(scope="session")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> sitekit.FixtureSite:
    """The sample as shipped: 2024 and the fictional 2025 edition. Tests must not modify it."""
    site = sample_copy(tmp_path_factory.mktemp("two"))
    build(site.project, NOW)
    return site


@pytest.fixture(scope="session")
def three_editions(tmp_path_factory: pytest.TempPathFactory) -> sitekit.FixtureSite:
    """The sample with a third edition, 2027, added the way an editor would. Tests must not modify it."""
    site = sample_copy(tmp_path_factory.mktemp("three"))
    add_edition_2027(site)
    build(site.project, NOW)
    return site
