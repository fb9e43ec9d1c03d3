"""Events through the REST API: filters, paging, sorting, one event, GeoJSON, CSV, totals."""

from __future__ import annotations

import csv
import io

import pytest

from .seed import PAYLOAD_SCRIPT


def test_lists_every_event_with_total_and_paging(client, seeded):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["events"]) == 16
    page1 = client.get("/api/events", params={"limit": 5}).json()
    page2 = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    ids = [e["event_id_cnty"] for e in page1["events"] + page2["events"]]
    assert ids == [e["event_id_cnty"] for e in everything["events"][:10]]
    assert page1["total"] == 16
    # Lists carry which fields have evidence, not the spans themselves.
    first = everything["events"][0]
    assert "evidence" not in first and isinstance(first["evidence_fields"], list)


def test_filters_match_the_events_command(client):
    def ids(**params):
        body = client.get("/api/events", params={**params, "limit": 500}).json()
        return {e["event_id_cnty"] for e in body["events"]}

    assert ids(admin1="salah al-din") == {"IRQ-T3"}  # case-insensitive
    assert ids(admin2="Daquq") == {"IRQ-T1", "IRQ-T2"}
    assert ids(event_type="Battles") == {"IRQ-T2"}
    assert ids(actor="police forces") == {"IRQ-T2"}
    # Text also searches the documents: both events of the sample article mention it.
    assert ids(text="Arab Koy") == {"IRQ-T1", "IRQ-T2"}
    assert ids(text="outskirts 13-4") == {"IRQ-S134"}
    assert ids(start="2021-02-10", end="2021-02-28", admin1="Kirkuk") == {"IRQ-T1", "IRQ-T2"}
    assert ids(country="Syria") == set()


def test_sorting_by_fatalities_descending_then_ascending(client):
    desc = client.get("/api/events", params={"sort": "-fatalities", "limit": 500}).json()
    values = [e["fatalities"] for e in desc["events"]]
    assert values == sorted(values, reverse=True) and values[0] == 3
    asc = client.get("/api/events", params={"sort": "fatalities", "limit": 500}).json()
    assert [e["fatalities"] for e in asc["events"]] == sorted(values)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"start": "2021-13-45"}, "start"),
        ({"start": "2021-03-01", "end": "2021-02-01"}, "end"),
        ({"sort": "password"}, "sort"),
        ({"sort": "-notes; DROP TABLE events"}, "sort"),
        ({"country": "x" * 201}, "country"),
    ],
)
def test_bad_parameters_get_a_422_naming_them(client, params, name):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert name in [err["loc"][-1] for err in response.json()["detail"]]


def test_page_size_limit_follows_the_server_setting(seeded, make_client):
    small = make_client(seeded.path, max_page=10)
    assert small.get("/api/events", params={"limit": 10}).status_code == 200
    response = small.get("/api/events", params={"limit": 11})
    assert response.status_code == 422
    assert "at most 10" in response.text


def test_one_event_with_sources_and_evidence_sentences(client, seeded):
    body = client.get("/api/events/IRQ-T2").json()
    assert body["event"]["location"] == "Arab Koy"
    assert [s["document_id"] for s in body["sources"]] == [seeded.sample_doc]
    assert body["sources"][0]["source"] == "KirkukNow"
    fields = {f["field"]: f for f in body["fields"]}
    fatal = fields["fatalities"]
    assert fatal["value"] == 2
    ctx = fatal["context"]
    assert ctx["match"] == "two policemen were killed"
    # The whole sentence, and only it, around the span ("Feb. 11" does not end it).
    assert ctx["before"].startswith("On Feb. 11, IS fighters assaulted")
    assert ctx["after"] == " and two were injured."
    assert {e["field"] for e in body["evidence"]} >= {"fatalities", "actor1", "location"}
    assert len(body["reports"]) == 1


def test_unknown_event_is_404_and_overlong_id_422(client):
    assert client.get("/api/events/NOPE").status_code == 404
    assert client.get("/api/events/" + "A" * 65).status_code == 422


def test_geojson_points_follow_filters(client):
    body = client.get("/api/events.geojson", params={"admin1": "Kirkuk"}).json()
    assert body["type"] == "FeatureCollection"
    assert body["total"] == 15 and len(body["features"]) == 15 and not body["truncated"]
    point = next(f for f in body["features"] if f["id"] == "IRQ-T2")
    assert point["geometry"]["coordinates"] == [44.35, 34.85]
    assert point["properties"]["event_type"] == "Battles"
    limited = client.get("/api/events.geojson", params={"limit": 3}).json()
    assert len(limited["features"]) == 3 and limited["truncated"]
    assert client.get("/api/events.geojson", params={"limit": 10**6}).status_code == 422


def test_csv_download_has_acled_columns_and_defuses_formulas(client):
    response = client.get("/api/events.csv", params={"admin1": "Salah al-Din"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1 and rows[0]["event_id_cnty"] == "IRQ-T3"
    assert PAYLOAD_SCRIPT in rows[0]["actor1"]
    everything = client.get("/api/events.csv", params={"acled_only": True}).text
    header = next(csv.reader(io.StringIO(everything)))
    assert header[0] == "event_id_cnty" and "confidence" not in header
    assert len(everything.strip().splitlines()) == 17


def test_csv_cells_that_look_like_formulas_are_quoted():
    from flashpoint.web.routes.events import _csv_cell

    assert _csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_cell(-3) == -3 and _csv_cell("Daquq") == "Daquq" and _csv_cell(None) == ""


def test_aggregates_by_week_and_type_add_up(client):
    body = client.get("/api/aggregates", params={"interval": "week", "by": "event_type"}).json()
    assert sum(r["events"] for r in body["rows"]) == 16
    # Weeks start on Monday: the 2021-02-11 (Thursday) event is in the week of 02-08.
    battles = [r for r in body["rows"] if r["key"] == "Battles"]
    assert battles == [{"period": "2021-02-08", "key": "Battles", "events": 1, "fatalities": 2}]


def test_aggregates_by_place_month_and_overall(client):
    by_admin2 = client.get("/api/aggregates", params={"interval": "none", "by": "admin2"}).json()
    totals = {r["key"]: (r["events"], r["fatalities"]) for r in by_admin2["rows"]}
    assert totals["Daquq"] == (2, 3) and totals["Tikrit"] == (1, 3)
    months = client.get(
        "/api/aggregates", params={"interval": "month", "by": "none", "admin2": "Hawija"}
    ).json()
    assert [r["period"] for r in months["rows"]] == [
        "2020-11-01",
        "2020-12-01",
        "2021-01-01",
        "2021-02-01",
    ]
    overall = client.get("/api/aggregates", params={"interval": "none", "by": "none"}).json()
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    killed = sum(e["fatalities"] for e in events)
    assert overall["rows"] == [{"period": None, "key": None, "events": 16, "fatalities": killed}]
    assert client.get("/api/aggregates", params={"interval": "year"}).status_code == 422
    assert client.get("/api/aggregates", params={"by": "notes"}).status_code == 422


def test_facets_list_filter_values_with_counts(client):
    body = client.get("/api/facets").json()
    assert body["country"] == [{"value": "Iraq", "events": 16}]
    assert body["admin1"][0] == {"value": "Kirkuk", "events": 15}
    assert body["first_date"] == "2020-11-02" and body["last_date"] == "2021-03-02"
