"""Article text, title and publication date from an HTML page (trafilatura).

trafilatura strips navigation, ads and comments and finds the date in the page's
metadata (htmldate); what it cannot find stays empty rather than guessed.
"""

from __future__ import annotations

import logging

import trafilatura

from flashpoint.ingest.dates import parse_published
from flashpoint.ingest.skips import skip as _skip
from flashpoint.models import Document

# trafilatura reports every page it finds empty at WARNING; the reader says it once.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def document_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    origin: str | None = None,
    report: bool = True,
) -> Document | None:
    """A Document from an HTML page, or None (skipped) when it holds no article text.

    `report=False` leaves the skip to the caller (a feed falls back on the item text).
    """
    origin = origin or url or "<html>"

    def skip(where: str, reason: str) -> None:
        if report:
            _skip(where, reason)

    try:
        data = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken pages
        skip(origin, f"unreadable HTML ({type(exc).__name__})")
        return None
    if data is None:
        skip(origin, "no article text in HTML")
        return None
    if not isinstance(data, dict):
        data = data.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        skip(origin, "no article text in HTML")
        return None
    return Document(
        text=text,
        published=parse_published(data.get("date"), origin),
        url=data.get("url") or url,
        source=data.get("sitename") or data.get("hostname"),
        title=data.get("title"),
        language=data.get("language"),
        meta={"origin": origin},
    )
