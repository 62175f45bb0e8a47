"""The codebooks' groupings the rule stages decide by: CAMEO actor roles and event roots, ACLED sub-event type
families and inter codes, and the generic sides ACLED names ("Civilians (Kenya)", "Police Forces of Kenya").
"""

from __future__ import annotations

from etl.extract import actors as actors_mod
from etl.extract.lexicon import cue
from schemas.models import Actor, Location

# CAMEO actor roles (the three letters after a country code: "UKRMIL")
ROLES = frozenset({"MIL", "COP", "GOV", "REB", "OPP", "CVL", "JUD", "BUS", "MED", "EDU", "REF", "IGO", "PTY", "LEG",
                   "SPY", "INS", "UAF", "LAB", "AGR", "HLH", "NGO", "CRM", "ELI", "MOD", "RAD", "SET"})
ARMED_ROLES = frozenset({"MIL", "COP", "REB", "UAF", "SPY"})
STATE_ROLES = frozenset({"MIL", "COP", "GOV", "JUD", "LEG", "SPY"})
GOV_ROLES = frozenset({"GOV", "JUD", "LEG"})
ARMED_INTER = frozenset({1, 2, 3, 4, 8})  # ACLED inter codes of armed sides

# ACLED sub-event types by family
VIOLENT_SUBS = frozenset({
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Grenade", "Suicide bomb", "Chemical weapon", "Mob violence", "Abduction/forced disappearance", "Sexual violence",
    "Government regains territory", "Non-state actor overtakes territory", "Excessive force against protesters",
    "Violent demonstration"})
PROTEST_SUBS = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"})
ARMED_SUBS = frozenset({
    "Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Grenade", "Suicide bomb", "Abduction/forced disappearance", "Sexual violence",
    "Non-state actor overtakes territory", "Looting/property destruction"})
VICTIM_SUBS = frozenset({"Attack", "Abduction/forced disappearance", "Sexual violence", "Mob violence",
                         "Looting/property destruction", "Arrests"})
UNKNOWN_PERPETRATOR_SUBS = frozenset({  # ACLED names no one as an unidentified armed group
    "Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
REMOTE_SUBS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED",
                         "Grenade"})

# CAMEO event roots by family
TRANSFER_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})  # "give X to Y", "send troops to Y": Y is the target
RECIPROCAL_ROOTS = frozenset({"04", "05", "06", "19"})  # meeting, agreeing, cooperating, fighting: each side acts
# on the other
ARMED_ROOTS = frozenset({"18", "19", "20"})
COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
# a visit, a meeting or a show of force on another country's soil is made to that country ("attended a summit in
# Switzerland", "held military exercises in Alaska") when no other party is named
HOSTED_ROOTS = frozenset({"03", "04", "15"})
FORCEFUL_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
ACCUSED_ROOTS = frozenset({"17", "18", "19", "20"})  # coercion and violence: telling that another side did it
# accuses it
VERBAL_ROOTS = frozenset({"02", "03", "04", "05", "10", "11", "12", "13"})  # acts done by saying: appeals, intents,
# rejections…


def role_of(actor: Actor | None) -> str:
    """The CAMEO role of an actor ("UKRMIL" → "MIL", "REB" → "REB"), "" for a bare country or nobody."""
    code = (actor.cameo or "") if actor else ""
    return next((code[i:i + 3] for i in range(0, len(code) - 2, 3) if code[i:i + 3] in ROLES), "")


def fineness(loc: Location) -> int:
    """How finely a place is named, as ACLED's geo-precision: a town the gazetteer lacks ("the village of X") is named
    as finely as one it has, though it is stored without its own coordinates."""
    return 1 if loc.feature_type == "unlisted" else loc.geo_precision


def generic_actor(kind: str, country: str | None) -> Actor:
    """A generic side named the ACLED way: "Protesters (Kenya)", "Civilians (Kenya)", "Police Forces of Kenya"."""
    cname = actors_mod.country_names().get(country or "", "")
    role, inter, name = {"protesters": ("OPP", 6, f"Protesters ({cname})"),
                         "unidentified": ("UAF", 3, f"Unidentified Armed Group ({cname})"),
                         "civilians": ("CVL", 7, f"Civilians ({cname})"),
                         "police": ("COP", 1, f"Police Forces of {cname}"),
                         "military": ("MIL", 1, f"Military Forces of {cname}")}[kind]
    return Actor(name=name.replace(" ()", "").strip(), country=country, cameo=(country or "") + role, inter=inter)


def names_state(actor: Actor) -> bool:
    """A bare country written as its name ("Israel", "the United States"), not as its people ("young Algerians")."""
    text = (actor.text or "").lower().removeprefix("the ").strip()
    return text in actors_mod.country_names_lower()


def same_kind(a: Actor, b: Actor) -> bool:
    """The same kind of party (CAMEO role) of two countries."""
    return bool(role_of(a)) and role_of(a) == role_of(b)


def same_side(a: Actor, b: Actor) -> bool:
    """One actor, or one state speaking of its own forces ("the Pentagon said US jets struck…")."""
    state = STATE_ROLES | {""}  # a bare country is its state
    return a.cameo == b.cameo or (a.country == b.country and role_of(a) in state and role_of(b) in state)


FEW = cue("FEW")  # "a man", "two individuals": one person or a couple


def few_people(actor: Actor | None) -> bool:
    """One person or a couple ("a man", "two individuals", "three unidentified assailants"): no crowd, no mob."""
    return actor is not None and bool(FEW.match((actor.text or "").strip()))


def is_crowd(actor: Actor | None) -> bool:
    """Whether a side is a crowd of people (civilians or a political crowd, not one or two persons): who riots."""
    return (actor is not None and actor.inter in (5, 6, 7) and role_of(actor) in ("OPP", "CVL")
            and not few_people(actor))
