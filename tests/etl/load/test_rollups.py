"""The rollups equal a recomputation from core.events after every kind of change the store makes: a first load, an
idempotent rerun, revisions that move an event's date, place, type, class, actors or numbers, withdrawals, a
withdrawn event coming back, a re-coding, a delete, two days loading at once; and `rebuild` repairs them."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from etl.api import queries
from etl.load.rollups import differences, rebuild
from etl.load.store import PostgresEventStore
from schemas.models import ACLED_SCOPE, Actor, Event, Location, SourceRef

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 25)
_PLACES = [("El Fasher", "North Darfur", "SDN"), ("Nairobi", "Nairobi", "KEN"), ("Kharkiv", "Kharkiv", "UKR"),
           ("Somewhere", None, "UKR"), (None, None, None)]
_ACTORS = [Actor(name="Military Forces of Sudan", country="SDN", cameo="SDNMIL", inter=1),
           Actor(name="Rapid Support Forces", country="SDN", cameo="SDNREB", inter=2),
           Actor(name="Protesters (Kenya)", country="KEN", cameo="KENOPP", inter=6), Actor(name="Unknown")]
_TYPES = [("Battles", "Armed clash", "political_violence", -10.0), ("Protests", "Peaceful protest", "demonstration",
          -6.5), ("Strategic developments", "Other", "verbal_cooperation", 3.4)]


def rid(i: int) -> str:
    """Event i's id, filed under the month of its first date (as `etl.ids` files coded events): a revision that
    moves it to another month keeps it in its partition."""
    return f"{date(2026, 10, 30) + timedelta(days=i % 7):%Y%m}r{i:05d}"


def event(i: int, **kw: Any) -> Event:
    """A varied event: three types and classes, places with and without admin1 or country, actor pairs with and
    without a second actor, dates across a month's end."""
    name, admin1, country = _PLACES[i % len(_PLACES)]
    etype, sub, cls, gold = _TYPES[i % len(_TYPES)]
    base: dict[str, Any] = dict(
        event_id=rid(i), event_date=date(2026, 10, 30) + timedelta(days=i % 7), event_type=etype,
        sub_event_type=sub, event_class=cls, cameo_code="190", cameo_root="19", quad_class=4, goldstein=gold,
        plover_event="ASSAULT", confidence=0.6, certainty=0.7, coder_version="test", fatalities=i % 7,
        actor1=_ACTORS[i % 4], actor2=None if i % 5 == 0 else _ACTORS[(i + 1) % 4],
        location=None if name is None else Location(name=name, admin1=admin1, country=country, geo_precision=1),
        sources=[SourceRef(article_id=f"a{i}-{j}", url=f"https://example.org/{i}/{j}", source=f"Outlet {j % 2}",
                           sentence="Something happened.", start=0, end=19,
                           published_at=datetime(2026, 11, 25, 6 - j, tzinfo=UTC)) for j in range(1 + i % 3)],
        first_seen=datetime(2026, 11, 25, tzinfo=UTC))
    base.update(kw)
    return Event.model_validate(base)


@pytest.fixture
def store(db_url: str) -> PostgresEventStore:
    return PostgresEventStore(create_engine(db_url))


def assert_rollups_agree(store: PostgresEventStore) -> None:
    with store.engine.connect() as c:
        assert differences(c) == {"daily": [], "dyads": [], "monthly": [], "pairs": []}


def live_totals(store: PostgresEventStore) -> tuple[int, int]:
    with store.engine.connect() as c:
        return tuple(c.execute(text("SELECT coalesce(sum(events), 0), coalesce(sum(fatalities), 0) "
                                    "FROM public.daily_counts_by_class")).one())  # type: ignore[return-value]


