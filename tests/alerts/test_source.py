"""Reading events for alerts from files and from the store."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest

import flashpoint
from flashpoint.alerts import detect_surges
from flashpoint.alerts.source import (
    EventSourceError,
    history_start,
    load_events,
    read_events_file,
)
from flashpoint.models import Document, Event


def _rows() -> list[dict]:
    return [
        {"event_id_cnty": "R1", "event_date": "2024-01-02", "admin2": "Hill", "fatalities": 1},
        {"event_id_cnty": "R2", "event_date": "2024-01-09", "admin2": "Vale", "fatalities": 0},
    ]


def test_jsonl_skips_broken_lines(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "events.jsonl"
    lines = [json.dumps(r) for r in _rows()] + ["{broken", "[1, 2]", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    frame = read_events_file(path)
    assert list(frame["event_id_cnty"]) == ["R1", "R2"]
    assert "skipped 2 line(s)" in caplog.text


def test_json_and_csv(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"events": _rows()}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(_rows()), encoding="utf-8")
    (tmp_path / "c.csv").write_text(
        "event_id_cnty,event_date,admin2,fatalities\n007,2024-01-02,Hill,1\n", encoding="utf-8"
    )
    assert len(read_events_file(tmp_path / "a.json")) == 2
    assert len(read_events_file(tmp_path / "b.json")) == 2
    assert read_events_file(tmp_path / "c.csv")["event_id_cnty"].tolist() == ["007"]


def test_unreadable_inputs_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(EventSourceError, match="no such events file"):
        read_events_file(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(EventSourceError, match="as JSON"):
        read_events_file(bad)
    with pytest.raises(EventSourceError, match="no database"):
        load_events(db=str(tmp_path / "nothing.db"))


def test_history_start_covers_the_baseline() -> None:
    assert history_start("2024-03-13", "week", 8) == "2024-01-15"  # Monday, 8 weeks back
    assert history_start("2024-03-13", "month", 2) == "2024-01-01"
    assert history_start(None, "week", 8) is None
    assert history_start("soon", "week", 8) is None


def test_alerts_from_the_store(tmp_path: Path) -> None:
    # Distinct actor names keep the store's cross-report dedup from merging the events.
    monday = date(2024, 1, 1)
    weekly = [2] * 10 + [9]
    events = [
        Event(
            "Battles",
            "Armed clash",
            event_date=(monday + timedelta(days=7 * week + 1)).isoformat(),
            actor1=uuid.uuid4().hex,
            country="Testland",
            admin1="North",
            admin2="Hill",
            fatalities=1,
        )
        for week, n in enumerate(weekly)
        for _ in range(n)
    ]
    db = str(tmp_path / "events.db")
    with flashpoint.open(db) as ds:
        ds.ingest(Document(text="report text", id="doc1"), extractor=lambda _doc: events)
        stored = ds.count()
    assert stored == len(events)
    frame = load_events(db=db, start=history_start("2024-03-01", "week", 8))
    alerts = detect_surges(frame, since="2024-03-01")
    assert [(a.label, a.count) for a in alerts] == [("Hill, North, Testland", 9)]
    assert all(i for i in alerts[0].event_ids)
