"""The corpus schema (SQLAlchemy 2 ORM), identical on SQLite and PostgreSQL.

Two levels of events are kept apart on purpose:

- `reports`: one row per event *as one document tells it* (the extractor's output),
  never edited after ingest, with its evidence spans in `evidence`.
- `events`: the deduplicated dataset that analysts query. Each event gathers one or
  more reports (`reports.event_id`) and is rewritten whenever dedup revises it; an id
  that disappears in a merge stays resolvable through `event_aliases`.

`event_documents` links events to every document behind them, including syndicated
copies (role "copy") that were not extracted again. Any change here needs a new
migration under `flashpoint/store/migrations/versions/`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """A report as read; `id` is the content hash unless the source gave an id."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(16), index=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    country_hint: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # A near-duplicate (syndicated or lightly edited copy) points at its original.
    duplicate_of: Mapped[str | None] = mapped_column(String(64), index=True)
    similarity: Mapped[float | None] = mapped_column(Float)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    run_id: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DocumentBand(Base):
    """MinHash LSH band keys: documents sharing a band key are near-duplicate candidates."""

    __tablename__ = "document_bands"

    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )


class ReportRow(Base):
    """One event as one document reports it: the extractor's record, kept verbatim."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("document_id", "ordinal", name="uq_reports_doc_ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str | None] = mapped_column(String(32), index=True)
    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str] = mapped_column(String(64))
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class EvidenceRow(Base):
    """The character span of a document behind one coded field of one report."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class EventRow(Base):
    """A deduplicated event: ACLED's columns plus flashpoint's, one row per incident."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_place", "country", "admin1", "admin2"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    disorder_type: Mapped[str] = mapped_column(String(64), default="")
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(64))
    actor1: Mapped[str] = mapped_column(Text, default="")
    assoc_actor_1: Mapped[str] = mapped_column(Text, default="")
    inter1: Mapped[int | None] = mapped_column(Integer)
    actor2: Mapped[str] = mapped_column(Text, default="")
    assoc_actor_2: Mapped[str] = mapped_column(Text, default="")
    inter2: Mapped[int | None] = mapped_column(Integer)
    interaction: Mapped[int | None] = mapped_column(Integer)
    civilian_targeting: Mapped[str] = mapped_column(String(64), default="")
    iso: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(Text, default="")
    admin1: Mapped[str] = mapped_column(Text, default="")
    admin2: Mapped[str] = mapped_column(Text, default="")
    admin3: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text, default="")
    source_scale: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    tags: Mapped[str] = mapped_column(Text, default="")
    injuries: Mapped[int] = mapped_column(Integer, default=0)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    document_id: Mapped[str] = mapped_column(String(64), default="")
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    n_reports: Mapped[int] = mapped_column(Integer, default=1)
    n_documents: Mapped[int] = mapped_column(Integer, default=1)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class EventDocument(Base):
    """Which documents stand behind an event: role "report" (extracted) or "copy"."""

    __tablename__ = "event_documents"

    event_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="report")


class EventAlias(Base):
    """An event id that was merged away, pointing at the event that absorbed it."""

    __tablename__ = "event_aliases"

    alias: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RunRow(Base):
    """One ingest or dedup run, with what it read, skipped and changed."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# Case-insensitive filters compare lower(column); expression indexes answer them
# (migration 0002).
for _name in ("country", "admin1", "admin2", "event_type"):
    Index(f"ix_events_{_name}_ci", func.lower(EventRow.__table__.c[_name]), EventRow.event_date)
