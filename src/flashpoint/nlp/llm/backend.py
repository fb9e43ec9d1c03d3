"""The LLM backend: a model behind an OpenAI-compatible API does `detect` + `fill`.

The model reads the cleaned report and answers with event records (`schema`) that
quote the text. Everything after that is flashpoint's own, the same code the rules
backend runs:

- each quote is found in the text (`quotes`): the event's evidence gives its sentences
  (an event whose evidence is not in the text is dropped, with a log line), the
  trigger, actor, count, time and place quotes give character spans;
- actors are named through the alias table (`data/actors.csv`, via
  `actors.find_actors` on the quoted words); a name the table lacks is kept as the
  model gave it when its quote is in the text, and a name the text never gives is
  reduced to its ACLED category (no outside knowledge);
- dates come from the quoted time phrase through `dates.find_time_mentions` against
  the publication date; the model's own date is used only for a phrase those rules
  cannot read;
- places are the gazetteer's (`flashpoint.geo.geoparse`) mentions inside the quoted
  place phrase, ranked by `places.choose`, else the rules' choice for the sentence;
- drafts are merged (`merge.merge`) and coded (`code.code_events`): inter codes,
  interaction, disorder type, civilian targeting, evidence spans, confidence.

A timeout, a server error or a reply that is not the record asked for skips the
document with a logged reason; it never stops a run.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from flashpoint.models import Document, Event, PlaceMention
from flashpoint.nlp.clean import CleanText
from flashpoint.nlp.extract import places as place_choice
from flashpoint.nlp.extract.actors import (
    ActorMention,
    ActorType,
    actor_matcher,
    demonyms,
    find_actors,
)
from flashpoint.nlp.extract.classify import Frame
from flashpoint.nlp.extract.code import code_events
from flashpoint.nlp.extract.dates import TimeMention, find_time_mentions, infer_reference_date
from flashpoint.nlp.extract.fill import Arg, Draft, nearest_time
from flashpoint.nlp.extract.merge import merge
from flashpoint.nlp.extract.triggers import Cue, find_cues
from flashpoint.nlp.llm.client import ChatClient, LLMError
from flashpoint.nlp.llm.prompt import messages
from flashpoint.nlp.llm.quotes import FoldedText, locate
from flashpoint.nlp.llm.schema import ActorRecord, EventRecord, parse_reply, reply_schema
from flashpoint.nlp.llm.settings import LLMSettings
from flashpoint.resources import read_csv, read_toml

log = logging.getLogger(__name__)

Chunk = tuple[int, int]


@lru_cache(maxsize=1)
def subtype_rules() -> dict[str, dict[str, str]]:
    return read_toml("llm/subtypes.toml")["sub"]


def split_text(text: str, max_chars: int) -> list[Chunk]:
    """(start, end) pieces of at most about `max_chars`, cut at paragraph breaks (then
    line breaks, then anywhere) so that a sentence is rarely cut in two."""
    if len(text) <= max_chars:
        return [(0, len(text))]
    out: list[Chunk] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        end = start + (cut + 1 if cut > max_chars // 3 else max_chars)
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


class LLMBackend:
    """`detect` + `fill` by a model; resolve, merge and code by flashpoint."""

    name = "llm"

    def __init__(self, settings: LLMSettings, transport: Any = None):
        self.settings = settings.checked()
        self._transport = transport
        self._client: ChatClient | None = None
        self.stats: Counter[str] = Counter()

    @property
    def client(self) -> ChatClient:
        if self._client is None:
            self._client = ChatClient(self.settings, transport=self._transport)
        return self._client

    def __getstate__(self) -> dict[str, Any]:
        # A worker process opens its own connections.
        return {"settings": self.settings, "_transport": None, "_client": None, "stats": Counter()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def ask(self, document: Document, text: str) -> list[tuple[EventRecord, Chunk]]:
        """The model's event records for a text, each with the piece it was read from."""
        ref = document.published or infer_reference_date(document.text)
        chunks = split_text(text, self.settings.max_chars)
        out: list[tuple[EventRecord, Chunk]] = []
        for k, (lo, hi) in enumerate(chunks, 1):
            msgs = messages(text[lo:hi], ref, document.country_hint, (k, len(chunks)))
            value = self.client.complete_json(msgs, reply_schema(), "flashpoint_events")
            try:
                records, dropped = parse_reply(value)
            except ValueError as exc:
                raise LLMError(str(exc)) from None
            for reason in dropped:
                self.stats["events_invalid"] += 1
                log.info("%s: dropped an event of the reply: %s", document.id, reason)
            out.extend((r, (lo, hi)) for r in records)
        return out

    def extract(
        self, document: Document, cleaned: CleanText, sdoc: Doc, geocode: bool = True
    ) -> list[Event]:
        """Events of one parsed document; [] (logged) when the model gives no usable reply."""
        self.stats["documents"] += 1
        try:
            records = self.ask(document, cleaned.text)
        except LLMError as exc:
            self.stats["skipped"] += 1
            log.warning("%s: skipped by the llm backend: %s", document.id, exc)
            return []
        return events_from_records(document, cleaned, sdoc, records, geocode, self.stats)


