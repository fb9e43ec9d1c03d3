"""Scores of predicted events against gold events: a pure function over plain data.

`score(gold_docs, predictions)` takes gold documents and predicted event dicts (the
JSONL rows of `flashpoint extract`) and returns an `Evaluation`: the metrics as a
JSON-ready dict, and per-document errors (misses, false alarms, disagreeing pairs).

Definitions (kept here so that a number can be traced to its rule):
- Event precision / recall / F1 over required gold events. A prediction matched to an
  optional gold event is removed from both sides; an unmatched optional gold event is
  not a miss.
- Field accuracy over matched required pairs. `date` is exact-day agreement (two null
  dates agree); `actor1`/`actor2` compare canonical names (see `normalize.actor_key`);
  `admin1` is scored only on pairs whose gold event gives an admin1.
- `place_within_25km` over matched pairs whose gold event has coordinates (a prediction
  without coordinates counts as a miss); the median place error over pairs where both
  sides have coordinates.
- Per event type: gold and predicted counts, and pairs that match with this type on both
  sides, giving a type-strict precision and recall.
"""

from __future__ import annotations

import logging
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flashpoint.evaluate.matching import check_pair, match_events
from flashpoint.evaluate.normalize import actors_agree, admin1_agree
from flashpoint.evaluate.records import GoldDocument, ScoredEvent, predicted_event

log = logging.getLogger(__name__)

PLACE_ACCURACY_KM = 25.0

# Field name -> (applies to this pair?, do they agree?)
_FIELD_CHECKS: dict[
    str,
    tuple[Callable[[ScoredEvent, ScoredEvent], bool], Callable[[ScoredEvent, ScoredEvent], bool]],
] = {
    "event_type": (lambda g, p: True, lambda g, p: g.event_type == p.event_type),
    "sub_event_type": (lambda g, p: True, lambda g, p: g.sub_event_type == p.sub_event_type),
    "date": (lambda g, p: True, lambda g, p: g.date == p.date),
    "time_precision": (lambda g, p: True, lambda g, p: g.time_precision == p.time_precision),
    "fatalities": (lambda g, p: True, lambda g, p: g.fatalities == p.fatalities),
    "injuries": (lambda g, p: True, lambda g, p: g.injuries == p.injuries),
    "actor1": (lambda g, p: True, lambda g, p: actors_agree(g.actor1, p.actor1)),
    "actor2": (lambda g, p: True, lambda g, p: actors_agree(g.actor2, p.actor2)),
    "admin1": (lambda g, p: bool(g.admin1), lambda g, p: admin1_agree(g.admin1, p.admin1)),
}
FIELDS: tuple[str, ...] = tuple(_FIELD_CHECKS)


@dataclass(slots=True)
class Evaluation:
    """The result of one scoring run."""

    metrics: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _group_predictions(
    predictions: Iterable[dict[str, Any] | ScoredEvent], gold_ids: set[str]
) -> dict[str, list[ScoredEvent]]:
    by_doc: dict[str, list[ScoredEvent]] = defaultdict(list)
    unknown: Counter[str] = Counter()
    for item in predictions:
        event = item if isinstance(item, ScoredEvent) else predicted_event(item)
        if event.document_id in gold_ids:
            by_doc[event.document_id].append(event)
        else:
            unknown[event.document_id] += 1
    if unknown:
        log.warning(
            "ignored %d predicted events of %d documents not in the gold file (e.g. %s)",
            sum(unknown.values()),
            len(unknown),
            next(iter(unknown)),
        )
    return by_doc


def _closest(gold: ScoredEvent, preds: list[ScoredEvent]) -> dict[str, Any] | None:
    """The prediction that came nearest to a missed gold event, and why it did not match.

    Nearest: most criteria met, then same event type, then fewest days and km apart.
    Tells a date error from a place error from a missing event at a glance.
    """
    best: tuple[tuple, dict[str, Any]] | None = None
    for pred in preds:
        check = check_pair(gold, pred)
        rank = (
            -(check.date_ok + check.place_ok),
            pred.event_type != gold.event_type,
            check.days_apart if check.days_apart is not None else 10**6,
            check.km_apart if check.km_apart is not None else 10**9,
        )
        if best is None or rank < best[0]:
            failed = []
            if not check.date_ok:
                failed.append(
                    "date: one side has no date"
                    if check.days_apart is None
                    else f"date: {check.days_apart} days apart"
                )
            if not check.place_ok:
                failed.append(
                    "place: no coordinates and admin1 differs or is missing"
                    if check.km_apart is None
                    else f"place: {check.km_apart:.1f} km apart"
                )
            if not failed:
                failed.append("meets the criteria but is matched to another gold event")
            info = {
                "event_type": pred.event_type,
                "date": pred.date.isoformat() if pred.date else None,
                "location": pred.location,
                "evidence": pred.evidence,
                "failed": failed,
            }
            best = (rank, info)
    return best[1] if best else None


