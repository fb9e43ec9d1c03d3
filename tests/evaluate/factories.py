"""Small hand-made gold records and predicted rows for the scoring tests.

Places are around Daquq (Kirkuk, Iraq), the town of the reference article; offsets are
computed on the WGS84 ellipsoid so a "60 km" test point really is 60 km away.
"""

from __future__ import annotations

from typing import Any

from geographiclib.geodesic import Geodesic

DAQUQ = (35.1392, 44.4491)


def offset(point: tuple[float, float], km: float, azimuth: float = 0.0) -> tuple[float, float]:
    """The point `km` kilometres from `point` in direction `azimuth` (degrees from north)."""
    out = Geodesic.WGS84.Direct(point[0], point[1], azimuth, km * 1000.0)
    return out["lat2"], out["lon2"]


def gold_event(**overrides: Any) -> dict[str, Any]:
    """A gold event in the guidelines' layout; keywords replace top-level fields."""
    event: dict[str, Any] = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "date": "2021-02-11",
        "time_precision": 1,
        "actor1": {"name": "Islamic State", "kind": "rebel"},
        "actor2": {"name": "Police Forces of Iraq", "kind": "state"},
        "location": {
            "name": "Daquq",
            "admin2": "Daquq",
            "admin1": "Kirkuk",
            "country": "Iraq",
            "geo_precision": 1,
            "relation": "in",
            "lat": DAQUQ[0],
            "lon": DAQUQ[1],
        },
        "fatalities": 2,
        "injuries": 2,
        "evidence": "IS fighters assaulted a police point in Daquq.",
    }
    event.update(overrides)
    return event


def gold_record(doc_id: str, events: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": doc_id,
        "published": "2021-02-17",
        "country_hint": "Iraq",
        "text": "IS fighters assaulted a police point in Daquq.",
        "events": events,
    }
    record.update(overrides)
    return record


def predicted(doc_id: str, **overrides: Any) -> dict[str, Any]:
    """A predicted row with ACLED column names, agreeing with `gold_event()` by default."""
    row: dict[str, Any] = {
        "document_id": doc_id,
        "event_date": "2021-02-11",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State (Iraq)",
        "actor2": "Police Forces of Iraq (2020-)",
        "country": "Iraq",
        "admin1": "Kirkuk",
        "admin2": "Daquq",
        "location": "Daquq",
        "latitude": DAQUQ[0],
        "longitude": DAQUQ[1],
        "geo_precision": 1,
        "fatalities": 2,
        "injuries": 2,
        "evidence": {
            "event_type": {
                "document_id": doc_id,
                "start": 3,
                "end": 20,
                "text": "fighters assaulted",
            }
        },
    }
    row.update(overrides)
    return row