# -- from records to drafts ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _templates() -> list[tuple[re.Pattern[str], ActorType]]:
    """Canonical names as patterns ("Military Forces of {country}"), so that a model
    answering with ACLED's own names is understood too."""
    seen: dict[str, ActorType] = {}
    for row in read_csv("actors.csv"):
        seen.setdefault(
            row["name"], ActorType(row["name"], row["kind"], row.get("generic") == "yes")
        )
    out = []
    for template, atype in seen.items():
        pat = re.escape(template).replace(r"\ of\ \{country\}", r"(?:\ of\ (?:the\ )?(?P<c1>.+))?")
        pat = pat.replace(r"\ \(\{country\}\)", r"(?:\ \((?P<c2>[^)]+)\))?")
        out.append((re.compile(pat, re.I), atype))
    return out


_WORD = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]")


def canonical_type(name: str | None, vocab) -> tuple[ActorType | None, str | None]:
    """(actor type, country) of a name through the alias table, else (None, None)."""
    if not name:
        return None, None
    for rx, atype in _templates():
        m = rx.fullmatch(name.strip())
        if m:
            return atype, (m.groupdict().get("c1") or m.groupdict().get("c2"))
    words = _WORD.findall(name)
    if not words:
        return None, None
    doc = Doc(vocab, words=words)
    found = actor_matcher().find(doc[:])
    if not found:
        return None, None
    best = max(found, key=lambda m: (not m.value.generic, m.end - m.start))
    country = None
    if "{country}" in best.value.template:
        table = demonyms()
        country = next((table[w.lower()] for w in words if w.lower() in table), None)
    return best.value, country


