"""Lines of one report that tell the same incident become one event; lines about other
incidents stay apart. Texts written for these tests."""

import pytest

import flashpoint

pytestmark = pytest.mark.slow


def _extract(text, published="2023-04-15", country="Iraq"):
    return flashpoint.extract(text, published=published, country_hint=country)


def test_crowd_lines_that_name_the_sides_in_turn_are_one_event():
    text = (
        "Hundreds of protesters rallied outside the governor's office in Basra on Friday. "
        "Police fired tear gas to disperse the demonstrators. "
        "Security forces later arrested several protesters near the building. "
        "A medical source said that 14 protesters were injured."
    )
    events = _extract(text)
    assert len(events) == 1, [(e.sub_event_type, e.event_date) for e in events]
    (ev,) = events
    assert ev.sub_event_type == "Protest with intervention"
    assert ev.injuries == 14
    assert ev.event_date == "2023-04-14"


def test_another_source_is_not_another_incident():
    text = (
        "Two soldiers were killed on Monday when gunmen attacked a checkpoint near Tikrit. "
        "Three other soldiers were wounded, according to another security source."
    )
    (ev,) = _extract(text)
    assert (ev.fatalities, ev.injuries) == (2, 3)


def test_said_earlier_is_not_an_earlier_incident():
    text = (
        "A rocket hit a house in Erbil on Tuesday, wounding two people, police said. "
        "A local channel reported earlier that a rocket had struck a residential street in Erbil."
    )
    events = _extract(text)
    assert len(events) == 1
    assert events[0].injuries == 2


def test_a_place_inside_an_institution_name_is_not_the_scene():
    text = (
        "Police detained four activists, among them a member of the Basra Provincial "
        "Council, at a rally in Nasiriyah on Saturday."
    )
    (ev,) = _extract(text)
    assert ev.location == "Nasiriyah"


def test_a_border_named_as_a_landmark_is_not_the_scene():
    text = (
        "Rebels ambushed an army convoy in eastern Chad on Friday, killing seven "
        "soldiers. The fighters hit the convoy close to the border with Sudan."
    )
    events = _extract(text, published="2022-03-05", country="Chad")
    assert len(events) == 1
    assert events[0].country == "Chad"


def test_a_place_is_not_borrowed_from_a_line_about_another_day():
    text = (
        "Iraqi jets bombed a tunnel used by militants in Wadi Horan on Tuesday. "
        "On Sunday, police arrested three suspects."
    )
    events = _extract(text, published="2025-03-12")
    arrests = next(e for e in events if e.sub_event_type == "Arrests")
    assert arrests.event_date == "2025-03-09"
    assert arrests.location != "Wadi Horan"


def test_a_participle_describing_a_thing_is_not_an_act():
    text = (
        "Hundreds of people protested in Kirkuk on Sunday against power cuts. "
        "Several of them complained of burning eyes after a long day in the sun."
    )
    (ev,) = _extract(text)
    assert ev.sub_event_type == "Peaceful protest"


def test_a_line_that_counts_the_dead_of_the_attack_adds_to_it():
    text = (
        "A roadside bomb struck an army patrol near Baiji on Thursday. "
        "Four soldiers died in the attack, an officer said. "
        "The blast also wounded two civilians."
    )
    events = _extract(text)
    assert len(events) == 1, [(e.sub_event_type, e.fatalities) for e in events]
    (ev,) = events
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert (ev.fatalities, ev.injuries) == (4, 2)


def test_the_strikes_killed_is_the_strike_told_before():
    text = (
        "Iraqi aircraft conducted airstrikes on Monday on insurgent caves in the desert of "
        "western Anbar, the army said. "
        "The strikes killed four insurgents, the statement added."
    )
    events = _extract(text)
    assert len(events) == 1
    assert events[0].sub_event_type == "Air/drone strike"
    assert events[0].fatalities == 4


def test_a_title_and_the_body_describe_the_victims_differently():
    text = (
        "Bomb kills six troops in Kirkuk\n\n"
        "A roadside bomb hit a convoy of the federal police in Kirkuk on Sunday, killing "
        "six people, a source said."
    )
    events = _extract(text)
    assert len(events) == 1
    assert events[0].actor2 == "Police Forces of Iraq"
    assert events[0].fatalities == 6


def test_a_town_named_as_part_of_a_province_is_the_one_in_that_province():
    text = "Gunmen attacked a checkpoint in the Riyadh area of Kirkuk on Monday, killing a soldier."
    (ev,) = _extract(text)
    assert ev.country == "Iraq" and ev.admin1 == "Kirkuk"


def test_a_bomb_that_opens_a_ground_assault_is_coded_with_the_clash():
    text = (
        "A suicide bomber blew himself up at the entrance of an army camp near Gao on Monday "
        "before gunmen stormed the camp, police said. "
        "Seven soldiers died in the fighting."
    )
    events = _extract(text, published="2021-05-04", country="Mali")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Armed clash")]
    assert events[0].fatalities == 7
    assert events[0].actor2 == "Military Forces of Mali"  # not the police who told it


def test_a_base_held_for_hours_is_no_change_of_territory():
    text = (
        "Militants briefly seized an army outpost near Gao on Monday after killing three "
        "soldiers. Troops retook the outpost in the evening."
    )
    events = _extract(text, published="2021-05-04", country="Mali")
    assert {e.sub_event_type for e in events} == {"Armed clash"}


def test_two_figures_for_the_same_people_keep_the_lower():
    text = (
        "Officials said nine soldiers were killed when militants raided a camp near Gao "
        "on Monday. A militant spokesman said the fighters killed 14 soldiers."
    )
    events = _extract(text, published="2021-05-04", country="Mali")
    assert len(events) == 1
    assert events[0].fatalities == 9


def test_a_line_about_some_of_those_counted_keeps_the_full_count():
    text = (
        "Three soldiers were killed when militants ambushed a convoy near Baidoa on Monday. "
        "A roadside bomb killed the two soldiers in the first vehicle."
    )
    events = _extract(text, published="2021-05-04", country="Somalia")
    assert [e.fatalities for e in events] == [3]


def test_a_tally_with_a_vague_figure_is_not_an_incident():
    text = (
        "A ministry spokesman said on Wednesday that over the last six weeks the army has "
        "conducted numerous sweeps in the desert, killing scores of insurgents."
    )
    assert _extract(text) == []


def test_what_the_arrested_planned_does_not_hide_the_arrest():
    text = (
        "Troops raided a hideout near Tal Afar on Sunday and shot dead a gunman. "
        "The raid also resulted in the arrest of four men who were planning to launch "
        "attacks on markets."
    )
    events = _extract(text)
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert len(arrests) == 1


def test_the_town_of_the_raid_places_an_arrest_told_at_province_level():
    text = (
        "The interior ministry said on Sunday that three suspects were detained in Nineveh "
        "province. Police raided a farm in the Tal Afar area. "
        "The raid led to the arrest of the three suspects."
    )
    events = _extract(text)
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert len(arrests) == 1
    assert arrests[0].location == "Tall Afar"  # the gazetteer's spelling
