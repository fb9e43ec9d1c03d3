"""Writers for each export format; each takes events and a path, returns rows written."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from flashpoint.models import ACLED_COLUMNS, EXTRA_COLUMNS, Event

FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "parquet", "jsonl")
_SUFFIX_FORMAT = {
    ".csv": "acled-csv",
    ".geojson": "geojson",
    ".parquet": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_INT_COLUMNS = (
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
    "injuries",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
)


def guess_format(path: str | Path) -> str:
    """The export format a file name asks for (by suffix); ValueError when unknown."""
    fmt = _SUFFIX_FORMAT.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {path}; choose one of {', '.join(FORMATS)}")
    return fmt


def _columns(acled_only: bool) -> tuple[str, ...]:
    return ACLED_COLUMNS if acled_only else ACLED_COLUMNS + EXTRA_COLUMNS


def _cell(value: Any) -> Any:
    return "" if value is None else value


def write_acled_csv(events: Iterable[Event], fh: IO[str], acled_only: bool = False) -> int:
    cols = _columns(acled_only)
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(cols)
    n = 0
    for ev in events:
        writer.writerow([_cell(getattr(ev, c)) for c in cols])
        n += 1
    return n


def _feature(ev: Event, acled_only: bool) -> dict[str, Any]:
    props = {c: getattr(ev, c) for c in _columns(acled_only)}
    if not acled_only:
        props["evidence"] = {k: v.to_dict() for k, v in ev.evidence.items()}
    geometry = None
    if ev.latitude is not None and ev.longitude is not None:
        geometry = {
            "type": "Point",
            "coordinates": [round(ev.longitude, 6), round(ev.latitude, 6)],
        }
    return {
        "type": "Feature",
        "id": ev.event_id_cnty or None,
        "geometry": geometry,
        "properties": props,
    }


def write_geojson(events: Iterable[Event], fh: IO[str], acled_only: bool = False) -> int:
    features = [_feature(ev, acled_only) for ev in events]
    json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    fh.write("\n")
    return len(features)


def write_jsonl(events: Iterable[Event], fh: IO[str], acled_only: bool = False) -> int:
    n = 0
    for ev in events:
        record = ev.to_dict()
        if acled_only:
            record = {c: record[c] for c in ACLED_COLUMNS}
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def events_dataframe(events: Iterable[Event], acled_only: bool = False):
    """A pandas DataFrame with ACLED's columns (typed: dates, nullable integers)."""
    import pandas as pd

    cols = _columns(acled_only)
    rows = []
    for ev in events:
        row = {c: getattr(ev, c) for c in cols}
        if not acled_only:
            row["evidence"] = json.dumps({k: v.to_dict() for k, v in ev.evidence.items()})
        rows.append(row)
    df = pd.DataFrame(rows, columns=[*cols, *(() if acled_only else ("evidence",))])
    df["event_date"] = pd.to_datetime(df["event_date"], errors="coerce")
    for c in _INT_COLUMNS:
        if c in df:
            df[c] = pd.array(df[c].tolist(), dtype="Int64")
    for c in ("latitude", "longitude", "confidence"):
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def write_parquet(events: Iterable[Event], path: Path, acled_only: bool = False) -> int:
    df = events_dataframe(events, acled_only)
    df.to_parquet(path, index=False)
    return len(df)


_TEXT_WRITERS: dict[str, Callable[..., int]] = {
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "jsonl": write_jsonl,
}


def export_events(
    events: Iterable[Event], path: str | Path, fmt: str | None = None, *, acled_only: bool = False
) -> int:
    """Write events to `path` in `fmt` (default: from the suffix); returns rows written.

    The file is written next to its final name and moved into place when complete, so
    an interrupted export never leaves a truncated file behind.
    """
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    tmp = path.with_name(f".{path.name}.part")
    try:
        if fmt == "parquet":
            n = write_parquet(events, tmp, acled_only)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = _TEXT_WRITERS[fmt](events, fh, acled_only)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return n
