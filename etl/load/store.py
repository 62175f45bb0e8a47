"""The PostgreSQL event store: where a row is written.

Loading is one transaction per batch: COPY the batch into temporary staging tables, then one merge statement
that compares the staged events and their sources with the stored ones and upserts only the new and changed ones
(`INSERT … ON CONFLICT … DO UPDATE`). An unchanged event is not touched, so a rerun of the same day changes nothing;
a changed one gets a revision row with its previous values and a new `updated_at`. A transaction-level advisory
lock per partition date, taken after staging, serialises the merges of two loads of the same day.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from psycopg.errors import UniqueViolation
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError

from schemas.models import Actor, Article, Event, Location, Rejection, SourceRef

log = logging.getLogger(__name__)

BATCH = 5000
MERGE_ATTEMPTS = 3  # a batch whose new events a concurrent load keeps storing first is merged again

EVENT_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "cameo_code", "cameo_root",
    "quad_class", "goldstein", "plover_event",
    "actor1_name", "actor1_country", "actor1_cameo", "actor1_inter", "actor1_text",
    "actor2_name", "actor2_country", "actor2_cameo", "actor2_inter", "actor2_text",
    "location_name", "location_admin1", "location_admin2", "location_country", "latitude", "longitude",
    "geo_precision", "location_feature_type", "location_text",
    "fatalities", "fatalities_reported", "hedged", "negated", "certainty", "confidence", "coder_version",
    "num_sources", "num_articles", "first_seen", "withdrawn",
)
SOURCE_COLUMNS = ("event_id", "article_id", "start_char", "end_char", "url", "source", "published_at", "sentence",
                  "claim_source")
_ACTOR_FIELDS = ("name", "country", "cameo", "inter", "text")
_LOCATION_FIELDS = ("name", "admin1", "admin2", "country")


class DatabaseUnavailable(RuntimeError):
    """PostgreSQL could not be reached; the message names the host, never the password."""


@dataclass(frozen=True)
class LoadStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def event_row(event: Event) -> tuple[Any, ...]:
    """The event's stored columns, in EVENT_COLUMNS order: one flat tuple, no intermediate tuples to unpack
    (this and source_rows are the load's Python hot loop)."""
    a1, a2, loc = event.actor1, event.actor2, event.location
    return (
        event.event_id, event.event_date, int(event.time_precision), event.event_type, event.sub_event_type,
        event.cameo_code, event.cameo_root, event.quad_class, event.goldstein, event.plover_event,
        *((a1.name, a1.country, a1.cameo, a1.inter, a1.text) if a1 is not None else _NO_ACTOR),
        *((a2.name, a2.country, a2.cameo, a2.inter, a2.text) if a2 is not None else _NO_ACTOR),
        *((loc.name, loc.admin1, loc.admin2, loc.country, loc.latitude, loc.longitude, loc.geo_precision,
           loc.feature_type, loc.text) if loc is not None else _NO_LOCATION),
        event.fatalities, event.fatalities_reported, event.hedged, event.negated, event.certainty,
        event.confidence, event.coder_version, event.num_sources, event.num_articles, event.first_seen,
        event.withdrawn,
    )


_NO_ACTOR = (None,) * 5
_NO_LOCATION = (None,) * 9


def _source_key(row: tuple[Any, ...]) -> tuple[str, int]:
    return row[1], row[2]


def source_rows(event: Event) -> list[tuple[Any, ...]]:
    """One row per distinct (article, offset) report, the first one given, in a stable order."""
    eid = event.event_id
    rows = [(eid, s.article_id, s.start, s.end, s.url, s.source, s.published_at, s.sentence, s.claim_source)
            for s in event.sources]
    if len(rows) < 2:
        return rows
    rows.sort(key=_source_key)  # stable: of two reports at the same offset the first given stays first
    return [r for i, r in enumerate(rows) if i == 0 or _source_key(rows[i - 1]) != _source_key(r)]


def event_rows(event: Event) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The event's row and its source rows."""
    return event_row(event), source_rows(event)


# Columns whose change makes a revision: what the event says; not first_seen (merging may move it earlier
# without new content). Compared as a row in C, no text conversion, no hashing. Sources are compared as sets,
# in SQL, against the stored ones: only for events already stored, so a first load compares nothing.
_COMPARED = [c for c in EVENT_COLUMNS if c not in ("event_id", "first_seen")]
_OLD = ", ".join(f"c.{c}" for c in _COMPARED)
_NEW = ", ".join(f"s.{c}" for c in _COMPARED)
_SRC_COMPARED = [c for c in SOURCE_COLUMNS if c not in ("event_id", "article_id", "start_char")]
_SRC_OLD = ", ".join(f"o.{c}" for c in _SRC_COMPARED)
_SRC_NEW = ", ".join(f"n.{c}" for c in _SRC_COMPARED)
# One statement (data-modifying CTEs all read the same snapshot, so `changed` sees the rows before the writes):
# `cur` is the stored version of the staged events that exist; `moved` those whose sources differ (a source
# added, dropped or altered); `changed` those that differ at all, whose previous values become revisions. New
# events are a plain INSERT (`ins`) and changed ones an UPDATE (`upd`); an unchanged event is neither locked nor
# rewritten. No INSERT … ON CONFLICT: its speculative insertion cost about a fifth of the merge (200k events:
# 29k -> 36k events/s). An event another transaction stored after this snapshot (a load of another day) makes the
# INSERT fail on the primary key; the merge is then rerun from a savepoint, with a new snapshot that sees it (see
# _merge_staged). A new event has no stored sources (sources are written only with their event, and events are
# never deleted), so `fresh` writes its staged ones with a plain INSERT too. The result is one row, not one per
# event: how many were inserted and the ids of the revised ones.
MERGE_EVENTS = f"""
WITH cur AS MATERIALIZED (
    SELECT e.* FROM core.events e WHERE e.event_id IN (SELECT event_id FROM stage_events)
),
moved AS (
    SELECT COALESCE(n.event_id, o.event_id) AS event_id
    FROM (SELECT x.* FROM stage_sources x WHERE x.event_id IN (SELECT event_id FROM cur)) n
    FULL JOIN (SELECT y.* FROM core.event_sources y WHERE y.event_id IN (SELECT event_id FROM cur)) o
        ON o.event_id = n.event_id AND o.article_id = n.article_id AND o.start_char = n.start_char
    WHERE n.event_id IS NULL OR o.event_id IS NULL OR ({_SRC_OLD}) IS DISTINCT FROM ({_SRC_NEW})
),
changed AS MATERIALIZED (
    SELECT c.* FROM cur c JOIN stage_events s ON s.event_id = c.event_id
    WHERE ({_OLD}) IS DISTINCT FROM ({_NEW}) OR c.event_id IN (SELECT event_id FROM moved)
),
rev AS (
    INSERT INTO core.event_revisions (event_id, run_id, partition_date, change, previous)
    SELECT c.event_id, :run, :day, 'revised', to_jsonb(c) FROM changed c
),
ins AS (
    INSERT INTO core.events ({', '.join(EVENT_COLUMNS)}, partition_date, last_partition_date, last_run_id)
    SELECT {', '.join('s.' + c for c in EVENT_COLUMNS)}, :day, :day, :run FROM stage_events s
    WHERE NOT EXISTS (SELECT FROM cur WHERE cur.event_id = s.event_id)
    RETURNING event_id
),
upd AS (
    UPDATE core.events e SET
        {', '.join(f"{c} = s.{c}" for c in _COMPARED)},
        first_seen = LEAST(e.first_seen, s.first_seen),
        updated_at = now(), last_partition_date = :day, last_run_id = :run
    FROM stage_events s
    WHERE e.event_id = s.event_id AND e.event_id IN (SELECT event_id FROM changed)
    RETURNING e.event_id
),
fresh AS (
    INSERT INTO core.event_sources ({', '.join(SOURCE_COLUMNS)})
    SELECT {', '.join('x.' + c for c in SOURCE_COLUMNS)} FROM stage_sources x JOIN ins ON ins.event_id = x.event_id
)
SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT array_agg(event_id) FROM upd) AS revised
"""
# A revised event's stored sources are replaced by the staged ones (the merged event carries all of them); this
# cannot be part of MERGE_EVENTS, whose CTEs all see the rows before the statement.
REPLACE_SOURCES = (
    "DELETE FROM core.event_sources WHERE event_id = ANY(:ids)",
    f"INSERT INTO core.event_sources ({', '.join(SOURCE_COLUMNS)}) "
    f"SELECT {', '.join('x.' + c for c in SOURCE_COLUMNS)} FROM stage_sources x WHERE x.event_id = ANY(:ids) "
    "ON CONFLICT DO NOTHING",
)


def _actor(row: dict[str, Any], prefix: str) -> Actor | None:
    if not row.get(f"{prefix}_name"):
        return None
    return Actor(name=row[f"{prefix}_name"], country=(row[f"{prefix}_country"] or None),
                 cameo=row[f"{prefix}_cameo"], inter=row[f"{prefix}_inter"], text=row[f"{prefix}_text"])


def row_to_event(row: dict[str, Any], sources: Sequence[dict[str, Any]]) -> Event:
    loc = None
    if any(row.get(c) is not None for c in ("location_name", "location_country", "latitude")):
        loc = Location(name=row["location_name"], admin1=row["location_admin1"], admin2=row["location_admin2"],
                       country=row["location_country"] or None, latitude=row["latitude"],
                       longitude=row["longitude"], geo_precision=row["geo_precision"] or 3,
                       feature_type=row["location_feature_type"], text=row["location_text"])
    return Event(
        event_id=row["event_id"], event_date=row["event_date"], time_precision=row["time_precision"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"], cameo_code=row["cameo_code"],
        cameo_root=row["cameo_root"], quad_class=row["quad_class"], goldstein=row["goldstein"],
        plover_event=row["plover_event"], actor1=_actor(row, "actor1"), actor2=_actor(row, "actor2"), location=loc,
        fatalities=row["fatalities"], fatalities_reported=list(row["fatalities_reported"] or []),
        hedged=row["hedged"], negated=row["negated"], certainty=row["certainty"], confidence=row["confidence"],
        coder_version=row["coder_version"], num_sources=row["num_sources"], num_articles=row["num_articles"],
        first_seen=row["first_seen"], updated_at=row["updated_at"], withdrawn=row["withdrawn"],
        sources=[SourceRef(article_id=s["article_id"], url=s["url"], source=s["source"],
                           published_at=s["published_at"], sentence=s["sentence"], start=s["start_char"],
                           end=s["end_char"], claim_source=s["claim_source"]) for s in sources],
    )


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_BPCHAR_OID, _TEXT_OID = 1042, 25  # char(n) has no binary dumper; its wire format is text's


def _copy(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """COPY rows in PostgreSQL's binary format (no text formatting here, no parsing there), typed by the table."""
    cur = conn.connection.driver_connection.cursor()  # psycopg 3: COPY … FROM STDIN
    types = dict(cur.execute(
        "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
        (table,)).fetchall())
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([_TEXT_OID if types[c] == _BPCHAR_OID else types[c] for c in columns])
        for row in rows:
            copy.write_row(row)


def _stage(conn: Connection, name: str, like: str) -> None:
    """A temporary table with the target's columns but none of its constraints, dropped at commit."""
    conn.execute(text(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS SELECT * FROM {like} WITH NO DATA"))


@dataclass(frozen=True)
class _Staged:
    """A batch COPYed into the temporary tables of its own open transaction; closing `stack` commits it."""

    stack: ExitStack
    conn: Connection


class PostgresEventStore:
    """The events database behind the small interface the pipeline needs."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A transaction; losing the server (before or during it) becomes DatabaseUnavailable: retryable, and
        safe to retry since the transaction was rolled back. The message names the host, never the password."""
        try:
            conn = self.engine.connect()
        except OperationalError as exc:
            raise DatabaseUnavailable(f"cannot reach PostgreSQL at {self._where()}; is it running? "
                                      "the task can be retried") from exc
        try:
            with conn, conn.begin():
                yield conn
        except OperationalError as exc:
            if not getattr(exc, "connection_invalidated", False) and not conn.invalidated:
                raise
            raise DatabaseUnavailable(f"lost the connection to PostgreSQL at {self._where()}; the transaction "
                                      "was rolled back and the task can be retried") from exc

    def _where(self) -> str:
        url = self.engine.url
        host = url.host or url.query.get("host") or "localhost"
        return f"{host}:{url.port or 5432} (database {url.database!r})"

    # -- runs --------------------------------------------------------------------------------------------------

    @contextmanager
    def day_lock(self, partition_date: date) -> Iterator[None]:
        """Hold a session advisory lock on one partition date for a whole step (e.g. the pipeline's load step),
        so two runs of the same day run one after the other. Each load batch also takes the day's
        transaction-level lock, so batches of concurrent loads never interleave within a transaction even
        without this. PostgreSQL frees the lock if the process dies."""
        try:
            conn = self.engine.connect()
        except OperationalError as exc:
            raise DatabaseUnavailable(f"cannot reach PostgreSQL at {self._where()}; is it running? "
                                      "the task can be retried") from exc
        key = {"k": partition_date.toordinal()}
        with conn:
            conn.execute(text("SELECT pg_advisory_lock(hashtext('newsevents-day'), :k)"), key)
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(hashtext('newsevents-day'), :k)"), key)
                conn.commit()

    def begin_run(self, partition_date: date, run_id: str) -> None:
        with self._begin() as conn:
            conn.execute(text("INSERT INTO core.runs (run_id, partition_date) VALUES (:r, :d) "
                              "ON CONFLICT (run_id) DO UPDATE SET status = 'running', finished_at = NULL"),
                         {"r": run_id, "d": partition_date})

    def finish_run(self, run_id: str, status: str, counts: dict[str, Any]) -> None:
        with self._begin() as conn:
            conn.execute(text("UPDATE core.runs SET status = :s, finished_at = now(), counts = CAST(:c AS jsonb) "
                              "WHERE run_id = :r"), {"s": status, "c": json.dumps(counts, default=str), "r": run_id})

    def run_history(self, before: date, days: int = 14) -> list[dict[str, Any]]:
        """Counts of the latest successful run of each of the `days` partitions before `before`, newest first."""
        with self._begin() as conn:
            rows = conn.execute(text(
                "SELECT DISTINCT ON (partition_date) counts FROM core.runs "
                "WHERE status = 'success' AND partition_date < :b AND partition_date >= :b - :n "
                "ORDER BY partition_date DESC, finished_at DESC"), {"b": before, "n": days}).scalars().all()
        return [dict(r) for r in rows]

    # -- articles and rejections -------------------------------------------------------------------------------

    def save_articles(self, articles: Sequence[Article], verdicts: Sequence[Any], *, partition_date: date,
                      run_id: str) -> int:
        """Insert articles not seen before (by id); an article already stored keeps its first verdict."""
        rows = [(a.id, a.url, a.canonical_url, a.source, a.title, a.published_at, a.language, a.origin,
                 a.text.replace("\x00", ""), hashlib.sha1(a.text.encode()).hexdigest(), v.kind, v.duplicate_of,
                 partition_date, run_id) for a, v in zip(articles, verdicts, strict=True)]
        cols = ("id", "url", "canonical_url", "source", "title", "published_at", "language", "origin", "text",
                "text_hash", "dup_kind", "duplicate_of", "partition_date", "first_run_id")
        with self._begin() as conn:
            _stage(conn, "stage_articles", "core.articles")
            _copy(conn, "stage_articles", cols, rows)
            n = conn.execute(text(f"INSERT INTO core.articles ({', '.join(cols)}) "
                                  f"SELECT {', '.join(cols)} FROM stage_articles ON CONFLICT (id) DO NOTHING"))
        return n.rowcount

    def save_rejections(self, rejections: Sequence[Rejection], run_id: str, partition_date: date) -> int:
        rows = []
        for r in rejections:
            fp = hashlib.sha1(json.dumps([r.article_id, r.origin, r.reason.value, r.message]).encode()).hexdigest()
            excerpt = r.excerpt.replace("\x00", "") if r.excerpt else None
            rows.append((fp, partition_date, run_id, r.article_id, r.origin, r.reason.value,
                         r.message.replace("\x00", ""), excerpt))
        cols = ("fingerprint", "partition_date", "run_id", "article_id", "origin", "reason", "message", "excerpt")
        with self._begin() as conn:
            _stage(conn, "stage_rejections", "core.rejected_articles")
            _copy(conn, "stage_rejections", cols, rows)
            n = conn.execute(text(f"INSERT INTO core.rejected_articles ({', '.join(cols)}) "
                                  f"SELECT {', '.join(cols)} FROM stage_rejections "
                                  "ON CONFLICT (partition_date, fingerprint) DO NOTHING"))
        return n.rowcount

    # -- events ------------------------------------------------------------------------------------------------

    def load_events(self, events: Sequence[Event], run_id: str, partition_date: date,
                    batch_size: int = BATCH) -> LoadStats:
        """Merge events by id, one transaction per batch; unchanged events are left alone.

        While one batch merges, a second connection stages the next (its rows built and COPYed into that
        session's temporary tables, in its own transaction, before it takes the day's lock): building rows and
        the server's COPY overlap the merge, which holds the lock, so merges still run one batch at a time.

        Every batch but the last commits without waiting for its WAL flush (synchronous_commit off): the last
        batch's commit flushes the WAL up to it, earlier batches' included, so when this returns the whole load
        is as durable as with synchronous commits. A server crash mid-load can lose batches committed shortly
        before it (never part of one); the load did not return, and rerunning it is idempotent."""
        batches = list(_batches(events, batch_size))
        inserted = updated = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsevents-stage") as stager:
            staging: Future[_Staged] | None = stager.submit(self._stage_batch, batches[0]) if batches else None
            try:
                for n in range(1, len(batches) + 1):
                    current, staging = staging, None
                    assert current is not None
                    staged = current.result()
                    staging = stager.submit(self._stage_batch, batches[n]) if n < len(batches) else None
                    i, u = self._merge_staged(staged, run_id, partition_date, last=staging is None)
                    inserted += i
                    updated += u
            finally:
                if staging is not None:  # a batch failed: the next one's staging is dropped, not merged
                    try:
                        staging.result().stack.close()
                    except Exception:  # the first failure is the one to report
                        log.debug("dropping a staged batch failed too", exc_info=True)
        return LoadStats(inserted=inserted, updated=updated, unchanged=len(events) - inserted - updated)

    def _stage_batch(self, batch: Sequence[Event]) -> _Staged:
        """Open a transaction and COPY the batch into its temporary tables. Rows go straight from the events
        into COPY and are not kept, so a batch leaves no long-lived objects for the cyclic GC to rescan."""
        stack = ExitStack()
        conn = stack.enter_context(self._begin())
        try:
            _stage(conn, "stage_events", "core.events")
            _stage(conn, "stage_sources", "core.event_sources")
            _copy(conn, "stage_events", EVENT_COLUMNS, map(event_row, batch))
            _copy(conn, "stage_sources", SOURCE_COLUMNS, (r for e in batch for r in source_rows(e)))
        except BaseException as exc:
            if not stack.__exit__(type(exc), exc, exc.__traceback__):  # rolls back; may raise DatabaseUnavailable
                raise
        return _Staged(stack, conn)

    def _merge_staged(self, staged: _Staged, run_id: str, partition_date: date, *, last: bool) -> tuple[int, int]:
        """Under the day's lock, merge a staged batch and commit; returns (inserted, revised)."""
        with staged.stack:
            conn = staged.conn
            if not last:
                conn.execute(text("SET LOCAL synchronous_commit = off"))
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('newsevents-load'), :k)"),
                         {"k": partition_date.toordinal()})
            inserted, revised = self._merge(conn, partition_date, run_id)
            # an unchanged event keeps its stored sources untouched
            if revised:
                for sql in REPLACE_SOURCES:
                    conn.execute(text(sql), {"ids": revised})
        return inserted, len(revised or ())

    @staticmethod
    def _merge(conn: Connection, partition_date: date, run_id: str) -> tuple[int, list[str] | None]:
        """Run MERGE_EVENTS; when a concurrent load stored one of the batch's new events first, roll back to
        before the statement and run it again (its new snapshot sees that event as stored, to compare)."""
        params = {"day": partition_date, "run": run_id}
        for attempt in range(MERGE_ATTEMPTS):
            savepoint = conn.begin_nested()
            try:
                inserted, revised = conn.execute(text(MERGE_EVENTS), params).one()
            except IntegrityError as exc:
                savepoint.rollback()
                if not isinstance(exc.orig, UniqueViolation) or attempt == MERGE_ATTEMPTS - 1:
                    raise
                log.info("an event of the batch was stored by a concurrent load; merging the batch again")
                continue
            savepoint.commit()
            return inserted, revised
        raise AssertionError("unreachable")

    def withdraw(self, event_ids: Sequence[str], run_id: str, partition_date: date | None = None) -> int:
        """Mark events left without a source as withdrawn (kept, not deleted, so the withdrawal is published)."""
        if not event_ids:
            return 0
        with self._begin() as conn:
            conn.execute(text(
                "INSERT INTO core.event_revisions (event_id, run_id, partition_date, change, previous) "
                "SELECT event_id, :run, COALESCE(:day, last_partition_date), 'withdrawn', to_jsonb(e) "
                "FROM core.events e WHERE event_id = ANY(:ids) AND NOT withdrawn"),
                {"ids": list(event_ids), "run": run_id, "day": partition_date})
            n = conn.execute(text(
                "UPDATE core.events SET withdrawn = true, updated_at = now(), last_run_id = :run, "
                "last_partition_date = COALESCE(:day, last_partition_date) "
                "WHERE event_id = ANY(:ids) AND NOT withdrawn"),
                {"ids": list(event_ids), "run": run_id, "day": partition_date}).rowcount
        return n

    # -- reading -----------------------------------------------------------------------------------------------

    def _select(self, where: str, params: dict[str, Any]) -> list[Event]:
        with self._begin() as conn:
            rows = [dict(r) for r in conn.execute(text(f"SELECT * FROM core.events e WHERE {where} "
                                                         "ORDER BY event_id"), params).mappings()]
            ids = [r["event_id"] for r in rows]
            srcs: dict[str, list[dict[str, Any]]] = {}
            if ids:
                for s in conn.execute(text("SELECT * FROM core.event_sources WHERE event_id = ANY(:ids) "
                                           "ORDER BY event_id, article_id, start_char"), {"ids": ids}).mappings():
                    srcs.setdefault(s["event_id"], []).append(dict(s))
        return [row_to_event(r, srcs.get(r["event_id"], [])) for r in rows]

    def candidates(self, date_from: date, date_to: date) -> list[Event]:
        """Stored, live events in a date window: what a new day's events may merge into."""
        return self._select("event_date BETWEEN :a AND :b AND NOT withdrawn", {"a": date_from, "b": date_to})

    def events_for_partition(self, partition_date: date) -> list[Event]:
        """Every event created, revised or withdrawn by the runs of one partition date (the day's snapshot)."""
        return self._select("last_partition_date = :d", {"d": partition_date})

    def events_for_run(self, run_id: str) -> list[Event]:
        """Events the given run created, revised or withdrawn last."""
        return self._select("last_run_id = :r", {"r": run_id})

    def events_between(self, date_from: date, date_to: date, country: str | None = None) -> list[Event]:
        where = "event_date BETWEEN :a AND :b AND NOT withdrawn"
        params: dict[str, Any] = {"a": date_from, "b": date_to}
        if country:
            where += " AND location_country = :c"
            params["c"] = country
        return self._select(where, params)

    def articles_for_partition(self, partition_date: date) -> list[Article]:
        """Stored articles of a day whose text is still kept (for re-coding with a new coder version)."""
        with self._begin() as conn:
            rows = conn.execute(text(
                "SELECT id, url, canonical_url, source, title, published_at, language, origin, text "
                "FROM core.articles WHERE partition_date = :d AND text IS NOT NULL AND dup_kind = 'new' "
                "ORDER BY id"), {"d": partition_date}).mappings().all()
        return [Article.model_validate(dict(r)) for r in rows]

    def purge_texts(self, older_than_days: int, now: datetime | None = None) -> int:
        """Drop stored article texts past the retention period; events and their evidence sentences stay."""
        with self._begin() as conn:
            return conn.execute(text(
                "UPDATE core.articles SET text = NULL, text_purged_at = COALESCE(:now, now()) "
                "WHERE text IS NOT NULL AND ingested_at < COALESCE(:now, now()) - make_interval(days => :n)"),
                {"n": older_than_days, "now": now}).rowcount
