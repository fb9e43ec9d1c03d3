"""Counts: how many were killed and injured, read from the dependency parse.

"two policemen were killed and two were injured", "killing 12 fighters", "a soldier was
killed", "leaving five dead", "the death toll rose to 9", "11 soldiers were killed".
For each death or injury word the counted noun is found (passive subject, object, or
the noun the adjective describes) and its number read: digits, number words, "a/an"
for one, and the guidelines' values for vague words. Distinct nouns add up; two figures
for one noun ("at least 5 ... other sources said 7") keep the lower.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from flashpoint.nlp.extract.lexicon import words_in
from flashpoint.nlp.extract.numbers import is_number_word, parse_number, vague_values

KILL_LEMMAS = {
    "kill", "die", "dead", "death", "slay", "murder", "assassinate", "behead", "execute",
    "massacre", "martyr", "fatality", "toll", "life", "body", "lose", "claim", "perish",
    "slain", "lynch",
}  # fmt: skip
INJURE_LEMMAS = {"injure", "wound", "hurt", "injury", "injured", "wounded"}
_EVENT_NOUNS = KILL_LEMMAS | INJURE_LEMMAS | {"attack", "assault", "explosion", "blast", "strike"}
# Singular nouns that never stand for one person killed ("after executing the attack").
_NOT_PEOPLE = _EVENT_NOUNS | {
    "operation", "raid", "ambush", "bombing", "offensive", "incident", "shooting", "fire",
    "violence", "area", "village", "town", "city", "vehicle", "car", "house", "building",
}  # fmt: skip
_NOUN_DEPS = ("nsubjpass", "nsubj", "dobj", "obj", "pobj", "attr", "appos", "npadvmod")
_QUANT_PREFIX = {"least", "than", "nearly", "almost", "about", "around", "over", "some"}


@dataclass(slots=True)
class Count:
    value: int
    start: int  # token index (number or noun) in the Doc
    end: int
    noun: int  # token index of the counted noun (dedup key)


def _number_of(noun: Token) -> tuple[int, int, int] | None:
    """(value, start, end) of the number attached to a counted noun, if any."""
    doc = noun.doc
    # "no casualties", "no one was hurt", "nobody"
    if any(c.lower_ == "no" for c in noun.children) or noun.lower_ in ("nobody", "none"):
        return 0, noun.i, noun.i + 1
    # The noun itself is a number: "two were injured", "killing 12".
    if noun.like_num or is_number_word(noun.text):
        if noun.lower_ in ("one",) and any(c.dep_ == "prep" for c in noun.children):
            pass  # "one of the soldiers" -> 1, handled below as a number
        start = noun.i
        for left in noun.lefts:
            if left.dep_ in ("compound", "nummod", "quantmod") and (
                left.like_num or is_number_word(left.text)
            ):
                start = min(start, left.i)
        value = parse_number(doc[start : noun.i + 1].text)
        if value is not None:
            return value, start, noun.i + 1
    vague = vague_values()
    # Vague head noun: "dozens were killed", "dozens of people".
    if noun.lower_ in vague:
        return vague[noun.lower_], noun.i, noun.i + 1
    # "shot dead 'a number' of gunmen", "a dozen": a vague phrase headed by this noun.
    dets = [c for c in noun.children if c.dep_ == "det" and c.i < noun.i]
    if dets:
        phrase = f"{dets[0].lower_} {noun.lower_}"
        if phrase in vague or f"{phrase} of" in vague:
            return vague.get(phrase, vague.get(f"{phrase} of")), dets[0].i, noun.i + 1
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod", "amod", "det", "compound") and (
            child.like_num or is_number_word(child.text)
        ):
            # Collect a multi-token number ("twenty - five", "1,200", "three hundred").
            toks = sorted(
                {t.i: t for t in child.subtree if t.i < noun.i}.values(), key=lambda t: t.i
            )
            toks = [t for t in toks if t.dep_ not in ("advmod",) and t.lower_ not in _QUANT_PREFIX]
            text = " ".join(
                t.text for t in toks if t.like_num or is_number_word(t.text) or t.text == "-"
            )
            value = parse_number(text)
            if child.lower_ in ("a", "an"):
                # "a soldier" -> 1, but "a number of soldiers"/"a dozen" handled above,
                # and "a massacre", "a death toll" count no one.
                if noun.tag_ in ("NNS", "NNPS") or noun.lemma_.lower() in _EVENT_NOUNS:
                    continue
                value = 1
            if value is not None:
                return value, toks[0].i, noun.i + 1
    # "a number of people", "a few civilians": vague phrase to the left.
    left_text = doc[max(noun.sent.start, noun.i - 4) : noun.i].text.lower()
    for phrase, value in sorted(vague.items(), key=lambda kv: -len(kv[0])):
        if left_text.endswith(phrase + " of") or left_text.endswith(phrase):
            return value, noun.i, noun.i + 1
    # "the driver was killed", "his brother died", "killed suicide bomber": a singular
    # person noun is one.
    if (
        noun.tag_ in ("NN", "NNP")
        and noun.lemma_.lower() not in KILL_LEMMAS | INJURE_LEMMAS | _NOT_PEOPLE
        and not any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in noun.children)
    ):
        return 1, noun.i, noun.i + 1
    # "no casualties", "nobody was hurt"
    if any(c.lower_ == "no" for c in noun.children) or noun.lower_ in ("nobody", "none"):
        return 0, noun.i, noun.i + 1
    return None


def _counted_nouns(trigger: Token) -> list[Token]:
    """Nouns whose number is the count for a death/injury word."""
    out: list[Token] = []
    lemma = trigger.lemma_.lower()
    if trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB"):
        passive = [c for c in trigger.children if c.dep_ == "nsubjpass"]
        if passive:
            out.extend(passive)
        elif lemma in ("die", "perish", "lose") or (
            # "... were shot dead and four hurt": an elliptical passive keeps a subject
            trigger.tag_ == "VBN"
            and trigger.dep_ == "conj"
            and not any(c.dep_ in ("dobj", "obj") for c in trigger.children)
        ):
            out.extend(c for c in trigger.children if c.dep_ == "nsubj")
        else:
            out.extend(c for c in trigger.children if c.dep_ in ("dobj", "obj"))
            if not out:
                # "killing over 21", "killed around 30": the number parsed as a preposition's
                # object; "injuring of four others" as an "of" phrase
                for prep in trigger.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("over", "about", "around", "nearly"):
                        out.extend(c for c in prep.children if c.dep_ == "pobj" and c.like_num)
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        out.extend(
                            c
                            for c in prep.children
                            if c.dep_ == "pobj"
                            and (c.like_num or any(g.dep_ == "nummod" for g in c.children))
                        )
        # "killed and wounded five" shares the object of the first verb; "were killed
        # and two were injured" has a subject of its own.
        if (
            not out
            and trigger.dep_ in ("conj", "xcomp")
            and trigger.head.tag_.startswith("VB")
            and not any(c.dep_ in ("nsubjpass", "nsubj") for c in trigger.children)
        ):
            out.extend(c for c in trigger.head.children if c.dep_ in ("dobj", "nsubjpass"))
        if not out and trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN", "NUM"):
            # "12 people killed in the attack" (reduced relative clause)
            out.append(trigger.head)
        if not out and trigger.dep_ == "relcl":
            out.append(trigger.head)
    else:
        # Adjective or noun: "five dead", "12 wounded", "the dead", "9 deaths".
        if trigger.dep_ in ("amod",) and trigger.head.pos_ in ("NOUN", "PROPN"):
            noun = trigger.head  # "wounded soldiers"
            if trigger.i > noun.i:
                # "left seven soldiers and 20 militants dead": a postposed adjective
                # read onto the last noun describes the whole list
                while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN", "NUM"):
                    noun = noun.head
            out.append(noun)
        elif trigger.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and trigger.head.pos_ in (
            "VERB",
            "AUX",
        ):
            # "leaving five people dead", "left 12 dead"
            # "left 12 dead", "shot dead three protesters": the object is the counted;
            # "four protesters were shot dead": the passive subject
            deps = (
                ("dobj", "nsubjpass")
                if trigger.head.lemma_.lower() in ("leave", "shoot", "gun", "stab", "beat")
                else ("nsubj", "nsubjpass")
            )
            out.extend(c for c in trigger.head.children if c.dep_ in deps)
        elif trigger.dep_ == "conj" and trigger.head.dep_ in ("oprd", "acomp", "xcomp"):
            # "left five dead and dozens wounded": the noun before the adjective
            lefts = [t for t in trigger.lefts if t.dep_ in ("nsubj", "npadvmod", "nummod")]
            out.extend(lefts)
        elif lemma != "toll":
            out.append(trigger)
        if lemma == "toll":
            # "the death toll rose to 9" / "the toll stands at 9"
            verb = trigger.head
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in ("to", "at"):
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
            out.extend(c for c in verb.children if c.dep_ == "attr")
        if lemma in ("life", "death", "killing", "body", "injury"):
            # "claimed the lives of 7 people", "the deaths of over 30 fighters"
            for prep in trigger.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
    # Follow "X and Y": "killing two soldiers and three civilians"
    more: list[Token] = []
    for noun in out:
        more.extend(t for t in noun.conjuncts if t.i > noun.i)
    # "two of them", "one of the soldiers": the number is the head
    return out + more


def count_mentions(sent: Span, lemmas: set[str]) -> list[Count]:
    """Counts attached to death (or injury) words of a sentence."""
    counts: dict[int, Count] = {}
    for tok in words_in(sent, lemmas, lemma=True):
        lemma = tok.lemma_.lower()
        if lemma == "claim" and not any(c.lemma_.lower() == "life" for c in tok.subtree):
            continue
        if lemma == "lose" and not any(c.lemma_.lower() == "life" for c in tok.children):
            continue
        if lemma == "body" and not any(
            c.lemma_.lower() in ("find", "discover", "recover") for c in [tok.head]
        ):
            continue
        for noun in _counted_nouns(tok):
            found = _number_of(noun)
            if found is None:
                continue
            value, start, end = found
            key = noun.i
            prev = counts.get(key)
            if prev is None or value < prev.value:
                counts[key] = Count(value, start, end, key)
    return sorted(counts.values(), key=lambda c: c.start)


def total(counts: list[Count]) -> int:
    return sum(c.value for c in counts)


def fatalities(sent: Span) -> list[Count]:
    return count_mentions(sent, KILL_LEMMAS)


def injuries(sent: Span) -> list[Count]:
    return count_mentions(sent, INJURE_LEMMAS)
