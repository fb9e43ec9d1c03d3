from __future__ import annotations

from importlib import resources

import pytest


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The reference KirkukNow report (Feb 2021), bundled as the package's sample."""
    return (resources.files("flashpoint") / "data" / "sample" / "kirkuknow-64895.txt").read_text(
        encoding="utf-8"
    )
