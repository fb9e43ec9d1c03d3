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
        ("Suicide bombers killed more than two dozen people in the city.", 24, 0),
        ("A fourth soldier was injured in the same attack.", 0, 1),
        ("No one was hurt in the blast.", 0, 0),
        # An "of" phrase after the verb, and the vague "a number of" in quotes.
        ("Gunmen opened fire, killing two of them and injuring of three others.", 2, 3),
        ("The raid killed \u201ca number\u201d of militants, the army said.", 3, 0),
        ("A dozen soldiers were wounded in the ambush.", 0, 12),
        # "Executing the attack" carries out an attack; it kills no one.
        ("The attackers fled after executing the attack.", 0, 0),
    ],
)
def test_counts_in_words_and_digits(nlp, text, killed, hurt):
    assert counts(nlp, text) == (killed, hurt)
