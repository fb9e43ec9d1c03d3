import pytest

from flashpoint.nlp.extract.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two", 2),
        ("Twenty-five", 25),
        ("12", 12),
        ("1,200", 1200),
        ("three hundred and forty two", 342),
        ("at least 7", 7),
        ("more than two dozen", 24),
        ("a dozen", 12),
        ("several", 10),
        ("dozens", 12),
        ("hundreds", 100),
        ("a number of", 3),
    ],
)
def test_number_words_and_vague_quantities(text, value):
    assert parse_number(text) == value


def test_not_a_number():
    assert parse_number("soldiers") is None
    assert parse_number("") is None
