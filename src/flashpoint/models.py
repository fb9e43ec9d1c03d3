"""Plain data records that flow through the pipeline.

Every stage takes and returns these dataclasses (no ORM objects, no spaCy objects), so
that stages stay testable on their own and can run in another process or on another
machine (Dask) without pickling a parser.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# ACLED's export columns, in ACLED's order. flashpoint's own columns follow.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

EXTRA_COLUMNS: tuple[str, ...] = (
    "document_id",
    "injuries",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "confidence",
)

ALL_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS


def content_id(text: str) -> str:
    """A stable document id: the first 16 hex digits of the SHA-256 of the text.

    Hash-keyed ids make ingest idempotent: the same article read twice has one id.
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """One news report as read from a source."""

    text: str
    id: str = ""
    published: date | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    language: str | None = None
    country_hint: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


@dataclass(slots=True)
class Evidence:
    """Where a coded field came from: a character span of the original document text."""

    document_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# GeoNames feature codes of areas larger than or across countries ("Middle East",
# "Kurdistan", "Sahel"): never a more specific event place than a country.
_REGION_CODES = frozenset({"CONT", "RGN", "RGNE", "RGNH", "RGNL", "ZN", "OCN", "SEA", "GULF"})


@dataclass(slots=True)
class Place:
    """A gazetteer entry (GeoNames semantics)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_class: str = ""
    feature_code: str = ""
    country_code: str = ""
    country: str = ""
    admin1_code: str = ""
    admin1: str = ""
    admin2_code: str = ""
    admin2: str = ""
    population: int = 0

    @property
    def level(self) -> str:
        """'region', 'country', 'admin1', 'admin2' or 'place' — how coarse this entry is."""
        code = self.feature_code
        if code in _REGION_CODES:
            return "region"
        if code.startswith("PCL"):
            return "country"
        if code == "ADM1":
            return "admin1"
        if code in ("ADM2", "ADM3"):
            return "admin2"
        return "place"


@dataclass(slots=True)
class PlaceMention:
    """A place named in a text, resolved (or not) to a gazetteer entry.

    `relation` is "in", "near" or a direction such as "south of"; `distance_km` is set
    when the text gives an offset ("20 km south of X"). `latitude`/`longitude` are the
    point after any offset has been applied.
    """

    start: int
    end: int
    text: str
    place: Place | None = None
    relation: str = "in"
    distance_km: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    confidence: float = 0.0


@dataclass(slots=True)
class Event:
    """One coded event: ACLED's columns plus flashpoint's provenance and ranges."""

    event_type: str
    sub_event_type: str
    disorder_type: str = ""
    event_id_cnty: str = ""
    event_date: str | None = None
    year: int | None = None
    time_precision: int | None = None
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int | None = None
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str = ""
    iso: int | None = None
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int | None = None
    document_id: str = ""
    injuries: int = 0
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    confidence: float = 0.0
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A flat, JSON-ready record: ACLED columns, then flashpoint's, then evidence."""
        out: dict[str, Any] = {name: getattr(self, name) for name in ALL_COLUMNS}
        out["evidence"] = {k: v.to_dict() for k, v in self.evidence.items()}
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild an event from `to_dict` output (unknown keys are ignored)."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "evidence"}
        ev = data.get("evidence") or {}
        known["evidence"] = {k: Evidence(**v) for k, v in ev.items()}
        return cls(**known)
