"""How sure the extraction is, before the sources are weighed (etl.dedup.confidence adds outlet and corroboration).

certainty = 0.35 base
          + 0.20 if the action has an ACLED type (a concrete event, not only talk)
          + 0.15 if actor1 was resolved, + 0.05 if actor2 was
          + 0.15 if the place was resolved
          + 0.10 if the date is explicit to the day
then × 0.7 if the sentence is hedged ("reportedly", "allegedly", "claimed", "according to unconfirmed reports")
and × 0.3 if the action is negated ("did not attack"), capped to [0.05, 1].
"""

from __future__ import annotations

from spacy.tokens import Span

from etl.extract.lexicon import cue, cue_may_match

HEDGES = cue("HEDGES")


def is_hedged(sent: Span | str) -> bool:
    """Whether a sentence tells its news as unconfirmed (data/cues.toml HEDGES)."""
    text = sent if isinstance(sent, str) else sent.text
    return cue_may_match("HEDGES", text) and HEDGES.search(text) is not None


def certainty_of(*, has_actor1: bool, has_actor2: bool, has_location: bool, explicit_date: bool, hedged: bool,
                 negated: bool, typed: bool) -> float:
    """The certainty of an event from what was found of it (the formula above)."""
    c = 0.35 + 0.20 * typed + 0.15 * has_actor1 + 0.05 * has_actor2 + 0.15 * has_location + 0.10 * explicit_date
    if hedged:
        c *= 0.7
    if negated:
        c *= 0.3
    return round(min(1.0, max(0.05, c)), 3)
