"""Geography: the offline gazetteer, toponym recognition and resolution.

Public surface used by the rest of the pipeline:

- `get_gazetteer()`: the shared `Gazetteer` (SQLite index in the user's cache dir).
- `geoparse(text, doc=None, country_hint=None)`: every place named in `text`, as
  `PlaceMention`s with offsets into `text`, resolved to a `Place`, with relative
  phrases ("20 km south of X", "near X") applied.
- `country_info(code_or_name)`: country name, ISO numeric code and ACLED region.
- `admin1_place(name, country)`: a province by name, at the point ACLED codes it.
"""

from flashpoint.geo.countries import CountryInfo, country_info
from flashpoint.geo.gazetteer import admin1_place, gazetteer_path, get_gazetteer
from flashpoint.geo.parse import geoparse
from flashpoint.geo.store import Candidate, Gazetteer, GazetteerError

__all__ = [
    "Candidate",
    "CountryInfo",
    "Gazetteer",
    "GazetteerError",
    "admin1_place",
    "country_info",
    "gazetteer_path",
    "geoparse",
    "get_gazetteer",
]
