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


# --- Two states on the two sides ----------------------------------------------------


def test_one_state_firing_at_another_keeps_both_sides():
    ev = _one(
        "Turkey fired rockets at Syrian troops near Afrin on Sunday, killing two soldiers.",
        country="Syria",
    )
    assert ev.actor1 == "Military Forces of Turkey"
    assert ev.actor2 == "Military Forces of Syria"


# --- Attribution told in another line ------------------------------------------------


def test_a_later_line_that_suspects_a_group_names_the_perpetrator():
    ev = _one(
        "Three policemen were killed when unknown gunmen attacked a checkpoint near Hawija "
        "on Sunday. Police believe the raiders belonged to the Islamic State group."
    )
    assert ev.actor1 == "Islamic State (Iraq)"
    assert ev.actor2 == "Police Forces of Iraq"


def test_a_later_claim_of_responsibility_names_the_perpetrator():
    ev = _one(
        "A roadside bomb killed two soldiers near Tarmiyah on Sunday. "
        "Al-Qaeda claimed responsibility in a statement on Monday."
    )
    assert ev.actor1 == "Al Qaeda"


def test_a_denial_names_no_perpetrator():
    ev = _one(
        "A roadside bomb killed two soldiers near Tarmiyah on Sunday. A spokesman for "
        "Kataib Hezbollah denied that the group was responsible."
    )
    assert ev.actor1 == "Unidentified Armed Group (Iraq)"


def test_claiming_back_land_in_a_history_line_blames_no_one():
    events = _events(
        "A bomb killed two soldiers near Afgoye on Thursday. Al-Shabaab held the town for "
        "years until African Union troops claimed back the area.",
        country="Somalia",
    )
    bomb = next(e for e in events if e.sub_event_type == "Remote explosive/landmine/IED")
    assert bomb.actor1 == "Unidentified Armed Group (Somalia)"


def test_an_also_line_keeps_the_perpetrator_of_the_line_before():
    events = _events(
        "Boko Haram fighters killed nine farmers in Konduga on Saturday, residents said. "
        "Four women were also abducted.",
        country="Nigeria",
    )
    abduction = next(e for e in events if e.sub_event_type == "Abduction/forced disappearance")
    assert abduction.actor1 == "Boko Haram"


def test_militants_killed_in_an_operation_were_killed_by_the_state():
    ev = _one(
        "On Thursday, four al-Shabaab fighters were killed in an operation near Afgoye.",
        country="Somalia",
    )
    assert (ev.actor1, ev.actor2) == ("Military Forces of Somalia", "Al Shabaab")


# --- Names the alias table must know, and pronouns that stand for them -----------


def test_coalition_troops_are_the_coalition_and_in_yemen_the_saudi_led_one():
    ev = _one(
        "Two coalition soldiers were wounded on Tuesday when rockets hit Ain al-Asad air base."
    )
    assert ev.actor2 == "Global Coalition against Daesh"
    ev = _one(
        "Coalition warplanes struck Houthi positions near Saada on Tuesday, killing 14 fighters.",
        country="Yemen",
    )
    assert ev.actor1 == "Saudi-led Coalition"


def test_a_group_named_deep_inside_a_description_is_no_perpetrator():
    ev = _one(
        "Two coalition soldiers were wounded on Tuesday when rockets hit Ain al-Asad air "
        "base, which Washington has reinforced since the strikes on bases believed to be run "
        "by Kataeb Hezbollah."
    )
    assert ev.actor1 == "Unidentified Armed Group (Iraq)"


def test_its_headquarters_is_the_speaking_group_hit():
    ev = _one(
        "On Friday the Sinjar Protection Units said two of its fighters died when a Turkish "
        "drone struck its headquarters near Khanasor."
    )
    assert ev.actor1 == "Military Forces of Turkey"
    assert ev.actor2 == "Sinjar Resistance Units (YBS)"


def test_affiliated_with_names_no_side():
    ev = _one(
        "A Turkish drone struck a car near Sinjar on Monday, killing two members of the "
        "Sinjar Resistance Units, a force long affiliated with the PKK."
    )
    assert ev.actor2 == "Sinjar Resistance Units (YBS)"


