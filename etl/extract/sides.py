"""No side against itself: an event's two sides are two parties.

The parse and the lexicons can give one party for both sides: a dateline or a spokesman taken for the doer of what
was done to his own force ("police said gunmen shot at police"), two phrases that resolve to one state ("the army
clashed with the joint forces of …": both "forces"), a state acting on its own country. A party does not attack,
fight, arrest or meet itself, so the second of two same sides is wrong and is replaced by the party the act
implies (ACLED's generic sides, named for the country where it happened), or left unknown; an act between a party
and itself with nothing else to tell (a meeting, an agreement) is no event.

Two generic collectives with one name are two groups, not one: "Rioters (India)" against "Rioters (India)",
"Unidentified Armed Group (Brazil)" against another, protesters against counter-protesters, as ACLED codes them.
"""

from __future__ import annotations

from etl.extract.actors import country_names
from etl.extract.codebook import ARMED_INTER, STATE_ROLES, VICTIM_SUBS, generic_actor
from schemas.models import Actor

RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
FORCE_ROOTS = frozenset({"18", "19", "20"})  # to meet, agree or cooperate takes two parties
PROTEST_INTERVENED = frozenset({"Protest with intervention", "Excessive force against protesters"})
CLASH_SUBS = frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"})
_ROLE_LEN = 3


def _roles(actor: Actor) -> list[str]:
    code = actor.cameo or ""
    return [code[i:i + _ROLE_LEN] for i in range(0, len(code) - 2, _ROLE_LEN)]


def own_role(actor: Actor) -> str | None:
    """The role a side's CAMEO code gives after its country ("KENCVL" -> "CVL"); None for a bare country or a
    code without one."""
    roles = _roles(actor)
    return roles[1] if len(roles) > 1 else None


def is_state(actor: Actor) -> bool:
    """The state itself or one of its organs (army, police, government, courts): a bare country's code ("ISR") or
    a role of the state ("ISRMIL", or "MIL" for forces whose country the text does not name)."""
    code = actor.cameo or ""
    if not code:
        return False
    return (bool(actor.country) and code == actor.country) or any(r in STATE_ROLES for r in _roles(actor))


def is_collective(actor: Actor) -> bool:
    """A generic label for whoever was there ("Protesters (Kenya)", "Rioters (India)", "Civilians (Mali)",
    "Communal Militia (Sudan)", "Unidentified Armed Group (Brazil)"): two such sides of one name are two groups."""
    if is_state(actor):
        return False
    if actor.inter in (5, 6, 7) or actor.name.startswith("Unidentified"):
        return True
    rest = actor.name.partition(" (")[2]
    return bool(rest) and rest.rstrip(")") in country_names().values()


def _rules(actor: Actor) -> bool:
    """The state itself or its government, as against its forces: a bare country's code or a GOV role."""
    return actor.cameo == actor.country or "GOV" in _roles(actor)


def _named_state(actor: Actor) -> bool:
    """The state by its country's name or its government ("Iran", "Government of Iran"), not someone the text
    names who was only placed in the country."""
    return "GOV" in _roles(actor) or (actor.country is not None and actor.name == country_names().get(actor.country))


def _bare_state(actor: Actor) -> bool:
    """The state as a whole, named by its country's name ("Afghanistan"), no organ of it."""
    return actor.cameo == actor.country and actor.name == country_names().get(actor.country or "")


def same_party(a: Actor, b: Actor, *, violent: bool) -> bool:
    """One party on both sides (`a` the first side, `b` the second): one name (not a generic collective), or, in
    an act of force, a state or its
    government and its own forces ("Israel" and "Military Forces of Israel", "Government of X" and "Military Forces
    of X": a state does not fight itself), and two of its forces named by common nouns ("police" and "soldiers").
    Named forces of one state (a mutinous unit, rival governments' forces) may clash, as ACLED codes mutinies and
    rival rule; an official of the state counted as a civilian where
    force is used on him (inter 7) is another party. In what is said or agreed, a state and its government are one
    party ("Government of Iran" and "Iran"), as are two generic collectives of one name, though its army may
    criticise its government; no organ of a state addresses that state as a whole (a second side named only by the
    country's name), though the state may speak of its own army."""
    if is_collective(a) or is_collective(b):
        return not violent and a.name == b.name  # civilians "praising" civilians: one crowd, no second party
    if a.name == b.name:
        return True
    if not (is_state(a) and is_state(b) and a.country == b.country):
        return False
    if not violent:  # "Government of Iran" rejecting "Iran": a state does not speak to itself; nor does its army
        # to the state as a whole ("Afghan involvement" rejected by the Taliban's spokesman names Afghanistan)
        return (_named_state(a) and _named_state(b)) or (_bare_state(b) and any(r in STATE_ROLES for r in _roles(a)))
    if 7 in (a.inter, b.inter):
        return False
    return _rules(a) or _rules(b) or (_forces_in_words(a) and _forces_in_words(b))


