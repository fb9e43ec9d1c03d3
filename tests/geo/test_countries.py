"""Country table: ISO numeric (ACLED's iso), ACLED region, names and demonyms."""

import pytest

from flashpoint.geo import country_info
from flashpoint.geo.countries import all_countries, demonym_country


@pytest.mark.parametrize(
    ("query", "name", "iso", "region"),
    [
        ("IQ", "Iraq", 368, "Middle East"),
        ("Syria", "Syria", 760, "Middle East"),
        ("NGA", "Nigeria", 566, "Western Africa"),
        ("Somalia", "Somalia", 706, "Eastern Africa"),
        ("Afghanistan", "Afghanistan", 4, "South Asia"),
        ("Yemen", "Yemen", 887, "Middle East"),
        ("Sudan", "Sudan", 729, "Northern Africa"),
        ("Burkina Faso", "Burkina Faso", 854, "Western Africa"),
        ("Armenia", "Armenia", 51, "Caucasus and Central Asia"),
        ("United States of America", "United States", 840, "North America"),
        ("Mexico", "Mexico", 484, "Central America"),
        ("DRC", "Democratic Republic of Congo", 180, "Middle Africa"),
        (368, "Iraq", 368, "Middle East"),
    ],
)
def test_country_info(query, name, iso, region):
    info = country_info(query)
    assert info is not None
    assert (info.name, info.iso, info.region) == (name, iso, region)


def test_demonyms_name_countries():
    assert demonym_country("Iraqi").iso2 == "IQ"
    assert demonym_country("Syrian").iso2 == "SY"
    assert demonym_country("Burkinabe").iso2 == "BF"
    assert demonym_country("American").iso2 == "US"  # the most populous of its users
    assert demonym_country("Kirkuk") is None


def test_unknown_and_empty():
    assert country_info("Atlantis") is None
    assert country_info("") is None
    assert country_info(None) is None


def test_every_country_has_a_region_and_a_point():
    for info in all_countries():
        assert info.region, info.iso2
        assert info.latitude is not None and info.longitude is not None, info.iso2
