"""Import GeoNames dump files into a gazetteer, and fetch them from a download server.

Understood files (plain or zipped, as GeoNames publishes them):

- place tables: a country file (`IQ.zip` / `IQ.txt`), `allCountries.zip`,
  `cities500.zip` and the other `citiesN` files — 19 tab-separated columns;
- `alternateNamesV2.zip` / `alternateNames.zip` — more names for places already loaded;
- `admin1CodesASCII.txt`, `admin2Codes.txt` — admin unit names by code;
- a place alias CSV (see `flashpoint.geo.aliases`).

Each file is imported in one transaction: a malformed file raises `GazetteerError` and
leaves the index as it was. After a place table, admin units and countries are
re-pointed at their capitals (GeoNames marks them PPLA/PPLA2/PPLC), as ACLED codes them.
"""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from flashpoint.geo.aliases import is_alias_file, load_alias_file
from flashpoint.geo.build import usable_names
from flashpoint.geo.store import GazetteerError, name_rows

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://download.geonames.org/export/dump/"
PLACE_COLUMNS = 19
# Alternate-name "languages" that are codes or links, not names.
_NOT_NAMES = frozenset(("link", "post", "iata", "icao", "faac", "wkdt", "unlc", "tcid", "fr_1793"))
_BATCH = 20_000


def base_url() -> str:
    """The dump server: $FLASHPOINT_GEONAMES_URL or GeoNames' own."""
    url = os.environ.get("FLASHPOINT_GEONAMES_URL") or DEFAULT_BASE_URL
    return url if url.endswith("/") else url + "/"


def file_kind(path: Path) -> str:
    """'places', 'alternate_names', 'admin1', 'admin2' or 'aliases' (by name/header)."""
    name = path.name.lower()
    if is_alias_file(path):
        return "aliases"
    if name.startswith("alternatenames"):
        return "alternate_names"
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.endswith((".zip", ".txt", ".tsv")):
        return "places"
    raise GazetteerError(f"{path}: not a GeoNames dump file (expected .zip or .txt)")


