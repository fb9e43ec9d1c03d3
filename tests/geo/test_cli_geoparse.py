"""`flashpoint geoparse`: one JSON line per place mention; bad input never crashes."""

import json

from typer.testing import CliRunner

from flashpoint.cli import app

FIELDS = {
    "document_id",
    "start",
    "end",
    "text",
    "name",
    "geonameid",
    "latitude",
    "longitude",
    "feature_code",
    "country_code",
    "admin1",
    "admin2",
    "confidence",
}


def test_geoparse_jsonl_from_text_and_corpus(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("Two soldiers were killed 20 km south of Kirkuk.", encoding="utf-8")
    corpus = tmp_path / "b.jsonl"
    corpus.write_text(
        json.dumps({"id": "doc-1", "text": "Shelling hit Aleppo and Idlib."}) + "\n"
        "{broken json\n" + json.dumps({"id": "doc-2", "text": ""}) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["geoparse", str(txt), str(corpus), "--format", "jsonl", "--no-spacy"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["text"] for r in lines} >= {"Kirkuk", "Aleppo", "Idlib"}
    for r in lines:
        assert set(r) >= FIELDS
    kirkuk = next(r for r in lines if r["text"] == "Kirkuk")
    assert kirkuk["country_code"] == "IQ" and kirkuk["distance_km"] == 20
    assert {r["document_id"] for r in lines if r["text"] == "Aleppo"} == {"doc-1"}


def test_geoparse_stdin_table():
    result = CliRunner().invoke(
        app, ["geoparse", "-", "--format", "table", "--no-spacy"], input="Clashes in Mosul.\n"
    )
    assert result.exit_code == 0, result.output
    assert "Mosul" in result.stdout
