"""Event merging: same event across articles and days, stable ids, order independence, conflicts, withdrawal."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from etl.dedup.events import (
    _same_content,
    compatible,
    fatalities_rule,
    merge_events,
    places_compatible,
    withdraw_sources,
)
from schemas.models import Actor, EventClass, Location

DAY = date(2026, 11, 20)


def test_reports_of_one_event_merge_with_noise(make_report) -> None:  # type: ignore[no-untyped-def]
    reports = [
        make_report("a1", n=5, outlet="Reuters"),
        make_report("a2", n=5, outlet="AFP", day=DAY + timedelta(days=1), lat=50.50, lon=30.60, hours=3),
        make_report("a3", n=7, outlet="BBC", a1=Actor(name="Russian forces"), hours=5),  # no country
    ]
    res = merge_events(reports)
    [ev] = res.events
    assert res.new_ids == [ev.event_id] == ["ev-a1-0"]
    assert [s.article_id for s in ev.sources] == ["a1", "a2", "a3"]
    assert ev.fatalities_reported == [5, 5, 7]  # one figure per source, aligned
    assert (ev.num_articles, ev.num_sources) == (3, 3)
    assert ev.event_date == DAY
    assert ev.fatalities == 5 and sorted(ev.fatalities_reported) == [5, 5, 7]
    assert ev.actor1 is not None and ev.actor1.country == "RUS"
    assert ev.first_seen == reports[0].first_seen


def test_distinct_but_similar_events_stay_apart(make_report) -> None:  # type: ignore[no-untyped-def]
    same_city_later = make_report("b1", day=DAY + timedelta(days=4))
    other_city = make_report("b2", lat=49.99, lon=36.23, place="Kharkiv", admin1="Kharkiv Oblast")
    other_type = make_report("b3", root="14", code="141", event_type="Protests", sub="Peaceful protest")
    other_actor = make_report("b4", a1=Actor(name="Belarusian forces", country="BLR", cameo="BLRMIL", inter=8))
    res = merge_events([make_report("b0"), same_city_later, other_city, other_type, other_actor])
    assert len(res.events) == 5


def test_result_does_not_depend_on_input_order(make_report) -> None:  # type: ignore[no-untyped-def]
    reports = [make_report(f"c{i}", n=i % 3, outlet=f"Outlet {i % 4}", day=DAY + timedelta(days=(i % 3) - 1),
                           hours=i) for i in range(8)]
    reports += [make_report(f"d{i}", day=DAY + timedelta(days=10), lat=48.0 + i, lon=35.0, place=f"P{i}",
                            admin1=f"A{i}") for i in range(4)]
    expected = merge_events(reports)
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(reports)
        got = merge_events(reports)
        assert [e.model_dump() for e in got.events] == [e.model_dump() for e in expected.events]


def test_rerun_and_later_reports_keep_the_stored_id(make_report) -> None:  # type: ignore[no-untyped-def]
    day1 = merge_events([make_report("a1", n=3), make_report("a2", n=3, outlet="AFP")])
    stored = day1.events
    again = merge_events([make_report("a1", n=3), make_report("a2", n=3, outlet="AFP")], stored)
    assert again.unchanged_ids == [stored[0].event_id] and not again.new_ids and not again.revised_ids
    assert again.events == stored
    later = merge_events([make_report("z9", n=4, outlet="BBC", day=DAY + timedelta(days=1), hours=20)], stored)
    assert later.revised_ids == [stored[0].event_id] and not later.new_ids
    [rev] = later.events
    assert rev.num_articles == 3 and sorted(rev.fatalities_reported) == [3, 3, 4]
    assert rev.fatalities == 4  # the next day's report of a higher toll updates it


def test_recoded_report_goes_to_its_event_by_provenance(make_report) -> None:  # type: ignore[no-untyped-def]
    stored = merge_events([make_report("a1")]).events
    recoded = make_report("a1", event_id="ev-new-coder", lat=47.0, lon=31.0, place="Mykolaiv", admin1="Mykolaiv",
                          sentence=stored[0].sources[0].sentence)
    res = merge_events([recoded], stored)
    assert [e.event_id for e in res.events] == [stored[0].event_id]


def test_conflicting_fatalities_stay_visible() -> None:
    assert fatalities_rule([5, 7]) == 5  # contemporaneous tie → the most conservative figure, as ACLED
    assert fatalities_rule([5, 7, 7]) == 7  # ... unless more sources give the higher one
    assert fatalities_rule([5, 5, 7]) == 5
    assert fatalities_rule([0, 0, 4]) == 4  # a report without a toll does not outvote one with it
    assert fatalities_rule([0, 0]) == 0
    assert fatalities_rule([]) == 0


def test_a_rising_toll_is_followed_and_a_later_lower_one_is_not() -> None:
    t0 = datetime(2026, 11, 20, 8, tzinfo=UTC)
    hours = [t0 + timedelta(hours=h) for h in (0, 1, 2, 3, 30)]
    assert fatalities_rule([11, 11, 0, 0, 14], hours) == 14  # the case: "the toll rose to 14" next day
    assert fatalities_rule([11, 30, 0, 0, 0], hours) == 11  # same morning, disagreeing: conservative
    assert fatalities_rule([14, 14, 0, 0, 11], hours) == 14  # a follow-up repeating an early count
    assert fatalities_rule([11, 14], [None, t0]) == 14  # an unknown time counts as the earliest
    assert fatalities_rule([11, 11, 0, 0, 14], list(reversed(hours))) == 11  # it is the time that counts
    # one article's smaller figure is a part of its total; two outlets disagreeing at once is a conflict
    assert fatalities_rule([3, 2], [t0, t0], ["a1", "a1"]) == 3
    assert fatalities_rule([3, 2], [t0, t0], ["a1", "a2"]) == 2
    assert fatalities_rule([3, 3, 2], [t0, t0, t0], ["a1", "a1", "a2"]) == 2  # one article, one report


def test_merge_follows_a_rising_toll(make_report) -> None:  # type: ignore[no-untyped-def]
    """Two wires tell 11 dead, two statements no toll, and a report the next morning that the toll rose to 14."""
    reports = [make_report("r1", n=11), make_report("r2", n=11, outlet="AFP", hours=1),
               make_report("r3", n=0, outlet="BBC", hours=2), make_report("r4", n=0, outlet="DW", hours=3),
               make_report("r5", n=14, outlet="AP", day=DAY + timedelta(days=1), hours=-2)]
    [ev] = merge_events(reports).events
    assert sorted(ev.fatalities_reported) == [0, 0, 11, 11, 14] and ev.fatalities == 14
    stored = merge_events(reports[:4]).events  # the same report arriving on a later run revises the stored event
    assert stored[0].fatalities == 11
    [rev] = merge_events(reports[4:], stored).events
    assert rev.event_id == stored[0].event_id and rev.fatalities == 14


def test_withdrawal_when_only_source_retracted(make_report) -> None:  # type: ignore[no-untyped-def]
    stored = merge_events([make_report("a1", n=2), make_report("a2", n=9, outlet="AFP")]).events
    single = merge_events([make_report("s1", day=DAY + timedelta(days=20))]).events
    res = withdraw_sources(stored + single, ["s1", "a2"])
    assert res.withdrawn == [single[0].event_id]
    by_id = {e.event_id: e for e in res.events}
    assert by_id[single[0].event_id].withdrawn and by_id[single[0].event_id].num_articles == 0
    kept = by_id[stored[0].event_id]
    assert not kept.withdrawn and [s.article_id for s in kept.sources] == ["a1"] and kept.fatalities == 2
    assert res.revised_ids == [stored[0].event_id]


def test_region_precision_matches_same_admin1() -> None:
    town = Location(name="Kupiansk", admin1="Kharkiv Oblast", country="UKR", latitude=49.71, longitude=37.62,
                    geo_precision=1)
    region = Location(name="Kharkiv Oblast", admin1="Kharkiv Oblast", country="UKR", latitude=49.5,
                      longitude=36.5, geo_precision=3)
    far_town = Location(name="Lviv", admin1="Lviv Oblast", country="UKR", latitude=49.84, longitude=24.03,
                        geo_precision=1)
    assert places_compatible(town, region)
    assert not places_compatible(town, far_town)
    assert places_compatible(town, None)


def test_compatible_needs_same_type(make_report) -> None:  # type: ignore[no-untyped-def]
    assert compatible(make_report("x"), make_report("y"))
    assert not compatible(make_report("x"), make_report("y", event_type="Explosions/Remote violence"))


def test_same_article_under_two_urls_gives_one_event(make_report) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from etl.dedup.articles import attach_duplicate_sources, dedup_articles
    from schemas.models import Article

    sentence = "Fighting broke out in Kyiv, killing 3 people."
    text = f"{sentence} Officials said the area was sealed off for the night."
    first = Article(id="u1", text=text, url="https://news.example/a?utm_source=x", source="Reuters",
                    published_at=datetime(2026, 11, 20, 12, tzinfo=UTC))
    second = Article(id="u2", text=text, url="https://mirror.example/story", source="Reuters",
                     published_at=datetime(2026, 11, 20, 13, tzinfo=UTC))
    verdicts = dedup_articles([second, first], threshold=0.62)
    assert verdicts["u1"].kind == "new" and verdicts["u2"].kind == "exact" and verdicts["u2"].duplicate_of == "u1"
    coded = [make_report("u1", n=3, sentence=sentence)]
    with_copy = attach_duplicate_sources(coded, second)
    res = merge_events(with_copy)
    assert len(res.events) == 1 and res.events[0].num_articles == 2 and res.events[0].num_sources == 1
    rerun = merge_events(with_copy, res.events)
    assert rerun.unchanged_ids == [res.events[0].event_id] and not rerun.new_ids


def test_swapped_sides_merge_across_outlets_but_not_within_one_article(make_report) -> None:  # type: ignore[no-untyped-def]
    rus = Actor(name="Russian forces", country="RUS", cameo="RUSMIL", inter=8)
    ukr = Actor(name="Ukrainian forces", country="UKR", cameo="UKRMIL", inter=1)
    shelling = dict(code="194", sub="Shelling/artillery/missile attack", event_type="Explosions/Remote violence")
    a = make_report("a1", a1=rus, a2=ukr, **shelling)
    b = make_report("b1", a1=ukr, a2=rus, **shelling)
    assert len(merge_events([a, b]).events) == 1  # two outlets telling one shelling from either side
    own = b.model_copy(update={"article_id": "a1", "event_id": "ev-a1-1",
                               "sources": [s.model_copy(update={"article_id": "a1", "start": 90}) for s in b.sources]})
    assert len(merge_events([a, own]).events) == 2  # one article: a shelling and the answer to it
    clash = make_report("a1", a1=ukr, a2=rus)
    clash_back = own.model_copy(update={"cameo_code": "190", "sub_event_type": "Armed clash", "event_type": "Battles"})
    assert len(merge_events([clash, clash_back]).events) == 1  # a clash has no initiator to tell apart


def test_merged_sides_keep_one_orientation(make_report) -> None:  # type: ignore[no-untyped-def]
    rus = Actor(name="Russian forces", country="RUS", cameo="RUSMIL", inter=8)
    ukr = Actor(name="Ukrainian forces", country="UKR", cameo="UKRMIL", inter=1)
    reports = [make_report("a", a1=rus, a2=ukr, hours=0), make_report("b", a1=ukr, a2=rus, hours=1),
               make_report("c", a1=ukr, actor2=None, hours=2)]  # votes per side would give Ukraine twice
    (merged,) = merge_events(reports).events
    assert merged.actor1 is not None and merged.actor2 is not None
    assert merged.actor1.country != merged.actor2.country


def test_no_side_is_merged_against_itself(make_report) -> None:  # type: ignore[no-untyped-def]
    """One report's doer and another's target of one name do not make a party act on itself."""
    army = Actor(name="Military Forces of Russia", country="RUS", cameo="RUSMIL", inter=1)
    first = make_report("a1", actor1=army, actor2=None, root="07", code="070", event_type="Strategic developments",
                        sub="Other")
    second = make_report("a2", outlet="AFP", actor1=None, actor2=army, root="07", code="070",
                         event_type="Strategic developments", sub="Other")
    (merged,) = merge_events([first, second]).events
    assert merged.actor1 == army and merged.actor2 is None
    rioters = Actor(name="Rioters (India)", country="IND", cameo="INDOPP", inter=5)
    riot = make_report("a3", actor1=rioters, actor2=rioters, root="14", code="145", event_type="Riots",
                       sub="Violent demonstration")
    (kept,) = merge_events([riot]).events
    assert kept.actor1 == kept.actor2 == rioters  # two crowds of one name, as the report told them


def test_a_stateless_speaker_takes_no_country_that_sets_the_target_against_itself(make_report) -> None:  # type: ignore[no-untyped-def]
    """"The government rejected Pakistan's claims", told by two outlets, one of which guessed the speaker's
    country from its dateline: the merged speaker stays without a country rather than become Pakistan's own."""
    kw = dict(root="11", code="111", event_type="", sub="", quad_class=3, goldstein=-2.0, plover_event="REJECT",
              event_class=EventClass.VERBAL_CONFLICT)
    pakistan = Actor(name="Government of Pakistan", country="PAK", cameo="PAKGOV", inter=1)
    bare = Actor(name="Government", country=None, cameo="GOV", inter=1)
    guessed = Actor(name="Government", country="PAK", cameo="PAKGOV", inter=1)
    first = make_report("p1", actor1=bare, actor2=pakistan, hours=0, **kw)
    second = make_report("p2", outlet="AFP", actor1=guessed, actor2=None, hours=1, **kw)
    (merged,) = merge_events([first, second]).events
    assert merged.actor2 == pakistan
    assert merged.actor1 is not None and merged.actor1.country is None
    rus = Actor(name="Government of Russia", country="RUS", cameo="RUSGOV", inter=1)
    (other,) = merge_events([make_report("p3", actor1=bare, actor2=rus, **kw),
                             make_report("p4", outlet="AFP", actor1=guessed, actor2=None, hours=1, **kw)]).events
    assert other.actor1 is not None and other.actor1.country == "PAK"  # a fill that sets no party against itself


