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
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from spacy.tokens import Doc, Span

from flashpoint.ingest.dates import parse_published
from flashpoint.models import Document, Event, PlaceMention
from flashpoint.nlp.annotate import doc_text, load_model
from flashpoint.nlp.clean import CleanText, clean
from flashpoint.nlp.extract import places as place_choice
from flashpoint.nlp.extract.actors import find_actors, named_armed_groups, resolve_generic
from flashpoint.nlp.extract.classify import classify
from flashpoint.nlp.extract.code import code_events
from flashpoint.nlp.extract.dates import find_time_mentions, infer_reference_date
from flashpoint.nlp.extract.fill import Draft, assign_actors, nearest_time, read_counts
from flashpoint.nlp.extract.merge import merge
from flashpoint.nlp.extract.realis import (
    has_trend_wording,
    is_generic_plural,
    is_habitual,
    is_realis,
)
from flashpoint.nlp.extract.triggers import Cue, find_cues
from flashpoint.nlp.prefilter import is_relevant

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
    # "a suicide bomber was killed", "arrested a bomber wearing an explosive belt": the
    # bomber is the one hit, no bomb went off.
    bomber_hit = any(
        t.lower_ in ("bomber", "bombers")
        and t.dep_ in ("nsubjpass", "dobj")
        and t.head.lemma_.lower()
        in ("kill", "arrest", "capture", "detain", "neutralize", "neutralise", "intercept")
        for t in sent
    )
    trend = has_trend_wording(sent)
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
        if tok.dep_ == "amod" and cue.kind not in ("kill", "injure"):
            continue  # "burning eyes"
        if tok.ent_type_ in ("DATE", "TIME", "PERSON", "WORK_OF_ART", "LAW", "EVENT") or (
            tok.pos_ == "PROPN" and tok.is_title and cue.kind == "protest"
        ):
            continue  # "March 11", a name that happens to be a trigger word
        out.append(cue)
    return out


_DEFINITE = {"the", "this", "that", "these", "those", "such", "its", "their", "his", "her"}


def _anaphoric(sent: Span, cues: list[Cue]) -> bool:
    """All cues are definite nouns ("the attack", "this blast"): a reference back to an
    incident told elsewhere, not a new one."""
    doc = sent.doc
    for cue in cues:
        tok = doc[cue.head]
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        if not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children):
            return False
    return True


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


def _vague_time(sent: Span, tm) -> bool:
    """A whole year, an ongoing span ("since May") or the future: not one incident."""
    if tm is None:
        return False
    if tm.kind in ("year", "future", "last_year"):
        return True
    before = doc_text(sent.doc)[max(sent.start_char, tm.start - 12) : tm.start].lower()
    return bool(re.search(r"\b(since|until|throughout)\s+$", before))


