"""Where the LLM backend finds its model: an OpenAI-compatible server and a model name.

Any server that speaks `POST /v1/chat/completions` works: Ollama, vLLM, llama.cpp's
`llama-server`, LM Studio, or a hosted API. Settings come from arguments or from the
environment (`FLASHPOINT_LLM_URL`, `FLASHPOINT_LLM_MODEL`, `FLASHPOINT_LLM_API_KEY`,
`FLASHPOINT_LLM_TIMEOUT`), so a key never has to appear on a command line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

# How a reply is constrained: "auto" asks for the JSON schema first and steps down to
# a plain JSON object, then to free text, on servers that refuse the stricter kind.
RESPONSE_FORMATS = ("auto", "json_schema", "json_object", "text")


class LLMConfigError(ValueError):
    """The LLM backend was chosen without what it needs (a URL and a model)."""


@dataclass(slots=True, frozen=True)
class LLMSettings:
    """Settings of the LLM backend (all but `url` and `model` have defaults)."""

    url: str = ""  # base URL of the API, e.g. http://127.0.0.1:11434/v1
    model: str = ""
    api_key: str | None = None
    timeout: float = 120.0  # seconds per request: local models on a CPU are slow
    retries: int = 2  # further tries after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled after each
    temperature: float = 0.0
    max_tokens: int | None = None
    response_format: str = "auto"
    # Longer texts are sent in pieces of about this many characters, cut at paragraph
    # breaks, so that a report never overflows a small model's context.
    max_chars: int = 12_000

    @classmethod
    def from_env(cls, **overrides) -> LLMSettings:
        """Settings from FLASHPOINT_LLM_* variables; non-None keyword arguments win."""
        env = os.environ
        base = cls(
            url=env.get("FLASHPOINT_LLM_URL", ""),
            model=env.get("FLASHPOINT_LLM_MODEL", ""),
            api_key=env.get("FLASHPOINT_LLM_API_KEY") or None,
        )
        timeout = env.get("FLASHPOINT_LLM_TIMEOUT")
        if timeout:
            try:
                base = replace(base, timeout=float(timeout))
            except ValueError:
                raise LLMConfigError(
                    f"FLASHPOINT_LLM_TIMEOUT must be a number of seconds, not {timeout!r}"
                ) from None
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given)

    def checked(self) -> LLMSettings:
        """These settings with the URL normalised, or an error naming what is missing."""
        if not self.url:
            raise LLMConfigError(
                "the llm backend needs a server URL (--llm-url or FLASHPOINT_LLM_URL), "
                "e.g. http://127.0.0.1:11434/v1"
            )
        if not self.url.startswith(("http://", "https://")):
            raise LLMConfigError(f"the LLM URL must start with http:// or https://: {self.url}")
        if not self.model:
            raise LLMConfigError(
                "the llm backend needs a model name (--llm-model or FLASHPOINT_LLM_MODEL)"
            )
        if self.response_format not in RESPONSE_FORMATS:
            raise LLMConfigError(
                f"response_format must be one of {', '.join(RESPONSE_FORMATS)}, "
                f"not {self.response_format!r}"
            )
        if self.timeout <= 0 or self.retries < 0 or self.max_chars < 500:
            raise LLMConfigError("timeout must be > 0, retries >= 0 and max_chars >= 500")
        url = self.url.rstrip("/")
        if url.endswith("/chat/completions"):
            url = url[: -len("/chat/completions")]
        return replace(self, url=url)

    def __repr__(self) -> str:  # never print a key into a log
        key = "set" if self.api_key else "none"
        return f"LLMSettings(url={self.url!r}, model={self.model!r}, api_key={key})"
