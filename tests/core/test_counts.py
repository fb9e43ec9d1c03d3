import pytest

from flashpoint.nlp.extract.counts import fatalities, injuries, total

pytestmark = pytest.mark.slow


def counts(nlp, text):
    doc = nlp(text)
    return total(fatalities(doc[:])), total(injuries(doc[:]))


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        (
            "IS fighters assaulted a police point, two policemen were killed and two were injured.",
            2,
            2,
        ),
        ("An Iraqi soldier was killed by a bomb blast southwest of the town.", 1, 0),
        ("Troops stormed the camp, killing 12 fighters and wounding three civilians.", 12, 3),
        ("Twenty-five civilians died when the shell hit the market.", 25, 0),
        ("The death toll rose to 9 on Tuesday.", 9, 0),
        ("Car bombs killed more than three dozen people in the town.", 36, 0),
        ("A fifth policeman was wounded in the same ambush.", 0, 1),
        ("No one was hurt in the blast.", 0, 0),
        # An "of" phrase after the verb, and the vague "a number of" in quotes.
        ("Attackers shot at the guards, killing three of them and wounding of two others.", 3, 2),
        ("Troops killed \u201ca number\u201d of gunmen in the sweep, officials said.", 3, 0),
        ("A dozen soldiers were wounded in the ambush.", 0, 12),
        # "Executing the assault" carries out an attack; it kills no one.
        ("The gunmen withdrew after executing the assault.", 0, 0),
        # "shot dead" in the active and in the passive.
        ("Gunmen shot dead two farmers near the orchards.", 2, 0),
        ("Four marchers were shot dead outside the court on Monday.", 4, 0),
    ],
)
def test_counts_in_words_and_digits(nlp, text, killed, hurt):
    assert counts(nlp, text) == (killed, hurt)
