"""The LLM backend against a stub OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import logging

import pytest

from flashpoint.nlp.llm import LLMSettings
from flashpoint.pipeline import Pipeline, PipelineConfig

from .reports import BOMB, CLASH, INVENTED, PUBLISHED, REPORT, document, reply
from .stub import Canned

pytestmark = pytest.mark.slow


def pipeline(stub, **settings) -> Pipeline:
    settings.setdefault("model", "test-model")
    settings.setdefault("backoff", 0.0)
    return Pipeline(PipelineConfig(backend="llm", llm=LLMSettings(url=stub.url, **settings)))


def run(p: Pipeline, *docs) -> list[list]:
    return [events for _, events in p.process(list(docs))]


def test_events_come_out_resolved_merged_and_coded(stub, caplog):
    # The model tells the clash twice and invents a third event.
    stub.reply(reply(CLASH, BOMB, INVENTED, CLASH))
    p = pipeline(stub, api_key="sekret")
    with caplog.at_level(logging.INFO, logger="flashpoint"):
        (events,) = run(p, document())
    assert len(events) == 2
    clash, bomb = events

    assert (clash.event_type, clash.sub_event_type) == ("Battles", "Armed clash")
    assert clash.actor1 == "Islamic State (Iraq)"  # "Daesh" through the alias table
    assert clash.actor2 == "Military Forces of Iraq"
    assert (clash.inter1, clash.inter2, clash.interaction) == (2, 1, 12)
    assert clash.disorder_type == "Political violence"
    assert (clash.event_date, clash.time_precision) == ("2021-02-08", 1)
    assert clash.location == "Tikrit" and clash.admin1 == "Salahaddin"
    assert abs(clash.latitude - 34.6) < 0.1 and abs(clash.longitude - 43.68) < 0.1
    assert clash.geo_precision == 2  # "near Tikrit"
    assert (clash.fatalities, clash.injuries) == (3, 2)
    assert clash.country == "Iraq" and clash.iso == 368

    assert bomb.sub_event_type == "Remote explosive/landmine/IED"
    assert bomb.actor1 == "Unidentified Armed Group (Iraq)"  # an unclaimed bomb
    assert bomb.actor2 == "Civilians (Iraq)"
    assert bomb.civilian_targeting == "Civilian targeting"
    assert bomb.event_date == "2021-02-03"  # "Feb. 3" against the publication year
    assert bomb.location == "Mosul" and bomb.geo_precision == 1

    # Every coded field points at the words of the report it was read from.
    for ev in events:
        for field, span in ev.evidence.items():
            assert REPORT[span.start : span.end] == span.text, field
    assert clash.evidence["event"].text.startswith("On Monday, Daesh fighters attacked")
    assert clash.evidence["actor1"].text == "Daesh"
    assert clash.evidence["fatalities"].text == "killing three soldiers"
    assert clash.evidence["event_date"].text == "Monday"
    assert clash.evidence["location"].text == "Tikrit"
    assert bomb.evidence["event"].text.endswith("killing a civilian.")
    assert bomb.evidence["sub_event_type"].text == "roadside bomb"

    assert "evidence is not in the text" in caplog.text and "stormed a police" in caplog.text
    assert p.backend.stats["events_unquoted"] == 1

    # What went to the server.
    (req,) = stub.requests
    assert req.path == "/v1/chat/completions"
    assert req.headers["authorization"] == "Bearer sekret"
    assert req.body["model"] == "test-model"
    assert req.body["temperature"] == 0
    fmt = req.body["response_format"]
    assert fmt["type"] == "json_schema"
    item = fmt["json_schema"]["schema"]["properties"]["events"]["items"]
    assert "Armed clash" in item["properties"]["sub_event_type"]["enum"]
    assert item["additionalProperties"] is False
    assert set(item["required"]) == set(item["properties"])
    system, user = req.body["messages"]
    assert system["role"] == "system" and "Remote explosive/landmine/IED" in system["content"]
    assert PUBLISHED.isoformat() in user["content"] and "Country: Iraq" in user["content"]
    assert REPORT.strip() in user["content"]


def test_no_key_no_authorization_header(stub):
    stub.reply(reply(BOMB))
    (events,) = run(pipeline(stub), document())
    assert len(events) == 1
    assert "authorization" not in stub.requests[0].headers


def test_key_from_the_environment(stub, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_LLM_URL", stub.url)
    monkeypatch.setenv("FLASHPOINT_LLM_MODEL", "env-model")
    monkeypatch.setenv("FLASHPOINT_LLM_API_KEY", "from-env")
    stub.reply(reply(BOMB))
    (events,) = run(Pipeline(PipelineConfig(backend="llm")), document())
    assert len(events) == 1
    assert stub.requests[0].headers["authorization"] == "Bearer from-env"
    assert stub.requests[0].body["model"] == "env-model"


def test_server_without_json_schema_gets_json_object(stub, caplog):
    def refuse_schema(seen):
        fmt = seen.body.get("response_format") or {}
        if fmt.get("type") == "json_schema":
            return Canned(400, json.dumps({"error": "response_format json_schema unsupported"}))
        return None

    stub.rule = refuse_schema
    stub.reply(reply(CLASH))
    stub.reply(reply(BOMB))
    p = pipeline(stub)
    with caplog.at_level(logging.INFO, logger="flashpoint"):
        first, second = run(p, document(), document(REPORT + "\n"))
    assert [e.sub_event_type for e in first] == ["Armed clash"]
    assert [e.sub_event_type for e in second] == ["Remote explosive/landmine/IED"]
    kinds = [(r.body.get("response_format") or {}).get("type") for r in stub.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]  # the step down is kept
    assert "refused response_format json_schema" in caplog.text


def test_plain_text_reply_with_a_fence(stub):
    stub.reply("Here are the events:\n```json\n" + json.dumps(reply(BOMB)) + "\n```\n")
    (events,) = run(pipeline(stub, response_format="text"), document())
    assert [e.location for e in events] == ["Mosul"]
    assert "response_format" not in stub.requests[0].body


def test_bare_list_and_lenient_values(stub):
    odd = dict(CLASH, sub_event_type="armed  CLASH", fatalities="3", injuries="several")
    odd["actor1"] = "ISIS"  # a bare name, no quote: found through the alias table
    stub.reply([odd])
    (events,) = run(pipeline(stub), document())
    (ev,) = events
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 == "Islamic State (Iraq)"
    assert ev.evidence["actor1"].text == "Daesh"
    assert (ev.fatalities, ev.injuries) == (3, 0)


def test_invalid_event_is_dropped_not_the_document(stub, caplog):
    bad = dict(CLASH, sub_event_type="Massacre")
    stub.reply(reply(bad, BOMB))
    with caplog.at_level(logging.INFO, logger="flashpoint"):
        (events,) = run(pipeline(stub), document())
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]
    assert "not an ACLED sub-event type" in caplog.text


def test_names_the_report_never_gives_are_reduced_to_their_category(stub):
    # The model "knows" who planted the bomb; the report does not say.
    claimed = dict(BOMB, actor1={"name": "Al Shabaab", "kind": "rebel", "quote": None})
    stub.reply(reply(claimed))
    (events,) = run(pipeline(stub), document())
    assert events[0].actor1 == "Unidentified Armed Group (Iraq)"
    assert events[0].inter1 == 2  # the model's category is kept
    assert "actor1" not in events[0].evidence


def test_an_actor_missing_from_the_alias_table_keeps_the_models_name(stub):
    text = "On Monday, Saraya Awliya al-Dam fighters fired rockets at a base near Tikrit."
    event = {
        "sub_event_type": "Shelling/artillery/missile attack",
        "evidence": text,
        "trigger": "fired rockets",
        "actor1": {
            "name": "Saraya Awliya al-Dam",
            "kind": "political_militia",
            "quote": "Saraya Awliya al-Dam",
        },
        "date_text": "On Monday",
        "place_text": "near Tikrit",
    }
    stub.reply(reply(event))
    (events,) = run(pipeline(stub), document(text))
    (ev,) = events
    assert ev.actor1 == "Saraya Awliya al-Dam" and ev.inter1 == 3
    assert ev.evidence["actor1"].text == "Saraya Awliya al-Dam"
    assert ev.event_date == "2021-02-08"


def test_long_reports_go_in_pieces(stub):
    filler = "".join(
        f"On its {n}th sitting the council discussed the budget and {n} new roads.\n\n"
        for n in range(4, 16)
    )
    text = filler + REPORT
    stub.reply(reply())
    stub.reply(reply(CLASH, BOMB))
    (events,) = run(pipeline(stub, max_chars=600), document(text))
    assert len(stub.requests) >= 2
    assert "part 1 of" in stub.requests[0].body["messages"][1]["content"]
    assert [e.location for e in events] == ["Tikrit", "Mosul"]
    for ev in events:
        span = ev.evidence["event"]
        assert text[span.start : span.end] == span.text


BAD_REPLIES = {
    "not json": (
        [Canned(200, '{"choices": [{"message": {"content": "I cannot help."}}]}')],
        "no JSON",
    ),
    "wrong shape": (
        [Canned(200, '{"choices": [{"message": {"content": "{\\"events\\": 3}"}}]}')],
        "'events' list",
    ),
    "not a completion": ([Canned(200, '{"result": "ok"}')], "not a chat completion"),
    "cut off": (
        [
            Canned(
                200, '{"choices": [{"message": {"content": "{\\"ev"}, "finish_reason": "length"}]}'
            )
        ],
        "token limit",
    ),
    "server error": ([Canned(500, "boom"), Canned(503, "busy")], "server error 503"),
    "bad key": ([Canned(401, '{"error": "invalid api key"}')], "check the API key"),
    "wrong url": ([Canned(404, "404 page not found")], "not found (404)"),
}


@pytest.mark.parametrize("case", list(BAD_REPLIES))
def test_bad_replies_skip_their_document_only(stub, caplog, case):
    canned, reason = BAD_REPLIES[case]
    stub.queue.extend(canned)
    stub.reply(reply(BOMB))
    p = pipeline(stub, retries=1)
    with caplog.at_level(logging.WARNING, logger="flashpoint"):
        first, second = run(p, document(id="bad"), document(id="good"))
    assert first == []
    assert [e.location for e in second] == ["Mosul"]
    assert "bad: skipped by the llm backend: " in caplog.text
    assert reason in caplog.text
    assert p.backend.stats["skipped"] == 1
    assert p.stats["failed"] == 0  # a logged skip, not a crash


def test_timeouts_are_retried_then_skipped(stub, caplog):
    stub.slow(1.5, reply(BOMB))
    stub.slow(1.5, reply(BOMB))
    stub.reply(reply(BOMB))
    p = pipeline(stub, timeout=0.4, retries=1)
    with caplog.at_level(logging.WARNING, logger="flashpoint"):
        first, second = run(p, document(id="slow"), document(id="quick"))
    assert first == [] and len(second) == 1
    assert "slow: skipped by the llm backend: no answer within 0.4 s (after 2 tries)" in caplog.text


def test_a_retry_after_a_timeout_can_succeed(stub):
    stub.slow(1.5, reply(BOMB))
    stub.reply(reply(BOMB))
    (events,) = run(pipeline(stub, timeout=0.4, retries=1), document())
    assert len(events) == 1 and len(stub.requests) == 2


def test_unreachable_server_is_a_skip(caplog):
    import socket

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = LLMSettings(url=f"http://127.0.0.1:{port}/v1", model="m", retries=0)
    p = Pipeline(PipelineConfig(backend="llm", llm=settings))
    with caplog.at_level(logging.WARNING, logger="flashpoint"):
        (events,) = run(p, document())
    assert events == [] and "cannot reach" in caplog.text
