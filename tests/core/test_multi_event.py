"""Sentences and titles that tell more than one incident. Texts written for these tests."""

import pytest

import flashpoint

pytestmark = pytest.mark.slow


def _extract(text, published="2024-03-10", country="Iraq"):
    return flashpoint.extract(text, published=published, country_hint=country)


def test_one_sentence_two_days_two_places_is_two_events():
    text = (
        "On Saturday, five militants were killed in an airstrike in Anbar province, and on "
        "Thursday, two soldiers died in an ambush in Diyala."
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
        "Four protesters were killed in Kut on Monday and two on Sunday when police fired "
        "live rounds at the march."
    )
    events = sorted(_extract(text, published="2024-03-12"), key=lambda e: e.event_date)
    assert [(e.event_date, e.fatalities) for e in events] == [
        ("2024-03-10", 2),
        ("2024-03-11", 4),
    ]
    assert events[0].sub_event_type == "Excessive force against protesters"


def test_gunfights_between_protesters_and_police_are_a_riot():
    (ev,) = _extract(
        "Gunfights between demonstrators and police erupted in Hilla on Friday, leaving two dead."
    )
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")


def test_a_toll_over_listed_villages_is_shared_among_them():
    text = "Gunmen attacked the villages of Dandume and Funtua on Thursday, killing nine villagers."
    events = _extract(text, country="Nigeria")
    assert sorted(e.fatalities for e in events) == [4, 5]
    assert sum(e.fatalities for e in events) == 9


def test_a_title_joins_the_first_incident_it_fits():
    text = (
        "Three protesters killed in clashes in Karbala\n\n"
        "Three protesters were killed in clashes with police in Karbala on Friday, doctors said. "
        "On Tuesday, protesters had stormed the governor's office in Karbala."
    )
    events = sorted(_extract(text), key=lambda e: e.event_date)
    assert [e.fatalities for e in events] == [0, 3]


def test_a_second_strike_on_another_site_is_its_own_event():
    text = (
        "Shells hit a market in Hasakah on Monday, killing six civilians. "
        "Medics reported a second strike on the al-Hol camp near Hasakah."
    )
    events = _extract(text, country="Syria")
    assert len(events) == 2
    assert {e.location for e in events} >= {"Al-Hol camp"}


def test_a_labour_strike_is_no_attack():
    text = "Teachers went on strike in Basra on Sunday over unpaid salaries."
    assert all(e.event_type != "Explosions/Remote violence" for e in _extract(text))


def test_an_also_line_keeps_the_day_of_the_line_before():
    text = (
        "Gunmen attacked the village of Dandume on Saturday, killing seven villagers.\n\n"
        "Witnesses said two teenagers were also kidnapped; no further details were given."
    )
    events = _extract(text, published="2024-03-12", country="Nigeria")
    abducted = [e for e in events if e.sub_event_type == "Abduction/forced disappearance"]
    assert [e.event_date for e in abducted] == ["2024-03-09"]


def test_a_group_named_in_a_description_of_the_place_is_not_the_attacker():
    text = (
        "Shelling hit a bakery in Manbij, a town controlled by the Syrian Democratic "
        "Forces, on Wednesday, killing two civilians."
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
        "Dozens of people demonstrated in Dohuk on Tuesday. "
        "Several leaders of last week's protests were detained by police."
    )
    events = _extract(text, published="2024-03-12")
    assert {e.sub_event_type for e in events} == {"Peaceful protest", "Arrests"}