def _embedded_crowd_cues_dropped(sent: Span, cues: list[Cue]) -> list[Cue]:
    """ "Organizers of the recent protests were arrested": a protest named inside the
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
    """A tally over many places ("Five people were killed nationwide", "At least 45
    protesters were killed:"), told again place by place in the lines around it."""
    text = sent.text.strip()
    return text.endswith(":") or bool(_NATIONWIDE.search(text))


def _headline_like(sent: Span) -> bool:
    """A title or caption line: short and without closing punctuation."""
    text = sent.text.strip()
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
        fat, inj = read_counts(sent, actors)
        sent_times = [t for t in times if sent.start_char <= t.start < sent.end_char]
        counted = (fat is not None and fat.value > 0) or (inj is not None and inj.value > 0)
        big = any(a is not None and a.value >= 100 for a in (fat, inj))
        cues = _embedded_crowd_cues_dropped(sent, cues)
        cues = _realis_cues(sent, cues, bool(sent_times), counted, big)
        if not cues:
            continue
        actors = find_actors(sent, {c.head for c in cues})
        resolve_generic(actors, groups)
        frames = classify(cues, actors, crowd_context)
        for frame in frames:
            trig_char = sdoc[frame.trigger.start].idx
            tm = nearest_time(times, sent, trig_char)
            if _vague_time(sent, tm):
                continue
            followup = not counted and _anaphoric(sent, frame.cues)
            if not counted and {c.kind for c in frame.cues} <= {"kill", "injure", "casualty"}:
                continue  # "the killing of", "recovery for the wounded": no incident told
            initiator, ikind, target, tkind = assign_actors(frame, actors)
            chosen = place_choice.choose(mentions, sent, trig_char, focus)
            borrowed = False
            if not chosen:
                chosen = _borrow_place(mentions, sents, si, text)
                borrowed = True
            for k, pm in enumerate(chosen or [None]):
                d = Draft(
                    frame=frame,
                    sent=sent,
                    sentence_index=si,
                    paragraph=_paragraph_of(text, sent.start_char),
                    initiator=initiator,
                    initiator_kind=ikind,
                    target=target,
                    target_kind=tkind,
                    fatalities=fat if (k == 0 and frame.family != "arrest") else None,
                    injuries=inj if (k == 0 and frame.family != "arrest") else None,
                    time=tm,
                    place=pm,
                    place_borrowed=borrowed,
                    headline=headline,
                    followup=followup,
                )
                _date_draft(d, ref, last_time)
                drafts.append(d)
        if sent_times:
            last_time = sent_times[-1]
    drafts = [d for d in drafts if not _is_background(d, ref) and not _is_future(d, ref)]
    # Title lines last: they join the body's telling of their incident when there is one.
    drafts = [d for d in drafts if not d.headline] + [d for d in drafts if d.headline]
    merged = merge(drafts)
    return code_events(document, cleaned, merged, mentions)


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
        and (_paragraph_of(doc_text(d.sent.doc), last_time.start) == d.paragraph)
    ):
        d.date, d.precision = last_time.date, max(last_time.precision, 1)
        return
    d.date, d.precision = (ref, 2) if ref is not None else (None, None)


def _is_background(d: Draft, ref: date | None) -> bool:
    if d.date is None or ref is None:
        return False
    return d.date < ref - timedelta(days=BACKGROUND_DAYS)


def _is_future(d: Draft, ref: date | None) -> bool:
    return d.date is not None and ref is not None and d.date > ref + timedelta(days=1)


def _borrow_place(
    mentions: list[PlaceMention], sents: list[Span], si: int, text: str
) -> list[PlaceMention]:
    """A place for a sentence that names none: recent sentences, dateline, main place."""
    for back in (1, 2):
        if si - back < 0:
            break
        prev = sents[si - back]
        if _paragraph_of(text, prev.start_char) < _paragraph_of(text, sents[si].start_char) - 1:
            break
        found = place_choice.mentions_in(mentions, prev.start_char, prev.end_char)
        found = [
            m for m in found if m.place is not None and m.place.level not in ("country", "region")
        ]
        if found:
            best = max(found, key=lambda m: place_choice._LEVEL_RANK.get(place_choice.level(m), 0))
            return [best]
    resolved = [m for m in mentions if m.place is not None]
    if not resolved:
        return []
    datelines = [m for m in resolved if place_choice.is_dateline(m, text)]
    # The place the report is mostly about (a dateline names where it was filed).
    fine = [
        m for m in resolved if m.place.level not in ("country", "region") and m not in datelines
    ]
    if fine:
        counts: dict[int, int] = {}
        for m in fine:
            counts[m.place.geonameid] = counts.get(m.place.geonameid, 0) + 1
        top = max(fine, key=lambda m: (counts[m.place.geonameid], -m.start))
        return [top]
    if datelines:
        return [datelines[0]]
    return [resolved[0]]


class Pipeline:
    """Batch extraction over many documents, with the model loaded once."""

    def __init__(self, config: PipelineConfig | None = None):
        self.config = config or PipelineConfig()
        self._nlp = None
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
                    events = extract_parsed(doc, ct, sdoc, geocode=self.config.geocode)
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
                yield from self.nlp.pipe(group, batch_size=len(group))
                group, size = [], 0
            group.append(text)
            size += len(text)
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))


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