def _open_lines(path: Path) -> Iterator[str]:
    """Lines of a dump, from inside its zip when zipped (the readme is skipped)."""
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise GazetteerError(f"{path}: not a readable zip file ({exc})") from exc
        with zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise GazetteerError(f"{path}: the zip holds no .txt table")
            try:
                with zf.open(members[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
            except (zipfile.BadZipFile, EOFError, UnicodeDecodeError, OSError) as exc:
                raise GazetteerError(f"{path}: damaged archive ({exc})") from exc
        return
    try:
        with path.open(encoding="utf-8") as fh:
            yield from fh
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not UTF-8 text ({exc})") from exc


def _place_row(parts: list[str], where: str, source: str) -> tuple[list, list[str]]:
    if len(parts) != PLACE_COLUMNS:
        raise GazetteerError(
            f"{where}: expected {PLACE_COLUMNS} tab-separated columns, found {len(parts)}"
        )
    try:
        gid = int(parts[0])
        lat, lon = float(parts[4]), float(parts[5])
        pop = int(parts[14] or 0)
    except ValueError as exc:
        raise GazetteerError(f"{where}: bad number ({exc})") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerError(f"{where}: coordinates out of range")
    name, ascii_name = parts[1], parts[2]
    fcode = parts[7]
    row = [
        gid,
        name,
        ascii_name,
        parts[6],
        fcode,
        parts[8],
        parts[10],
        parts[11],
        pop,
        lat,
        lon,
        None,
        None,
        source,
    ]
    if fcode.startswith(("ADM", "PCL")):
        row[11], row[12] = lat, lon
    alternates = [a for a in parts[3].split(",") if a]
    return row, usable_names(name, [ascii_name, *alternates])


def import_places(conn: sqlite3.Connection, path: Path) -> int:
    """A GeoNames place table; returns the rows imported."""
    source = path.name
    count = 0
    places: list[list] = []
    names: list[tuple[str, str, int, str]] = []
    countries: set[str] = set()

    def flush() -> None:
        conn.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(geonameid) "
            "DO UPDATE SET name=excluded.name, asciiname=excluded.asciiname, "
            "feature_class=excluded.feature_class, feature_code=excluded.feature_code, "
            "country_code=excluded.country_code, admin1_code=excluded.admin1_code, "
            "admin2_code=excluded.admin2_code, population=MAX(population, "
            "excluded.population), latitude=CASE WHEN places.centroid_lat IS NULL THEN "
            "excluded.latitude ELSE places.latitude END, longitude=CASE WHEN "
            "places.centroid_lat IS NULL THEN excluded.longitude ELSE places.longitude END, "
            "centroid_lat=COALESCE(excluded.centroid_lat, places.centroid_lat), "
            "centroid_lon=COALESCE(excluded.centroid_lon, places.centroid_lon), "
            "source=excluded.source",
            places,
        )
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", names)
        places.clear()
        names.clear()

    for lineno, line in enumerate(_open_lines(path), start=1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        row, row_names = _place_row(line.split("\t"), f"{path}:{lineno}", source)
        places.append(row)
        names.extend(name_rows(row[0], row_names))
        countries.add(row[5])
        count += 1
        if len(places) >= _BATCH:
            flush()
    flush()
    if count == 0:
        raise GazetteerError(f"{path}: no place rows")
    _point_units_at_capitals(conn, countries)
    return count


def _point_units_at_capitals(conn: sqlite3.Connection, countries: set[str]) -> None:
    """Put each ADM1/ADM2/country of `countries` at its capital (PPLA/PPLA2/PPLC)."""
    for cc in countries:
        conn.execute(
            "UPDATE places SET latitude = s.latitude, longitude = s.longitude FROM ("
            " SELECT admin1_code, latitude, longitude, MAX(population) FROM places"
            " WHERE country_code = ? AND feature_code IN ('PPLA', 'PPLC') GROUP BY admin1_code"
            ") AS s WHERE places.country_code = ? AND places.feature_code = 'ADM1'"
            " AND places.admin1_code = s.admin1_code",
            (cc, cc),
        )
        conn.execute(
            "UPDATE places SET latitude = s.latitude, longitude = s.longitude FROM ("
            " SELECT admin1_code, admin2_code, latitude, longitude, MAX(population) FROM places"
            " WHERE country_code = ? AND feature_code IN ('PPLA2', 'PPLA', 'PPLC')"
            " AND admin2_code != '' GROUP BY admin1_code, admin2_code"
            ") AS s WHERE places.country_code = ? AND places.feature_code = 'ADM2'"
            " AND places.admin1_code = s.admin1_code AND places.admin2_code = s.admin2_code",
            (cc, cc),
        )
        conn.execute(
            "UPDATE places SET latitude = s.latitude, longitude = s.longitude FROM ("
            " SELECT latitude, longitude, MAX(population) FROM places"
            " WHERE country_code = ? AND feature_code = 'PPLC'"
            ") AS s WHERE places.country_code = ? AND places.feature_code LIKE 'PCL%'"
            " AND s.latitude IS NOT NULL",
            (cc, cc),
        )


def import_alternate_names(conn: sqlite3.Connection, path: Path) -> int:
    """More names for places already loaded (alternateNamesV2 format)."""
    batch: list[tuple[str, str, int, str]] = []
    count = 0
    for lineno, line in enumerate(_open_lines(path), start=1):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 4:
            raise GazetteerError(f"{path}:{lineno}: expected at least 4 columns")
        try:
            gid = int(parts[1])
        except ValueError as exc:
            raise GazetteerError(f"{path}:{lineno}: bad geonameid ({exc})") from exc
        lang, name = parts[2], parts[3]
        if lang in _NOT_NAMES:
            continue
        if len(usable_names("", [name])) < 2:  # not Latin script, or a code
            continue
        batch.extend(name_rows(gid, [name]))
        if len(batch) >= _BATCH:
            count += _add_names_of_known_places(conn, batch)
            batch.clear()
    count += _add_names_of_known_places(conn, batch)
    return count


def _add_names_of_known_places(conn: sqlite3.Connection, rows: list[tuple]) -> int:
    """Insert name rows whose place is loaded (the file covers the whole world)."""
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO names SELECT ?, ?, ?, ? WHERE EXISTS "
        "(SELECT 1 FROM places WHERE geonameid = ?)",
        [(*row, row[2]) for row in rows],
    )
    return conn.total_changes - before


def import_admin_codes(conn: sqlite3.Connection, path: Path, table: str) -> int:
    """admin1CodesASCII.txt / admin2Codes.txt: code, name, ascii name, geonameid."""
    rows = []
    depth = 2 if table == "admin1" else 3
    for lineno, line in enumerate(_open_lines(path), start=1):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 4 or len(parts[0].split(".")) != depth:
            raise GazetteerError(
                f"{path}:{lineno}: expected 'code<TAB>name<TAB>ascii name<TAB>geonameid' "
                f"with a {depth}-part code"
            )
        gid = int(parts[3]) if parts[3].isdigit() else None
        rows.append((parts[0], parts[1], parts[2], gid))
    if not rows:
        raise GazetteerError(f"{path}: empty")
    conn.executemany(
        f"INSERT OR REPLACE INTO {table} (code, name, asciiname, geonameid) VALUES (?,?,?,?)",
        rows,
    )
    return len(rows)


def import_file(conn: sqlite3.Connection, path: Path) -> tuple[str, int]:
    """Import one file in one transaction; (kind, rows). On error nothing is changed."""
    path = Path(path)
    kind = file_kind(path)
    try:
        with conn:  # commit on success, roll back on any error
            if kind == "aliases":
                rows = load_alias_file(conn, path)
            elif kind == "alternate_names":
                rows = import_alternate_names(conn, path)
            elif kind in ("admin1", "admin2"):
                rows = import_admin_codes(conn, path, kind)
            else:
                rows = import_places(conn, path)
            if kind != "aliases":
                conn.execute(
                    "INSERT INTO sources VALUES (?,?,?,?)",
                    (path.name, kind, datetime.now(UTC).isoformat(timespec="seconds"), rows),
                )
    except sqlite3.Error as exc:
        raise GazetteerError(f"{path}: import failed ({exc})") from exc
    return kind, rows


def download(
    names: list[str],
    dest: Path,
    url: str | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
    timeout: float = 60.0,
) -> list[Path]:
    """Fetch dump files ("IQ", "cities500", "alternateNamesV2", "admin1CodesASCII.txt")
    from the dump server into `dest`; returns the local paths."""
    import httpx

    base = url or base_url()
    if not base.endswith("/"):
        base += "/"
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for name in names:
            fname = name if name.endswith((".zip", ".txt")) else f"{name}.zip"
            if len(name) == 2 and name.isalpha():
                fname = f"{name.upper()}.zip"
            target = dest / fname
            fd, tmp_name = tempfile.mkstemp(dir=dest, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as fh, client.stream("GET", base + fname) as resp:
                    if resp.status_code != 200:
                        raise GazetteerError(f"{base + fname}: HTTP {resp.status_code}")
                    total = int(resp.headers.get("content-length") or 0) or None
                    done = 0
                    for chunk in resp.iter_bytes():
                        fh.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(fname, done, total)
                os.replace(tmp_name, target)
            except httpx.HTTPError as exc:
                raise GazetteerError(f"{base + fname}: download failed ({exc})") from exc
            finally:
                if os.path.exists(tmp_name):
                    os.unlink(tmp_name)
            out.append(target)
    return out