def score(
    gold_docs: list[GoldDocument], predictions: Iterable[dict[str, Any] | ScoredEvent]
) -> Evaluation:
    """Score predicted events against gold documents (see the module notes for rules)."""
    by_doc = _group_predictions(predictions, {d.id for d in gold_docs})

    n_gold = n_pred = n_match = n_optional = n_optional_matched = 0
    agree: Counter[str] = Counter()
    applies: Counter[str] = Counter()
    place_n = place_hits = 0
    errors_km: list[float] = []
    type_gold: Counter[str] = Counter()
    type_pred: Counter[str] = Counter()
    type_match: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []

    for doc in gold_docs:
        gold, preds = doc.events, by_doc.get(doc.id, [])
        matches = match_events(gold, preds)
        matched_gold = {m.gold_index for m in matches}
        matched_pred = {m.pred_index for m in matches}
        neutral_pred = {m.pred_index for m in matches if gold[m.gold_index].optional}

        n_optional += sum(g.optional for g in gold)
        n_optional_matched += len(neutral_pred)
        required = [g for g in gold if not g.optional]
        counted_preds = [p for j, p in enumerate(preds) if j not in neutral_pred]
        n_gold += len(required)
        n_pred += len(counted_preds)
        type_gold.update(g.event_type for g in required)
        type_pred.update(p.event_type for p in counted_preds)

        disagreements: list[dict[str, Any]] = []
        for m in matches:
            g, p = gold[m.gold_index], preds[m.pred_index]
            if g.optional:
                continue
            gs, ps = g.summary(), p.summary()
            n_match += 1
            if g.event_type == p.event_type:
                type_match[g.event_type] += 1
            fields: dict[str, dict[str, Any]] = {}
            for name, (applies_to, agrees) in _FIELD_CHECKS.items():
                if not applies_to(g, p):
                    continue
                applies[name] += 1
                if agrees(g, p):
                    agree[name] += 1
                else:
                    fields[name] = {"gold": gs[name], "predicted": ps[name]}
            if g.has_coordinates:
                place_n += 1
                km = m.check.km_apart
                if km is not None and km <= PLACE_ACCURACY_KM:
                    place_hits += 1
                else:
                    fields["place"] = {
                        "gold": g.location,
                        "predicted": p.location,
                        "km": None if km is None else round(km, 1),
                    }
            if m.check.km_apart is not None:
                errors_km.append(m.check.km_apart)
            if fields:
                disagreements.append({"gold": gs, "predicted": ps, "fields": fields})

        misses = [
            {**g.summary(), "closest": _closest(g, preds)}
            for i, g in enumerate(gold)
            if i not in matched_gold and not g.optional
        ]
        false_alarms = [p.summary() for j, p in enumerate(preds) if j not in matched_pred]
        if misses or false_alarms or disagreements:
            errors.append(
                {
                    "document_id": doc.id,
                    "misses": misses,
                    "false_alarms": false_alarms,
                    "disagreements": disagreements,
                }
            )

    precision, recall = _ratio(n_match, n_pred), _ratio(n_match, n_gold)
    by_type: dict[str, dict[str, Any]] = {}
    for etype in sorted(set(type_gold) | set(type_pred)):
        p = _ratio(type_match[etype], type_pred[etype])
        r = _ratio(type_match[etype], type_gold[etype])
        by_type[etype] = {
            "gold": type_gold[etype],
            "predicted": type_pred[etype],
            "matched": type_match[etype],
            "precision": p,
            "recall": r,
            "f1": _f1(p, r) if p is not None and r is not None else None,
        }
    metrics: dict[str, Any] = {
        "documents": len(gold_docs),
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "matched_events": n_match,
        "optional_gold_events": n_optional,
        "matched_optional_events": n_optional_matched,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision or 0.0, recall or 0.0) if n_gold or n_pred else None,
        "accuracy": {name: _ratio(agree[name], applies[name]) for name in FIELDS},
        "accuracy_n": {name: applies[name] for name in FIELDS},
        "place_within_25km": _ratio(place_hits, place_n),
        "place_within_25km_n": place_n,
        "place_error_km_median": (round(statistics.median(errors_km), 2) if errors_km else None),
        "place_error_n": len(errors_km),
        "by_event_type": by_type,
    }
    return Evaluation(metrics=metrics, errors=errors)
