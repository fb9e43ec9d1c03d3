"""Regression suite of the decision rules: sentences written for this suite, several for
each of ACLED's 25 sub-event types (`sub_events.jsonl`), each coded as one event with
the expected event type, sub-event type and, where given, actors and counts."""

import json
from pathlib import Path

import pytest

import flashpoint
from flashpoint.resources import read_toml

pytestmark = pytest.mark.slow

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "sub_events.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def test_the_suite_covers_every_sub_event_type():
    taxonomy = {
        (t["name"], s["name"]) for t in read_toml("taxonomy.toml")["type"] for s in t["sub"]
    }
    covered = {(c["event_type"], c["sub_event_type"]) for c in CASES}
    assert covered == taxonomy
    per_type = {key: sum(1 for c in CASES if (c["event_type"], c["sub_event_type"]) == key)
                for key in taxonomy}  # fmt: skip
    assert min(per_type.values()) >= 3


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_sentence_is_coded_as_its_sub_event_type(case):
    events = flashpoint.extract(
        case["text"], published=case["published"], country_hint=case["country"]
    )
    coded = [(e.event_type, e.sub_event_type) for e in events]
    assert coded == [(case["event_type"], case["sub_event_type"])]
    (ev,) = events
    for field in ("actor1", "actor2", "fatalities", "injuries"):
        if field in case:
            assert getattr(ev, field) == case[field], field
