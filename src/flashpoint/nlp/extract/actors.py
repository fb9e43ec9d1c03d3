"""Actors: find who is named in a sentence, what role they play, and their canonical name.

Aliases come from `data/actors.csv` ("ISIS", "Daesh", "IS" -> "Islamic State
({country})"); nationality adjectives from `data/demonyms.csv` name the country of state
forces ("Turkish drone" -> "Military Forces of Turkey"). Roles come from the dependency
parse: the subject of an active trigger or the agent of a passive one initiates; the
passive subject, the object, or the object of "on"/"against" is the target.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.nlp.extract.lexicon import TokenMatcher, doc_forms, words_in
from flashpoint.resources import read_csv, read_toml

AGENT = "agent"
TARGET = "target"
UNKNOWN = "unknown"
SOURCE = "source"  # the teller of the report ("police said"), never a party

# Nouns that a generic alias must not be read from when they only describe a weapon or
# a place ("army base" is matched as a whole; "base" alone is not an actor).
_TARGET_PREPS = {"on", "against", "targeting", "at", "upon"}
# Verbs whose subject initiates the event named by their object ("carried out an
# attack", "fired rockets", "launched airstrikes").
_SUPPORT_VERBS = {
    "carry",
    "launch",
    "conduct",
    "stage",
    "fire",
    "mount",
    "claim",
    "plant",
    "detonate",
    "commit",
    "perpetrate",
    "execute",
    "wage",
    "unleash",
    "lead",
    "use",
    "shell",
    "hit",
    "strike",
    "target",
    "kill",
    "storm",
    "seize",
    "take",
    "abduct",
    "kidnap",
    "arrest",
    "detain",
    "capture",
    "attack",
    "ambush",
    "raid",
    "open",
    "throw",
    "hurl",
    "set",
}
# Verbs of saying: their subject is a source, never a party ("police said").
_SAY_VERBS = {
    "say",
    "tell",
    "report",
    "announce",
    "state",
    "add",
    "confirm",
    "note",
    "claim",
    "accuse",
    "blame",
    "quote",
    "cite",
    "describe",
    "deny",
    "reveal",
    "explain",
}


# Verbs of reacting to an event: their subject comments on it, it is no party to it.
_REACTION_VERBS = {
    "condemn", "denounce", "deplore", "mourn", "express", "regret", "offer", "extend",
    "sympathize", "sympathise", "decry", "lament", "welcome", "praise", "hail",
}  # fmt: skip


# Country names that take "the" inside a force's name ("Military Forces of the United
# States"), as ACLED writes them.
_THE_COUNTRIES = {
    "United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates",
    "Central African Republic", "Democratic Republic of Congo", "Republic of Congo",
    "Gambia", "Bahamas", "Comoros", "Maldives", "Seychelles", "Solomon Islands",
}  # fmt: skip


def fill_country(template: str, country: str | None) -> str:
    """An actor name from its template and the event's country."""
    if "{country}" not in template:
        return template
    if not country:
        # No country known: the bare name ("Civilians", "Military Forces").
        return template.replace(" ({country})", "").replace(" of {country}", "")
    if country in _THE_COUNTRIES:
        template = template.replace(" of {country}", " of the {country}")
    return template.replace("{country}", country)


@dataclass(slots=True, frozen=True)
class ActorType:
    template: str  # canonical name, may contain {country}
    kind: str  # ACLED actor category
    generic: bool
    # Names an actor only as a phrase head ("by security", not "a security source").
    head_only: bool = field(default=False, compare=False)


@dataclass(slots=True)
class ActorMention:
    start: int  # token index in the Doc
    end: int
    head: int  # token index of the phrase head
    type: ActorType
    country: str | None  # from a nationality adjective, if any
    role: str = UNKNOWN

    def name(self, country: str | None) -> str:
        return fill_country(self.type.template, self.country or country)

    @property
    def kind(self) -> str:
        return self.type.kind


@lru_cache(maxsize=1)
def inter_codes() -> dict[str, int]:
    return {k: int(v) for k, v in read_toml("taxonomy.toml")["inter"].items()}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    table = {row["demonym"].lower(): row["country"] for row in read_csv("demonyms.csv")}
    # Country names themselves also qualify forces ("Iraq's army", "Turkey's drones").
    for country in set(table.values()):
        table.setdefault(country.lower(), country)
    return table


