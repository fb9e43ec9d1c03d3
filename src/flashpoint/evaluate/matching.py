"""One-to-one matching of predicted to gold events within a document.

A predicted event *can* match a gold event when their dates are within
`DATE_TOLERANCE_DAYS` and their places within `PLACE_TOLERANCE_KM`; when either side
has no coordinates, their admin1 units must agree instead; when either also lacks an
admin1 (a village no gazetteer knows, in a country coded without provinces), the place
names must agree. Among the pairs that can match, an
optimal assignment (the Hungarian method, `scipy.optimize.linear_sum_assignment`) picks
the one-to-one set that first matches as many events as possible and then, among such
sets, prefers pairs that agree on event type and sub-event type and lie closer in place
and date. Without the assignment, two similar events in one report (two attacks on one
day in one district) could both claim the same gold event, or pair crosswise.

Dates: two missing dates agree (the gold coder and the system both found the date
unknowable, e.g. a report without a publication date); a missing date on one side only
does not agree, since the other side committed to a date the first could not support.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from flashpoint.evaluate.normalize import admin1_agree, distance_km, place_key
from flashpoint.evaluate.records import ScoredEvent

DATE_TOLERANCE_DAYS = 2
PLACE_TOLERANCE_KM = 50.0

# Cost weights among pairs that can match (all below 2); an impossible pair costs
# _IMPOSSIBLE, more than any sum of possible ones, so the assignment maximises the
# number of matches before it minimises disagreement.
_TYPE_MISMATCH = 1.0
_SUBTYPE_MISMATCH = 0.25
_PLACE_WEIGHT = 0.25  # at the full 50 km
_DATE_WEIGHT = 0.25  # at the full 2 days
_OPTIONAL_PENALTY = 0.1  # a required gold event wins a tie with an optional one
_IMPOSSIBLE = 1e6


@dataclass(slots=True)
class PairCheck:
    """Why a gold/predicted pair can or cannot match."""

    date_ok: bool
    place_ok: bool
    days_apart: int | None
    km_apart: float | None

    @property
    def ok(self) -> bool:
        return self.date_ok and self.place_ok


def check_pair(gold: ScoredEvent, pred: ScoredEvent) -> PairCheck:
    """Apply the match criteria (date within 2 days; place within 50 km or same admin1)."""
    days: int | None = None
    if gold.date is None and pred.date is None:
        date_ok = True
    elif gold.date is None or pred.date is None:
        date_ok = False
    else:
        days = abs((gold.date - pred.date).days)
        date_ok = days <= DATE_TOLERANCE_DAYS

    km: float | None = None
    if gold.has_coordinates and pred.has_coordinates:
        km = distance_km(gold.latitude, gold.longitude, pred.latitude, pred.longitude)  # type: ignore[arg-type]
        place_ok = km <= PLACE_TOLERANCE_KM
    elif gold.admin1 and pred.admin1:
        place_ok = admin1_agree(gold.admin1, pred.admin1)
    elif gold.location and pred.location:
        place_ok = place_key(gold.location) == place_key(pred.location)
    else:
        place_ok = False
    return PairCheck(date_ok=date_ok, place_ok=place_ok, days_apart=days, km_apart=km)


def pair_cost(gold: ScoredEvent, pred: ScoredEvent, check: PairCheck) -> float:
    """The assignment cost of a pair that can match: low for agreeing, close pairs."""
    cost = 0.0
    if gold.event_type != pred.event_type:
        cost += _TYPE_MISMATCH
    if gold.sub_event_type != pred.sub_event_type:
        cost += _SUBTYPE_MISMATCH
    if check.km_apart is not None:
        cost += _PLACE_WEIGHT * min(check.km_apart / PLACE_TOLERANCE_KM, 1.0)
    elif check.place_ok:  # matched on admin1 only: as uncertain as the full tolerance
        cost += _PLACE_WEIGHT
    if check.days_apart is not None:
        cost += _DATE_WEIGHT * min(check.days_apart / DATE_TOLERANCE_DAYS, 1.0)
    if gold.optional:
        cost += _OPTIONAL_PENALTY
    return cost


@dataclass(slots=True)
class Match:
    """A matched pair: indices into the document's gold and predicted lists."""

    gold_index: int
    pred_index: int
    check: PairCheck


def match_events(gold: list[ScoredEvent], predicted: list[ScoredEvent]) -> list[Match]:
    """The optimal one-to-one set of matching pairs between one document's events."""
    if not gold or not predicted:
        return []
    checks = [[check_pair(g, p) for p in predicted] for g in gold]
    cost = np.full((len(gold), len(predicted)), _IMPOSSIBLE)
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if checks[i][j].ok:
                cost[i, j] = pair_cost(g, p, checks[i][j])
    rows, cols = linear_sum_assignment(cost)
    return [
        Match(gold_index=int(i), pred_index=int(j), check=checks[i][j])
        for i, j in zip(rows, cols, strict=True)
        if checks[i][j].ok
    ]
