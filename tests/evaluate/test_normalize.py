"""Normal forms used to compare actors, admin1 units, dates and numbers."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.evaluate.normalize import (
    actor_key,
    actors_agree,
    admin1_agree,
    parse_date,
    parse_float,
    parse_int,
    place_key,
)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Islamic State", "Islamic State (Iraq)"),
        ("Unidentified Armed Group", "Unidentified Armed Group (Iraq)"),
        ("Military Forces of Iraq", "Military Forces of Iraq (2014-) (Iraq)"),
        ("Civilians", "civilians (Iraq)"),
        ("Houthi Movement (Ansar Allah)", "Houthi Movement"),
        ("Al Shabaab", "Al-Shabaab"),
        (None, ""),
        ({"name": "Islamic State", "kind": "rebel"}, "Islamic State (Syria)"),
        ({"name": None}, None),
    ],
)
def test_same_actor_in_different_spellings(gold, predicted):
    assert actors_agree(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Islamic State", "Police Forces of Iraq"),
        ("Military Forces of Iraq", "Police Forces of Iraq (Iraq)"),
        (None, "Civilians (Iraq)"),
        ("Islamic State", ""),
    ],
)
def test_different_actors_disagree(gold, predicted):
    assert not actors_agree(gold, predicted)


def test_actor_key_is_plain_lowercase_words():
    assert actor_key("  Police Forces of Iraq (Iraq) ") == "police forces of iraq"


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Kirkuk", "kirkuk"),
        ("Anbar", "Al-Anbar"),
        ("Anbar", "Al Anbar Governorate"),
        ("Sulaymaniyah", "As Sulaymaniyah"),
        ("Salahaddin", "Salah ad Din"),
        ("Salahaddin", "Saladin"),
        ("Nineveh", "Ninawa"),
        ("Erbil", "Arbil"),
        ("Basra", "Al Basrah"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Al-Hasakah", "Hasaka"),
        ("Dhi Qar", "Dhī Qār"),
        ("Homs", "Hims"),
        ("Lower Juba", "Jubbada Hoose"),
        ("Lower Shabelle", "Shabeellaha Hoose"),
        ("Aleppo", "Halab"),
        (None, ""),
    ],
)
def test_same_admin1_in_different_spellings(gold, predicted):
    assert admin1_agree(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Dhi Qar", "Diyala"),
        ("Kirkuk", "Erbil"),
        ("Najaf", "Karbala"),
        ("Lower Juba", "Middle Juba"),
        ("Kirkuk", ""),
    ],
)
def test_different_admin1_disagree(gold, predicted):
    assert not admin1_agree(gold, predicted)


def test_place_key_ignores_article_and_punctuation():
    assert place_key("al-Hawayej") == place_key("Hawayej")
    assert place_key("Arab Koy") != place_key("Daquq")


def test_parse_helpers_accept_messy_values():
    assert parse_date("2021-02-11") == date(2021, 2, 11)
    assert parse_date("2021-02-11T08:00:00Z") == date(2021, 2, 11)
    assert parse_date("11 February 2021") == date(2021, 2, 11)
    assert parse_date("not a date") is None
    assert parse_date(None) is None
    assert parse_float("35.2") == 35.2
    assert parse_float("") is None
    assert parse_float(float("nan")) is None
    assert parse_int("3") == 3
    assert parse_int(None, 0) == 0
