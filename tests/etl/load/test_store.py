"""The store against a real PostgreSQL: idempotent merge, revisions, withdrawal, roles, bound parameters."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from etl.load.store import DatabaseUnavailable, PostgresEventStore
from schemas.models import Actor, Article, Event, EventClass, Location, SourceRef

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 25)


def make_event(i: int, **kw: object) -> Event:
    base: dict = dict(
        event_id=f"ev{i:05d}", event_date=date(2026, 11, 24), event_type="Battles", sub_event_type="Armed clash",
        cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_event="ASSAULT", confidence=0.6,
        certainty=0.7, coder_version="test", fatalities=i % 5,
        actor1=Actor(name="Military Forces of Sudan", country="SDN", cameo="SDNMIL", inter=1),
        actor2=Actor(name="Rapid Support Forces", country="SDN", cameo="SDNREB", inter=2),
        location=Location(name="El Fasher", admin1="North Darfur", country="SDN", latitude=13.63, longitude=25.35,
                          geo_precision=1),
        sources=[SourceRef(article_id=f"a{i}", url=f"https://example.org/{i}", source="Wire",
                           sentence="Fighting killed 3 near El Fasher.", start=0, end=33,
                           published_at=datetime(2026, 11, 25, tzinfo=UTC))],
        first_seen=datetime(2026, 11, 25, tzinfo=UTC))
    base.update(kw)
    return Event.model_validate(base)


@pytest.fixture
def store(db_url: str) -> PostgresEventStore:
    return PostgresEventStore(create_engine(db_url))


def count(store: PostgresEventStore, table: str) -> int:
    with store.engine.connect() as c:
        return c.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_load_is_idempotent_and_revisions_are_recorded(store: PostgresEventStore) -> None:
    events = [make_event(i) for i in range(50)]
    first = store.load_events(events, "run-1", DAY, batch_size=20)
    assert (first.inserted, first.updated, first.unchanged) == (50, 0, 0)
    again = store.load_events(events, "run-2", DAY, batch_size=20)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 50)
    assert count(store, "core.event_revisions") == 0

    revised = events[0].model_copy(update={"fatalities": 9, "fatalities_reported": [3, 9]})
    stats = store.load_events([revised], "run-3", date(2026, 11, 26))
    assert stats.updated == 1
    assert count(store, "core.event_revisions") == 1
    back = store.events_for_partition(date(2026, 11, 26))
    assert [e.event_id for e in back] == [events[0].event_id]
    assert back[0].fatalities == 9 and back[0].sources[0].article_id == "a0"
    assert len(store.events_for_partition(DAY)) == 49
    assert count(store, "public.events") == 50


def test_withdrawn_events_leave_the_published_view(store: PostgresEventStore) -> None:
    store.load_events([make_event(1), make_event(2)], "run-1", DAY)
    assert store.withdraw(["ev00001"], "run-2", DAY) == 1
    assert count(store, "public.events") == 1
    assert [e.event_id for e in store.candidates(date(2026, 11, 1), date(2026, 11, 30))] == ["ev00002"]


def test_hostile_text_is_stored_verbatim(store: PostgresEventStore) -> None:
    hostile = "'); DROP TABLE events;-- \\N \t tab"
    ev = make_event(3, actor1=Actor(name=hostile), sources=[SourceRef(article_id="x", sentence=hostile,
                                                                         start=0, end=len(hostile))])
    store.load_events([ev], "run-1", DAY)
    [back] = store.events_between(date(2026, 11, 1), date(2026, 11, 30))
    assert back.actor1 is not None and back.actor1.name == hostile
    assert back.sources[0].sentence == hostile
    assert count(store, "public.events") == 1


def test_analyst_reads_views_but_not_internals(store: PostgresEventStore) -> None:
    store.load_events([make_event(4)], "run-1", DAY)
    with store.engine.connect() as c:
        c.execute(text("SET ROLE analyst"))
        assert c.execute(text("SELECT count(*) FROM public.events")).scalar_one() == 1
        for stmt in ("SELECT count(*) FROM core.rejected_articles", "SELECT text FROM core.articles",
                     "DELETE FROM public.events"):
            with pytest.raises(ProgrammingError):
                c.execute(text(stmt))
            c.rollback()
            c.execute(text("SET ROLE analyst"))


def test_unreachable_database_gives_a_clear_message() -> None:
    store = PostgresEventStore(create_engine("postgresql+psycopg://u:secret@127.0.0.1:1/x"))
    with pytest.raises(DatabaseUnavailable) as err:
        store.run_history(DAY)
    assert "127.0.0.1:1" in str(err.value) and "secret" not in str(err.value)


def test_events_read_back_and_reloaded_are_unchanged(store: PostgresEventStore) -> None:
    """A round trip through PostgreSQL (real floats, its own tzinfo) must not look like a revision."""
    reported: list[list[int]] = [[], [4], [2, 0, 2_000_000_000], [], [7, 7]]
    events = [make_event(i, goldstein=-7.2, confidence=0.123, certainty=0.71, fatalities_reported=reported[i])
              for i in range(5)]
    store.load_events(events, "run-1", DAY)
    back = store.candidates(date(2026, 11, 1), date(2026, 11, 30))
    assert len(back) == 5 and back[0].goldstein == pytest.approx(-7.2, abs=1e-5)
    assert [e.fatalities_reported for e in back] == reported  # integer[] written in its binary form by hand
    stats = store.load_events(back, "run-2", DAY)
    assert (stats.updated, stats.unchanged) == (0, 5)


def test_a_new_source_is_a_revision_an_earlier_first_seen_is_not(store: PostgresEventStore) -> None:
    ev = make_event(7)
    store.load_events([ev], "run-1", DAY)
    earlier = ev.model_copy(update={"first_seen": datetime(2026, 11, 24, tzinfo=UTC)})
    assert store.load_events([earlier], "run-2", DAY).unchanged == 1
    extra = SourceRef(article_id="b7", url="https://other.example/7", source="Other", sentence="Also reported.",
                      start=10, end=24)
    grown = ev.model_copy(update={"sources": [*ev.sources, extra], "num_sources": 2, "num_articles": 2})
    assert store.load_events([grown], "run-3", DAY).updated == 1
    [back] = store.candidates(date(2026, 11, 1), date(2026, 11, 30))
    assert sorted(s.article_id for s in back.sources) == ["a7", "b7"] and back.num_sources == 2
    assert count(store, "core.event_revisions") == 1


def test_an_altered_or_dropped_source_is_a_revision_and_an_unchanged_rerun_writes_nothing(
        store: PostgresEventStore) -> None:
    """Sources are compared with the stored ones in SQL: any difference, either way, is a revision."""
    extra = SourceRef(article_id="b8", url="https://other.example/8", source="Other", sentence="Also reported.",
                      start=10, end=24)
    ev = make_event(8, sources=[*make_event(8).sources, extra], num_sources=2, num_articles=2)
    others = [make_event(i) for i in range(20, 26)]
    store.load_events([ev, *others], "run-1", DAY, batch_size=2)

    def versions() -> list[tuple[str, str]]:
        with store.engine.connect() as c:
            return [tuple(r) for r in c.execute(text("SELECT xmin::text, xmax::text FROM core.events "
                                                     "ORDER BY event_id"))]

    before = versions()
    assert store.load_events([ev, *others], "run-2", DAY, batch_size=2).unchanged == 7
    assert versions() == before  # neither rewritten nor locked

    altered = ev.model_copy(update={"sources": [ev.sources[0], extra.model_copy(update={"sentence": "Denied."})]})
    assert store.load_events([altered], "run-3", DAY).updated == 1
    dropped = ev.model_copy(update={"sources": [ev.sources[0]], "num_sources": 1, "num_articles": 1})
    assert store.load_events([dropped], "run-4", DAY).updated == 1
    assert store.load_events([dropped], "run-5", DAY).unchanged == 1
    assert count(store, "core.event_revisions") == 2
    with store.engine.connect() as c:
        previous = c.execute(text("SELECT previous->>'num_sources' FROM core.event_revisions ORDER BY id")).scalars()
        assert list(previous) == ["2", "2"]
    [back] = [e for e in store.candidates(date(2026, 11, 1), date(2026, 11, 30)) if e.event_id == ev.event_id]
    assert [s.article_id for s in back.sources] == ["a8"]
    assert count(store, "core.event_sources") == 7


def test_events_for_run_are_the_ones_it_touched_last(store: PostgresEventStore) -> None:
    store.load_events([make_event(1), make_event(2)], "run-1", DAY)
    store.load_events([make_event(2, fatalities=4)], "run-2", DAY)
    assert [e.event_id for e in store.events_for_run("run-1")] == ["ev00001"]
    assert [e.event_id for e in store.events_for_run("run-2")] == ["ev00002"]


def test_rejections_and_articles_are_idempotent_on_rerun(store: PostgresEventStore) -> None:
    from schemas.models import Article, Rejection, RejectReason

    rejections = [Rejection(origin="feed.xml", reason=RejectReason.BAD_JSON, message="line 3: not JSON",
                            excerpt="{'); DROP TABLE events;--\x00"),
                  Rejection(article_id="z", reason=RejectReason.EMPTY, message="no text")]
    assert store.save_rejections(rejections, "run-1", DAY) == 2
    assert store.save_rejections(rejections, "run-2", DAY) == 0
    with store.engine.connect() as c:
        excerpt = c.execute(text("SELECT excerpt FROM core.rejected_articles WHERE reason = 'bad_json'")).scalar()
    assert excerpt == "{'); DROP TABLE events;--"

    class Verdict:
        kind, duplicate_of = "exact", "a0"

    arts = [Article(id="a1", text="Same text.", url="https://x.example/1")]
    assert store.save_articles(arts, [Verdict()], partition_date=DAY, run_id="run-1") == 1
    assert store.save_articles(arts, [Verdict()], partition_date=DAY, run_id="run-2") == 0
    assert count(store, "core.articles") == 1


def test_a_feed_summary_is_stored_as_one(db_url: str) -> None:
    """An article whose text is only its feed's summary keeps that mark in core.articles and back out of it."""
    store = PostgresEventStore(create_engine(db_url))

    class Verdict:
        kind, duplicate_of = "new", None

    arts = [Article(id="full", text="A whole article."), Article(id="brief", text="Its summary.", summary_only=True)]
    store.save_articles(arts, [Verdict(), Verdict()], partition_date=DAY, run_id="run-1")
    assert {a.id: a.summary_only for a in store.articles_for_partition(DAY)} == {"brief": True, "full": False}


