"""`flashpoint evaluate` running the real pipeline on a gold file written here."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

from .factories import gold_event, gold_record

TEXT = (
    "Two policemen were killed and two were injured on Thursday when Islamic State "
    "fighters attacked a police checkpoint in Daquq, south of Kirkuk, security sources said."
)


@pytest.mark.slow
def test_evaluate_runs_the_pipeline_and_keeps_gold_ids(tmp_path):
    gold = tmp_path / "gold.jsonl"
    record = gold_record("kirkuk-1", [gold_event()], text=TEXT, published="2021-02-12")
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    saved = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(
        app, ["evaluate", str(gold), "--format", "json", "--errors", "--output", str(saved)]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["documents"] == 1
    assert metrics["gold_events"] == 1
    assert metrics["predicted_events"] >= 1
    assert metrics["matched_events"] == 1
    rows = [json.loads(line) for line in saved.read_text().splitlines()]
    assert rows
    assert {r["document_id"] for r in rows} == {"kirkuk-1"}
    assert any(r["event_type"] == "Battles" and r["event_date"] == "2021-02-11" for r in rows)
