"""`flashpoint extract` on files, stdin and corpora, including bad input."""

import json

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.models import ACLED_COLUMNS

pytestmark = pytest.mark.slow

runner = CliRunner()
ATTACK = "On Monday, gunmen killed two police officers at a checkpoint in Kirkuk."


def run(*args, **kw):
    return runner.invoke(app, ["extract", *args], **kw)


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_output_has_acled_columns_and_evidence(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ATTACK, encoding="utf-8")
    res = run(str(f), "--published", "2021-02-17", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    (row,) = jsonl(res.stdout)
    for col in (*ACLED_COLUMNS, "document_id", "injuries", "confidence", "evidence"):
        assert col in row
    assert row["event_date"] == "2021-02-15"
    ev = row["evidence"]["fatalities"]
    assert ATTACK[ev["start"] : ev["end"]] == ev["text"]


def test_stdin_and_other_formats(tmp_path):
    res = run("-", "--published", "2021-02-17", "--format", "csv", input=ATTACK)
    assert res.exit_code == 0
    header = res.stdout.splitlines()[0]
    assert header.startswith("event_id_cnty,event_date,year")
    res = run("-", "--published", "2021-02-17", "--format", "geojson", input=ATTACK)
    fc = json.loads(res.stdout)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    res = run("-", "--published", "2021-02-17", input=ATTACK)
    assert "Armed clash" in res.stdout or "Attack" in res.stdout


def test_jsonl_corpus_with_a_broken_line_keeps_the_rest(tmp_path):
    corpus = tmp_path / "c.jsonl"
    good = {"id": "doc-1", "text": ATTACK, "published": "2021-02-17", "country_hint": "Iraq"}
    other = {"id": "doc-2", "text": "Markets rallied on Tuesday as oil rose.", "published": "x"}
    corpus.write_text(
        json.dumps(good) + "\n{not json at all\n" + json.dumps(other) + "\n[1, 2]\n",
        encoding="utf-8",
    )
    res = run(str(corpus), "--format", "jsonl")
    assert res.exit_code == 0, res.output
    rows = jsonl(res.stdout)
    assert [r["document_id"] for r in rows] == ["doc-1"]
    assert "broken JSON" in res.stderr


def test_empty_binary_huge_and_foreign_inputs_never_crash(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    huge = tmp_path / "huge.txt"
    filler = "The weather stayed mild and markets were calm across the region. " * 80_000
    huge.write_text(filler[: 5 * 1024 * 1024], encoding="utf-8")
    foreign = tmp_path / "fr.txt"
    foreign.write_text("Le marché était calme et il faisait beau à Paris mardi.", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ATTACK, encoding="utf-8")
    res = run(
        str(empty),
        str(binary),
        str(huge),
        str(foreign),
        str(good),
        str(tmp_path / "missing.txt"),
        "--published",
        "2021-02-17",
        "--format",
        "jsonl",
    )
    assert res.exit_code == 0, res.output
    rows = jsonl(res.stdout)
    assert len(rows) == 1 and rows[0]["fatalities"] == 2
    assert "binary data" in res.stderr
    assert "no such file" in res.stderr
    assert "Traceback" not in res.output


def test_nothing_readable_is_a_clear_error(tmp_path):
    res = run(str(tmp_path / "nope.txt"))
    assert res.exit_code == 1
    assert "No readable documents" in res.stderr


def test_python_api_rejects_bytes():
    import flashpoint

    with pytest.raises(TypeError):
        flashpoint.extract(b"bytes are not text")
