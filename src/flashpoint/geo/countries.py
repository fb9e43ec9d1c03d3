"""Countries: ISO codes, ACLED region, names, demonyms and representative points.

The table is `data/geo/countries.csv`, so an analyst can rename a country to ACLED's
spelling or add a demonym without touching code. ACLED's `iso` column is the ISO 3166
numeric code, and its `region` column uses ACLED's own region names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flashpoint.geo.names import fold
from flashpoint.resources import read_csv

COUNTRIES_FILE = "geo/countries.csv"


@dataclass(slots=True, frozen=True)
class CountryInfo:
    """One country as ACLED codes it."""

    name: str
    iso2: str
    iso3: str
    iso_numeric: int
    region: str
    latitude: float | None  # middle of the country
    longitude: float | None
    capital: str
    geonameid: int
    population: int
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]

    @property
    def iso(self) -> int:
        """ACLED's `iso` column."""
        return self.iso_numeric


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def all_countries() -> tuple[CountryInfo, ...]:
    """Every row of the country table."""
    out = []
    for row in read_csv(COUNTRIES_FILE):
        out.append(
            CountryInfo(
                name=row["name"],
                iso2=row["iso2"].upper(),
                iso3=row["iso3"].upper(),
                iso_numeric=int(row["iso_numeric"] or 0),
                region=row["region"],
                latitude=_float(row["latitude"]),
                longitude=_float(row["longitude"]),
                capital=row["capital"],
                geonameid=int(row["geonameid"] or 0),
                population=int(row["population"] or 0),
                demonyms=tuple(d for d in row["demonyms"].split("|") if d),
                aliases=tuple(a for a in row["aliases"].split("|") if a),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, CountryInfo], dict[str, CountryInfo], dict[str, CountryInfo]]:
    by_code: dict[str, CountryInfo] = {}
    by_name: dict[str, CountryInfo] = {}
    by_demonym: dict[str, CountryInfo] = {}
    for info in all_countries():
        by_code[info.iso2] = info
        by_code[info.iso3] = info
        if info.iso_numeric:
            by_code.setdefault(str(info.iso_numeric), info)
        for name in (info.name, *info.aliases):
            by_name.setdefault(fold(name), info)
    # A demonym shared by several countries ("American") names the most populous.
    for info in sorted(all_countries(), key=lambda c: -c.population):
        for dem in info.demonyms:
            by_demonym.setdefault(fold(dem), info)
    # A country's own name always wins over another's alias.
    for info in all_countries():
        by_name[fold(info.name)] = info
    return by_code, by_name, by_demonym


def country_info(code_or_name: str | int | None) -> CountryInfo | None:
    """A country by ISO2/ISO3/numeric code, name, alias or demonym; None if unknown."""
    if code_or_name is None:
        return None
    text = str(code_or_name).strip()
    if not text:
        return None
    by_code, by_name, by_demonym = _index()
    if text.upper() in by_code and (len(text) <= 3):
        return by_code[text.upper()]
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    return by_name.get(key) or by_demonym.get(key)


def country_name(code: str) -> str:
    """ACLED's name for an ISO2 code ('' when unknown)."""
    info = _index()[0].get((code or "").upper())
    return info.name if info else ""


def demonym_country(word: str) -> CountryInfo | None:
    """The country a demonym ("Iraqi", "Syrian") names, if it is one."""
    return _index()[2].get(fold(word))
