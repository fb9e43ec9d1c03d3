"""Decision rules: from a sentence's cues and actors to ACLED event and sub-event types.

A sentence can report several events of different families (an armed clash and the
arrests that followed; a protest and a shooting). Each family yields at most one frame
per sentence (a sentence that tells two days is split first, see `segments`). The rules
for all 25 sub-event types, in the order they are tried (`tests/core/sub_events.jsonl`
holds example sentences for each):

Protests and riots (a crowd cue: protest, rally, sit-in, protesters; or protesters named
as a party; or a report about protests with no armed group):
  1. a mob or lynching with no protest named -> Riots / Mob violence ("a mob beat two
     suspected thieves to death")
  2. live fire, or protesters killed, with no violence by the crowd -> Protests /
     Excessive force against protesters (actor1 the force or group that fired, actor2
     the protesters; ACLED uses it for armed non-state attackers of a sit-in too, and
     so for armed men who burn the protesters' tents: that burning is no riot)
  3. a crowd that throws stones or petrol bombs, burns, storms, or clashes (a gunfight
     or clashes between protesters and police) -> Riots / Violent demonstration (actor2
     the force it fought: the one named, else the police when it "clashed"); stones
     thrown while trying to force a way in were thrown
  4. tear gas, water cannon, dispersal, beatings or arrests during the protest ->
     Protests / Protest with intervention
  5. otherwise -> Protests / Peaceful protest (no actor2)
  Violence and arrests inside a crowd event are part of it; arrests of the organizers
  of past protests ("the recent protests") are Arrests.

Disrupted weapons use: a bomb defused or dismantled, a cache or weapons seized, a
missile or drone intercepted or shot down, with no one hurt -> Strategic developments /
Disrupted weapons use.

Political violence (no crowd), the first named weapon wins:
  1. rape, sexual assault -> Violence against civilians / Sexual violence
  2. chlorine, sarin, a chemical attack -> Explosions/Remote violence / Chemical weapon
  3. a suicide bomber, vest or belt, "blew himself up" -> Suicide bomb
  4. an air strike, warplanes, jets, a drone; a bombing by a state -> Air/drone strike
     (warplanes and air raids default to the country's military forces)
  5. shelling, mortars, rockets, artillery, missiles -> Shelling/artillery/missile attack
  6. a grenade -> Grenade
  7. a bomb, IED, car bomb, roadside bomb, landmine, or an explosion with no weapon
     named -> Remote explosive/landmine/IED (a weak frame: a weapon named in another
     line of the same incident replaces it); an unspecified "strike" -> Air/drone strike
     (weak in the same way)
  8. a bomb carried or planted on the ground (3, 6, 7) that opens a fight in person
     (gunmen stormed, an ambush, an exchange of fire) -> Battles / Armed clash: one
     complex attack, coded as the clash (the same holds across lines of one incident)
  9. otherwise (attack, shooting, killing): if the target or the other side is armed,
     or the text speaks of clashes -> Battles / Armed clash; if the victims are
     civilians or the attacker is not a state -> Violence against civilians / Attack.
     Armed targets include a militia, a force named by its site (a checkpoint, a police
     station, a prison: its keepers), and a force whose base or members "its"/"their"
     names; an official (a governor, a mayor, a lawmaker) is a state actor but unarmed,
     so shooting one is an Attack
  Injury-only lines count when they give a number.

Other families, each its own frame:
  abduct, kidnap, take hostage -> Violence against civilians / Abduction/forced
  disappearance (an attack in the same line is the raid that took them);
  arrest, detain, capture of people -> Strategic developments / Arrests (police by
  default);
  recapture, retake, liberate -> Battles / Government regains territory; seize control,
  overrun, "fell to" by a non-state actor -> Battles / Non-state actor overtakes
  territory (a clash in the same line is the fight whose outcome this is; taking a base,
  a position or a checkpoint, or holding a place briefly, changes no territory);
  hand over, withdraw, take control without fighting -> Strategic developments /
  Non-violent transfer of territory;
  ceasefire, truce, peace deal, prisoner exchange -> Agreement;
  set up or establish a base or headquarters -> Headquarters or base established;
  looting, arson, demolition with no one hurt (the doers' name alone, "gunmen burned a
  school", makes no attack) -> Looting/property destruction;
  pledging allegiance, disbanding, a merger, defection -> Change to group/activity (not
  when it only describes who someone is: "fighters who had pledged loyalty to al-Qaeda");
  a mass grave found -> Strategic developments / Other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flashpoint.nlp.extract.actors import AGENT, TARGET, ActorMention
from flashpoint.nlp.extract.realis import AGENT_NOUNS
from flashpoint.nlp.extract.triggers import Cue

ARMED_KINDS = {"state", "rebel", "political_militia", "identity_militia", "external"}

WEAPON_ORDER: tuple[tuple[str, str, str], ...] = (
    ("sexual", "Violence against civilians", "Sexual violence"),
    ("chemical", "Explosions/Remote violence", "Chemical weapon"),
    ("suicide", "Explosions/Remote violence", "Suicide bomb"),
    ("air", "Explosions/Remote violence", "Air/drone strike"),
    ("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("grenade", "Explosions/Remote violence", "Grenade"),
    ("ied", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    # An explosion or a bombing with no weapon named: an IED unless a state dropped it.
    ("bombing", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("blast", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    # "a strike on the camp", "the strikes killed five": a strike with no weapon named
    # comes from the air unless another line names the weapon.
    ("strike", "Explosions/Remote violence", "Air/drone strike"),
)
HARM_CUES = {"kill", "injure"}
# Words of a security operation that, with arrests and no harm, are the arrest itself.
ARREST_RAID_WORDS = {"raid", "storm", "sweep", "swoop"}
VIOLENCE_CUES = {
    "kill", "injure", "attack", "clash", "ied", "mine", "suicide", "air", "shelling",
    "grenade", "chemical", "sexual", "force", "blast", "bombing", "strike",
}  # fmt: skip
# Cues that say something exploded without saying what: the frame they make is weak and
# yields to a named weapon told in another line of the same report.
WEAK_WEAPON_CUES = {"blast", "bombing", "strike"}
CROWD_CUES = {"protest", "riot", "mob"}
# Explosives carried or planted on the ground, as opposed to strikes from the air or from
# afar: in a complex attack they open a clash and are coded with it.
GROUND_EXPLOSIVES = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}
# Attack words that mean armed men fought in person, not a bomb or a strike.
GROUND_ASSAULT = {
    "storm", "raid", "open fire", "gunfire", "shoot", "shooting", "shot", "gun down",
    "fire on", "fire at", "overrun",
}  # fmt: skip


def _doers_only(cues: list[Cue]) -> bool:
    """The frame's only attack words name its doers ("gunmen", "attackers")."""
    return bool(cues) and all(c.kind == "attack" and c.words in AGENT_NOUNS for c in cues)


