"""A small hand-built event store for the web tests.

Events are coded by hand from the bundled KirkukNow sample article (with evidence spans
found in its text), plus a synthetic surge series in one district and one article that
carries script-injection payloads in its text, title, actors and notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from flashpoint.models import Document, Event, Evidence
from flashpoint.store import Store

SAMPLE = resources.files("flashpoint") / "data" / "sample" / "kirkuknow-64895.txt"

PAYLOAD_SCRIPT = "<script>window.__pwned = 'script'</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__pwned='img'\">"
INJECTION_TEXT = (
    f"Gunmen {PAYLOAD_SCRIPT} attacked a checkpoint in Tikrit on Tuesday, killing three "
    f"soldiers {PAYLOAD_IMG}, officials said.\nThe attack was claimed by nobody."
)


def span(doc: Document, words: str, field_start: int = 0) -> Evidence:
    """Evidence for `words` as they occur in the document (first time after field_start)."""
    start = doc.text.index(words, field_start)
    return Evidence(doc.id, start, start + len(words), words)


@dataclass
class Seeded:
    path: Path
    sample_doc: str
    sample_events: list[str]
    injection_doc: str
    injection_event: str
    surge_events: list[str] = field(default_factory=list)


def _event(**kw) -> Event:
    base = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "disorder_type": "Political violence",
        "country": "Iraq",
        "iso": 368,
        "region": "Middle East",
        "time_precision": 1,
        "geo_precision": 1,
        "source_scale": "Subnational",
    }
    base.update(kw)
    ev = Event(**base)
    ev.year = int(ev.event_date[:4]) if ev.event_date else None
    return ev


def build(path: Path) -> Seeded:
    """Write the store to `path` and say what is in it."""
    store = Store(path)
    sample = Document(
        text=SAMPLE.read_text(encoding="utf-8"),
        published=date(2021, 2, 17),
        source="KirkukNow",
        title="Minister criticizes Kirkuk security officials",
        url="https://example.org/kirkuknow-64895",
    )
    blast = _event(
        event_id_cnty="IRQ-T1",
        event_date="2021-02-15",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Islamic State (Iraq)",
        actor2="Military Forces of Iraq (2020-)",
        admin1="Kirkuk",
        admin2="Daquq",
        location="Daquq",
        latitude=34.9,
        longitude=44.4,
        fatalities=1,
        notes="An Iraqi soldier was killed by a bomb blast southwest of Daquq.",
        source="KirkukNow",
    )
    blast.evidence = {
        "event_type": span(sample, "bomb blast"),
        "fatalities": span(sample, "an Iraqi soldier was killed"),
        "location": span(sample, "southwest of Daquq"),
    }
    assault = _event(
        event_id_cnty="IRQ-T2",
        event_date="2021-02-11",
        sub_event_type="Armed clash",
        actor1="Islamic State (Iraq)",
        actor2="Police Forces of Iraq (2020-)",
        admin1="Kirkuk",
        admin2="Daquq",
        location="Arab Koy",
        latitude=34.85,
        longitude=44.35,
        fatalities=2,
        injuries=2,
        notes="IS fighters assaulted a police point in Arab Koy village; two policemen killed.",
        source="KirkukNow",
    )
    assault.evidence = {
        "event_type": span(sample, "assaulted"),
        "actor1": span(sample, "IS fighters"),
        "actor2": span(sample, "local police point"),
        "fatalities": span(sample, "two policemen were killed"),
        "location": span(sample, "Arab Koy village"),
        "event_date": span(sample, "Feb. 11"),
    }
    stored = store.add_document(sample, [blast, assault])

    bad = Document(
        text=INJECTION_TEXT,
        published=date(2021, 3, 2),
        source=f"Evil {PAYLOAD_IMG} Times",
        title=f"Checkpoint attack {PAYLOAD_SCRIPT}",
    )
    attack = _event(
        event_id_cnty="IRQ-T3",
        event_date="2021-03-02",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=f"Unidentified Armed Group {PAYLOAD_SCRIPT}",
        actor2="Military Forces of Iraq (2020-)",
        admin1="Salah al-Din",
        admin2="Tikrit",
        location=f"Tikrit {PAYLOAD_IMG}",
        latitude=34.6,
        longitude=43.68,
        fatalities=3,
        notes=f"Gunmen attacked a checkpoint. {PAYLOAD_IMG}",
        source=f"Evil {PAYLOAD_IMG} Times",
    )
    attack.evidence = {
        "actor1": span(bad, f"Gunmen {PAYLOAD_SCRIPT}"),
        "fatalities": span(bad, f"killing three soldiers {PAYLOAD_IMG}"),
    }
    stored_bad = store.add_document(bad, [attack])

    # A district with one event every other week, then a burst: a surge to alert on.
    surge_ids = []
    monday = date(2020, 11, 2)
    for week in range(14):
        n = 6 if week == 13 else (1 if week % 2 == 0 else 0)
        for k in range(n):
            day = monday + timedelta(weeks=week, days=k % 5)
            doc = Document(
                text=f"Report {week}-{k}: a roadside bomb hit a patrol near Hawija on {day}.",
                published=day,
                source="Synthetic Wire",
            )
            ev = _event(
                event_id_cnty=f"IRQ-S{week:02d}{k}",
                event_date=day.isoformat(),
                event_type="Explosions/Remote violence",
                sub_event_type="Remote explosive/landmine/IED",
                actor1="Islamic State (Iraq)",
                admin1="Kirkuk",
                admin2="Hawija",
                location=f"Hawija outskirts {week}-{k}",
                latitude=35.0 + 0.15 * k,
                longitude=43.5 + 0.15 * (week % 3),
                fatalities=k % 2,
                source="Synthetic Wire",
            )
            ev.evidence = {"event_type": span(doc, "roadside bomb")}
            surge_ids += store.add_document(doc, [ev]).new_events
    store.close()
    return Seeded(
        path=path,
        sample_doc=sample.id,
        sample_events=stored.new_events + stored.merged_events,
        injection_doc=bad.id,
        injection_event=(stored_bad.new_events + stored_bad.merged_events)[0],
        surge_events=surge_ids,
    )