def test_the_class_is_stored_read_back_and_a_changed_class_is_a_revision(store: PostgresEventStore) -> None:
    """A CAMEO-only event keeps its class through PostgreSQL; re-classing a stored event (a new coder) revises it."""
    statement = make_event(30, event_type="Strategic developments", sub_event_type="Other", cameo_code="112",
                           cameo_root="11", quad_class=3, goldstein=-2.0, fatalities=0,
                           event_class=EventClass.VERBAL_CONFLICT)
    store.load_events([statement, make_event(31)], "run-1", DAY)
    back = {e.event_id: e for e in store.candidates(date(2026, 11, 1), date(2026, 11, 30))}
    assert back["ev00030"].event_class is EventClass.VERBAL_CONFLICT
    assert back["ev00031"].event_class is EventClass.POLITICAL_VIOLENCE
    assert store.load_events(list(back.values()), "run-2", DAY).unchanged == 2
    reclassed = back["ev00030"].model_copy(update={"event_class": EventClass.STRATEGIC_DEVELOPMENT})
    assert store.load_events([reclassed], "run-3", DAY).updated == 1
    with store.engine.connect() as c:
        previous = c.execute(text("SELECT previous->>'event_class' FROM core.event_revisions")).scalars().all()
    assert previous == ["verbal_conflict"]
    assert store.candidates(date(2026, 11, 1), date(2026, 11, 30))[0].event_class is EventClass.STRATEGIC_DEVELOPMENT


