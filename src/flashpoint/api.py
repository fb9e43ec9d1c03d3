"""The Python API over a corpus: `flashpoint.open(db)` returns a `Dataset`.

    >>> import flashpoint
    >>> ds = flashpoint.open("flashpoint.db")          # or "postgresql://host/db"
    >>> ds.ingest(["reports/", "https://example.org/feed.xml"])
    >>> ds.events(country="Iraq", start="2021-02-01", event_type="Battles")
    [Event(...), ...]
    >>> ds.events_df(admin1="Kirkuk")                 # a pandas DataFrame
    >>> ds.export("iraq.csv")                          # acled-csv|geojson|parquet|jsonl
    >>> ds.event("FP1A2B3C4D5E6")                      # merged ids still resolve
    >>> ds.sources(event_id), ds.evidence(event_id)    # the documents and spans behind it

Event filters (keyword arguments of `events`, `events_df`, `count`, `export`):
start, end (inclusive ISO dates), country, admin1, admin2, event_type,
sub_event_type (case-insensitive), actor (substring of any actor), text (substring of
notes, location, actors, sources or the documents' text), document_id,
updated_since (datetime), ids, limit, offset, newest_first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flashpoint.ingest.dates import parse_published
from flashpoint.ingest.job import Extractor, IngestSummary, ingest
from flashpoint.ingest.readers import Columns, read_inputs
from flashpoint.ingest.web import Fetcher, FetchSettings
from flashpoint.models import Document, Event
from flashpoint.store import DedupReport, EventFilter, Store

if TYPE_CHECKING:
    from flashpoint.engine import Engine
    from flashpoint.pipeline import PipelineConfig


class Dataset:
    """A living event dataset in one database. Close it (or use `with`) when done."""

    def __init__(self, db: str | Path = "flashpoint.db") -> None:
        self.store = Store(db)

    def __repr__(self) -> str:
        return f"Dataset({self.store.url!r})"

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # ------------------------------------------------------------------ ingest
    def ingest(
        self,
        sources: str | Path | Document | Iterable[str | Path | Document],
        *,
        extractor: Extractor | None = None,
        published=None,
        pattern: str = "**/*",
        columns: Columns | None = None,
        fetch: FetchSettings | None = None,
        batch_size: int = 16,
        on_progress: Callable[[IngestSummary], None] | None = None,
        config: PipelineConfig | None = None,
        engine: Engine | None = None,
    ) -> IngestSummary:
        """Read sources (paths, folders, URLs, feeds or Documents) into the dataset.

        Already stored documents are skipped, copies are linked to their originals,
        and the events of new documents are merged with the stored reports of the same
        incidents. `extractor` (Document -> list[Event]) replaces the default pipeline;
        `config` sets up the default one (its backend: rules or llm).
        `engine` (`flashpoint.engine.make_engine(...)`) runs the pipeline on worker
        processes or a Dask cluster, the store still being written from here.
        """
        if isinstance(sources, str | Path | Document):
            sources = [sources]
        sources = list(sources)
        params = {
            "sources": [s.id if isinstance(s, Document) else str(s) for s in sources][:100],
            "pattern": pattern,
            "published": str(published) if published else None,
        }
        coded_by = config if config is not None else (engine.config if engine else None)
        if coded_by is not None:  # which extractor coded these reports
            params["backend"] = coded_by.backend
            if coded_by.llm is not None:
                params["llm_model"] = coded_by.llm.model
            if coded_by.classifier != "none":
                params["classifier"] = coded_by.classifier
        with Fetcher(fetch) as fetcher:
            docs = self._documents_from(sources, published, pattern, columns, fetcher)
            return ingest(
                self.store,
                docs,
                extractor=extractor,
                batch_size=batch_size,
                on_progress=on_progress,
                params=params,
                config=config,
                engine=engine,
            )

    def _documents_from(self, sources, published, pattern, columns, fetcher) -> Iterator[Document]:
        def seen_url(url: str) -> bool:
            return self.store.has_url(url)

        for item in sources:
            if isinstance(item, Document):
                if item.published is None and published:
                    item.published = parse_published(published, item.id)
                yield item
            else:
                yield from read_inputs(
                    [str(item)],
                    published,
                    pattern=pattern,
                    columns=columns,
                    fetcher=fetcher,
                    seen_url=seen_url,
                )

    def dedup(self) -> DedupReport:
        """Re-cluster all reports into incidents (after new reports or changed rules).

        Recorded in `runs` with what it changed.
        """
        run_id = self.store.start_run("dedup")
        try:
            report = self.store.dedup()
        except BaseException:
            self.store.finish_run(run_id, {}, "failed")
            raise
        self.store.finish_run(run_id, report.to_dict())
        return report

    # ------------------------------------------------------------------ query
    def events(self, **filters: Any) -> list[Event]:
        """Events matching the filters (see the module docstring), by date."""
        return self.store.events(EventFilter(**filters))

    def count(self, **filters: Any) -> int:
        return self.store.count_events(EventFilter(**filters))

    def events_df(self, acled_only: bool = False, **filters: Any):
        """The matching events as a pandas DataFrame with ACLED's column names."""
        from flashpoint.export import events_dataframe

        return events_dataframe(self.events(**filters), acled_only=acled_only)

    def event(self, event_id: str) -> Event | None:
        """One event; an id that was merged into another event resolves to it."""
        return self.store.event(event_id)

    def resolve(self, event_id: str) -> str | None:
        return self.store.resolve(event_id)

    def sources(self, event_id: str) -> list[tuple[Document, str]]:
        """The documents behind an event, each with its role ("report" or "copy")."""
        return self.store.event_documents(event_id)

    def reports(self, event_id: str) -> list[Event]:
        """Each source's own coding of an event, before the merge."""
        return self.store.event_reports(event_id)

    def evidence(self, event_id: str) -> list[dict[str, Any]]:
        """Every evidence span (document id, start, end, text, field) of every source."""
        return self.store.event_evidence(event_id)

    def documents(self, **kw: Any) -> list[Document]:
        """Stored documents (`ids=`, `copies=False`, `limit=`, `offset=`)."""
        return self.store.documents(**kw)

    def document(self, document_id: str) -> Document | None:
        return self.store.document(document_id)

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        return self.store.runs(limit)

    # ------------------------------------------------------------------ export
    def export(
        self, path: str | Path, format: str | None = None, acled_only: bool = False, **filters
    ) -> int:
        """Write the matching events to a file; the format follows the suffix by default."""
        from flashpoint.export import export_events

        return export_events(self.events(**filters), path, format, acled_only=acled_only)


def open(db: str | Path = "flashpoint.db") -> Dataset:
    """Open (creating and migrating if needed) the dataset in a SQLite file or PostgreSQL."""
    return Dataset(db)
