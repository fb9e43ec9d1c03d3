"""Cross-report event dedup: one incident told by several outlets becomes one event."""

from __future__ import annotations

import dataclasses

from flashpoint.dedup.events import EventRules, cluster, merge_reports, same_incident
from flashpoint.models import Document

from .toy import extract

KIRKUKNOW = (
    "IS fighters assaulted a local police point. Two policemen were killed in Arab Koy "
    "on 2021-02-11 by Islamic State, and two were injured, local officials said."
)
OTHER_OUTLET = (
    "Security sources said three policemen were killed in Daquq on 2021-02-12 by Islamic "
    "State militants who attacked a checkpoint at night."
)


def _events(text: str, source: str):
    doc = Document(text=text, source=source)
    events = extract(doc)
    for ev in events:
        ev.document_id, ev.source = doc.id, source
    return doc, events


def test_two_reports_of_one_attack_are_one_incident():
    _, (a,) = _events(KIRKUKNOW, "KirkukNow")
    _, (b,) = _events(OTHER_OUTLET, "Rudaw")
    assert same_incident(a, b)
    merged = merge_reports([a, b])
    assert (merged.fatalities_low, merged.fatalities_high) == (2, 3)
    assert merged.fatalities == 2  # ACLED's figure is the lowest credible one
    assert merged.fatalities_best in (2, 3)
    assert merged.source == "KirkukNow; Rudaw"
    # The village is more precise than the district: the merged place is Arab Koy,
    # with the evidence of the report that named it.
    assert merged.location == "Arab Koy"
    assert merged.evidence["location"].document_id == a.document_id


def test_different_incidents_stay_apart():
    _, (a,) = _events(KIRKUKNOW, "KirkukNow")
    _, (far,) = _events("Two policemen were killed in Basra on 2021-02-11 by Islamic State.", "X")
    _, (late,) = _events(
        "Two policemen were killed in Arab Koy on 2021-02-20 by Islamic State.", "Y"
    )
    _, (civ,) = _events("Two civilians were killed in Arab Koy on 2021-02-11.", "Z")
    assert not same_incident(a, far)  # 500 km away, another province
    assert not same_incident(a, late)  # nine days later
    _, (other_actor,) = _events(
        "Two policemen were killed in Arab Koy on 2021-02-11 by Kurdistan Workers Party.", "W"
    )
    assert not same_incident(a, other_actor)
    # Violence against civilians and battles share one family: a merge is allowed
    # only when the actors agree, and police are not civilians.
    assert not same_incident(a, civ)


def test_reports_of_one_document_never_merge():
    doc = Document(
        text="Two policemen were killed in Arab Koy on 2021-02-11 by Islamic State. "
        "Three policemen were killed in Daquq on 2021-02-12 by Islamic State.",
        source="S",
    )
    a, b = extract(doc)
    a.document_id = b.document_id = doc.id
    assert not same_incident(a, b)


def test_unidentified_actor_agrees_with_a_named_one():
    _, (a,) = _events(KIRKUKNOW, "KirkukNow")
    _, (b,) = _events("Three policemen were killed in Daquq on 2021-02-11.", "Shafaq")
    assert b.actor1 == "Unidentified Armed Group"
    assert same_incident(a, b)
    merged = merge_reports([b, a])
    assert merged.actor1 == "Islamic State"


def test_cluster_groups_many_reports():
    texts = [
        "Two policemen were killed in Arab Koy on 2021-02-11 by Islamic State.",
        "Three policemen were killed in Daquq on 2021-02-12 by Islamic State.",
        "Two soldiers were killed in Mosul on 2021-02-11 by Islamic State.",
        "Four policemen were killed in Arab Koy on 2021-02-10 by IS Islamic State.",
        "Two soldiers were killed in Mosul on 2021-03-01 by Islamic State.",
    ]
    reports = [e for i, t in enumerate(texts) for e in _events(t, f"s{i}")[1]]
    groups = sorted(sorted(g) for g in cluster(reports, EventRules.load()))
    assert groups == [[0, 1, 3], [2], [4]]
    merged = merge_reports([reports[i] for i in groups[0]])
    assert (merged.fatalities_low, merged.fatalities_high) == (2, 4)
    assert merged.fatalities_best == 3


def test_far_apart_tolls_and_different_means_are_different_incidents():
    _, (a,) = _events(KIRKUKNOW, "KirkukNow")
    _, (b,) = _events(OTHER_OUTLET, "Rudaw")
    assert same_incident(a, b)
    assert not same_incident(a, dataclasses.replace(b, fatalities=25))
    assert same_incident(a, dataclasses.replace(b, fatalities=0))  # toll not reported
    bomb = dataclasses.replace(
        b, event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED"
    )
    assert not same_incident(a, bomb)
    suicide = dataclasses.replace(bomb, sub_event_type="Suicide bomb")
    assert same_incident(bomb, dataclasses.replace(suicide, document_id="other"))


def test_two_precisely_named_towns_are_different_places():
    _, (a,) = _events(KIRKUKNOW, "KirkukNow")
    _, (b,) = _events(OTHER_OUTLET, "Rudaw")
    # 15 km north of Arab Koy: within max_km, but a different town named precisely.
    town = dataclasses.replace(b, location="Laylan", latitude=35.2019, longitude=44.388)
    town.geo_precision = 1
    assert not same_incident(a, town)
    # "near Laylan" (precision 2) may well be the same attack.
    town.geo_precision = 2
    assert same_incident(a, town)