def test_first_load_and_rerun(store: PostgresEventStore) -> None:
    events = [event(i) for i in range(120)]
    store.load_events(events, "run-1", DAY, batch_size=25)
    assert_rollups_agree(store)
    assert live_totals(store) == (120, sum(e.fatalities for e in events))
    with store.engine.connect() as c:
        before = c.execute(text("SELECT * FROM core.rollup_daily ORDER BY 1, 2, 3, 4, 5, 6")).all()
        spans = c.execute(text("SELECT month, actor1_name, actor2_name, event_class, first_event, last_event "
                               "FROM public.dyads_by_class ORDER BY 1, 2, 3, 4")).all()
        expected = c.execute(text(
            "SELECT date_trunc('month', event_date)::date, actor1_name, actor2_name, event_class, min(event_date), "
            "max(event_date) FROM core.events WHERE actor2_name IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )).all()
    assert spans == expected and {f.day for *_, f, _ in spans} > {1, 30}  # pairs span October 30 - November 5
    stats = store.load_events(events, "run-2", DAY, batch_size=25)
    assert stats.unchanged == 120
    with store.engine.connect() as c:
        assert c.execute(text("SELECT * FROM core.rollup_daily ORDER BY 1, 2, 3, 4, 5, 6")).all() == before
    assert_rollups_agree(store)


@pytest.mark.parametrize("change", [
    {"event_date": date(2026, 12, 1)},  # into another month
    {"location": Location(name="Mombasa", admin1="Mombasa", country="KEN", geo_precision=1)},
    {"location": None},
    {"event_type": "Riots", "sub_event_type": "Mob violence", "event_class": "demonstration"},
    {"event_class": "verbal_conflict"},
    {"actor1": Actor(name="Police Forces of Kenya", country="KEN"), "actor2": _ACTORS[2]},
    {"actor2": None},
    {"fatalities": 40, "goldstein": 7.0},
])
def test_revisions_move_counts(store: PostgresEventStore, change: dict[str, Any]) -> None:
    events = [event(i) for i in range(60)]
    store.load_events(events, "run-1", DAY, batch_size=16)
    revised = [e.model_copy(update=change) for e in events[::3]]
    # a day's load that mixes new events, revised ones and unchanged ones, in several batches
    again = [*revised, *events[1::3], *(event(i) for i in range(60, 80))]
    stats = store.load_events(again, "run-2", DAY + timedelta(days=1), batch_size=16)
    changed = sum(1 for old, new in zip(events[::3], revised, strict=True) if old != new)
    assert stats.inserted == 20 and stats.updated == changed > 0
    assert_rollups_agree(store)


def test_withdrawals_and_a_withdrawn_event_coming_back(store: PostgresEventStore) -> None:
    events = [event(i) for i in range(40)]
    store.load_events(events, "run-1", DAY, batch_size=10)
    gone = [e.event_id for e in events[:15]]
    assert store.withdraw(gone, "run-2", DAY) == 15
    assert store.withdraw(gone, "run-3", DAY) == 0  # already withdrawn: no second subtraction
    assert_rollups_agree(store)
    assert live_totals(store) == (25, sum(e.fatalities for e in events[15:]))
    # reloaded live (another report came back for it), and one reloaded still withdrawn with new values
    back = [events[0], events[1].model_copy(update={"withdrawn": True, "fatalities": 99})]
    store.load_events(back, "run-4", DAY)
    assert_rollups_agree(store)
    assert live_totals(store)[0] == 26


def test_recode_of_a_day_changes_classes_and_types(store: PostgresEventStore) -> None:
    """`newsevents recode` stores through load_events: new codings of stored events (same ids, sources kept)."""
    events = [event(i) for i in range(30)]
    store.load_events(events, "run-1", DAY)
    recoded = [e.model_copy(update={"coder_version": "v2", "event_class": "other", "cameo_code": "173",
                                    "event_type": "Strategic developments", "sub_event_type": "Arrests"})
               for e in events[:20]]
    store.load_events(recoded, "recode-1", DAY)
    assert_rollups_agree(store)


def test_deleting_events_counts_them_out(store: PostgresEventStore) -> None:
    events = [event(i) for i in range(30)]
    store.load_events(events, "run-1", DAY)
    store.withdraw([events[0].event_id], "run-2", DAY)
    with store.engine.begin() as c:
        c.execute(text("DELETE FROM core.events WHERE event_id < 'r00010'"))  # one of them withdrawn
    assert_rollups_agree(store)
    with store.engine.begin() as c:
        c.execute(text("TRUNCATE core.events"))
    assert_rollups_agree(store)
    assert live_totals(store) == (0, 0)


def test_two_days_loading_at_once_update_the_same_rollup_rows(store: PostgresEventStore) -> None:
    a = [event(i) for i in range(0, 400)]
    b = [event(i) for i in range(400, 800)]  # same dates, places and pairs: the same rollup rows
    errors: list[BaseException] = []

    def load(events: list[Event], day: date) -> None:
        try:
            store.load_events(events, f"run-{day}", day, batch_size=50)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(a, DAY)),
               threading.Thread(target=load, args=(b, DAY + timedelta(days=1)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert live_totals(store)[0] == 800
    assert_rollups_agree(store)


def test_rebuild_repairs_a_rollup_edited_by_hand(store: PostgresEventStore) -> None:
    store.load_events([event(i) for i in range(30)], "run-1", DAY)
    store.withdraw([rid(3)], "run-2", DAY)
    with store.engine.begin() as c:
        c.execute(text("UPDATE core.rollup_daily SET events = events + 5 WHERE country = 'SDN'"))
        c.execute(text("DELETE FROM core.rollup_dyads WHERE actor1_name = 'Unknown'"))
        c.execute(text("UPDATE core.events SET fatalities = fatalities + 1"))  # a hand edit past the store
    with store.engine.connect() as c:
        wrong = differences(c)
    assert all(wrong.values()) and set(wrong) == {"daily", "dyads", "monthly", "pairs"}
    with store.engine.begin() as c:
        counts = rebuild(c)
    assert set(counts) == set(wrong) and all(counts.values())
    assert_rollups_agree(store)
    with store.engine.connect() as c:  # zero rows are gone after a rebuild
        assert c.execute(text("SELECT count(*) FROM core.rollup_daily WHERE events = 0")).scalar_one() == 0


def test_views_read_the_rollups(store: PostgresEventStore) -> None:
    """daily_counts and dyads equal what they computed from the events before migration 0011 (ACLED's scope)."""
    events = [event(i) for i in range(90)]
    store.load_events(events, "run-1", DAY, batch_size=30)
    store.withdraw([rid(4), rid(11)], "run-2", DAY)
    scope = "('political_violence', 'demonstration', 'strategic_development')"
    with store.engine.connect() as c:
        view = c.execute(text("SELECT * FROM public.daily_counts ORDER BY 1, 2, 3")).all()
        old = c.execute(text("SELECT event_date, location_country, event_type, count(*), sum(fatalities) "
                             f"FROM core.events WHERE NOT withdrawn AND event_class IN {scope} "
                             "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")).all()
        assert view == old
        api = queries.daily_counts(c, queries.EventFilter(event_classes=sorted(ACLED_SCOPE)))
        assert [(r["event_date"], r["country"], r["event_type"], r["events"], r["fatalities"]) for r in api] == [
            tuple(r) for r in c.execute(text("SELECT * FROM public.daily_counts "
                                             "ORDER BY event_date, country NULLS LAST, event_type"))]
        dyads = c.execute(text("SELECT month, actor1_name, actor1_country, actor2_name, actor2_country, events, "
                               "fatalities, round(mean_goldstein::numeric, 3), first_event, last_event "
                               "FROM public.dyads ORDER BY 1, 2, 3, 4, 5")).all()
        old_dyads = c.execute(text(
            "SELECT date_trunc('month', event_date)::date, actor1_name, actor1_country, actor2_name, actor2_country, "
            "count(*), sum(fatalities), round(avg(goldstein)::real::numeric, 3), min(event_date), max(event_date) "
            f"FROM core.events WHERE NOT withdrawn AND actor1_name IS NOT NULL AND actor2_name IS NOT NULL "
            f"AND event_class IN {scope} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5")).all()
        assert dyads == old_dyads
        detail = c.execute(text("SELECT event_date, country, admin1, event_type, sub_event_type, events, fatalities "
                                "FROM public.daily_counts_detail ORDER BY 1, 2, 3, 4, 5")).all()
        assert detail == c.execute(text(
            "SELECT event_date, location_country, location_admin1, event_type, sub_event_type, count(*), "
            f"sum(fatalities) FROM core.events WHERE NOT withdrawn AND event_class IN {scope} "
            "GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5")).all()


def test_readme_queries_read_the_coarse_rollups_and_answer_as_before(store: PostgresEventStore) -> None:
    """fatalities_by_month and top_dyads read monthly_counts and dyad_totals; they give what they gave when they
    grouped daily_counts and dyads, and sum(events) of monthly_counts is count(*) of events_acled."""
    from etl.load.bench_analytics import readme_queries

    store.load_events([event(i) for i in range(90)], "run-1", DAY, batch_size=30)
    store.load_events([event(i, fatalities=9, event_date=date(2026, 12, 2)) for i in range(0, 90, 4)], "run-2",
                      DAY)
    store.withdraw([rid(5), rid(11)], "run-3", DAY)
    queries = readme_queries()
    assert "monthly_counts" in queries["readme fatalities_by_month"] and "dyad_totals" in queries["readme top_dyads"]
    old = {"readme fatalities_by_month": "SELECT date_trunc('month', event_date)::date AS month, country, "
                                         "sum(fatalities) AS fatalities, sum(events) AS events FROM daily_counts "
                                         "GROUP BY 1, 2",
           "readme top_dyads": "SELECT actor1_name, actor2_name, sum(events) AS events, sum(fatalities) AS fatalities "
                               "FROM dyads GROUP BY actor1_name, actor2_name"}
    with store.engine.connect() as c:
        for name, sql in old.items():
            new = c.execute(text(queries[name].replace(" LIMIT 100", "").replace("LIMIT 10", "LIMIT 1000"))).all()
            assert Counter(map(tuple, new)) == Counter(map(tuple, c.execute(text(sql)))) and new, name  # any order
        assert c.execute(text("SELECT sum(events) FROM monthly_counts")).scalar_one() == c.execute(
            text("SELECT count(*) FROM events_acled")).scalar_one() > 0


def test_one_statement_writes_the_rollups_in_the_global_order(store: PostgresEventStore) -> None:
    """The four upserts are one statement; its CTEs must lock daily rows before pairs rows (the order every batch
    uses, which keeps concurrent batches from deadlocking). A batch blocked on a pairs row already holds its daily
    row; a batch blocked on a daily row has not touched its pairs row yet."""
    from etl.load.rollups import RollupDelta
    from etl.load.store import EVENT_COLUMNS, ROLLUP_COLUMNS, event_row

    e = event(1)
    store.load_events([e], "run-1", DAY)
    row = event_row(e)
    delta = RollupDelta()
    delta.add([tuple(row[EVENT_COLUMNS.index(c)] for c in ROLLUP_COLUMNS)])
    daily = "SELECT 1 FROM core.rollup_daily WHERE event_date = :d FOR UPDATE"
    pairs = "SELECT 1 FROM core.rollup_pairs WHERE actor1_name = :a FOR UPDATE"
    params = {"d": e.event_date, "a": e.actor1.name}  # type: ignore[union-attr]
    for held, probe, probe_blocked in ((pairs, daily, True), (daily, pairs, False)):
        with store.engine.connect() as holder, store.engine.connect() as prober:
            holder.begin()
            assert holder.execute(text(held), params).all()
            writer_conn = store.engine.connect()
            writer = threading.Thread(target=lambda c=writer_conn: (c.begin(), delta.apply(c), c.rollback()))
            writer.start()
            deadline = time.monotonic() + 120  # waits for a state (the writer blocked), not a timing
            while holder.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' "
                                      "AND NOT granted")).scalar_one() == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            prober.begin()
            prober.execute(text("SET LOCAL lock_timeout = '200ms'"))
            try:
                prober.execute(text(probe), params).all()
                blocked = False
            except OperationalError:
                blocked = True
            prober.rollback()
            holder.rollback()
            writer.join(60)
            writer_conn.close()
            assert blocked is probe_blocked
