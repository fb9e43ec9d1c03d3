"""The corpus store: documents, reports, deduplicated events, links and runs.

`Store` is the only code that talks SQL. Every document is written in one transaction
together with its reports, evidence and the event merges it causes, so a run killed at
any moment leaves a consistent database, and the next run simply continues: documents
already stored are recognised by id and skipped (ingest is idempotent and incremental).

Queries return the plain dataclasses of `flashpoint.models` (`Event`, `Document`);
ORM rows never leave this module.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from flashpoint.dedup.documents import DocumentRules, MinHashSignature
from flashpoint.dedup.events import (
    EventRules,
    cluster,
    distance_km,
    merge_reports,
    parse_date,
    same_incident,
)
from flashpoint.ingest.dates import parse_published
from flashpoint.models import Document, Event, content_id
from flashpoint.store.engine import database_url, make_engine, migrate
from flashpoint.store.schema import (
    DocumentBand,
    DocumentRow,
    EventAlias,
    EventDocument,
    EventRow,
    EvidenceRow,
    ReportRow,
    RunRow,
)

log = logging.getLogger(__name__)

# Event fields that are stored as columns of `events` (everything but the id/evidence).
_EVENT_COLUMNS = tuple(
    c
    for c in EventRow.__table__.columns.keys()  # noqa: SIM118 (a ColumnCollection)
    if c in Event.__dataclass_fields__ and c not in ("event_date", "evidence")
)


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    """Slices small enough for an IN (...) list on any backend."""
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _alive(pid: Any) -> bool:
    """Whether a process id of this machine is still running."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _now() -> datetime:
    return datetime.now(UTC)


def new_event_id(document_id: str, ordinal: int) -> str:
    """A stable id for the event first seen as report `ordinal` of a document."""
    return "FP" + hashlib.sha1(f"{document_id}:{ordinal}".encode()).hexdigest()[:12].upper()


@dataclass(slots=True)
class EventFilter:
    """What `Store.events` selects; every field is optional and they combine with AND.

    Dates are inclusive ISO strings or `date`s; place and type names match without
    regard to case; `actor` and `text` are substring searches (text covers notes,
    location, actors and the text of the documents behind the event).
    """

    start: date | str | None = None
    end: date | str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    text: str | None = None
    document_id: str | None = None
    updated_since: datetime | None = None
    ids: Sequence[str] | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = False
    # One of SORT_COLUMNS, "-" first for descending; ties break by date then id.
    sort: str | None = None


@dataclass(slots=True)
class StoredDocument:
    """What storing one document did."""

    document_id: str
    status: str  # "new", "copy" or "exists"
    new_events: list[str] = field(default_factory=list)
    merged_events: list[str] = field(default_factory=list)
    duplicate_of: str | None = None


@dataclass(slots=True)
class DedupReport:
    """What a full dedup run changed."""

    reports: int = 0
    events_before: int = 0
    events_after: int = 0
    merged: int = 0
    split: int = 0
    revised: int = 0

    def to_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__}


# Columns `EventFilter.sort` may name (API clients choose them, so they are whitelisted).
SORT_COLUMNS: tuple[str, ...] = (
    "event_date",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "admin2",
    "location",
    "actor1",
    "actor2",
    "fatalities",
    "injuries",
    "confidence",
    "updated_at",
    "id",
)


def _row_to_event(row: EventRow) -> Event:
    ev = Event.from_dict(
        {
            **{c: getattr(row, c) for c in _EVENT_COLUMNS},
            "evidence": row.evidence or {},
        }
    )
    ev.event_id_cnty = row.id
    ev.event_date = row.event_date.isoformat() if row.event_date else None
    ev.timestamp = int(row.updated_at.timestamp()) if row.updated_at else None
    return ev


