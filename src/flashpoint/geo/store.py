"""The gazetteer: a SQLite index of places in GeoNames' own semantics.

One file holds places (geonameid, names, feature class/code, country, admin1/admin2
codes, population, coordinates), every name of every place under two keys (see
`flashpoint.geo.names`), and the admin1/admin2 code tables. The default file is built on
first use from data shipped in PyPI packages (`flashpoint.geo.build`); GeoNames dumps
imported by the user add to it (`flashpoint.geo.geonames_dump`).

Admin units and countries carry two points: `latitude/longitude` is the point ACLED codes
them at (the capital), `centroid_lat/centroid_lon` the middle of the unit (what GeoNames
gives for them). `Gazetteer.lookup` returns the first; `point(place, style)` either.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flashpoint.geo.names import ascii_name, fold, similarity, skeleton
from flashpoint.models import Place

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT NOT NULL DEFAULT '',
    feature_class TEXT NOT NULL DEFAULT '',
    feature_code TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL DEFAULT '',
    admin1_code TEXT NOT NULL DEFAULT '',
    admin2_code TEXT NOT NULL DEFAULT '',
    population INTEGER NOT NULL DEFAULT 0,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    centroid_lat REAL,
    centroid_lon REAL,
    source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    skel TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_skel ON names (skel);
CREATE INDEX IF NOT EXISTS names_id ON names (geonameid);
CREATE INDEX IF NOT EXISTS places_kind ON places (country_code, feature_code);
CREATE TABLE IF NOT EXISTS admin1 (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT NOT NULL DEFAULT '',
    geonameid INTEGER
);
CREATE TABLE IF NOT EXISTS admin2 (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT NOT NULL DEFAULT '',
    geonameid INTEGER
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    rows INTEGER NOT NULL
);
"""

_PLACE_COLUMNS = (
    "p.geonameid, p.name, p.latitude, p.longitude, p.feature_class, p.feature_code, "
    "p.country_code, p.admin1_code, p.admin2_code, p.population, "
    "COALESCE(a1.name, ''), COALESCE(a2.name, ''), p.centroid_lat, p.centroid_lon"
)
_ADMIN_JOINS = (
    " LEFT JOIN admin1 a1 ON a1.code = p.country_code || '.' || p.admin1_code "
    "LEFT JOIN admin2 a2 ON a2.code = p.country_code || '.' || p.admin1_code || '.' "
    "|| p.admin2_code"
)
_PLACE_FROM = "places p" + _ADMIN_JOINS
_NAMES_FROM = "names n JOIN places p ON p.geonameid = n.geonameid" + _ADMIN_JOINS


@dataclass(slots=True, frozen=True)
class Candidate:
    """A gazetteer entry that a name may refer to, with how well the spelling matched."""

    place: Place
    exact: bool
    match: float  # 0-1: 1 for an exact folded-name match, less for skeleton matches
    main: bool = True  # matched the entry's own name, not one of its alternate names


def _is_main(key: str, name: str) -> bool:
    """Whether `key` is the entry's own name ("New York" for "New York City" too)."""
    own = fold(name)
    return own == key or own == f"{key} city"


class GazetteerError(RuntimeError):
    """A gazetteer file cannot be opened, built or imported."""


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create the schema of) a gazetteer file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.executescript(SCHEMA)
    return conn


def name_rows(geonameid: int, names: Iterable[str]) -> list[tuple[str, str, int, str]]:
    """Rows for the `names` table: one per distinct folded key."""
    seen: set[str] = set()
    out = []
    for name in names:
        key = fold(name)
        if not key or key in seen or len(key) > 80:
            continue
        seen.add(key)
        skel = skeleton(name)
        out.append((key, skel, geonameid, name))
        # "Al-Qaim" is also just "Qaim" in news ("Qaim mayor").
        bare = _without_article(key)
        if bare and bare not in seen:
            seen.add(bare)
            out.append((bare, skel, geonameid, name))
    return out


# Arabic articles that news drops ("El" is left alone: "El Paso" is never "Paso").
_DROPPABLE_ARTICLES = frozenset(("al", "ad", "ar", "as", "ash", "at", "an", "az", "adh", "ath"))


def _without_article(key: str) -> str:
    head, _, rest = key.partition(" ")
    if head in _DROPPABLE_ARTICLES and len(rest) >= 4:
        return rest
    return ""


