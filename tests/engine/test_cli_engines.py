"""`--workers`, `--engine` and `--prefilter` on `flashpoint extract` and `flashpoint ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

pytestmark = pytest.mark.slow

runner = CliRunner()
REPORTS = [
    "On Monday, gunmen killed two police officers at a checkpoint in Kirkuk.",
    "A roadside bomb wounded three soldiers near Tuz Khurmatu on Sunday.",
    "Protesters blocked the main road in Nasiriyah on Saturday to demand jobs.",
    "Shares rallied on Friday as the price war between two airlines eased.",
]


@pytest.fixture
def corpus(tmp_path) -> Path:
    path = tmp_path / "reports.jsonl"
    rows = [{"id": f"r{i}", "text": t, "date": "2021-02-17"} for i, t in enumerate(REPORTS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _events(output: str) -> list[dict]:
    rows = [json.loads(line) for line in output.splitlines() if line.strip()]
    for row in rows:
        row.pop("timestamp")
    return rows


def test_extract_with_two_workers_prints_what_one_process_prints(corpus):
    one = runner.invoke(app, ["extract", str(corpus), "--format", "jsonl"])
    two = runner.invoke(app, ["extract", str(corpus), "--format", "jsonl", "--workers", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert len(_events(one.stdout)) >= 2
    assert _events(two.stdout) == _events(one.stdout)


def test_ingest_with_workers_reports_the_documents_not_parsed(corpus, tmp_path):
    db = str(tmp_path / "fp.db")
    res = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--workers", "2", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["stored"] == 4 and summary["not_parsed"] == 1
    import flashpoint

    with flashpoint.open(db) as ds:
        (run,) = ds.runs()
    assert "local engine, 2 workers" in json.dumps(run, default=str)
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--json", "--no-prefilter"])
    assert json.loads(again.stdout.strip().splitlines()[-1])["already_stored"] == 4


SPEC = "flashpoint.pipeline:extract_document"


def test_a_custom_extractor_cannot_be_spread_over_workers(corpus, tmp_path):
    res = runner.invoke(
        app,
        ["ingest", str(corpus), "--db", str(tmp_path / "x.db"), "--extractor", SPEC, "-w", "2"],
    )
    assert res.exit_code == 2
    assert "runs in this process" in " ".join(res.output.replace("│", " ").split())
