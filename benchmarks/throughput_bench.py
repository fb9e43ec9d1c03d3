"""Throughput and memory of the extraction pipeline; prints the figures.

    python benchmarks/throughput_bench.py [--only e2e,filter,mixed,workers,rss] [sizes...]

- e2e: documents/s and words/s of the whole pipeline (clean, parse, extract,
  geoparse) over the Guardian articles, against the raw spaCy `nlp.pipe` rate of the
  same model and components over the same texts, timed in alternating rounds of one
  run; printed as a ratio. The pre-filter is off here, so both sides parse every text.
- filter: the pre-filter's recall on the dev gold (every document holding a required
  gold event must pass), its pass rates (Guardian conflict articles, synthetic
  non-conflict news by topic, real mixed-topic news from GeoWebNews and TR-News), the
  events the unfiltered pipeline finds in the Guardian articles it sets aside, and its
  own speed.
- mixed: the Guardian articles diluted 1:9 with synthetic non-conflict articles of
  the same lengths (see corpora.py): raw spaCy rate, the pipeline without and with the
  pre-filter, and the ratios to the raw rate.
- workers: 1 vs 2 workers with the local and the Dask engine (LocalCluster), workers
  started and warmed before timing; whether the events equal the one-process run's.
- rss: peak resident memory of a long run: `--rss-docs` short documents (one or two
  paragraphs each), `--rss-conflict` of them made of two Guardian paragraphs, the
  rest synthetic non-conflict paragraphs, through the in-process engine, with the
  memory printed every tenth of the way and the process's peak; with `--rss-store`
  through `ingest` into a new SQLite store (copy detection and writes included).

Single-process sections also print their ratios in CPU time of this process, which
other programs on the machine do not disturb; the workers section can only be read in
wall-clock time, on a machine with the cores free.

Figures depend on the machine and on what else runs on it; every size is an option
so that a quick check takes a minute and a full run is left for a quiet machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora

from flashpoint.engine import LocalEngine, make_engine
from flashpoint.models import Document
from flashpoint.nlp.annotate import load_model
from flashpoint.nlp.prefilter import is_relevant, relevance
from flashpoint.pipeline import PipelineConfig


def rss_mb() -> float:
    """Resident memory of this process now (MB)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    """Peak resident memory of this process since it started (MB)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1e3
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def comparable(events) -> str:
    """Events as JSON without the coding time stamp (the only field that may differ)."""
    return json.dumps(
        [{k: v for k, v in e.to_dict().items() if k != "timestamp"} for e in events],
        sort_keys=True,
        default=str,
    )


def rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.1f}" if seconds > 0 else "inf"


# -- (a) end to end against raw spaCy ----------------------------------------------------
def bench_e2e(docs: list[Document], rounds: int, batch_size: int, slice_docs: int = 12) -> None:
    texts = [d.text for d in docs]
    nwords = corpora.words(docs)
    nlp = load_model()
    config = PipelineConfig(batch_size=batch_size, prefilter=False)
    engine = LocalEngine(config)
    engine.warm()
    list(engine.process(docs[:2]))  # knowledge tables, gazetteer connection
    # One untimed parse of every text: the first parse of a word adds it to spaCy's
    # vocabulary, a cost that would otherwise fall on whichever side runs first.
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    raw_total = e2e_total = raw_cpu = e2e_cpu = 0.0
    print(f"\n## End to end vs raw spaCy ({len(docs)} articles, {nwords:,} words)")
    print(f"model {nlp.meta['name']} {nlp.meta['version']}, components {', '.join(nlp.pipe_names)}")
    print("| round | raw nlp.pipe s (CPU s) | end-to-end s (CPU s) | events | ratio (CPU) |")
    print("|---|---|---|---|---|")
    for r in range(1, rounds + 1):
        # Raw and end-to-end alternate over small slices of the corpus (in turn first),
        # so a machine that slows down or speeds up over minutes weighs on both alike.
        raw = rc = e2e = ec = 0.0
        events = 0
        for k, lo in enumerate(range(0, len(docs), slice_docs)):
            part = docs[lo : lo + slice_docs]
            sides = ("raw", "e2e") if (k + r) % 2 else ("e2e", "raw")
            for side in sides:
                t, c = time.perf_counter(), time.process_time()
                if side == "raw":
                    for _ in nlp.pipe([d.text for d in part], batch_size=batch_size):
                        pass
                    raw += time.perf_counter() - t
                    rc += time.process_time() - c
                else:
                    events += sum(len(evs) for _, evs in engine.process(part, batch_size))
                    e2e += time.perf_counter() - t
                    ec += time.process_time() - c
        raw_total += raw
        e2e_total += e2e
        raw_cpu += rc
        e2e_cpu += ec
        print(
            f"| {r} | {raw:.1f} ({rc:.1f}) | {e2e:.1f} ({ec:.1f}) | {events} | "
            f"{raw / e2e:.3f} ({rc / ec:.3f}) |"
        )
    n = len(docs) * rounds
    w = nwords * rounds
    print(
        f"raw spaCy: {rate(n, raw_total)} docs/s, {rate(w, raw_total)} words/s; "
        f"end-to-end: {rate(n, e2e_total)} docs/s, {rate(w, e2e_total)} words/s"
    )
    print(f"END-TO-END / RAW SPACY RATE = {raw_total / e2e_total:.3f} (wall clock)")
    # Both sides run in this one process on one core: CPU time is the same ratio without
    # the noise of other programs sharing the machine.
    print(f"END-TO-END / RAW SPACY RATE = {raw_cpu / e2e_cpu:.3f} (CPU time of this process)")
    engine.close()


# -- (b) the pre-filter ------------------------------------------------------------------
def bench_filter(noise_n: int) -> None:
    print("\n## Pre-filter")
    gold = corpora.dev_gold()
    with_events = [(d, n) for d, n in gold if n > 0]
    missed = [d.id for d, _ in with_events if not is_relevant(d.text)]
    passed_all = sum(is_relevant(d.text) for d, _ in gold)
    recall = 1 - len(missed) / len(with_events)
    print(
        f"dev gold: {len(with_events)} documents hold required events; "
        f"RECALL = {recall:.1%} ({len(with_events) - len(missed)}/{len(with_events)})"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    print(f"dev gold, all documents: {passed_all}/{len(gold)} pass")

    guardian = corpora.guardian()
    set_aside = [d for d in guardian if not is_relevant(d.text)]
    print(
        f"Guardian Iraq/Syria: {len(guardian) - len(set_aside)}/{len(guardian)} pass "
        f"({1 - len(set_aside) / len(guardian):.1%})"
    )
    if set_aside:
        lost = LocalEngine(PipelineConfig(prefilter=False))
        found = {d.id: len(evs) for d, evs in lost.process(set_aside)}
        print(
            f"  set aside: {', '.join(d.id for d in set_aside)}; the unfiltered pipeline "
            f"finds {sum(found.values())} events in them ({found})"
        )

    noise = corpora.non_conflict(noise_n)
    by_topic: dict[str, list[bool]] = {}
    for d in noise:
        by_topic.setdefault(d.id.split("-")[1], []).append(is_relevant(d.text))
    passed = sum(sum(v) for v in by_topic.values())
    print(
        f"synthetic non-conflict news: {passed}/{len(noise)} pass ({passed / len(noise):.1%}); "
        + ", ".join(f"{t} {sum(v)}/{len(v)}" for t, v in sorted(by_topic.items()))
    )
    why = Counter(
        term
        for d in noise
        if (rel := relevance(d.text))
        for term in (rel.strong or rel.weak + rel.actors)
    )
    if why:
        print(f"  terms that let them through: {dict(why.most_common(8))}")

    real = corpora.real_news()
    real_pass = sum(is_relevant(d.text) for d in real)
    print(
        f"real news on every topic (GeoWebNews + TR-News): {real_pass}/{len(real)} pass "
        f"({real_pass / len(real):.1%})"
    )

    texts = [d.text for d in guardian + noise]
    t = time.perf_counter()
    for text in texts:
        is_relevant(text)
    took = time.perf_counter() - t
    nwords = sum(len(x.split()) for x in texts)
    print(
        f"filter speed: {took / len(texts) * 1000:.2f} ms/document, "
        f"{rate(nwords, took)} words/s over {len(texts)} documents"
    )


# -- (c) mixed corpus ----------------------------------------------------------------------
def bench_mixed(conflict_n: int, batch_size: int, unfiltered: bool, rounds: int) -> None:
    conflict = corpora.guardian(conflict_n)
    noise = corpora.non_conflict(9 * len(conflict))
    mixed = conflict + noise
    random.Random(3).shuffle(mixed)
    nwords = corpora.words(mixed)
    print(
        f"\n## Mixed corpus: {len(conflict)} Guardian articles + {len(noise)} synthetic "
        f"non-conflict articles ({len(mixed)} documents, {nwords:,} words; conflict share "
        f"of words {corpora.words(conflict) / nwords:.1%})"
    )
    nlp = load_model()
    on = LocalEngine(PipelineConfig(batch_size=batch_size))
    on.warm()
    list(on.process(conflict[:2]))
    texts = [d.text for d in mixed]
    is_conflict = {d.id for d in conflict}
    raw = filt = raw_cpu = filt_cpu = 0.0
    for r in range(1, rounds + 1):
        t, c = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        took_raw = time.perf_counter() - t
        raw_cpu += time.process_time() - c
        before = dict(on.stats)
        c = time.process_time()
        t = time.perf_counter()
        found = Counter()
        for doc, evs in on.process(mixed, batch_size):
            found["conflict" if doc.id in is_conflict else "other"] += len(evs)
        took = time.perf_counter() - t
        filt_cpu += time.process_time() - c
        filtered = on.stats["filtered"] - before["filtered"]
        raw += took_raw
        filt += took
        print(
            f"round {r}: raw spaCy {took_raw:.1f} s = {rate(len(mixed), took_raw)} docs/s; "
            f"pipeline with pre-filter {took:.1f} s = {rate(len(mixed), took)} docs/s "
            f"({took_raw / took:.2f} x); parsed {len(mixed) - filtered}/{len(mixed)}; events: "
            f"{found['conflict']} in Guardian articles, {found['other']} in the others"
        )
    if unfiltered:
        off = LocalEngine(PipelineConfig(batch_size=batch_size, prefilter=False))
        t = time.perf_counter()
        lost = Counter()
        for doc, evs in off.process(mixed, batch_size):
            lost["conflict" if doc.id in is_conflict else "other"] += len(evs)
        took = time.perf_counter() - t
        print(
            f"pipeline, no pre-filter: {took:.1f} s = {rate(len(mixed), took)} docs/s "
            f"({raw / rounds / took:.2f} x raw); events: {lost['conflict']} in Guardian "
            f"articles, {lost['other']} in the others (what the filter keeps out)"
        )
    print(f"MIXED WITH PRE-FILTER / RAW SPACY RATE = {raw / filt:.2f} (wall clock)")
    print(f"MIXED WITH PRE-FILTER / RAW SPACY RATE = {raw_cpu / filt_cpu:.2f} (CPU time)")


# -- (d) workers ---------------------------------------------------------------------------
def bench_workers(docs: list[Document], batch_size: int, engines: list[str]) -> None:
    print(f"\n## Workers ({len(docs)} articles, batches of {batch_size}, {os.cpu_count()} CPUs)")
    print("| engine | workers | start s | run s | docs/s | vs 1 worker | same events |")
    print("|---|---|---|---|---|---|---|")
    reference: str | None = None
    one: dict[str, float] = {}
    for spec in engines:
        kind, _, n = spec.partition(":")
        workers = int(n or 1)
        t = time.perf_counter()
        engine = make_engine(kind, workers, config=PipelineConfig(batch_size=batch_size))
        engine.warm()
        start = time.perf_counter() - t
        t = time.perf_counter()
        out = [comparable(evs) for _, evs in engine.process(docs, batch_size)]
        took = time.perf_counter() - t
        engine.close()
        same = "reference" if reference is None else ("yes" if out == reference else "NO")
        reference = reference if reference is not None else out
        if workers == 1:
            one[kind] = took
        speedup = f"{one[kind] / took:.2f}" if kind in one else "-"
        print(
            f"| {kind} | {workers} | {start:.1f} | {took:.1f} | {rate(len(docs), took)} | "
            f"{speedup} | {same} |"
        )
        if workers > 1 and kind in one:
            print(f"{kind.upper()} {workers} WORKERS / 1 WORKER = {one[kind] / took:.2f}")


# -- (e) memory over a long run ----------------------------------------------------------
def bench_rss(n: int, conflict_n: int, batch_size: int, into_store: bool = False) -> None:
    paras = corpora.paragraphs(corpora.guardian())
    rng = random.Random(5)
    noise = corpora.short_non_conflict(n - conflict_n)
    conflict_at = set(rng.sample(range(n), conflict_n))
    how = "ingested into a new SQLite store" if into_store else "in-process engine"
    print(
        f"\n## Memory over {n:,} documents: {conflict_n:,} of two random Guardian paragraphs, "
        f"{n - conflict_n:,} synthetic non-conflict paragraphs ({how})"
    )

    def documents():
        k = 0
        for i in range(n):
            if i in conflict_at:
                text = "\n\n".join(rng.sample(paras, 2))
            else:
                text = noise[k]
                k += 1
            yield Document(text=text, id=f"rss-{i}")

    engine = LocalEngine(PipelineConfig(batch_size=batch_size))
    engine.warm()
    gc.collect()
    print(f"after loading the model and gazetteer: {rss_mb():.0f} MB")
    t = time.perf_counter()
    marks = sorted({max(1, n * k // 10) for k in range(1, 11)})
    samples: list[float] = []

    def sample(i: int) -> None:
        if len(samples) < len(marks) and i >= marks[len(samples)]:
            samples.append(rss_mb())
            print(
                f"  {i:>7,} documents  {time.perf_counter() - t:6.0f} s  RSS {samples[-1]:.0f} MB"
            )

    events = 0
    if into_store:
        import tempfile

        import flashpoint

        with tempfile.TemporaryDirectory() as tmp, flashpoint.open(f"{tmp}/rss.db") as ds:
            summary = ds.ingest(
                documents(),
                engine=engine,
                batch_size=batch_size,
                on_progress=lambda s: sample(s.read),
            )
        events = summary.events_found
        print(
            f"stored {summary.stored:,} ({summary.copies:,} as copies of others), "
            f"{len(summary.skipped):,} skipped {summary.skipped_by_reason()}"
        )
    else:
        for i, (_doc, evs) in enumerate(engine.process(documents(), batch_size), 1):
            events += len(evs)
            sample(i)
    took = time.perf_counter() - t
    print(
        f"{n:,} documents in {took:.0f} s ({rate(n, took)} docs/s); parsed "
        f"{engine.stats['documents'] - engine.stats['filtered']:,}; {events} events; "
        "growth over the second half "
        f"{samples[-1] - samples[len(samples) // 2 - 1]:+.0f} MB"
    )
    # The process's peak since it started (model loading included; with other sections
    # before this one, theirs too: run `--only rss` for this run's own figure).
    print(f"PEAK RSS = {max(peak_rss_mb(), *samples):.0f} MB")
    engine.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="e2e,filter,mixed,workers", help="sections, comma-separated")
    ap.add_argument("--docs", type=int, default=249, help="Guardian articles for e2e")
    ap.add_argument("--rounds", type=int, default=2, help="alternating raw/e2e rounds")
    ap.add_argument("--slice", type=int, default=12, help="e2e: documents per raw/e2e turn")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--noise", type=int, default=700, help="synthetic articles for filter")
    ap.add_argument("--mixed-conflict", type=int, default=40, help="Guardian articles in mix")
    ap.add_argument("--no-unfiltered", action="store_true", help="skip mixed without filter")
    ap.add_argument("--workers-docs", type=int, default=64)
    ap.add_argument("--workers-batch", type=int, default=8)
    ap.add_argument(
        "--engines", default="local:1,local:2,dask:1,dask:2", help="kind:workers, comma-separated"
    )
    ap.add_argument("--rss-docs", type=int, default=100_000)
    ap.add_argument("--rss-conflict", type=int, default=1_000)
    ap.add_argument("--rss-store", action="store_true", help="rss: ingest into a SQLite store")
    args = ap.parse_args()
    only = set(args.only.split(","))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()}")
    if "e2e" in only:
        bench_e2e(corpora.guardian(args.docs), args.rounds, args.batch_size, args.slice)
    if "filter" in only:
        bench_filter(args.noise)
    if "mixed" in only:
        bench_mixed(args.mixed_conflict, args.batch_size, not args.no_unfiltered, args.rounds)
    if "workers" in only:
        engines = [e for e in args.engines.split(",") if e]
        bench_workers(corpora.guardian(args.workers_docs), args.workers_batch, engines)
    if "rss" in only:
        bench_rss(args.rss_docs, args.rss_conflict, args.batch_size, args.rss_store)
    print(f"\nload average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
