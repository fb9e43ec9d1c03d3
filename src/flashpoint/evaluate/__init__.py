"""Scoring extracted events against hand-coded gold files (see `flashpoint evaluate`).

    >>> from flashpoint.evaluate import read_gold, score
    >>> result = score(read_gold(Path("dev.jsonl")), predicted_rows)
    >>> result.metrics["f1"]

Scoring is a pure function over gold records and predicted event dicts, so a run can be
scored from a saved predictions file as well as from a fresh extraction.
"""

from __future__ import annotations

from flashpoint.evaluate.matching import (
    DATE_TOLERANCE_DAYS,
    PLACE_TOLERANCE_KM,
    check_pair,
    match_events,
)
from flashpoint.evaluate.metrics import FIELDS, Evaluation, score
from flashpoint.evaluate.normalize import actor_key, actors_agree, admin1_agree, admin1_key
from flashpoint.evaluate.records import (
    GoldDocument,
    GoldFileError,
    ScoredEvent,
    gold_documents,
    gold_event,
    predicted_event,
    read_gold,
    read_predictions,
)

__all__ = [
    "DATE_TOLERANCE_DAYS",
    "FIELDS",
    "PLACE_TOLERANCE_KM",
    "Evaluation",
    "GoldDocument",
    "GoldFileError",
    "ScoredEvent",
    "actor_key",
    "actors_agree",
    "admin1_agree",
    "admin1_key",
    "check_pair",
    "gold_documents",
    "gold_event",
    "match_events",
    "predicted_event",
    "read_gold",
    "read_predictions",
    "score",
]
