"""Turn whatever holds events into one tidy frame with a unit and a period per event.

Aggregation and surge detection both need the same three things per event: which
spatial unit it falls in (admin1, admin2 or an H3 hexagon), which time window it falls in
(day, week, month) and how many people died. Doing that normalisation once, here, keeps
the statistics free of input quirks: events can arrive as `Event` dataclasses, plain
dicts (JSONL, the REST API) or a pandas DataFrame from the store, and bad rows (no date,
no place at the requested level) are dropped with a logged count instead of crashing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from flashpoint.models import ALL_COLUMNS, Event

log = logging.getLogger(__name__)

Level = Literal["admin1", "admin2", "h3"]
Window = Literal["day", "week", "month"]

LEVELS: tuple[str, ...] = ("admin1", "admin2", "h3")
WINDOWS: tuple[str, ...] = ("day", "week", "month")

# Weeks run Monday to Sunday (ISO weeks): pandas names that period "W-SUN".
_FREQ: dict[str, str] = {"day": "D", "week": "W-SUN", "month": "M"}

# The coarsest ACLED time_precision an event may have to be counted in a window.
_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3}

# H3 resolution 5 hexagons are about 250 km² (edge ~9 km): the size of a district or
# a small town with its surroundings, which is the scale analysts watch for surges.
DEFAULT_H3_RESOLUTION = 5

_ID_COLUMNS: tuple[str, ...] = ("event_id_cnty", "event_id", "id")


@dataclass(frozen=True, slots=True)
class Prepared:
    """Events with the columns the statistics need, plus how many rows were dropped."""

    frame: pd.DataFrame
    dropped: int


def period_freq(window: str) -> str:
    """The pandas period frequency for a window name, or a clear error."""
    try:
        return _FREQ[window]
    except KeyError:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {window!r}") from None


def to_frame(events: Any) -> pd.DataFrame:
    """A DataFrame of ACLED-column records from events in any of the accepted shapes.

    Accepts a DataFrame (returned as a copy), or an iterable of `Event` objects and/or
    mappings. The nested `evidence` field is not needed for statistics and is left out.
    """
    if isinstance(events, pd.DataFrame):
        return events.copy()
    rows: list[dict[str, Any]] = []
    for item in events if isinstance(events, Iterable) else ():
        if isinstance(item, Event):
            rows.append({name: getattr(item, name) for name in ALL_COLUMNS})
        elif isinstance(item, Mapping):
            rows.append({k: v for k, v in item.items() if k != "evidence"})
        else:
            log.warning("skipping an event of unexpected type %s", type(item).__name__)
    return pd.DataFrame.from_records(rows)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped strings, empty where missing (absent column -> all empty)."""
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str).str.strip()


def _event_ids(frame: pd.DataFrame) -> pd.Series:
    """The first id column present; row numbers when the input carries no id at all."""
    for column in _ID_COLUMNS:
        if column in frame.columns:
            ids = _text(frame, column)
            fallback = pd.Series([f"row-{i}" for i in range(len(frame))], index=frame.index)
            return ids.where(ids != "", fallback)
    return pd.Series([f"row-{i}" for i in range(len(frame))], index=frame.index)


def _unit_columns(
    frame: pd.DataFrame, level: str, h3_resolution: int
) -> tuple[pd.Series, pd.Series]:
    """(unit key, human label) for each row; empty key where the row has no such unit.

    Admin units are keyed by their full path (country / admin1 / admin2) because admin2
    names repeat across provinces and countries. H3 cells are labelled with the place
    most often named inside them, so a reader sees "near Daquq", not only a hex id.
    """
    country = _text(frame, "country")
    admin1 = _text(frame, "admin1")
    if level == "admin1":
        key = (country + "|" + admin1).where(admin1 != "", "")
        label = admin1.where(country == "", admin1 + ", " + country)
        return key, label
    if level == "admin2":
        admin2 = _text(frame, "admin2")
        key = (country + "|" + admin1 + "|" + admin2).where(admin2 != "", "")
        # Build each distinct label once: corpora have millions of events, few units.
        combos = pd.DataFrame({"a2": admin2, "a1": admin1, "c": country}).drop_duplicates()
        names = {
            row: ", ".join(part for part in row if part)
            for row in combos.itertuples(index=False, name=None)
        }
        label = pd.Series(
            pd.MultiIndex.from_arrays([admin2, admin1, country]).map(names.__getitem__),
            index=frame.index,
            dtype=object,
        )
        return key, label
    if level == "h3":
        return _h3_columns(frame, h3_resolution)
    raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")


