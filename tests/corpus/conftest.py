"""Fixtures for the corpus tests: a fresh database on SQLite and, when a server is
configured (FLASHPOINT_TEST_PG_URL, set by .ci/run), on PostgreSQL too."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_URL = os.environ.get("FLASHPOINT_TEST_PG_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def pytest_report_header(config) -> str:
    where = PG_URL.split("@")[-1] if PG_URL else "not configured (FLASHPOINT_TEST_PG_URL)"
    return f"corpus store backends: {', '.join(BACKENDS)}; PostgreSQL: {where}"


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    """A database that exists only for this test: a SQLite file or a new PG database."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    name = f"fp_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def dataset(db_url):
    import flashpoint

    ds = flashpoint.open(db_url)
    yield ds
    ds.close()
