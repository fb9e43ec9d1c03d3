"""geoparse: every place named in a text, resolved, with relative phrases applied.

Steps: recognise candidate spans (`recognize`), look up their candidates, read the
document's country focus, pick each span's entry in two passes (the second sees the
admin context of the first: `resolve`), then apply relative phrases and place-type words
(`relative`) to set the point, relation and geo_precision of each mention.

Precision follows the coding guidelines: 1 the named town or village; 2 near / a
direction from / part of a named place, or a district; 3 a province, region or country.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, replace

from flashpoint.geo.countries import country_info, demonym_country
from flashpoint.geo.names import fold
from flashpoint.geo.recognize import Span, recognise
from flashpoint.geo.relative import (
    PlaceType,
    Relation,
    offset_point,
    relation_before,
    type_after,
    type_before,
)
from flashpoint.geo.resolve import Context, Weights, confidence, holds, kind_of, near, score
from flashpoint.geo.spans import SpanSet
from flashpoint.geo.store import Candidate, Gazetteer
from flashpoint.models import Place, PlaceMention

log = logging.getLogger(__name__)

# Regions coded at precision 3 like a province; landforms (MTS, VAL, ...) get 2.
BROAD_CODES = frozenset(("CONT", "OCN", "SEA", "GULF", "RGN"))
# A gazetteer-only span (spaCy did not call it a place) needs at least this score.
MIN_SCORE = 0.25
_LOCATIVE_CUE = re.compile(r"\b(?:in|at|near|outside|from|into)\s+(?:the\s+)?$", re.IGNORECASE)
_ANCHOR_GAP = re.compile(
    r"^(?:\s+(?:village|town|city|camp|area|district|neighbou?rhood))?\s*,?\s*"
    r"(?:(?:just|some|about|roughly|approximately|nearly|around)\s+)?$",
    re.IGNORECASE,
)
_CONTAINER_GAP = re.compile(
    r"^(?:,\s*|\s+in\s+(?:the\s+)?|"
    # "the Mandali sub-district of Diyala", "the Bashiqa area of the Mosul district"
    r"\s+(?:sub-?district|subdistrict|district|area|village|town|city|region|suburb|"
    r"neighbou?rhood|province|governorate|county|nahiya|qada)\s+of\s+(?:the\s+)?)$",
    re.I,
)
_CAPITALISED_RUN = re.compile(
    r"((?:(?:al|el|Al|El)-)?[A-Z][\w’'\-]*(?:\s+(?:(?:al|el|ad|ez|as|ash|an|ar|of|bin|abu)\s+|"
    r"(?:al|el|ad|ez)-)?[A-Z][\w’'\-]*){0,4})\s+$"
)
_TYPE_WORDS_FOR_UNKNOWN = (
    "village",
    "town",
    "camp",
    "area",
    "neighbourhood",
    "neighborhood",
    "hamlet",
    "city",
)


@dataclass(slots=True)
class _Item:
    span: Span
    candidates: list[Candidate]
    place_type: PlaceType | None
    relation: Relation | None
    cue: bool
    best: Candidate | None = None
    best_score: float = float("-inf")
    second_score: float | None = None
    container: int | None = None  # index of the item that holds this one ("X, Y")
    anchor: int | None = None  # index of the item this one is placed from ("X, north of Y")


def geoparse(
    text: str,
    doc=None,
    country_hint: str | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    demonyms: bool = False,
    style: str = "acled",
    weights: Weights | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[PlaceMention]:
    """Every place mention in `text` (offsets into `text`), resolved.

    `doc` is an optional spaCy Doc of the same text: its GPE/LOC/FAC entities are used
    besides the gazetteer's own matching. `country_hint` (a name or ISO code) sets the
    expected country. `demonyms=True` also returns "Iraqi"-style mentions (resolved to
    the country). `style="acled"` puts provinces and countries at their capital, as
    ACLED codes them; `style="geonames"` at their middle, as GeoNames does. `spans`
    (start, end pairs) skips recognition and resolves exactly those spans.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if gazetteer is None:
        from flashpoint.geo.gazetteer import get_gazetteer

        gazetteer = get_gazetteer()
    items = _items(text, doc, gazetteer, spans)
    ctx = Context(focus=_focus(items, country_hint))
    weights = weights or Weights()
    _link_containers(text, items)
    _pick(items, ctx, weights)  # first pass: country focus only
    _pick(items, _admin_context(items, ctx), weights, exclude_self=True)
    mentions = []
    for item in items:
        mention = _mention(item, gazetteer, style)
        if mention is None:
            continue
        if item.span.demonym and not demonyms:
            continue
        mentions.append(mention)
    mentions.extend(_unknown_places(text, items, mentions, gazetteer, style))
    mentions.sort(key=lambda m: m.start)
    return mentions


