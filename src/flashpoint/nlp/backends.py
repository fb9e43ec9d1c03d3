"""Extraction backends: what turns a parsed document into events (`detect` + `fill`,
then resolve, merge and code).

- `rules` (default): the trigger lexicon, decision rules and parse-based argument
  filling of `flashpoint.nlp.extract`, fast and offline.
- `llm`: a language model behind an OpenAI-compatible API (`flashpoint.nlp.llm`),
  followed by the same resolve, merge and coding stages.

Either may be followed by the optional sub-event type classifier over sentence
embeddings (`classifier="embeddings"`, `flashpoint.nlp.ml`, the `[ml]` extra).
A backend is any object with `extract(document, cleaned, sdoc, geocode) -> events`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from spacy.tokens import Doc

from flashpoint.models import Document, Event
from flashpoint.nlp.clean import CleanText

if TYPE_CHECKING:
    from flashpoint.pipeline import PipelineConfig

BACKENDS = ("rules", "llm")
CLASSIFIERS = ("none", "embeddings")


class Backend(Protocol):
    name: str

    def extract(
        self, document: Document, cleaned: CleanText, sdoc: Doc, geocode: bool = True
    ) -> list[Event]: ...


class RulesBackend:
    """Today's rules: `flashpoint.pipeline.extract_parsed`."""

    name = "rules"

    def extract(
        self, document: Document, cleaned: CleanText, sdoc: Doc, geocode: bool = True
    ) -> list[Event]:
        from flashpoint.pipeline import extract_parsed

        return extract_parsed(document, cleaned, sdoc, geocode=geocode)


class Refined:
    """A backend whose events pass through a re-ranking step (the embedding classifier).

    The refiner is built on first use in each process (it holds a torch model), so a
    configured pipeline can be sent to worker processes as it is."""

    def __init__(self, inner: Backend, make_refiner: Callable[[], Any], name: str) -> None:
        self.inner = inner
        self.name = f"{inner.name}+{name}"
        self._make = make_refiner
        self._refiner: Any = None

    @property
    def refiner(self) -> Any:
        if self._refiner is None:
            self._refiner = self._make()
        return self._refiner

    def __getstate__(self) -> dict[str, Any]:
        return {"inner": self.inner, "name": self.name, "_make": self._make, "_refiner": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def extract(
        self, document: Document, cleaned: CleanText, sdoc: Doc, geocode: bool = True
    ) -> list[Event]:
        return self.refiner.refine(self.inner.extract(document, cleaned, sdoc, geocode))


def make_backend(config: PipelineConfig) -> Backend:
    """The backend a pipeline configuration asks for (errors name the bad setting)."""
    name = (config.backend or "rules").lower()
    backend: Backend
    if name == "rules":
        backend = RulesBackend()
    elif name == "llm":
        from flashpoint.nlp.llm import LLMBackend, LLMSettings

        backend = LLMBackend(config.llm if config.llm is not None else LLMSettings.from_env())
    else:
        raise ValueError(f"unknown backend {config.backend!r}; choose one of {', '.join(BACKENDS)}")
    classifier = (config.classifier or "none").lower()
    if classifier == "embeddings":
        from flashpoint.nlp.ml import check_available, default_classifier

        check_available()  # a missing extra is an error now, not at the first document
        backend = Refined(backend, default_classifier, "embeddings")
    elif classifier != "none":
        raise ValueError(
            f"unknown classifier {config.classifier!r}; choose one of {', '.join(CLASSIFIERS)}"
        )
    return backend
