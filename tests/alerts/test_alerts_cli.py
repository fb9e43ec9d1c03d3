"""`flashpoint alerts` and `flashpoint trends` end to end on an events file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

from .helpers import frame_from_counts

runner = CliRunner()


@pytest.fixture
def events_file(tmp_path: Path) -> Path:
    counts = np.array([[3] * 12 + [15], [0] * 12 + [5], [4] * 13])
    frame = frame_from_counts(counts, names=["Surge", "Fresh", "Steady"])
    path = tmp_path / "events.jsonl"
    frame.to_json(path, orient="records", lines=True)
    return path


def test_alerts_jsonl(events_file: Path) -> None:
    result = runner.invoke(app, ["alerts", "--events", str(events_file), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(a["label"], a["kind"]) for a in alerts} == {
        ("Surge, North, Testland", "surge"),
        ("Fresh, North, Testland", "new"),
    }
    surge = next(a for a in alerts if a["kind"] == "surge")
    assert surge["count"] == 15 and surge["baseline_mean"] == 3.0 and surge["ratio"] == 5.0
    assert surge["period_start"] == "2024-03-25" and len(surge["event_ids"]) == 15


def test_alerts_table_and_options(events_file: Path) -> None:
    result = runner.invoke(
        app,
        ["alerts", "--events", str(events_file), "--min-count", "6", "--level", "admin1"],
    )
    assert result.exit_code == 0, result.output
    assert "North, Testland" in result.stdout and "surge" in result.stdout
    later = runner.invoke(app, ["alerts", "--events", str(events_file), "--since", "2024-04-01"])
    assert "0 alert(s)" in later.stdout


def test_alerts_bad_input_exits_cleanly(tmp_path: Path, events_file: Path) -> None:
    missing = runner.invoke(app, ["alerts", "--events", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "no such events file" in missing.output
    no_db = runner.invoke(app, ["alerts", "--db", str(tmp_path / "none.db")])
    assert no_db.exit_code == 2 and "no database" in no_db.output
    bad_date = runner.invoke(app, ["alerts", "--events", str(events_file), "--since", "later"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output


def test_trends_writes_png_html_and_csv(tmp_path: Path, events_file: Path) -> None:
    png, page, csv = tmp_path / "t.png", tmp_path / "t.html", tmp_path / "t.csv"
    args = ["trends", "--events", str(events_file), "--png", str(png), "--html", str(page)]
    result = runner.invoke(app, [*args, "--csv", str(csv), "--by", "event_type"])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "<img" in page.read_text(encoding="utf-8")
    header, *rows = csv.read_text(encoding="utf-8").splitlines()
    assert header == "unit,label,category,period_start,period_end,events,fatalities"
    assert sum(int(r.split(",")[-2]) for r in rows) == 3 * 12 + 15 + 5 + 4 * 13


def test_trends_csv_to_stdout(events_file: Path) -> None:
    result = runner.invoke(app, ["trends", "--events", str(events_file), "--window", "month"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("unit,label,period_start,period_end,events,fatalities")


def test_alerts_from_a_store(tmp_path: Path) -> None:
    import uuid

    import flashpoint
    from flashpoint.models import Document, Event

    frame = frame_from_counts(np.array([[1] * 10 + [6]]), names=["Hill"])
    events = [
        Event("Battles", "Armed clash", event_date=d, actor1=uuid.uuid4().hex, **place)
        for d in frame["event_date"]
        for place in [{"country": "Testland", "admin1": "North", "admin2": "Hill"}]
    ]
    db = str(tmp_path / "store.db")
    with flashpoint.open(db) as ds:
        ds.ingest(Document(text="a report", id="d1"), extractor=lambda _doc: events)
    result = runner.invoke(app, ["alerts", "--db", db, "--since", "2024-03-01", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    (alert,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert alert["label"] == "Hill, North, Testland" and alert["count"] == 6
