"""Alerts through the API: the synthetic Hawija burst is a surge; parameters are checked."""

from __future__ import annotations


def test_surge_in_the_district_is_reported_with_its_events(client, seeded):
    body = client.get("/api/alerts").json()
    assert body["total"] == 1
    alert = body["alerts"][0]
    assert alert["kind"] == "surge" and alert["unit"] == "Iraq|Kirkuk|Hawija"
    assert alert["period_start"] == "2021-02-01" and alert["count"] == 6
    assert alert["baseline_total"] == 4 and alert["ratio"] == 12.0
    assert set(alert["event_ids"]) <= set(seeded.surge_events)
    assert len(alert["event_ids"]) == 6
    assert "Hawija" in alert["description"]


def test_filters_and_parameters_change_what_is_counted(client):
    assert client.get("/api/alerts", params={"admin1": "Salah al-Din"}).json()["total"] == 0
    assert client.get("/api/alerts", params={"min_count": 7}).json()["total"] == 0
    since_after = client.get("/api/alerts", params={"since": "2021-02-08"}).json()
    assert since_after["total"] == 0
    by_type = client.get("/api/alerts", params={"by": "event_type"}).json()["alerts"]
    assert by_type[0]["category"] == "Explosions/Remote violence"
    admin1 = client.get("/api/alerts", params={"level": "admin1"}).json()["alerts"]
    assert admin1 and admin1[0]["unit"] == "Iraq|Kirkuk"


def test_bad_alert_parameters_get_a_422(client):
    for params in (
        {"level": "village"},
        {"window": "year"},
        {"alpha": 0},
        {"alpha": 0.9},
        {"baseline": 0},
        {"since": "soon"},
        {"since": "2021-03-01", "until": "2021-01-01"},
        {"by": "notes"},
        {"limit": 0},
    ):
        assert client.get("/api/alerts", params=params).status_code == 422, params
