"""Ingest: read sources into Documents and store them with their events.

- `flashpoint.ingest.readers`: text, folders, JSONL, CSV, HTML, URLs, feeds, stdin.
- `flashpoint.ingest.job`: one idempotent, crash-safe ingest run into a `Store`.
"""

from flashpoint.ingest.readers import Columns, read_inputs

__all__ = ["Columns", "read_inputs"]
