"""Shared fixtures: fixture sites built once per session where tests only read them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sitekit

from sitegen.build import build


@pytest.fixture(scope="session")
def valid_site(tmp_path_factory: pytest.TempPathFactory) -> sitekit.FixtureSite:
    """The valid fixture site, built once; tests must not modify it."""
    site = sitekit.materialize(tmp_path_factory.mktemp("valid"))
    build(site.project, sitekit.NOW)
    return site


@pytest.fixture(scope="session")
def editions_site(tmp_path_factory: pytest.TempPathFactory) -> sitekit.FixtureSite:
    """The valid site with a second edition in both columns (tests/sites/two-editions); tests must not modify it."""
    site = sitekit.materialize(tmp_path_factory.mktemp("editions"), "two-editions")
    build(site.project, sitekit.NOW)
    return site
