"""The corpus store: one SQLite file by default, the same code on PostgreSQL.

    >>> from flashpoint.store import Store, EventFilter
    >>> store = Store("flashpoint.db")            # or "postgresql://user@host/db"
    >>> store.events(EventFilter(country="Iraq", start="2021-02-01"))

Tables (see `flashpoint.store.schema`): documents (hash-keyed, text kept), document
LSH bands, reports (one event as one document tells it), evidence spans, events (the
deduplicated dataset), event<->document links, aliases of merged event ids, runs.
Migrations live in `flashpoint/store/migrations` and run when a store is opened.
"""

from flashpoint.store.engine import database_url
from flashpoint.store.repository import (
    DedupReport,
    EventFilter,
    Store,
    StoredDocument,
    new_event_id,
)

__all__ = [
    "DedupReport",
    "EventFilter",
    "Store",
    "StoredDocument",
    "database_url",
    "new_event_id",
]
