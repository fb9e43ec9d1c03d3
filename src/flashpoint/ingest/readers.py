"""Readers: turn a source into `Document`s.

A reader never raises on one bad record: it logs the reason and moves on, so one
broken line in a corpus of thousands costs one document, not the run.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from flashpoint.ingest.dates import parse_published
from flashpoint.models import Document

log = logging.getLogger(__name__)

# Keys of a JSONL record that map onto Document fields.
_TEXT_KEYS = ("text", "body", "content", "article")


def decode_bytes(raw: bytes, origin: str) -> str | None:
    """Decode bytes as UTF-8 (with BOM) or, failing that, reject binary data clearly."""
    if b"\x00" in raw[:8192]:
        log.warning("skipped %s: binary data, not text", origin)
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        log.warning("skipped %s: undecodable bytes (not UTF-8 or Windows-1252)", origin)
        return None
    log.info("%s: not UTF-8, read as Windows-1252", origin)
    return text


def document_from_record(record: dict, origin: str) -> Document | None:
    """A Document from a dict with `text` and optional id/published/url/source/title."""
    text = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str)), None)
    if text is None:
        log.warning("skipped %s: no text field", origin)
        return None
    published = parse_published(record.get("published") or record.get("date"), origin)
    return Document(
        text=text,
        id=str(record.get("id") or ""),
        published=published,
        url=record.get("url"),
        source=record.get("source"),
        title=record.get("title"),
        language=record.get("language"),
        country_hint=record.get("country_hint"),
    )


def read_jsonl(path: Path) -> Iterator[Document]:
    """One document per JSON line; broken lines are logged and skipped."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            origin = f"{path}:{lineno}"
            line = decode_bytes(raw, origin)
            if line is None or not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                log.warning("skipped %s: broken JSON (%s)", origin, exc.msg)
                continue
            if not isinstance(record, dict):
                log.warning("skipped %s: not a JSON object", origin)
                continue
            doc = document_from_record(record, origin)
            if doc is not None:
                yield doc


def read_text_file(path: Path, published=None) -> Document | None:
    text = decode_bytes(path.read_bytes(), str(path))
    if text is None:
        return None
    return Document(text=text, published=parse_published(published, str(path)), source=path.name)


def read_inputs(inputs: Iterable[str], published=None) -> Iterator[Document]:
    """Documents from paths: `.jsonl` corpora, text files, or `-` for standard input."""
    for item in inputs:
        if item == "-":
            text = decode_bytes(sys.stdin.buffer.read(), "<stdin>")
            if text is not None:
                yield Document(text=text, published=parse_published(published, "<stdin>"))
            continue
        path = Path(item)
        if not path.exists():
            log.error("skipped %s: no such file", item)
            continue
        if path.is_dir():
            log.error("skipped %s: a folder (use `flashpoint ingest` for folders)", item)
            continue
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from read_jsonl(path)
        else:
            doc = read_text_file(path, published)
            if doc is not None:
                yield doc