def test_a_clash_merged_from_doer_and_target_keeps_one_report_sides(make_report) -> None:  # type: ignore[no-untyped-def]
    """"Rebels attacked the army" and "the army repelled the attack": the army does not fight itself; the sides of
    the report that names both stand."""
    army = Actor(name="Military Forces of Iraq", country="IRQ", cameo="IRQMIL", inter=1)
    rebels = Actor(name="Islamic State", country="IRQ", cameo="IRQREB", inter=2)
    told = make_report("b1", actor1=rebels, actor2=army, hours=2)
    repelled = make_report("b2", outlet="AFP", actor1=army, actor2=None)
    again = make_report("b3", outlet="BBC", actor1=army, actor2=None, hours=1)
    (merged,) = merge_events([told, repelled, again]).events
    assert (merged.actor1, merged.actor2) == (rebels, army)


def test_an_event_that_only_changed_class_is_not_the_same_content(make_report) -> None:  # type: ignore[no-untyped-def]
    """The class is content: a stored statement the coder now calls a strategic development must be revised,
    not kept as the stored version."""
    said = make_report("s1", root="11", code="112", event_type="Strategic developments", sub="Other",
                       event_class=EventClass.VERBAL_CONFLICT)
    assert _same_content(said, said.model_copy())
    assert not _same_content(said.model_copy(update={"event_class": EventClass.STRATEGIC_DEVELOPMENT}), said)


def test_one_sentence_telling_two_happenings_at_different_times_keeps_both(make_report) -> None:  # type: ignore[no-untyped-def]
    """"In February 2016, gunmen killed scores in Agatu, and in April 2025 more than 50 were killed in Ukum": one
    sentence, one kind of act, two happenings; a rerun and a re-code keep each with its own event."""
    sentence = "In February 2016 fighting killed scores in Kyiv, and in April 2025 fighting killed 50 there."
    early = make_report("a1", day=date(2016, 2, 1), time_precision=3, sentence=sentence)
    late = make_report("a1", day=date(2025, 4, 1), time_precision=3, sentence=sentence, event_id="ev-a1-1")
    first = merge_events([early, late])
    assert sorted(e.event_date for e in first.events) == [date(2016, 2, 1), date(2025, 4, 1)]
    rerun = merge_events([early, late], first.events)
    assert sorted(rerun.unchanged_ids) == sorted(e.event_id for e in first.events) and not rerun.new_ids
    moved = make_report("a1", day=date(2016, 3, 1), time_precision=3, sentence=sentence, event_id="ev-a1-9")
    recoded = merge_events([moved], first.events)  # a new coder dates it otherwise: the stored event is revised
    assert not recoded.new_ids and len(recoded.events) == 1