class _FreezeWatcher(PostgresEventStore):
    """The real store, noting how many objects Python's GC had frozen while each batch ran."""

    frozen: list[int]

    def _load_batch(self, *args: object, **kw: object) -> tuple[int, int]:  # type: ignore[override]
        self.frozen.append(gc.get_freeze_count())
        return super()._load_batch(*args, **kw)  # type: ignore[arg-type]


def test_load_keeps_full_gc_off_the_callers_objects_and_hands_them_back(db_url: str) -> None:
    """A full collection over the caller's events cost a 50,000-event load a third of its time now and then; the
    load freezes them (the permanent generation) while it runs and unfreezes them after, also when it fails."""
    assert gc.get_freeze_count() == 0
    store = _FreezeWatcher(create_engine(db_url))
    store.frozen = []
    events = [make_event(i) for i in range(30)]
    store.load_events(events, "run-1", DAY, batch_size=10)
    assert len(store.frozen) == 3 and min(store.frozen) > 30  # the events (and the rest of the heap) were frozen
    assert gc.get_freeze_count() == 0
    broken = PostgresEventStore(create_engine(make_url(db_url).set(database="no_such_db")))  # the load fails
    with pytest.raises(DatabaseUnavailable):
        broken.load_events(events, "run-2", DAY)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # someone else's freeze (a pre-fork server's) is left as it was
    try:
        before = gc.get_freeze_count()
        store.load_events(events, "run-3", DAY)
        assert before > 0 and gc.get_freeze_count() > before // 2  # not unfrozen (a frozen object may still be freed)
    finally:
        gc.unfreeze()


class _LsnWatcher(PostgresEventStore):
    """The real store, noting the WAL position (insert LSN, read on another connection) after each asynchronously
    committed batch, and how many batches ran."""

    lsns: list[int]
    batches: int

    def _load_batch(self, *args: object, **kw: object) -> tuple[int, int]:  # type: ignore[override]
        out = super()._load_batch(*args, **kw)  # type: ignore[arg-type]
        self.batches += 1
        if not kw.get("last"):
            with self.engine.connect() as c:
                self.lsns.append(c.execute(text("SELECT pg_current_wal_insert_lsn() - '0/0'")).scalar_one())
        return out


def test_batches_commit_asynchronously_but_the_load_returns_only_once_all_are_on_disk(db_url: str) -> None:
    """Every batch but the last commits without waiting for its WAL flush; the last commits synchronously after
    them all, so when load_events returns the WAL is on disk past every earlier batch's commit record. (The WAL
    position is read after each asynchronous commit, before the last batch's commit record is written, so other
    sessions' WAL written meanwhile is flushed with it too; an insert position read after the last commit could
    hold another session's WAL not yet flushed.)"""
    store = _LsnWatcher(create_engine(db_url))
    store.lsns, store.batches = [], 0
    store.load_events([make_event(i) for i in range(40)], "run-1", DAY, batch_size=10)
    with store.engine.connect() as c:
        flushed = c.execute(text("SELECT pg_current_wal_flush_lsn() - '0/0'")).scalar_one()
    assert store.batches == 4 and len(store.lsns) >= 1 and flushed >= max(store.lsns)
