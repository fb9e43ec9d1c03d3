"""Relative place phrases: "20 km south of Kirkuk", "near Daquq", "Arab Koy village".

News rarely names the exact spot; it names a known place and a direction or distance
from it. The words (compass points, units, "outskirts of", place types) are read from
`data/geo/relations.toml`; this module only applies them. Offsets are geodesic
(geographiclib), so "20 km south" is 20 km on the ellipsoid, not 0.18 degrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geographiclib.geodesic import Geodesic

from flashpoint.resources import read_toml


@dataclass(slots=True, frozen=True)
class Relation:
    """A phrase before a toponym that moves or loosens the point."""

    relation: str  # "near" or e.g. "south of"
    start: int  # where the phrase begins in the text
    distance_km: float | None = None
    bearing: float | None = None


@dataclass(slots=True, frozen=True)
class PlaceType:
    """A place-type word next to a toponym ("village", "district", "province")."""

    word: str
    kind: str  # place | admin2 | admin1 | area
    precision: int
    start: int
    end: int


@lru_cache(maxsize=1)
def _tables() -> dict:
    return read_toml("geo/relations.toml")


def _alternation(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    t = _tables()
    number = rf"(?:\d+(?:[.,]\d+)?|{_alternation(t['numbers'])})"
    units = _alternation(t["units"])
    bearings = _alternation(t["bearings"])
    directional = re.compile(
        rf"(?:(?P<num>{number})(?:\s*-\s*|\s*)(?P<unit>{units})?\.?\s*"
        rf"(?:\(\s*[\d.,]+\s*\w+\s*\)\s*)?)?"
        rf"(?:to\s+the\s+)?(?P<dir>{bearings})\s+"
        rf"(?:(?:outskirts|suburbs|countryside|part|parts|side|edge|areas?|districts?)\s+)?"
        rf"(?:of\s+)?(?:the\s+)?(?:(?:city|town|village|province|district)\s+of\s+)?$",
        re.IGNORECASE,
    )
    proximity = re.compile(
        rf"\b(?P<prox>{_alternation(t['proximity'])})\s+(?:the\s+)?"
        rf"(?:(?:city|town|village|province|district)\s+of\s+)?$",
        re.IGNORECASE,
    )
    types = _alternation(t["place_types"])
    after = re.compile(
        rf"\s+(?:(?:{bearings}|restive|oil-rich|oil\s+rich)\s+)?(?P<word>{types})\b",
        re.IGNORECASE,
    )
    before = re.compile(rf"\b(?P<word>{types})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
    return directional, proximity, after, before


def _number(text: str) -> float | None:
    numbers = _tables()["numbers"]
    key = re.sub(r"\s+", " ", text.strip().lower())
    if key in numbers:
        return float(numbers[key])
    try:
        return float(key.replace(",", ""))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _needles() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """For the directional, proximity and type-before patterns: words one of which a
    window must hold (case-folded) for the pattern to match. Checking them first skips
    most regex searches, which scan the whole window, at no change in results."""
    t = _tables()

    def longest_words(phrases) -> tuple[str, ...]:
        return tuple(sorted({max(re.split(r"[\s-]+", p.casefold()), key=len) for p in phrases}))

    return (
        longest_words(t["bearings"]),
        longest_words(t["proximity"]),
        longest_words(t["place_types"]),
    )


def _holds(window: str, needles: tuple[str, ...]) -> bool:
    return any(n in window for n in needles)


def relation_before(text: str, start: int) -> Relation | None:
    """The relative phrase that ends right before `start`, if any."""
    window_start = max(0, start - 90)
    window = text[window_start:start]
    directional, proximity, _, _ = _patterns()
    folded = window.casefold()
    bearing_words, proximity_words, _ = _needles()
    m = directional.search(window) if _holds(folded, bearing_words) else None
    if m:
        t = _tables()
        word = re.sub(r"\s+", " ", m.group("dir").lower())
        bearing = float(t["bearings"][word])
        base = word.replace("ern", "").replace(" ", "").replace("-", "")
        relation = f"{base} of"
        distance = None
        if m.group("num"):
            value = _number(m.group("num"))
            unit = (m.group("unit") or "km").lower()
            if value is not None:
                distance = round(value * float(t["units"].get(unit, 1.0)), 3)
        return Relation(relation, window_start + m.start(), distance, bearing)
    m = proximity.search(window) if _holds(folded, proximity_words) else None
    if m:
        prox = re.sub(r"\s+", " ", m.group("prox").lower())
        return Relation(_tables()["proximity"].get(prox, "near"), window_start + m.start())
    return None


def type_after(text: str, end: int) -> PlaceType | None:
    """A place-type word right after a toponym ("Daquq district")."""
    m = _patterns()[2].match(text, end, min(len(text), end + 40))
    if not m:
        return None
    return _place_type(m.group("word"), m.start("word"), m.end("word"))


def type_before(text: str, start: int) -> PlaceType | None:
    """A place-type word before a toponym ("the village of Arab Koy")."""
    window_start = max(0, start - 40)
    window = text[window_start:start]
    if not _holds(window.casefold(), _needles()[2]):
        return None
    m = _patterns()[3].search(window)
    if not m:
        return None
    return _place_type(
        m.group("word"), window_start + m.start("word"), window_start + m.end("word")
    )


def _place_type(word: str, start: int, end: int) -> PlaceType:
    key = re.sub(r"\s+", " ", word.lower())
    spec = _tables()["place_types"][key]
    return PlaceType(key, spec["kind"], int(spec["precision"]), start, end)


def offset_point(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point `km` kilometres from (lat, lon) along `bearing` on the WGS84 ellipsoid."""
    out = Geodesic.WGS84.Direct(lat, lon, bearing, km * 1000.0)
    return round(out["lat2"], 5), round(out["lon2"], 5)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in kilometres."""
    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000.0
