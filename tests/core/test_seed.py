"""The reference article: the two required events of its hand-coded answer."""

import pytest
from geographiclib.geodesic import Geodesic

import flashpoint

pytestmark = pytest.mark.slow

DAQUQ = (35.1392, 44.4491)


def km(lat, lon, ref=DAQUQ):
    return Geodesic.WGS84.Inverse(lat, lon, *ref)["s12"] / 1000.0


def test_seed_article(seed_text):
    events = flashpoint.extract(seed_text, published="2021-02-17", country_hint="Iraq")
    violent = [e for e in events if e.sub_event_type != "Peaceful protest"]
    assert len(violent) == 2, [e.sub_event_type for e in events]
    clash = next(e for e in violent if e.event_type == "Battles")
    bomb = next(e for e in violent if e.event_type == "Explosions/Remote violence")

    assert clash.sub_event_type == "Armed clash"
    assert clash.event_date == "2021-02-11" and clash.time_precision == 1
    assert clash.actor1 == "Islamic State (Iraq)"
    assert clash.actor2 == "Police Forces of Iraq"
    assert (clash.fatalities, clash.injuries) == (2, 2)

    assert bomb.sub_event_type == "Remote explosive/landmine/IED"
    assert bomb.actor1 == "Unidentified Armed Group (Iraq)"
    assert bomb.actor2 == "Military Forces of Iraq"
    assert (bomb.fatalities, bomb.injuries) == (1, 0)
    # "Following his visit" (Monday 15th): the date is within two days of it.
    assert bomb.event_date in {"2021-02-15", "2021-02-16", "2021-02-17"}

    for ev in violent:
        assert ev.country == "Iraq" and ev.admin1 == "Kirkuk"
        assert km(ev.latitude, ev.longitude) <= 30
        assert ev.geo_precision in (1, 2)
    # Repeated paragraphs yield no duplicate: only an optional protest may be added.
    assert len(events) - len(violent) <= 1
