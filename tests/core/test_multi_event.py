"""Sentences and titles that tell more than one incident. Texts written for these tests."""

import pytest

import flashpoint

pytestmark = pytest.mark.slow


def _extract(text, published="2024-03-10", country="Iraq"):
    return flashpoint.extract(text, published=published, country_hint=country)


def test_one_sentence_two_days_two_places_is_two_events():
    text = (
        "On Saturday, five militants were killed in an airstrike in Anbar province, and on "
        "Thursday, two soldiers were killed in an attack in Diyala."
    )
    events = sorted(_extract(text), key=lambda e: e.event_date)
    assert [(e.event_date, e.admin1, e.fatalities) for e in events] == [
        ("2024-03-07", "Diyala", 2),
        ("2024-03-09", "Anbar", 5),
    ]
    assert events[1].sub_event_type == "Air/drone strike"
    assert events[1].actor1 == "Military Forces of Iraq"  # warplanes are a state's


def test_a_bare_number_for_another_day_counts_like_the_first():
    text = (
        "Three protesters were killed in Basra on Monday and one on Sunday after police "
        "opened fire to disperse a rally."
    )
    events = sorted(_extract(text, published="2024-03-12"), key=lambda e: e.event_date)
    assert [(e.event_date, e.fatalities) for e in events] == [
        ("2024-03-10", 1),
        ("2024-03-11", 3),
    ]
    assert events[0].sub_event_type == "Excessive force against protesters"


def test_gunfights_between_protesters_and_police_are_a_riot():
    (ev,) = _extract(
        "Gunfights between protesters and police broke out in Kut on Friday, killing two."
    )
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")


def test_a_toll_over_listed_villages_is_shared_among_them():
    text = "Gunmen attacked the villages of Dandume and Funtua on Thursday, killing nine villagers."
    events = _extract(text, country="Nigeria")
    assert sorted(e.fatalities for e in events) == [4, 5]
    assert sum(e.fatalities for e in events) == 9


def test_a_title_joins_the_first_incident_it_fits():
    text = (
        "Two protesters killed in clashes in Basra\n\n"
        "Two protesters were killed in clashes with police in Basra on Friday, medics said. "
        "On Tuesday, protesters had stormed the provincial council building in Basra."
    )
    events = sorted(_extract(text), key=lambda e: e.event_date)
    assert [e.fatalities for e in events] == [0, 2]


def test_a_second_strike_on_another_site_is_its_own_event():
    text = (
        "Drones hit a market in El Fasher on Monday, killing six civilians. "
        "Doctors reported a second strike on the Zamzam camp near El Fasher."
    )
    events = _extract(text, country="Sudan")
    assert len(events) == 2
    assert {e.location for e in events} >= {"Zamzam camp"}


def test_a_labour_strike_is_no_attack():
    text = "Teachers went on strike in Basra on Sunday over unpaid salaries."
    assert all(e.event_type != "Explosions/Remote violence" for e in _extract(text))


def test_an_also_line_keeps_the_day_of_the_line_before():
    text = (
        "Gunmen attacked the village of Dandume on Saturday, killing seven villagers.\n\n"
        "Residents said several women were also abducted, without giving further details."
    )
    events = _extract(text, published="2024-03-12", country="Nigeria")
    abducted = [e for e in events if e.sub_event_type == "Abduction/forced disappearance"]
    assert [e.event_date for e in abducted] == ["2024-03-09"]


def test_a_group_named_in_a_description_of_the_place_is_not_the_attacker():
    text = (
        "A drone strike hit a car in Qamishli, a city controlled by the Syrian Democratic "
        "Forces, on Tuesday, killing three civilians."
    )
    events = _extract(text, published="2021-11-10", country="Syria")
    assert events and events[0].actor1 != "Syrian Democratic Forces"


def test_clashes_since_a_weekday_are_one_event_on_that_day():
    text = (
        "Protesters rallied again in Kut, the fifth day of protests in Iraq. "
        "Clashes between protesters and police in Iraq have since Saturday killed "
        "three people."
    )
    events = _extract(text, published="2024-03-12")
    riot = next(e for e in events if e.event_type == "Riots")
    assert (riot.event_date, riot.time_precision) == ("2024-03-09", 2)
    assert riot.location == "Al-Kut"  # not the country the line names


def test_arrests_of_the_organizers_of_past_protests_are_arrests():
    text = (
        "Hundreds of people protested in Sulaymaniyah on Tuesday. "
        "Some organizers of the recent protests were arrested by police."
    )
    events = _extract(text, published="2024-03-12")
    assert {e.sub_event_type for e in events} == {"Peaceful protest", "Arrests"}
