"""Query parameters shared by the event endpoints, validated before any query runs.

The names follow the `flashpoint events` command (start/end, country, admin1, admin2,
event_type, sub_event_type, actor, text) so a dashboard URL, an API call and a command
line read alike. Bad values are answered with 422 and a message naming the parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request, status

from flashpoint.store.repository import SORT_COLUMNS

_NAME = {"max_length": 200}


def bad_param(name: str, message: str) -> HTTPException:
    """A 422 in FastAPI's own error shape, so clients parse one format."""
    return HTTPException(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        detail=[{"loc": ["query", name], "msg": message, "type": "value_error"}],
    )


@dataclass(slots=True)
class EventFilters:
    """The filter part of an event query (no paging)."""

    start: date | None = None
    end: date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    text: str | None = None
    document_id: str | None = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `EventFilter`/`Dataset.events`, empty values left out."""
        out: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if isinstance(value, str):
                value = value.strip()
            if value not in (None, ""):
                out[name] = value
        return out


def event_filters(
    start: Annotated[date | None, Query(description="First event date (ISO, inclusive).")] = None,
    end: Annotated[date | None, Query(description="Last event date (ISO, inclusive).")] = None,
    country: Annotated[str | None, Query(description="Country name.", **_NAME)] = None,
    admin1: Annotated[str | None, Query(description="First-level unit.", **_NAME)] = None,
    admin2: Annotated[str | None, Query(description="Second-level unit.", **_NAME)] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type.", **_NAME)] = None,
    sub_event_type: Annotated[
        str | None, Query(description="ACLED sub-event type.", **_NAME)
    ] = None,
    actor: Annotated[str | None, Query(description="Part of an actor's name.", **_NAME)] = None,
    text: Annotated[
        str | None, Query(description="Text in notes, places, actors or source texts.", **_NAME)
    ] = None,
    document_id: Annotated[
        str | None, Query(description="Only events told by this document.", max_length=64)
    ] = None,
) -> EventFilters:
    if start and end and start > end:
        raise bad_param("end", f"end ({end}) is before start ({start})")
    return EventFilters(
        start, end, country, admin1, admin2, event_type, sub_event_type, actor, text, document_id
    )


Filters = Annotated[EventFilters, Depends(event_filters)]


@dataclass(slots=True)
class Page:
    limit: int
    offset: int
    sort: str | None


def page(
    request: Request,
    limit: Annotated[int, Query(ge=1, description="Events per page (at most --max-page).")] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000_000, description="Events to skip.")] = 0,
    sort: Annotated[
        str | None,
        Query(
            description=f"Sort column, '-' first for descending: {', '.join(SORT_COLUMNS)}.",
            max_length=40,
        ),
    ] = None,
) -> Page:
    largest = request.app.state.settings.max_page
    if limit > largest:
        raise bad_param("limit", f"limit must be at most {largest}")
    if sort and sort.lstrip("-") not in SORT_COLUMNS:
        raise bad_param("sort", f"cannot sort by {sort!r}; use one of {', '.join(SORT_COLUMNS)}")
    return Page(limit, offset, sort or None)


Paging = Annotated[Page, Depends(page)]