def named_properly(actor: Actor) -> bool:
    """Whether the text names the side with a capitalised word ("the RSF", "Kenya National Union of Teachers"), not
    only with common nouns ("soldiers", "12 people", "five farmers")."""
    return actor.text is not None and any(ch.isupper() for ch in actor.text)


def _forces_in_words(actor: Actor) -> bool:
    """A state's forces named by common nouns only ("soldiers", "security forces", "police"): two such sides of one
    state are one party in an act of force (a parse that set "police" against "soldiers" lost the other side); rival
    forces of one state that ACLED codes apart (a mutiny, a rival government's army) are named."""
    text = actor.text or ""
    return (bool(text) and not named_properly(actor) and not _rules(actor)
            and not any(w in text for w in ("mutin", "rogue", "renegade", "defect", "rival")))


def _country_unnamed(actor: Actor) -> bool:
    """Whether a side's own words name no country (its country is the article's default, a guess)."""
    from etl.extract.actors import countries_in

    return actor.country is not None and actor.text is not None and actor.country not in countries_in(
        actor.text.replace("'s", " ").replace("’s", " ").split())


def _stateless(actor: Actor) -> Actor:
    """A side with its guessed country taken away: its role alone ("Government"), or its own name."""
    role = (actor.cameo or "")[3:] if actor.country and (actor.cameo or "").startswith(actor.country) else ""
    cname = country_names().get(actor.country or "", actor.country or "")
    name = actor.name.replace(f" of {cname}", "").replace(f" ({cname})", "")
    return actor.model_copy(update={"country": None, "cameo": role or None, "name": name or actor.name})


def other_party(sub: str | None, first: Actor, country: str | None) -> Actor | None:
    """The party an act implies when the text's second side turned out to be the first again: civilians for
    violence against civilians, arrests and looting; the police for a protest they broke up; an unidentified armed
    group against a state's forces, the state's military against an armed group; unknown otherwise."""
    where = country or first.country
    if sub in PROTEST_INTERVENED:
        return generic_actor("police", where) if "COP" not in _roles(first) else None
    if sub in VICTIM_SUBS:
        return generic_actor("civilians", where)
    if sub in CLASH_SUBS:
        if is_state(first):
            return generic_actor("unidentified", where)
        return generic_actor("military", where) if first.inter in ARMED_INTER else None
    return None


def own_target(actor: Actor, country: str, code: str, *, strict: bool = False) -> bool:
    """Whether a country would be the state's own target: a state is not the target of what it does in its own
    land ("Israel struck …", "troops shelled positions near Donetsk" is Ukraine's army, not an act on Ukraine).
    `strict` (sentences of full articles, where an analyst reads the pair): nor of what its government or forces
    say or do there ("Uganda's foreign minister denied the charge" is no act of Uganda's on Uganda). The CAMEO coders'
    convention, which the short-report gold sets follow, targets a government's domestic words at its country."""
    return actor.cameo == country or (actor.country == country and is_state(actor)
                                      and (code[:2] in FORCE_ROOTS or strict))


def distinct_sides(sub: str | None, code: str, a1: Actor | None, a2: Actor | None, country: str | None,
                   violent: bool, hit_force: str | None = None) -> tuple[Actor | None, Actor | None] | None:
    """The event's sides with no party against itself; None when the event is one party acting on itself with
    nothing to tell the sides apart (a meeting or an agreement with itself). `hit_force` ("police", "military")
    says the text tells of a state force being hit ("opened fire on police officers"): then the force is the
    target and the doer, which the parse lost, an unidentified armed group."""
    if a1 is None or a2 is None or not same_party(a1, a2, violent=violent):
        return a1, a2
    if not violent and code[:2] not in RECIPROCAL_ROOTS and _country_unnamed(a1) and not _country_unnamed(a2):
        # "G7 foreign ministers urged Russia", "spokesman Balkhi rejected Pakistan's allegations": the speaker's
        # country was only the article's guess; the target's is named. The guess goes, not the target.
        return _stateless(a1), a2
    if a1.name != a2.name and _rules(a1) != _rules(a2):  # a state's government and its forces: the government
        if _rules(a1):                                      # side is the misreading (an owner, a speaker)
            return generic_actor("unidentified", country or a2.country), a2
        return a1, other_party(sub, a1, country)
    force_role = {"police": "COP", "military": "MIL"}.get(hit_force or "")
    if violent and force_role and force_role in _roles(a2) and sub not in PROTEST_INTERVENED:
        return generic_actor("unidentified", country or a2.country), a2
    other = other_party(sub, a1, country)
    if other is None and sub is None and code[:2] in RECIPROCAL_ROOTS:
        return None
    return a1, other
