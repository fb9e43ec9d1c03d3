"""Texts for the throughput benchmarks, read or made at run time (never stored).

- `guardian()`: the 249 Guardian Iraq/Syria articles of ../shared/bench (real conflict
  news, unlabelled);
- `dev_gold()`: the hand-coded dev documents of ../shared/gold with their number of
  required gold events;
- `non_conflict(n)`: synthetic news about sports, markets, weather, technology,
  culture, health and science, generated from templates. It is made hard for a
  keyword filter on purpose: sports reports attack, shoot, strike, battle, beat and
  injure; markets rally, crash and fight price wars; storms hit towns. Article lengths
  follow the Guardian articles' lengths, so a 1:9 mix is 1:9 in words too.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from flashpoint.ingest.readers import document_from_record
from flashpoint.models import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GUARDIAN = SHARED / "bench" / "guardian-iraq-syria" / "articles.jsonl"
DEV_GOLD = SHARED / "gold" / "dev.jsonl"


def guardian(limit: int | None = None) -> list[Document]:
    out = []
    with GUARDIAN.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(
                Document(text=rec["text"], id=rec["id"], published=None, source=rec["source"])
            )
    return out[:limit] if limit else out


def dev_gold() -> list[tuple[Document, int]]:
    """(document, number of required gold events) for each dev gold record."""
    out = []
    with DEV_GOLD.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            doc = document_from_record(rec, rec["id"])
            required = [e for e in rec.get("events", []) if not e.get("optional")]
            if doc is not None:
                out.append((doc, len(required)))
    return out


def words(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z0-9])")


def paragraphs(docs: list[Document], sentences: int = 3) -> list[str]:
    """Paragraph-sized pieces of the documents: their lines, or runs of `sentences`
    sentences for texts without line breaks (the Guardian articles have none)."""
    out = []
    for d in docs:
        lines = [p.strip() for p in d.text.replace("\r", "").split("\n") if p.strip()]
        for line in lines:
            sents = _SENTENCE_END.split(line)
            for i in range(0, len(sents), sentences):
                piece = " ".join(sents[i : i + sentences]).strip()
                if len(piece.split()) >= 8:
                    out.append(piece)
    return out


# -- synthetic non-conflict news ---------------------------------------------------------
_TEAMS = [
    "Arsenal", "Leeds United", "Celtic", "Real Betis", "Ajax", "Benfica", "Napoli",
    "Boca Juniors", "the Lakers", "the Giants", "Leinster", "the Blue Jays", "Porto",
    "Sevilla", "Everton", "the Warriors", "Munster", "Galatasaray", "Bayern", "Lyon",
]  # fmt: skip
_PEOPLE = [
    "Maria Lopez", "James Carter", "Aiko Tanaka", "Samuel Osei", "Elena Petrova",
    "Tom Reilly", "Priya Nair", "Lucas Moreau", "Hannah Weiss", "Diego Fernandes",
    "Grace Mwangi", "Oliver Brandt", "Sofia Rossi", "Daniel Kim", "Amara Okafor",
]  # fmt: skip
_CITIES = [
    "Manchester", "Lisbon", "Osaka", "Denver", "Melbourne", "Toronto", "Munich", "Lyon",
    "Seattle", "Glasgow", "Naples", "Cape Town", "Auckland", "Dublin", "Rotterdam",
]  # fmt: skip
_FIRMS = [
    "Northwind Capital", "Helios Energy", "Blue Harbor Foods", "Vantor Motors",
    "Quanta Semiconductors", "Larkspur Retail", "Orion Airlines", "Kestrel Pharma",
    "Meridian Telecom", "Atlas Mining", "Silverline Bank", "Cobalt Software",
]  # fmt: skip
_THINGS = [
    "a folding phone", "a battery plant", "an electric bus", "a streaming service",
    "a chip factory", "a new vaccine", "a solar farm", "a quantum computer",
    "a budget airline", "a music festival", "a museum wing", "a rail link",
]  # fmt: skip

_SENTENCES = {
    "sports": [
        "{team} beat {team2} {n}-{m} on {day} night in front of a sell-out crowd in {city}.",
        "{person} struck a stunning shot from twenty yards to put {team} ahead before half-time.",
        "The visitors launched attack after attack in the second half but could not break "
        "through a stubborn defence.",
        "{team2} fought back with two late goals, and the battle for the title goes on.",
        "{person} was injured in the first half and limped off with a hamstring injury.",
        "The coach said his side had been beaten by a better team and would regroup.",
        "A late strike from {person} sealed the win and sent the home fans into raptures.",
        "It was a bruising clash, with {n} yellow cards and a red in the closing minutes.",
        "The {team} captain said the squad would fight for every point until May.",
        "{person} shot 58% from the field and scored {n}{m} points as {team} won again.",
        "The injury list is growing: three starters are out for at least a month.",
        "{team} are on a run of {n} straight wins and sit top of the table.",
        "The derby in {city} is expected to draw a record crowd on {day}.",
        "Fans queued for hours for tickets to the final, which sold out in minutes.",
        "{person}, 23, has signed a four-year contract after a breakout season.",
    ],
    "markets": [
        "Shares in {firm} rallied {n}.{m}% on {day} after profits beat forecasts.",
        "{firm} said it would cut {n}00 jobs as it fights a price war with rivals.",
        "Markets crashed at the open before recovering most of their losses by noon.",
        "The central bank held interest rates at {n}.{m}% and signalled caution on inflation.",
        "Analysts said the takeover battle for {firm} could run into the summer.",
        "Oil prices fell for a third day as traders weighed weaker demand from {city}.",
        "{firm} reported revenue of ${n}.{m}bn for the quarter, up from a year ago.",
        "The pound struck a two-month high against the dollar on {day}.",
        "Investors fled to bonds as a selloff hit technology stocks in {city}.",
        "{person}, chief executive of {firm}, said the company was well placed for growth.",
        "The trade dispute has hit exporters, who face tariffs of up to {n}0%.",
        "Bitcoin rose above a key level, extending a rally that began in March.",
        "House prices in {city} climbed {n}% over the year, the fastest pace since 2021.",
        "{firm} shares have lost a third of their value since the profit warning.",
    ],
    "weather": [
        "A storm is expected to hit the coast near {city} on {day} with winds of {n}0mph.",
        "Forecasters warned of heavy rain and flooding across the region this weekend.",
        "Temperatures could reach {n}{m}C in {city}, with a heat warning in force.",
        "Snow closed several roads and schools in the hills north of {city}.",
        "The storm brought down trees and power lines, leaving {n},000 homes without power.",
        "Drivers were told to avoid the motorway after a blast of freezing fog.",
        "It was the wettest {day} on record for the area, the weather service said.",
        "Gardeners are being asked to save water as reservoirs fall below {n}0%.",
        "A band of thunderstorms will move east overnight, clearing by the morning.",
        "Ferries between the islands were cancelled as waves reached six metres.",
    ],
    "technology": [
        "{firm} unveiled {thing} at an event in {city} on {day}.",
        "The company said its new chip was {n}0% faster and used less power.",
        "{person}, who leads the project, said the launch had been years in the making.",
        "Critics said the update was a battle for users' attention rather than a fix.",
        "The rocket carrying the satellite lifted off from the coast just after dawn.",
        "Regulators in {city} opened an inquiry into the firm's data practices.",
        "A drone delivery trial will begin in {city} next month, the company said.",
        "The app has been downloaded {n} million times since its launch in spring.",
        "Engineers fired up the new reactor for the first time on {day}.",
        "The start-up raised ${n}{m}m from investors to build {thing}.",
    ],
    "culture": [
        "{person}'s new film opened in {city} to glowing reviews on {day}.",
        "The festival will feature {n}0 bands over three days in the park.",
        "The novel, her third, is a sharp and funny portrait of a family in {city}.",
        "Tickets for the tour went on sale on {day} and sold out within an hour.",
        "The gallery's new wing doubles the space for its modern collection.",
        "Critics called the production a triumph, with a storming final act.",
        "{person} won the prize for best actor for a role as a grieving father.",
        "The orchestra will march through the old town before the opening concert.",
        "The museum is showing {n}00 objects, many never displayed before.",
        "The album is a battle between old habits and new ideas, and the ideas win.",
    ],
    "health": [
        "Doctors in {city} are trialling a new treatment for heart disease.",
        "The study followed {n},000 adults for ten years and found that walking helps.",
        "Hospital waiting lists fell for the {n}th month in a row, officials said.",
        "{person}, a nurse, said staff were stretched but morale was improving.",
        "The health service will offer {thing} to patients from next year.",
        "Researchers said the findings were encouraging but needed to be confirmed.",
        "Flu cases have risen sharply, and people are urged to get vaccinated.",
        "A new clinic opened in {city} on {day}, with space for {n}0 patients a day.",
    ],
    "science": [
        "Astronomers spotted a comet that will be visible from {city} next week.",
        "The team found fossils of a small dinosaur in rocks {n}0 million years old.",
        "{person} and colleagues built {thing} that works at room temperature.",
        "The probe will fly past the moon on {day} before heading for Jupiter.",
        "Scientists said the coral reef had recovered faster than expected.",
        "The experiment fired lasers at a tiny gold capsule to test fusion.",
        "Bees can learn to count to four, the study suggests.",
        "A new map of the sea floor shows mountains higher than the Alps.",
    ],
}
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentence(rng: random.Random, topic: str) -> str:
    template = rng.choice(_SENTENCES[topic])
    team, team2 = rng.sample(_TEAMS, 2)
    return template.format(
        team=team,
        team2=team2,
        person=rng.choice(_PEOPLE),
        city=rng.choice(_CITIES),
        firm=rng.choice(_FIRMS),
        thing=rng.choice(_THINGS),
        day=rng.choice(_DAYS),
        n=rng.randint(2, 9),
        m=rng.randint(0, 9),
    )


def non_conflict(n: int, seed: int = 7, lengths: list[int] | None = None) -> list[Document]:
    """`n` synthetic non-conflict articles; lengths drawn from `lengths` (words)."""
    rng = random.Random(seed)
    lengths = lengths or [len(d.text.split()) for d in guardian()]
    topics = sorted(_SENTENCES)
    out = []
    for i in range(n):
        topic = topics[i % len(topics)]
        target = rng.choice(lengths)
        paras, count, used = [], 0, set()
        tries = 0
        while count < target and tries < 20 * target:
            sents = []
            for _ in range(rng.randint(2, 4)):
                tries += 1
                sent = _sentence(rng, topic)
                if sent not in used:  # news does not repeat itself sentence for sentence
                    used.add(sent)
                    sents.append(sent)
            if sents:
                para = " ".join(sents)
                paras.append(para)
                count += len(para.split())
        out.append(Document(text="\n\n".join(paras), id=f"noise-{topic}-{i}", source="synthetic"))
    return out


def short_non_conflict(n: int, seed: int = 11) -> list[str]:
    """`n` synthetic one-paragraph non-conflict texts (2-4 sentences)."""
    rng = random.Random(seed)
    topics = sorted(_SENTENCES)
    return [
        " ".join(_sentence(rng, topics[i % len(topics)]) for _ in range(rng.randint(2, 4)))
        for i in range(n)
    ]


def real_news() -> list[Document]:
    """The GeoWebNews and TR-News articles (real news on every topic, some of it
    about conflict) from ../shared/bench/geoparsing."""
    import xml.etree.ElementTree as ET

    out = []
    for name in ("GWN.xml", "TR-News.xml"):
        path = SHARED / "bench" / "geoparsing" / name
        for i, art in enumerate(ET.parse(path).getroot().iter("article")):
            text = (art.findtext("text") or "").strip()
            title = (art.findtext("title") or "").strip()
            if text:
                out.append(Document(text=f"{title}\n\n{text}", id=f"{name}-{i}", source=name))
    return out
