"""Pieces of the LLM backend that need no server: quotes, settings, replies, schema."""

from __future__ import annotations

import pytest

from flashpoint.nlp.llm import LLMConfigError, LLMSettings
from flashpoint.nlp.llm.client import parse_json_text
from flashpoint.nlp.llm.quotes import FoldedText, locate
from flashpoint.nlp.llm.schema import parse_reply, reply_schema

TEXT = (
    "Other news first. On Monday, IS fighters  attacked a\npolice post in Arab Koy "
    "village, killing two policemen; ISIS later said it was behind the “raid”."
)


def found(quote: str, **kw) -> str | None:
    span = locate(FoldedText(TEXT), quote, **kw)
    return TEXT[span[0] : span[1]] if span else None


def test_exact_folded_and_bounded_quotes():
    assert found("IS fighters") == "IS fighters"
    assert found("IS") == "IS"  # a word, never the start of "ISIS"
    assert found("is fighters attacked a police post") == "IS fighters  attacked a\npolice post"
    assert found('"raid"') == "raid"  # the quote marks are the model's
    assert found('behind the "raid"') == "behind the “raid”"  # curly and straight marks
    assert found("Tuesday") is None
    assert found("police", lo=0, hi=20) is None  # outside the window


def test_long_quotes_with_small_slips_and_cuts():
    # A word dropped by the model: anchored on its first and last words.
    q = "On Monday, IS fighters attacked a police post in Arab Koy, killing two policemen"
    assert found(q).startswith("On Monday") and found(q).endswith("two policemen")
    assert found("On Monday ... killing two policemen").endswith("two policemen")
    assert found(q, fuzzy=False) is None
    assert found("A car bomb went off in a crowded market in Baghdad on Tuesday evening") is None


def test_settings_checks_and_env(monkeypatch):
    with pytest.raises(LLMConfigError, match="server URL"):
        LLMSettings(model="m").checked()
    with pytest.raises(LLMConfigError, match="model name"):
        LLMSettings(url="http://127.0.0.1:1/v1").checked()
    s = LLMSettings(url="http://127.0.0.1:1/v1/chat/completions/", model="m").checked()
    assert s.url == "http://127.0.0.1:1/v1"
    monkeypatch.setenv("FLASHPOINT_LLM_URL", "http://127.0.0.1:2/v1")
    monkeypatch.setenv("FLASHPOINT_LLM_MODEL", "env")
    monkeypatch.setenv("FLASHPOINT_LLM_API_KEY", "secret-key")
    monkeypatch.setenv("FLASHPOINT_LLM_TIMEOUT", "7")
    s = LLMSettings.from_env(model="given")
    assert (s.url, s.model, s.api_key, s.timeout) == (
        "http://127.0.0.1:2/v1",
        "given",
        "secret-key",
        7,
    )
    assert "secret-key" not in repr(s)
    monkeypatch.setenv("FLASHPOINT_LLM_TIMEOUT", "soon")
    with pytest.raises(LLMConfigError, match="FLASHPOINT_LLM_TIMEOUT"):
        LLMSettings.from_env()


def test_json_in_reply_text():
    assert parse_json_text('{"events": []}') == {"events": []}
    assert parse_json_text('<think>hmm {no}</think>\n```json\n{"events": [1]}\n```') == {
        "events": [1]
    }
    assert parse_json_text('Sure! {"events": []} Hope this helps.') == {"events": []}
    with pytest.raises(ValueError, match="no JSON"):
        parse_json_text("I cannot do that.")


def test_reply_validation():
    records, dropped = parse_reply(
        {
            "events": [
                {"sub_event_type": "peaceful protest", "evidence": "x", "fatalities": -1},
                {"sub_event_type": "Riot", "evidence": "y"},
                {"evidence": "no type"},
                {
                    "sub_event_type": "Arrests",
                    "evidence": "z",
                    "actor1": {"name": "Police", "kind": "State"},
                    "date": "2021-02-31",
                    "time_precision": 7,
                },
            ]
        }
    )
    assert [r.sub_event_type for r in records] == ["Peaceful protest", "Arrests"]
    assert records[0].fatalities is None and records[0].resolved_event_type == "Protests"
    assert records[1].actor1.kind == "state"
    assert records[1].date is None and records[1].time_precision is None
    assert len(dropped) == 2 and "not an ACLED sub-event type" in dropped[0]
    with pytest.raises(ValueError):
        parse_reply({"events": {"a": 1}})
    with pytest.raises(ValueError):
        parse_reply("events")


def test_schema_is_strict_everywhere():
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for v in node.values():
                yield from objects(v)
        elif isinstance(node, list):
            for v in node:
                yield from objects(v)

    schema = reply_schema()
    found_objects = list(objects(schema))
    assert len(found_objects) == 3  # the reply, an event, an actor
    for obj in found_objects:
        assert obj["additionalProperties"] is False
        assert set(obj["required"]) == set(obj["properties"])
    assert "default" not in str(schema) and "title" not in schema
