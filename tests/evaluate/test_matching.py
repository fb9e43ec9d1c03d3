"""Match criteria and one-to-one assignment of predicted to gold events."""

from __future__ import annotations

from flashpoint.evaluate import check_pair, gold_event, match_events, predicted_event

from .factories import DAQUQ, offset, predicted
from .factories import gold_event as gold_dict


def _gold(**kw):
    return gold_event("d1", gold_dict(**kw))


def _pred(**kw):
    return predicted_event(predicted("d1", **kw))


def test_identical_events_match():
    check = check_pair(_gold(), _pred())
    assert check.ok
    assert check.days_apart == 0
    assert check.km_apart == 0


def test_two_days_apart_matches_three_does_not():
    assert check_pair(_gold(date="2021-02-11"), _pred(event_date="2021-02-13")).ok
    check = check_pair(_gold(date="2021-02-11"), _pred(event_date="2021-02-14"))
    assert not check.ok
    assert check.days_apart == 3
    assert check.place_ok


def test_null_dates_match_only_each_other():
    assert check_pair(_gold(date=None), _pred(event_date=None)).ok
    assert not check_pair(_gold(date=None), _pred(event_date="2021-02-11")).ok
    assert not check_pair(_gold(), _pred(event_date=None)).ok


def test_place_sixty_km_away_does_not_match_forty_does():
    lat, lon = offset(DAQUQ, 60.0, azimuth=90.0)
    check = check_pair(_gold(), _pred(latitude=lat, longitude=lon))
    assert not check.ok
    assert abs(check.km_apart - 60.0) < 0.01
    lat, lon = offset(DAQUQ, 40.0, azimuth=200.0)
    assert check_pair(_gold(), _pred(latitude=lat, longitude=lon)).ok


def test_without_coordinates_admin1_decides():
    no_coords = {"latitude": None, "longitude": None}
    assert check_pair(_gold(), _pred(**no_coords, admin1="Kirkuk Governorate")).ok
    assert not check_pair(_gold(), _pred(**no_coords, admin1="Diyala")).ok
    assert not check_pair(_gold(), _pred(**no_coords, admin1="", location="")).ok


def test_without_coordinates_or_admin1_place_names_decide():
    loc = {"name": "Boulsa", "admin1": None, "country": "Burkina Faso"}
    gold = _gold(location=loc)
    assert check_pair(gold, _pred(latitude=None, admin1="", location="Boulsa")).ok
    assert not check_pair(gold, _pred(latitude=None, admin1="", location="Djibo")).ok


def test_two_similar_events_are_assigned_one_to_one():
    # Two attacks on one day: a clash in Daquq and a bombing 30 km away. Each prediction
    # is within the tolerances of both gold events; the assignment pairs them by type and
    # place rather than letting the first prediction take the first gold event.
    far = offset(DAQUQ, 30.0, azimuth=0.0)
    gold = [
        _gold(),
        _gold(
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED",
            location={"name": "Elsewhere", "admin1": "Kirkuk", "lat": far[0], "lon": far[1]},
        ),
    ]
    preds = [
        _pred(
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED",
            latitude=far[0],
            longitude=far[1],
        ),
        _pred(),
    ]
    pairs = {(m.gold_index, m.pred_index) for m in match_events(gold, preds)}
    assert pairs == {(0, 1), (1, 0)}


def test_assignment_prefers_more_matches_over_a_better_single_pair():
    # Prediction A fits gold 0 perfectly and gold 1 loosely; prediction B fits gold 0 only.
    # The optimal assignment gives B to gold 0 and A to gold 1: two matches, not one.
    g0 = _gold()
    g1 = _gold(date="2021-02-13")
    a = _pred(event_date="2021-02-11")
    b = _pred(event_date="2021-02-09")
    pairs = {(m.gold_index, m.pred_index) for m in match_events([g0, g1], [a, b])}
    assert pairs == {(0, 1), (1, 0)}


def test_no_events_no_matches():
    assert match_events([], [_pred()]) == []
    assert match_events([_gold()], []) == []
