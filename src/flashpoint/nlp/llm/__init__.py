"""An optional extraction backend: a language model behind an OpenAI-compatible API.

    >>> from flashpoint.pipeline import Pipeline, PipelineConfig
    >>> from flashpoint.nlp.llm import LLMSettings
    >>> llm = LLMSettings(url="http://127.0.0.1:11434/v1", model="qwen2.5:7b-instruct")
    >>> pipeline = Pipeline(PipelineConfig(backend="llm", llm=llm))

The model does `detect` + `fill`; resolve, merge and coding stay flashpoint's own
(see `flashpoint.nlp.llm.backend`). Quality with a given model is measured with
`flashpoint evaluate --backend llm ...`, not assumed.
"""

from flashpoint.nlp.llm.backend import LLMBackend, events_from_records
from flashpoint.nlp.llm.client import ChatClient, LLMError
from flashpoint.nlp.llm.settings import LLMConfigError, LLMSettings

__all__ = [
    "ChatClient",
    "LLMBackend",
    "LLMConfigError",
    "LLMError",
    "LLMSettings",
    "events_from_records",
]
