"""The process-wide gazetteer: where its file lives, building it on first use.

The file is `gazetteer-v<schema>.sqlite` in the user's cache directory, or the path in
$FLASHPOINT_GAZETTEER. Place files named in $FLASHPOINT_PLACE_ALIASES (separated by the
OS path separator) are added each time the gazetteer is opened, so editing one takes
effect on the next run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from pathlib import Path

from platformdirs import user_cache_dir

from flashpoint.geo.aliases import load_alias_file
from flashpoint.geo.build import build_default
from flashpoint.geo.store import SCHEMA_VERSION, Gazetteer, GazetteerError
from flashpoint.models import Place
from flashpoint.resources import data_path

log = logging.getLogger(__name__)

_DATA_FILES = (
    "geo/countries.csv",
    "geo/admin_affixes.csv",
    "geo/admin_seats.csv",
    "geo/name_aliases.csv",
    "geo/regions.csv",
    "geo/admin_names.csv",
)
_lock = threading.Lock()
_shared: dict[str, Gazetteer] = {}


def gazetteer_path() -> Path:
    """Where the gazetteer file is (it may not exist yet)."""
    env = os.environ.get("FLASHPOINT_GAZETTEER")
    if env:
        return Path(env).expanduser()
    return Path(user_cache_dir("flashpoint")) / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def data_version() -> str:
    """A hash of the shipped knowledge files (and code) the default build depends on."""
    from flashpoint.geo import build, names, store

    digest = hashlib.sha1(SCHEMA_VERSION.encode())
    paths = [data_path(name) for name in _DATA_FILES]
    # The code that writes the index counts too: a new name key needs a new index.
    paths += [Path(module.__file__) for module in (build, names, store)]
    for path in paths:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _needs_build(gaz_path: Path) -> bool:
    if not gaz_path.exists():
        return True
    try:
        gaz = Gazetteer(gaz_path)
        meta = gaz.meta()
        kinds = {row[0] for row in gaz.conn.execute("SELECT DISTINCT kind FROM sources")}
        gaz.close()
    except Exception as exc:  # a damaged file: rebuild rather than fail every run
        log.warning("gazetteer %s unreadable (%s); rebuilding", gaz_path, exc)
        return True
    if meta.get("schema") != SCHEMA_VERSION:
        return True
    if meta.get("data_version") != data_version():
        if kinds <= {"default", "alias"}:
            return True
        log.warning(
            "gazetteer %s predates the shipped place data; `flashpoint gazetteer "
            "rebuild` refreshes it (imported files must then be imported again)",
            gaz_path,
        )
    return False


def ensure_built(gaz_path: Path, force: bool = False) -> None:
    """Build the default gazetteer at `gaz_path` when missing, outdated or forced."""
    if not force and not _needs_build(gaz_path):
        return
    print(
        f"flashpoint: building the offline gazetteer at {gaz_path} (once; about a minute)...",
        file=sys.stderr,
        flush=True,
    )
    counts = build_default(gaz_path, data_version=data_version())
    print(
        f"flashpoint: gazetteer ready: {counts['places']:,} places, {counts['names']:,} names "
        f"in {counts['seconds']} s",
        file=sys.stderr,
        flush=True,
    )


def apply_alias_files(gaz: Gazetteer) -> None:
    """Add the place files named in $FLASHPOINT_PLACE_ALIASES (logged skip if broken)."""
    env = os.environ.get("FLASHPOINT_PLACE_ALIASES", "")
    for item in filter(None, env.split(os.pathsep)):
        path = Path(item).expanduser()
        try:
            with gaz.conn:
                load_alias_file(gaz.conn, path)
        except (GazetteerError, OSError) as exc:
            log.warning("place file %s skipped: %s", path, exc)
    gaz.clear_cache()


def get_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The shared gazetteer (built on first use), one per file per process."""
    gaz_path = Path(path) if path else gazetteer_path()
    key = str(gaz_path.resolve())
    with _lock:
        gaz = _shared.get(key)
        if gaz is None:
            ensure_built(gaz_path)
            gaz = Gazetteer(gaz_path)
            apply_alias_files(gaz)
            _shared[key] = gaz
        return gaz


def reset_shared() -> None:
    """Close the shared gazetteers (after the file was replaced)."""
    with _lock:
        for gaz in _shared.values():
            gaz.close()
        _shared.clear()


def admin1_place(
    name: str, country: str | None = None, gazetteer: Gazetteer | None = None
) -> Place | None:
    """A province/governorate/state by name ("Diyala", "Salahaddin province").

    Its point is the provincial capital, where ACLED codes province-level events.
    `country` is an ISO2 code or a country name.
    """
    from flashpoint.geo.build import admin_affixes, strip_admin_words
    from flashpoint.geo.countries import country_info

    gaz = gazetteer or get_gazetteer()
    info = country_info(country) if country else None
    cc = info.iso2 if info else None
    for variant in (name, strip_admin_words(name, admin_affixes())):
        if variant:
            place = gaz.admin1(variant, cc)
            if place:
                return place
    return None
