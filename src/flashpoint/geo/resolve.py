"""Toponym resolution: which gazetteer entry a recognised name means.

Each candidate gets a score from evidence a human coder would use:

- the document's country focus (a country hint, country names and demonyms in the text,
  and the countries of names that are unambiguous);
- the admin context of the other places in the text ("Arab Koy village south of Daquq":
  a candidate in Daquq district beats a namesake elsewhere);
- the place-type word next to the name ("Diyala province" is the province; "Daquq
  district" the district; "Hit town" a town);
- "X, Y" and "X in Y" patterns (Y's admin unit or country must hold X);
- feature class and code (a capital or town over a hamlet), population, and how closely
  the spelling matched.

The weights are plain numbers in `Weights`; they are documented, not tuned per record.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from flashpoint.geo.store import Candidate
from flashpoint.models import Place


@dataclass(slots=True, frozen=True)
class Weights:
    population: float = 1.0  # times log10(population) / 7
    country_focus: float = 2.0  # times the focus country's share
    foreign_penalty: float = 0.6  # when the document has a focus and this is elsewhere
    same_admin1: float = 1.2
    same_admin2: float = 1.5
    container: float = 3.0  # "X, Y" / "X in Y": Y holds the candidate
    type_match: float = 2.5
    type_mismatch: float = 1.5
    spelling: float = 3.0  # times (1 - match) as a penalty
    country_name: float = 2.0  # a country's own name or alias
    alternate_name: float = 0.5  # matched only one of the entry's alternate names
    prominence: float = 1.5  # a country, continent, capital or city of a million, by name


DEFAULT_WEIGHTS = Weights()

# By feature class when the code has no entry of its own: a city beats a hotel (S), a
# farm (V) or a road (R) of the same name.
CLASS_BONUS: dict[str, float] = {
    "P": 0.0,
    "A": 0.0,
    "L": -0.2,
    "H": -0.2,
    "T": -0.2,
    "V": -0.5,
    "S": -0.6,
    "R": -0.6,
    "U": -0.6,
}

# Entries famous by their name alone: a country, capital, continent, ocean, sea, region.
PROMINENT_CODES = frozenset(("PPLC", "PCLI", "CONT", "OCN", "SEA", "GULF", "RGN", "PEN"))

FEATURE_BONUS: dict[str, float] = {
    "PCLI": 1.5,
    "PCLD": 1.0,
    "PCLIX": 1.0,
    "PPLC": 1.2,
    "ADM1": 0.5,
    "PPLA": 0.8,
    "PPLA2": 0.4,
    "PPL": 0.0,
    "CONT": 1.5,
    "OCN": 1.2,
    "SEA": 1.0,
    "GULF": 1.0,
    "RGN": 0.6,
    "PEN": 0.6,
    "MTS": 0.5,
    "DSRT": 0.5,
    "LK": 0.5,
    "STM": 0.3,
    "VAL": 0.3,
    "PLN": 0.3,
    "PPLA3": 0.1,
    "PPLA4": 0.05,
    "PPLX": -0.1,
    "PPLH": -0.6,
    "PPLQ": -0.6,
    "PPLW": -0.6,
    "ADM2": -0.8,
    "ADM3": -0.9,
}


@dataclass(slots=True)
class Context:
    """What the whole document says about where it is."""

    focus: dict[str, float] = field(default_factory=dict)  # ISO2 -> share
    admin1: Counter = field(default_factory=Counter)  # "CC.A1" of resolved places
    admin2: Counter = field(default_factory=Counter)  # "CC.A1.A2"
    exclude: Counter = field(default_factory=Counter)  # a name's own share of the above

    def count(self, key: str) -> int:
        """Resolved places in an admin unit, less those the excluded name put there."""
        table = self.admin1 if key.count(".") == 1 else self.admin2
        return table.get(key, 0) - self.exclude.get(key, 0)


def kind_of(place: Place) -> str:
    """'country', 'admin1', 'admin2' or 'place' (as the place-type words say)."""
    code = place.feature_code
    if code.startswith("PCL"):
        return "country"
    if code == "ADM1":
        return "admin1"
    if code in ("ADM2", "ADM3"):
        return "admin2"
    if place.feature_class in ("L", "H", "T") and code not in ("", "PPL"):
        return "region"
    return "place"


def score(
    cand: Candidate,
    ctx: Context,
    type_kind: str | None = None,
    container: Place | None = None,
    anchor: Place | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> float:
    """How likely `cand` is the place meant; higher is better (not a probability)."""
    p = cand.place
    s = weights.population * math.log10(p.population + 1) / 7.0
    s += FEATURE_BONUS.get(p.feature_code, CLASS_BONUS.get(p.feature_class, 0.0))
    s -= weights.spelling * (1.0 - cand.match)
    if not cand.main:
        s -= weights.alternate_name
    if ctx.focus:
        # A region that crosses borders (no country) is at home in any document.
        share = ctx.focus.get(p.country_code, 0.0) if p.country_code else max(ctx.focus.values())
        s += weights.country_focus * share
        if share < 0.15:
            s -= weights.foreign_penalty
    a1 = f"{p.country_code}.{p.admin1_code}"
    a2 = f"{a1}.{p.admin2_code}" if p.admin2_code else ""
    n1 = ctx.count(a1)
    if n1 > 0:
        s += weights.same_admin1 * min(1.0, n1 / 2)
    n2 = ctx.count(a2) if a2 else 0
    if n2 > 0:
        s += weights.same_admin2 * min(1.0, n2 / 2)
    kind = kind_of(p)
    if type_kind and type_kind != "area":
        if type_kind == kind:
            s += weights.type_match
        elif type_kind == "place" or type_kind in ("admin1", "admin2"):
            s -= weights.type_mismatch
    if container is not None and holds(container, p):
        s += weights.container
    elif (
        container is not None
        and kind_of(container) == "admin2"
        and container.country_code == p.country_code
        and container.admin1_code == p.admin1_code
        and container.geonameid != p.geonameid
    ):
        # "the Ainkawa sub-district of Erbil": the named container (Erbil)
        # may be the province's seat district, so its province still counts for half.
        s += weights.container / 2
    if anchor is not None and p.geonameid != anchor.geonameid and near(anchor, p):
        s += weights.same_admin2
    if kind == "country" and cand.match == 1.0:
        s += weights.country_name
    if (
        cand.main
        and cand.exact
        and (p.population >= 1_000_000 or p.feature_code in PROMINENT_CODES)
    ):
        s += weights.prominence
    return s


def holds(container: Place, place: Place) -> bool:
    """Whether `container` (a country or admin unit) contains `place`."""
    if container.country_code != place.country_code or container.geonameid == place.geonameid:
        return False
    kind = kind_of(container)
    if kind == "country":
        return True
    if kind == "admin1":
        return container.admin1_code == place.admin1_code
    if kind == "admin2":
        return (container.admin1_code, container.admin2_code) == (
            place.admin1_code,
            place.admin2_code,
        )
    return False


def near(anchor: Place, place: Place, km: float = 60.0) -> bool:
    """Whether `place` lies within `km` of `anchor` (cheap flat-earth check)."""
    dlat = (anchor.latitude - place.latitude) * 111.0
    dlon = (anchor.longitude - place.longitude) * 111.0 * math.cos(math.radians(anchor.latitude))
    return dlat * dlat + dlon * dlon <= km * km


def confidence(best: float, second: float | None, match: float) -> float:
    """0-1 confidence from the margin over the runner-up and the spelling match."""
    margin = 3.0 if second is None else best - second
    c = 1.0 / (1.0 + math.exp(-1.5 * (margin - 0.3)))
    return round(max(0.05, min(0.99, c * (0.5 + 0.5 * match))), 3)
