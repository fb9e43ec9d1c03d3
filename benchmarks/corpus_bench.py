"""Throughput of the corpus layer and accuracy of copy detection; prints the figures.

    .venv/bin/python benchmarks/corpus_bench.py [--pg postgresql://...] [--pipeline]

- store: documents/s of ingest with a trivial extractor (one event per document), so
  the figure is the cost of reading, copy detection, storing and event dedup alone,
  on SQLite and (with --pg) PostgreSQL; then the time of an idempotent second run;
- copies: syndicated copies made from the Guardian Iraq/Syria articles by light edits
  (byline added, a sentence dropped, a few words changed): share found, and originals
  wrongly called copies of one another;
- over-merging (--gtd): the GTD Iraq incidents, each coded as if one outlet had
  reported it (type, group, target, city, coordinates, killed from GTD's fields), run
  through the cross-report dedup: every merge there joins two distinct incidents, so
  the share of incidents merged is the rules' false-merge rate on a violent, dense
  region (Baghdad sees several attacks a day);
- pipeline (--pipeline): documents/s and events found ingesting the Guardian articles
  (`--pipeline-docs`, all 249 by default) with the real pipeline, on SQLite and (with
  --pg) PostgreSQL, with `--workers` local worker processes; the stored events of the
  two backends are compared.

The Guardian articles are read from ../shared/bench at run time, never copied.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import flashpoint
from flashpoint.models import Document, Event

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "guardian-iraq-syria"


def articles() -> list[Document]:
    out = []
    with (BENCH / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(
                Document(text=rec["text"], id=rec["id"], published=None, source=rec["source"])
            )
    return out


def trivial_extractor(doc: Document) -> list[Event]:
    """One event per document, its date and place drawn from the id (no NLP).

    About one document in five tells an incident another one told already, so the
    event dedup has real work: 60 districts x 365 days, seeded by the id.
    """
    rng = random.Random(zlib.crc32(doc.id.split("~")[0].encode()))
    day, district = rng.randrange(365), rng.randrange(60)
    month, dom = 1 + day // 31 % 12, 1 + day % 28
    return [
        Event(
            event_type="Battles",
            sub_event_type="Armed clash",
            event_date=f"2019-{month:02d}-{dom:02d}",
            actor1="Islamic State",
            actor2="Military Forces of Iraq",
            country="Iraq",
            admin1="Nineveh",
            admin2=f"District {district}",
            latitude=33.0 + district * 0.5,
            longitude=43.0,
            fatalities=rng.randrange(5),
        )
    ]


def lightly_edited(doc: Document, rng: random.Random) -> Document:
    sentences = doc.text.split(". ")
    if len(sentences) > 4:
        del sentences[rng.randrange(1, len(sentences) - 1)]
    words = ". ".join(sentences).split(" ")
    for _ in range(3):
        i = rng.randrange(len(words))
        words[i] = words[i].upper()
    text = "By a staff reporter (syndicated). " + " ".join(words) + " Reuters contributed."
    return Document(text=text, id=f"{doc.id}-copy", source="Syndicator")


def bench_store(db: str, docs: list[Document], label: str) -> None:
    ds = flashpoint.open(db)
    t = time.perf_counter()
    s = ds.ingest(docs, extractor=trivial_extractor)
    first = time.perf_counter() - t
    t = time.perf_counter()
    again = ds.ingest(docs, extractor=trivial_extractor)
    second = time.perf_counter() - t
    t = time.perf_counter()
    n = len(ds.events())
    query = time.perf_counter() - t
    t = time.perf_counter()
    report = ds.dedup()
    dedup = time.perf_counter() - t
    print(
        f"| {label} | {len(docs)} | {len(docs) / first:.1f} | {s.events_new} new / "
        f"{s.events_merged} merged | {second:.2f} s ({again.already} already) | "
        f"{query * 1000:.0f} ms ({n} events) | {dedup:.2f} s ({report.events_after}) |"
    )
    ds.close()


def bench_copies(docs: list[Document], tmp: Path) -> None:
    rng = random.Random(7)
    sample = rng.sample(docs, k=min(100, len(docs)))
    copies = [lightly_edited(d, rng) for d in sample]
    ds = flashpoint.open(tmp / "copies.db")
    t = time.perf_counter()
    s = ds.ingest(docs + copies, extractor=trivial_extractor)
    took = time.perf_counter() - t
    stored = {d.id: d for d in ds.documents()}
    found = sum(1 for c in copies if stored[c.id].meta.get("duplicate_of") == c.id[:-5])
    false = sum(1 for d in docs if stored[d.id].meta.get("duplicate_of"))
    print(
        f"copies found: {found}/{len(copies)} ({found / len(copies):.0%}); "
        f"originals called copies: {false}/{len(docs)}; "
        f"{s.read} documents in {took:.1f} s"
    )
    ds.close()


def bench_pipeline(docs: list[Document], db: str, label: str, workers: int) -> list[str]:
    from flashpoint.engine import LocalEngine

    with LocalEngine(workers=workers) as engine:
        engine.warm()  # model loading is not ingest throughput
        ds = flashpoint.open(db)
        t = time.perf_counter()
        s = ds.ingest(docs, engine=engine)
        took = time.perf_counter() - t
        events = sorted(
            json.dumps(
                {k: v for k, v in e.to_dict().items() if k not in ("timestamp", "event_id_cnty")},
                sort_keys=True,
                default=str,
            )
            for e in ds.events()
        )
        ds.close()
    print(
        f"pipeline ingest, {label}, {workers} worker(s): {len(docs)} articles in {took:.1f} s "
        f"= {len(docs) / took:.2f} docs/s; {s.reports} reports -> {s.events_new} events "
        f"({s.events_merged} merged; {s.filtered} not parsed)"
    )
    return events


GTD = BENCH.parent / "gtd-iraq" / "iraq_gtd_subset.csv"
_GTD_TYPES = {
    "Bombing/Explosion": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "Armed Assault": ("Battles", "Armed clash"),
    "Assassination": ("Violence against civilians", "Attack"),
    "Hostage Taking (Kidnapping)": ("Violence against civilians", "Abduction/forced disappearance"),
    "Facility/Infrastructure Attack": ("Strategic developments", "Looting/property destruction"),
}


def bench_gtd() -> None:
    import pandas as pd

    from flashpoint.dedup.events import EventRules, cluster

    df = pd.read_csv(GTD)
    reports = []
    for i, row in enumerate(df.itertuples()):
        etype, sub = _GTD_TYPES.get(row.attack_type, ("Violence against civilians", "Attack"))
        group = "" if str(row.group_name) == "Unknown" else str(row.group_name)
        target = str(row.target_type)
        state = target in ("Police", "Military", "Government (General)")
        reports.append(
            Event(
                event_type=etype,
                sub_event_type=sub,
                event_date=str(row.date),
                actor1=group or "Unidentified Armed Group",
                actor2="State Forces" if state else "Civilians",
                country="Iraq",
                admin1=str(row.state),
                admin2=str(row.city),
                location=str(row.city),
                geo_precision=1,
                latitude=None if pd.isna(row.latitude) else float(row.latitude),
                longitude=None if pd.isna(row.longitude) else float(row.longitude),
                fatalities=0 if pd.isna(row.killed) else int(row.killed),
                document_id=f"gtd-{i}",
            )
        )
    t = time.perf_counter()
    groups = cluster(reports, EventRules.load())
    took = time.perf_counter() - t
    merged = sum(len(g) for g in groups if len(g) > 1)
    print(
        f"GTD Iraq: {len(reports)} distinct incidents -> {len(groups)} events; "
        f"{merged} incidents ({merged / len(reports):.1%}) merged with another; "
        f"clustering took {took:.1f} s"
    )


@contextmanager
def _pg_database(server: str) -> Iterator[str]:
    """A new database on the server for one measurement, dropped afterwards."""
    import psycopg

    name = f"fp_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pg", help="a postgresql:// URL of a server (a database is created)")
    ap.add_argument("--pipeline", action="store_true", help="also run the real extractor")
    ap.add_argument("--gtd", action="store_true", help="false merges on GTD incidents")
    ap.add_argument("--copies", type=int, default=4, help="synthetic corpus = articles x N")
    ap.add_argument("--pipeline-docs", type=int, default=0, help="articles for --pipeline")
    ap.add_argument("--workers", type=int, default=1, help="worker processes for --pipeline")
    args = ap.parse_args()
    docs = articles()
    # A larger corpus for the store figures: each article in N distinct variants (words
    # shuffled, so no variant is a copy of another); variants k and k+1 of an article
    # share their incident when k is even (see `trivial_extractor`).
    big = []
    for k in range(args.copies):
        for d in docs:
            words = d.text.split()
            random.Random(f"{d.id}/{k}").shuffle(words)
            big.append(Document(text=" ".join(words), id=f"{d.id}-{k // 2}~{k}", source=d.source))
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        print(
            "| backend | documents | docs/s (first run) | events | second run | query all | "
            "full dedup |"
        )
        print("|---|---|---|---|---|---|---|")
        bench_store(str(tmp / "store.db"), big, "SQLite")
        if args.pg:
            with _pg_database(args.pg) as url:
                bench_store(url, big, "PostgreSQL")
        bench_copies(docs, tmp)
        if args.gtd:
            bench_gtd()
        if args.pipeline:
            sample = docs[: args.pipeline_docs] if args.pipeline_docs else docs
            stored = bench_pipeline(sample, str(tmp / "pipeline.db"), "SQLite", args.workers)
            if args.pg:
                with _pg_database(args.pg) as url:
                    on_pg = bench_pipeline(sample, url, "PostgreSQL", args.workers)
                print(f"same events on both backends: {'yes' if on_pg == stored else 'NO'}")


if __name__ == "__main__":
    main()
