"""Counts and fatalities per unit and window."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from flashpoint.alerts import aggregate


def _events() -> list[dict]:
    rows = [
        ("A1", "2024-01-02", "Battles", "Army", "North", "Hill", 2),
        ("A2", "2024-01-03", "Battles", "Rebels", "North", "Hill", 0),
        ("A3", "2024-01-04", "Protests", "Protesters", "North", "Vale", 0),
        ("A4", "2024-01-16", "Battles", "Army", "North", "Hill", 5),
        ("A5", "2024-02-01", "Riots", "Rioters", "South", "Port", 1),
    ]
    return [
        {
            "event_id_cnty": i,
            "event_date": d,
            "event_type": t,
            "actor1": a,
            "country": "Testland",
            "admin1": a1,
            "admin2": a2,
            "latitude": 35.0 if a2 != "Port" else 30.0,
            "longitude": 44.0,
            "fatalities": f,
        }
        for i, d, t, a, a1, a2, f in rows
    ]


def test_weekly_counts_per_admin2() -> None:
    table = aggregate(_events(), level="admin2", window="week")
    hill = table[table["label"] == "Hill, North, Testland"]
    assert list(hill["period_start"]) == [date(2024, 1, 1), date(2024, 1, 15)]
    assert list(hill["events"]) == [2, 1]
    assert list(hill["fatalities"]) == [2, 5]
    assert table["events"].sum() == 5


def test_dense_table_has_zero_weeks() -> None:
    table = aggregate(_events(), level="admin2", window="week", dense=True)
    hill = table[table["label"] == "Hill, North, Testland"]
    assert list(hill["events"]) == [2, 0, 1, 0, 0]
    assert len(table) == 3 * 5  # three districts x five weeks


def test_monthly_per_admin1_by_event_type() -> None:
    table = aggregate(_events(), level="admin1", window="month", by="event_type")
    got = {
        (r.label, r.category, r.period_start.isoformat()): (r.events, r.fatalities)
        for r in table.itertuples()
    }
    assert got == {
        ("North, Testland", "Battles", "2024-01-01"): (3, 7),
        ("North, Testland", "Protests", "2024-01-01"): (1, 0),
        ("South, Testland", "Riots", "2024-02-01"): (1, 1),
    }


def test_daily_by_actor() -> None:
    table = aggregate(_events(), level="admin1", window="day", by="actor1")
    army = table[table["category"] == "Army"]
    assert list(army["period_start"]) == [date(2024, 1, 2), date(2024, 1, 16)]
    assert army["period_end"].tolist() == army["period_start"].tolist()


def test_h3_cells_group_nearby_events() -> None:
    table = aggregate(_events(), level="h3", window="month")
    assert set(table["unit"].str.len()) == {15}
    assert len(set(table["unit"])) == 2  # Hill and Vale share coordinates; Port does not
    assert table["events"].sum() == 5


def test_empty_and_unusable_inputs() -> None:
    assert aggregate([]).empty
    frame = pd.DataFrame({"event_date": ["2024-01-01"], "admin2": [""]})
    assert aggregate(frame).empty
    with pytest.raises(ValueError):
        aggregate(_events(), level="country")


def test_events_dated_only_to_a_month_are_left_out_of_weeks() -> None:
    events = _events()
    events[0]["time_precision"] = 3  # "in January"
    events[1]["time_precision"] = 2
    weekly = aggregate(events, level="admin1", window="week")
    monthly = aggregate(events, level="admin1", window="month")
    assert weekly["events"].sum() == 4
    assert monthly["events"].sum() == 5
    assert aggregate(events, level="admin1", window="day")["events"].sum() == 3