@lru_cache(maxsize=1)
def actor_matcher() -> TokenMatcher[ActorType]:
    entries = []
    for row in read_csv("actors.csv"):
        exact = row.get("case", "") == "exact"
        words = row["alias"].split() if exact else row["alias"].lower().split()
        entries.append(
            (
                words,
                ActorType(
                    row["name"],
                    row["kind"],
                    row.get("generic") == "yes",
                    head_only=row.get("head") == "yes",
                ),
                exact,
            )
        )
    return TokenMatcher(entries)


@lru_cache(maxsize=1)
def canonical_kinds() -> dict[str, str]:
    """Actor category of each literal canonical name in the alias table (names with a
    {country} slot are left out): the category a regionally renamed actor takes."""
    out: dict[str, str] = {}
    for row in read_csv("actors.csv"):
        if "{country}" not in row["name"]:
            out.setdefault(row["name"], row["kind"])
    return out


def _phrase_head(doc, start: int, end: int) -> Token:
    """The syntactic head of a token range (the token whose head lies outside it)."""
    tokens = [doc[i] for i in range(start, end)]
    for tok in tokens:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return tokens[-1]


def _nationality(head: Token, start: int) -> str | None:
    """Country named by a nationality adjective or possessive inside the phrase."""
    table = demonyms()
    candidates = [c for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    # Also the words just before the match ("Iraqi federal police").
    doc = head.doc
    for i in range(max(head.sent.start, start - 3), start):
        candidates.append(doc[i])
    for tok in candidates:
        key = tok.lower_.rstrip("'s").strip()
        if key in table:
            return table[key]
        # "U.S." / "US" written in capitals.
        if tok.text in ("U.S.", "US", "USA") and "u.s." in table:
            return table["u.s."]
    return None


# Passive verbs whose subject is the suspected perpetrator, not the one hit.
_BLAME_VERBS = {"blame", "involve", "suspect", "accuse", "link", "believe", "attribute"}
# Dependency links along which a verb's clause carries on into the event it tells.
_EVENT_LINKS = {"xcomp", "ccomp", "dobj", "obj", "prep", "pobj", "pcomp", "acomp"}


def _governs_trigger(verb: Token, trigger_heads: set[int], depth: int = 3) -> bool:
    """Whether a trigger hangs below `verb` through its object, complement or
    prepositional phrases ("was hit in the attack"), not through a separate clause."""
    frontier = [verb]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ not in _EVENT_LINKS:
                    continue
                if c.i in trigger_heads:
                    return True
                nxt.append(c)
        frontier = nxt
    return False


def _role(head: Token, trigger_heads: set[int]) -> str:
    """AGENT / TARGET / UNKNOWN from the dependency path of an actor's head."""
    tok = head
    # Walk up compounds/appositions/conjunctions to the token that carries the role.
    for _ in range(4):
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
            # "IS fighters", "ISIS attack": a name inside a noun phrase.
            parent = tok.head
            if parent.i in trigger_heads:
                return AGENT
            tok = parent
            continue
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    dep = tok.dep_
    if dep == "poss" and tok.head.i in trigger_heads:
        return AGENT
    if any(
        c.dep_ == "acl" and c.tag_ == "VBN" and c.i in trigger_heads and c.lemma_.lower() in _HARM
        for c in tok.children
    ):
        return TARGET  # "Nine guards killed in raid" (a title's reduced relative)
    if dep in ("nsubj",):
        verb = tok.head
        lemma = verb.lemma_.lower()
        if lemma in ("die", "perish", "succumb", "drown") or (
            verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
        ):
            return TARGET  # "soldiers died", "... and two wounded"
        if lemma == "claim" and any(c.lemma_.lower() == "responsibility" for c in verb.children):
            return AGENT  # "ISIS claimed responsibility for the attack"
        if lemma in _SAY_VERBS and verb.i not in trigger_heads:
            return SOURCE
        if verb.i not in trigger_heads and (
            lemma in _REACTION_VERBS
            or any(c.dep_ == "xcomp" and c.lemma_.lower() in _REACTION_VERBS for c in verb.children)
        ):
            return SOURCE  # "the forum condemned the attack", "wishes to express sympathy"
        if verb.i in trigger_heads or lemma in _SUPPORT_VERBS:
            return AGENT
        # The subject of a verb whose object or clause holds a trigger.
        if any(t.i in trigger_heads for t in verb.subtree if t.i != tok.i):
            return AGENT
        return UNKNOWN
    if dep in ("nsubjpass", "dobj", "obj", "attr", "oprd"):
        verb = tok.head
        lemma = verb.lemma_.lower()
        if dep == "nsubjpass" and lemma in _BLAME_VERBS:
            return AGENT  # "ISIS was blamed for the attack", "was involved in the attack"
        if (
            verb.i in trigger_heads
            or lemma in _SUPPORT_VERBS
            or _governs_trigger(verb, trigger_heads)
            or verb.pos_ not in ("VERB", "AUX")
            or (dep == "nsubjpass" and verb.dep_ == "relcl")  # "where PMF were stationed"
        ):
            return TARGET
        return UNKNOWN  # "the police were not informed": a verb outside the event
    if dep == "pobj":
        prep = tok.head
        word = prep.lower_
        if word == "by" and prep.head.lemma_.lower() == "claim":
            return AGENT  # "the ambush, which was claimed by al-Shabaab"
        if word == "by" and prep.head.lemma_.lower() in _SAY_VERBS:
            return SOURCE  # "accused by Kurdish forces", "reported by police"
        if word == "by":
            verb = prep.head
            if (
                verb.i in trigger_heads
                or verb.lemma_.lower() in _SUPPORT_VERBS
                or _governs_trigger(verb, trigger_heads)
                or (verb.dep_ in ("acl", "relcl", "amod") and verb.head.i in trigger_heads)
            ):
                return AGENT  # "attacked by gunmen", "a shelling conducted by the army"
            return UNKNOWN  # "a city controlled by the SDF": not a party to the event
        if word in _TARGET_PREPS:
            return TARGET
        if word in _NEAR_PREPS and tok.lemma_.lower() in _SITE_NOUNS and _at_event(prep):
            # "a truck blew up near a police station", "outside an army base": the
            # force that owns the site the attack went off at is the one attacked.
            return TARGET
        if word in ("of",) and prep.head.lemma_.lower() in (
            "member",
            "fighter",
            "militant",
            "element",
            "cell",
            "group",
            "remnant",
        ):
            return _role(prep.head, trigger_heads)
        if word in ("of", "for", "to") and prep.head.lemma_.lower() in _SITE_NOUNS:
            # "a patrol for the border guards", "positions of the Peshmerga": the
            # owner of the hit site is the one hit.
            return _role(prep.head, trigger_heads)
        if word in ("of",) and prep.head.i in trigger_heads:
            # "the killing of two soldiers", "the abduction of 12 people"
            return TARGET
        if word == "between" or (word == "with" and _fights_with(prep.head, trigger_heads)):
            return TARGET  # "clashed with the army"; not "affiliated with", "working with"
        if word in ("from",) and prep.head.i in trigger_heads:
            return AGENT
    return UNKNOWN


# Words after which "with" names the other side of a fight ("clashes with", "fought with").
_FIGHT_WORDS = {
    "clash", "fight", "battle", "skirmish", "engage", "exchange", "gunfight", "firefight",
    "confrontation", "confront", "fighting", "encounter", "shootout", "war",
}  # fmt: skip


def _fights_with(head: Token, trigger_heads: set[int]) -> bool:
    return head.lemma_.lower() in _FIGHT_WORDS or (
        head.i in trigger_heads and head.lemma_.lower() not in ("kill", "injure", "wound")
    )


# Things a force owns that stand for it when hit ("an army patrol", "a police station").
_SITE_NOUNS = {
    "convoy", "patrol", "checkpoint", "base", "position", "post", "outpost", "station",
    "headquarters", "vehicle", "camp", "detachment", "unit", "barracks", "office",
    "building", "compound", "home", "house", "residence", "motorcade", "gate", "entrance",
    "prison", "jail",
}  # fmt: skip
# Prepositions that place an attack at a site rather than aim it ("near a checkpoint").
_NEAR_PREPS = {"near", "outside", "at", "beside", "nearby"}
_HARM = {"kill", "injure", "wound", "hurt", "die"}


def _at_event(prep: Token) -> bool:
    """The place phrase hangs on a verb or on a main argument of one ("the blast near
    the gates", "blew up a truck near the station"), not deep inside a description."""
    head = prep.head
    return head.pos_ in ("VERB", "AUX") or head.dep_ in (
        "nsubj", "nsubjpass", "dobj", "obj", "ROOT"
    )  # fmt: skip


_GROUP_NOUNS = {
    "fighter", "fighters", "militant", "militants", "member", "members", "gunmen",
    "elements", "cells", "cell", "insurgents", "operatives", "forces", "troops",
}  # fmt: skip


def _precedes_active_trigger(doc, end: int, limit: int, trigger_heads: set[int]) -> bool:
    """Word order backs up the parse: "IS fighters assaulted ..." names the initiator
    right before an active past-tense trigger, however the parser attached it."""
    i = end
    while i < limit and doc[i].lower_ in _GROUP_NOUNS:
        i += 1
    if i >= limit or i not in trigger_heads:
        return False
    verb = doc[i]
    if verb.lemma_.lower() in ("die", "perish", "succumb", "drown"):
        return False  # "soldiers died": the dead, not the attackers
    return verb.tag_ == "VBD" and not any(c.dep_ == "auxpass" for c in verb.children)


# Heads of phrases that name an institution or a speaker, not a party to the event
# ("the Ministry of Peshmerga Affairs", "a spokesman for the army").
_INSTITUTIONS = {
    "ministry", "minister", "department", "spokesman", "spokesperson", "spokeswoman",
    "office", "media", "committee", "council", "commission", "affairs", "directorate",
    "source", "sources", "statement", "website", "agency", "cell", "forum",
}  # fmt: skip


def _names_institution(head: Token) -> bool:
    tok = head
    for _ in range(3):
        if tok.dep_ in ("pobj",) and tok.head.lower_ in ("of", "for"):
            owner = tok.head.head
            if owner.lower_ in _INSTITUTIONS:
                return True
            tok = owner
            continue
        if tok.dep_ in ("compound", "poss") and tok.head.lower_ in _INSTITUTIONS:
            return True
        break
    return False


# Nouns whose owner is the one hit when "its"/"their" names it ("targeting its base").
_OWNED_TARGETS = _SITE_NOUNS | {"member", "fighter", "militant", "soldier", "officer", "guard"}


def _possessor_targets(
    sent: Span, mentions: list[ActorMention], trigger_heads: set[int]
) -> list[ActorMention]:
    """ "The group announced the death of two members in a strike targeting its
    headquarters": a possessive pronoun on a hit site or on the hit members stands for
    the actor that is the subject of the clause it sits in, which is then the target."""
    by_head = {a.head: a for a in mentions}
    out = []
    for tok in words_in(sent, ("its", "their")):
        if tok.dep_ != "poss":
            continue
        owned = tok.head
        if owned.lemma_.lower() not in _OWNED_TARGETS or _role(owned, trigger_heads) != TARGET:
            continue
        for anc in owned.ancestors:
            subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.i not in by_head or tok in subj.subtree:
                continue  # "a drone struck its base": the owner is further up
            owner = by_head[subj.i]
            if owner.role != AGENT and owner.kind in _ARMED_OWNERS:
                out.append(ActorMention(tok.i, tok.i + 1, tok.i, owner.type, owner.country, TARGET))
            break
    return out


_ARMED_OWNERS = {"state", "rebel", "political_militia", "identity_militia", "external"}


_COUNTRY_STATE = ActorType("Military Forces of {country}", "state", False)


def country_actors(sent: Span, trigger_heads: set[int]) -> list[ActorMention]:
    """A country named as the subject of an attack ("Turkey fired shells at Kurdish
    villages") stands for its armed forces."""
    table = demonyms()
    out = []
    for tok in words_in(sent, table):  # most words name no country: tested first
        if tok.ent_type_ != "GPE" or tok.dep_ != "nsubj":
            continue
        country = table.get(tok.lower_)
        if country is None or country.lower() != tok.lower_:
            continue
        verb = tok.head
        if verb.i in trigger_heads or verb.lemma_.lower() in _SUPPORT_VERBS:
            out.append(ActorMention(tok.i, tok.i + 1, tok.i, _COUNTRY_STATE, country, AGENT))
    return out


_ACTORS_KEY = ("flashpoint", "actors")


def find_actors(sent: Span, trigger_heads: set[int]) -> list[ActorMention]:
    """Actor mentions of a sentence, with roles relative to the sentence's triggers.

    A sentence is read again with the same triggers while its events are drafted, so the
    mentions are kept on the Doc; each call gets its own copies, which callers amend."""
    memo = sent.doc.user_data.setdefault(_ACTORS_KEY, {})
    key = (sent.start, sent.end, frozenset(trigger_heads))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _find_actors(sent, trigger_heads)
    return [replace(a) for a in found]


def _find_actors(sent: Span, trigger_heads: set[int]) -> list[ActorMention]:
    doc = sent.doc
    out: list[ActorMention] = []
    for m in actor_matcher().find(sent):
        head = _phrase_head(doc, m.start, m.end)
        if _names_institution(head):
            continue
        if m.value.head_only and (
            head.dep_ in ("compound", "amod", "nmod", "poss")
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        ):
            continue  # "a security source", "the security of the region"
        # A generic word inside a longer proper name ("Popular Mobilization Forces" is
        # matched whole, but "Forces" alone in "Syrian Democratic Forces" must not be).
        if m.value.template.startswith("Military Forces") and head.ent_type_ in ("ORG",):
            ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
            if ent is not None and ent.end - ent.start > 1 and m.end - m.start == 1:
                continue
        country = _nationality(head, m.start) if "{country}" in m.value.template else None
        role = _role(head, trigger_heads)
        if _precedes_active_trigger(doc, m.end, sent.end, trigger_heads):
            role = AGENT
        out.append(ActorMention(m.start, m.end, head.i, m.value, country, role))
    # "federal police personnel", "Hashd fighters": when one actor phrase modifies
    # another's head, the modifier is the more specific name; drop the head's.
    modified = {
        doc[b.head].head.i
        for b in out
        if doc[b.head].dep_ in ("compound", "amod", "nmod") and doc[b.head].head.i != b.head
    }
    # "a convoy for the federal police": the owner named after a generic site wins.
    for b in out:
        tok = doc[b.head]
        if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for", "to"):
            owner_of = tok.head.head
            if owner_of.lemma_.lower() in _SITE_NOUNS:
                modified.update(a.head for a in out if a.head == owner_of.i and a.type.generic)
    out = [a for a in out if a.head not in modified]
    out.extend(_possessor_targets(sent, out, trigger_heads))
    covered = {i for a in out for i in range(a.start, a.end)}
    out.extend(a for a in weapon_nationality(sent, trigger_heads) if a.start not in covered)
    out.extend(a for a in country_actors(sent, trigger_heads) if a.start not in covered)
    out.sort(key=lambda a: a.start)
    return out


_STATE_FORCES = ActorType("Military Forces of {country}", "state", False)


_WEAPON_NOUNS = {
    "drone", "jet", "warplane", "aircraft", "plane", "helicopter", "missile", "rocket",
    "artillery", "strike", "airstrike", "gunship", "uav",
}  # fmt: skip


def weapon_nationality(sent: Span, cue_heads: set[int]) -> list[ActorMention]:
    """State forces named only by a nationality on the weapon: "a Turkish drone",
    "Iraqi airstrikes", "US strikes"."""
    doc = sent.doc
    out = []
    table = demonyms()
    weapons = []
    for i in cue_heads:
        head = doc[i]
        weapons.append(head)
        # "A Turkish drone struck": the weapon is the subject of the trigger verb.
        weapons.extend(
            c
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _WEAPON_NOUNS
        )
    for head in weapons:
        for child in head.children:
            if child.dep_ not in ("amod", "compound", "nmod", "poss"):
                continue
            key = child.lower_.rstrip("'s").strip()
            country = table.get(key)
            if country is None and child.text in ("U.S.", "US"):
                country = table.get("u.s.")
            if (
                country
                and child.dep_ == "compound"
                and country.lower() == key
                and head.lemma_.lower() not in _WEAPON_NOUNS
            ):
                continue  # "a north Mali ambush": the country names the place, not a force
            if country:
                out.append(
                    ActorMention(child.i, child.i + 1, child.i, _STATE_FORCES, country, AGENT)
                )
    return out


def resolve_generic(actors: list[ActorMention], named_groups: list[ActorType]) -> None:
    """Descriptions ("militants", "jihadists") stand for the one armed group a document
    names, when it names exactly one; otherwise they stay an Unidentified Armed Group.
    Likewise "tribes" or "tribal fighters" stand for the one tribal militia it names."""
    for kinds in (("political_militia", "rebel"), ("identity_militia",)):
        groups = [g for g in named_groups if g.kind in kinds]
        if len(groups) != 1:
            continue
        group = groups[0]
        # Still marked generic: the name was inferred, so it never blocks a merge.
        inferred = ActorType(group.template, group.kind, True)
        for a in actors:
            if a.type.generic and a.kind in kinds:
                a.type = inferred


def named_armed_groups(actors: list[ActorMention]) -> list[ActorType]:
    """Distinct named non-state armed groups among actor mentions."""
    seen: dict[str, ActorType] = {}
    for a in actors:
        if a.type.generic:
            continue
        if (
            a.kind in ("rebel", "political_militia")
            and ("{country}" not in a.type.template or a.type.template.startswith("Islamic State"))
        ) or a.kind == "identity_militia":
            seen.setdefault(a.type.template, a.type)
    return list(seen.values())


# Words by which a line lays an attack told before at a group's door ("the raiders were
# thought to be Boko Haram", "the Taliban claimed responsibility", "police blamed al-Shabaab").
# ("claim" alone is no such word: "claimed back lands", "claimed the lives of").
_ATTRIBUTION_WORDS = {
    "suspect", "suspected", "believe", "believed", "think", "blame", "accuse",
    "attribute", "responsible", "responsibility",
}  # fmt: skip
_DENIAL_WORDS = {"deny", "denied", "reject", "rejected", "disown"}
_NON_STATE_GROUPS = {"rebel", "political_militia", "identity_militia"}


def attributed_group(sent: Span, actors: list[ActorMention]) -> ActorMention | None:
    """The one named armed group a line holds responsible, when it does ("Police suspect
    al-Shabaab of the raid"); None for a denial or several groups."""
    forms = doc_forms(sent.doc)[sent.start : sent.end]
    words = {f[1] for f in forms} | {f[0] for f in forms}
    if not words & _ATTRIBUTION_WORDS or words & _DENIAL_WORDS:
        return None
    if any(t.dep_ == "neg" and t.head.lemma_.lower() in _ATTRIBUTION_WORDS for t in sent):
        return None
    groups = [
        a
        for a in actors
        if not a.type.generic
        and a.kind in _NON_STATE_GROUPS
        and not a.type.template.startswith("Unidentified Armed Group")
        and a.role not in (SOURCE, TARGET)
    ]
    if len({a.type.template for a in groups}) != 1:
        return None
    return groups[0]


@lru_cache(maxsize=1)
def regional_names() -> list[dict[str, str]]:
    return read_csv("actor_regions.csv")


def _admin_key(name: str) -> str:
    from flashpoint.geo.names import ARTICLES, fold

    words = fold(name).split()
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(w for w in words if w not in ("governorate", "province", "region"))


def regional_name(
    name: str, country: str | None, admin1: str, family: str, national: bool = False
) -> str:
    """ACLED's name for a generic state force where a regional government rules.

    `national`: the text gave the force's nation ("Iraqi jets"), so rules for one
    region's own forces do not apply; country-wide ones (police at crowds) still do."""
    for row in regional_names():
        if row["family"] not in ("*", family):
            continue
        if national and row["admin1"] != "*":
            continue
        if row["country"] != "*" and row["country"] != country:
            continue
        if row["admin1"] != "*" and _admin_key(row["admin1"]) != _admin_key(admin1 or ""):
            continue
        generic = row["generic"].replace("{country}", country or "")
        if name == generic:
            return row["name"].replace("{country}", country or "")
    return name


def inter_code(kind: str | None) -> int | None:
    if not kind:
        return None
    return inter_codes().get(kind)


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: lower code first; 10*x for a lone actor."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi
