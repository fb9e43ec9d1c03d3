"""Fixtures for the geography tests: tiny GeoNames files and a throw-away gazetteer."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from flashpoint.geo.store import Gazetteer

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, admin1,
# admin2, admin3, admin4, population, elevation, dem, timezone, modified
PLACES = [
    (
        90220,
        "Dāqūq",
        "Daquq",
        "Daquq,Tauq,Tawuq",
        35.13923,
        44.44907,
        "P",
        "PPLA2",
        "IQ",
        "13",
        "9166581",
        30000,
    ),
    (
        94787,
        "Kirkuk",
        "Kirkuk",
        "Karkuk,Kerkuk",
        35.46806,
        44.39222,
        "P",
        "PPLA",
        "IQ",
        "13",
        "94786",
        1031000,
    ),
    (
        98410,
        "Kirkūk",
        "Kirkuk",
        "Kirkuk Governorate",
        35.3,
        44.2,
        "A",
        "ADM1",
        "IQ",
        "13",
        "",
        1200000,
    ),
    (
        9166581,
        "Daquq District",
        "Daquq District",
        "",
        35.2,
        44.4,
        "A",
        "ADM2",
        "IQ",
        "13",
        "9166581",
        0,
    ),
    (
        7000001,
        "Arab Koy",
        "Arab Koy",
        "Arab Kuy,Arabkoy",
        35.0669,
        44.388,
        "P",
        "PPL",
        "IQ",
        "13",
        "9166581",
        0,
    ),
    (7000002, "Hotel Kirkuk", "Hotel Kirkuk", "", 35.47, 44.39, "S", "HTL", "IQ", "13", "94786", 0),
]


def geonames_line(row: tuple) -> str:
    gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, a1, a2, pop = row
    cols = [
        str(gid),
        name,
        ascii_name,
        alts,
        str(lat),
        str(lon),
        fclass,
        fcode,
        cc,
        "",
        a1,
        a2,
        "",
        "",
        str(pop),
        "",
        "300",
        "Asia/Baghdad",
        "2024-01-01",
    ]
    return "\t".join(cols)


def write_country_zip(folder: Path, code: str = "IQ", rows=PLACES) -> Path:
    """A GeoNames country dump (zip with CC.txt and a readme), as the server has it."""
    path = folder / f"{code}.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{code}.txt", "\n".join(geonames_line(r) for r in rows) + "\n")
        zf.writestr("readme.txt", "GeoNames test extract\n")
    return path


@pytest.fixture
def small_gazetteer(tmp_path: Path) -> Gazetteer:
    """An empty gazetteer file of the real schema (no default build)."""
    gaz = Gazetteer(tmp_path / "gaz.sqlite")
    yield gaz
    gaz.close()


@pytest.fixture
def country_zip(tmp_path: Path) -> Path:
    return write_country_zip(tmp_path)
