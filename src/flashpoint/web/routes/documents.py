"""Documents: the stored articles with their text, and ingesting a new one (a write)."""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from flashpoint.models import Document
from flashpoint.store import EventFilter
from flashpoint.web.auth import ReadAccess, WriteAccess
from flashpoint.web.deps import DatasetDep
from flashpoint.web.jsonio import FastJSON
from flashpoint.web.params import bad_param

router = APIRouter(prefix="/api", default_response_class=FastJSON, tags=["documents"])

# One writer at a time: ingest and dedup each rewrite events, and SQLite has one writer.
_WRITE_LOCK = threading.Lock()


def _meta(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.language,
        "country_hint": doc.country_hint,
        "duplicate_of": doc.meta.get("duplicate_of"),
        "chars": len(doc.text),
    }


@router.get("/documents", summary="Stored documents", dependencies=[ReadAccess])
def list_documents(
    request: Request,
    ds: DatasetDep,
    limit: Annotated[int, Query(ge=1)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    copies: bool = True,
) -> FastJSON:
    """Documents in ingest order, without their text (one document: /documents/{id})."""
    largest = request.app.state.settings.max_page
    if limit > largest:
        raise bad_param("limit", f"limit must be at most {largest}")
    docs = ds.documents(limit=limit, offset=offset, copies=copies)
    return FastJSON({"limit": limit, "offset": offset, "documents": [_meta(d) for d in docs]})


@router.get(
    "/documents/{document_id}",
    summary="One document with its text and events",
    dependencies=[ReadAccess],
)
def get_document(document_id: str, ds: DatasetDep) -> FastJSON:
    if len(document_id) > 64:
        raise bad_param("document_id", "document ids are at most 64 characters")
    doc = ds.document(document_id)
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no document {document_id!r}")
    event_ids = [r[0] for r in ds.store.event_table(EventFilter(document_id=doc.id), ["id"])]
    return FastJSON({**_meta(doc), "text": doc.text, "events": event_ids})


class NewDocument(BaseModel):
    """An article to code and store. Only `text` is required."""

    text: Annotated[str, Field(min_length=1, max_length=2_000_000)]
    published: date | None = Field(None, description="Publication date (anchors 'on Monday').")
    url: Annotated[str | None, Field(max_length=2000)] = None
    source: Annotated[str | None, Field(max_length=300)] = None
    title: Annotated[str | None, Field(max_length=1000)] = None
    country_hint: Annotated[str | None, Field(max_length=100)] = None


@router.post(
    "/documents",
    summary="Ingest one article (needs the token)",
    status_code=status.HTTP_201_CREATED,
    dependencies=[WriteAccess],
)
def post_document(body: NewDocument, request: Request, ds: DatasetDep) -> dict[str, Any]:
    """Code the article, store it and merge its events into the dataset.

    Posting the same text again stores nothing new (ingest is idempotent).
    """
    doc = Document(
        text=body.text,
        published=body.published,
        url=body.url,
        source=body.source,
        title=body.title,
        country_hint=body.country_hint,
    )
    with _WRITE_LOCK:
        summary = ds.ingest(doc, extractor=request.app.state.extractor, published=body.published)
    request.app.state.cache.clear()
    event_ids = [r[0] for r in ds.store.event_table(EventFilter(document_id=doc.id), ["id"])]
    return {"document_id": doc.id, "summary": summary.to_dict(), "events": event_ids}


@router.post(
    "/dedup",
    summary="Re-cluster all reports into events (needs the token)",
    tags=["events"],
    dependencies=[WriteAccess],
)
def post_dedup(request: Request, ds: DatasetDep) -> dict[str, int]:
    with _WRITE_LOCK:
        report = ds.dedup()
    request.app.state.cache.clear()
    return report.to_dict()
