"""End-to-end extraction on small texts written for these tests."""

from datetime import date

import pytest

import flashpoint

pytestmark = pytest.mark.slow


def test_aliases_resolve_to_one_canonical_group():
    for alias in ("ISIS", "IS", "Daesh", "ISIL", "Islamic State group"):
        text = (
            f"On Monday, {alias} fighters attacked an army post near Kirkuk, "
            "killing three soldiers."
        )
        events = flashpoint.extract(text, published="2021-03-03", country_hint="Iraq")
        assert len(events) == 1, alias
        ev = events[0]
        assert ev.actor1 == "Islamic State (Iraq)", alias
        assert ev.actor2 == "Military Forces of Iraq"
        assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
        assert ev.fatalities == 3
        assert ev.event_date == "2021-03-01"


def test_ied_against_soldiers_is_remote_explosive():
    text = "A roadside bomb killed two Iraqi soldiers on Sunday near Tikrit."
    (ev,) = flashpoint.extract(text, published="2022-05-10")
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.actor1 == "Unidentified Armed Group (Iraq)"
    assert ev.actor2 == "Military Forces of Iraq"
    assert ev.inter1 == 3 and ev.inter2 == 1 and ev.interaction == 13
    assert ev.disorder_type == "Political violence"


def test_gunmen_killing_civilians_is_violence_against_civilians():
    text = "Gunmen killed five villagers in an attack on a village in Zamfara state on Wednesday."
    (ev,) = flashpoint.extract(text, published="2023-06-12", country_hint="Nigeria")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actor2 == "Civilians (Nigeria)"
    assert ev.civilian_targeting == "Civilian targeting"
    assert ev.fatalities == 5


@pytest.mark.parametrize(
    "text",
    [
        "Attacks by the extremist group have been targeting police lately.",
        "The militants threatened to attack the town if the army advanced.",
        "Officials denied that any attack had taken place in the district.",
        "No one was killed and there was no attack on the checkpoint.",
        "The minister visited the city and met security commanders on Monday.",
        "The group will launch attacks on the capital, its leader warned.",
    ],
)
def test_trends_threats_denials_and_visits_are_not_events(text):
    assert flashpoint.extract(text, published="2021-02-17", country_hint="Iraq") == []


def test_old_background_is_not_an_event():
    text = "The group seized the city in 2014, killing hundreds of civilians."
    assert flashpoint.extract(text, published="2021-02-17", country_hint="Iraq") == []


def test_no_publication_date_and_no_year_gives_null_date():
    text = "Gunmen killed two police officers at a checkpoint in Kirkuk on Sunday."
    (ev,) = flashpoint.extract(text, country_hint="Iraq")
    assert ev.event_date is None and ev.time_precision is None


def test_repeated_paragraph_gives_one_event():
    para = "On Monday, gunmen killed two police officers at a checkpoint in Kirkuk."
    events = flashpoint.extract(f"{para}\n{para}\n", published="2021-02-17")
    assert len(events) == 1


def test_protest_and_arrests():
    text = (
        "Hundreds of demonstrators rallied in front of the governor's office in Basra "
        "on Tuesday to protest power cuts.\n"
        "Police fired tear gas to disperse the protesters."
    )
    events = flashpoint.extract(text, published="2022-07-20", country_hint="Iraq")
    subs = {e.sub_event_type for e in events}
    assert subs & {"Peaceful protest", "Protest with intervention"}
    assert all(e.event_type == "Protests" for e in events)


def test_evidence_spans_point_into_the_original_text():
    text = (
        "Intro.\n\nOn Feb. 11, IS fighters assaulted a police point in Daquq, "
        "two policemen were killed."
    )
    (ev,) = flashpoint.extract(text, published=date(2021, 2, 17), country_hint="Iraq")
    for field, span in ev.evidence.items():
        assert text[span.start : span.end] == span.text, field
    assert ev.evidence["fatalities"].text.startswith("two")
    assert ev.evidence["event_date"].text == "Feb. 11"


@pytest.mark.parametrize(
    "text",
    [
        "A drone filmed the wedding party in Erbil on Tuesday.",
        "The ministry bought new warplanes for the air force on Tuesday.",
        "Passengers boarded private jets at the airport in Basra on Tuesday.",
    ],
)
def test_a_weapon_named_with_nothing_done_with_it_is_no_event(text):
    assert flashpoint.extract(text, published="2022-03-08", country_hint="Iraq") == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Iraqi jets struck militant hideouts near Tuz Khurmatu on Tuesday.", "Air/drone strike"),
        (
            "Gunmen fired two rockets at the base in Balad on Tuesday.",
            "Shelling/artillery/missile attack",
        ),
        ("Two shepherds were killed by a drone near Sinjar on Tuesday.", "Air/drone strike"),
    ],
)
def test_a_weapon_that_is_used_is_an_event(text, sub_event_type):
    (ev,) = flashpoint.extract(text, published="2022-03-08", country_hint="Iraq")
    assert ev.sub_event_type == sub_event_type


def test_crowd_control_is_an_intervention_in_the_protest():
    text = (
        "Hundreds of students marched through Kisumu on Tuesday against fee rises. "
        "Police fired tear gas and rubber bullets to disperse them, injuring eight."
    )
    (ev,) = flashpoint.extract(text, published="2024-06-10", country_hint="Kenya")
    assert ev.sub_event_type == "Protest with intervention"
    assert ev.actor2 == "Police Forces of Kenya"
    assert ev.injuries == 8


def test_a_raid_that_only_arrests_is_the_arrest_and_seized_explosives_are_disrupted():
    text = (
        "Police arrested four suspected smugglers in a raid in Tijuana on Wednesday and "
        "seized pistols and explosives."
    )
    events = flashpoint.extract(text, published="2024-06-10", country_hint="Mexico")
    assert {e.sub_event_type for e in events} == {"Arrests", "Disrupted weapons use"}


def test_a_postposed_dead_counts_the_whole_list_and_a_lynching_kills():
    text = (
        "Militants stormed an army outpost near Kismayo on Saturday, sparking a gun battle "
        "that left five soldiers and 12 militants dead."
    )
    (ev,) = flashpoint.extract(text, published="2024-06-10", country_hint="Somalia")
    assert ev.fatalities == 17
    text = "A mob lynched a man accused of theft in a village near Patna on Monday."
    (ev,) = flashpoint.extract(text, published="2024-06-10", country_hint="India")
    assert ev.sub_event_type == "Mob violence" and ev.fatalities == 1
