"""Gold documents and predicted events, read into one comparable shape.

Gold events (nested: `actor1.name`, `location.lat`) and predicted events (ACLED's flat
columns: `actor1`, `latitude`) describe the same things in two layouts. Both become a
`ScoredEvent`, so matching and metrics never care where an event came from.

Readers follow the project rule for bad input: a broken line or record is logged with
its line number and skipped; only an unreadable file is an error.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flashpoint.evaluate.normalize import parse_date, parse_float, parse_int

log = logging.getLogger(__name__)


class GoldFileError(Exception):
    """The gold or predictions file cannot be read at all (missing, a folder, no records)."""


@dataclass(slots=True)
class ScoredEvent:
    """The fields that scoring compares, taken from a gold or a predicted event."""

    document_id: str
    event_type: str = ""
    sub_event_type: str = ""
    date: date | None = None
    time_precision: int | None = None
    actor1: str = ""
    actor2: str = ""
    location: str = ""
    admin1: str = ""
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int = 0
    injuries: int = 0
    evidence: str = ""
    optional: bool = False
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def summary(self) -> dict[str, Any]:
        """The compared fields as plain JSON values (for error listings)."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.isoformat() if self.date else None,
            "time_precision": self.time_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": self.location,
            "admin1": self.admin1,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class GoldDocument:
    """One gold record: the document as read (for re-extraction) and its coded events."""

    id: str
    record: dict[str, Any]
    events: list[ScoredEvent]


def _name(value: object) -> str:
    """An actor or place name from either a {"name": ...} object or a plain string."""
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) else ""


def gold_event(document_id: str, data: dict[str, Any]) -> ScoredEvent:
    """A ScoredEvent from one event of a gold record (GUIDELINES.md layout)."""
    loc = data.get("location") if isinstance(data.get("location"), dict) else {}
    evidence = data.get("evidence")
    if isinstance(evidence, list):
        evidence = " ".join(str(e) for e in evidence)
    return ScoredEvent(
        document_id=document_id,
        event_type=str(data.get("event_type") or ""),
        sub_event_type=str(data.get("sub_event_type") or ""),
        date=parse_date(data.get("date")),
        time_precision=parse_int(data.get("time_precision")),
        actor1=_name(data.get("actor1")),
        actor2=_name(data.get("actor2")),
        location=_name(loc),
        admin1=str(loc.get("admin1") or ""),
        latitude=parse_float(loc.get("lat", loc.get("latitude"))),
        longitude=parse_float(loc.get("lon", loc.get("longitude"))),
        fatalities=parse_int(data.get("fatalities"), 0) or 0,
        injuries=parse_int(data.get("injuries"), 0) or 0,
        evidence=str(evidence or ""),
        optional=bool(data.get("optional")),
        raw=data,
    )


def evidence_text(evidence: object) -> str:
    """The evidence of a predicted event as readable text: its outermost spans, in order.

    A predicted event carries one span per coded field ("killed", "Tuesday") and usually
    the whole sentence; spans inside another span add nothing for a reader, so only the
    outermost ones are kept, joined by ' | '.
    """
    if isinstance(evidence, str):
        return evidence
    if not isinstance(evidence, dict):
        return ""
    spans: list[tuple[int, int, str]] = []
    loose: list[str] = []
    for span in evidence.values():
        if isinstance(span, str):
            span = {"text": span}
        if not isinstance(span, dict) or not isinstance(span.get("text"), str):
            continue
        text = span["text"].strip()
        start, end = span.get("start"), span.get("end")
        if not text:
            continue
        if isinstance(start, int) and isinstance(end, int):
            spans.append((start, end, text))
        elif text not in loose:
            loose.append(text)
    outer = sorted(
        {
            (s, e, t)
            for s, e, t in spans
            if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in spans)
        }
    )
    texts: list[str] = []
    for text in [t for _, _, t in outer] + loose:
        if text not in texts and not any(text in other for other in texts):
            texts.append(text)
    return " | ".join(texts)


