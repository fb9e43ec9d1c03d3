"""Reading gold and prediction files: broken input is skipped with a reason, not fatal."""

from __future__ import annotations

import json

import pytest

from flashpoint.evaluate import GoldFileError, read_gold, read_predictions

from .factories import gold_event, gold_record, predicted


def _write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gold_file_with_broken_lines_keeps_the_good_ones(tmp_path, caplog):
    path = _write_lines(
        tmp_path / "gold.jsonl",
        [
            json.dumps(gold_record("d1", [gold_event()])),
            '{"id": "broken", "text": ',
            "[1, 2, 3]",
            json.dumps({"id": "no-text", "events": []}),
            json.dumps(gold_record("d2", [gold_event(), {"date": "2021-01-01"}])),
            json.dumps(gold_record("d1", [])),
            "",
        ],
    )
    docs = read_gold(path)
    assert [d.id for d in docs] == ["d1", "d2"]
    assert [len(d.events) for d in docs] == [1, 1]
    for reason in ("broken JSON", "not a JSON object", "no text", "no event_type", "duplicate"):
        assert reason in caplog.text


def test_gold_event_fields_are_read(tmp_path):
    path = _write_lines(tmp_path / "g.jsonl", [json.dumps(gold_record("d1", [gold_event()]))])
    [doc] = read_gold(path)
    [event] = doc.events
    assert event.actor1 == "Islamic State"
    assert event.admin1 == "Kirkuk"
    assert event.has_coordinates
    assert event.fatalities == 2
    assert doc.record["country_hint"] == "Iraq"


def test_missing_or_empty_gold_file_is_a_clear_error(tmp_path):
    with pytest.raises(GoldFileError, match="no such file"):
        read_gold(tmp_path / "missing.jsonl")
    with pytest.raises(GoldFileError, match="folder"):
        read_gold(tmp_path)
    empty = _write_lines(tmp_path / "empty.jsonl", ["not json"])
    with pytest.raises(GoldFileError, match="no usable gold records"):
        read_gold(empty)


def test_binary_gold_line_is_skipped(tmp_path, caplog):
    path = tmp_path / "g.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage\n" + json.dumps(gold_record("d1", [])).encode() + b"\n")
    assert [d.id for d in read_gold(path)] == ["d1"]
    assert "not UTF-8" in caplog.text


def test_predictions_without_document_id_are_skipped(tmp_path, caplog):
    path = _write_lines(
        tmp_path / "p.jsonl",
        [json.dumps(predicted("d1")), json.dumps({"event_type": "Battles"}), "{oops"],
    )
    rows = read_predictions(path)
    assert [r["document_id"] for r in rows] == ["d1"]
    assert "no document_id" in caplog.text


def test_evidence_text_keeps_outermost_spans_in_order():
    from flashpoint.evaluate.records import evidence_text

    sentence = "Gunmen killed two farmers near the village."
    evidence = {
        "fatalities": {"document_id": "d", "start": 107, "end": 113, "text": "killed"},
        "event": {"document_id": "d", "start": 100, "end": 143, "text": sentence},
        "event_date": {"document_id": "d", "start": 10, "end": 17, "text": "Tuesday"},
        "actor1": {"document_id": "d", "start": 100, "end": 106, "text": "Gunmen"},
    }
    assert evidence_text(evidence) == f"Tuesday | {sentence}"
    assert evidence_text({"event": {"text": "Loose text."}}) == "Loose text."
    assert evidence_text(None) == ""


def test_whole_json_file_with_one_coded_article(tmp_path):
    path = tmp_path / "article.gold.json"
    path.write_text(json.dumps(gold_record("d1", [gold_event()]), indent=1), encoding="utf-8")
    [doc] = read_gold(path)
    assert doc.id == "d1"
    assert len(doc.events) == 1
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(GoldFileError, match="not a JSON document"):
        read_gold(broken)
