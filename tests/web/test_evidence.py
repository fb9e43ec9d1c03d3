"""Framing an evidence span by its sentence."""

from __future__ import annotations

from flashpoint.web.evidence import sentence_context


def test_sentence_around_a_span_ignores_abbreviation_periods():
    text = "Earlier news. On Feb. 11, Mr. Smith was shot in St. Louis by gunmen. Then rain."
    start = text.index("was shot")
    ctx = sentence_context(text, start, start + 8, "was shot")
    assert ctx["before"] == "On Feb. 11, Mr. Smith "
    assert ctx["match"] == "was shot"
    assert ctx["after"] == " in St. Louis by gunmen."


def test_line_breaks_end_sentences():
    text = "Headline without stop\nTwo people were killed in Mosul\nMore"
    start = text.index("killed")
    ctx = sentence_context(text, start, start + 6, "killed")
    assert ctx["before"] == "Two people were " and ctx["after"] == " in Mosul"


def test_offsets_that_drifted_are_found_by_the_words():
    text = "Intro. Three soldiers died near Kirkuk."
    ctx = sentence_context(text, 2, 7, "soldiers")
    assert ctx["match"] == "soldiers" and ctx["start"] == text.index("soldiers")
    assert sentence_context(text, 2, 7, "absent words") is None


def test_long_sentences_are_cut_around_the_span():
    text = "a" * 2000 + " killed " + "b" * 2000
    start = text.index("killed")
    ctx = sentence_context(text, start, start + 6, "killed")
    assert len(ctx["before"]) <= 400 and len(ctx["after"]) <= 400
