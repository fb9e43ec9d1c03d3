"""Relative phrases: distance, unit, bearing, and the geodesic offset."""

import pytest
from geographiclib.geodesic import Geodesic

from flashpoint.geo.relative import offset_point, relation_before, type_after, type_before


def _rel(text):
    return relation_before(text, len(text))


@pytest.mark.parametrize(
    ("phrase", "relation", "km", "bearing"),
    [
        ("20 km south of ", "south of", 20.0, 180.0),
        ("Daquq district, 44 southwest of ", "southwest of", 44.0, 225.0),  # no unit: km
        ("five kilometres north-east of the town of ", "northeast of", 5.0, 45.0),
        ("30 miles west of ", "west of", 30 * 1.609344, 270.0),
        ("a bomb blast southwest of ", "southwest of", None, 225.0),
        ("in the southern outskirts of ", "south of", None, 180.0),
    ],
)
def test_directional_phrases(phrase, relation, km, bearing):
    rel = _rel(phrase)
    assert rel is not None
    assert rel.relation == relation
    assert rel.bearing == bearing
    if km is None:
        assert rel.distance_km is None
    else:
        assert rel.distance_km == pytest.approx(km, rel=1e-3)


@pytest.mark.parametrize("phrase", ["near ", "on the outskirts of ", "close to ", "outside "])
def test_proximity_phrases(phrase):
    rel = _rel(phrase)
    assert rel is not None and rel.relation == "near" and rel.distance_km is None


def test_no_relation_for_plain_mentions():
    assert _rel("Police said in ") is None
    assert _rel("") is None


@pytest.mark.parametrize(("km", "bearing"), [(20.0, 180.0), (44.0, 225.0), (7.5, 45.0)])
def test_offset_is_geodesic(km, bearing):
    lat, lon = offset_point(35.46806, 44.39222, bearing, km)
    inv = Geodesic.WGS84.Inverse(35.46806, 44.39222, lat, lon)
    assert inv["s12"] / 1000 == pytest.approx(km, abs=0.01)
    assert inv["azi1"] % 360 == pytest.approx(bearing, abs=0.1)


def test_place_type_words():
    text = "police point in Arab Koy village south of Daquq"
    after = type_after(text, text.index("Koy") + 3)
    assert after is not None and after.word == "village" and after.precision == 1
    before = type_before("the province of Diyala", len("the province of "))
    assert before is not None and before.kind == "admin1"
    assert type_after("Kirkuk northern province", 6).kind == "admin1"
