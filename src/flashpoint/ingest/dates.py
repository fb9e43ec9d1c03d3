"""Publication dates from whatever a source gives: ISO strings, RFC 822, free text."""

from __future__ import annotations

import logging
from datetime import date, datetime

from dateutil import parser as du_parser

log = logging.getLogger(__name__)


def parse_published(value, origin: str = "") -> date | None:
    """A date from a date, datetime or string; a malformed value is logged and gives None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        log.warning("%s: ignored publication date of type %s", origin, type(value).__name__)
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return du_parser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError):
        log.warning("%s: ignored malformed publication date %r", origin, value[:40])
        return None
