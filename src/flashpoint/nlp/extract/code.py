"""Final coding: draft events to ACLED records with evidence in original offsets.

Derived fields follow ACLED: `disorder_type` from the sub-event type, `inter1`/`inter2`
from the actor categories, `interaction` as the two-digit pair (lower code first),
`civilian_targeting` when civilians are the target, `iso` and `region` from the country.
"""

from __future__ import annotations

import time
from collections import Counter
from functools import lru_cache

from flashpoint.models import Document, Event, Evidence, PlaceMention
from flashpoint.nlp.annotate import doc_text, span_text
from flashpoint.nlp.clean import CleanText
from flashpoint.nlp.extract.actors import (
    canonical_kinds,
    fill_country,
    inter_code,
    interaction_code,
    regional_name,
)
from flashpoint.nlp.extract.fill import DEFAULT_NAMES, Draft
from flashpoint.resources import read_toml


@lru_cache(maxsize=1)
def disorder_types() -> dict[str, str]:
    out = {}
    for etype in read_toml("taxonomy.toml")["type"]:
        for sub in etype["sub"]:
            out[sub["name"]] = sub["disorder"]
    return out


def _country_of_document(mentions: list[PlaceMention], hint: str | None) -> str | None:
    if hint:
        return hint
    names = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    return names.most_common(1)[0][0] if names else None


def _evidence(doc_id: str, cleaned: CleanText, start: int, end: int) -> Evidence:
    o_start, o_end = cleaned.span_to_original(start, end)
    return Evidence(doc_id, o_start, o_end, cleaned.original[o_start:o_end])


def _actor_name(mention, kind: str | None, country: str | None) -> str:
    if mention is not None:
        return mention.name(country)
    if kind is None or kind not in DEFAULT_NAMES:
        return ""
    return fill_country(DEFAULT_NAMES[kind], country)


def _geo_precision(pm: PlaceMention | None, borrowed: bool) -> int | None:
    if pm is None or pm.place is None:
        return None
    prec = pm.geo_precision or 1
    level = pm.place.level
    if level in ("country", "region"):
        prec = 3
    elif level == "admin1":
        prec = max(prec, 3)
    elif level == "admin2":
        prec = max(prec, 2)
    if borrowed:
        prec = max(prec, 2) if level == "place" else prec
    return prec


def _confidence(d: Draft) -> float:
    score = 0.4
    if d.time is not None and d.time.date is not None:
        score += 0.15
    if d.place is not None and not d.place_borrowed:
        score += 0.15
    if d.initiator is not None:
        score += 0.1
    if d.fatalities is not None or d.injuries is not None:
        score += 0.1
    if len(d.frame.cues) > 1:
        score += 0.1
    return round(min(score, 1.0), 2)