# -- candidates --------------------------------------------------------------------------
def _items(
    text: str, doc, gaz: Gazetteer, given: list[tuple[int, int]] | None = None
) -> list[_Item]:
    items = []
    if given is not None:
        found = [_given_span(text, s, e) for s, e in sorted(given) if 0 <= s < e <= len(text)]
    else:
        found = recognise(text, gaz, doc)
    for span in found:
        if span.demonym:
            info = country_info(span.demonym)
            place = gaz.get(info.geonameid) if info else None
            cands = [Candidate(place, True, 1.0)] if place else []
        else:
            cands = gaz.candidates(span.text)
            if not cands:
                stripped = _strip_type_words(span.text)
                if stripped and stripped != span.text:
                    cands = gaz.candidates(stripped)
        items.append(
            _Item(
                span=span,
                candidates=cands[:60],
                place_type=type_after(text, span.end) or type_before(text, span.start),
                relation=relation_before(text, span.start),
                cue=bool(_LOCATIVE_CUE.search(text[max(0, span.start - 25) : span.start])),
            )
        )
    return items


def _given_span(text: str, start: int, end: int) -> Span:
    """A caller-given span, marked as a demonym when it is one."""
    country = demonym_country(text[start:end])
    demonym = country.iso2 if country is not None else ""
    return Span(start, end, text[start:end], label="GIVEN", demonym=demonym)


