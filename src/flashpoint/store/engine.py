"""Database URLs, engines and migrations.

`--db` takes a file path (SQLite, the embedded default) or a `postgresql://` URL for a
shared server. Migrations ship inside the package (`store/migrations`) and are applied
whenever a store is opened, so an old database file is upgraded in place.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL from a path or URL (`postgresql://` uses the psycopg 3 driver)."""
    text = str(db)
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL keeps readers (the dashboard) unblocked while an ingest writes; each commit is
    # atomic, so a killed process leaves the last committed document and nothing half-done.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _begin_immediate(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _no_implicit_begin(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None


def make_engine(url: str, *, writer: bool = False) -> Engine:
    """An engine for reading, or (`writer`) for the store's write transactions.

    On SQLite a writer begins each transaction with BEGIN IMMEDIATE: it takes the write
    lock before reading, so two ingests into one file wait for each other (busy
    timeout) instead of failing with "database is locked" when a read turns into a
    write. Readers are never blocked (WAL).
    """
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        if writer:
            event.listen(engine, "connect", _no_implicit_begin)
            event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it already is)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