def test_arab_tribes_are_a_tribal_militia_and_later_tribes_the_same_one():
    events = _events(
        "Heavy clashes broke out on Sunday between Arab tribes and SDF fighters in Busayrah. "
        "On Monday, four SDF members were killed in a clash with the tribes in Shuhayl.",
        country="Syria",
    )
    assert events
    for ev in events:
        assert {ev.actor1, ev.actor2} == {"Arab Tribal Militia (Syria)", "Syrian Democratic Forces"}


def test_clashes_between_two_sides_name_the_first_as_actor1():
    ev = _one(
        "Heavy clashes broke out on Sunday between Arab tribes and SDF fighters in Busayrah.",
        country="Syria",
    )
    assert (ev.actor1, ev.actor2) == ("Arab Tribal Militia (Syria)", "Syrian Democratic Forces")


def test_a_regime_militia_hit_by_an_armed_group_is_a_battle():
    ev = _one(
        "Six members of a pro-regime militia were killed on Sunday in an ISIS ambush near Palmyra.",
        country="Syria",
    )
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert ev.actor2 == "Pro-Government Militia (Syria)"


def test_bare_security_names_the_forces_but_a_security_source_does_not():
    ev = _one(
        "Clashes between demonstrators and the security in Halabja on Sunday left three "
        "people wounded."
    )
    assert ev.event_type == "Riots"
    assert ev.actor2 == "Security Forces of Kurdistan Regional Government"
    ev = _one("A car bomb killed four soldiers near Baiji on Sunday, a security source said.")
    assert ev.actor2 == "Military Forces of Iraq"


def test_arrested_protest_leaders_are_protesters():
    ev = _one(
        "Several leaders of the recent protests were detained by security in Halabja on "
        "Sunday, a security source said."
    )
    assert ev.sub_event_type == "Arrests"
    assert ev.actor1 == "Security Forces of Kurdistan Regional Government"
    assert ev.actor2 == "Protesters (Iraq)"


def test_unknown_men_who_fire_on_a_sit_in_are_an_armed_group():
    ev = _one(
        "Two protesters were killed and nine wounded on Sunday when unknown men opened fire "
        "on a sit-in in Kut."
    )
    assert ev.sub_event_type == "Excessive force against protesters"
    assert (ev.actor1, ev.actor2) == ("Unidentified Armed Group (Iraq)", "Protesters (Iraq)")


# --- Excessive force against protesters or a violent demonstration -----------------


def test_stones_thrown_while_trying_to_break_in_make_a_riot_against_the_police():
    ev = _one(
        "Police fired live rounds to disperse hundreds of protesters outside the governor's "
        "office in Kut on Sunday, and hospital sources said two people died. Some of the "
        "protesters tried to break down the gate, throwing stones and setting tyres alight."
    )
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")
    assert (ev.actor1, ev.actor2) == ("Rioters (Iraq)", "Police Forces of Iraq")


def test_a_plan_to_attack_stays_unreal_even_with_a_participle():
    assert not _events("Militants planned to storm the base near Baiji on Sunday, using rockets.")


def test_tents_burned_by_gunmen_are_force_against_the_protest_not_a_riot():
    ev = _one(
        "Masked gunmen opened fire on a sit-in in Kut on Sunday, killing one protester and "
        "wounding six. Later their tents were burned by the attackers, and the protesters "
        "put up new ones."
    )
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Excessive force against protesters")
    assert (ev.actor1, ev.actor2) == ("Unidentified Armed Group (Iraq)", "Protesters (Iraq)")


def test_a_crowd_that_burns_is_still_a_riot():
    ev = _one(
        "Protesters burned tyres and threw stones at police in Kut on Sunday. Police said the "
        "protesters also set fire to a bank."
    )
    assert (ev.event_type, ev.actor1) == ("Riots", "Rioters (Iraq)")


def test_deaths_in_clashes_at_a_protest_are_a_riot_against_the_police():
    events = _events(
        "Thousands of protesters marched against power cuts in Amarah on Friday. Four people "
        "died in clashes with the protesters in the city centre, medics said."
    )
    riot = next(e for e in events if e.event_type == "Riots")
    assert riot.actor2 == "Police Forces of Iraq"


