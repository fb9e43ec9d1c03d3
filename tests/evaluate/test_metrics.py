"""Event precision/recall/F1 and field accuracies over small gold/prediction sets."""

from __future__ import annotations

import pytest

from flashpoint.evaluate import FIELDS, score

from .factories import DAQUQ, gold_event, gold_record, offset, predicted


def test_perfect_match(make_gold):
    gold = make_gold(gold_record("d1", [gold_event()]), gold_record("d2", [gold_event()]))
    result = score(gold, [predicted("d1"), predicted("d2")])
    m = result.metrics
    assert (m["precision"], m["recall"], m["f1"]) == (1.0, 1.0, 1.0)
    assert m["matched_events"] == 2
    assert all(m["accuracy"][name] == 1.0 for name in FIELDS)
    assert m["place_within_25km"] == 1.0
    assert m["place_error_km_median"] == 0.0
    assert m["by_event_type"]["Battles"]["f1"] == 1.0
    assert result.errors == []


def test_date_three_days_off_is_a_miss_and_a_false_alarm(make_gold):
    gold = make_gold(gold_record("d1", [gold_event(date="2021-02-11")]))
    result = score(gold, [predicted("d1", event_date="2021-02-14")])
    m = result.metrics
    assert (m["matched_events"], m["precision"], m["recall"], m["f1"]) == (0, 0.0, 0.0, 0.0)
    [doc] = result.errors
    assert doc["misses"][0]["evidence"] == "IS fighters assaulted a police point in Daquq."
    assert doc["false_alarms"][0]["evidence"] == "fighters assaulted"
    assert doc["misses"][0]["closest"]["failed"] == ["date: 3 days apart"]


def test_place_sixty_km_off_is_no_match(make_gold):
    lat, lon = offset(DAQUQ, 60.0, azimuth=45.0)
    gold = make_gold(gold_record("d1", [gold_event()]))
    result = score(gold, [predicted("d1", latitude=lat, longitude=lon)])
    assert result.metrics["matched_events"] == 0
    assert result.metrics["recall"] == 0.0
    assert result.errors[0]["misses"][0]["closest"]["failed"] == ["place: 60.0 km apart"]


def test_place_error_within_tolerance_is_measured(make_gold):
    lat, lon = offset(DAQUQ, 30.0, azimuth=180.0)
    gold = make_gold(gold_record("d1", [gold_event()]))
    result = score(gold, [predicted("d1", latitude=lat, longitude=lon)])
    m = result.metrics
    assert m["f1"] == 1.0
    assert m["place_within_25km"] == 0.0
    assert m["place_error_km_median"] == pytest.approx(30.0, abs=0.01)
    assert result.errors[0]["disagreements"][0]["fields"]["place"]["km"] == 30.0


def test_optional_gold_events_are_neutral(make_gold):
    protest = gold_event(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        date="2021-02-15",
        actor1={"name": "Protesters (Iraq)", "kind": "protesters"},
        actor2=None,
        optional=True,
    )
    gold = make_gold(gold_record("d1", [gold_event(), protest]))
    found = predicted(
        "d1",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        event_date="2021-02-15",
        actor1="Protesters (Iraq)",
        actor2="",
    )
    with_optional = score(gold, [predicted("d1"), found]).metrics
    without_optional = score(gold, [predicted("d1")]).metrics
    for m in (with_optional, without_optional):
        assert (m["gold_events"], m["predicted_events"], m["matched_events"]) == (1, 1, 1)
        assert m["f1"] == 1.0
    assert with_optional["matched_optional_events"] == 1
    assert without_optional["optional_gold_events"] == 1


def test_actor_names_are_compared_canonically(make_gold):
    gold = make_gold(
        gold_record("d1", [gold_event(actor2=None)]),
        gold_record("d2", [gold_event()]),
    )
    preds = [
        predicted("d1", actor1="Islamic State (Iraq)", actor2=""),
        predicted("d2", actor1="ISIS", actor2="Police Forces of Iraq (Iraq)"),
    ]
    result = score(gold, preds)
    m = result.metrics
    assert m["accuracy"]["actor1"] == 0.5
    assert m["accuracy"]["actor2"] == 1.0
    [doc] = result.errors
    assert doc["document_id"] == "d2"
    assert doc["disagreements"][0]["fields"] == {
        "actor1": {"gold": "Islamic State", "predicted": "ISIS"}
    }


def test_field_accuracies_count_each_field(make_gold):
    gold = make_gold(gold_record("d1", [gold_event()]), gold_record("d2", [gold_event()]))
    preds = [
        predicted("d1", fatalities=3, injuries=0, event_date="2021-02-12", time_precision=2),
        predicted("d2", sub_event_type="Attack", admin1="Al-Ta'mim"),
    ]
    m = score(gold, preds).metrics
    assert m["accuracy"]["fatalities"] == 0.5
    assert m["accuracy"]["injuries"] == 0.5
    assert m["accuracy"]["date"] == 0.5
    assert m["accuracy"]["time_precision"] == 0.5
    assert m["accuracy"]["sub_event_type"] == 0.5
    assert m["accuracy"]["event_type"] == 1.0
    assert m["accuracy"]["admin1"] == 1.0  # "Al-Ta'mim" is Kirkuk's former name


def test_counts_precision_and_recall_separately(make_gold):
    gold = make_gold(
        gold_record("d1", [gold_event(), gold_event(date="2021-01-01")]),
        gold_record("d2", []),
    )
    preds = [predicted("d1"), predicted("d2"), predicted("d2", event_date="2021-02-01")]
    m = score(gold, preds).metrics
    assert (m["gold_events"], m["predicted_events"], m["matched_events"]) == (2, 3, 1)
    assert m["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["recall"] == 0.5
    assert m["f1"] == pytest.approx(0.4, abs=1e-4)
    battles = m["by_event_type"]["Battles"]
    assert (battles["gold"], battles["predicted"], battles["matched"]) == (2, 3, 1)


def test_predictions_for_unknown_documents_are_ignored(make_gold, caplog):
    gold = make_gold(gold_record("d1", [gold_event()]))
    m = score(gold, [predicted("d1"), predicted("other")]).metrics
    assert m["predicted_events"] == 1
    assert "not in the gold file" in caplog.text


def test_nothing_to_score_gives_no_ratios(make_gold):
    m = score(make_gold(gold_record("d1", [])), []).metrics
    assert m["precision"] is None
    assert m["recall"] is None
    assert m["f1"] is None
    assert m["place_error_km_median"] is None
