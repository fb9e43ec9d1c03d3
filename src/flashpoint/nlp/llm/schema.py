"""The event record a model is asked for, as a JSON schema and as a validator.

The model names what it read and where: every value comes with the words of the text
it was read from (`evidence`, `trigger`, `quote`, `date_text`, `place_text`), so that
flashpoint can find them in the report, give character spans, and resolve actors,
dates and places with its own tables and gazetteer rather than trust the model's.
Validation is lenient about form (a count given as "3", a kind in capitals) and strict
about meaning (a sub-event type outside ACLED's taxonomy drops the event).
"""

from __future__ import annotations

import copy
import logging
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from flashpoint.resources import read_toml

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, str]:
    """ACLED sub-event type -> its event type."""
    out: dict[str, str] = {}
    for etype in read_toml("taxonomy.toml")["type"]:
        for sub in etype["sub"]:
            out[sub["name"]] = etype["name"]
    return out


@lru_cache(maxsize=1)
def actor_kinds() -> tuple[str, ...]:
    """ACLED's eight actor categories (flashpoint's own `police` is not one)."""
    return tuple(k for k in read_toml("taxonomy.toml")["inter"] if k != "police")


def _none_if_blank(v: Any) -> Any:
    if isinstance(v, str) and v.strip().lower() in ("", "null", "none", "n/a", "unknown"):
        return None
    return v


class ActorRecord(BaseModel):
    """One side of an event: its name, ACLED category and the words naming it."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = Field(None, description="Canonical name, e.g. 'Islamic State'.")
    kind: str | None = Field(None, description="ACLED actor category.")
    quote: str | None = Field(None, description="The words of the text that name this actor.")

    @field_validator("name", "quote", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        return _none_if_blank(v)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> Any:
        v = _none_if_blank(v)
        if v is None:
            return None
        key = str(v).strip().lower().replace(" ", "_").replace("-", "_")
        return key if key in actor_kinds() else None


class EventRecord(BaseModel):
    """One event as the model codes it."""

    model_config = ConfigDict(extra="ignore")

    event_type: str | None = Field(None, description="ACLED event type.")
    sub_event_type: str = Field(description="ACLED sub-event type.")
    evidence: str = Field(description="The sentence(s) of the text that report it, verbatim.")
    trigger: str | None = Field(
        None, description="The word(s) of the evidence that say what happened."
    )
    actor1: ActorRecord | None = Field(None, description="Who initiated or perpetrated it.")
    actor2: ActorRecord | None = Field(None, description="The target or the other side.")
    fatalities: int | None = Field(None, description="Number killed, all sides.")
    fatalities_quote: str | None = Field(None, description="The words giving that number.")
    injuries: int | None = Field(None, description="Number injured.")
    injuries_quote: str | None = Field(None, description="The words giving that number.")
    date_text: str | None = Field(None, description="The time phrase of the text, verbatim.")
    date: str | None = Field(None, description="YYYY-MM-DD, against the publication date.")
    time_precision: int | None = Field(None, description="1 day, 2 week, 3 month.")
    place_text: str | None = Field(
        None, description="The place phrase of the text, verbatim (e.g. 'a village near X')."
    )

    @field_validator(
        "event_type",
        "trigger",
        "fatalities_quote",
        "injuries_quote",
        "date_text",
        "place_text",
        mode="before",
    )
    @classmethod
    def _text(cls, v: Any) -> Any:
        return _none_if_blank(v)

    @field_validator("sub_event_type", mode="before")
    @classmethod
    def _sub(cls, v: Any) -> Any:
        if not isinstance(v, str):
            return v
        wanted = " ".join(v.split()).lower()
        for name in taxonomy():
            if name.lower() == wanted:
                return name
        raise ValueError(f"not an ACLED sub-event type: {v!r}")

    @field_validator("fatalities", "injuries", mode="before")
    @classmethod
    def _count(cls, v: Any) -> Any:
        v = _none_if_blank(v)
        if v is None or isinstance(v, bool):
            return None
        try:
            n = int(float(v))
        except (TypeError, ValueError):
            return None  # "several": the count is left to the quote's reading
        return n if n >= 0 else None

    @field_validator("time_precision", mode="before")
    @classmethod
    def _precision(cls, v: Any) -> Any:
        try:
            n = int(v)
        except (TypeError, ValueError):
            return None
        return n if n in (1, 2, 3) else None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        v = _none_if_blank(v)
        if v is None:
            return None
        try:
            return date.fromisoformat(str(v).strip()[:10]).isoformat()
        except ValueError:
            return None

    @field_validator("actor1", "actor2", mode="before")
    @classmethod
    def _actor(cls, v: Any) -> Any:
        if isinstance(v, str):  # a bare name
            return {"name": v} if _none_if_blank(v) else None
        return v

    @property
    def resolved_event_type(self) -> str:
        """The event type of the sub-event type (the model's own may disagree)."""
        return taxonomy()[self.sub_event_type]


class Reply(BaseModel):
    events: list[dict[str, Any]] = Field(default_factory=list)


def parse_reply(value: Any) -> tuple[list[EventRecord], list[str]]:
    """Valid event records of a reply and the reasons for the ones dropped.

    The reply is `{"events": [...]}` (or, from a server without schemas, a bare list);
    anything else raises `ValueError`.
    """
    if isinstance(value, list):
        value = {"events": value}
    if not isinstance(value, dict) or not isinstance(value.get("events", []), list):
        raise ValueError(f"expected an object with an 'events' list, got {type(value).__name__}")
    try:
        reply = Reply.model_validate(value)
    except ValidationError as exc:
        raise ValueError(f"malformed reply: {exc.errors()[0]['msg']}") from None
    records, dropped = [], []
    for i, raw in enumerate(reply.events):
        try:
            records.append(EventRecord.model_validate(raw))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            dropped.append(f"event {i}: {where}: {err['msg']}")
    return records, dropped


def _strict(node: Any) -> None:
    """Make a pydantic schema fit strict structured-output rules: every property
    required (nullable where optional), no extra properties, no titles or defaults."""
    if isinstance(node, dict):
        node.pop("title", None)
        node.pop("default", None)
        if node.get("type") == "object" and "properties" in node:
            node["required"] = list(node["properties"])
            node["additionalProperties"] = False
        for v in node.values():
            _strict(v)
    elif isinstance(node, list):
        for v in node:
            _strict(v)


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    event = EventRecord.model_json_schema()
    defs = event.pop("$defs", {})
    subs = list(taxonomy())
    types = sorted(set(taxonomy().values()))
    props = event["properties"]
    props["sub_event_type"] = {
        "type": "string",
        "enum": subs,
        "description": "ACLED sub-event type.",
    }
    props["event_type"] = {"anyOf": [{"type": "string", "enum": types}, {"type": "null"}]}
    actor = defs["ActorRecord"]
    actor["properties"]["kind"] = {
        "anyOf": [{"type": "string", "enum": list(actor_kinds())}, {"type": "null"}]
    }
    schema = {
        "type": "object",
        "properties": {"events": {"type": "array", "items": event}},
        "$defs": defs,
    }
    _strict(schema)
    return schema


def reply_schema() -> dict[str, Any]:
    """The JSON schema of a reply (a fresh copy: callers may change it)."""
    return copy.deepcopy(_schema())
