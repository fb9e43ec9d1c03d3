"""Readers: turn sources into `Document`s.

A source is a text file, a folder (files found by a recursive glob), a JSONL or CSV
corpus, an HTML page (file or URL), an RSS/Atom feed (file or URL) or `-` (standard
input). A reader never raises on one bad record: it logs the reason (see
`flashpoint.ingest.skips`) and moves on, so one broken line in a corpus of thousands
costs one document, not the run.

    >>> docs = read_inputs(["corpus/", "news.csv", "https://example.org/feed.xml"])
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flashpoint.ingest.dates import parse_published
from flashpoint.ingest.skips import skip
from flashpoint.ingest.web import Fetcher, is_url
from flashpoint.models import Document

log = logging.getLogger(__name__)

# Keys of a JSONL record or CSV header that map onto Document fields, in order of preference.
_TEXT_KEYS = ("text", "body", "content", "article", "maintext", "story")
_DATE_KEYS = ("published", "date", "date_publish", "pubdate", "published_at", "publication_date")
_ID_KEYS = ("id", "doc_id", "document_id", "article_id")
_URL_KEYS = ("url", "link", "source_url")
_TITLE_KEYS = ("title", "headline")
_SOURCE_KEYS = ("source", "outlet", "publisher", "source_domain", "site")

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES


@dataclass(slots=True)
class Columns:
    """Which JSONL keys / CSV columns hold what; None picks the first usual name found."""

    text: str | None = None
    date: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    country: str | None = None


def decode_bytes(raw: bytes, origin: str) -> str | None:
    """Decode bytes as UTF-8 (with BOM) or, failing that, reject binary data clearly."""
    if b"\x00" in raw[:8192]:
        skip(origin, "binary data, not text")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        skip(origin, "undecodable bytes (not UTF-8 or Windows-1252)")
        return None
    log.info("%s: not UTF-8, read as Windows-1252", origin)
    return text


def _pick(record: dict, chosen: str | None, candidates: tuple[str, ...]):
    if chosen:
        return record.get(chosen)
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in candidates:
        value = lowered.get(key)
        if value not in (None, ""):
            return value
    return None


def document_from_record(
    record: dict, origin: str, columns: Columns | None = None, published=None
) -> Document | None:
    """A Document from a dict with `text` and optional id/published/url/source/title."""
    cols = columns or Columns()
    text = _pick(record, cols.text, _TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        where = f" in column {cols.text!r}" if cols.text else ""
        skip(origin, f"no text{where}")
        return None
    date_value = _pick(record, cols.date, _DATE_KEYS)
    doc_id = _pick(record, cols.id, _ID_KEYS)
    return Document(
        text=text,
        id=str(doc_id) if doc_id not in (None, "") else "",
        published=parse_published(date_value, origin) or parse_published(published, origin),
        url=_pick(record, cols.url, _URL_KEYS),
        source=_pick(record, cols.source, _SOURCE_KEYS),
        title=_pick(record, cols.title, _TITLE_KEYS),
        language=record.get("language"),
        country_hint=_pick(record, cols.country, ("country_hint", "country")),
    )


def read_jsonl(path: Path, columns: Columns | None = None, published=None) -> Iterator[Document]:
    """One document per JSON line; broken lines are logged and skipped."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            origin = f"{path}:{lineno}"
            if not raw.strip():
                continue
            line = decode_bytes(raw, origin)
            if line is None:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                skip(origin, f"broken JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                skip(origin, "not a JSON object")
                continue
            doc = document_from_record(record, origin, columns, published)
            if doc is not None:
                yield doc


def read_csv(
    path: Path, columns: Columns | None = None, published=None, delimiter: str | None = None
) -> Iterator[Document]:
    """One document per CSV/TSV row; rows without text or with bad bytes are skipped."""
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Keep the good rows: bad bytes become surrogates and only their rows are skipped.
        content = raw.decode("utf-8", errors="surrogateescape")
    if delimiter is None:
        # The header line decides: article text is full of commas and semicolons.
        header = content.split("\n", 1)[0]
        delimiter = max(",\t;|", key=header.count) if header else ","
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    if columns and columns.text and columns.text not in (reader.fieldnames or []):
        skip(str(path), f"no column {columns.text!r} (columns: {reader.fieldnames})")
        return
    try:
        for row in reader:
            origin = f"{path}:row {reader.line_num}"
            values = [v for v in row.values() if isinstance(v, str)]
            if any(_has_surrogates(v) for v in values):
                skip(origin, "undecodable bytes (not UTF-8)")
                continue
            doc = document_from_record(row, origin, columns, published)
            if doc is not None:
                yield doc
    except csv.Error as exc:
        skip(f"{path}:row {reader.line_num}", f"broken CSV ({exc}); rest of file skipped")


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_text_file(path: Path, published=None) -> Document | None:
    text = decode_bytes(path.read_bytes(), str(path))
    if text is None:
        return None
    if not text.strip():
        skip(str(path), "empty file")
        return None
    return Document(
        text=text,
        published=parse_published(published, str(path)),
        source=path.name,
        meta={"path": str(path)},
    )


def read_html_file(path: Path, published=None) -> Document | None:
    from flashpoint.ingest.html import document_from_html

    doc = document_from_html(path.read_bytes(), origin=str(path))
    if doc is not None and doc.published is None:
        doc.published = parse_published(published, str(path))
    return doc


def read_url(
    url: str, fetcher: Fetcher, published=None, seen_url: Callable[[str], bool] | None = None
) -> Iterator[Document]:
    """An article page, or every item of a feed when the URL serves one."""
    from flashpoint.ingest.feeds import looks_like_feed, read_feed
    from flashpoint.ingest.html import document_from_html

    resp = fetcher.get(url)
    if resp is None:
        return
    ctype = resp.headers.get("content-type", "").lower()
    if any(t in ctype for t in ("rss", "atom")) or looks_like_feed(resp.content):
        yield from read_feed(url, fetcher=fetcher, seen_url=seen_url, raw=resp.content)
        return
    if seen_url is not None and seen_url(url):
        skip(url, "already stored", level=logging.DEBUG)
        return
    doc = document_from_html(resp.content, url=str(resp.url), origin=url)
    if doc is not None:
        if doc.published is None:
            doc.published = parse_published(published, url)
        yield doc


def read_file(
    path: Path,
    *,
    published=None,
    columns: Columns | None = None,
    fetcher: Fetcher | None = None,
    seen_url: Callable[[str], bool] | None = None,
) -> Iterator[Document]:
    """Documents from one file, read according to its suffix (unknown: plain text)."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, columns, published)
        elif suffix in CSV_SUFFIXES:
            yield from read_csv(path, columns, published)
        elif suffix in HTML_SUFFIXES:
            doc = read_html_file(path, published)
            if doc is not None:
                yield doc
        elif suffix in FEED_SUFFIXES:
            from flashpoint.ingest.feeds import read_feed

            own = fetcher is None
            fetcher = fetcher or Fetcher()
            try:
                yield from read_feed(str(path), fetcher=fetcher, seen_url=seen_url)
            finally:
                if own:
                    fetcher.close()
        else:
            doc = read_text_file(path, published)
            if doc is not None:
                yield doc
    except OSError as exc:
        skip(str(path), f"unreadable file ({exc.strerror or exc})")


def iter_folder(folder: Path, pattern: str = "**/*") -> Iterator[Path]:
    """Files under `folder` matching a glob, sorted; hidden files and folders are left out.

    With the default pattern only known suffixes are read; other files are skipped
    with a reason. An explicit pattern reads whatever it matches.
    """
    default = pattern == "**/*"
    for path in sorted(folder.glob(pattern)):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if default and path.suffix and path.suffix.lower() not in KNOWN_SUFFIXES:
            skip(str(path), f"unsupported file type {path.suffix}", level=logging.INFO)
            continue
        yield path


def read_inputs(
    inputs: Iterable[str],
    published=None,
    *,
    pattern: str = "**/*",
    columns: Columns | None = None,
    fetcher: Fetcher | None = None,
    seen_url: Callable[[str], bool] | None = None,
) -> Iterator[Document]:
    """Documents from paths, folders, URLs, or `-` for standard input.

    `published` is the date for sources that carry none (plain text); `pattern` is the
    glob used inside folders; `columns` picks JSONL/CSV fields; `fetcher` fetches URLs
    (one is made when needed); `seen_url` lets a caller skip URLs it already has.
    """
    lazy = _LazyFetcher(fetcher)
    try:
        for item in inputs:
            if item == "-":
                text = decode_bytes(sys.stdin.buffer.read(), "<stdin>")
                if text is not None and text.strip():
                    yield Document(text=text, published=parse_published(published, "<stdin>"))
                continue
            if is_url(item):
                yield from read_url(item, lazy.get(), published, seen_url)
                continue
            path = Path(item)
            if not path.exists():
                skip(item, "no such file")
                continue
            files = iter_folder(path, pattern) if path.is_dir() else [path]
            for file in files:
                is_feed = file.suffix.lower() in FEED_SUFFIXES
                yield from read_file(
                    file,
                    published=published,
                    columns=columns,
                    fetcher=lazy.get() if is_feed else None,
                    seen_url=seen_url,
                )
    finally:
        lazy.close()


class _LazyFetcher:
    """The caller's fetcher, or one made on first use (no HTTP client for local corpora)."""

    def __init__(self, given: Fetcher | None) -> None:
        self.given = given
        self.own: Fetcher | None = None

    def get(self) -> Fetcher:
        if self.given is not None:
            return self.given
        if self.own is None:
            self.own = Fetcher()
        return self.own

    def close(self) -> None:
        if self.own is not None:
            self.own.close()
