"""Ingest runs: idempotent, incremental, crash-safe; copies linked, bad input skipped."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import flashpoint
from flashpoint.store import Store

from .toy import extract

HERE = Path(__file__).parent
PLACES = ["Arab Koy", "Mosul", "Basra", "Tuz Khurmatu"]
FILLER = (
    "Witnesses described heavy gunfire that lasted for almost an hour before "
    "reinforcements arrived from the provincial capital. The area has seen repeated "
    "raids by insurgent cells hiding in the orchards and dry valleys nearby. Residents "
    "asked the government to rebuild the checkpoints that were abandoned last year, "
    "and local leaders called for more patrols along the river road at night."
)


WORDS = FILLER.replace(".", "").replace(",", "").split()


def _article(i: int) -> str:
    """A distinct article (its own word order) reporting one incident."""
    place = PLACES[i % len(PLACES)]
    day = 1 + (i // len(PLACES)) * 4 % 28
    n = 1 + i % 3
    words = random.Random(i).sample(WORDS, k=len(WORDS))
    return (
        f"Report number {i}. {n} soldiers were killed in {place} on 2021-03-{day:02d} by "
        f"Islamic State. {' '.join(words)}. Officials gave the figure {i} for the houses."
    )


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = folder / f"batch{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    return folder


def test_ingesting_a_folder_twice_gives_identical_counts(dataset, tmp_path):
    folder = _corpus(tmp_path / "news", 12)
    first = dataset.ingest(folder, extractor=extract)
    counts = dataset.stats()
    assert first.read == 12 and first.stored == 12 and first.already == 0
    assert counts["documents"] == 12 and counts["reports"] == 12
    events = [e.to_dict() for e in dataset.events()]
    second = dataset.ingest(folder, extractor=extract)
    assert second.read == 12 and second.stored == 0 and second.already == 12
    assert second.events_new == second.events_merged == 0
    after = dataset.stats()
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in counts.items() if k != "runs"
    }
    assert [e.to_dict() for e in dataset.events()] == events
    # Incremental: only the new file is read into the store.
    (folder / "late.txt").write_text(_article(40), encoding="utf-8")
    third = dataset.ingest(folder, extractor=extract)
    assert (third.stored, third.already) == (1, 12)


def test_syndicated_copy_is_linked_not_counted(dataset, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    original = f"{_article(1)} {FILLER}"
    copy = original.replace("Report number 1. ", "By our correspondent. ").replace(
        "at night.", "at night, the statement added."
    )
    (folder / "kirkuknow.txt").write_text(original, encoding="utf-8")
    (folder / "syndicated.txt").write_text(copy, encoding="utf-8")
    summary = dataset.ingest(folder, extractor=extract)
    assert summary.copies == 1
    assert summary.reports == 1  # the copy is not extracted again
    (ev,) = dataset.events()
    assert ev.fatalities == 2
    roles = sorted(role for _, role in dataset.sources(ev.event_id_cnty))
    assert roles == ["copy", "report"]
    docs = {d.source: d for d in dataset.documents()}
    assert docs["syndicated.txt"].meta["duplicate_of"] == docs["kirkuknow.txt"].id
    assert "syndicated.txt" in ev.source
    assert dataset.documents(copies=False)[0].source == "kirkuknow.txt"
    # The copy arriving in a later run is linked the same way.
    later = tmp_path / "later"
    later.mkdir()
    (later / "third.txt").write_text(copy.replace("the statement", "a spokesman"), "utf-8")
    again = dataset.ingest(later, extractor=extract)
    assert again.copies == 1 and dataset.stats()["events"] == 1


def test_bad_input_is_skipped_with_reasons(dataset, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(_article(3), encoding="utf-8")
    (folder / "bytes.txt").write_bytes(b"killed \x81\x8d\x8f\x90 in")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "fails.txt").write_text("RAISE " + _article(5), encoding="utf-8")
    good_line = json.dumps({"text": _article(6), "date": "2021-03-01"})
    (folder / "corpus.jsonl").write_text(
        good_line + '\n{"text": broken\n\n[1, 2]\n{"title": "x"}\n', encoding="utf-8"
    )
    (folder / "table.csv").write_text(
        f'body,date\n"{_article(7)}",2021-03-02\n,2021-03-03\n', encoding="utf-8"
    )
    summary = dataset.ingest(folder, extractor=extract)
    assert summary.stored == 3  # good.txt, one JSONL line, one CSV row
    reasons = summary.skipped_by_reason()
    assert reasons["broken JSON"] == 1
    assert reasons["undecodable bytes"] == 1
    assert reasons["no text"] == 2  # the JSONL record and the CSV row without text
    assert reasons["not a JSON object"] == 1
    assert reasons["empty file"] == 1
    assert reasons["extraction failed"] == 1
    # A document whose extraction failed is not stored, so the next run tries again.
    assert dataset.document(flashpoint.Document(text="RAISE " + _article(5)).id) is None
    run = dataset.runs(1)[0]
    assert run["status"] == "done" and run["stats"]["skipped"] == len(summary.skipped)


def test_progress_reports_documents_and_events(dataset, tmp_path):
    folder = _corpus(tmp_path / "news", 5)
    seen = []
    dataset.ingest(folder, extractor=extract, on_progress=lambda s: seen.append(s.stored))
    assert seen and seen[-1] == 5 and seen == sorted(seen)


def test_kill_mid_run_then_rerun_finishes_without_duplicates(db_url, tmp_path):
    n = 30
    folder = _corpus(tmp_path / "news", n)
    script = (
        "import sys, flashpoint, toy\n"
        "flashpoint.open(sys.argv[1]).ingest(sys.argv[2], extractor=toy.extract, batch_size=1)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(HERE), "TOY_DELAY": "0.15"}
    proc = subprocess.Popen([sys.executable, "-c", script, db_url, str(folder)], env=env)
    try:
        deadline = time.monotonic() + 90
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            try:
                probe = Store(db_url)
                stored = probe.stats()["documents"]
                probe.close()
            except Exception:
                continue  # the database may not exist for the first instants
            if stored >= 5:
                break
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert 5 <= stored < n

    with flashpoint.open(db_url) as ds:
        partial = ds.stats()
        assert partial["documents"] < n
        assert partial["reports"] == partial["documents"]  # no document without its events
        assert ds.runs(1)[0]["status"] == "running"  # as the killed process left it
        rerun = ds.ingest(folder, extractor=extract)
        assert [r["status"] for r in ds.runs(2)] == ["done", "interrupted"]
        assert rerun.already == partial["documents"]
        assert rerun.stored == n - partial["documents"]
        stats = ds.stats()
        docs = ds.documents()
        events = ds.events()
    assert stats["documents"] == n and len({d.id for d in docs}) == n
    assert stats["reports"] == n
    # The same corpus ingested in one go gives the same events.
    with flashpoint.open(tmp_path / "clean.db") as clean:
        clean.ingest(folder, extractor=extract)
        expected = clean.events()
    key = lambda e: (e.event_date, e.location, e.fatalities_low, e.fatalities_high)  # noqa: E731
    assert sorted(map(key, events)) == sorted(map(key, expected))
    assert len(events) == len({e.event_id_cnty for e in events})


def test_two_ingests_at_once_into_one_database(db_url, tmp_path):
    first = _corpus(tmp_path / "first", 20)
    second = tmp_path / "second"
    second.mkdir()
    for i in range(10, 30):  # ten documents in both folders
        (second / f"doc{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    flashpoint.open(db_url).close()  # the schema exists before both start
    script = (
        "import sys, flashpoint, toy\n"
        "flashpoint.open(sys.argv[1]).ingest(sys.argv[2], extractor=toy.extract, batch_size=1)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(HERE), "TOY_DELAY": "0.01"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, str(folder)], env=env, stderr=subprocess.PIPE
        )
        for folder in (first, second)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()[-2000:]
    with flashpoint.open(db_url) as ds:
        stats = ds.stats()
        ds.dedup()  # settles any incident two runs saw at the same instant
        events = ds.events()
    assert stats["documents"] == 30 and stats["reports"] == 30
    with flashpoint.open(tmp_path / "clean.db") as clean:
        clean.ingest([first, second], extractor=extract)
        expected = clean.events()
    key = lambda e: (e.event_date, e.location, e.fatalities_low, e.fatalities_high)  # noqa: E731
    assert sorted(map(key, events)) == sorted(map(key, expected))


def test_documents_given_directly_with_string_or_missing_dates(dataset):
    text = "Two policemen were killed in Mosul on 2021-02-11 by Islamic State."
    dated = flashpoint.Document(text=text, published="2021-02-12", source="A")
    undated = flashpoint.Document(text=text.replace("Two", "Three"), source="B")
    summary = dataset.ingest([dated, undated], extractor=extract, published="2021-02-13")
    assert summary.stored == 2
    by_source = {d.source: d.published.isoformat() for d in dataset.documents()}
    assert by_source == {"A": "2021-02-12", "B": "2021-02-13"}
    junk = flashpoint.Document(text="Four soldiers were killed.", published="not a date")
    assert dataset.ingest(junk, extractor=extract).stored == 1
    assert dataset.document(junk.id).published is None
