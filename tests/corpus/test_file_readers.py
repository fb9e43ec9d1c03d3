"""Text files, folders, JSONL and CSV corpora (column choice, defaults, bad rows)."""

from __future__ import annotations

import json
from datetime import date

from flashpoint.ingest.readers import Columns, read_inputs
from flashpoint.ingest.skips import collect_skips


def test_folder_is_read_recursively_by_glob(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "one.txt").write_text("First report.", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text("Second report.", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("Third report.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with collect_skips() as skipped:
        texts = sorted(d.text for d in read_inputs([str(tmp_path)], published="2021-02-17"))
    assert texts == ["First report.", "Second report.", "Third report."]
    assert [s.kind for s in skipped] == ["unsupported file type .png"]
    only_txt = [d.text for d in read_inputs([str(tmp_path)], pattern="a/**/*.txt")]
    assert only_txt == ["Second report."]
    (doc,) = read_inputs([str(tmp_path / "one.txt")], published="2021-02-17")
    assert doc.published == date(2021, 2, 17)


def test_jsonl_defaults_and_chosen_keys(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [
        {"id": "r1", "body": "Report one.", "date": "2021-02-11", "url": "http://x/1"},
        {"headline": "T", "story": "Report two.", "pubdate": "Thu, 11 Feb 2021 10:00:00 GMT"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    one, two = read_inputs([str(path)])
    assert (one.id, one.text, one.published, one.url) == (
        "r1",
        "Report one.",
        date(2021, 2, 11),
        "http://x/1",
    )
    assert (two.text, two.title, two.published) == ("Report two.", "T", date(2021, 2, 11))
    (chosen,) = read_inputs([str(path)], columns=Columns(text="story", date="pubdate"))
    assert chosen.text == "Report two."


def test_csv_columns_by_flag_and_bad_rows(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(
        b"doc,when,article,outlet\n"
        b'a1,2021-02-11,"Two policemen, sources said, were killed.",KirkukNow\n'
        b"a2,2021-02-12,,Rudaw\n"
        b'a3,2021-02-13,"Bad \xff\xfe bytes",X\n'
        b'a4,not a date,"Third, with a bad date.",Y\n'
    )
    with collect_skips() as skipped:
        docs = list(
            read_inputs(
                [str(path)], columns=Columns(text="article", date="when", id="doc", source="outlet")
            )
        )
    assert [d.id for d in docs] == ["a1", "a4"]
    assert docs[0].text == "Two policemen, sources said, were killed."
    assert docs[0].source == "KirkukNow" and docs[0].published == date(2021, 2, 11)
    assert docs[1].published is None
    assert sorted(s.kind for s in skipped) == ["no text in column 'article'", "undecodable bytes"]
    # Semicolon-separated files and the usual column names need no flags.
    semi = tmp_path / "semi.csv"
    semi.write_text('title;text;date\nHead;"One; two.";2021-01-05\n', encoding="utf-8")
    (doc,) = read_inputs([str(semi)])
    assert (doc.title, doc.text, doc.published) == ("Head", "One; two.", date(2021, 1, 5))


def test_missing_column_and_missing_file_are_reported(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("body\tdate\nText here.\t2021-01-01\n", encoding="utf-8")
    with collect_skips() as skipped:
        assert list(read_inputs([str(path)], columns=Columns(text="content"))) == []
        assert list(read_inputs([str(tmp_path / "nope.txt")])) == []
    assert [s.kind for s in skipped] == ["no column 'content'", "no such file"]
    (doc,) = read_inputs([str(path)])
    assert doc.text == "Text here."
