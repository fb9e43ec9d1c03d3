"""The store on SQLite and PostgreSQL: documents once, events merged, ids resolvable."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import inspect

from flashpoint.dedup.documents import signature
from flashpoint.models import Document
from flashpoint.store import EventFilter, Store

from .toy import extract

A = Document(
    text="Two policemen were killed in Arab Koy on 2021-02-11 by Islamic State, officials said.",
    source="KirkukNow",
)
B = Document(
    text="Three policemen were killed in Daquq on 2021-02-12 by Islamic State militants.",
    source="Rudaw",
)
C = Document(
    text="Two soldiers were killed in Mosul on 2021-03-02 by Islamic State in an ambush.",
    source="Shafaq",
)


def _add(store: Store, doc: Document):
    return store.add_document(doc, extract(doc), signature=signature(doc.text))


def test_migrations_create_the_schema(db_url):
    store = Store(db_url)
    tables = set(inspect(store.engine).get_table_names())
    assert {"documents", "reports", "evidence", "events", "event_documents", "runs"} <= tables
    assert "alembic_version" in tables
    store.close()
    Store(db_url).close()  # opening again migrates nothing and keeps the data


# SQLite cannot reflect expression indexes; alembic then leaves them out of the diff.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_migrations_match_the_models(db_url):
    """A schema change without its migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from flashpoint.store.schema import Base

    store = Store(db_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    store.close()
    assert diff == []


def test_same_document_twice_changes_nothing(db_url):
    store = Store(db_url)
    first = _add(store, A)
    assert first.status == "new" and len(first.new_events) == 1
    before = store.stats()
    again = _add(store, A)
    assert again.status == "exists"
    assert store.stats() == before
    assert store.known_documents([A.id]) == {A.id}
    store.close()


def test_two_reports_merge_with_fatality_range(db_url):
    store = Store(db_url)
    (event_id,) = _add(store, A).new_events
    second = _add(store, B)
    assert second.new_events == [] and second.merged_events == [event_id]
    (ev,) = store.events()
    assert ev.event_id_cnty == event_id
    assert (ev.fatalities, ev.fatalities_low, ev.fatalities_best, ev.fatalities_high) == (
        2,
        2,
        2,
        3,
    )
    assert ev.source == "KirkukNow; Rudaw"
    assert ev.location == "Arab Koy"
    docs = store.event_documents(event_id)
    assert {d.id for d, role in docs} == {A.id, B.id}
    # Every source keeps its own evidence, pointing into its own text.
    spans = store.event_evidence(event_id)
    by_doc = {s["document_id"] for s in spans if s["field"] == "fatalities"}
    assert by_doc == {A.id, B.id}
    for s in spans:
        text = A.text if s["document_id"] == A.id else B.text
        assert text[s["start"] : s["end"]] == s["text"]
    assert [r.fatalities for r in store.event_reports(event_id)] == [2, 3]
    store.close()


def test_filters(db_url):
    store = Store(db_url)
    for doc in (A, B, C):
        _add(store, doc)
    assert store.count_events() == 2
    assert [e.location for e in store.events(EventFilter(admin1="nineveh"))] == ["Mosul"]
    assert len(store.events(EventFilter(start="2021-03-01"))) == 1
    assert len(store.events(EventFilter(end="2021-02-28", country="Iraq"))) == 1
    assert len(store.events(EventFilter(actor="islamic"))) == 2
    assert len(store.events(EventFilter(text="ambush"))) == 1  # words of the source text
    assert len(store.events(EventFilter(admin2="Daquq", event_type="Battles"))) == 1
    assert store.events(EventFilter(event_type="Protests")) == []
    assert len(store.events(EventFilter(document_id=B.id))) == 1
    newest = store.events(EventFilter(newest_first=True, limit=1))
    assert newest[0].location == "Mosul"
    store.close()


def test_rerunning_dedup_revises_events_and_keeps_ids_resolvable(db_url):
    store = Store(db_url)
    # Strict rules at ingest: one day apart is too far, so two events are stored.
    store.event_rules = dataclasses.replace(store.event_rules, max_days=0)
    (id_a,) = _add(store, A).new_events
    (id_b,) = _add(store, B).new_events
    assert store.count_events() == 2
    # The usual two-day window, applied to everything stored: one incident.
    store.event_rules = dataclasses.replace(store.event_rules, max_days=2)
    report = store.dedup()
    assert (report.events_before, report.events_after, report.merged) == (2, 1, 1)
    (ev,) = store.events()
    assert ev.event_id_cnty in (id_a, id_b)
    assert (ev.fatalities_low, ev.fatalities_high) == (2, 3)
    gone = id_b if ev.event_id_cnty == id_a else id_a
    assert store.resolve(gone) == ev.event_id_cnty
    assert store.event(gone).event_id_cnty == ev.event_id_cnty
    # Dedup again: nothing left to change.
    again = store.dedup()
    assert (again.events_after, again.merged, again.revised) == (1, 0, 0)
    # Stricter rules split the incident again; the old id is an event once more.
    store.event_rules = dataclasses.replace(store.event_rules, max_days=0)
    split = store.dedup()
    assert split.events_after == 2
    assert {store.resolve(id_a), store.resolve(id_b)} == {id_a, id_b}
    store.close()


def test_near_duplicate_lookup(db_url):
    store = Store(db_url)
    _add(store, C)
    copy = C.text.replace("in an ambush", "in an ambush, a local official said")
    match = store.near_duplicate(signature(copy))
    assert match is not None and match[0] == C.id and match[1] >= 0.7
    assert store.near_duplicate(signature(B.text + " " + A.text)) is None
    store.close()
