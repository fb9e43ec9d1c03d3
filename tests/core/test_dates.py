from datetime import date

from flashpoint.nlp.extract.dates import find_time_mentions, infer_reference_date

PUB = date(2021, 2, 17)  # a Wednesday


def one(text, ref=PUB):
    found = find_time_mentions(text, ref)
    assert found, text
    return found[0]


def test_weekday_is_most_recent_on_or_before_publication():
    m = one("Othman Al-Ghanimi on Monday paid a visit to Daquq")
    assert (m.date, m.precision) == (date(2021, 2, 15), 1)
    assert one("the attack on Wednesday").date == PUB


def test_month_day_without_year_takes_publication_year():
    m = one("On Feb. 11, IS fighters assaulted local police")
    assert (m.date, m.precision) == (date(2021, 2, 11), 1)
    # A day after publication is last year's.
    assert one("on December 30", ref=date(2021, 1, 5)).date == date(2020, 12, 30)


def test_relative_days():
    assert one("killed yesterday").date == date(2021, 2, 16)
    m = one("clashes last week")
    assert (m.date, m.precision) == (date(2021, 2, 10), 2)
    assert one("six days ago").date == date(2021, 2, 11)


def test_month_only_is_first_of_month_precision_3():
    m = one("during the fighting in January")
    assert (m.date, m.precision) == (date(2021, 1, 1), 3)


def test_without_publication_date_no_year_means_no_date():
    assert one("on Sunday", ref=None).date is None
    assert one("on Feb. 11", ref=None).date is None
    assert one("on February 11, 2021", ref=None).date == date(2021, 2, 11)


def test_reference_date_from_text():
    text = "Photo taken March 2, 2019.\nPosted November 9, 2021 by staff."
    assert infer_reference_date(text) == date(2021, 11, 9)
    assert infer_reference_date("no dates at all") is None
