"""Exports: ACLED CSV for pandas, GeoJSON for QGIS, Parquet, JSON Lines."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from flashpoint.export import export_events, guess_format
from flashpoint.models import ACLED_COLUMNS, Document, Event

from .toy import extract

TEXTS = [
    ("Two policemen were killed in Arab Koy on 2021-02-11 by Islamic State.", "KirkukNow"),
    ("Three policemen were killed in Daquq on 2021-02-12 by Islamic State.", "Rudaw"),
    ("Two soldiers were killed in Mosul on 2021-03-02 by Islamic State, “officials” said.", "X"),
]


@pytest.fixture
def filled(dataset):
    docs = [Document(text=t, source=s) for t, s in TEXTS]
    dataset.ingest(docs, extractor=extract)
    return dataset


def test_acled_csv_opens_in_pandas_with_acled_columns(filled, tmp_path):
    path = tmp_path / "events.csv"
    assert filled.export(path) == 2
    df = pd.read_csv(path)
    assert list(df.columns[: len(ACLED_COLUMNS)]) == list(ACLED_COLUMNS)
    assert sorted(df["fatalities"]) == [2, 2]
    row = df[df["location"] == "Arab Koy"].iloc[0]
    assert (row["fatalities_low"], row["fatalities_high"], row["event_date"]) == (
        2,
        3,
        "2021-02-11",
    )
    assert row["source"] == "KirkukNow; Rudaw"
    strict = tmp_path / "strict.csv"
    filled.export(strict, "acled-csv", acled_only=True, country="Iraq", admin1="Nineveh")
    df = pd.read_csv(strict)
    assert list(df.columns) == list(ACLED_COLUMNS) and list(df["location"]) == ["Mosul"]


def test_geojson_is_a_valid_feature_collection(filled, tmp_path):
    path = tmp_path / "events.geojson"
    filled.export(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 2
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert lat == pytest.approx(feature["properties"]["latitude"])
        assert lon == pytest.approx(feature["properties"]["longitude"])
        assert feature["id"] == feature["properties"]["event_id_cnty"]


def test_parquet_and_jsonl_round_trip(filled, tmp_path):
    filled.export(tmp_path / "e.parquet")
    df = pd.read_parquet(tmp_path / "e.parquet")
    assert str(df["event_date"].dtype).startswith("datetime64")
    assert list(df.sort_values("event_date")["fatalities_high"]) == [3, 2]
    filled.export(tmp_path / "e.jsonl")
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    back = [Event.from_dict(json.loads(line)) for line in lines]
    assert [e.to_dict() for e in back] == [e.to_dict() for e in filled.events()]
    assert back[0].evidence["fatalities"].text in ("Two", "Three")


def test_events_dataframe_types(filled):
    df = filled.events_df(start="2021-02-01", end="2021-02-28")
    assert len(df) == 1
    assert df["fatalities_high"].dtype.name == "Int64"
    assert df.loc[0, "event_date"] == pd.Timestamp("2021-02-11")


def test_format_from_suffix_and_unknown_format(tmp_path):
    assert guess_format("x.geojson") == "geojson"
    with pytest.raises(ValueError):
        guess_format("x.xlsx")
    with pytest.raises(ValueError):
        export_events([], tmp_path / "x.csv", "shapefile")
    assert not (tmp_path / "x.csv").exists()
    assert export_events([], tmp_path / "empty.csv") == 0
    assert pd.read_csv(tmp_path / "empty.csv").empty
