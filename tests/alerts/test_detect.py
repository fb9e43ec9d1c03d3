"""Surge detection on synthetic series where the right answer is known."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from flashpoint.alerts import detect_surges
from flashpoint.models import Event

from .helpers import MONDAY, frame_from_counts


def test_doubling_over_stable_baseline_is_flagged() -> None:
    counts = [10] * 12 + [20]
    alerts = detect_surges(frame_from_counts(counts), baseline=8, alpha=0.01)
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert.kind == "surge"
    assert alert.period_start == date(2024, 3, 25)  # week 12
    assert alert.count == 20
    assert alert.baseline_mean == pytest.approx(10.0)
    assert alert.ratio == pytest.approx(2.0)
    assert alert.excess == pytest.approx(10.0)
    assert alert.p_value < 0.01
    assert len(alert.event_ids) == 20
    assert alert.fatalities == 20 and alert.baseline_fatalities == 80


def test_doubling_is_found_in_most_noisy_series() -> None:
    # One week of Poisson(40) after weeks of Poisson(20): the exact power is about 0.8.
    rng = np.random.default_rng(11)
    rates = np.full((200, 13), 20.0)
    rates[:, 12] = 40.0
    frame = frame_from_counts(rng.poisson(rates))
    flagged = {a.unit for a in detect_surges(frame, alpha=0.01) if a.period_start.day == 25}
    assert len(flagged) / 200 > 0.7


def test_same_total_spread_evenly_is_not_flagged() -> None:
    # 140 events over 14 weeks: the doubling's total, without the doubling.
    assert detect_surges(frame_from_counts([10] * 14), alpha=0.01) == []


def test_same_total_as_random_noise_rarely_flagged() -> None:
    rng = np.random.default_rng(5)
    units, weeks, total = 500, 13, 140
    counts = rng.multinomial(total, [1 / weeks] * weeks, size=units)
    alerts = detect_surges(frame_from_counts(counts), alpha=0.01)
    tests = units * (weeks - 8)
    assert len(alerts) / tests <= 0.01


def test_first_ever_cluster_is_new_activity() -> None:
    quiet = [0] * 10 + [4]
    busy = [3] * 11
    frame = frame_from_counts([busy, quiet], names=["Busy", "Quiet"])
    alerts = detect_surges(frame)
    assert [a.kind for a in alerts] == ["new"]
    alert = alerts[0]
    assert alert.label == "Quiet, North, Testland"
    assert alert.baseline_total == 0 and alert.ratio is None
    expected = frame.loc[frame["admin2"] == "Quiet", "event_id_cnty"]
    assert alert.event_ids == sorted(expected)
    assert alert.first_ever
    assert "First recorded activity in Quiet" in alert.describe()


def test_activity_after_a_long_quiet_spell_is_new_but_not_first() -> None:
    frame = frame_from_counts([[2] + [0] * 10 + [4], [3] * 12], names=["Back", "Busy"])
    (alert,) = detect_surges(frame)
    assert alert.kind == "new" and not alert.first_ever
    assert alert.describe().startswith("New activity in Back")


def test_single_event_in_quiet_place_is_not_a_surge() -> None:
    for n in (1, 2):
        frame = frame_from_counts([[0] * 10 + [n], [3] * 11])
        assert detect_surges(frame, min_count=3) == []


def test_new_activity_can_be_switched_off() -> None:
    frame = frame_from_counts([[0] * 10 + [4], [3] * 11])
    # Four events against an empty 8-week baseline: p = 9**-4, a surge either way.
    assert [a.kind for a in detect_surges(frame, new_activity=False)] == ["surge"]
    frame = frame_from_counts([[0] * 10 + [3], [3] * 11])
    assert detect_surges(frame, new_activity=False, baseline=2, alpha=0.01) == []
    assert [a.kind for a in detect_surges(frame, baseline=2, alpha=0.01)] == ["new"]


def test_no_alerts_before_a_full_baseline_exists() -> None:
    # Activity from the first week of data is not "new": there is nothing to compare with.
    frame = frame_from_counts([[5, 6, 5, 30]])
    assert detect_surges(frame, baseline=8) == []
    assert len(detect_surges(frame, baseline=3)) == 1


@pytest.mark.parametrize("method", ["poisson", "negbin"])
@pytest.mark.parametrize("alpha", [0.01, 0.05])
def test_false_alarm_rate_on_poisson_noise_is_below_alpha(method: str, alpha: float) -> None:
    rng = np.random.default_rng(2024)
    units, weeks = 1200, 30
    rates = rng.choice([0.5, 2.0, 5.0, 15.0], size=(units, 1))
    counts = rng.poisson(np.broadcast_to(rates, (units, weeks)))
    alerts = detect_surges(
        frame_from_counts(counts), alpha=alpha, min_count=1, method=method, new_activity=False
    )
    tests = units * (weeks - 8)
    rate = len(alerts) / tests
    assert 0 < rate <= alpha


def test_negbin_is_more_cautious_than_poisson_on_bursty_noise() -> None:
    rng = np.random.default_rng(3)
    units, weeks, mean, size = 800, 30, 4.0, 1.5
    counts = rng.negative_binomial(size, size / (size + mean), size=(units, weeks))
    frame = frame_from_counts(counts)
    tests = units * (weeks - 8)
    poisson = len(detect_surges(frame, method="poisson", alpha=0.01)) / tests
    negbin = len(detect_surges(frame, method="negbin", alpha=0.01)) / tests
    # The Poisson test mistakes bursts for surges; the negative binomial one stays near
    # alpha (its dispersion is estimated, so not exactly at it).
    assert poisson > 0.05
    assert negbin < 0.02


def test_corrections_only_remove_alerts() -> None:
    rng = np.random.default_rng(8)
    rates = np.full((300, 14), 5.0)
    rates[:20, 13] = 15.0
    frame = frame_from_counts(rng.poisson(rates))
    plain = {(a.unit, a.period_start) for a in detect_surges(frame, alpha=0.05)}
    fdr = {(a.unit, a.period_start) for a in detect_surges(frame, alpha=0.05, correction="fdr")}
    bonf = detect_surges(frame, alpha=0.05, correction="bonferroni")
    assert fdr <= plain and {(a.unit, a.period_start) for a in bonf} <= fdr
    assert all(a.p_adjusted >= a.p_value for a in bonf)
    # The injected surges survive the correction; most noise alerts do not.
    assert len(fdr) < len(plain)
    assert {a.label.split(",")[0] for a in bonf} <= {f"District {i}" for i in range(20)}


def test_split_by_event_type_finds_a_surge_hidden_in_the_total() -> None:
    battles = frame_from_counts([[20] * 13], event_type="Battles", id_prefix="B")
    blasts = frame_from_counts([[2] * 12 + [8]], event_type="Explosions", id_prefix="X")
    frame = pd.concat([battles, blasts], ignore_index=True)
    assert detect_surges(frame) == []  # 22 -> 28 events in all: unremarkable
    alerts = detect_surges(frame, by="event_type")
    assert [(a.category, a.period_start) for a in alerts] == [("Explosions", date(2024, 3, 25))]
    assert alerts[0].what == "event_type=Explosions"
    assert all(i.startswith("X") for i in alerts[0].event_ids)


def test_admin1_level_pools_its_districts() -> None:
    counts = np.array([[1] * 12 + [3]] * 4)
    frame = frame_from_counts(counts)
    assert detect_surges(frame, level="admin2") == []
    alerts = detect_surges(frame, level="admin1")
    assert [(a.label, a.count) for a in alerts] == [("North, Testland", 12)]


def test_h3_level_uses_coordinates_and_skips_events_without_them() -> None:
    frame = frame_from_counts([[2] * 12 + [9]])
    frame.loc[0, ["latitude", "longitude"]] = [None, None]
    alerts = detect_surges(frame, level="h3", h3_resolution=6)
    assert len(alerts) == 1
    assert alerts[0].unit.startswith("86")
    assert alerts[0].label == f"{alerts[0].unit} (near District 0)"
    assert alerts[0].count == 9


def test_since_and_until_limit_reported_windows() -> None:
    frame = frame_from_counts([[5] * 10 + [25] + [5] * 9 + [25]])
    all_weeks = [a.period_start for a in detect_surges(frame)]
    assert all_weeks == [date(2024, 5, 20), date(2024, 3, 11)]
    assert [a.period_start for a in detect_surges(frame, since="2024-04-01")] == [date(2024, 5, 20)]
    assert [a.period_start for a in detect_surges(frame, until=date(2024, 4, 1))] == [
        date(2024, 3, 11)
    ]


def test_accepts_event_objects_and_dicts() -> None:
    def make(i: int, day: str) -> Event:
        return Event(
            "Battles",
            "Armed clash",
            event_id_cnty=f"EV{i}",
            event_date=day,
            country="Testland",
            admin1="North",
            admin2="Hill",
        )

    events = [make(i, (MONDAY + pd.Timedelta(days=7 * (i % 9))).isoformat()) for i in range(9)]
    events += [make(100 + i, "2024-03-05") for i in range(6)]
    from_objects = detect_surges(events, baseline=8)
    from_dicts = detect_surges([e.to_dict() for e in events], baseline=8)
    assert [a.to_dict() for a in from_objects] == [a.to_dict() for a in from_dicts]
    assert from_objects[0].event_ids == [f"EV10{i}" for i in range(6)]


def test_bad_rows_are_skipped_not_fatal() -> None:
    frame = frame_from_counts([[3] * 12 + [12]])
    junk = pd.DataFrame(
        {
            "event_date": ["not a date", None, "2024-03-26"],
            "admin2": ["X", "X", ""],
            "fatalities": ["many", None, "2"],
        }
    )
    alerts = detect_surges(pd.concat([frame, junk], ignore_index=True))
    assert [a.count for a in alerts] == [12]
    assert detect_surges([]) == []
    assert detect_surges([{"foo": 1}, "garbage"]) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"level": "village"},
        {"window": "fortnight"},
        {"method": "gaussian"},
        {"correction": "holm"},
        {"alpha": 0},
        {"baseline": 0},
        {"since": "someday"},
        {"by": "no_such_column"},
    ],
)
def test_bad_parameters_raise_value_error(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        detect_surges(frame_from_counts([[3] * 12]), **kwargs)
