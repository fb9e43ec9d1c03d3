"""Speed cost and self-consistency of the embedding sub-event classifier; prints figures.

    python benchmarks/classifier_bench.py [CORPUS.jsonl] [--limit N] [--folds K]

- speed: the pipeline over a JSONL corpus (texts only; default ../shared/gold/dev.jsonl,
  read at run time) with the rules alone and with `classifier="embeddings"`: the
  one-off start (torch, the model, training) and the seconds per document after it;
- how many sub-event types the classifier changes on that corpus;
- K-fold accuracy of the classifier on its own example file (data/ml/), over all 25
  sub-event types and within the event type (the choice it is allowed to make).

Quality against gold is `flashpoint evaluate GOLD --classifier embeddings`, not this.
Needs the [ml] extra.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev.jsonl"


def documents(path: Path, limit: int | None):
    from flashpoint.ingest.readers import document_from_record

    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                doc = document_from_record(json.loads(line), f"line-{i}")
                if doc is not None:
                    out.append(doc)
    return out[:limit] if limit else out


def run(config, docs) -> tuple[float, float, list]:
    """(start seconds, seconds over the documents, events)."""
    from flashpoint.pipeline import Pipeline

    t0 = time.perf_counter()
    p = Pipeline(config)
    list(p.process(docs[:1]))  # model, parser and gazetteer loaded on first use
    start = time.perf_counter() - t0
    t1 = time.perf_counter()
    events = [ev for _, evs in p.process(docs) for ev in evs]
    return start, time.perf_counter() - t1, events


def cross_validation(folds: int) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from flashpoint.nlp.llm.schema import taxonomy
    from flashpoint.nlp.ml.classifier import (
        Encoder,
        RefineSettings,
        _example_embeddings,
        read_examples,
    )

    rows = read_examples()
    y = np.array([s for s, _ in rows])
    X = _example_embeddings(Encoder(), [t for _, t in rows])
    etype = taxonomy()
    flat = within = 0
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(X, y):
        model = LogisticRegression(C=RefineSettings.from_file().C, max_iter=3000)
        model.fit(X[train], y[train])
        probs = model.predict_proba(X[test])
        classes = list(model.classes_)
        for row, gold in zip(probs, y[test], strict=True):
            flat += classes[int(row.argmax())] == gold
            same = [i for i, c in enumerate(classes) if etype[c] == etype[gold]]
            within += classes[max(same, key=lambda i: row[i])] == gold
    return flat / len(y), within / len(y)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()

    from flashpoint.pipeline import PipelineConfig

    docs = documents(args.corpus, args.limit)
    print(f"corpus: {args.corpus} ({len(docs)} documents)")
    s0, t0, rules = run(PipelineConfig(), docs)
    s1, t1, emb = run(PipelineConfig(classifier="embeddings"), docs)
    n = max(len(docs), 1)
    print(f"rules:      start {s0:6.1f} s, {1000 * t0 / n:7.1f} ms/document, {len(rules)} events")
    print(f"embeddings: start {s1:6.1f} s, {1000 * t1 / n:7.1f} ms/document, {len(emb)} events")
    changed = sum(a.sub_event_type != b.sub_event_type for a, b in zip(rules, emb, strict=False))
    print(f"sub-event types changed by the classifier: {changed} of {len(emb)}")
    flat, within = cross_validation(args.folds)
    print(
        f"{args.folds}-fold accuracy on the example file: {flat:.3f} over all sub-event types, "
        f"{within:.3f} within the true event type"
    )


if __name__ == "__main__":
    main()
