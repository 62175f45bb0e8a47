"""Event merging: reports of one real-world event, from any number of articles and days, become one event.

Two reports *match* when all of these hold (unknown values are compatible with anything):

- dates within the coarser report's time precision (day: ±1 day, week: ±7, month: ±31, year: ±366; unknown,
  stamped with the day the article was read: ±7); two unknown dates (``extract`` output, one article) are equal;
- the same CAMEO root and the same ACLED event type;
- compatible actors (country, CAMEO role and ACLED inter each equal or unknown), in the same or swapped order
  (within one article only symmetric acts such as a clash or a meeting may swap);
- the same place: both with coordinates → at most ``MAX_KM`` apart (``REGION_KM`` when a side is only known to
  region precision, which also matches on the same admin1); otherwise the same admin1 or, failing that, country.

Clustering is leader-based and deterministic: reports are taken in a fixed order (earliest report, then event id),
never in input order; each joins the best matching cluster, compared with the cluster's *consensus* (so noisy dates
±1 day around the true date all join) — no chaining through members. Candidate clusters come from blocks keyed by
(CAMEO root, day, country) — an unknown country is compared with every country —, so the work grows near-linearly
with the number of reports. A second pass joins clusters whose consensus events have come to match.

A merged event keeps every source (sorted by article id and offsets, the store's order), `num_articles`, `num_sources`
(distinct outlets), `first_seen` (earliest report). Its fields are the support-weighted most frequent values
(support = number of articles; ties to the earliest report), location the finest-precision one (then support), and
actors filled from the most complete compatible report. Fatalities (`fatalities_rule`): a report that gives no toll
(0) says nothing when another gives one; each article gives one figure (its most frequent, ties to the higher:
a smaller one in the same article is usually a part of the total); the articles are taken in rounds by publication
time (a round spans ``CONTEMPORANEOUS`` from its first report; an unknown time counts as the earliest); within a
round, disagreeing figures give the one most articles report, ties to the lowest (ACLED's most conservative credible
figure); and a later round's higher toll replaces an earlier one ("the toll rose to 14"), while a later lower figure
does not lower it (follow-ups repeat early counts). Every figure stays in `fatalities_reported`, one per source
(aligned with `sources`), so conflicts stay visible.

Ids: an event matching an `existing` one (stored, previous days) keeps the existing `event_id`; a report whose
source (article, sentence span) is already in an existing event goes to that event whatever its fields (so a rerun
or a re-code never creates a second event; of several events from one sentence, the one of its time). Reports of
one sentence at different times are different happenings ("in 2016 …, and in April 2025 …"). A new cluster takes the
smallest member `event_id`, which does not depend on input order.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from etl.dedup.articles import outlet_of, source_sort_key
from schemas.models import Actor, Event, EventClass, Location, SourceRef, TimePrecision

MAX_KM = 40.0
REGION_KM = 150.0
DATE_TOLERANCE = {TimePrecision.DAY: 1, TimePrecision.WEEK: 7, TimePrecision.MONTH: 31, TimePrecision.YEAR: 366,
                  TimePrecision.UNKNOWN: 7}
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)
_FAR_PAST = datetime.min.replace(tzinfo=UTC)


@dataclass
class MergeResult:
    """Events touched by a merge: every one the input contributed to, classified by what happened to it.

    `events` holds new, revised and unchanged events (so a rerun reports the same count); `withdrawn` lists ids of
    events left without any source (their event in `events` has ``withdrawn=True``).
    """

    events: list[Event] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    revised_ids: list[str] = field(default_factory=list)
    unchanged_ids: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------------
# compatibility


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _eq_or_unknown(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def _role(code: str | None) -> str | None:
    """The CAMEO role part of an actor code ('UKRMIL' → 'MIL'); None when only a country is known."""
    if not code or len(code) <= 3:
        return None
    return code[3:6]


def actors_compatible(a: Actor | None, b: Actor | None) -> bool:
    """Same side as far as both reports know: country, CAMEO role and inter equal or unknown."""
    if a is None or b is None:
        return True
    return (_eq_or_unknown(a.country, b.country) and _eq_or_unknown(_role(a.cameo), _role(b.cameo))
            and _eq_or_unknown(a.inter, b.inter))


def symmetric(ev: Event) -> bool:
    """Acts with no initiator to tell apart (a clash, a meeting, an agreement, cooperation)."""
    return ev.cameo_code == "190" or ev.cameo_root in ("04", "05", "06") or ev.sub_event_type == "Armed clash"


def _actor_pairs_compatible(x: Event, y: Event) -> bool:
    """Sides in the same order, or swapped: outlets (and the coder) often tell an act from either side. One article
    telling "X shelled Y" and "Y shelled X" tells two acts, though, so there only symmetric acts may swap."""
    straight = actors_compatible(x.actor1, y.actor1) and actors_compatible(x.actor2, y.actor2)
    if straight:
        return True
    if x.article_id == y.article_id and not (symmetric(x) and symmetric(y)):
        return False  # (an event's article_id is its first source's: O(1) where a union of sources is not)
    return actors_compatible(x.actor1, y.actor2) and actors_compatible(x.actor2, y.actor1)


def place_distance(a: Location | None, b: Location | None) -> float | None:
    """Distance in km when both places have coordinates, else None."""
    if a is None or b is None or a.latitude is None or b.latitude is None:
        return None
    if a.longitude is None or b.longitude is None:
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def places_compatible(a: Location | None, b: Location | None) -> bool:
    """Same or nearby place (see the module docstring); an unknown place is compatible."""
    if a is None or b is None:
        return True
    if not _eq_or_unknown(a.country, b.country):
        return False
    regional = max(a.geo_precision, b.geo_precision) >= 3
    if regional and a.admin1 and b.admin1 and a.admin1.casefold() == b.admin1.casefold():
        return True
    km = place_distance(a, b)
    if km is not None:
        return km <= (REGION_KM if regional else MAX_KM)
    if a.admin1 and b.admin1:
        return a.admin1.casefold() == b.admin1.casefold()
    if a.name and b.name and max(a.geo_precision, b.geo_precision) == 1:
        return a.name.casefold() == b.name.casefold()
    return True


def date_tolerance(a: Event, b: Event) -> int:
    return max(DATE_TOLERANCE.get(TimePrecision(a.time_precision), 1),
               DATE_TOLERANCE.get(TimePrecision(b.time_precision), 1))


def days_apart(a: Event, b: Event) -> float:
    """Days between two reports' dates; two unknown dates are one (the same article's), unknown and known apart."""
    if a.event_date is None or b.event_date is None:
        return 0 if a.event_date == b.event_date else math.inf
    return abs((a.event_date - b.event_date).days)


def compatible(a: Event, b: Event) -> bool:
    """Whether two reports can describe the same real-world event."""
    return (days_apart(a, b) <= date_tolerance(a, b)
            and a.cameo_root == b.cameo_root and a.event_type == b.event_type
            and _actor_pairs_compatible(a, b) and places_compatible(a.location, b.location))


def match_score(a: Event, b: Event) -> float:
    """How alike two compatible reports are, to pick the best cluster: closer date and place, more agreement."""
    s = -min(days_apart(a, b), 10_000)
    km = place_distance(a.location, b.location)
    s -= (km / MAX_KM) if km is not None else 0.5
    s += 0.5 * (a.sub_event_type == b.sub_event_type) + 0.5 * (a.cameo_code == b.cameo_code)
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if x is not None and y is not None:
            s += 0.25 * (x.country is not None and x.country == y.country) + 0.25 * (x.name == y.name)
    return s


# ---------------------------------------------------------------------------------------------------------------
# consensus of a cluster


def _first_report(ev: Event) -> datetime:
    times = [s.published_at for s in ev.sources if s.published_at is not None]
    if ev.first_seen is not None:
        times.append(ev.first_seen)
    times = [t if t.tzinfo else t.replace(tzinfo=UTC) for t in times]
    return min(times) if times else _FAR_FUTURE


def _report_order(ev: Event) -> tuple[datetime, str]:
    return (_first_report(ev), ev.event_id)


def _weight(ev: Event) -> int:
    return max(1, len({s.article_id for s in ev.sources}) or ev.num_articles)


def _mode(members: list[Event], key: Callable[[Event], Hashable]) -> Any:
    """Support-weighted most frequent value; ties to the earliest report (members are in report order)."""
    counts: Counter[Hashable] = Counter()
    first: dict[Hashable, int] = {}
    for i, ev in enumerate(members):
        k = key(ev)
        counts[k] += _weight(ev)
        first.setdefault(k, i)
    return max(counts, key=lambda k: (counts[k], -first[k]))


def _figures(ev: Event) -> list[int]:
    """One fatality figure per source of a report (aligned when the report kept them so)."""
    n = max(1, len(ev.sources))
    if len(ev.fatalities_reported) == n:
        return list(ev.fatalities_reported)
    if len(ev.fatalities_reported) == 1:
        return ev.fatalities_reported * n
    return [ev.fatalities] * n


CONTEMPORANEOUS = timedelta(hours=12)  # reports this close tell the same state of knowledge about a toll


def _round_figure(figures: list[int]) -> int:
    """Contemporaneous reports' figures: the one most reports give; among equally supported ones the lowest (ACLED's
    most conservative figure)."""
    counts = Counter(figures)
    return max(counts, key=lambda f: (counts[f], -f))


def _article_figure(figures: list[int]) -> int:
    """One article's toll from the figures of its sentences: the most frequent, ties to the higher (one article's
    smaller figure is usually a part of its total, "including two soldiers", not a second report)."""
    counts = Counter(figures)
    return max(counts, key=lambda f: (counts[f], f))


def fatalities_rule(figures: list[int], published: list[datetime | None] | None = None,
                    articles: list[str] | None = None) -> int:
    """The toll of a merged event from its sources' figures, publication times and articles (aligned lists; without
    times all are contemporaneous, without articles each figure is a report of its own).

    Zeros are sentences without a toll unless no source gives one. Each article gives one figure; articles within
    ``CONTEMPORANEOUS`` of a round's first form a round with one conservative figure, and the highest round wins: a
    later report of a higher toll updates the event, a disagreeing report at the same time cannot inflate it.
    Depends only on the set of (figure, time, article) triples, so not on the order reports arrive in.
    """
    n = len(figures)
    times = list(published) if published is not None else [None] * n
    times = [t.replace(tzinfo=UTC) if t is not None and t.tzinfo is None else t for t in times]
    keys = list(articles) if articles is not None else [str(i) for i in range(n)]
    told: dict[str, list[int]] = defaultdict(list)
    when: dict[str, datetime | None] = {}
    for f, t, a in zip(figures, times, keys, strict=False):
        if f > 0:
            told[a].append(f)
            known = when.get(a)
            when[a] = t if known is None or (t is not None and t < known) else known  # the article's first time
    if not told:
        return 0
    reports = sorted(((when[a], _article_figure(fs)) for a, fs in told.items()),
                     key=lambda tf: (tf[0] is not None, tf[0] or _FAR_PAST, tf[1]))
    best, start, current = 0, reports[0][0], []
    for t, f in reports:
        if current and t is not None and (start is None or t - start > CONTEMPORANEOUS):
            best = max(best, _round_figure(current))
            start, current = t, []
        current.append(f)
    return max(best, _round_figure(current))


def _same_name(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.name.casefold() == b.name.casefold()


def _distinct_sides(members: list[Event]) -> tuple[Actor | None, Actor | None]:
    """The merged sides, each voted; but no side is merged against itself: when one report's doer and another's
    target of one name would face each other (and no report told two groups of one name, as "Rioters (India)"
    against "Rioters (India)"), the sides are those of the first report that names both, else the second is
    unknown. One party is also a state and its own government, as when a speaker the coder left stateless
    ("Government") takes from another report the country of the state it answers."""
    from etl.extract.sides import is_collective, same_party

    actor1, actor2 = _best_actor(members, "actor1"), _best_actor(members, "actor2")
    if actor1 is None or actor2 is None or is_collective(actor1):
        return actor1, actor2
    violent = any(e.event_class == EventClass.POLITICAL_VIOLENCE for e in members)
    if (not (_same_name(actor1, actor2) or same_party(actor1, actor2, violent=violent))
            or any(_same_name(e.actor1, e.actor2) for e in members)):
        return actor1, actor2
    whole = next((e for e in members if e.actor1 is not None and e.actor2 is not None), None)
    return (whole.actor1, whole.actor2) if whole is not None else (actor1, None)


def _best_actor(members: list[Event], attr: str) -> Actor | None:
    actors = [(getattr(ev, attr), _weight(ev), i) for i, ev in enumerate(members) if getattr(ev, attr) is not None]
    if not actors:
        return None
    support: Counter[str] = Counter()
    for a, w, _ in actors:
        support[a.name.casefold()] += w
    name = max(support, key=lambda n: (support[n], -min(i for a, _, i in actors if a.name.casefold() == n)))

    def completeness(a: Actor) -> int:
        return (a.country is not None) + (a.cameo is not None) + (a.inter is not None)

    same = [(a, i) for a, _, i in actors if a.name.casefold() == name]
    best = max(same, key=lambda ai: (completeness(ai[0]), -ai[1]))[0]
    filled: dict[str, Any] = {}
    for f in ("country", "cameo", "inter"):
        if getattr(best, f) is None:
            vals = [getattr(a, f) for a, _, _ in actors if getattr(a, f) is not None and actors_compatible(a, best)]
            if vals:
                filled[f] = Counter(vals).most_common(1)[0][0]
    return best.model_copy(update=filled) if filled else best


def _best_location(members: list[Event]) -> Location | None:
    locs = [(ev.location, i) for i, ev in enumerate(members) if ev.location is not None]
    if not locs:
        return None
    support: Counter[tuple[Any, ...]] = Counter()
    for (loc, i) in locs:
        support[(loc.name, loc.latitude, loc.longitude)] += _weight(members[i])
    return min(locs, key=lambda li: (li[0].geo_precision, -support[(li[0].name, li[0].latitude, li[0].longitude)],
                                     li[1]))[0]


def _oriented(members: list[Event]) -> list[Event]:
    """Members with their sides in one order: a clash told as "X attacked Y" and as "Y repelled X" is one event, and
    picking each side by vote must not take X from one report and X again from the other."""
    both = [e for e in members if e.actor1 is not None and e.actor2 is not None]
    ref = next((e for e in both if e.main), both[0] if both else None)  # the article's principal telling first
    if ref is None:
        return members
    out = []
    for ev in members:
        straight = actors_compatible(ev.actor1, ref.actor1) and actors_compatible(ev.actor2, ref.actor2)
        if not straight and actors_compatible(ev.actor1, ref.actor2) and actors_compatible(ev.actor2, ref.actor1):
            ev = ev.model_copy(update={"actor1": ev.actor2, "actor2": ev.actor1})
        out.append(ev)
    return out


def consensus(members: list[Event], event_id: str) -> Event:
    """One event from the reports of a cluster (members may be single reports or earlier merged events)."""
    members = sorted(members, key=_report_order)
    pairs: dict[tuple[str, int, int], tuple[SourceRef, int]] = {}
    for ev in members:
        for s, f in zip(ev.sources, _figures(ev), strict=False):
            pairs.setdefault((s.article_id, s.start, s.end), (s, f))
    ordered = sorted(pairs.values(), key=lambda sf: source_sort_key(sf[0]))
    sources = [s for s, _ in ordered]
    figures = [f for _, f in ordered] if sources else [f for ev in members for f in _figures(ev)]
    # fields from the most supported code; the event type and root are equal within a cluster
    code = _mode(members, lambda e: (e.cameo_code, e.sub_event_type, e.plover_event))
    coded = next(e for e in members if (e.cameo_code, e.sub_event_type, e.plover_event) == code)
    day = _mode(members, lambda e: e.event_date)
    precision = min(e.time_precision for e in members if e.event_date == day)
    first_times = [t for t in (_first_report(e) for e in members) if t != _FAR_FUTURE]
    last_times = [s.published_at for s in sources if s.published_at is not None]
    head = members[0]
    sides = _oriented(members)
    actor1, actor2 = _distinct_sides(sides)
    return head.model_copy(update={
        "event_id": event_id,
        "article_id": sources[0].article_id if sources else head.article_id,
        "main": any(e.main for e in members),
        "event_date": day,
        "time_precision": precision,
        "cameo_code": coded.cameo_code, "sub_event_type": coded.sub_event_type, "plover_event": coded.plover_event,
        "event_class": coded.event_class,
        "quad_class": coded.quad_class, "goldstein": coded.goldstein,
        "actor1": actor1,
        "actor2": actor2,
        "location": _best_location(members),
        "fatalities": fatalities_rule(figures, [s.published_at for s in sources] if sources else None,
                                      [s.article_id for s in sources] if sources else None),
        "fatalities_reported": figures,
        "hedged": all(e.hedged for e in members),
        "negated": all(e.negated for e in members),
        "certainty": round(sum(e.certainty * _weight(e) for e in members) / sum(_weight(e) for e in members), 4),
        "confidence": max(e.confidence for e in members),
        "sources": sources,
        "num_articles": len({s.article_id for s in sources}) if sources else sum(e.num_articles for e in members),
        "num_sources": len({outlet_of(s) for s in sources}) if sources else max(e.num_sources for e in members),
        "first_seen": min(first_times) if first_times else head.first_seen,
        "updated_at": max(last_times) if last_times else head.updated_at,
        "withdrawn": False,
    })


# ---------------------------------------------------------------------------------------------------------------
# clustering


class _Cluster:
    __slots__ = ("existing", "id", "members", "rep")

    def __init__(self, first: Event, existing: Event | None = None) -> None:
        self.existing = existing
        self.members: list[Event] = [first]
        self.id = first.event_id
        self.rep = first

    def add(self, ev: Event) -> None:
        self.members.append(ev)
        if self.existing is None:
            self.id = min(self.id, ev.event_id)
        self.rep = consensus(self.members, self.id)


def _country(ev: Event) -> str | None:
    return ev.location.country if ev.location is not None else None


class _Blocks:
    """Clusters by (CAMEO root, day, country): an event is compared only with clusters of its root, of the days its
    time precision allows, and of its own country or an unknown one (all countries when its own is unknown)."""

    def __init__(self) -> None:
        self.m: dict[tuple[str, date | None], dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(list))

    def add(self, ci: int, rep: Event) -> None:
        self.m[(rep.cameo_root, rep.event_date)][_country(rep)].append(ci)

    def remove(self, ci: int, rep: Event) -> None:
        sub = self.m.get((rep.cameo_root, rep.event_date))
        if sub is not None and ci in sub.get(_country(rep), []):
            sub[_country(rep)].remove(ci)

    def candidates(self, ev: Event) -> list[int]:
        out: list[int] = []
        country = _country(ev)
        for key in _day_keys(ev):
            sub = self.m.get(key)
            if not sub:
                continue
            if country is None:
                for lst in sub.values():
                    out.extend(lst)
            else:
                out.extend(sub.get(country, ()))
                out.extend(sub.get(None, ()))
        return out


def _day_keys(ev: Event) -> list[tuple[str, date | None]]:
    if ev.event_date is None:
        return [(ev.cameo_root, None)]
    tol = DATE_TOLERANCE.get(TimePrecision(ev.time_precision), 1)
    return [(ev.cameo_root, ev.event_date + timedelta(days=d)) for d in range(-tol, tol + 1)]


def _src_keys(ev: Event) -> list[tuple[str, int, int, str, str, str]]:
    """A report is one sentence of one article about one kind of action between one pair of countries: a sentence
    may hold several events ("clashed … and later arrested five", "protested against the man who assaulted…",
    "the US, Russia and Switzerland met": three meetings), so the CAMEO root, the ACLED event type and the sides'
    countries are part of the key."""
    sides = "|".join(sorted((a.country or "") if a else "" for a in (ev.actor1, ev.actor2)))
    return [(s.article_id, s.start, s.end, ev.cameo_root, ev.event_type, sides) for s in ev.sources]


def _comparable(ev: Event) -> bool:
    """Withdrawn events take no new reports."""
    return not ev.withdrawn


def merge_events(events: Iterable[Event], existing: Iterable[Event] = ()) -> MergeResult:
    """Merge reports with each other and with stored events; see the module docstring for the rules."""
    clusters: list[_Cluster] = []
    blocks = _Blocks()
    by_source: dict[tuple[str, int, int, str, str, str], list[int]] = defaultdict(list)
    by_id: dict[str, int] = {}

    def index(ci: int) -> None:
        blocks.add(ci, clusters[ci].rep)

    for ex in sorted(existing, key=lambda e: e.event_id):
        if ex.event_id in by_id:
            continue
        ci = len(clusters)
        clusters.append(_Cluster(ex, existing=ex))
        by_id[ex.event_id] = ci
        for k in _src_keys(ex):
            by_source[k].append(ci)
        if _comparable(ex):
            index(ci)

    touched: set[int] = set()
    for ev in sorted(events, key=_report_order):
        target = _source_target(ev, [ci for k in _src_keys(ev) for ci in by_source.get(k, ())], clusters)
        if target is None and ev.event_id in by_id:
            target = by_id[ev.event_id]
        if target is None:
            best: tuple[float, str, int] | None = None
            for ci in blocks.candidates(ev):
                rep = clusters[ci].rep
                if compatible(ev, rep):
                    sc = match_score(ev, rep)
                    if best is None or (sc, _neg_id(clusters[ci].id)) > (best[0], _neg_id(best[1])):
                        best = (sc, clusters[ci].id, ci)
            target = best[2] if best else None
        if target is None:
            ci = len(clusters)
            clusters.append(_Cluster(ev))
            clusters[ci].rep = consensus([ev], ev.event_id)
            by_id[ev.event_id] = ci
            index(ci)
        else:
            c = clusters[target]
            old_rep = c.rep
            c.add(ev)
            if _comparable(old_rep):
                blocks.remove(target, old_rep)
                index(target)
            ci = target
        touched.add(ci)
        for k in _src_keys(ev):
            if ci not in by_source[k]:
                by_source[k].append(ci)

    touched = _join_clusters(clusters, blocks, touched)
    result = MergeResult()
    for ci in sorted(touched, key=lambda i: clusters[i].id):
        c = clusters[ci]
        merged = c.rep
        if c.existing is None:
            result.new_ids.append(c.id)
        elif _same_content(merged, c.existing):
            merged = c.existing
            result.unchanged_ids.append(c.id)
        else:
            result.revised_ids.append(c.id)
        result.events.append(merged)
    return result


def _source_target(ev: Event, held: list[int], clusters: list[_Cluster]) -> int | None:
    """The cluster a report goes to by its source: one sentence may tell two happenings of one kind at different
    times ("in February 2016 gunmen killed scores in Agatu, and in April 2025 more than 50 were killed in Ukum"),
    so among the clusters that hold its sentence, one of its time (stored ones first); else a stored one whatever
    its fields (a re-code revises it rather than adding a second event); else none: a new happening."""
    if not held:
        return None
    timely = [ci for ci in held if days_apart(ev, clusters[ci].rep) <= date_tolerance(ev, clusters[ci].rep)]
    if timely:
        return next((ci for ci in timely if clusters[ci].existing is not None), timely[0])
    return next((ci for ci in held if clusters[ci].existing is not None), None)


def _join_clusters(clusters: list[_Cluster], blocks: _Blocks, touched: set[int]) -> set[int]:
    """Second pass: join clusters whose consensus events now match (a report with a noisy date may have opened a
    cluster of its own before the reports that settle the date arrived). Two stored events are never joined."""
    alive = set(range(len(clusters)))
    changed = True
    while changed:
        changed = False
        for ci in sorted(touched & alive, key=lambda i: clusters[i].id):
            if ci not in alive:
                continue
            for cj in sorted(set(blocks.candidates(clusters[ci].rep)), key=lambda i: clusters[i].id):
                a, b = clusters[ci], clusters[cj]
                if cj == ci or cj not in alive or (a.existing is not None and b.existing is not None):
                    continue
                if not compatible(a.rep, b.rep):
                    continue
                keep, gone = (ci, cj) if b.existing is None else (cj, ci)
                blocks.remove(keep, clusters[keep].rep)
                blocks.remove(gone, clusters[gone].rep)
                for m in clusters[gone].members:
                    clusters[keep].add(m)
                blocks.add(keep, clusters[keep].rep)
                alive.discard(gone)
                touched.discard(gone)
                touched.add(keep)
                changed = True
                break
    return touched & alive


def _neg_id(s: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in s)


_CONTENT_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "event_class", "cameo_code",
                   "actor1", "actor2", "location", "fatalities", "fatalities_reported", "num_articles",
                   "num_sources", "hedged", "negated")


def _same_content(a: Event, b: Event) -> bool:
    """Same sources and the same coded fields: nothing to revise."""
    if {(s.article_id, s.start, s.end) for s in a.sources} != {(s.article_id, s.start, s.end) for s in b.sources}:
        return False
    return all(getattr(a, f) == getattr(b, f) for f in _CONTENT_FIELDS if f != "fatalities_reported") and \
        sorted(a.fatalities_reported) == sorted(b.fatalities_reported)


def withdraw_sources(existing: Iterable[Event], retracted_article_ids: Iterable[str]) -> MergeResult:
    """Remove retracted or corrected articles from stored events.

    An event that loses a source is revised (its consensus recomputed from what is left); one left with no source is
    withdrawn: returned with ``withdrawn=True`` and listed in `withdrawn`.
    """
    retracted = set(retracted_article_ids)
    result = MergeResult()
    for ev in sorted(existing, key=lambda e: e.event_id):
        if not any(s.article_id in retracted for s in ev.sources):
            continue
        figures = _figures(ev)
        keep = [(s, f) for s, f in zip(ev.sources, figures, strict=False) if s.article_id not in retracted]
        if not keep:
            result.withdrawn.append(ev.event_id)
            result.events.append(ev.model_copy(update={"withdrawn": True, "sources": [], "num_articles": 0,
                                                       "num_sources": 0}))
            continue
        left = ev.model_copy(update={"sources": [s for s, _ in keep], "fatalities_reported": [f for _, f in keep]})
        result.revised_ids.append(ev.event_id)
        result.events.append(consensus([left], ev.event_id))
    return result