def code_events(
    document: Document, cleaned: CleanText, drafts: list[Draft], mentions: list[PlaceMention]
) -> list[Event]:
    """ACLED-coded `Event`s for the merged drafts of one document."""
    from flashpoint.geo import country_info

    doc_country = _country_of_document(mentions, document.country_hint)
    stamp = int(time.time())
    events: list[Event] = []
    for n, d in enumerate(drafts, 1):
        pm = d.place
        place = pm.place if pm is not None else None
        country = (place.country if place is not None and place.country else None) or doc_country
        info = country_info(country) if country else None
        if info is not None:
            country = info.name
        admin1 = place.admin1 if place is not None else ""
        family = d.frame.family
        name1 = _actor_name(d.initiator, d.initiator_kind, country)
        name2 = _actor_name(d.target, d.target_kind, country)
        # A force whose nation the text gives ("Iraqi jets") keeps its national name.
        national1 = d.initiator is not None and bool(d.initiator.country)
        national2 = d.target is not None and bool(d.target.country)
        actor1 = regional_name(name1, country, admin1, family, national1)
        actor2 = regional_name(name2, country, admin1, family, national2)
        if actor1 != name1:
            d.initiator_kind = canonical_kinds().get(actor1, d.initiator_kind)
        if actor2 != name2:
            d.target_kind = canonical_kinds().get(actor2, d.target_kind)
        if actor2 == actor1:
            actor2 = ""
        if d.frame.event_type == "Violence against civilians" and not actor2:
            actor2, d.target_kind = fill_country(DEFAULT_NAMES["civilians"], country), "civilians"
        inter1 = inter_code(d.initiator_kind) if actor1 else None
        inter2 = inter_code(d.target_kind) if actor2 else None
        sub = d.frame.sub_event_type
        fatalities = int(d.fatalities.value) if d.fatalities is not None else 0
        injuries = int(d.injuries.value) if d.injuries is not None else 0
        if sub in ("Arrests", "Peaceful protest", "Agreement", "Headquarters or base established"):
            fatalities = 0
        lat = (
            pm.latitude
            if pm is not None and pm.latitude is not None
            else (place.latitude if place is not None else None)
        )
        lon = (
            pm.longitude
            if pm is not None and pm.longitude is not None
            else (place.longitude if place is not None else None)
        )
        location = place.name if place is not None else ""
        geo_precision = _geo_precision(pm, d.place_borrowed)
        if place is None and info is not None and info.latitude is not None:
            # Only the country is known: coded at its capital (as ACLED codes a region by
            # its main town), at precision 3; the middle point if the capital is unknown.
            lat, lon = _capital_point(info)
            location, geo_precision = info.name, 3
        ev = Event(
            event_type=d.frame.event_type,
            sub_event_type=sub,
            disorder_type=disorder_types().get(sub, ""),
            event_id_cnty=f"{(info.iso3 if info else 'XXX')}-{document.id[:12]}-{n}",
            event_date=d.date.isoformat() if d.date else None,
            year=d.date.year if d.date else None,
            time_precision=d.precision if d.date else None,
            actor1=actor1,
            inter1=inter1,
            actor2=actor2,
            inter2=inter2,
            interaction=interaction_code(inter1, inter2),
            civilian_targeting="Civilian targeting" if inter2 == 7 else "",
            iso=info.iso_numeric if info else None,
            region=info.region if info else "",
            country=country or "",
            admin1=place.admin1 if place is not None else "",
            admin2=place.admin2 if place is not None else "",
            location=location,
            latitude=round(lat, 5) if lat is not None else None,
            longitude=round(lon, 5) if lon is not None else None,
            geo_precision=geo_precision,
            source=document.source or "",
            notes=_notes(d),
            fatalities=fatalities,
            timestamp=stamp,
            document_id=document.id,
            injuries=injuries,
            fatalities_low=fatalities,
            fatalities_best=fatalities,
            fatalities_high=fatalities,
            confidence=_confidence(d),
        )
        ev.evidence = _evidence_map(document.id, cleaned, d)
        events.append(ev)
    return events


@lru_cache(maxsize=256)
def _capital_point(info) -> tuple[float | None, float | None]:
    """Coordinates of a country's capital from the gazetteer (its middle point when the
    gazetteer does not know the capital)."""
    if info.capital:
        try:
            from flashpoint.geo import get_gazetteer

            for place in get_gazetteer().lookup(info.capital, info.iso2):
                if place.level == "place":
                    return place.latitude, place.longitude
        except Exception:  # an unreadable gazetteer: fall back to the middle point
            pass
    return info.latitude, info.longitude


def _notes(d: Draft) -> str:
    text = " ".join(span_text(d.sent).split())
    return text[:500]


def _evidence_map(doc_id: str, cleaned: CleanText, d: Draft) -> dict[str, Evidence]:
    sent = d.sent
    ev: dict[str, Evidence] = {}
    s_start = sent.start_char
    s_end = sent.end_char
    while s_end > s_start and doc_text(sent.doc)[s_end - 1].isspace():
        s_end -= 1
    ev["event"] = _evidence(doc_id, cleaned, s_start, s_end)
    trig = d.frame.trigger
    doc = sent.doc
    t0 = doc[trig.start].idx
    t1 = doc[trig.end - 1].idx + len(doc[trig.end - 1].text)
    ev["sub_event_type"] = _evidence(doc_id, cleaned, t0, t1)
    ev["event_type"] = ev["sub_event_type"]
    for field, mention in (("actor1", d.initiator), ("actor2", d.target)):
        if mention is not None:
            a0 = doc[mention.start].idx
            last = doc[mention.end - 1]
            ev[field] = _evidence(doc_id, cleaned, a0, last.idx + len(last.text))
    for field, arg in (("fatalities", d.fatalities), ("injuries", d.injuries)):
        if arg is not None and arg.start is not None and arg.end is not None:
            ev[field] = _evidence(doc_id, cleaned, arg.start, arg.end)
    if d.time is not None:
        ev["event_date"] = _evidence(doc_id, cleaned, d.time.start, d.time.end)
    if d.place is not None:
        ev["location"] = _evidence(doc_id, cleaned, d.place.start, d.place.end)
    for i, (a, b) in enumerate(d.evidence_extra, 1):
        ev[f"event_{i + 1}"] = _evidence(doc_id, cleaned, a, b)
    return ev
