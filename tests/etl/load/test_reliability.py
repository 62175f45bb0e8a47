"""Failure modes of the load (issue 7): a killed loader, concurrent loads, an unreachable server, retention."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url

from etl.load.bench import synthetic_events
from etl.load.store import (
    DatabaseUnavailable,
    LoadStats,
    PostgresEventStore,
    _copy_new,
    _stage_events,
    ensure_partitions,
)
from schemas.models import Article, Event
from tests.etl.load.test_store import make_event

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 20)
REPO = Path(__file__).resolve().parents[3]

LOADER = """
import sys
from datetime import date
from sqlalchemy import create_engine
from etl.load.bench import synthetic_events
from etl.load.store import PostgresEventStore
events = synthetic_events(int(sys.argv[2]))
print("ready", flush=True)
PostgresEventStore(create_engine(sys.argv[1])).load_events(events, "killed", date(2026, 11, 20), batch_size=250)
print("done", flush=True)
"""


class Verdict(NamedTuple):
    """The two fields of a dedup verdict the store reads."""

    kind: str
    duplicate_of: str | None


def scalar(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return c.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


@pytest.mark.slow
def test_sigkill_mid_load_leaves_whole_batches_and_a_rerun_completes(db_url: str) -> None:
    n = 12_000
    events = synthetic_events(n)
    # another transaction holds one event of a middle batch uncommitted, so that batch's COPY waits on its key
    # with part of its rows written: the kill lands then, whatever the machine's speed
    rival = create_engine(db_url).connect()
    with rival.begin():  # the month's partition, as the load makes it before writing
        ensure_partitions(rival, {date(2026, 11, 1)})
    rival.begin()
    _copy_new(rival, [events[n // 2]], DAY, "rival")
    rival_xid = rival.execute(text("SELECT txid_current()")).scalar_one()
    proc = subprocess.Popen([sys.executable, "-c", LOADER, db_url, str(n)], cwd=REPO, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 600  # a wait for a state, not a timing: a busy machine may take minutes
    while _waiting_on_a_row(db_url, rival_xid) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    rival.rollback()
    rival.close()

    committed = scalar(db_url, "SELECT count(*) FROM core.events")
    assert 0 < committed < n, "the kill must land mid-load"
    assert committed % 250 == 0, "a batch is all or nothing"
    orphans = scalar(db_url, "SELECT count(*) FROM core.event_sources s "
                             "WHERE NOT EXISTS (SELECT 1 FROM core.events e WHERE e.event_id = s.event_id)")
    assert orphans == 0

    stats = PostgresEventStore(create_engine(db_url)).load_events(events, "rerun", DAY)
    assert (stats.inserted, stats.unchanged) == (n - committed, committed)
    assert scalar(db_url, "SELECT count(*) FROM core.events") == n
    assert scalar(db_url, "SELECT count(*) FROM core.event_sources") == sum(len(e.sources) for e in events)


def test_two_loads_of_the_same_day_are_serialised(db_url: str) -> None:
    store = PostgresEventStore(create_engine(db_url))
    events = [make_event(i) for i in range(300)]
    holder = create_engine(db_url).connect()
    holder.begin()
    holder.execute(text("SELECT pg_advisory_xact_lock(hashtext('newsevents-load'), :k)"), {"k": DAY.toordinal()})
    results: list[LoadStats] = []
    threads = [threading.Thread(target=lambda: results.append(store.load_events(events, "r", DAY, batch_size=100)))
               for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    waiting = scalar(db_url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    assert waiting == 2 and scalar(db_url, "SELECT count(*) FROM core.events") == 0
    # another day is not held up by this one
    other = store.load_events([make_event(999)], "other", date(2026, 11, 21))
    assert other.inserted == 1
    holder.rollback()
    holder.close()
    for t in threads:
        t.join(60)
    assert len(results) == 2 and sum(r.inserted for r in results) == 300
    assert scalar(db_url, "SELECT count(*) FROM core.events") == 301
    assert scalar(db_url, "SELECT count(*) FROM core.event_sources") == 301


def _rival(db_url: str, event: Event) -> Connection:
    """A load of another day that has written `event` and not committed yet."""
    rival = create_engine(db_url).connect()
    rival.begin()
    _copy_new(rival, [event], date(2026, 11, 21), "other-day")
    return rival


def _waiting_on_a_row(db_url: str, xid: int | None = None) -> int:
    """Transactions waiting for another's row; with `xid`, for that transaction's (the load's own batches also
    wait on each other's rollup rows for a moment)."""
    sql = "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted"
    if xid is not None:
        sql += f" AND transactionid::text = '{int(xid) % 2**32}'"  # (txid_current() carries the epoch)
    return scalar(db_url, sql)


OTHER = make_event(3, confidence=0.9, sources=[s.model_copy(update={"article_id": "other"})
                                               for s in make_event(3).sources])


def test_an_event_a_concurrent_load_stores_after_the_lookup_is_compared_not_duplicated(
        db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="etl.load.store")
    store = PostgresEventStore(create_engine(db_url))
    batch = [make_event(i) for i in range(5)]
    # another day's load holds event 3 uncommitted: the batch's lookup does not see it and its COPY waits on the
    # primary key until the rival commits, then fails; the whole batch is merged instead
    rival = _rival(db_url, OTHER)
    result: list[LoadStats] = []
    loading = threading.Thread(target=lambda: result.append(store.load_events(batch, "r", DAY)))
    loading.start()
    time.sleep(0.5)
    waiting = _waiting_on_a_row(db_url)
    rival.commit()
    rival.close()
    loading.join(30)
    assert waiting == 1
    assert "merging the batch instead" in caplog.text
    assert result == [LoadStats(inserted=4, updated=1, unchanged=0)]
    assert scalar(db_url, "SELECT count(*) FROM core.events") == 5
    assert scalar(db_url, "SELECT count(*) FROM core.event_revisions WHERE event_id = 'ev00003'") == 1
    assert scalar(db_url, "SELECT count(*) FROM core.event_sources WHERE event_id = 'ev00003' "
                          "AND article_id = 'a3'") == 1


def test_an_event_a_concurrent_load_stores_during_the_merge_is_compared_not_duplicated(db_url: str) -> None:
    store = PostgresEventStore(create_engine(db_url))
    batch = [make_event(i) for i in range(5)]
    # the merge's snapshot does not see event 3 either: its INSERT waits on the key, fails, and is run again
    merging_conn = create_engine(db_url).connect()
    merging_conn.begin()
    _stage_events(merging_conn, batch)
    rival = _rival(db_url, OTHER)
    result: list[tuple[list[str], list[str], list[list[Any]]]] = []
    merging = threading.Thread(target=lambda: result.append(store._merge(merging_conn, DAY, "r")))
    merging.start()
    time.sleep(0.5)
    waiting = _waiting_on_a_row(db_url)
    rival.commit()
    rival.close()
    merging.join(30)
    merging_conn.commit()
    merging_conn.close()
    assert waiting == 1
    [(inserted, revised, previous)] = result
    # the primary key stopped the INSERT; the rerun revised it, and gave its stored row's rollup fields
    assert (sorted(inserted), revised) == (["ev00000", "ev00001", "ev00002", "ev00004"], ["ev00003"])
    assert len(previous) == 1 and previous[0][0] == batch[3].event_date.isoformat()
    assert scalar(db_url, "SELECT count(*) FROM core.events") == 5
    assert scalar(db_url, "SELECT count(*) FROM core.event_revisions WHERE event_id = 'ev00003'") == 1


class Forwarder:
    """A unix-socket listener that relays connections to the real server: the database 'coming back'."""

    def __init__(self, path: Path, target_url: str) -> None:
        self.path = path
        url = make_url(target_url)
        sock_dir = url.query.get("host")
        self.target: tuple[int, object] = ((socket.AF_UNIX, f"{sock_dir}/.s.PGSQL.{url.port or 5432}")
                                           if sock_dir else (socket.AF_INET, (url.host, url.port or 5432)))
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.socket(self.target[0], socket.SOCK_STREAM)
            upstream.connect(self.target[1])  # type: ignore[arg-type]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            dst.close()

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def socket_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    d = Path("/tmp") / f"nepg{os.getpid()}"  # unix socket paths must stay short
    d.mkdir(exist_ok=True)
    yield d
    for f in d.iterdir():
        f.unlink()
    d.rmdir()


def test_unreachable_server_is_a_clear_error_then_a_retry_succeeds(db_url: str, socket_dir: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    real = make_url(db_url)
    # URL.set leaves a None unchanged, so the socket URL is built afresh (the real one may be TCP)
    url = URL.create(real.drivername, username=real.username, password=real.password or "s3cr3t-pw",
                     port=5432, database=real.database, query={"host": str(socket_dir)})
    store = PostgresEventStore(create_engine(url, pool_pre_ping=True))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DatabaseUnavailable) as err:
        store.load_events([make_event(1)], "r", DAY)
    message = str(err.value)
    assert str(socket_dir) in message and "retried" in message
    assert "s3cr3t-pw" not in message and "s3cr3t-pw" not in caplog.text

    forwarder = Forwarder(socket_dir / ".s.PGSQL.5432", db_url)
    try:
        assert store.load_events([make_event(1)], "r", DAY).inserted == 1
    finally:
        forwarder.close()


def test_purge_clears_old_texts_but_keeps_events(db_url: str) -> None:
    store = PostgresEventStore(create_engine(db_url))
    arts = [Article(id=f"a{i}", text=f"Body {i}'); DROP TABLE events;--", url=f"https://x.example/{i}")
            for i in range(3)]
    verdicts = [Verdict("new", None) for _ in arts]
    store.save_articles(arts, verdicts, partition_date=DAY, run_id="r1")
    store.load_events([make_event(1)], "r1", DAY)
    with store.engine.begin() as c:
        c.execute(text("UPDATE core.articles SET ingested_at = :t WHERE id IN ('a0', 'a1')"),
                  {"t": datetime(2026, 1, 1, tzinfo=UTC)})
    assert store.purge_texts(30, now=datetime(2026, 11, 27, tzinfo=UTC)) == 2
    assert store.purge_texts(30, now=datetime(2026, 11, 27, tzinfo=UTC)) == 0
    kept = {a.id: a.text for a in store.articles_for_partition(DAY)}
    assert kept == {"a2": "Body 2'); DROP TABLE events;--"}
    assert scalar(db_url, "SELECT count(*) FROM core.articles") == 3
    assert scalar(db_url, "SELECT count(*) FROM public.events") == 1


def test_server_closing_the_connection_mid_transaction_is_retryable(db_url: str) -> None:
    store = PostgresEventStore(create_engine(db_url))
    with pytest.raises(DatabaseUnavailable, match="rolled back"), store._begin() as conn:
        conn.execute(text("INSERT INTO core.runs (run_id, partition_date) VALUES ('half', '2026-11-20')"))
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with create_engine(db_url).connect() as killer:
            killer.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        conn.execute(text("SELECT 1"))
    assert scalar(db_url, "SELECT count(*) FROM core.runs") == 0
    store.begin_run(DAY, "retry")
    assert scalar(db_url, "SELECT count(*) FROM core.runs") == 1


def test_day_lock_serialises_whole_steps_of_the_same_day(db_url: str) -> None:
    store = PostgresEventStore(create_engine(db_url))
    order: list[str] = []

    def second_run() -> None:
        with store.day_lock(DAY):
            order.append("second")

    with store.day_lock(DAY):
        t = threading.Thread(target=second_run)
        t.start()
        time.sleep(0.3)
        with store.day_lock(date(2026, 11, 21)):  # another day is free
            order.append("other day")
        order.append("first done")
    t.join(30)
    assert order == ["other day", "first done", "second"]


def test_a_lost_lock_session_does_not_hide_the_error_of_the_step(db_url: str,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    """The database goes away mid-step: the step's own error is what the caller sees, not the unlock's failure."""
    store = PostgresEventStore(create_engine(db_url))
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with pytest.raises(LookupError, match="the step's own error"), caplog.at_level(logging.WARNING), \
            store.day_lock(DAY):
        with admin.connect() as c:  # kill the session that holds the lock, as a server restart would
            pids = c.execute(text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")).scalars()
            for pid in list(pids):
                c.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
        raise LookupError("the step's own error")
    admin.dispose()
    assert any("advisory unlock" in r.getMessage() for r in caplog.records)


def test_a_run_killed_outright_is_marked_failed_by_the_next_run(db_url: str) -> None:
    """kill -9 leaves no chance to record anything: the next run finds the dead run's lock free and marks it
    failed; a run still alive (its lock held), or one not watched (an Airflow run), is left alone."""
    store = PostgresEventStore(create_engine(db_url))
    store.begin_run(DAY, "dead", watched=True)  # its process is gone: nobody holds its lock
    store.begin_run(DAY, "airflow", watched=False)
    with store.run_alive("alive"):
        store.begin_run(DAY, "alive", watched=True)
        assert store.mark_abandoned() == ["dead"]
    with store.engine.connect() as c:
        status = dict(c.execute(text("SELECT run_id, status FROM core.runs")).all())
    assert status == {"dead": "failed", "airflow": "running", "alive": "running"}
    assert scalar(db_url, "SELECT error FROM core.runs WHERE run_id = 'dead'").startswith("abandoned")