_DRONE_WORDS = {"drone", "uav", "suicide", "kamikaze"}


def ground_fight(cues: list[Cue]) -> bool:
    """Do the cues tell armed men fighting in person (a clash, a storming, gunfire)?"""
    return any(c.kind == "clash" or c.words in GROUND_ASSAULT for c in cues)


@dataclass(slots=True)
class Frame:
    """One event read from a sentence: its type and the cues and actors behind it."""

    family: str
    event_type: str
    sub_event_type: str
    cues: list[Cue] = field(default_factory=list)
    initiator: ActorMention | None = None
    target: ActorMention | None = None
    default_initiator: str | None = None  # kind of actor to assume when none is named
    default_target: str | None = None
    weak: bool = False
    # Armed men fought on the ground (an ambush, a storming, an exchange of fire): a bomb
    # that opened the assault is part of the clash (the complex-attack rule).
    ground: bool = False

    @property
    def trigger(self) -> Cue:
        return self.cues[0]


def is_official(a: ActorMention) -> bool:
    """A government or one of its officials, as opposed to its armed forces."""
    return a.type.template.startswith("Government of")


def _first(actors: list[ActorMention], role: str, kinds: set[str] | None = None):
    for a in actors:
        if a.role == role and (kinds is None or a.kind in kinds):
            return a
    return None


def _pick(actors: list[ActorMention], role: str, kinds: set[str] | None = None):
    """The best actor for a role: a named (non-generic) one first."""
    named = [a for a in actors if a.role == role and not a.type.generic]
    pool = named or [a for a in actors if a.role == role]
    for a in pool:
        if kinds is None or a.kind in kinds:
            return a
    return None


def _kinds(cues: list[Cue]) -> set[str]:
    return {c.kind for c in cues}


def _armed_doer(cue: Cue, actors: list[ActorMention], doc) -> ActorMention | None:
    """The armed non-crowd actor that did the act of `cue` itself: its subject, or the
    agent of its passive ("tents were burned by gunmen")."""
    if doc is None:
        return None
    verb = doc[cue.head]
    doers = {c.i for c in verb.children if c.dep_ == "nsubj"}
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            doers.update(g.i for g in c.children if g.dep_ == "pobj")
    return next((a for a in actors if a.head in doers and a.kind in ARMED_KINDS), None)


