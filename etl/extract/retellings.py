"""Retellings the rules miss: a learned decision whether an article's event tells again one it told before.

The rules of etl.extract.happenings fold the retellings whose evidence is plain (the same sub-type, day, place and
sides). News retells its happening in many other ways: the body tells how the lead's attack went ("The attackers
moved through the villages, shooting residents and setting fire to homes"), a claim gives its own toll ("He claimed
seven soldiers had been killed"), a ministry's statement is told again with what it said. Judges called such
events duplicates more than any other wrong kind (about one event in six on fresh articles after the rules). This
stage learns from those verdicts: for each event of a full article, in text order, it pairs the event with the
earlier event of its class most like it and gives the probability that it tells that event again; above the
model's threshold it is folded into it (its sources and toll figures join the first telling, as the rules fold).

A sentence that says it tells another happening ("In a separate attack", "elsewhere") is never folded: the article
has said so. The model is a logistic regression over the pair's agreements (sub-type, code, sides, place, day,
toll) and the sentence's own marks (does it name a place or a toll of its own, does it open by referring back);
`newsevents train-retellings` fits it (etl.extract.retellings_train)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from etl.dedup.events import days_apart
from etl.extract.classify.stage import source_start
from etl.extract.happenings import absorb, retold, told_as_separate
from etl.extract.lexicon import cue, words
from etl.extract.sides import is_collective
from etl.extract.weights import NamedWeights
from schemas.models import Event

FEATURE_VERSION = "2"
MODEL_PATH = Path(__file__).parent / "data" / "retellings.json"
VERBAL = frozenset({"verbal_cooperation", "verbal_conflict"})
BACK_REFERENCE = cue("BACK_REFERENCE")
OWN_DATE = cue("OWN_DATE")
QUOTE = re.compile(r"[\"“”]")
WORD = re.compile(r"[a-z][a-z-]{3,}|\d+")


# what is read apart for each class (a verbal retelling is told otherwise than an attack's)
INTERACTED = ("same_class", "same_sub", "same_code", "same_actor1", "same_place", "same_day",
              "own_place", "own_date", "back_reference", "overlap")


def group(ev: Event) -> str:
    """The class an event is compared within: its event class, the two verbal classes as one."""
    cls = str(ev.event_class.value if hasattr(ev.event_class, "value") else ev.event_class)
    return "verbal" if cls in VERBAL else cls


def _name(side: object) -> str | None:
    return getattr(side, "name", None)


def _likeness(ev: Event, other: Event) -> int:
    """How much of `ev` agrees with `other`: what picks the earlier event a retelling would tell again."""
    score = 3 * (group(ev) == group(other))
    score += 2 * (ev.sub_event_type == other.sub_event_type and ev.sub_event_type != "Other")
    score += 2 * (ev.cameo_code == other.cameo_code) + (ev.cameo_root == other.cameo_root)
    score += sum(1 for a, b in ((ev.actor1, other.actor1), (ev.actor2, other.actor2))
                 if _name(a) is not None and _name(a) == _name(b))
    score += ev.location is not None and other.location is not None and ev.location.name == other.location.name
    return score + (ev.event_date == other.event_date)


def partner(ev: Event, earlier: Sequence[Event]) -> Event | None:
    """The event of an earlier sentence most like `ev` (the first of equals), or None. Two readings of one sentence
    are the rules' to fold (happenings: one act, one statement, one joint act, a part of an act); the stage does not
    judge them, for one sentence often tells two acts CAMEO codes apart ("ordered two officials to leave, accusing
    them of ..." is an expulsion and an accusation)."""
    start = source_start(ev)
    before = [o for o in earlier if source_start(o) < start]
    if not before:
        return None
    best = max(_likeness(ev, o) for o in before)
    return next(o for o in before if _likeness(ev, o) == best)


def _sentence(ev: Event) -> str:
    return (ev.sources[0].sentence or "") if ev.sources else ""


def _words(text: str) -> set[str]:
    common = words("news_common")
    return {w for w in WORD.findall(text.lower()) if w not in common}


def overlap(a: str, b: str) -> float:
    """The share of the shorter sentence's content words (and numbers) the other has."""
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def _own_place(ev: Event) -> bool:
    """Whether the event's own sentence names its place (a place the text before it gave is no evidence)."""
    text = ev.location.text if ev.location is not None else None
    return bool(text) and any(text in (s.sentence or "") for s in ev.sources)


def features(ev: Event, earlier: Sequence[Event], text_length: int) -> dict[str, float]:
    """What says whether `ev` tells again an event of `earlier` (the article's events before it, in text order)."""
    return _features(ev, earlier, text_length, partner(ev, earlier))


def _features(ev: Event, earlier: Sequence[Event], text_length: int, p: Event | None) -> dict[str, float]:
    """`features`, with `ev`'s partner among `earlier` given."""
    g = group(ev)
    sentence = _sentence(ev)
    f: dict[str, float] = {"bias": 1.0, f"class={g}": 1.0,
                           "position": source_start(ev) / max(text_length, 1),
                           "confidence": ev.confidence, "main": float(ev.main), "hedged": float(ev.hedged),
                           "own_place": float(_own_place(ev)), "quote": float(bool(QUOTE.search(sentence))),
                           "back_reference": float(bool(BACK_REFERENCE.search(sentence)) or retold(ev)),
                           "claimed": float(any(s.claim_source for s in ev.sources)),
                           "own_date": float(bool(OWN_DATE.search(sentence))),
                           "no_date": float(ev.event_date is None), "toll": float(ev.fatalities > 0)}
    same = [o for o in earlier if group(o) == g]
    f["earlier_of_class"] = math.log1p(len(same))
    if p is None:
        f["no_partner"] = 1.0
        return f
    pairs = {
        "same_class": group(p) == g,
        "same_sub": ev.sub_event_type == p.sub_event_type and ev.sub_event_type != "Other",
        "same_code": ev.cameo_code == p.cameo_code,
        "same_root": ev.cameo_root == p.cameo_root,
        "same_actor1": _name(ev.actor1) is not None and _name(ev.actor1) == _name(p.actor1),
        "same_actor2": _name(ev.actor2) is not None and _name(ev.actor2) == _name(p.actor2),
        "generic_actor1": ev.actor1 is None or is_collective(ev.actor1),
        "crossed_sides": _name(ev.actor1) is not None and _name(ev.actor1) == _name(p.actor2),
        "same_place": ev.location is not None and p.location is not None and ev.location.name == p.location.name,
        "same_admin1": ev.location is not None and p.location is not None and ev.location.admin1 is not None
        and ev.location.admin1 == p.location.admin1,
        "other_country": ev.location is not None and p.location is not None
        and ev.location.country != p.location.country,
        "same_day": ev.event_date is not None and ev.event_date == p.event_date,
        "day_apart": ev.event_date is not None and p.event_date is not None and days_apart(ev, p) == 1,
        "days_apart": ev.event_date is not None and p.event_date is not None and days_apart(ev, p) > 1,
        "more_dead": ev.fatalities > p.fatalities,
        "fewer_dead": 0 < ev.fatalities < p.fatalities,
        "same_toll": ev.fatalities > 0 and ev.fatalities == p.fatalities,
        "partner_main": p.main,
    }
    f |= {k: 1.0 for k, v in pairs.items() if v}
    f["overlap"] = overlap(sentence, _sentence(p))
    f["partner_lead"] = float(source_start(p) == 0)
    gap = source_start(ev) - source_start(p)
    f["gap"] = math.log1p(max(gap, 0) / 200)
    f["partner_just_before"] = float(earlier[-1] is p)
    for k in INTERACTED:
        if f.get(k):
            f[f"{g}:{k}"] = f[k]
    return f


class RetellingModel(NamedWeights):
    """A logistic regression stored as named weights, with the probability above which an event is folded."""

    STAGE = "retellings"
    FEATURES = FEATURE_VERSION
    REFIT = "newsevents train-retellings"


@lru_cache(maxsize=1)
def load_retellings(path: Path = MODEL_PATH) -> RetellingModel | None:
    """The shipped model, or None when none is shipped (the stage then folds nothing)."""
    if not path.exists():
        return None
    return RetellingModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def order(ev: Event) -> tuple[int, float, str]:
    """Text order; within a sentence the surer reading first (the one a second reading would repeat)."""
    return source_start(ev), -ev.confidence, ev.event_id


def article_features(events: Sequence[Event], text_length: int) -> list[dict[str, float]]:
    """Each event's features against the events before it (`events` in text order)."""
    return [features(ev, events[:i], text_length) for i, ev in enumerate(events)]


def fold_retellings(events: Sequence[Event], text_length: int, model: RetellingModel | None) -> list[Event]:
    """The article's events (in text order) with each likely retelling folded into the earlier event it tells
    again; a sentence that says it tells another happening stays."""
    if model is None or len(events) < 2:
        return list(events)
    ordered = sorted(events, key=order)
    kept: list[Event] = []
    for ev in ordered:
        p = partner(ev, kept)
        if p is not None and not told_as_separate(ev) and not ev.main and (
                model.probability(_features(ev, kept, text_length, p)) >= model.threshold):
            k = kept.index(p)
            kept[k] = absorb(p, ev, sides=False)
            continue
        kept.append(ev)
    return kept
