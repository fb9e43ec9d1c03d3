"""Options that choose the extraction backend, shared by `extract`, `evaluate` and
`ingest`: `--backend rules|llm`, the LLM server (`--llm-url`, `--llm-model`,
`--llm-api-key`, `--llm-timeout`, or the FLASHPOINT_LLM_* variables) and
`--classifier none|embeddings`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class BackendName(StrEnum):
    rules = "rules"
    llm = "llm"


class ClassifierName(StrEnum):
    none = "none"
    embeddings = "embeddings"


_PANEL = "Extraction backend"

BackendOpt = Annotated[
    BackendName,
    typer.Option(
        "--backend",
        envvar="FLASHPOINT_BACKEND",
        help="detect + fill by the built-in rules, or by an LLM behind an "
        "OpenAI-compatible API (then resolve, merge and coding as usual).",
        rich_help_panel=_PANEL,
    ),
]
LlmUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--llm-url",
        envvar="FLASHPOINT_LLM_URL",
        help="API base URL, e.g. http://127.0.0.1:11434/v1 (Ollama), :8000/v1 (vLLM), "
        ":8080/v1 (llama.cpp).",
        rich_help_panel=_PANEL,
    ),
]
LlmModelOpt = Annotated[
    str | None,
    typer.Option(
        "--llm-model", envvar="FLASHPOINT_LLM_MODEL", help="Model name.", rich_help_panel=_PANEL
    ),
]
LlmKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--llm-api-key",
        envvar="FLASHPOINT_LLM_API_KEY",
        help="API key, sent as a Bearer token (prefer the variable to the flag).",
        show_envvar=True,
        rich_help_panel=_PANEL,
    ),
]
LlmTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--llm-timeout",
        envvar="FLASHPOINT_LLM_TIMEOUT",
        help="Seconds to wait for one reply (default 120).",
        rich_help_panel=_PANEL,
    ),
]
ClassifierOpt = Annotated[
    ClassifierName,
    typer.Option(
        "--classifier",
        envvar="FLASHPOINT_CLASSIFIER",
        help="embeddings: re-rank unsure sub-event types with a sentence-embedding "
        "classifier (needs the optional ml extra of flashpoint).",
        rich_help_panel=_PANEL,
    ),
]


def pipeline_config(
    backend: BackendName = BackendName.rules,
    llm_url: str | None = None,
    llm_model: str | None = None,
    llm_api_key: str | None = None,
    llm_timeout: float | None = None,
    classifier: ClassifierName = ClassifierName.none,
):
    """A PipelineConfig from the options; a bad or missing setting is a usage error."""
    from flashpoint.pipeline import PipelineConfig

    llm = None
    if backend is BackendName.llm:
        from flashpoint.nlp.llm import LLMConfigError, LLMSettings

        try:
            llm = LLMSettings(
                url=llm_url or "",
                model=llm_model or "",
                api_key=llm_api_key or None,
                **({"timeout": llm_timeout} if llm_timeout else {}),
            ).checked()
        except LLMConfigError as exc:
            raise typer.BadParameter(str(exc), param_hint="--backend llm") from None
    if classifier is ClassifierName.embeddings:
        from flashpoint.nlp.ml import MLUnavailable, check_available

        try:
            check_available()
        except MLUnavailable as exc:
            raise typer.BadParameter(str(exc), param_hint="--classifier") from None
    return PipelineConfig(backend=backend.value, llm=llm, classifier=classifier.value)
