"""Cross-report event dedup: which reports tell one incident, and how they combine.

Two reports are one incident when their event types fall in the same family, their
dates are at most `max_days` apart, their places are within `max_km` (geodesic) or in
the same admin2, their actors are compatible (same names up to spelling, sides
possibly swapped, an unidentified actor agreeing with anyone) and their death tolls
are not wildly apart. The thresholds live in `data/dedup.toml`. Reports from the same
document never merge: telling one incident twice inside one article is the
extractor's business, and two events there are two incidents.

Merging keeps each field from the report that knows it best (place from the most
precise geo_precision, date from the most precise time_precision, actors from the most
specific report) with that report's evidence, and turns disagreeing fatality counts
into low / best / high as UCDP GED does; ACLED's `fatalities` is the low figure.
"""

from __future__ import annotations

import copy
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from geographiclib.geodesic import Geodesic
from rapidfuzz import fuzz

from flashpoint.models import Event
from flashpoint.resources import read_toml

_PLACE_FIELDS = (
    "country",
    "iso",
    "region",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
)
_ACTOR_FIELDS = (
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
)
_DATE_FIELDS = ("event_date", "year", "time_precision")
_FATALITY_FIELDS = ("fatalities", "fatalities_low", "fatalities_best", "fatalities_high")


@dataclass(frozen=True)
class EventRules:
    """Thresholds and type families for calling two reports one incident."""

    max_days: int = 2
    max_km: float = 25.0
    same_admin2: bool = True
    distinct_places_km: float = 10.0
    actor_similarity: float = 85.0
    fatality_ratio: float = 2.0
    fatality_slack: int = 3
    wildcard_actors: frozenset[str] = frozenset({"", "unidentified armed group"})
    families: dict[str, str] = field(default_factory=dict)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> EventRules:
        conf = read_toml("dedup.toml").get("events", {})
        return cls(
            max_days=int(conf.get("max_days", 2)),
            max_km=float(conf.get("max_km", 25.0)),
            same_admin2=bool(conf.get("same_admin2", True)),
            distinct_places_km=float(conf.get("distinct_places_km", 10.0)),
            actor_similarity=float(conf.get("actor_similarity", 85)),
            fatality_ratio=float(conf.get("fatality_ratio", 2.0)),
            fatality_slack=int(conf.get("fatality_slack", 3)),
            wildcard_actors=frozenset(a.casefold() for a in conf.get("wildcard_actors", [""])),
            families=dict(conf.get("families", {})),
        )

    def family(self, event: Event) -> str:
        """The family of an event's type: finer key (type/sub-type) first, then type."""
        fine = f"{event.event_type}/{event.sub_event_type}"
        return self.families.get(fine) or self.families.get(event.event_type) or fine

    def types_in_family(self, event: Event) -> list[str]:
        """Event types whose reports may tell the same incident as this one."""
        fam = self.family(event)
        types = {key.split("/", 1)[0] for key, value in self.families.items() if value == fam}
        if not types:
            return [event.event_type]
        return sorted(types | {event.event_type})


