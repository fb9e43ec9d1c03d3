"""Token rules, writes (ingest, dedup), body limits and documents through the API."""

from __future__ import annotations

from flashpoint.models import Event, Evidence

from .seed import INJECTION_TEXT

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "text": "Protesters gathered in Basra on Sunday to demand jobs, police said.",
    "published": "2021-03-07",
    "source": "Test Wire",
    "title": "Basra protest",
}


def protest_extractor(doc):
    """A stand-in for the NLP pipeline: one protest per document, with its evidence."""
    start = doc.text.index("Protesters gathered")
    ev = Event(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        event_date=doc.published.isoformat(),
        country="Iraq",
        admin1="Basra",
        location="Basra",
        latitude=30.5,
        longitude=47.8,
        actor1="Protesters (Iraq)",
    )
    ev.evidence = {"event_type": Evidence(doc.id, start, start + 19, "Protesters gathered")}
    return [ev]


def test_documents_are_listed_and_read_with_their_text(client, seeded):
    listed = client.get("/api/documents", params={"limit": 500}).json()["documents"]
    assert len(listed) == 15 and "text" not in listed[0]
    doc = client.get(f"/api/documents/{seeded.injection_doc}").json()
    assert doc["text"] == INJECTION_TEXT
    assert doc["events"] == [seeded.injection_event]
    assert client.get("/api/documents/0000").status_code == 404
    assert client.get("/api/documents", params={"limit": 9999}).status_code == 422


def test_writes_are_off_without_a_token(fresh_db, make_client):
    client = make_client(fresh_db.path, extractor=protest_extractor)
    response = client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert response.status_code == 403
    assert "--token" in response.json()["detail"]
    assert client.post("/api/dedup").status_code == 403
    assert client.get("/api/events", params={"admin1": "Basra"}).json()["total"] == 0


def test_writes_need_the_configured_token(fresh_db, make_client):
    client = make_client(fresh_db.path, extractor=protest_extractor, token=TOKEN)
    assert client.post("/api/documents", json=ARTICLE).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/api/documents", json=ARTICLE, headers=wrong).status_code == 401
    created = client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["summary"]["stored"] == 1 and len(body["events"]) == 1
    event = client.get(f"/api/events/{body['events'][0]}").json()
    assert event["event"]["event_type"] == "Protests"
    assert event["fields"][0]["context"]["match"] == "Protesters gathered"
    # Posting the same article again stores nothing new.
    again = client.post("/api/documents", json=ARTICLE, headers=AUTH).json()
    assert again["summary"]["already_stored"] == 1
    assert client.get("/api/events", params={"admin1": "Basra"}).json()["total"] == 1
    dedup = client.post("/api/dedup", headers=AUTH)
    assert dedup.status_code == 200 and dedup.json()["events_after"] == 17


def test_reads_are_public_by_default_even_with_a_token(seeded, make_client):
    client = make_client(seeded.path, token=TOKEN)
    assert client.get("/api/events").status_code == 200


def test_private_reads_need_the_token(seeded, make_client):
    client = make_client(seeded.path, token=TOKEN, public_reads=False)
    for path in (
        "/api/events",
        "/api/events/IRQ-T1",
        "/api/alerts",
        "/api/documents",
        "/api/events.csv",
        "/api/aggregates",
        "/api/stats",
    ):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "Bearer"
        assert client.get(path, headers=AUTH).status_code == 200, path
    # The page, its assets and its settings stay public: they hold no data.
    config = client.get("/api/config").json()
    assert config["reads_need_token"] and config["writes_enabled"]
    assert client.get("/").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_request_bodies_are_limited(fresh_db, make_client):
    client = make_client(fresh_db.path, extractor=protest_extractor, token=TOKEN, max_body=2048)
    big = {**ARTICLE, "text": "Protesters gathered " + "x" * 5000}
    response = client.post("/api/documents", json=big, headers=AUTH)
    assert response.status_code == 413

    def chunks():  # no Content-Length: counted while it streams
        yield b'{"text": "Protesters gathered '
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    streamed = client.post(
        "/api/documents",
        content=chunks(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413


def test_invalid_documents_get_a_422(fresh_db, make_client):
    client = make_client(fresh_db.path, extractor=protest_extractor, token=TOKEN)
    assert client.post("/api/documents", json={"title": "x"}, headers=AUTH).status_code == 422
    bad_date = {**ARTICLE, "published": "yesterday"}
    assert client.post("/api/documents", json=bad_date, headers=AUTH).status_code == 422
    not_json = client.post(
        "/api/documents", content=b"{", headers={**AUTH, "Content-Type": "application/json"}
    )
    assert not_json.status_code == 422
