"""Actor and event-type coding by error class: who was attacked when the text names a
site or an official, attribution told in another line, names the alias table must know,
reversed sides, and the crowd and civilian-or-armed decisions. Texts written for these
tests."""

import pytest

import flashpoint

pytestmark = pytest.mark.slow


def _events(text, published="2023-04-15", country="Iraq"):
    return flashpoint.extract(text, published=published, country_hint=country)


def _one(text, published="2023-04-15", country="Iraq"):
    events = _events(text, published, country)
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    return events[0]


# --- The force attacked, named through a site or an official -----------------------


def test_a_bomb_near_a_force_site_targets_that_force():
    ev = _one(
        "A car bomb went off near a police station in Baiji on Tuesday, killing four "
        "people and wounding nine."
    )
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.actor2 == "Police Forces of Iraq"


def test_outside_the_gates_of_a_base_targets_its_army():
    ev = _one(
        "A roadside bomb exploded outside the gates of an army base in Tarmiyah on Friday, "
        "killing three people."
    )
    assert ev.actor2 == "Military Forces of Iraq"


def test_living_near_a_base_makes_no_target_of_the_army():
    ev = _one("Gunmen shot dead a farmer who lived near the army base in Tarmiyah on Friday.")
    assert (ev.event_type, ev.actor2) == ("Violence against civilians", "Civilians (Iraq)")


def test_an_attack_aimed_at_an_official_targets_the_government():
    ev = _one(
        "Two car bombs struck a convoy of cars in Tikrit on Monday in an attack that "
        "targeted the provincial governor, who was wounded. Eleven people were killed."
    )
    assert ev.actor2 == "Government of Iraq"


def test_shooting_an_official_is_an_attack_not_a_clash():
    ev = _one("Gunmen shot and wounded the mayor of Tuz Khurmatu on Monday.")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actor2 == "Government of Iraq"


def test_a_title_with_a_reduced_relative_names_the_dead_as_the_target():
    ev = _one("Nine police officers killed in north Mali ambush", country="Mali")
    assert ev.event_type == "Battles"
    assert ev.actor1 == "Unidentified Armed Group (Mali)"
    assert ev.actor2 == "Police Forces of Mali"
