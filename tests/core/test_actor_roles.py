"""Who did it and to whom: roles from the parse, canonical names from the alias table.
Texts written for these tests."""

import pytest

import flashpoint

pytestmark = pytest.mark.slow


def _one(text, published="2023-04-15", country="Iraq"):
    events = flashpoint.extract(text, published=published, country_hint=country)
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    return events[0]


def test_a_force_named_outside_the_event_is_not_its_target():
    ev = _one(
        "The police were not informed in advance, and gunmen killed six villagers in the raid "
        "on Dandume on Thursday.",
        country="Nigeria",
    )
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actor2 == "Civilians (Nigeria)"


def test_short_acronyms_match_as_written():
    ev = _one("A roadside bomb killed two PMF fighters near Baiji on Sunday.")
    assert ev.actor2 == "Popular Mobilization Forces"
    ev = _one(
        "RSF fighters shelled a market in El Fasher on Monday, killing nine civilians.",
        country="Sudan",
    )
    assert ev.actor1 == "Rapid Support Forces"


def test_a_group_that_claimed_the_attack_is_its_perpetrator():
    text = (
        "A car bomb killed four policemen at a checkpoint in Tuz Khurmatu on Monday. "
        "The Islamic State group claimed responsibility for the bombing."
    )
    ev = _one(text)
    assert ev.actor1 == "Islamic State (Iraq)"
    assert ev.actor2 == "Police Forces of Iraq"


def test_plural_weapons_that_struck_are_one_incident():
    ev = _one(
        "Rockets hit a housing district in Taiz on Thursday, killing five people.",
        country="Yemen",
    )
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.fatalities == 5


def test_the_owner_of_a_hit_site_is_the_target():
    ev = _one(
        "An IED struck a patrol of the federal police near Samarra on Wednesday, wounding four."
    )
    assert ev.actor2 == "Police Forces of Iraq"
