"""A short report written for these tests and the replies a model could give to it."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from flashpoint.models import Document

PUBLISHED = date(2021, 2, 10)  # a Wednesday: "on Monday" is 8 February

REPORT = (
    "BAGHDAD, Iraq -\n\n"
    "On Monday, Daesh fighters attacked an army checkpoint near Tikrit, killing three "
    "soldiers and wounding two others, a security source said.\n\n"
    "Separately, a roadside bomb exploded in Mosul on Feb. 3, killing a civilian.\n"
)

CLASH = {
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "evidence": "On Monday, Daesh fighters attacked an army checkpoint near Tikrit, killing "
    "three soldiers and wounding two others",
    "trigger": "attacked",
    "actor1": {"name": "Islamic State", "kind": "rebel", "quote": "Daesh fighters"},
    "actor2": {"name": "Military Forces of Iraq", "kind": "state", "quote": "soldiers"},
    "fatalities": 3,
    "fatalities_quote": "killing three soldiers",
    "injuries": 2,
    "injuries_quote": "wounding two others",
    "date_text": "On Monday",
    "date": "2021-02-08",
    "time_precision": 1,
    "place_text": "near Tikrit",
}

BOMB = {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Remote explosive/landmine/IED",
    # A copy whose white space differs from the text is still found.
    "evidence": "a roadside bomb exploded in Mosul on Feb. 3,  killing a civilian.",
    "trigger": "roadside bomb",
    "actor1": None,
    "actor2": {"name": "Civilians", "kind": "civilians", "quote": "a civilian"},
    "fatalities": 1,
    "fatalities_quote": "killing a civilian",
    "injuries": None,
    "injuries_quote": None,
    "date_text": "on Feb. 3",
    "date": "2021-02-03",
    "time_precision": 1,
    "place_text": "in Mosul",
}

# Not in the report: a model's invention must not become an event.
INVENTED = {
    "sub_event_type": "Attack",
    "evidence": "Gunmen stormed a police station in Kirkuk and killed two guards.",
    "actor1": {"name": "Unidentified Armed Group", "kind": "political_militia", "quote": "Gunmen"},
    "fatalities": 2,
}


def reply(*events: dict[str, Any]) -> dict[str, Any]:
    return {"events": [copy.deepcopy(e) for e in events]}


def document(text: str = REPORT, **kw: Any) -> Document:
    kw.setdefault("published", PUBLISHED)
    kw.setdefault("country_hint", "Iraq")
    return Document(text, **kw)
