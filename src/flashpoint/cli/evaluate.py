"""`flashpoint evaluate`: score an extraction run against a hand-coded gold file."""

from __future__ import annotations

import json
import logging
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flashpoint.cli.backend import (
    BackendName,
    BackendOpt,
    ClassifierName,
    ClassifierOpt,
    LlmKeyOpt,
    LlmModelOpt,
    LlmTimeoutOpt,
    LlmUrlOpt,
    pipeline_config,
)

log = logging.getLogger(__name__)


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


def _extract_with_progress(gold_docs: list, stderr: Console, config=None) -> list[dict[str, Any]]:
    """Run the pipeline over the gold documents with a progress bar on stderr."""
    from flashpoint.evaluate.runner import predict

    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    ) as progress:
        task = progress.add_task("extract", total=len(gold_docs))
        return predict(gold_docs, on_document=lambda _doc: progress.advance(task), config=config)


def _write_jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (one coded document per line).")],
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            "-p",
            help="Score these predicted events (JSONL from `flashpoint extract --format "
            "jsonl`) instead of running extraction.",
        ),
    ] = None,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="List misses, false alarms and disagreeing fields per document."
        ),
    ] = False,
    fmt: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="Output format.")
    ] = EvalFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also save the predicted events as JSONL here."),
    ] = None,
    backend: BackendOpt = BackendName.rules,
    llm_url: LlmUrlOpt = None,
    llm_model: LlmModelOpt = None,
    llm_api_key: LlmKeyOpt = None,
    llm_timeout: LlmTimeoutOpt = None,
    classifier: ClassifierOpt = ClassifierName.none,
) -> None:
    """Score extracted events against a gold file: event P/R/F1 and field accuracy."""
    from flashpoint.evaluate import GoldFileError, read_gold, read_predictions, score
    from flashpoint.evaluate.render import print_evaluation
    from flashpoint.evaluate.runner import PipelineUnavailable

    stderr = Console(stderr=True)
    config = None
    if predictions is None:
        config = pipeline_config(backend, llm_url, llm_model, llm_api_key, llm_timeout, classifier)
    try:
        gold_docs = read_gold(gold)
        if predictions is not None:
            rows = read_predictions(predictions)
        else:
            rows = _extract_with_progress(gold_docs, stderr, config)
    except (GoldFileError, PipelineUnavailable) as exc:
        stderr.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None

    if output is not None:
        try:
            _write_jsonl(rows, output)
        except OSError as exc:
            stderr.print(f"[red]error:[/red] cannot write {output}: {exc.strerror}")
            raise typer.Exit(2) from None

    result = score(gold_docs, rows)
    if fmt is EvalFormat.json:
        payload: dict[str, Any] = dict(result.metrics)
        if errors:
            payload["errors"] = result.errors
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print_evaluation(result, Console(), errors=errors)


_HELP = (
    "Score extracted events against a gold file: event P/R/F1 and field accuracy.\n\n"
    "A predicted event matches a gold event of the same document when their dates are "
    "within 2 days and their places within 50 km (the same admin1 when coordinates are "
    "missing); pairs are assigned one-to-one. Optional gold events count neither way."
)


def register(app: typer.Typer) -> None:
    app.command("evaluate", help=_HELP)(evaluate)
