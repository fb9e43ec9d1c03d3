"""RSS and Atom feeds (feedparser): one document per item, its page fetched politely.

Each item's link is fetched and its article extracted (see `flashpoint.ingest.html`);
the item's own date and title fill what the page lacks. When the page cannot be had,
the item's full content is used if the feed carries it; a mere teaser is skipped.
Items whose URL is already stored are not fetched again (`seen_url`), which makes
polling a feed cheap.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from flashpoint.ingest.html import document_from_html
from flashpoint.ingest.skips import skip
from flashpoint.ingest.web import Fetcher, is_url
from flashpoint.models import Document

# A feed item's own text counts as the article only when it is at least this long.
MIN_CONTENT_WORDS = 60


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file or response are an RSS/Atom/RDF document."""
    sample = head[:2048].lstrip().lower()
    if not sample.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return False
    return any(tag in sample for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _entry_date(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), UTC)
    return None


def _entry_text(entry) -> str:
    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    html = "\n".join(p for p in parts if p)
    if not html:
        return ""
    doc = document_from_html(
        f"<html><body><article>{html}</article></body></html>", origin="-", report=False
    )
    return doc.text if doc else ""


def read_feed(
    source: str,
    *,
    fetcher: Fetcher,
    seen_url: Callable[[str], bool] | None = None,
    raw: bytes | None = None,
) -> Iterator[Document]:
    """Documents for the items of a feed given as a file path or URL."""
    if raw is None:
        if is_url(source):
            resp = fetcher.get(source)
            if resp is None:
                return
            raw = resp.content
        else:
            try:
                raw = Path(source).read_bytes()
            except OSError as exc:
                skip(source, f"unreadable feed ({exc.strerror})")
                return
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        skip(source, f"no feed items{why}")
        return
    feed_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        origin = link or f"{source}#item{n}"
        if link and seen_url is not None and seen_url(link):
            skip(origin, "already stored", level=10)
            continue
        published = _entry_date(entry)
        doc, why = None, "no link"
        if link and is_url(link):
            resp, why = fetcher.fetch(link)
            if resp is not None:
                doc = document_from_html(
                    resp.content, url=str(resp.url), origin=origin, report=False
                )
                why = "no article text in page"
        if doc is None:
            text = _entry_text(entry)
            if len(text.split()) < MIN_CONTENT_WORDS:
                skip(origin, f"no article text (page: {why}; the feed item has only a teaser)")
                continue
            doc = Document(text=text, url=link)
        if doc.published is None and published is not None:
            doc.published = published.date()
        doc.url = link or doc.url
        doc.title = doc.title or entry.get("title")
        doc.source = doc.source or feed_title or (urlsplit(link).netloc if link else None)
        doc.meta = {**doc.meta, "feed": source}
        yield doc
