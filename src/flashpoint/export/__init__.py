"""Exports of the event dataset: ACLED CSV, GeoJSON, Parquet, JSON Lines.

    >>> from flashpoint.export import export_events
    >>> export_events(events, "iraq.csv", "acled-csv")

The ACLED CSV has ACLED's column names in ACLED's order (flashpoint's own columns
follow, unless `acled_only`), so it opens in pandas, Excel and QGIS as an ACLED export
would. GeoJSON is a FeatureCollection of points (RFC 7946: longitude, latitude).
"""

from flashpoint.export.writers import FORMATS, events_dataframe, export_events, guess_format

__all__ = ["FORMATS", "events_dataframe", "export_events", "guess_format"]