def predicted_event(data: dict[str, Any]) -> ScoredEvent:
    """A ScoredEvent from one predicted event (the `flashpoint extract --format jsonl` row)."""
    return ScoredEvent(
        document_id=str(data.get("document_id") or ""),
        event_type=str(data.get("event_type") or ""),
        sub_event_type=str(data.get("sub_event_type") or ""),
        date=parse_date(data.get("event_date")),
        time_precision=parse_int(data.get("time_precision")),
        actor1=_name(data.get("actor1")),
        actor2=_name(data.get("actor2")),
        location=_name(data.get("location")),
        admin1=str(data.get("admin1") or ""),
        latitude=parse_float(data.get("latitude")),
        longitude=parse_float(data.get("longitude")),
        fatalities=parse_int(data.get("fatalities"), 0) or 0,
        injuries=parse_int(data.get("injuries"), 0) or 0,
        evidence=evidence_text(data.get("evidence")),
        raw=data,
    )


def _json_document(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Objects of a whole-file `.json` (one object, or a list): e.g. a single coded article."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise GoldFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"{path}: not a JSON document ({exc})") from exc
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items, 1):
        if isinstance(obj, dict):
            yield f"{path}#{i}", obj
        else:
            log.warning("skipped %s#%d: not a JSON object", path, i)


def _json_objects(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(origin, object) for each JSON-object line; other lines are logged and skipped.

    A `.json` file is read whole instead (one object or a list of them).
    """
    if not path.exists():
        raise GoldFileError(f"{path}: no such file")
    if path.is_dir():
        raise GoldFileError(f"{path}: is a folder, not a JSONL file")
    if path.suffix.lower() == ".json":
        yield from _json_document(path)
        return
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise GoldFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    with fh:
        for lineno, raw in enumerate(fh, 1):
            origin = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                log.warning("skipped %s: not UTF-8 text", origin)
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                log.warning("skipped %s: broken JSON (%s)", origin, exc.msg)
                continue
            if not isinstance(obj, dict):
                log.warning("skipped %s: not a JSON object", origin)
                continue
            yield origin, obj


def gold_documents(records: Iterable[tuple[str, dict[str, Any]]]) -> list[GoldDocument]:
    """GoldDocuments from (origin, record) pairs; records without text or events are skipped."""
    docs: list[GoldDocument] = []
    seen: set[str] = set()
    for origin, record in records:
        if not isinstance(record.get("text"), str):
            log.warning("skipped %s: gold record has no text", origin)
            continue
        events = record.get("events")
        if events is None:
            events = []
        if not isinstance(events, list):
            log.warning("skipped %s: `events` is not a list", origin)
            continue
        doc_id = str(record.get("id") or "") or origin
        if doc_id in seen:
            log.warning("skipped %s: duplicate gold id %r", origin, doc_id)
            continue
        seen.add(doc_id)
        parsed: list[ScoredEvent] = []
        for i, event in enumerate(events):
            if not isinstance(event, dict) or not event.get("event_type"):
                log.warning("%s: skipped gold event %d: no event_type", origin, i)
                continue
            parsed.append(gold_event(doc_id, event))
        docs.append(GoldDocument(id=doc_id, record={**record, "id": doc_id}, events=parsed))
    return docs


def read_gold(path: Path) -> list[GoldDocument]:
    """Read a gold JSONL file; raises GoldFileError when nothing usable is in it."""
    docs = gold_documents(_json_objects(path))
    if not docs:
        raise GoldFileError(f"{path}: no usable gold records")
    return docs


def read_predictions(path: Path) -> list[dict[str, Any]]:
    """Predicted event dicts from a JSONL file, one event per line; broken lines skipped."""
    rows: list[dict[str, Any]] = []
    for origin, obj in _json_objects(path):
        if not obj.get("document_id"):
            log.warning("skipped %s: prediction has no document_id", origin)
            continue
        rows.append(obj)
    return rows
