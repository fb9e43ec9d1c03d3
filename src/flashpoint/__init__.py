"""flashpoint: news reports of political violence in, ACLED-compatible events out.

    >>> import flashpoint
    >>> events = flashpoint.extract(text, published="2021-02-17")

The pipeline is a chain of small stages over plain data (see `flashpoint.pipeline`).
"""

from __future__ import annotations

from flashpoint.models import Document, Event, Evidence, Place, PlaceMention

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Event",
    "Evidence",
    "Place",
    "PlaceMention",
    "__version__",
    "extract",
    "open",
]


def extract(text: str, published=None, **meta) -> list[Event]:
    """Code the events reported in one article.

    `published` is the article's date (a `date` or an ISO string); relative dates
    ("on Monday", "Feb. 11") are resolved against it. Other keywords (`url`, `source`,
    `title`, `country_hint`, `id`) are kept on the document.
    """
    from flashpoint.pipeline import extract as _extract

    return _extract(text, published=published, **meta)


def open(db="flashpoint.db"):
    """Open the event dataset in a SQLite file or a `postgresql://` URL (see flashpoint.api)."""
    from flashpoint.api import open as _open

    return _open(db)
