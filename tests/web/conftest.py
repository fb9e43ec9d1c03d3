"""Fixtures: one seeded store per test session and API clients over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.web import WebSettings, create_app

from .seed import Seeded, build


@pytest.fixture(scope="session")
def seeded(tmp_path_factory) -> Seeded:
    return build(tmp_path_factory.mktemp("web") / "events.db")


@pytest.fixture
def fresh_db(tmp_path) -> Seeded:
    """A store of its own, for tests that write."""
    return build(tmp_path / "events.db")


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(db: Path, extractor=None, **settings) -> TestClient:
        app = create_app(WebSettings(db=db, **settings), extractor=extractor)
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(seeded, make_client) -> TestClient:
    return make_client(seeded.path)
