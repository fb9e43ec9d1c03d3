"""`flashpoint ingest | events | export | dedup` end to end (toy extractor)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

HERE = Path(__file__).parent
runner = CliRunner()


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.syspath_prepend(str(HERE))
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Two policemen were killed in Arab Koy on 2021-02-11 by Islamic State.", "utf-8"
    )
    (folder / "b.jsonl").write_text(
        json.dumps(
            {
                "text": "Three policemen were killed in Daquq on 2021-02-12 by Islamic State.",
                "source": "Rudaw",
                "date": "2021-02-12",
            }
        )
        + "\n{oops\n",
        "utf-8",
    )
    (folder / "c.txt").write_text(
        "Two soldiers were killed in Mosul on 2021-03-02 by Islamic State.", "utf-8"
    )
    return folder


def _ingest(db: str, folder: Path) -> dict:
    res = runner.invoke(
        app, ["ingest", str(folder), "--db", db, "--extractor", "toy:extract", "--json"]
    )
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_ingest_twice_then_query_and_export(db_url, corpus, tmp_path):
    first = _ingest(db_url, corpus)
    assert (first["stored"], first["events_new"], first["events_merged"]) == (3, 2, 1)
    assert first["skipped_by_reason"] == {"broken JSON": 1}
    second = _ingest(db_url, corpus)
    assert (second["stored"], second["already_stored"], second["events_new"]) == (0, 3, 0)

    res = runner.invoke(app, ["events", "--db", db_url, "--format", "jsonl", "--admin2", "daquq"])
    assert res.exit_code == 0, res.output
    (event,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert (event["fatalities_low"], event["fatalities_high"]) == (2, 3)

    res = runner.invoke(app, ["events", "--db", db_url, "-f", "csv", "--since", "2021-03-01"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["location"] for r in rows] == ["Mosul"]

    res = runner.invoke(
        app,
        ["events", "--db", db_url, "--actor", "islamic", "--search", "Mosul"],
        env={"COLUMNS": "200"},
    )
    assert res.exit_code == 0 and "Mosul" in res.stdout and "1 events" in res.stdout

    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["export", "--db", db_url, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert len(pd.read_csv(out)) == 2
    gj = tmp_path / "out.json"
    res = runner.invoke(app, ["export", "--db", db_url, "-f", "geojson", "-o", str(gj)])
    assert json.loads(gj.read_text("utf-8"))["type"] == "FeatureCollection"

    res = runner.invoke(app, ["dedup", "--db", db_url])
    assert res.exit_code == 0 and "3 reports: 2 -> 2 events" in res.output


def test_unreachable_database_is_a_clear_error(tmp_path):
    res = runner.invoke(app, ["events", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert res.exit_code == 2
    assert "cannot open database" in res.output


def test_export_needs_a_known_format(tmp_path):
    db = str(tmp_path / "x.db")
    res = runner.invoke(app, ["export", "--db", db, "-o", str(tmp_path / "x.xlsx")])
    assert res.exit_code != 0 and "format" in res.output
