"""Where the alert commands get their events: the store, or an exported file.

Reading a plain JSONL/CSV export as well as the store means alerts can run on any
ACLED-shaped file (for example ACLED's own export, or `flashpoint export` output from
another machine) without importing it first. Broken lines are skipped with a warning.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pandas as pd

from flashpoint.alerts.frame import period_freq, to_frame

log = logging.getLogger(__name__)


# What statistics, labels and `--by` splits can use; "id" is the store's event id.
STORE_COLUMNS: tuple[str, ...] = (
    "id",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "source",
)


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


def read_events_db(db: str, **filters: Any) -> pd.DataFrame:
    """Events in a flashpoint store (SQLite path or postgresql:// URL).

    `filters` go to `Dataset.events` (start, end, country, admin1, event_type, ...).
    """
    import flashpoint

    if "://" not in db and not Path(db).exists():
        # Opening a missing path would create an empty store and report "no alerts".
        raise EventSourceError(f"no database at {db}; give --db PATH/URL or --events FILE")
    try:
        dataset = flashpoint.open(db)
    except Exception as exc:  # driver errors differ by backend; all mean "cannot open"
        raise EventSourceError(f"cannot open the event store {db}: {exc}") from exc
    with dataset:
        table = getattr(dataset.store, "event_table", None)
        if table is None:
            return to_frame(dataset.events(**filters))
        # A few columns of many events: much cheaper than full records with evidence.
        from flashpoint.store import EventFilter

        rows = table(EventFilter(**filters), STORE_COLUMNS)
        frame = pd.DataFrame.from_records(rows, columns=list(STORE_COLUMNS))
        return frame.rename(columns={"id": "event_id_cnty"})


def load_events(
    events_file: str | Path | None = None, db: str | None = None, **filters: Any
) -> pd.DataFrame:
    """Events from a file when one is given (filters ignored), otherwise from the store."""
    if events_file is not None:
        return read_events_file(events_file)
    return read_events_db(db or "flashpoint.db", **{k: v for k, v in filters.items() if v})


def history_start(since: str | None, window: str, baseline: int) -> str | None:
    """The first date whose events can matter for alerts from `since` on.

    Reading only from here keeps a query on a large store small while every reported
    window still sees its full baseline. None (read everything) for a missing/bad date.
    """
    if not since:
        return None
    try:
        first = pd.Timestamp(since).to_period(period_freq(window)) - baseline
    except (ValueError, TypeError):
        return None
    return first.start_time.date().isoformat()
