"""Where the alert commands get their events: the store, or an exported file.

Reading a plain JSONL/CSV export as well as the store means alerts can run on any
ACLED-shaped file (for example ACLED's own export, or `flashpoint export` output from
another machine) without importing it first. Broken lines are skipped with a warning.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)


class EventSourceError(ValueError):
    """The events could not be read; the message says why and what to do."""


def read_events_file(path: str | Path) -> pd.DataFrame:
    """Events from a .jsonl/.ndjson, .json (list, or {"events": [...]}) or .csv file."""
    path = Path(path)
    if not path.is_file():
        raise EventSourceError(f"no such events file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            return pd.read_csv(path, dtype={"event_id_cnty": str}, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise EventSourceError(f"cannot read {path} as CSV: {exc}") from exc
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise EventSourceError(f"cannot read {path} as JSON: {exc}") from exc
        if isinstance(data, dict):
            data = data.get("events", [])
        if not isinstance(data, list):
            raise EventSourceError(f"{path}: expected a list of events")
        return pd.DataFrame.from_records([r for r in data if isinstance(r, dict)])
    rows: list[dict] = []
    bad = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            if isinstance(row, dict):
                row.pop("evidence", None)
                rows.append(row)
            else:
                bad += 1
    if bad:
        log.warning("%s: skipped %d line(s) that are not JSON event objects", path, bad)
    return pd.DataFrame.from_records(rows)


def read_events_db(db: str) -> pd.DataFrame:
    """All events in a flashpoint store (SQLite path or postgresql:// URL)."""
    import flashpoint

    opener = getattr(flashpoint, "open", None)
    if opener is None:
        raise EventSourceError(
            "this installation has no event store; read an exported file with --events FILE"
        )
    if "://" not in db and not Path(db).exists():
        raise EventSourceError(f"no database at {db}; give --db PATH/URL or --events FILE")
    store = opener(db)
    try:
        if hasattr(store, "events_df"):
            return store.events_df()
        events = store.events()
        from flashpoint.alerts.frame import to_frame

        return to_frame(events)
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def load_events(events_file: str | Path | None = None, db: str | None = None) -> pd.DataFrame:
    """Events from a file when one is given, otherwise from the store."""
    if events_file is not None:
        return read_events_file(events_file)
    return read_events_db(db or "flashpoint.db")
