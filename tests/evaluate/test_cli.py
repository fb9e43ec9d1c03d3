"""`flashpoint evaluate` on small gold and prediction files."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from flashpoint.cli.evaluate import register

from .factories import gold_event, gold_record, predicted


@pytest.fixture
def app():
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Group commands, as the real `flashpoint` app does."""

    register(app)
    return app


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(gold_record("d1", [gold_event()]))
        + "\n{broken\n"
        + json.dumps(gold_record("d2", [gold_event(date="2021-02-01")]))
        + "\n",
        encoding="utf-8",
    )
    preds = tmp_path / "pred.jsonl"
    preds.write_text(
        json.dumps(predicted("d1", fatalities=5)) + "\n" + json.dumps(predicted("d2")) + "\n",
        encoding="utf-8",
    )
    return gold, preds


def test_json_metrics_from_predictions_file(app, files):
    gold, preds = files
    result = CliRunner().invoke(app, ["evaluate", str(gold), "-p", str(preds), "-f", "json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert (metrics["gold_events"], metrics["predicted_events"], metrics["matched_events"]) == (
        2,
        2,
        1,
    )
    assert metrics["accuracy"]["fatalities"] == 0.0
    assert "errors" not in metrics


def test_json_errors_list_misses_false_alarms_and_disagreements(app, files):
    gold, preds = files
    result = CliRunner().invoke(
        app, ["evaluate", str(gold), "-p", str(preds), "-f", "json", "--errors"]
    )
    errors = {e["document_id"]: e for e in json.loads(result.stdout)["errors"]}
    assert errors["d1"]["disagreements"][0]["fields"]["fatalities"] == {
        "gold": 2,
        "predicted": 5,
    }
    assert len(errors["d2"]["misses"]) == 1
    assert len(errors["d2"]["false_alarms"]) == 1


def test_table_output_with_errors(app, files):
    gold, preds = files
    result = CliRunner().invoke(app, ["evaluate", str(gold), "-p", str(preds), "--errors"])
    assert result.exit_code == 0, result.output
    for words in ("precision", "F1", "MISS", "FALSE ALARM", "fatalities", "Battles"):
        assert words in result.stdout


def test_output_saves_the_scored_predictions(app, files, tmp_path):
    gold, preds = files
    out = tmp_path / "saved.jsonl"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "-p", str(preds), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["document_id"] for r in rows] == ["d1", "d2"]


def test_missing_gold_file_is_a_clear_error(app, tmp_path):
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in result.output
    assert "Traceback" not in result.output
