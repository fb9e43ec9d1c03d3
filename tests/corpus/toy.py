"""A small rule-based extractor for corpus tests (the store does not care who extracts).

It reads sentences shaped like "N policemen were killed in PLACE on YYYY-MM-DD by
ACTOR" and codes one event each, with evidence spans, so tests of storage, dedup and
crash safety run in milliseconds without the language model. Set TOY_DELAY (seconds)
to slow it down, so a test can kill an ingest mid-run.
"""

from __future__ import annotations

import os
import re
import time

from flashpoint.models import Document, Event, Evidence

PLACES = {
    "arab koy": ("Arab Koy", "Daquq", "Kirkuk", 35.0669, 44.3880),
    "daquq": ("Daquq", "Daquq", "Kirkuk", 35.1392, 44.4491),
    "tuz khurmatu": ("Tuz Khurmatu", "Tuz Khurmatu", "Salah al-Din", 34.8856, 44.6325),
    "mosul": ("Mosul", "Mosul", "Nineveh", 36.3350, 43.1189),
    "basra": ("Basra", "Basra", "Basra", 30.5085, 47.7804),
}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
KIND = {
    "policemen": "Police Forces of Iraq",
    "soldiers": "Military Forces of Iraq",
    "civilians": "Civilians",
    "protesters": "Protesters",
}

PATTERN = re.compile(
    r"(?P<n>\d+|one|two|three|four|five|six) (?P<victims>policemen|soldiers|civilians) "
    r"(?:were|was) killed in (?P<place>[A-Z][\w ]+?) on (?P<date>\d{4}-\d{2}-\d{2})"
    r"(?: by (?P<actor>[A-Z][\w ]+?))?[.,]",
    re.IGNORECASE,
)


def extract(doc: Document) -> list[Event]:
    delay = float(os.environ.get("TOY_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)
    if "RAISE" in doc.text:
        raise RuntimeError("toy extractor refuses this text")
    out = []
    for m in PATTERN.finditer(doc.text):
        place = PLACES.get(m["place"].strip().lower())
        if place is None:
            continue
        name, admin2, admin1, lat, lon = place
        n = m["n"].lower()
        killed = int(n) if n.isdigit() else NUMBERS[n]
        target = KIND[m["victims"]]
        actor = (m["actor"] or "Unidentified Armed Group").strip()
        etype, sub = ("Battles", "Armed clash")
        if target == "Civilians":
            etype, sub = ("Violence against civilians", "Attack")

        def span(group: str, m=m) -> Evidence:
            return Evidence(doc.id, m.start(group), m.end(group), m[group])

        evidence = {
            "fatalities": span("n"),
            "location": span("place"),
            "event_date": span("date"),
            "event_type": Evidence(doc.id, m.start(), m.end(), m[0]),
        }
        if m["actor"]:
            evidence["actor1"] = span("actor")
        out.append(
            Event(
                event_type=etype,
                sub_event_type=sub,
                disorder_type="Political violence",
                event_date=m["date"],
                year=int(m["date"][:4]),
                time_precision=1,
                actor1=actor,
                actor2=target,
                country="Iraq",
                admin1=admin1,
                admin2=admin2,
                location=name,
                latitude=lat,
                longitude=lon,
                geo_precision=1,
                fatalities=killed,
                notes=m[0],
                confidence=0.8,
                evidence=evidence,
            )
        )
    return out
