"""The relevance pre-filter: what reaches the parser and why (texts written for the tests)."""

from __future__ import annotations

from flashpoint.nlp.prefilter import is_relevant, relevance
from flashpoint.pipeline import Pipeline, PipelineConfig
from flashpoint.pipeline import is_relevant as pipeline_is_relevant

MATCH = (
    "Rovers beat United 3-1 on Saturday. Their late attack paid off when the striker "
    "shot low into the corner, and the battle for the title goes on; the captain limped "
    "off injured."
)
MARKETS = "Shares rallied as the price war between the two airlines eased; oil prices fell."
STORM = "A storm is expected to hit the coast on Friday, with winds of 80 mph."


def test_violence_protest_and_arrest_words_pass_on_their_own():
    assert is_relevant("Gunmen opened fire on a minibus near the market on Monday.")
    assert is_relevant("Hundreds of protesters gathered outside the governor's office.")
    assert is_relevant("Police arrested four suspects after the raid.")
    assert relevance("Riot police fired tear gas at the crowd.").strong == (
        "riot",
        "tear gas",
    )


def test_sports_markets_and_weather_stay_out_despite_violent_metaphors():
    for text in (MATCH, MARKETS, STORM):
        rel = relevance(text)
        assert not rel, rel
    assert relevance(MATCH).weak  # the metaphors are seen, but no actor stands behind them


def test_ambiguous_words_count_beside_an_armed_or_security_actor():
    assert not is_relevant("The attack on the budget was fierce.")
    assert is_relevant("Isis claimed the attack on the checkpoint.")
    assert is_relevant("The army said the attack was repelled.")
    # "IS" counts only written as the acronym, not as the verb.
    assert relevance("The group known as IS claimed the attack.").actors == ("is",)
    assert not is_relevant("The attack is what the fans remember.")


def test_multiword_terms_match_across_hyphens_and_spaces():
    assert relevance("An air-strike hit the bridge.").strong == ("air-strike",)  # as written
    assert is_relevant("Teachers began a sit-in at the ministry.")
    assert not is_relevant("Parents sit in the stands every week.")


def test_seed_article_passes(seed_text):
    assert is_relevant(seed_text)


def test_pipeline_counts_the_documents_it_sets_aside():
    from flashpoint.models import Document

    pipeline = Pipeline(PipelineConfig(geocode=False))
    docs = [Document(text=MATCH), Document(text=MARKETS)]
    assert [evs for _, evs in pipeline.process(docs)] == [[], []]
    assert pipeline.stats["filtered"] == 2 and pipeline.stats["documents"] == 2
    assert pipeline_is_relevant is is_relevant