# --- "An attack on <group>": who attacked whom ----------------------------------------


def test_soldiers_hit_during_their_assault_on_a_group_are_the_attackers():
    ev = _one(
        "Nine Kenyan soldiers were killed and 14 wounded on Thursday during an assault on "
        "al-Shabaab positions near Kolbio.",
        country="Somalia",
    )
    assert (ev.actor1, ev.actor2) == ("Military Forces of Kenya", "Al Shabaab")


def test_soldiers_hit_in_a_groups_attack_on_their_base_are_the_attacked():
    ev = _one(
        "Nine Kenyan soldiers were killed on Thursday in an al-Shabaab attack on their base "
        "near Kolbio.",
        country="Somalia",
    )
    assert (ev.actor1, ev.actor2) == ("Al Shabaab", "Military Forces of Kenya")


def test_soldiers_hit_in_a_rocket_attack_on_a_base_are_the_attacked():
    ev = _one(
        "Two coalition soldiers were killed on Tuesday in a rocket attack on a base held by "
        "Iraqi army units near Balad."
    )
    assert ev.actor1 == "Unidentified Armed Group (Iraq)"
    assert ev.actor2 == "Global Coalition against Daesh"


def test_bystanders_killed_in_an_attack_on_a_convoy_leave_the_army_the_target():
    ev = _one(
        "Four civilians were killed on Thursday in an attack on an army convoy near Kolbio.",
        country="Somalia",
    )
    assert (ev.event_type, ev.actor2) == ("Battles", "Military Forces of Somalia")


# --- An attack on a prison, and who keeps it ------------------------------------------


def test_an_assault_on_a_prison_is_a_battle_with_its_keepers():
    ev = _one(
        "Gunmen attacked a prison in Lokoja on Sunday and freed 200 inmates.", country="Nigeria"
    )
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert ev.actor2 == "Police Forces of Nigeria"


def test_a_kurdish_run_jail_in_syria_is_kept_by_the_sdf():
    ev = _one(
        "The raid came a day after an ISIS assault on a Kurdish-run jail in Qamishli.",
        country="Syria",
    )
    assert ev.event_type == "Battles"
    assert (ev.actor2, ev.inter2) == ("Syrian Democratic Forces", 2)


def test_kurdish_forces_in_iraq_are_the_peshmerga_a_state_force():
    ev = _one(
        "Kurdish forces clashed with ISIS militants near Makhmur on Monday, killing three of them."
    )
    assert (ev.actor1, ev.inter1) == ("Peshmerga (Kurdistan Regional Government)", 1)


# --- Those who react to an attack are no party to it ---------------------------------


def test_a_body_expressing_sympathy_after_an_attack_is_not_its_perpetrator():
    ev = _one(
        "The council expresses its sympathy to the families and the people of Kano State "
        "after the assault on a mosque in Gwale on Friday in which seven people were "
        "killed.",
        country="Nigeria",
    )
    assert ev.actor1 == "Unidentified Armed Group (Nigeria)"
    assert ev.actor2 == "Civilians (Nigeria)"


def test_a_later_line_on_where_the_explosives_were_placed_names_the_target():
    ev = _one(
        "Two bombs went off in Haditha on Tuesday, killing five people. The explosives had "
        "been hidden near the house of a police commander."
    )
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.actor2 == "Police Forces of Iraq"
    assert ev.fatalities == 5


# --- A force whose nation the text gives keeps its national name ----------------------


def test_national_jets_over_a_kurdish_province_stay_the_national_force():
    ev = _one(
        "Iraqi warplanes bombed Islamic State hideouts near Makhmour on Tuesday, killing "
        "five militants."
    )
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 == "Military Forces of Iraq"
    # Without the nation, a generic force there is the region's own.
    ev = _one("Soldiers clashed with gunmen near Makhmour on Tuesday, killing two of them.")
    assert ev.actor1 == "Security Forces of Kurdistan Regional Government"
