"""Alembic environment: migrations run on the connection that `flashpoint.store` opened.

The package applies migrations itself when a store is opened, so there is no
alembic.ini; `config.attributes["connection"]` carries the live connection.
"""

from __future__ import annotations

from alembic import context

from flashpoint.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("flashpoint migrations run through flashpoint.store.open_store()")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