class _Resolver:
    """One document's text, sentences, times, places and actors, for its records."""

    def __init__(self, document: Document, cleaned: CleanText, sdoc: Doc, geocode: bool):
        from flashpoint.pipeline import _dateline_date, _focus_country

        self.document = document
        self.text = cleaned.text
        self.folded = FoldedText(self.text)
        self.sdoc = sdoc
        self.sents = list(sdoc.sents)
        self._starts = [s.start_char for s in self.sents]
        self.ref = document.published or infer_reference_date(document.text)
        self.times = [
            t for t in find_time_mentions(self.text, self.ref) if not _dateline_date(self.text, t)
        ]
        self.mentions: list[PlaceMention] = []
        if geocode:
            from flashpoint.geo import geoparse

            try:
                self.mentions = geoparse(self.text, doc=sdoc, country_hint=document.country_hint)
            except Exception:  # a broken gazetteer must not lose the document's events
                log.exception("%s: geoparsing failed; places left empty", document.id)
        self.focus = _focus_country(document, self.mentions)
        self._actors: dict[int, list[ActorMention]] = {}

    def sentence_index(self, char: int) -> int:
        return max(0, bisect_right(self._starts, char) - 1)

    def actors_of(self, si: int) -> list[ActorMention]:
        if si not in self._actors:
            self._actors[si] = find_actors(self.sents[si], set())
        return self._actors[si]

    def find(
        self, quote: str | None, near: tuple[int, int], chunk: Chunk
    ) -> tuple[int, int] | None:
        """A short quote: in the event's sentences first, then anywhere in its piece."""
        return locate(self.folded, quote, *near, fuzzy=False) or locate(
            self.folded, quote, *chunk, fuzzy=False
        )

    def tokens(self, span: tuple[int, int]) -> Span:
        """The tokens covering a character span (at least one)."""
        found = self.sdoc.char_span(span[0], span[1], alignment_mode="expand")
        if found is None or len(found) == 0:
            i = max(0, bisect_right([t.idx for t in self.sdoc], span[0]) - 1)
            found = self.sdoc[i : i + 1]
        return found

    # -- fields ----------------------------------------------------------------------------
    def actor(
        self, rec: ActorRecord | None, sent: Span, chunk: Chunk
    ) -> tuple[ActorMention | None, str | None]:
        """(mention, ACLED category) of one side of an event."""
        if rec is None or not (rec.name or rec.quote):
            return None, None
        atype, country = canonical_type(rec.name, self.sdoc.vocab)
        span = self.find(rec.quote, (sent.start_char, sent.end_char), chunk)
        if span is not None:
            toks = self.tokens(span)
            si = self.sentence_index(span[0])
            hits = [m for m in self.actors_of(si) if m.start < toks.end and toks.start < m.end]
            if hits:
                m = max(hits, key=lambda m: (not m.type.generic, m.end - m.start))
                if (
                    m.type.generic
                    and atype is not None
                    and not atype.generic
                    and self._named(atype)
                ):
                    # "the militants" that the model ties to a group the report names:
                    # the group's name, still marked inferred so it never blocks a merge.
                    inferred = ActorType(atype.template, atype.kind, True)
                    m = ActorMention(m.start, m.end, m.head, inferred, m.country, m.role)
                return m, m.kind
        if atype is not None:
            named = self._mention_of(atype, sent)
            if named is not None:
                return named, named.kind
            if atype.generic and span is not None:
                toks = self.tokens(span)
                return ActorMention(toks.start, toks.end, toks.root.i, atype, country), atype.kind
            return None, atype.kind  # a name the text never gives: only its category
        if span is not None and rec.name and rec.kind:
            toks = self.tokens(span)
            new = ActorType(" ".join(rec.name.split()), rec.kind, False)
            return ActorMention(toks.start, toks.end, toks.root.i, new, None), rec.kind
        return None, rec.kind

    def _mention_of(self, atype: ActorType, sent: Span) -> ActorMention | None:
        first, last = self.sentence_index(sent.start_char), self.sentence_index(sent.end_char - 1)
        order = list(range(first, last + 1))
        if "{country}" not in atype.template or atype.kind == "rebel":
            # A named group may be named in another line; "police" or "civilians" in
            # another line are other people.
            order += [i for i in range(len(self.sents)) if not first <= i <= last]
        for si in order:
            for m in self.actors_of(si):
                if m.type.template == atype.template:
                    return m
        return None

    def _named(self, atype: ActorType) -> bool:
        return any(
            m.type.template == atype.template and not m.type.generic
            for si in range(len(self.sents))
            for m in self.actors_of(si)
        )

    def count(self, value: int | None, quote: str | None, sent: Span, chunk: Chunk) -> Arg | None:
        if value is None:
            return None
        span = self.find(quote, (sent.start_char, sent.end_char), chunk)
        return Arg(value, *span) if span else Arg(value)

    def trigger(self, rec: EventRecord, sent: Span) -> Cue:
        span = locate(self.folded, rec.trigger, sent.start_char, sent.end_char, fuzzy=False)
        if span is not None:
            toks = self.tokens(span)
            return Cue("llm", toks.start, toks.end, toks.root.i)
        cues = find_cues(sent)
        if cues:
            return cues[0]
        root = sent.root
        return Cue("llm", root.i, root.i + 1, root.i)

    def time(self, rec: EventRecord, sent: Span, trig_char: int, chunk: Chunk):
        """(time mention, model date fallback) of an event."""
        span = self.find(rec.date_text, (sent.start_char, sent.end_char), chunk)
        if span is not None:
            tm = next((t for t in self.times if t.start < span[1] and span[0] < t.end), None)
            if tm is not None and tm.date is not None:
                return tm, None
            # A time phrase the rules cannot read ("on the 5th"): the model's reading.
            return tm, rec.date
        return nearest_time(self.times, sent, trig_char), None

    def last_time_before(self, char: int) -> TimeMention | None:
        before = [t for t in self.times if t.end <= char and t.date is not None]
        return before[-1] if before else None

    def place(
        self, rec: EventRecord, sent: Span, si: int, trig_char: int, chunk: Chunk
    ) -> tuple[PlaceMention | None, bool]:
        """(place mention, borrowed from context) of an event."""
        from flashpoint.pipeline import _borrow_place

        span = self.find(rec.place_text, (sent.start_char, sent.end_char), chunk)
        if span is not None and place_choice.mentions_in(self.mentions, *span):
            ranked = place_choice.choose(self.mentions, self.tokens(span), span[0], self.focus)
            if ranked:
                return ranked[0], False
        chosen = place_choice.choose(self.mentions, sent, trig_char, self.focus)
        if chosen:
            return chosen[0], False
        borrowed = _borrow_place(self.mentions, self.sents, si, self.text)
        return (borrowed[0], True) if borrowed else (None, False)

    # -- one record ---------------------------------------------------------------------------
    def draft(self, rec: EventRecord, chunk: Chunk) -> Draft | None:
        from datetime import date as _date

        from flashpoint.pipeline import _date_draft, _headline_like

        ev = locate(self.folded, rec.evidence, *chunk)
        if ev is None:
            log.info(
                "%s: dropped an event (%s): its evidence is not in the text (%r)",
                self.document.id,
                rec.sub_event_type,
                rec.evidence[:120],
            )
            return None
        si, sj = self.sentence_index(ev[0]), self.sentence_index(ev[1] - 1)
        sent = self.sdoc[self.sents[si].start : self.sents[sj].end]
        rules = subtype_rules().get(rec.sub_event_type, {})
        cue = self.trigger(rec, sent)
        trig_char = self.sdoc[cue.start].idx
        initiator, ikind = self.actor(rec.actor1, sent, chunk)
        target, tkind = self.actor(rec.actor2, sent, chunk)
        if initiator is not None and target is not None and initiator.type == target.type:
            target, tkind = None, None
        frame = Frame(
            family=rules.get("family", "other"),
            event_type=rec.resolved_event_type,
            sub_event_type=rec.sub_event_type,
            cues=[cue],
            initiator=initiator,
            target=target,
            default_initiator=rules.get("initiator"),
            default_target=rules.get("target"),
        )
        tm, model_date = self.time(rec, sent, trig_char, chunk)
        place, borrowed = self.place(rec, sent, si, trig_char, chunk)
        arrest = frame.family == "arrest"
        d = Draft(
            frame=frame,
            sent=sent,
            sentence_index=si,
            paragraph=self.text.count("\n\n", 0, sent.start_char),
            initiator=initiator,
            initiator_kind=ikind or frame.default_initiator,
            target=target,
            target_kind=tkind or frame.default_target,
            fatalities=None
            if arrest
            else self.count(rec.fatalities, rec.fatalities_quote, sent, chunk),
            injuries=None if arrest else self.count(rec.injuries, rec.injuries_quote, sent, chunk),
            time=tm,
            place=place,
            place_borrowed=borrowed,
            headline=si == sj and _headline_like(self.sents[si]),
        )
        _date_draft(d, self.ref, self.last_time_before(sent.start_char))
        if model_date is not None:
            d.date, d.precision = _date.fromisoformat(model_date), rec.time_precision or 1
        return d


def events_from_records(
    document: Document,
    cleaned: CleanText,
    sdoc: Doc,
    records: list[tuple[EventRecord, Chunk]],
    geocode: bool = True,
    stats: Counter[str] | None = None,
) -> list[Event]:
    """Resolved, merged, ACLED-coded events of a document from a model's records."""
    from flashpoint.pipeline import _is_background, _is_future

    stats = stats if stats is not None else Counter()
    if not records:
        return []
    res = _Resolver(document, cleaned, sdoc, geocode)
    drafts = []
    for rec, chunk in records:
        d = res.draft(rec, chunk)
        if d is None:
            stats["events_unquoted"] += 1
            continue
        if _is_background(d, res.ref) or _is_future(d, res.ref):
            stats["events_out_of_time"] += 1
            continue
        drafts.append(d)
    # In text order, title lines last: they join the body's telling of their incident.
    drafts.sort(key=lambda d: (d.headline, d.sentence_index))
    merged = merge(drafts)
    stats["events"] += len(merged)
    return code_events(document, cleaned, merged, res.mentions)