def _strip_type_words(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in (
        "province",
        "governorate",
        "district",
        "city",
        "town",
        "village",
        "region",
        "state",
    ):
        words = words[:-1]
    while words and words[0].lower() in ("the", "city", "town", "village", "province"):
        words = words[1:]
    return " ".join(words)


def _focus(items: list[_Item], hint: str | None) -> dict[str, float]:
    """Shares of the document's attention per country (ISO2)."""
    votes: Counter = Counter()
    info = country_info(hint) if hint else None
    if info:
        votes[info.iso2] += 3.0
    for item in items:
        if not item.candidates:
            continue
        top = item.candidates[0]
        if item.span.demonym:
            votes[top.place.country_code] += 0.5
        elif kind_of(top.place) == "country" and top.exact:
            votes[top.place.country_code] += 1.0
        else:
            countries = {c.place.country_code for c in item.candidates if c.exact}
            if len(countries) == 1 and (top.main or item.span.label):
                votes[next(iter(countries))] += 0.5
            else:
                big = [
                    c
                    for c in item.candidates
                    if c.exact and c.main and c.place.population >= 100_000
                ]
                if len({c.place.country_code for c in big}) == 1:
                    votes[big[0].place.country_code] += 0.3
    total = sum(votes.values())
    return {cc: v / total for cc, v in votes.items()} if total else {}


def _link_containers(text: str, items: list[_Item]) -> None:
    """'X, Y' and 'X in Y': remember that Y should hold X; 'X (village), north of Y':
    that X lies near Y."""
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        if _CONTAINER_GAP.match(text[a.span.end : b.span.start]):
            a.container = i + 1
        elif b.relation is not None and _ANCHOR_GAP.match(text[a.span.end : b.relation.start]):
            a.anchor = i + 1


def _admin_context(items: list[_Item], base: Context) -> Context:
    ctx = Context(focus=base.focus)
    for item in items:
        for key in _context_keys(item):
            (ctx.admin1 if key.count(".") == 1 else ctx.admin2)[key] += 1
    return ctx


def _context_keys(item: _Item) -> list[str]:
    """The admin units a resolved item lends as context to the others."""
    if item.best is None or item.span.demonym:
        return []
    p = item.best.place
    if kind_of(p) == "country":
        return []
    keys = [f"{p.country_code}.{p.admin1_code}"]
    if p.admin2_code:
        keys.append(f"{p.country_code}.{p.admin1_code}.{p.admin2_code}")
    return keys


def _pick(items: list[_Item], ctx: Context, weights: Weights, exclude_self: bool = False) -> None:
    # Context must come from *other* names: repeating one name must not vote for itself.
    by_name: dict[str, Counter] = {}
    if exclude_self:
        for item in items:
            by_name.setdefault(fold(item.span.text), Counter()).update(_context_keys(item))
    # Items alike in every input to the ranking share one result (long texts repeat names).
    memo: dict[tuple, tuple] = {}
    for item in items:
        if not item.candidates:
            continue
        own = ctx
        name = fold(item.span.text)
        if exclude_self:
            own = Context(
                focus=ctx.focus,
                admin1=ctx.admin1,
                admin2=ctx.admin2,
                exclude=by_name.get(name, Counter()),
            )
        container = None
        if item.container is not None:
            holder = items[item.container]
            if holder.best is not None:
                container = holder.best.place
        anchor = None
        if item.anchor is not None and items[item.anchor].best is not None:
            anchor = items[item.anchor].best.place
        type_kind = item.place_type.kind if item.place_type else None
        key = (
            name,
            item.span.label,
            item.span.demonym,
            item.cue,
            type_kind,
            container.geonameid if container else None,
            anchor.geonameid if anchor else None,
        )
        if key in memo:
            item.best, item.best_score, item.second_score = memo[key]
            continue
        _rank(item, own, ctx, type_kind, container, anchor, weights)
        memo[key] = (item.best, item.best_score, item.second_score)


def _rank(
    item: _Item,
    own: Context,
    ctx: Context,
    type_kind: str | None,
    container: Place | None,
    anchor: Place | None,
    weights: Weights,
) -> None:
    """Score an item's candidates and keep the best and the runner-up's score."""
    scored = sorted(
        (
            (score(c, own, type_kind, container, anchor, weights=weights), c)
            for c in item.candidates
        ),
        key=lambda sc: -sc[0],
    )
    if anchor is not None:
        # "X, north of Y": a loose spelling match far from Y is another place.
        scored = [(s, c) for s, c in scored if c.exact or near(anchor, c.place, 100.0)]
        if not scored:
            item.best, item.best_score, item.second_score = None, float("-inf"), None
            return
    if item.cue:
        scored = [(s + 0.4, c) for s, c in scored]
    if ctx.focus:
        # A loose spelling match abroad is a different name, not a variant.
        close = [(s, c) for s, c in scored if c.exact or not _foreign(c.place, ctx)]
        if not close:
            item.best, item.best_score, item.second_score = None, float("-inf"), None
            return
        scored = close
    if not item.span.label and ctx.focus:
        # Without spaCy's support, a name far from the document's countries is
        # more often a word or a person than a foreign place.
        scored = [(s - (0.6 if _foreign(c.place, ctx) else 0.0), c) for s, c in scored]
        scored.sort(key=lambda sc: -sc[0])
    item.best_score, item.best = scored[0]
    item.second_score = None
    for s, c in scored[1:]:
        if not _same_place(c.place, item.best.place):
            item.second_score = s
            break


def _foreign(place: Place, ctx: Context) -> bool:
    """Whether a place lies outside the countries the document is about."""
    return bool(place.country_code) and ctx.focus.get(place.country_code, 0.0) < 0.15


def _same_place(a: Place, b: Place) -> bool:
    """A town and the district or province named after it count as one answer."""
    return (
        a.country_code == b.country_code
        and abs(a.latitude - b.latitude) < 0.05
        and abs(a.longitude - b.longitude) < 0.05
    )


# -- mentions ----------------------------------------------------------------------------
def _point(place: Place, gaz: Gazetteer, style: str) -> Place:
    if style == "geonames" and kind_of(place) in ("country", "admin1", "admin2"):
        mid = gaz.centroid(place.geonameid)
        if mid:
            return replace(place, latitude=mid[0], longitude=mid[1])
    return place


def _precision(place: Place, place_type: PlaceType | None, relation: Relation | None) -> int:
    kind = kind_of(place)
    if kind in ("country", "admin1") or place.feature_code in BROAD_CODES:
        return 3
    if kind == "region":  # mountains, valleys, lakes: part of a named place
        return 2
    if relation is not None:
        return 2
    if place_type is not None and place_type.kind in ("admin2", "area"):
        return 2
    return 2 if kind == "admin2" else 1


def _mention(item: _Item, gaz: Gazetteer, style: str) -> PlaceMention | None:
    if item.best is None:
        return None
    if not item.span.label and not item.span.demonym and item.best_score < MIN_SCORE:
        log.debug("dropped %r: best score %.2f", item.span.text, item.best_score)
        return None
    place = _point(item.best.place, gaz, style)
    lat, lon = place.latitude, place.longitude
    rel = item.relation
    if rel is not None and rel.distance_km and rel.bearing is not None:
        lat, lon = offset_point(lat, lon, rel.bearing, rel.distance_km)
    conf = confidence(item.best_score, item.second_score, item.best.match)
    conf = round(conf * max(0.3, min(1.0, 0.5 + item.best_score / 3.0)), 3)
    if not item.span.label:
        conf = round(conf * 0.9, 3)
    return PlaceMention(
        start=item.span.start,
        end=item.span.end,
        text=item.span.text,
        place=place,
        relation=rel.relation if rel else "in",
        distance_km=rel.distance_km if rel else None,
        latitude=lat,
        longitude=lon,
        geo_precision=_precision(place, item.place_type, rel),
        confidence=conf,
    )


def _unknown_places(
    text: str, items: list[_Item], mentions: list[PlaceMention], gaz: Gazetteer, style: str
) -> list[PlaceMention]:
    """'Arab Koy village south of Daquq' with Arab Koy in no gazetteer: code it at the
    anchor place (Daquq) with precision 2, as the coding guidelines do."""
    out = []
    by_start = {m.start: m for m in mentions}
    taken = SpanSet((m.start, m.end) for m in mentions)
    for item in items:
        mention = by_start.get(item.span.start)
        rel = item.relation
        if mention is None or rel is None or mention.place is None:
            continue
        head = text[max(0, rel.start - 60) : rel.start]
        m = re.search(
            rf"((?:the\s+)?(?:{'|'.join(_TYPE_WORDS_FOR_UNKNOWN)})\s+of\s+)?"
            r"(?P<name>(?:(?:al|el)-)?[A-Z][\w’'\-]*(?:\s+(?:(?:al|el|ad|ez)-)?[A-Z][\w’'\-]*){0,3})"
            rf"(?:\s+(?P<type>{'|'.join(_TYPE_WORDS_FOR_UNKNOWN)}))?\s*,?\s*"
            r"(?:(?:just|some|about|roughly|approximately|nearly|around)\s+)?$",
            head,
        )
        if not m or not (m.group("type") or m.group(1)):
            continue
        start = max(0, rel.start - 60) + m.start("name")
        end = max(0, rel.start - 60) + m.end("name")
        if taken.overlaps(start, end):
            continue
        anchor = mention.place
        lat, lon = mention.latitude, mention.longitude
        out.append(
            PlaceMention(
                start=start,
                end=end,
                text=text[start:end],
                place=anchor,
                relation=rel.relation,
                distance_km=rel.distance_km,
                latitude=lat,
                longitude=lon,
                geo_precision=2 if kind_of(anchor) not in ("country", "admin1") else 3,
                confidence=round(mention.confidence * 0.6, 3),
            )
        )
        taken.add(start, end)
    return out


__all__ = ["geoparse", "holds"]
