"""Fixtures for the scoring tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def make_gold():
    from flashpoint.evaluate import gold_documents

    def _make(*records: dict[str, Any]):
        return gold_documents((f"fixture:{i}", r) for i, r in enumerate(records, 1))

    return _make
