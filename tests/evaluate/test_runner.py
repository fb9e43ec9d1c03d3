"""Running an extractor over gold documents."""

from __future__ import annotations

from datetime import date

from flashpoint.evaluate.runner import predict
from flashpoint.models import Event

from .factories import gold_event, gold_record


def test_documents_carry_gold_id_publication_date_and_country(make_gold):
    seen = []

    def extractor(doc):
        seen.append(doc)
        return [Event(event_type="Battles", sub_event_type="Armed clash")]

    docs = make_gold(gold_record("d1", [gold_event()]), gold_record("d2", []))
    progress = []
    rows = predict(docs, extractor=extractor, on_document=lambda d: progress.append(d.id))
    assert [d.id for d in seen] == ["d1", "d2"]
    assert seen[0].published == date(2021, 2, 17)
    assert seen[0].country_hint == "Iraq"
    assert [r["document_id"] for r in rows] == ["d1", "d2"]
    assert progress == ["d1", "d2"]


def test_a_failing_document_is_logged_and_the_rest_still_run(make_gold, caplog):
    def extractor(doc):
        if doc.id == "bad":
            raise ValueError("cannot parse")
        return [Event(event_type="Riots", sub_event_type="Mob violence", document_id=doc.id)]

    docs = make_gold(gold_record("bad", []), gold_record("good", []))
    rows = predict(docs, extractor=extractor)
    assert [r["document_id"] for r in rows] == ["good"]
    assert "bad: extraction failed (ValueError: cannot parse)" in caplog.text
