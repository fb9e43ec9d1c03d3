"""The real pipeline into the corpus: the seed article and another outlet's account."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.models import Document

SEED = (Path(__file__).parent / "data" / "kirkuknow-64895.txt").read_text(encoding="utf-8")
# Another outlet's account of the seed's Feb. 11 attack, with a higher death toll.
OTHER = (
    "Three policemen were killed and two others wounded on Thursday when Islamic State "
    "militants attacked a police checkpoint in Arab Koy village south of Daquq in Kirkuk "
    "province, a security source said.\n"
    "The attackers withdrew towards the Hamrin mountains before reinforcements arrived, "
    "the source added."
)


@pytest.mark.slow
def test_two_outlets_one_attack_low_2_high_3(dataset):
    docs = [
        Document(text=SEED, published="2021-02-17", source="KirkukNow"),
        Document(text=OTHER, published="2021-02-12", source="Shafaq News"),
    ]
    summary = dataset.ingest(docs)
    assert summary.stored == 2 and summary.events_merged >= 1
    # One event on Feb. 11 carries both outlets: the attack on the Arab Koy police point.
    (attack,) = [
        e
        for e in dataset.events(start="2021-02-10", end="2021-02-12")
        if len(dataset.sources(e.event_id_cnty)) == 2
    ]
    assert attack.actor2 == "Police Forces of Iraq"
    assert (attack.fatalities, attack.fatalities_low, attack.fatalities_high) == (2, 2, 3)
    assert attack.source == "KirkukNow; Shafaq News"
    assert attack.admin1 == "Kirkuk"
    sources = {d.source for d, role in dataset.sources(attack.event_id_cnty)}
    assert sources == {"KirkukNow", "Shafaq News"}
    # Each outlet's own figure stays traceable to its own words.
    spans = [s for s in dataset.evidence(attack.event_id_cnty) if s["field"] == "fatalities"]
    texts = {d.id: d.text for d in docs}
    assert sorted(texts[s["document_id"]][s["start"] : s["end"]] for s in spans) == [
        "Three policemen",
        "two policemen",
    ]
    before = dataset.stats()
    again = dataset.ingest(docs)
    assert again.already == 2 and again.stored == 0
    assert {k: v for k, v in dataset.stats().items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }
