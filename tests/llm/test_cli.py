"""`extract`, `evaluate` and `ingest` with `--backend llm` against a stub server."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

from .reports import BOMB, CLASH, PUBLISHED, REPORT, reply

pytestmark = pytest.mark.slow

runner = CliRunner()


def llm_flags(stub) -> list[str]:
    return ["--backend", "llm", "--llm-url", stub.url, "--llm-model", "cli-model"]


def test_extract_with_the_llm_backend(stub, tmp_path):
    f = tmp_path / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    stub.reply(reply(CLASH, BOMB))
    res = runner.invoke(
        app,
        ["extract", str(f), "--published", PUBLISHED.isoformat(), "--country", "Iraq",
         "--format", "jsonl", *llm_flags(stub)],
        env={"FLASHPOINT_LLM_API_KEY": "k-123"},
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert [r["location"] for r in rows] == ["Tikrit", "Mosul"]
    assert rows[0]["actor1"] == "Islamic State (Iraq)"
    assert stub.requests[0].headers["authorization"] == "Bearer k-123"
    assert stub.requests[0].body["model"] == "cli-model"


def test_llm_backend_without_a_url_is_a_usage_error(tmp_path):
    f = tmp_path / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(
        app,
        ["extract", str(f), "--backend", "llm", "--llm-model", "m"],
        env={"FLASHPOINT_LLM_URL": ""},
    )
    assert res.exit_code == 2
    assert "needs a server URL" in res.output


def test_evaluate_with_the_llm_backend(stub, tmp_path):
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "r1",
        "published": PUBLISHED.isoformat(),
        "country_hint": "Iraq",
        "text": REPORT,
        "events": [
            {
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Remote explosive/landmine/IED",
                "date": "2021-02-03",
                "time_precision": 1,
                "actor1": {"name": "Unidentified Armed Group", "kind": "political_militia"},
                "actor2": {"name": "Civilians", "kind": "civilians"},
                "location": {"name": "Mosul", "admin1": "Nineveh", "country": "Iraq"},
                "fatalities": 1,
                "injuries": 0,
                "evidence": "a roadside bomb exploded in Mosul",
            }
        ],
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    stub.reply(reply(BOMB))
    res = runner.invoke(app, ["evaluate", str(gold), "--format", "json", *llm_flags(stub)])
    assert res.exit_code == 0, res.output
    metrics = json.loads(res.stdout)
    assert metrics["precision"] == 1.0 and metrics["recall"] == 1.0
    assert len(stub.requests) == 1


def test_ingest_with_the_llm_backend(stub, tmp_path):
    f = tmp_path / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "llm.db"
    stub.reply(reply(CLASH, BOMB))
    res = runner.invoke(
        app,
        ["ingest", str(f), "--db", str(db), "--published", PUBLISHED.isoformat(), "--json",
         *llm_flags(stub)],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["events_new"] == 2
    res = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    locations = sorted(json.loads(line)["location"] for line in res.stdout.splitlines())
    assert locations == ["Mosul", "Tikrit"]
    import flashpoint

    with flashpoint.open(str(db)) as ds:
        (run,) = ds.runs()
    assert run["params"]["backend"] == "llm" and run["params"]["llm_model"] == "cli-model"
