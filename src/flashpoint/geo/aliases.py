"""User place files: places missing from every gazetteer, added by hand.

A CSV with the header `name,latitude,longitude,country_code,admin1,admin2,feature_code`
(admin names, not codes; feature_code defaults to PPL). Several spellings of one place
go on several lines with the same coordinates; they become one entry. Entries get
negative ids, so they never collide with GeoNames ids.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from flashpoint.geo.names import fold
from flashpoint.geo.store import GazetteerError, name_rows

log = logging.getLogger(__name__)

ALIAS_COLUMNS = ("name", "latitude", "longitude", "country_code", "admin1", "admin2")


def is_alias_file(path: Path) -> bool:
    """Whether `path` is a place CSV in the alias format (judged by its header)."""
    if path.suffix.lower() not in (".csv", ".tsv"):
        return False
    try:
        with path.open(encoding="utf-8-sig") as fh:
            header = fh.readline().strip().lower()
    except (OSError, UnicodeDecodeError):
        return False
    cols = [c.strip() for c in header.replace("\t", ",").split(",")]
    return all(c in cols for c in ALIAS_COLUMNS[:4])


def _admin_code(conn: sqlite3.Connection, table: str, cc: str, name: str, prefix: str) -> str:
    """The admin code whose unit has this name, within `prefix` (e.g. 'IQ.13')."""
    if not name:
        return ""
    key = fold(name)
    kind = "ADM1" if table == "admin1" else "ADM2"
    row = conn.execute(
        "SELECT p.admin1_code, p.admin2_code FROM names n JOIN places p ON p.geonameid = "
        "n.geonameid WHERE n.key = ? AND p.feature_code = ? AND p.country_code = ?",
        (key, kind, cc),
    ).fetchall()
    for a1, a2 in row:
        code = f"{cc}.{a1}" if kind == "ADM1" else f"{cc}.{a1}.{a2}"
        if code.startswith(prefix):
            return a1 if kind == "ADM1" else a2
    rows = conn.execute(f"SELECT code, name FROM {table} WHERE code LIKE ?", (prefix + "%",))
    for code, unit_name in rows:
        if fold(unit_name) == key or fold(unit_name).startswith(key + " "):
            return code.split(".")[-1]
    return ""


def load_alias_file(conn: sqlite3.Connection, path: Path) -> int:
    """Add the places of one alias CSV inside the caller's transaction; rows added."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GazetteerError(f"{path}: cannot read place file ({exc})") from exc
    groups: dict[tuple, list[str]] = {}
    meta: dict[tuple, dict[str, str]] = {}
    for lineno, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        try:
            name = row["name"]
            lat, lon = float(row["latitude"]), float(row["longitude"])
            cc = row["country_code"].upper()
        except (KeyError, ValueError) as exc:
            raise GazetteerError(f"{path}:{lineno}: bad place row ({exc})") from exc
        if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180) or len(cc) != 2:
            raise GazetteerError(f"{path}:{lineno}: bad name, coordinates or country code")
        key = (round(lat, 5), round(lon, 5), cc)
        groups.setdefault(key, []).append(name)
        meta.setdefault(key, row)
    source = f"alias:{path.resolve()}"
    conn.execute(
        "DELETE FROM names WHERE geonameid IN (SELECT geonameid FROM places WHERE source = ?)",
        (source,),
    )
    conn.execute("DELETE FROM places WHERE source = ?", (source,))
    for (lat, lon, cc), names in groups.items():
        row = meta[(lat, lon, cc)]
        a1 = _admin_code(conn, "admin1", cc, row.get("admin1", ""), f"{cc}.")
        a2 = _admin_code(conn, "admin2", cc, row.get("admin2", ""), f"{cc}.{a1}.") if a1 else ""
        digest = hashlib.sha1(f"{names[0]}|{cc}|{lat}|{lon}".encode()).hexdigest()
        gid = -(int(digest[:12], 16) % (2**47))
        fcode = (row.get("feature_code") or "PPL").upper()
        fclass = "A" if fcode.startswith(("ADM", "PCL")) else "P"
        conn.execute(
            "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                gid,
                names[0],
                fold(names[0]).title(),
                fclass,
                fcode,
                cc,
                a1,
                a2,
                0,
                lat,
                lon,
                None,
                None,
                source,
            ),
        )
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", name_rows(gid, names))
    conn.execute("DELETE FROM sources WHERE name = ?", (source,))
    conn.execute(
        "INSERT INTO sources VALUES (?,?,?,?)",
        (source, "alias", datetime.now(UTC).isoformat(timespec="seconds"), len(groups)),
    )
    return len(groups)