def _row_to_document(row: DocumentRow) -> Document:
    meta = dict(row.meta or {})
    if row.duplicate_of:
        meta["duplicate_of"] = row.duplicate_of
        meta["similarity"] = row.similarity
    return Document(
        text=row.text,
        id=row.id,
        published=row.published,
        url=row.url,
        source=row.source,
        title=row.title,
        language=row.language,
        country_hint=row.country_hint,
        meta=meta,
    )


def _ci(column, value: str):
    return func.lower(column) == value.strip().lower()


class Store:
    """A corpus database (SQLite file or PostgreSQL), migrated on open."""

    def __init__(self, db: str | Path = "flashpoint.db") -> None:
        self.url = database_url(db)
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.write_engine = make_engine(self.url, writer=True)
        self._write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        self.event_rules = EventRules.load()
        self.document_rules = DocumentRules.load()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def session(self) -> Session:
        """A session for reading (and small writes that cannot conflict)."""
        return self._sessions()

    def write_session(self) -> Session:
        """A session whose transaction holds the write lock from its start (SQLite)."""
        return self._write_sessions()

    def close(self) -> None:
        self.engine.dispose()
        self.write_engine.dispose()

    # ---------------------------------------------------------------- documents
    def known_documents(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids (or content hashes) are already stored."""
        ids = list(ids)
        if not ids:
            return set()
        with self.session() as s:
            rows = s.execute(
                select(DocumentRow.id, DocumentRow.content_hash).where(
                    or_(DocumentRow.id.in_(ids), DocumentRow.content_hash.in_(ids))
                )
            ).all()
        wanted = set(ids)
        return {x for row in rows for x in row if x in wanted}

    def has_url(self, url: str) -> bool:
        """Whether a document with this URL is stored (feeds skip fetching it again)."""
        with self.session() as s:
            return (
                s.scalar(select(DocumentRow.id).where(DocumentRow.url == url).limit(1)) is not None
            )

    def document(self, document_id: str) -> Document | None:
        with self.session() as s:
            row = s.get(DocumentRow, document_id)
            return _row_to_document(row) if row else None

    def documents(
        self,
        *,
        ids: Sequence[str] | None = None,
        copies: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Document]:
        """Stored documents in ingest order; `copies=False` leaves syndicated copies out."""
        q = select(DocumentRow).order_by(DocumentRow.ingested_at, DocumentRow.id)
        if ids is not None:
            q = q.where(DocumentRow.id.in_(list(ids)))
        if not copies:
            q = q.where(DocumentRow.duplicate_of.is_(None))
        q = q.offset(offset)
        if limit is not None:
            q = q.limit(limit)
        with self.session() as s:
            return [_row_to_document(r) for r in s.scalars(q)]

    def near_duplicate(self, sig: MinHashSignature) -> tuple[str, float] | None:
        """The stored original this signature copies (id, similarity), if any."""
        keys = sig.band_keys(self.document_rules)
        with self.session() as s:
            cand = s.execute(
                select(DocumentRow.id, DocumentRow.minhash, DocumentRow.duplicate_of)
                .join(DocumentBand, DocumentBand.document_id == DocumentRow.id)
                # OR of (band, key) pairs: each term is an index lookup on both backends
                # (a row-value IN list makes SQLite scan the table).
                .where(or_(*(and_(DocumentBand.band == b, DocumentBand.key == k) for b, k in keys)))
                .distinct()
            ).all()
        best: tuple[str, float] | None = None
        for doc_id, raw, original in cand:
            if raw is None:
                continue
            sim = sig.jaccard(MinHashSignature.from_bytes(raw))
            if sim >= self.document_rules.threshold and (best is None or sim > best[1]):
                best = (original or doc_id, sim)
        return best

    def add_document(
        self,
        doc: Document,
        events: Sequence[Event],
        *,
        run_id: int | None = None,
        signature: MinHashSignature | None = None,
        duplicate_of: str | None = None,
        similarity: float | None = None,
    ) -> StoredDocument:
        """Store one document with its extracted events, in one transaction.

        A copy (`duplicate_of` set) keeps no reports of its own: it is linked to the
        events of its original. Otherwise each event becomes a report that joins the
        event of the same incident already stored (cross-report dedup) or starts a new one.
        """
        for attempt in range(3):
            out = StoredDocument(
                doc.id, "copy" if duplicate_of else "new", duplicate_of=duplicate_of
            )
            try:
                with self.write_session() as s:
                    self._store_document(
                        s, doc, events, out, run_id, signature, duplicate_of, similarity
                    )
                return out
            except IntegrityError:
                # A concurrent run stored this document, or took an event id first.
                if doc.id in self.known_documents([doc.id]):
                    out.status = "exists"
                    out.new_events, out.merged_events = [], []
                    return out
                if attempt == 2:
                    raise
                log.info("storing %s again after a concurrent write", doc.id)
        raise AssertionError("unreachable")

    def _store_document(
        self,
        s: Session,
        doc: Document,
        events: Sequence[Event],
        out: StoredDocument,
        run_id: int | None,
        signature: MinHashSignature | None,
        duplicate_of: str | None,
        similarity: float | None,
    ) -> None:
        now = _now()
        published = doc.published
        if published is not None and not isinstance(published, date):
            published = parse_published(published, doc.id)
        if s.get(DocumentRow, doc.id) is not None:
            out.status = "exists"
            return
        s.add(
            DocumentRow(
                id=doc.id,
                content_hash=content_id(doc.text),
                url=doc.url,
                source=doc.source,
                title=doc.title,
                published=published,
                language=doc.language,
                country_hint=doc.country_hint,
                text=doc.text,
                meta=doc.meta or None,
                duplicate_of=duplicate_of,
                similarity=similarity,
                minhash=signature.to_bytes() if signature is not None else None,
                n_reports=0 if duplicate_of else len(events),
                run_id=run_id,
                ingested_at=now,
            )
        )
        s.flush()
        if signature is not None:
            s.add_all(
                DocumentBand(band=b, key=k, document_id=doc.id)
                for b, k in signature.band_keys(self.document_rules)
            )
        if duplicate_of:
            linked = s.scalars(
                select(EventDocument.event_id).where(
                    EventDocument.document_id == duplicate_of,
                    EventDocument.role == "report",
                )
            ).all()
            for event_id in linked:
                self._refresh_event(s, event_id, now)
        else:
            for ordinal, ev in enumerate(events):
                self._add_report(s, doc, ordinal, ev, now, out)
        s.commit()

    def _add_report(
        self, s: Session, doc: Document, ordinal: int, ev: Event, now: datetime, out: StoredDocument
    ) -> None:
        ev.document_id = doc.id
        if not ev.source and doc.source:
            ev.source = doc.source
        record = ev.to_dict()
        report = ReportRow(
            document_id=doc.id,
            ordinal=ordinal,
            event_type=ev.event_type,
            sub_event_type=ev.sub_event_type,
            event_date=parse_date(ev.event_date),
            record=record,
        )
        s.add(report)
        s.flush()
        s.add_all(
            EvidenceRow(
                report_id=report.id,
                field=name,
                document_id=span.document_id or doc.id,
                start=span.start,
                end=span.end,
                text=span.text,
            )
            for name, span in ev.evidence.items()
        )
        target = self._find_incident(s, ev)
        if target is None:
            target = self._free_id(s, record.get("event_id_cnty") or "", doc.id, ordinal)
            out.new_events.append(target)
        else:
            out.merged_events.append(target)
        report.event_id = target
        s.flush()
        self._refresh_event(s, target, now)

    def _free_id(
        self,
        s: Session,
        wanted: str,
        document_id: str,
        ordinal: int,
        taken: Iterable[str] = (),
        reuse_alias: bool = False,
    ) -> str:
        """The extractor's id for a new event when it is usable and free, else a hash id.

        `reuse_alias` lets dedup give a merged-away id back to the incident it named
        when a split brings that incident back.
        """
        taken = set(taken)

        def free(candidate: str) -> bool:
            return (
                0 < len(candidate) <= 32
                and candidate not in taken
                and s.get(EventRow, candidate) is None
                and (reuse_alias or s.get(EventAlias, candidate) is None)
            )

        if free(wanted):
            return wanted
        candidate = new_event_id(document_id, ordinal)
        while not free(candidate):
            candidate = new_event_id(candidate, ordinal)
        return candidate

    def _find_incident(self, s: Session, ev: Event) -> str | None:
        """The stored event that this report tells again, if any (closest wins)."""
        day = parse_date(ev.event_date)
        if day is None:
            return None
        window = timedelta(days=self.event_rules.max_days)
        conds = [EventRow.event_date >= day - window, EventRow.event_date <= day + window]
        conds.append(EventRow.event_type.in_(self.event_rules.types_in_family(ev)))
        if ev.country:
            conds.append(or_(_ci(EventRow.country, ev.country), EventRow.country == ""))
        rows = s.scalars(select(EventRow).where(*conds)).all()
        best, best_score = None, None
        for row in rows:
            cand = _row_to_event(row)
            cand.document_id = ""
            if not same_incident(ev, cand, self.event_rules):
                continue
            shared = s.scalar(
                select(func.count())
                .select_from(ReportRow)
                .where(ReportRow.event_id == row.id, ReportRow.document_id == ev.document_id)
            )
            if shared:
                continue
            km = distance_km(ev, cand)
            score = (abs((row.event_date - day).days), km if km is not None else 1e9)
            if best_score is None or score < best_score:
                best, best_score = row.id, score
        return best

    def _refresh_event(self, s: Session, event_id: str, now: datetime) -> bool:
        """Recompute one event from its reports (and copies); True when it changed."""
        reports = s.scalars(
            select(ReportRow).where(ReportRow.event_id == event_id).order_by(ReportRow.id)
        ).all()
        row = s.get(EventRow, event_id)
        if not reports:
            if row is not None:
                s.delete(row)
            return row is not None
        merged = merge_reports([Event.from_dict(r.record) for r in reports], self.event_rules)
        report_docs = list(dict.fromkeys(r.document_id for r in reports))
        copy_rows = s.execute(
            select(DocumentRow.id, DocumentRow.source).where(
                DocumentRow.duplicate_of.in_(report_docs)
            )
        ).all()
        sources = [x for x in merged.source.split("; ") if x]
        for _, src in copy_rows:
            if src and src not in sources:
                sources.append(src)
        merged.source = "; ".join(sources)
        values: dict[str, Any] = {c: getattr(merged, c) for c in _EVENT_COLUMNS}
        values["document_id"] = reports[0].document_id
        values["event_date"] = parse_date(merged.event_date)
        values["evidence"] = {k: v.to_dict() for k, v in merged.evidence.items()}
        values["n_reports"] = len(reports)
        values["n_documents"] = len(report_docs) + len(copy_rows)
        if values["year"] is None and values["event_date"] is not None:
            values["year"] = values["event_date"].year
        changed = row is None
        if row is None:
            row = EventRow(id=event_id, created_at=now, updated_at=now, revision=1, **values)
            s.add(row)
        else:
            changed = any(getattr(row, k) != v for k, v in values.items())
            if changed:
                for k, v in values.items():
                    setattr(row, k, v)
                row.revision = (row.revision or 0) + 1
                row.updated_at = now
        links = {d: "report" for d in report_docs}
        links.update({d: "copy" for d, _ in copy_rows})
        s.execute(delete(EventDocument).where(EventDocument.event_id == event_id))
        s.flush()
        s.add_all(EventDocument(event_id=event_id, document_id=d, role=r) for d, r in links.items())
        s.flush()
        return changed

    # ---------------------------------------------------------------- dedup
    def dedup(self) -> DedupReport:
        """Re-cluster every report into incidents and rewrite the events table.

        Ids are kept stable: each incident keeps the id most of its reports had; an id
        that loses all its reports becomes an alias of the incident that took them.
        """
        now = _now()
        out = DedupReport()
        with self.write_session() as s:
            rows = s.scalars(select(ReportRow).order_by(ReportRow.id)).all()
            out.reports = len(rows)
            out.events_before = s.scalar(select(func.count()).select_from(EventRow)) or 0
            reports = [Event.from_dict(r.record) for r in rows]
            for r, row in zip(reports, rows, strict=True):
                r.document_id = row.document_id
            groups = cluster(reports, self.event_rules)
            groups.sort(key=lambda g: (-len(g), min(g)))
            taken: dict[str, int] = {}
            assignment: list[str] = []
            for gi, g in enumerate(groups):
                counts = Counter(rows[i].event_id for i in g if rows[i].event_id)
                chosen = next(
                    (
                        eid
                        for eid, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
                        if eid not in taken
                    ),
                    None,
                )
                if chosen is None:
                    first = rows[min(g)]
                    wanted = (first.record or {}).get("event_id_cnty") or ""
                    chosen = self._free_id(
                        s, wanted, first.document_id, first.ordinal, taken, reuse_alias=True
                    )
                    if counts:
                        out.split += 1
                taken[chosen] = gi
                assignment.append(chosen)
            old_members: dict[str, set[int]] = {}
            for row in rows:
                if row.event_id:
                    old_members.setdefault(row.event_id, set()).add(row.id)
            changed = [
                eid
                for eid, gi in taken.items()
                if old_members.get(eid) != {rows[i].id for i in groups[gi]}
            ]
            old_to_new: dict[str, Counter] = {}
            for gi, g in enumerate(groups):
                for i in g:
                    old = rows[i].event_id
                    if old:
                        old_to_new.setdefault(old, Counter())[assignment[gi]] += 1
                    rows[i].event_id = assignment[gi]
            s.flush()
            for old, targets in old_to_new.items():
                if old in taken:
                    continue
                target = targets.most_common(1)[0][0]
                out.merged += 1
                existing = s.get(EventAlias, old)
                if existing is None:
                    s.add(EventAlias(alias=old, event_id=target, created_at=now))
                else:
                    existing.event_id = target
                s.execute(
                    update(EventAlias).where(EventAlias.event_id == old).values(event_id=target)
                )
            # An id that is an event again is no longer an alias.
            revived = [a for a in s.scalars(select(EventAlias.alias)) if a in taken]
            stale = [e for e in s.scalars(select(EventRow.id)) if e not in taken]
            for chunk in _chunks(revived):
                s.execute(delete(EventAlias).where(EventAlias.alias.in_(chunk)))
            for chunk in _chunks(stale):
                s.execute(delete(EventDocument).where(EventDocument.event_id.in_(chunk)))
                s.execute(delete(EventRow).where(EventRow.id.in_(chunk)))
            s.flush()
            # Only incidents whose reports changed are recomputed.
            for eid in changed:
                if self._refresh_event(s, eid, now):
                    out.revised += 1
            s.commit()
            out.events_after = len(taken)
        return out

    # ---------------------------------------------------------------- events
    def resolve(self, event_id: str) -> str | None:
        """The current id of an event, following merges (None when unknown)."""
        with self.session() as s:
            for _ in range(32):
                if s.get(EventRow, event_id) is not None:
                    return event_id
                alias = s.get(EventAlias, event_id)
                if alias is None:
                    return None
                event_id = alias.event_id
        return None

    def event(self, event_id: str) -> Event | None:
        """One event by id; an id merged into another event resolves to that event."""
        current = self.resolve(event_id)
        if current is None:
            return None
        with self.session() as s:
            return _row_to_event(s.get(EventRow, current))

    def _event_query(self, f: EventFilter):
        q = select(EventRow)
        conds = []
        start, end = parse_date(f.start), parse_date(f.end)
        if start:
            conds.append(EventRow.event_date >= start)
        if end:
            conds.append(EventRow.event_date <= end)
        for name in ("country", "admin1", "admin2", "event_type", "sub_event_type"):
            value = getattr(f, name)
            if value:
                conds.append(_ci(getattr(EventRow, name), value))
        if f.actor:
            pat = f"%{f.actor.strip().lower()}%"
            conds.append(
                or_(
                    *(
                        func.lower(getattr(EventRow, c)).like(pat)
                        for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
                    )
                )
            )
        if f.text:
            pat = f"%{f.text.strip().lower()}%"
            in_docs = exists(
                select(EventDocument.event_id)
                .join(DocumentRow, DocumentRow.id == EventDocument.document_id)
                .where(
                    EventDocument.event_id == EventRow.id, func.lower(DocumentRow.text).like(pat)
                )
            )
            conds.append(
                or_(
                    *(
                        func.lower(getattr(EventRow, c)).like(pat)
                        for c in ("notes", "location", "actor1", "actor2", "source")
                    ),
                    in_docs,
                )
            )
        if f.document_id:
            conds.append(
                exists(
                    select(EventDocument.event_id).where(
                        EventDocument.event_id == EventRow.id,
                        EventDocument.document_id == f.document_id,
                    )
                )
            )
        if f.updated_since:
            conds.append(EventRow.updated_at >= f.updated_since)
        if f.ids is not None:
            conds.append(EventRow.id.in_(list(f.ids)))
        if conds:
            q = q.where(and_(*conds))
        if f.sort:
            name = f.sort.lstrip("-")
            if name not in SORT_COLUMNS:
                raise ValueError(f"cannot sort by {name!r}; use one of {', '.join(SORT_COLUMNS)}")
            column = getattr(EventRow, name)
            q = q.order_by(column.desc() if f.sort.startswith("-") else column)
        if f.newest_first:
            q = q.order_by(EventRow.event_date.desc(), EventRow.id)
        else:
            q = q.order_by(EventRow.event_date, EventRow.id)
        return q

    def events(self, f: EventFilter | None = None) -> list[Event]:
        """Events matching a filter, ordered by date then id."""
        q = self._event_query(f or EventFilter())
        f = f or EventFilter()
        if f.offset:
            q = q.offset(f.offset)
        if f.limit is not None:
            q = q.limit(f.limit)
        with self.session() as s:
            return [_row_to_event(r) for r in s.scalars(q)]

    def count_events(self, f: EventFilter | None = None) -> int:
        q = self._event_query(f or EventFilter()).order_by(None)
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(q.subquery())) or 0

    def event_table(self, f: EventFilter | None, columns: Sequence[str]) -> list[tuple]:
        """Only some columns of the matching events, as tuples in the filter's order.

        Maps, alerts and timelines over a large store need a few columns of many events;
        skipping the full `Event` records (and their evidence) makes that much cheaper.
        "id" is the event id; other names are columns of the events table.
        """
        f = f or EventFilter()
        q = self._event_query(f).with_only_columns(*(getattr(EventRow, c) for c in columns))
        if f.offset:
            q = q.offset(f.offset)
        if f.limit is not None:
            q = q.limit(f.limit)
        with self.session() as s:
            return [tuple(r) for r in s.execute(q)]

    def event_totals(self, f: EventFilter | None, by: Sequence[str]) -> list[tuple]:
        """(values of `by`..., events, fatalities) per group of the matching events.

        Counting in the database keeps aggregates over a large store fast; callers
        roll days up into weeks or months themselves (date functions differ by backend).
        """
        inner = self._event_query(f or EventFilter()).order_by(None).subquery()
        cols = [getattr(inner.c, c) for c in by]
        q = select(*cols, func.count(), func.coalesce(func.sum(inner.c.fatalities), 0))
        q = q.group_by(*cols).order_by(*cols)
        with self.session() as s:
            return [tuple(r) for r in s.execute(q)]

    def event_documents(self, event_id: str) -> list[tuple[Document, str]]:
        """The documents behind an event with their role ("report" or "copy")."""
        current = self.resolve(event_id)
        if current is None:
            return []
        with self.session() as s:
            rows = s.execute(
                select(DocumentRow, EventDocument.role)
                .join(EventDocument, EventDocument.document_id == DocumentRow.id)
                .where(EventDocument.event_id == current)
                .order_by(DocumentRow.ingested_at, DocumentRow.id)
            ).all()
            return [(_row_to_document(d), role) for d, role in rows]

    def event_reports(self, event_id: str) -> list[Event]:
        """Each source's own account of an event (with that source's evidence)."""
        current = self.resolve(event_id)
        if current is None:
            return []
        with self.session() as s:
            rows = s.scalars(
                select(ReportRow).where(ReportRow.event_id == current).order_by(ReportRow.id)
            ).all()
            return [Event.from_dict(r.record) for r in rows]

    def event_evidence(self, event_id: str) -> list[dict[str, Any]]:
        """Every evidence span of every report of an event, source by source."""
        current = self.resolve(event_id)
        if current is None:
            return []
        with self.session() as s:
            rows = s.execute(
                select(EvidenceRow, ReportRow.ordinal)
                .join(ReportRow, ReportRow.id == EvidenceRow.report_id)
                .where(ReportRow.event_id == current)
                .order_by(EvidenceRow.report_id, EvidenceRow.id)
            ).all()
            return [
                {
                    "report_id": e.report_id,
                    "field": e.field,
                    "document_id": e.document_id,
                    "start": e.start,
                    "end": e.end,
                    "text": e.text,
                }
                for e, _ in rows
            ]

    # ---------------------------------------------------------------- runs, stats
    def start_run(self, kind: str, params: dict[str, Any] | None = None) -> int:
        """Record a run as running; runs of this machine whose process died are marked
        "interrupted" (their documents are stored; the new run finishes the rest)."""
        params = {**(params or {}), "pid": os.getpid(), "host": socket.gethostname()}
        with self.write_session() as s:
            stale = s.scalars(select(RunRow).where(RunRow.status == "running")).all()
            for run in stale:
                p = run.params or {}
                if p.get("host") == params["host"] and not _alive(p.get("pid")):
                    run.status = "interrupted"
            run = RunRow(kind=kind, status="running", started_at=_now(), params=params)
            s.add(run)
            s.commit()
            return run.id

    def finish_run(self, run_id: int, stats: dict[str, Any], status: str = "done") -> None:
        with self.write_session() as s:
            run = s.get(RunRow, run_id)
            if run is not None:
                run.status = status
                run.finished_at = _now()
                run.stats = stats
                s.commit()

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.session() as s:
            rows = s.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(limit)).all()
            return [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "status": r.status,
                    "started_at": r.started_at,
                    "finished_at": r.finished_at,
                    "params": r.params,
                    "stats": r.stats,
                }
                for r in rows
            ]

    def stats(self) -> dict[str, int]:
        """Row counts: documents (and copies), reports, events, aliases, runs."""

        def count(model, *where) -> int:
            q = select(func.count()).select_from(model)
            if where:
                q = q.where(*where)
            return s.scalar(q) or 0

        with self.session() as s:
            return {
                "documents": count(DocumentRow),
                "copies": count(DocumentRow, DocumentRow.duplicate_of.is_not(None)),
                "reports": count(ReportRow),
                "events": count(EventRow),
                "aliases": count(EventAlias),
                "runs": count(RunRow),
            }
