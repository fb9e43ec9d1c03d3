from flashpoint.nlp.clean import clean


def test_repeated_paragraph_is_dropped_and_offsets_map_back():
    para = "Gunmen attacked a police checkpoint in the town on Monday, killing two officers."
    text = f"Intro line about the region.\n{para}\n{para}\nA different closing sentence here."
    ct = clean(text)
    assert ct.text.count("Gunmen attacked") == 1
    assert "closing sentence" in ct.text
    start = ct.text.index("killing two")
    o_start, o_end = ct.span_to_original(start, start + len("killing two"))
    assert text[o_start:o_end] == "killing two"


def test_repeated_sentence_inside_new_paragraph_is_dropped():
    s = "Three soldiers were killed by a roadside bomb near the village on Sunday."
    text = f"{s} Officials gave no details.\n\nFollow-up report. {s}"
    ct = clean(text)
    assert ct.text.count("Three soldiers") == 1
    assert "Follow-up report." in ct.text
    # Everything kept is a verbatim slice of the original.
    after = ct.text.index("Follow-up")
    o, _ = ct.span_to_original(after, after + 9)
    assert text[o : o + 9] == "Follow-up"


def test_short_sentences_may_repeat_in_different_paragraphs():
    text = "Police said. A bomb exploded in the market.\nPolice said. Gunmen fled the town later."
    assert clean(text).text.count("Police said.") == 2


def test_boilerplate_lines_are_dropped():
    text = "Share this article\nGunmen killed two farmers near the village.\nAdvertisement"
    ct = clean(text)
    assert "Share this" not in ct.text and "Advertisement" not in ct.text
    assert "Gunmen killed" in ct.text


def test_empty_and_whitespace_text():
    assert clean("").text == ""
    assert clean("   \n\n  ").text == ""


def test_a_repeat_cut_off_mid_sentence_is_dropped():
    s = "The army said its jets struck three militant hideouts in the valley on Monday night."
    text = f"{s} Nobody was hurt.\n\nOther news of the day.\n\n{s[:50]}"
    ct = clean(text)
    assert ct.text.count("struck three") == 1
    assert "Other news of the day." in ct.text
