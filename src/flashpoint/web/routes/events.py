"""Events: pages of events, one event with its sources and evidence, GeoJSON, CSV, totals."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import StreamingResponse

from flashpoint.models import ACLED_COLUMNS, EXTRA_COLUMNS, Event
from flashpoint.store import EventFilter
from flashpoint.web.auth import ReadAccess
from flashpoint.web.cache import TtlCache
from flashpoint.web.deps import CacheDep, DatasetDep, SettingsDep
from flashpoint.web.evidence import field_evidence
from flashpoint.web.jsonio import FastJSON
from flashpoint.web.params import Filters, Paging, bad_param

router = APIRouter(
    prefix="/api", default_response_class=FastJSON, tags=["events"], dependencies=[ReadAccess]
)

# The columns a map point needs; everything else is one click away (/api/events/{id}).
_POINT_COLUMNS = (
    "id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "fatalities",
    "latitude",
    "longitude",
)
_CSV_CHUNK = 2000


def _key(kwargs: dict[str, Any]) -> tuple:
    return tuple(sorted(kwargs.items()))


def _count(ds, cache: TtlCache, kwargs: dict[str, Any]) -> int:
    """How many events match; cached briefly, since every page of a view asks again."""
    return cache.get_or_compute(
        ("count", _key(kwargs)), lambda: ds.store.count_events(EventFilter(**kwargs))
    )


def _totals(ds, cache: TtlCache, kwargs: dict[str, Any], cols: list[str]) -> list[tuple]:
    """Grouped totals; cached briefly, since every dashboard view with these filters
    asks the same question (writes through the API clear the cache)."""
    return cache.get_or_compute(
        ("totals", _key(kwargs), tuple(cols)),
        lambda: ds.store.event_totals(EventFilter(**kwargs), cols),
    )


def _summary(ev: Event) -> dict[str, Any]:
    """An event for lists: every column, and the names of the fields that have evidence."""
    out = ev.to_dict()
    out["evidence_fields"] = sorted(out.pop("evidence"))
    return out


@router.get("/events", summary="Events, filtered, sorted and paged")
def list_events(ds: DatasetDep, cache: CacheDep, filters: Filters, paging: Paging) -> FastJSON:
    """The `flashpoint events` filters, plus `limit`/`offset` paging and `sort`."""
    f = EventFilter(**filters.kwargs(), limit=paging.limit, offset=paging.offset, sort=paging.sort)
    events = ds.store.events(f)
    total = _count(ds, cache, filters.kwargs())
    return FastJSON(
        {
            "total": total,
            "limit": paging.limit,
            "offset": paging.offset,
            "sort": paging.sort,
            "events": [_summary(ev) for ev in events],
        }
    )


@router.get("/events.geojson", summary="Events as GeoJSON points")
def events_geojson(
    ds: DatasetDep,
    cache: CacheDep,
    settings: SettingsDep,
    filters: Filters,
    limit: Annotated[int | None, Query(ge=1, description="At most this many points.")] = None,
) -> FastJSON:
    """Newest events first, up to `limit` (the server's --max-geojson at most).

    Events without coordinates are counted in `total` but have no point.
    """
    largest = settings.max_geojson
    if limit is not None and limit > largest:
        raise bad_param("limit", f"limit must be at most {largest}")
    f = EventFilter(**filters.kwargs(), limit=limit or largest, newest_first=True)
    rows = ds.store.event_table(f, _POINT_COLUMNS)
    total = _count(ds, cache, filters.kwargs())
    features = []
    for row in rows:
        props = dict(zip(_POINT_COLUMNS, row, strict=True))
        lat, lon = props.pop("latitude"), props.pop("longitude")
        if lat is None or lon is None:
            continue
        props["event_date"] = props["event_date"].isoformat() if props["event_date"] else None
        features.append(
            {
                "type": "Feature",
                "id": props["id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return FastJSON(
        {
            "type": "FeatureCollection",
            "total": total,
            "returned": len(rows),
            "truncated": total > len(rows),
            "features": features,
        }
    )


def _csv_cell(value: Any) -> Any:
    """A cell safe to open in a spreadsheet: text that looks like a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@router.get(
    "/events.csv",
    summary="Events as ACLED-column CSV",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
def events_csv(ds: DatasetDep, filters: Filters, acled_only: bool = False) -> StreamingResponse:
    """All matching events (streamed), ACLED's columns then flashpoint's unless acled_only."""
    cols = ACLED_COLUMNS if acled_only else ACLED_COLUMNS + EXTRA_COLUMNS
    kwargs = filters.kwargs()
    ds.store.count_events(EventFilter(**kwargs))  # fail now, not mid-stream

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        offset = 0
        while True:
            chunk = ds.store.events(EventFilter(**kwargs, limit=_CSV_CHUNK, offset=offset))
            for ev in chunk:
                writer.writerow([_csv_cell(getattr(ev, c)) for c in cols])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
            if len(chunk) < _CSV_CHUNK:
                return
            offset += _CSV_CHUNK

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="flashpoint-events.csv"'},
    )


class Interval(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    none = "none"


class GroupBy(StrEnum):
    event_type = "event_type"
    sub_event_type = "sub_event_type"
    disorder_type = "disorder_type"
    country = "country"
    admin1 = "admin1"
    admin2 = "admin2"
    none = "none"


def _period(day: date | None, interval: Interval) -> str | None:
    """The ISO date that starts the day's window (weeks start on Monday)."""
    if day is None:
        return None
    if interval is Interval.week:
        day = day - timedelta(days=day.weekday())
    elif interval is Interval.month:
        day = day.replace(day=1)
    return day.isoformat()


@router.get("/aggregates", summary="Event counts and fatalities per window and group")
def aggregates(
    ds: DatasetDep,
    cache: CacheDep,
    filters: Filters,
    interval: Interval = Interval.week,
    by: GroupBy = GroupBy.event_type,
) -> FastJSON:
    """Rows of {period, key, events, fatalities}, by date window and/or a column.

    `period` is the first day of the window (weeks start on Monday) and null for
    `interval=none`; `key` is the group's value and null for `by=none`.
    """
    cols = [] if interval is Interval.none else ["event_date"]
    if by is not GroupBy.none:
        cols.append(by.value)
    kw = filters.kwargs()
    if not cols:
        return FastJSON(
            {
                "interval": interval,
                "by": by,
                "rows": [
                    {
                        "period": None,
                        "key": None,
                        "events": _count(ds, cache, kw),
                        "fatalities": sum(r[-1] for r in _totals(ds, cache, kw, ["event_type"])),
                    }
                ],
            }
        )
    sums: dict[tuple[str | None, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for row in _totals(ds, cache, kw, cols):
        values = dict(zip(cols, row, strict=False))
        period = _period(values.get("event_date"), interval) if "event_date" in values else None
        key = values.get(by.value) if by is not GroupBy.none else None
        cell = sums[(period, key)]
        cell[0] += int(row[-2])
        cell[1] += int(row[-1] or 0)
    ordered = sorted(sums.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or ""))
    return FastJSON(
        {
            "interval": interval,
            "by": by,
            "rows": [
                {"period": p, "key": k, "events": n, "fatalities": fat}
                for (p, k), (n, fat) in ordered
            ],
        }
    )


@router.get("/facets", summary="Values to filter by, with counts")
def facets(ds: DatasetDep, cache: CacheDep, filters: Filters) -> FastJSON:
    """Countries, first-level units and event types of the matching events, most first."""
    kw = filters.kwargs()
    out: dict[str, Any] = {}
    for name in ("country", "admin1", "event_type"):
        rows = _totals(ds, cache, kw, [name])
        rows = sorted((r for r in rows if r[0]), key=lambda r: (-r[1], r[0]))[:300]
        out[name] = [{"value": r[0], "events": r[1]} for r in rows]
    rows = _totals(ds, cache, kw, ["event_date"])
    dates = [r[0] for r in rows if r[0] is not None]
    out["first_date"] = dates[0].isoformat() if dates else None
    out["last_date"] = dates[-1].isoformat() if dates else None
    return FastJSON(out)


@router.get("/events/{event_id}", summary="One event with its sources and evidence")
def get_event(event_id: str, ds: DatasetDep) -> FastJSON:
    """The event (merged ids resolve), the documents behind it and, per coded field, its
    source sentence split around the evidence span."""
    if len(event_id) > 64:
        raise bad_param("event_id", "event ids are at most 64 characters")
    ev = ds.event(event_id)
    if ev is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no event {event_id!r}")
    sources = ds.sources(ev.event_id_cnty)
    documents = {doc.id: doc for doc, _ in sources}
    missing = {s.document_id for s in ev.evidence.values()} - documents.keys()
    for doc_id in missing:
        doc = ds.document(doc_id)
        if doc is not None:
            documents[doc_id] = doc
    record = ev.to_dict()
    record.pop("evidence")
    return FastJSON(
        {
            "event": record,
            "requested_id": event_id,
            "sources": [
                {
                    "document_id": doc.id,
                    "role": role,
                    "title": doc.title,
                    "source": doc.source,
                    "url": doc.url,
                    "published": doc.published.isoformat() if doc.published else None,
                }
                for doc, role in sources
            ],
            "fields": field_evidence(ev, documents),
            "reports": [
                {k: v for k, v in r.to_dict().items() if k != "evidence"}
                for r in ds.reports(ev.event_id_cnty)
            ],
            "evidence": ds.evidence(ev.event_id_cnty),
        }
    )