def classify(
    cues: list[Cue], actors: list[ActorMention], crowd_context: bool = False, doc=None
) -> list[Frame]:
    """Frames for one sentence from its (realis) cues and actor mentions.

    `crowd_context` says the report is about protests or riots: violence there with no
    named armed group ("a dozen were hurt by tear gas") belongs to the crowd event.
    `doc` (the parsed text) lets a burning by armed men be told from one by the crowd.
    """
    # "Their tents were burned by gunmen": armed men's arson at a protest is force used
    # against it, not the crowd rioting.
    armed_arson = [
        (c, doer)
        for c in cues
        if c.kind in ("arson", "riot_act")
        for doer in [_armed_doer(c, actors, doc)]
        if doer is not None
    ]
    kinds = _kinds(cues)
    frames: list[Frame] = []
    by_kind = {k: [c for c in cues if c.kind == k] for k in kinds}

    def cues_of(*names: str) -> list[Cue]:
        out: list[Cue] = []
        for n in names:
            out.extend(by_kind.get(n, []))
        return sorted(out, key=lambda c: c.start)

    agents_armed = _pick(actors, AGENT, ARMED_KINDS)
    # An official ("the governor", "a lawmaker") is a state actor but unarmed: shooting
    # one is an attack, not a clash.
    targets_armed = _pick([a for a in actors if not is_official(a)], TARGET, ARMED_KINDS)
    protesters = next((a for a in actors if a.kind == "protesters"), None)
    rioters = next((a for a in actors if a.kind == "rioters"), None)
    # A crowd event needs a protest or riot word; protesters named as victims or
    # parties of violence ("security forces fired on protesters") count too.
    crowd_acts = VIOLENCE_CUES | {"intervene", "arrest", "riot_act", "arson"}
    weapons = {k for k, _, _ in WEAPON_ORDER}
    armed_groups = any(
        a.kind in ("rebel", "political_militia", "identity_militia", "external") for a in actors
    )
    crowd = (
        bool(kinds & CROWD_CUES)
        or (
            ("crowd_actor" in kinds or protesters is not None or rioters is not None)
            and bool(kinds & crowd_acts)
        )
        or (
            crowd_context
            and bool(kinds & (crowd_acts - weapons))
            and not kinds & weapons
            and not armed_groups
        )
        # Tear gas, water cannon, dispersal: crowd control says there was a crowd
        # ("Police fired tear gas to disperse them, injuring 15").
        or ("intervene" in kinds and not kinds & weapons and not armed_groups)
    )
    state_actor = next((a for a in actors if a.kind == "state"), None)

    # --- Protests and riots -------------------------------------------------------
    if crowd:
        # Excessive force is lethal or live fire; beatings and tear gas are intervention.
        harmed = bool(kinds & {"kill", "force"}) or bool(armed_arson)
        crowd_acts_done = _kinds([c for c in cues if all(c is not x for x, _ in armed_arson)])
        crowd_violent = bool(crowd_acts_done & {"riot", "riot_act", "arson"}) or (
            protesters is not None
            and protesters.role == AGENT
            and bool(kinds & {"attack", "clash"})
        )
        clashing = "clash" in kinds or crowd_violent
        mob = "mob" in kinds and "protest" not in kinds and protesters is None
        if harmed and not clashing and not mob:
            frames.append(
                Frame(
                    "crowd",
                    "Protests",
                    "Excessive force against protesters",
                    cues_of("force", "kill", "attack", "injure", "protest", "crowd_actor", "arson"),
                    initiator=_pick(actors, AGENT, ARMED_KINDS)
                    or (armed_arson[0][1] if armed_arson else None)
                    or state_actor,
                    target=protesters,
                    default_initiator="state",
                    default_target="protesters",
                )
            )
        elif mob:
            frames.append(
                Frame(
                    "crowd",
                    "Riots",
                    "Mob violence",
                    cues_of("mob", "kill", "attack"),
                    initiator=rioters,
                    target=_pick(actors, TARGET),
                    default_initiator="rioters",
                )
            )
        elif clashing or ("riot" in kinds):
            frames.append(
                Frame(
                    "crowd",
                    "Riots",
                    "Violent demonstration",
                    cues_of(
                        "riot", "riot_act", "arson", "clash", "attack", "protest", "crowd_actor"
                    ),
                    initiator=rioters,
                    target=state_actor if state_actor is not protesters else None,
                    default_initiator="rioters",
                    # "twelve people died in clashes": a crowd clashes with the forces
                    # that police it, named or not.
                    default_target="state" if "clash" in kinds else None,
                )
            )
        elif kinds & {"intervene", "arrest", "attack", "injure"}:
            frames.append(
                Frame(
                    "crowd",
                    "Protests",
                    "Protest with intervention",
                    cues_of("protest", "intervene", "arrest", "attack", "injure", "crowd_actor"),
                    initiator=protesters,
                    target=state_actor,
                    default_initiator="protesters",
                    default_target="state",
                )
            )
        elif "protest" in kinds:
            frames.append(
                Frame(
                    "crowd",
                    "Protests",
                    "Peaceful protest",
                    cues_of("protest"),
                    initiator=protesters,
                    default_initiator="protesters",
                )
            )
        # Violence inside a crowd event is part of it; arrests of protesters too.
        if frames:
            kinds = kinds - VIOLENCE_CUES - {"arrest", "intervene", "arson", "riot_act"}

    # --- Disrupted weapons use --------------------------------------------------------
    harm = bool(kinds & HARM_CUES)
    if "defuse" in kinds and not harm:
        frames.append(
            Frame(
                "defuse",
                "Strategic developments",
                "Disrupted weapons use",
                cues_of("defuse", "ied", "mine", "shelling", "air", "grenade"),
                initiator=_pick(actors, AGENT, {"state", "external"}) or state_actor,
                default_initiator="state",
            )
        )
        kinds = kinds - {
            "ied",
            "mine",
            "shelling",
            "air",
            "grenade",
            "suicide",
            "attack",
            "blast",
            "bombing",
            "strike",
        }

    # --- Political violence -----------------------------------------------------------
    # "Police arrested five suspects in a raid": a raid or a storming that harms no one
    # and ends in arrests is the arrest, not a fight.
    if (
        "arrest" in kinds
        and not harm
        and kinds & VIOLENCE_CUES == {"attack"}
        and all(c.words in ARREST_RAID_WORDS for c in by_kind.get("attack", []))
    ):
        kinds = kinds - {"attack"}
    if "mine" in kinds and (harm or kinds & {"ied", "blast"}):
        kinds = kinds | {"ied"}
    violence = kinds & (VIOLENCE_CUES - {"force"})
    # Injuries alone ("prayers for those hurt") need a count to be an event;
    # the caller drops count-less frames whose only cues are harm words.
    if violence and (violence - {"injure"} or harm):
        frame = None
        for cue_kind, etype, sub in WEAPON_ORDER:
            if cue_kind in kinds:
                if (
                    cue_kind == "bombing"
                    and agents_armed is not None
                    and agents_armed.kind in ("state", "external")
                ):
                    sub = "Air/drone strike"  # "a Turkish bombing", "coalition bombing"
                frame = Frame(
                    "violence",
                    etype,
                    sub,
                    cues_of(cue_kind, "attack", "kill", "injure"),
                    weak=cue_kind in WEAK_WEAPON_CUES,
                )
                if cue_kind == "air" and any(
                    c.kind == "air" and not (set(c.words.split()) & _DRONE_WORDS) for c in cues
                ):
                    # Warplanes and air raids belong to states; drones may be anyone's.
                    frame.default_initiator = "state"
                if sub in GROUND_EXPLOSIVES and ground_fight(cues):
                    # "A suicide bomber blew himself up at the gate before gunmen stormed
                    # the base": one complex attack, coded as the clash it opened.
                    frame = Frame(
                        "violence",
                        "Battles",
                        "Armed clash",
                        cues_of("clash", "attack", cue_kind, "kill", "injure"),
                        ground=True,
                    )
                break
        if frame is None:
            victims_civil = _pick(actors, TARGET, {"civilians"})
            armed_other_side = targets_armed is not None or (
                agents_armed is not None
                and any(a.kind in ARMED_KINDS and a is not agents_armed for a in actors)
                and "clash" in kinds
            )
            if (
                "clash" in kinds
                or armed_other_side
                or (targets_armed is not None and victims_civil is None)
            ):
                frame = Frame(
                    "violence",
                    "Battles",
                    "Armed clash",
                    cues_of("clash", "attack", "kill", "injure"),
                    ground=ground_fight(cues),
                )
            elif victims_civil is not None or (
                agents_armed is None or agents_armed.kind != "state"
            ):
                frame = Frame(
                    "violence",
                    "Violence against civilians",
                    "Attack",
                    cues_of("attack", "kill", "injure"),
                    default_target="civilians",
                )
            else:
                frame = Frame(
                    "violence",
                    "Battles",
                    "Armed clash",
                    cues_of("attack", "kill", "clash", "injure"),
                    ground=ground_fight(cues),
                )
        if frame.cues:
            frames.append(frame)

    # --- Abduction --------------------------------------------------------------------
    if "abduct" in kinds:
        # "kidnapped, and a guard shot dead in the raid": the raid is the abduction.
        weapons = {k for k, _, _ in WEAPON_ORDER}
        frames = [
            f
            for f in frames
            if not (
                f.family == "violence"
                and f.event_type in ("Violence against civilians", "Battles")
                and not (_kinds(f.cues) & weapons)
                and targets_armed is None
            )
        ]
        frames.append(
            Frame(
                "abduct",
                "Violence against civilians",
                "Abduction/forced disappearance",
                cues_of("abduct"),
                default_initiator="political_militia",
                default_target="civilians",
            )
        )

    # --- Arrests ----------------------------------------------------------------------
    captured_people = "capture" in kinds and _pick(actors, TARGET) is not None
    if "arrest" in kinds or (captured_people and not any(f.family == "violence" for f in frames)):
        frames.append(
            Frame(
                "arrest",
                "Strategic developments",
                "Arrests",
                cues_of("arrest", "capture"),
                initiator=_pick(actors, AGENT, {"state", "external"}),
                default_initiator="police",
            )
        )

    # --- Territory ----------------------------------------------------------------------
    if kinds & {"regain", "overtake"}:
        # "The army recaptured the town after days of fighting": the fight's outcome is
        # the event; a named weapon (a car bomb, an air strike) stays an event of its own.
        frames = [
            f
            for f in frames
            if not (f.family == "violence" and f.sub_event_type in ("Armed clash", "Attack"))
        ]
    fought = any(f.family == "violence" for f in frames)
    if not fought and (
        kinds & {"regain", "overtake"} or ("capture" in kinds and _pick(actors, TARGET) is None)
    ):
        agent = _pick(actors, AGENT, ARMED_KINDS)
        state_took = (agent is None and "regain" in kinds) or (
            agent is not None and agent.kind in ("state", "external")
        )
        sub = (
            "Government regains territory" if state_took else "Non-state actor overtakes territory"
        )
        frames.append(
            Frame(
                "territory",
                "Battles",
                sub,
                cues_of("regain", "overtake", "capture"),
                initiator=agent,
                default_initiator="state" if state_took else "rebel",
            )
        )
    elif "transfer" in kinds and not any(f.family == "violence" for f in frames):
        frames.append(
            Frame(
                "territory",
                "Strategic developments",
                "Non-violent transfer of territory",
                cues_of("transfer"),
                initiator=_pick(actors, AGENT, ARMED_KINDS),
            )
        )

    # --- Other strategic developments ------------------------------------------------
    if "agreement" in kinds:
        frames.append(
            Frame(
                "agreement",
                "Strategic developments",
                "Agreement",
                cues_of("agreement"),
                initiator=_pick(actors, AGENT, ARMED_KINDS),
            )
        )
    if "hq" in kinds:
        frames.append(
            Frame(
                "hq",
                "Strategic developments",
                "Headquarters or base established",
                cues_of("hq"),
                initiator=_pick(actors, AGENT, ARMED_KINDS),
            )
        )
    if kinds & {"loot", "arson"} and all(
        f.family != "violence" or (not harm and _doers_only(f.cues)) for f in frames
    ):
        # "Gunmen burned down a school": with no one hurt, the doers' name alone makes
        # no attack of the burning.
        frames = [f for f in frames if f.family != "violence"]
        frames.append(
            Frame(
                "loot",
                "Strategic developments",
                "Looting/property destruction",
                cues_of("loot", "arson"),
                initiator=_pick(actors, AGENT, ARMED_KINDS),
                default_initiator="political_militia",
            )
        )
    if "change" in kinds:
        frames.append(
            Frame(
                "change",
                "Strategic developments",
                "Change to group/activity",
                cues_of("change"),
                initiator=_pick(actors, AGENT, ARMED_KINDS) or _first(actors, AGENT),
                default_initiator="political_militia",
            )
        )
    if "other" in kinds and not frames:
        frames.append(
            Frame(
                "other",
                "Strategic developments",
                "Other",
                cues_of("other"),
                initiator=_pick(actors, AGENT),
            )
        )
    return frames
