from __future__ import annotations

import pytest

from .stub import StubServer


@pytest.fixture
def stub():
    with StubServer() as server:
        yield server
