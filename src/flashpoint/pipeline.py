"""The pipeline: Document -> clean -> annotate -> detect -> fill -> resolve -> merge -> Event.

    >>> from flashpoint.pipeline import Pipeline
    >>> for doc, events in Pipeline().process(documents): ...

Documents are parsed in batches with `nlp.pipe`; a cheap keyword pre-filter
(`flashpoint.nlp.prefilter`) keeps documents with no conflict vocabulary away from the
parser. Each stage is a plain function over plain data, so the same code runs in one
process, in a worker pool or on a Dask cluster (`flashpoint.engine`).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from flashpoint.ingest.dates import parse_published
from flashpoint.models import Document, Event, PlaceMention
from flashpoint.nlp.annotate import doc_text, load_model, remember_text, span_text
from flashpoint.nlp.backends import make_backend
from flashpoint.nlp.clean import CleanText, clean
from flashpoint.nlp.extract import places as place_choice
from flashpoint.nlp.extract.actors import (
    attributed_group,
    find_actors,
    named_armed_groups,
    resolve_generic,
)
from flashpoint.nlp.extract.classify import classify
from flashpoint.nlp.extract.code import code_events
from flashpoint.nlp.extract.dates import find_time_mentions, infer_reference_date
from flashpoint.nlp.extract.fill import (
    Arg,
    Draft,
    assign_actors,
    event_times,
    nearest_time,
    read_counts,
    share,
)
from flashpoint.nlp.extract.lexicon import words_in
from flashpoint.nlp.extract.merge import merge
from flashpoint.nlp.extract.numbers import is_vague_count
from flashpoint.nlp.extract.realis import (
    has_trend_wording,
    holds_no_territory,
    is_background_mention,
    is_descriptive,
    is_generic_plural,
    is_habitual,
    is_idle_weapon,
    is_realis,
    is_weapon_noun,
    is_work_strike,
    refers_back,
)
from flashpoint.nlp.extract.segments import elliptical_count, split_by_day
from flashpoint.nlp.extract.triggers import Cue, find_cues
from flashpoint.nlp.prefilter import is_relevant

if TYPE_CHECKING:
    from flashpoint.nlp.llm.settings import LLMSettings

log = logging.getLogger(__name__)

MAX_CHARS = 200_000  # longer texts are cut (with a warning): news articles are shorter
BACKGROUND_DAYS = 365  # older incidents are background, not events


@dataclass(slots=True)
class PipelineConfig:
    """Settings of a pipeline run (all have sensible defaults)."""

    model: str | None = None
    batch_size: int = 32
    prefilter: bool = True
    geocode: bool = True
    max_chars: int = MAX_CHARS
    # detect + fill: "rules" or "llm" (with `llm` settings); see flashpoint.nlp.backends.
    backend: str = "rules"
    llm: LLMSettings | None = None
    classifier: str = "none"  # "embeddings": sub-event types re-ranked (the [ml] extra)
    # Texts parsed together hold the parser's working arrays for all their tokens at
    # once (about 2.5 kB a character): a cap keeps a batch of long articles in bounds.
    max_batch_chars: int = 50_000


def _paragraph_of(text: str, char: int) -> int:
    return text.count("\n\n", 0, char)


def _realis_cues(
    sent: Span, cues: list[Cue], anchored: bool, counted: bool, big_count: bool = False
) -> list[Cue]:
    """Cues that report something that happened (see flashpoint.nlp.extract.realis)."""
    out = []
    heads = {c.head for c in cues}
    # "a suicide bomber was killed", "detained a would-be bomber in a suicide vest": the
    # bomber is the one hit, no bomb went off.
    bomber_hit = any(
        t.dep_ in ("nsubjpass", "dobj")
        and t.head.lemma_.lower()
        in ("kill", "arrest", "capture", "detain", "neutralize", "neutralise", "intercept")
        for t in words_in(sent, ("bomber", "bombers"))
    )
    trend = has_trend_wording(sent)
    acts = [c for c in cues if not is_weapon_noun(sent.doc[c.head])]
    for cue in cues:
        tok = sent.doc[cue.head]
        if not is_realis(tok):
            continue
        if trend and (not counted or big_count):
            continue  # "attacks have been rising"; "1,366 killed so far this year"
        if (is_habitual(tok) or is_generic_plural(tok)) and not (anchored or counted):
            continue
        if cue.kind == "suicide" and bomber_hit:
            continue  # "a suicide bomber was killed": no bomb went off
        if (
            tok.dep_ == "compound"
            and tok.head.pos_ == "NOUN"
            and tok.head.i not in heads
            and cue.kind in ("attack", "protest", "clash", "riot", "arrest")
        ):
            continue  # "attack sophistication", "protest movement": a modifier, not an event
        if (tok.dep_ == "amod" and cue.kind not in ("kill", "injure")) or is_descriptive(
            tok, cue.kind
        ):
            continue  # "burning eyes", "areas liberated from the group"
        if holds_no_territory(tok, cue.kind):
            continue  # "briefly held an outpost": part of the fight
        if is_work_strike(tok, cue.kind):
            continue  # "a general strike", "workers went on strike"
        if is_background_mention(tok, cue.kind):
            continue  # "beat two suspected kidnappers", "after a week of fighting"
        if is_idle_weapon(tok, bool(acts)):
            continue  # "a drone filmed the wedding": a weapon named, nothing done with it
        if tok.ent_type_ in ("DATE", "TIME", "PERSON", "WORK_OF_ART", "LAW", "EVENT") or (
            tok.pos_ == "PROPN" and tok.is_title and cue.kind == "protest"
        ):
            continue  # "March 11", a name that happens to be a trigger word
        out.append(cue)
    return out


def _anaphoric(sent: Span, cues: list[Cue]) -> bool:
    """A reference back to an incident told elsewhere (see `realis.refers_back`)."""
    return refers_back(sent, [c.head for c in cues], {c.kind for c in cues})


def _focus_country(document: Document, mentions: list[PlaceMention]) -> str | None:
    """ISO2 code of the country a report is about: its hint, else its most named one."""
    from flashpoint.geo import country_info

    if document.country_hint:
        info = country_info(document.country_hint)
        if info is not None:
            return info.iso2
    codes = [m.place.country_code for m in mentions if m.place is not None and m.place.country_code]
    # Most named; between equals the first named (not set order: runs must agree).
    return max(dict.fromkeys(codes), key=codes.count) if codes else None


def _dateline_date(text: str, tm) -> bool:
    """A full date opening a line ("January 25, 2022", "date 2018-12-05 ...") stamps the
    report; it is not the time of the event told after it."""
    if tm.kind not in ("iso", "mdy", "dmy") or not re.search(r"(19|20)\d\d", tm.text):
        return False
    line_start = text.rfind("\n", 0, tm.start) + 1
    lead = text[line_start : tm.start].strip(" \t-–—|:,.").lower()
    return lead in ("", "date", "dated", "posted", "published", "updated")


# Days a few days back at most: "since Thursday" spans one incident's days; "since May
# 10, 2024" is an ongoing war.
_DAY_KINDS = {"weekday", "yesterday", "days_ago", "last_night"}


def _vague_time(sent: Span, tm) -> bool:
    """A whole year, an ongoing span ("since May") or the future: not one incident. A
    span from a given day ("since Thursday") is one event on that day."""
    if tm is None:
        return False
    if tm.kind in ("year", "future", "last_year"):
        return True
    before = doc_text(sent.doc)[max(sent.start_char, tm.start - 12) : tm.start].lower()
    if re.search(r"\bsince\s+$", before) and tm.kind in _DAY_KINDS:
        return False
    return bool(re.search(r"\b(since|until|throughout)\s+$", before))


def _since_day(sent: Span, tm) -> bool:
    if tm is None or tm.kind not in _DAY_KINDS:
        return False
    before = doc_text(sent.doc)[max(sent.start_char, tm.start - 12) : tm.start].lower()
    return bool(re.search(r"\bsince\s+$", before))


def _fronted_time(sent: Span, times) -> bool:
    """The sentence opens with its time ("Last week, ...", "On Monday, ..."): a fronted
    time marks a new incident, not more about the one before."""
    head = doc_text(sent.doc)[sent.start_char : sent.start_char + 12]
    return any(
        sent.start_char <= t.start < sent.start_char + len(head) for t in event_times(times, sent)
    )


_PAST_WORDS = {"recent", "previous", "last", "earlier", "past", "former"}


def _past_crowd(sent: Span, dropped: list[Cue]) -> bool:
    """A crowd word dropped from an arrest line is qualified as past ("the recent
    protests", "last week's demonstration")."""
    doc = sent.doc
    for c in dropped:
        tok = doc[c.head]
        window = {t.lower_ for t in doc[max(sent.start, tok.i - 3) : tok.i]}
        if window & _PAST_WORDS or any(ch.lower_ in _PAST_WORDS for ch in tok.children):
            return True
    return False


def _embedded_crowd_cues_dropped(sent: Span, cues: list[Cue]) -> list[Cue]:
    """ "Leaders of last week's sit-in were detained": a protest named inside the
    arrested people's description is background to the arrest, not an event."""
    doc = sent.doc
    arrests = [doc[c.head] for c in cues if c.kind == "arrest"]
    if not arrests:
        return cues
    inside: set[int] = set()
    for verb in arrests:
        for arg in verb.children:
            if arg.dep_ in ("nsubjpass", "dobj"):
                inside.update(t.i for t in arg.subtree)
    return [c for c in cues if not (c.kind in ("protest", "crowd_actor") and c.head in inside)]


_NATIONWIDE = re.compile(
    r"\b(nationwide|across the country|across the nation|around the country|"
    r"throughout the country)\b",
    re.I,
)


def _summary_line(sent: Span) -> bool:
    """A tally over many places ("Eleven people died nationwide", "At least 30
    demonstrators died:"), told again place by place in the lines around it."""
    text = span_text(sent).strip()
    return text.endswith(":") or bool(_NATIONWIDE.search(text))


def _headline_like(sent: Span) -> bool:
    """A title or caption line: short and without closing punctuation."""
    text = span_text(sent).strip()
    return len(text) < 140 and not text.endswith((".", "!", "?", '"', "”", ":"))


def extract_parsed(
    document: Document, cleaned: CleanText, sdoc: Doc, geocode: bool = True
) -> list[Event]:
    """Events of one parsed document (cleaned text + spaCy Doc of it)."""
    text = cleaned.text
    ref = document.published or infer_reference_date(document.text)
    times = [t for t in find_time_mentions(text, ref) if not _dateline_date(text, t)]
    mentions: list[PlaceMention] = []
    if geocode:
        from flashpoint.geo import geoparse

        try:
            mentions = geoparse(text, doc=sdoc, country_hint=document.country_hint)
        except Exception:  # a broken gazetteer must not lose the document's events
            log.exception("%s: geoparsing failed; places left empty", document.id)
    focus = _focus_country(document, mentions)
    sents = list(sdoc.sents)
    drafts: list[Draft] = []
    last_time = None
    # First pass: cues and actors of every sentence, and the armed groups the whole
    # document names (a later "militants" may stand for an "ISIS" named earlier).
    found = []
    for sent in sents:
        cues = find_cues(sent)
        actors = find_actors(sent, {c.head for c in cues})
        found.append((cues, actors))
    groups = named_armed_groups([a for _, actors in found for a in actors])
    # The day each sentence's own time phrase tells (a place is not borrowed across days).
    sentence_days = []
    for sent in sents:
        own = nearest_time(times, sent, sent.start_char)
        sentence_days.append(own.date if own is not None else None)
    # A report about protests names them in more than one line.
    crowd_context = (
        sum(
            any(c.kind in ("protest", "riot", "mob", "crowd_actor") for c in cues)
            for cues, _ in found
        )
        >= 2
    )
    for si, sent in enumerate(sents):
        cues, actors = found[si]
        if not cues:
            continue
        if _summary_line(sent):
            continue
        headline = _headline_like(sent)
        before: list[Cue] = []
        for part in split_by_day(sent, cues, event_times(times, sent)):
            part_cues = [c for c in cues if part.start <= c.head < part.end]
            extra = None
            if before and not any(c.kind in ("kill", "injure") for c in part_cues):
                extra = elliptical_count(part, before)
            if extra is not None:
                kind, _, at = extra
                part_cues = sorted(
                    [*part_cues, Cue(kind, at, at + 1, at, kind)], key=lambda c: c.start
                )
            drafts.extend(
                _part_drafts(
                    part,
                    si,
                    part_cues,
                    headline,
                    _Context(text, ref, times, mentions, sents, focus, groups, crowd_context),
                    sentence_days,
                    last_time,
                    extra,
                )
            )
            before = part_cues
        sent_times = event_times(times, sent)
        if sent_times:
            last_time = sent_times[-1]
    _attribute_across_lines(drafts, sents, [actors for _, actors in found])
    drafts = [d for d in drafts if not _is_background(d, ref) and not _is_future(d, ref)]
    # Title lines last: they join the body's telling of their incident when there is one.
    drafts = [d for d in drafts if not d.headline] + [d for d in drafts if d.headline]
    merged = merge(drafts)
    return code_events(document, cleaned, merged, mentions)


# How many lines back a line of attribution ("Police suspect X of the raid") or
# an "also" line reaches for the attack it speaks of.
ATTRIBUTION_REACH = 2
_ATTRIBUTED_FAMILIES = ("violence", "abduct")


def _unnamed_perpetrator(d: Draft) -> bool:
    """No one, or only "gunmen", named as the doer (a description already read as the
    document's one named group keeps that reading)."""
    a = d.initiator
    return d.frame.family in _ATTRIBUTED_FAMILIES and (
        a is None or a.type.template.startswith("Unidentified Armed Group")
    )


def _attribute_across_lines(drafts: list[Draft], sents: list[Span], actors: list[list]) -> None:
    """Perpetrators told in another line than the attack.

    A line with no event of its own that holds one named group responsible ("Police
    suspect al-Shabaab of the raid", "The Taliban claimed responsibility")
    names the perpetrator of the unclaimed attacks in the lines just before it. A line
    that adds to the one before ("Several civilians were also abducted") keeps that
    line's named perpetrator when it names none itself.
    """
    told = {d.sentence_index for d in drafts}
    for si, sent in enumerate(sents):
        if si in told:
            continue
        group = attributed_group(sent, actors[si])
        if group is None:
            continue
        for d in drafts:
            if (
                si - ATTRIBUTION_REACH <= d.sentence_index < si
                and _unnamed_perpetrator(d)
                and not (d.target is not None and d.target.type.template == group.type.template)
            ):
                d.initiator, d.initiator_kind = group, group.kind
    for d in drafts:
        if (
            d.initiator is not None
            or not _unnamed_perpetrator(d)
            or not _ALSO.search(span_text(d.sent))
        ):
            continue
        before = [
            o
            for o in drafts
            if o.sentence_index == d.sentence_index - 1
            and o.frame.family in _ATTRIBUTED_FAMILIES
            and o.initiator is not None
            and not _unnamed_perpetrator(o)
        ]
        if before:
            d.initiator, d.initiator_kind = before[-1].initiator, before[-1].initiator_kind


@dataclass(slots=True)
class _Context:
    """What every sentence of one document is read against."""

    text: str
    ref: date | None
    times: list
    mentions: list[PlaceMention]
    sents: list[Span]
    focus: str | None
    groups: list
    crowd_context: bool


def _part_drafts(
    sent: Span,
    si: int,
    cues: list[Cue],
    headline: bool,
    ctx: _Context,
    sentence_days: list[date | None],
    last_time,
    elliptical: tuple[str, int, int] | None = None,
) -> list[Draft]:
    """Draft events of one sentence (or of one day's part of it); `elliptical` is a bare
    number that counts what the part before counted (see `segments.elliptical_count`)."""
    text, times, sdoc = ctx.text, ctx.times, sent.doc
    actors = find_actors(sent, {c.head for c in cues})
    fat, inj = read_counts(sent, actors)
    if elliptical is not None:
        kind, value, at = elliptical
        arg = Arg(value, sdoc[at].idx, sdoc[at].idx + len(sdoc[at].text))
        fat, inj = (arg, inj) if kind == "kill" else (fat, arg)
    sent_times = [t for t in times if sent.start_char <= t.start < sent.end_char]
    counted = (fat is not None and fat.value > 0) or (inj is not None and inj.value > 0)
    # A big or a vague figure in a trend line is a tally ("dozens of fighters were
    # killed over the last two months"), not one incident's toll.
    big = any(
        a is not None and (a.value >= 100 or is_vague_count(text[a.start : a.end]))
        for a in (fat, inj)
    )
    kept = _embedded_crowd_cues_dropped(sent, cues)
    # "Leaders of last week's sit-in were detained": the arrest comes after those
    # protests and is not part of a crowd event of its own.
    crowd_context = ctx.crowd_context and not _past_crowd(sent, [c for c in cues if c not in kept])
    cues = _realis_cues(sent, kept, bool(sent_times), counted, big)
    if not cues:
        return []
    actors = find_actors(sent, {c.head for c in cues})
    resolve_generic(actors, ctx.groups)
    frames = classify(cues, actors, crowd_context, sdoc)
    drafts: list[Draft] = []
    for frame in frames:
        trig_char = sdoc[frame.trigger.start].idx
        tm = nearest_time(times, sent, trig_char)
        if _vague_time(sent, tm):
            continue
        if _since_day(sent, tm):
            # "clashes since Thursday have killed two": one event on its first day, at
            # precision 2, as the coding rules ask when no per-day detail is given.
            tm = replace(tm, precision=2)
        followup = _anaphoric(sent, frame.cues)
        if not counted and {c.kind for c in frame.cues} <= {"kill", "injure", "casualty"}:
            continue  # "the killing of", "recovery for the wounded": no incident told
        initiator, ikind, target, tkind = assign_actors(frame, actors, sdoc)
        chosen = place_choice.choose(ctx.mentions, sent, trig_char, ctx.focus)
        borrowed = False
        if not chosen:
            chosen = _borrow_place(ctx.mentions, ctx.sents, si, text, ctx.focus, sentence_days)
            borrowed = True
        elif place_choice.level(chosen[0]) in ("country", "region") and not _fronted_time(
            sent, times
        ):
            near = place_choice.borrow_recent(ctx.mentions, ctx.sents, si, text, sentence_days)
            refined = place_choice.refine_coarse(chosen, near)
            borrowed = refined is not chosen
            chosen = refined
        places = chosen or [None]
        counts = frame.family != "arrest"
        # One toll over several listed places is shared among them, any leftover going
        # to the first named, so that the report's total stays what it says.
        fats = share(fat, len(places)) if counts else [None] * len(places)
        injs = share(inj, len(places)) if counts else [None] * len(places)
        for k, pm in enumerate(places):
            d = Draft(
                frame=frame,
                sent=sent,
                sentence_index=si,
                paragraph=_paragraph_of(text, sent.start_char),
                initiator=initiator,
                initiator_kind=ikind,
                target=target,
                target_kind=tkind,
                fatalities=fats[k],
                injuries=injs[k],
                time=tm,
                place=pm,
                place_borrowed=borrowed,
                headline=headline,
                followup=followup,
            )
            _date_draft(d, ctx.ref, last_time)
            drafts.append(d)
    return drafts


def _date_draft(d: Draft, ref: date | None, last_time) -> None:
    """Date and precision: the sentence's time phrase, else the last one before it in the
    same paragraph, else the publication date at precision 2."""
    if d.time is not None and d.time.date is not None:
        d.date, d.precision = d.time.date, d.time.precision
        return
    if d.time is not None:  # a phrase that cannot be resolved without a year
        d.date, d.precision = None, None
        return
    if (
        last_time is not None
        and last_time.date is not None
        and (
            _paragraph_of(doc_text(d.sent.doc), last_time.start) == d.paragraph
            or _continues(d, last_time)
        )
    ):
        d.date, d.precision = last_time.date, max(last_time.precision, 1)
        return
    d.date, d.precision = (ref, 2) if ref is not None else (None, None)


_ALSO = re.compile(r"\b(also|as well|too)\b", re.I)


def _continues(d: Draft, last_time) -> bool:
    """A line that adds to the one just before ("two guards were also kidnapped")
    keeps its day, even across a paragraph break."""
    sents = list(d.sent.doc.sents)
    i = next((k for k, s in enumerate(sents) if s.start <= d.sent.start < s.end), None)
    if i is None or i == 0:
        return False
    prev = sents[i - 1]
    return prev.start_char <= last_time.start < prev.end_char and bool(
        _ALSO.search(span_text(d.sent))
    )


def _is_background(d: Draft, ref: date | None) -> bool:
    if d.date is None or ref is None:
        return False
    return d.date < ref - timedelta(days=BACKGROUND_DAYS)


def _is_future(d: Draft, ref: date | None) -> bool:
    return d.date is not None and ref is not None and d.date > ref + timedelta(days=1)


def _borrow_place(
    mentions: list[PlaceMention],
    sents: list[Span],
    si: int,
    text: str,
    focus: str | None = None,
    sentence_dates: list[date | None] | None = None,
) -> list[PlaceMention]:
    """A place for a sentence that names none (see `places.borrow`)."""
    return place_choice.borrow(mentions, sents, si, text, focus, sentence_dates)


class Pipeline:
    """Batch extraction over many documents, with the model loaded once."""

    def __init__(self, config: PipelineConfig | None = None):
        self.config = config or PipelineConfig()
        self._nlp = None
        self.backend = make_backend(self.config)
        self.stats = {"documents": 0, "filtered": 0, "failed": 0, "events": 0, "seconds": 0.0}

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.config.model)
        return self._nlp

    def _prepare(self, doc: Document) -> CleanText | None:
        if not doc.text or not doc.text.strip():
            log.warning("skipped %s: empty text", doc.id)
            return None
        if len(doc.text) > self.config.max_chars:
            log.warning(
                "%s: %d characters; only the first %d are read",
                doc.id,
                len(doc.text),
                self.config.max_chars,
            )
        return clean(doc.text[: self.config.max_chars])

    def process(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """(document, events) pairs in input order; one bad document never stops a run."""
        it = iter(docs)
        while True:
            batch = list(islice(it, self.config.batch_size))
            if not batch:
                return
            started = time.perf_counter()
            prepared: list[tuple[Document, CleanText | None]] = []
            for doc in batch:
                ct = self._prepare(doc)
                if ct is not None and self.config.prefilter and not is_relevant(ct.text):
                    self.stats["filtered"] += 1
                    ct = None
                prepared.append((doc, ct))
            to_parse = [ct.text for _, ct in prepared if ct is not None]
            parsed = self._parse(to_parse)
            for doc, ct in prepared:
                self.stats["documents"] += 1
                if ct is None:
                    yield doc, []
                    continue
                sdoc = next(parsed)
                try:
                    events = self.backend.extract(doc, ct, sdoc, geocode=self.config.geocode)
                except Exception:
                    self.stats["failed"] += 1
                    log.exception("%s: extraction failed; document skipped", doc.id)
                    events = []
                self.stats["events"] += len(events)
                yield doc, events
            self.stats["seconds"] += time.perf_counter() - started

    def _parse(self, texts: list[str]) -> Iterator[Doc]:
        """`nlp.pipe` over the texts, at most `max_batch_chars` characters at a time."""
        group: list[str] = []
        size = 0
        for text in texts:
            if group and size + len(text) > self.config.max_batch_chars:
                yield from self._pipe(group)
                group, size = [], 0
            group.append(text)
            size += len(text)
        if group:
            yield from self._pipe(group)

    def _pipe(self, texts: list[str]) -> Iterator[Doc]:
        for text, sdoc in zip(texts, self.nlp.pipe(texts, batch_size=len(texts)), strict=True):
            yield remember_text(sdoc, text)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract_document(doc: Document) -> list[Event]:
    """Events of one document with the shared default pipeline."""
    for _, events in default_pipeline().process([doc]):
        return events
    return []


def extract(text: str, published=None, **meta) -> list[Event]:
    """Events of one article text (see `flashpoint.extract`)."""
    if isinstance(text, bytes):
        raise TypeError("extract() takes text (str); decode bytes first")
    doc = Document(
        text=text,
        id=str(meta.pop("id", "") or ""),
        published=parse_published(published, "published"),
        url=meta.pop("url", None),
        source=meta.pop("source", None),
        title=meta.pop("title", None),
        language=meta.pop("language", None),
        country_hint=meta.pop("country_hint", None),
        meta=meta,
    )
    return extract_document(doc)