class Gazetteer:
    """Read access to a gazetteer file; writers live in build/import modules."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        self._lock = threading.Lock()
        # Lookups repeat across documents (the same towns, the same capitalised words):
        # bounded in-memory caches keep them off the database without growing forever.
        self._cached_candidates = lru_cache(maxsize=50_000)(self._candidates)
        self._cached_has_key = lru_cache(maxsize=200_000)(self._has_key)
        self._cached_get = lru_cache(maxsize=50_000)(self._get)
        self._cached_centroid = lru_cache(maxsize=50_000)(self._centroid)

    # -- reading ---------------------------------------------------------------------
    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    @staticmethod
    def _place(row: tuple) -> Place:
        from flashpoint.geo.countries import country_name

        return Place(
            geonameid=row[0],
            name=ascii_name(row[1]),
            latitude=row[2],
            longitude=row[3],
            feature_class=row[4],
            feature_code=row[5],
            country_code=row[6],
            country=country_name(row[6]),
            admin1_code=row[7],
            admin1=ascii_name(row[10]),
            admin2_code=row[8],
            admin2=ascii_name(row[11]),
            population=row[9] or 0,
        )

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, if loaded."""
        return self._cached_get(geonameid)

    def _get(self, geonameid: int) -> Place | None:
        rows = self._rows(
            f"SELECT {_PLACE_COLUMNS} FROM {_PLACE_FROM} WHERE p.geonameid = ?", (geonameid,)
        )
        return self._place(rows[0]) if rows else None

    def centroid(self, geonameid: int) -> tuple[float, float] | None:
        """The middle of an admin unit or country (None for plain places)."""
        return self._cached_centroid(geonameid)

    def _centroid(self, geonameid: int) -> tuple[float, float] | None:
        rows = self._rows(
            "SELECT centroid_lat, centroid_lon FROM places WHERE geonameid = ?", (geonameid,)
        )
        if rows and rows[0][0] is not None:
            return float(rows[0][0]), float(rows[0][1])
        return None

    def has_key(self, name: str) -> bool:
        """Whether any place has this name (after folding)."""
        key = fold(name)
        return bool(key) and self._cached_has_key(key)

    def _has_key(self, key: str) -> bool:
        return bool(self._rows("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def _candidates(self, key: str, skel: str, fuzzy: bool) -> tuple[Candidate, ...]:
        rows = self._rows(
            f"SELECT {_PLACE_COLUMNS} FROM {_NAMES_FROM} WHERE n.key = ?",
            (key,),
        )
        out = [Candidate(self._place(r), True, 1.0, _is_main(key, r[1])) for r in rows]
        if fuzzy and len(skel) >= 3:
            seen = {c.place.geonameid for c in out}
            rows = self._rows(
                f"SELECT {_PLACE_COLUMNS}, n.name FROM {_NAMES_FROM} WHERE n.skel = ? LIMIT 400",
                (skel,),
            )
            best: dict[int, tuple[float, tuple]] = {}
            for r in rows:
                if r[0] in seen:
                    continue
                sim = similarity(key, r[-1])
                close = sim >= 80 or (len(skel) >= 5 and sim >= 70)
                if close and (r[0] not in best or best[r[0]][0] < sim):
                    best[r[0]] = (sim, r)
            out.extend(
                Candidate(self._place(r), False, round(sim / 100.0, 3), False)
                for sim, r in best.values()
            )
        out.sort(key=lambda c: (-c.match, -c.place.population))
        return tuple(out)

    def candidates(
        self, name: str, country_code: str | None = None, fuzzy: bool = True
    ) -> list[Candidate]:
        """Every entry `name` may denote, exact spellings first, then close ones."""
        key = fold(name)
        if not key:
            return []
        found = self._cached_candidates(key, skeleton(name), fuzzy)
        if country_code:
            cc = country_code.upper()
            found = tuple(c for c in found if c.place.country_code == cc)
        return list(found)

    def lookup(self, name: str, country_code: str | None = None) -> list[Place]:
        """Places called `name` (any spelling), best-known first."""
        return [c.place for c in self.candidates(name, country_code)]

    def admin1(self, name: str, country_code: str | None = None) -> Place | None:
        """The first-level unit (province, governorate, state) called `name`."""
        found = [
            c.place for c in self.candidates(name, country_code) if c.place.feature_code == "ADM1"
        ]
        return found[0] if found else None

    def admin2(self, name: str, country_code: str | None = None) -> Place | None:
        """The second-level unit (district) called `name`."""
        found = [
            c.place for c in self.candidates(name, country_code) if c.place.feature_code == "ADM2"
        ]
        return found[0] if found else None

    def admin_unit(
        self, country_code: str, admin1_code: str, admin2_code: str = ""
    ) -> Place | None:
        """The ADM1 (or ADM2 when its code is given) entry holding a place."""
        if admin2_code:
            table, code = "admin2", f"{country_code}.{admin1_code}.{admin2_code}"
        else:
            table, code = "admin1", f"{country_code}.{admin1_code}"
        rows = self._rows(f"SELECT geonameid FROM {table} WHERE code = ?", (code,))
        if rows and rows[0][0] is not None:
            return self.get(int(rows[0][0]))
        return None

    # -- facts -------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self._rows("SELECT key, value FROM meta"))

    def info(self) -> dict[str, object]:
        """What is loaded: counts, per-country counts, sources."""
        per_country = self._rows(
            "SELECT country_code, COUNT(*) FROM places GROUP BY country_code ORDER BY 2 DESC"
        )
        return {
            "path": str(self.path),
            "places": self._rows("SELECT COUNT(*) FROM places")[0][0],
            "names": self._rows("SELECT COUNT(*) FROM names")[0][0],
            "admin1": self._rows("SELECT COUNT(*) FROM admin1")[0][0],
            "admin2": self._rows("SELECT COUNT(*) FROM admin2")[0][0],
            "per_country": dict(per_country),
            "sources": [
                {"name": n, "kind": k, "loaded_at": t, "rows": r}
                for n, k, t, r in self._rows("SELECT name, kind, loaded_at, rows FROM sources")
            ],
            "meta": self.meta(),
        }

    def clear_cache(self) -> None:
        """Forget cached lookups (after an import changed the file)."""
        for cached in (
            self._cached_candidates,
            self._cached_has_key,
            self._cached_get,
            self._cached_centroid,
        ):
            cached.cache_clear()

    def close(self) -> None:
        with self._lock:
            self.conn.close()