def _h3_columns(frame: pd.DataFrame, resolution: int) -> tuple[pd.Series, pd.Series]:
    """H3 cell per row (empty without valid coordinates) and "cell (near Place)" labels."""
    import h3

    empty = pd.Series("", index=frame.index, dtype=object)
    if "latitude" not in frame.columns or "longitude" not in frame.columns:
        return empty, empty
    coords = pd.DataFrame(
        {
            "lat": pd.to_numeric(frame["latitude"], errors="coerce"),
            "lon": pd.to_numeric(frame["longitude"], errors="coerce"),
        },
        index=frame.index,
    )
    coords = coords[coords["lat"].between(-90, 90) & coords["lon"].between(-180, 180)]
    # Events share coordinates (gazetteer points), so index each distinct point once.
    points = coords.drop_duplicates()
    cells = pd.Series(
        [h3.latlng_to_cell(a, o, resolution) for a, o in points.itertuples(index=False)],
        index=pd.MultiIndex.from_frame(points),
        dtype=object,
    )
    key = empty.copy()
    key[coords.index] = cells.reindex(pd.MultiIndex.from_frame(coords)).to_numpy()
    place = _text(frame, "location")
    place = place.where(place != "", _text(frame, "admin2"))
    named = pd.DataFrame({"key": key, "place": place})
    named = named[(named["key"] != "") & (named["place"] != "")]
    counts = named.groupby(["key", "place"]).size().sort_values(ascending=False)
    nearest = counts.reset_index().drop_duplicates("key").set_index("key")["place"]
    names = {k: f"{k} (near {p})" for k, p in nearest.items()}
    label = key.map(lambda k: names.get(k, k))
    return key, label.astype(object)


def prepare(
    events: Any,
    level: str = "admin2",
    window: str = "week",
    by: str | None = None,
    h3_resolution: int = DEFAULT_H3_RESOLUTION,
) -> Prepared:
    """Normalise events to columns id, unit, label, period, fatalities[, category].

    `by` names a column (for example event_type or actor1) whose values split each
    unit's series; rows with an empty value there are kept under "(unknown)" so that
    totals still add up.
    """
    freq = period_freq(window)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    raw = to_frame(events)
    columns = ["id", "unit", "label", "period", "fatalities"] + (["category"] if by else [])
    if raw.empty:
        return Prepared(pd.DataFrame(columns=columns), 0)

    dates = pd.to_datetime(_text(raw, "event_date"), errors="coerce", format="mixed")
    unit, label = _unit_columns(raw, level, h3_resolution)
    out = pd.DataFrame(
        {
            "id": _event_ids(raw),
            "unit": unit,
            "label": label,
            "date": dates,
            "fatalities": pd.to_numeric(
                raw["fatalities"] if "fatalities" in raw.columns else 0, errors="coerce"
            ),
        },
        index=raw.index,
    )
    out["fatalities"] = out["fatalities"].fillna(0).clip(lower=0).astype(int)
    if by:
        if by not in raw.columns:
            raise ValueError(f"cannot split by {by!r}: the events have no such column")
        out["category"] = _text(raw, by).replace("", "(unknown)")

    no_date = out["date"].isna()
    no_unit = out["unit"] == ""
    if no_date.any():
        log.warning("skipped %d event(s) without a readable event_date", int(no_date.sum()))
    if (no_unit & ~no_date).any():
        log.info("skipped %d event(s) with no %s", int((no_unit & ~no_date).sum()), level)
    # An event dated only to its month cannot be placed in a week: counting it on an
    # arbitrary day would fake a spike there. ACLED time_precision: 1 day, 2 week, 3 month.
    precision = pd.to_numeric(
        raw["time_precision"] if "time_precision" in raw.columns else None, errors="coerce"
    )
    too_vague = pd.Series(precision, index=raw.index).fillna(0) > _PRECISION[window]
    too_vague &= ~no_date & ~no_unit
    if too_vague.any():
        log.info("skipped %d event(s) dated too vaguely for %s windows", too_vague.sum(), window)
    keep = out[~no_date & ~no_unit & ~too_vague].copy()
    keep["period"] = keep["date"].dt.to_period(freq)
    return Prepared(keep[columns].reset_index(drop=True), int(len(out) - len(keep)))