def parse_date(value: str | date | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def distance_km(a: Event, b: Event) -> float | None:
    """Geodesic distance between two events' points, None when either has none."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    line = Geodesic.WGS84.Inverse(a.latitude, a.longitude, b.latitude, b.longitude)
    return line["s12"] / 1000.0


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.casefold().strip() == b.casefold().strip()


def places_agree(a: Event, b: Event, rules: EventRules) -> bool:
    """Within `max_km`, or the same admin2 (or same named location) in one country."""
    if a.country and b.country and not _same(a.country, b.country):
        return False
    km = distance_km(a, b)
    if (
        km is not None
        and km > rules.distinct_places_km
        and a.geo_precision == 1
        and b.geo_precision == 1
        and a.location
        and b.location
        and not _same(a.location, b.location)
    ):
        return False  # two different towns, each named precisely
    if km is not None and km <= rules.max_km:
        return True
    if rules.same_admin2 and _same(a.admin2, b.admin2) and _same(a.admin1 or "", b.admin1 or ""):
        return True
    if rules.same_admin2 and _same(a.admin2, b.admin2) and not (a.admin1 and b.admin1):
        return True
    return km is None and _same(a.location, b.location)


def _actor_match(x: str, y: str, rules: EventRules) -> bool:
    if x.casefold().strip() in rules.wildcard_actors:
        return True
    if y.casefold().strip() in rules.wildcard_actors:
        return True
    return fuzz.token_set_ratio(x.casefold(), y.casefold()) >= rules.actor_similarity


def actors_agree(a: Event, b: Event, rules: EventRules) -> bool:
    """Each side matches (an unidentified actor matches anyone); sides may be swapped."""
    straight = _actor_match(a.actor1, b.actor1, rules) and _actor_match(a.actor2, b.actor2, rules)
    swapped = _actor_match(a.actor1, b.actor2, rules) and _actor_match(a.actor2, b.actor1, rules)
    return straight or swapped


def fatalities_agree(a: Event, b: Event, rules: EventRules) -> bool:
    """Two reported death tolls could describe one incident (zero: not reported)."""
    fa, fb = a.fatalities or 0, b.fatalities or 0
    if not fa or not fb:
        return True
    low, high = sorted((fa, fb))
    return high <= rules.fatality_ratio * low + rules.fatality_slack


def same_incident(a: Event, b: Event, rules: EventRules | None = None) -> bool:
    """Whether two reports (from different documents) tell one incident."""
    rules = rules or EventRules.load()
    if a.document_id and a.document_id == b.document_id:
        return False
    if rules.family(a) != rules.family(b):
        return False
    da, db = parse_date(a.event_date), parse_date(b.event_date)
    if da is None or db is None or abs((da - db).days) > rules.max_days:
        return False
    return places_agree(a, b, rules) and actors_agree(a, b, rules) and fatalities_agree(a, b, rules)


def _low_median(values: Sequence[int]) -> int:
    return int(statistics.median_low(values))


def _specific_actors(e: Event, rules: EventRules) -> int:
    return sum(1 for a in (e.actor1, e.actor2) if a.casefold().strip() not in rules.wildcard_actors)


def merge_reports(reports: Sequence[Event], rules: EventRules | None = None) -> Event:
    """One event from the reports of one incident (the input events are not changed).

    The result's `document_id` is the first report's; callers set `event_id_cnty`.
    """
    if not reports:
        raise ValueError("merge_reports needs at least one report")
    rules = rules or EventRules.load()
    first = reports[0]
    out = copy.deepcopy(first)
    if len(reports) == 1:
        _fill_fatalities(out, reports)
        return out

    def conf(e: Event) -> float:
        return -(e.confidence or 0.0)

    by_place = min(reports, key=lambda e: (e.geo_precision or 9, e.latitude is None, conf(e)))
    by_date = min(
        reports,
        key=lambda e: (e.time_precision or 9, parse_date(e.event_date) or date.max, conf(e)),
    )
    by_actor = min(reports, key=lambda e: (-_specific_actors(e, rules), conf(e)))
    evidence = {}
    for r in reversed(reports):
        evidence.update(r.evidence)
    for chosen, names in (
        (by_place, _PLACE_FIELDS),
        (by_date, _DATE_FIELDS),
        (by_actor, _ACTOR_FIELDS),
    ):
        for name in names:
            setattr(out, name, copy.deepcopy(getattr(chosen, name)))
            if name in chosen.evidence:
                evidence[name] = chosen.evidence[name]
    low_report = _fill_fatalities(out, reports)
    if low_report is not None and "fatalities" in low_report.evidence:
        evidence["fatalities"] = low_report.evidence["fatalities"]
    out.injuries = max(r.injuries or 0 for r in reports)
    out.confidence = max(r.confidence or 0.0 for r in reports)
    sources: list[str] = []
    for r in reports:
        for s in (r.source or "").split(";"):
            s = s.strip()
            if s and s not in sources:
                sources.append(s)
    out.source = "; ".join(sources)
    out.evidence = evidence
    return out


def _fill_fatalities(out: Event, reports: Sequence[Event]) -> Event | None:
    """Set low/best/high across reports; 0 means "not reported" unless all say 0."""
    lows, bests, highs = [], [], []
    low_report = None
    for r in reports:
        f = r.fatalities or 0
        low = r.fatalities_low if r.fatalities_low is not None else f
        best = r.fatalities_best if r.fatalities_best is not None else f
        high = r.fatalities_high if r.fatalities_high is not None else max(f, best)
        if max(low, best, high) > 0:
            if low > 0 and (not lows or low < min(lows)):
                low_report = r
            lows.append(low)
            bests.append(best)
            highs.append(high)
    if not lows:
        out.fatalities = 0
        out.fatalities_low = out.fatalities_best = out.fatalities_high = 0
        return None
    positive = [x for x in lows if x > 0] or [0]
    out.fatalities_low = min(positive)
    out.fatalities_high = max(highs)
    out.fatalities_best = min(max(_low_median(bests), out.fatalities_low), out.fatalities_high)
    out.fatalities = out.fatalities_low
    return low_report


def cluster(reports: Sequence[Event], rules: EventRules | None = None) -> list[list[int]]:
    """Group reports into incidents; returns lists of indexes into `reports`.

    Greedy in date order: each report joins the closest group whose merged event it
    agrees with and which holds no other report of its document.
    """
    rules = rules or EventRules.load()
    order = sorted(
        range(len(reports)), key=lambda i: (parse_date(reports[i].event_date) or date.max, i)
    )
    groups: list[list[int]] = []
    merged: list[Event] = []
    docs: list[set[str]] = []
    by_day: dict[date, list[int]] = {}
    for i in order:
        rep = reports[i]
        day = parse_date(rep.event_date)
        best, best_score = None, None
        if day is not None:
            for delta in range(-rules.max_days, rules.max_days + 1):
                for g in by_day.get(date.fromordinal(day.toordinal() + delta), ()):
                    if rep.document_id in docs[g] or not same_incident(rep, merged[g], rules):
                        continue
                    km = distance_km(rep, merged[g])
                    score = (abs(delta), km if km is not None else rules.max_km)
                    if best_score is None or score < best_score:
                        best, best_score = g, score
        if best is None:
            groups.append([i])
            merged.append(merge_reports([rep], rules))
            docs.append({rep.document_id})
            if day is not None:
                by_day.setdefault(day, []).append(len(groups) - 1)
            continue
        groups[best].append(i)
        docs[best].add(rep.document_id)
        merged[best] = merge_reports([reports[j] for j in groups[best]], rules)
        # The merged document id must not block later reports of other documents.
        merged[best].document_id = ""
    return groups
