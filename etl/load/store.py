"""The PostgreSQL event store: where a row is written.

Loading is one transaction per batch. The batch's events not stored yet are COPYed straight into the tables; the
stored ones are COPYed into temporary staging tables and one merge statement compares them and their sources with
the stored ones, updating only the changed ones. An unchanged event is not touched, so a rerun of the same day
changes nothing; a changed one gets a revision row with its previous values and a new `updated_at`. A session
advisory lock per partition date, held for the whole load, keeps two loads of the same day from interleaving.

core.events is partitioned by month on the id (migration 0012, `etl.ids`): a load makes the partitions of its ids'
months before it writes to them, on a connection of its own while its first batches look their ids up."""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import struct
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from psycopg.errors import UniqueViolation
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from etl.ids import MONTH_LEN, id_month, unfiled
from etl.load.rollups import ROLLUP_COLUMNS, RollupDelta
from schemas.models import Actor, Article, Event, Location, Rejection, SourceRef

log = logging.getLogger(__name__)

BATCH = 5000
TAIL = 500  # the last batch, committed synchronously after all the others, runs alone: keep it short
MERGE_ATTEMPTS = 3  # a batch whose new events a concurrent load keeps storing first is merged again
LOAD_WORKERS = 2  # connections loading batches side by side: one builds rows while the server writes another's

# The stored event columns, in the order event_row builds them: the event's own fields (column = field), its
# fatality figures, each actor's fields, then the location's (column: field).
_OWN_FIELDS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "event_class", "cameo_code",
    "cameo_root", "quad_class", "goldstein", "plover_event", "fatalities", "hedged", "negated", "certainty",
    "confidence", "coder_version", "num_sources", "num_articles", "first_seen", "withdrawn",
)
_ACTOR_FIELDS = ("name", "country", "cameo", "inter", "text")
_LOCATION_COLUMNS = {
    "location_name": "name", "location_admin1": "admin1", "location_admin2": "admin2",
    "location_country": "country", "latitude": "latitude", "longitude": "longitude", "geo_precision": "geo_precision",
    "location_feature_type": "feature_type", "location_text": "text",
}
# What the views used to compute per row from the sources, stored (migration 0011): distinct reports and the
# first report's key (earliest publication, article id, offset).
_SOURCE_SUMMARY = ("mentions", "first_article_id", "first_start_char")
EVENT_COLUMNS = (
    *_OWN_FIELDS, "fatalities_reported", *(f"actor1_{f}" for f in _ACTOR_FIELDS),
    *(f"actor2_{f}" for f in _ACTOR_FIELDS), *_LOCATION_COLUMNS, *_SOURCE_SUMMARY,
)
_NEW_EVENT_COLUMNS = (*EVENT_COLUMNS, "partition_date", "last_partition_date", "last_run_id")
SOURCE_COLUMNS = ("event_id", "article_id", "start_char", "end_char", "url", "source", "published_at", "sentence",
                  "claim_source")
_SOURCE_FIELDS = ("article_id", "start", "end", "url", "source", "published_at", "sentence", "claim_source")


class DatabaseUnavailable(RuntimeError):
    """PostgreSQL could not be reached; the message names the host, never the password."""


@dataclass(frozen=True)
class LoadStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def event_row(event: Event, sources: Sequence[tuple[Any, ...]] | None = None) -> tuple[Any, ...]:
    """The event's stored columns, in EVENT_COLUMNS order (`sources`: its source_rows, if already made). This and
    source_rows are the load's Python hot loop: the values are read from the models' __dict__ by itemgetters, in C
    (a third faster than attribute by attribute)."""
    d = event.__dict__
    a1, a2, loc = d["actor1"], d["actor2"], d["location"]
    return (
        *_own_values(d), _int4_array(tuple(d["fatalities_reported"])),
        *(_actor_values(a1.__dict__) if a1 is not None else _NO_ACTOR),
        *(_actor_values(a2.__dict__) if a2 is not None else _NO_ACTOR),
        *(_location_values(loc.__dict__) if loc is not None else _NO_LOCATION),
        *_source_summary(source_rows(event) if sources is None else sources),
    )


_pub, _FIRST_ORDER = itemgetter(6), itemgetter(6, 1, 2)  # a source row's published_at; 'first source' order


def _first_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A source row's place in 'first source' order: published first (no date last), then article id, offset."""
    return (row[6] is None, row[6], row[1], row[2])


def _source_summary(rows: Sequence[tuple[Any, ...]]) -> tuple[int, str | None, int | None]:
    """(mentions, first article id, first offset) of an event's source rows, as migration 0011's backfill computes
    them in SQL (article ids in code-point order, which is COLLATE "C"). The key is an itemgetter (C) when every
    report has a date, the usual case. (The outlet names of ACLED's `source` are not stored: joining them cost
    about a microsecond an event at load, and a query pays them only when it reads that column.)"""
    if len(rows) == 1:
        r = rows[0]
        return 1, r[1], r[2]
    if not rows:
        return 0, None, None
    first = min(rows, key=_first_key if None in map(_pub, rows) else _FIRST_ORDER)
    return len(rows), first[1], first[2]


@lru_cache(maxsize=4096)
def _int4_array(values: tuple[int, ...]) -> bytes:
    """An integer[] in PostgreSQL's binary wire format (one dimension, no NULLs), sent to COPY as is: psycopg
    dumps lists in Python, which cost a tenth of the load's client time; the few distinct fatality lists
    are encoded once each."""
    if not values:
        return _INT4_ARRAY_HEAD.pack(0, 0, _INT4_OID)
    return (_INT4_ARRAY_HEAD.pack(1, 0, _INT4_OID) + _DIM.pack(len(values), 1)
            + b"".join(_INT4_ELEMENT.pack(4, v) for v in values))


_INT4_OID, _INT4_ARRAY_OID, _BYTEA_OID = 23, 1007, 17
_INT4_ARRAY_HEAD, _DIM, _INT4_ELEMENT = struct.Struct("!iiI"), struct.Struct("!ii"), struct.Struct("!ii")
_own_values, _actor_values = itemgetter(*_OWN_FIELDS), itemgetter(*_ACTOR_FIELDS)
_location_values, _source_values = itemgetter(*_LOCATION_COLUMNS.values()), itemgetter(*_SOURCE_FIELDS)
_NO_ACTOR = (None,) * len(_ACTOR_FIELDS)
_NO_LOCATION = (None,) * len(_LOCATION_COLUMNS)
_rollup_values = itemgetter(*(EVENT_COLUMNS.index(c) for c in ROLLUP_COLUMNS))  # an event row's rollup fields


def _source_key(row: tuple[Any, ...]) -> tuple[str, int]:
    return row[1], row[2]


def source_rows(event: Event) -> list[tuple[Any, ...]]:
    """One row per distinct (article, offset) report, the first one given, in a stable order."""
    eid = event.event_id
    rows = [(eid, *_source_values(s.__dict__)) for s in event.sources]
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
# A revised event's rollup fields before the revision (its contribution to take off the rollups), as JSON.
_PREVIOUS = ", ".join(f"c.{c}::text" if c.endswith("country") else f"c.{c}" for c in ROLLUP_COLUMNS)
# One statement (data-modifying CTEs all read the same snapshot, so `changed` sees the rows before the writes):
# `cur` is the stored version of the staged events that exist; `moved` those whose sources differ (a source
# added, dropped or altered); `changed` those that differ at all, whose previous values become revisions. New
# events are a plain INSERT (`ins`) and changed ones an UPDATE (`upd`); an unchanged event is neither locked nor
# rewritten. No INSERT … ON CONFLICT: its speculative insertion cost about a fifth of the merge (200k events:
# 29k -> 36k events/s). In a normal load only stored events are staged (new ones are COPYed straight in, see
# _load_batch); `ins` serves a batch whose direct COPY met an event another transaction stored after the lookup
# (a load of another day). Should that happen after this statement's snapshot too, the INSERT fails on the
# primary key and the merge is rerun from a savepoint, with a new snapshot that sees it (see _merge). A new
# event has no stored sources (sources are written only with their event, and events are never deleted), so
# `fresh` writes its staged ones with a plain INSERT too. The result is one row, not one per event: how many
# were inserted, the ids of the revised ones and their rows' rollup fields before the revision.
MERGE_EVENTS = f"""
WITH cur AS MATERIALIZED (
    SELECT e.* FROM {{table}} e WHERE e.event_id IN (SELECT event_id FROM stage_events)
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
    INSERT INTO {{table}} ({', '.join(EVENT_COLUMNS)}, partition_date, last_partition_date, last_run_id)
    SELECT {', '.join('s.' + c for c in EVENT_COLUMNS)}, :day, :day, :run FROM stage_events s
    WHERE NOT EXISTS (SELECT FROM cur WHERE cur.event_id = s.event_id)
    RETURNING event_id
),
upd AS (
    UPDATE {{table}} e SET
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
SELECT (SELECT array_agg(event_id) FROM ins) AS inserted, (SELECT array_agg(event_id) FROM upd) AS revised,
       (SELECT json_agg(json_build_array({_PREVIOUS})) FROM changed c) AS previous
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
        event_type=row["event_type"], sub_event_type=row["sub_event_type"], event_class=row["event_class"],
        cameo_code=row["cameo_code"],
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


def _split(events: Sequence[Event], size: int) -> list[Sequence[Event]]:
    """The load's batches: `size` events each, then a last one of at most TAIL (see load_events)."""
    if len(events) <= size:
        return [events] if events else []
    tail = min(TAIL, size)
    return [*_batches(events[:-tail], size), events[-tail:]]


_DAY_LOCK, _LOAD_LOCK = "newsevents-day", "newsevents-load"
_BPCHAR_OID, _TEXT_OID = 1042, 25
# char(n) has no binary dumper, its wire format is text's; an integer[] comes already encoded (_int4_array)
_WIRE_OIDS = {_BPCHAR_OID: _TEXT_OID, _INT4_ARRAY_OID: _BYTEA_OID}


def _copy(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """COPY rows in PostgreSQL's binary format (no text formatting here, no parsing there), typed by the table."""
    cur = conn.connection.driver_connection.cursor()  # psycopg 3: COPY … FROM STDIN
    types = dict(cur.execute(
        "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
        (table,)).fetchall())
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([_WIRE_OIDS.get(types[c], types[c]) for c in columns])
        for row in rows:
            copy.write_row(row)


def _stored_ids(conn: Connection, ids: list[str], table: str = "core.events") -> set[str]:
    """Which of `ids` `table` (core.events, or the one partition that files them all) holds. The ids go as one
    newline-joined string, split by the server: psycopg dumps a list parameter element by element in Python."""
    if not ids:
        return set()
    if any("\n" in i for i in ids):
        found = conn.execute(text(f"SELECT event_id FROM {table} WHERE event_id = ANY(:ids)"), {"ids": ids})
    else:
        found = conn.execute(text(f"SELECT event_id FROM {table} "
                                  "WHERE event_id = ANY(string_to_array(:ids, E'\\n'))"), {"ids": "\n".join(ids)})
    return set(found.scalars())


UNFILED = "events_unfiled"  # the partition of ids written by hand (migration 0012)


@dataclass(frozen=True)
class Filing:
    """Where a load's ids are filed: the partition of each month that had one when the load began (None: a new
    month, made by the load, where no id can be stored yet but by a concurrent load)."""

    known: dict[date, str | None]

    def partition(self, eid: str) -> str | None:
        month = id_month(eid[:MONTH_LEN])
        return UNFILED if month is None else self.known[month]

    def split(self, ids: list[str]) -> tuple[list[str], str]:
        """The ids that may be stored (their month had a partition), and the table to read and merge them in:
        their one partition when there is one, so that PostgreSQL plans no partition pruning over thousands of
        ids (a third of a batch's lookup on an empty table, measured), else core.events. Worked out per month
        prefix, not per id: this runs in the load's threads, under the GIL."""
        parts = {p: self.partition(p) for p in {i[:MONTH_LEN] for i in ids}}
        old = ids if None not in parts.values() else [i for i in ids if parts[i[:MONTH_LEN]] is not None]
        names = set(parts.values())
        return old, (f"core.{names.pop()}" if len(names) == 1 and None not in names else "core.events")


def filing(conn: Connection, months: Iterable[date]) -> Filing:
    """The partitions the months have now (a read of the catalog: no lock, no DDL)."""
    todo = sorted(set(months))
    found = conn.execute(text("SELECT m, core.event_partition_of(m) FROM unnest(CAST(:m AS date[])) m"),
                         {"m": todo}).all() if todo else []
    return Filing({r[0]: r[1] for r in found})


def ensure_partitions(conn: Connection, months: Iterable[date]) -> list[str]:
    """Make the partitions of core.events holding the ids of `months` (migration 0012's
    core.ensure_event_partition: a round trip when they exist, some 30 ms of DDL for a new month). Run in a
    transaction of its own, so that a new month, and the lock attaching it took, is committed before a batch
    writes to it. Returns the partitions' names."""
    todo = sorted(set(months))
    if not todo:
        return []
    return list(conn.execute(text("SELECT core.ensure_event_partition(m) FROM unnest(CAST(:m AS date[])) m"),
                             {"m": todo}).scalars())


def _months(events: Sequence[Event]) -> set[date]:
    """The months the events' ids are filed under. An id naming no month is refused here, before anything is
    written (core.events has no partition for it), unless it is one written by hand (`etl.ids.unfiled`)."""
    months = {p: id_month(p) for p in {e.event_id[:MONTH_LEN] for e in events}}
    bad = None if None not in months.values() else next(
        (e.event_id for e in events if months[e.event_id[:MONTH_LEN]] is None and not unfiled(e.event_id)), None)
    if bad is not None:
        raise ValueError(f"event id {bad!r} names no month: an id starts with the month of the event's date "
                         f"(etl.ids.event_id; an undated event gets its run's day first)")
    return {m for m in months.values() if m is not None}


def _rows(events: Sequence[Event]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The events' rows and all their source rows (each event's sources made once, for both)."""
    erows: list[tuple[Any, ...]] = []
    srows: list[tuple[Any, ...]] = []
    for e in events:
        srcs = source_rows(e)
        erows.append(event_row(e, srcs))
        srows += srcs
    return erows, srows


def _copy_new(conn: Connection, events: Sequence[Event], partition_date: date, run_id: str,
              months: Future[list[str]] | None = None) -> list[tuple[Any, ...]]:
    """COPY events not stored yet, and their sources, straight into the tables; returns the event rows.
    `months`: their partitions being made, waited for before the first write."""
    erows, srows = _rows(events)
    if months is not None:
        months.result()
    tail = (partition_date, partition_date, run_id)
    _copy(conn, "core.events", _NEW_EVENT_COLUMNS, (r + tail for r in erows))
    _copy(conn, "core.event_sources", SOURCE_COLUMNS, srows)
    return erows


def _stage_events(conn: Connection, events: Sequence[Event]) -> list[tuple[Any, ...]]:
    """COPY events and their sources into this transaction's staging tables, for MERGE_EVENTS; returns the event
    rows."""
    _stage(conn, "stage_events", "core.events")
    _stage(conn, "stage_sources", "core.event_sources")
    erows, srows = _rows(events)
    _copy(conn, "stage_events", EVENT_COLUMNS, erows)
    _copy(conn, "stage_sources", SOURCE_COLUMNS, srows)
    return erows


def _stage(conn: Connection, name: str, like: str) -> None:
    """A temporary table with the target's columns but none of its constraints, dropped at commit."""
    conn.execute(text(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS SELECT * FROM {like} WITH NO DATA"))


_RUN_LOCK = "newsevents-run"
# An event row's rollup fields as UPDATE … RETURNING gives them (countries as text, as the rollup keys compare)
_RETURNED_ROLLUP = ", ".join(f"{c}::text" if c.endswith("country") else c for c in ROLLUP_COLUMNS)


def _run_key(run_id: str) -> int:
    """A stable 32-bit key for a run id (the advisory lock's second half)."""
    return struct.unpack(">i", hashlib.sha1(run_id.encode()).digest()[:4])[0]


def _unlock_after_error(conn: Any, key: dict[str, Any]) -> None:
    """Release an advisory lock on the way out of a failed step without hiding its error: if the unlock fails too
    (the server went away), it is only logged, since PostgreSQL frees a session's locks when the session ends."""
    try:
        conn.execute(text("SELECT pg_advisory_unlock(hashtext(:name), :k)"), key)
        conn.commit()
    except SQLAlchemyError as exc:
        log.warning("advisory unlock after a failed step did not succeed either (%s); the lock ends with the "
                    "session", str(exc).splitlines()[0])


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Keep Python's full (generation 2) garbage collections off the objects that exist when the load starts.

    The caller holds the day's Event objects (about fifteen GC-tracked objects an event) and the load allocates
    rows fast enough to set off a full collection now and then: at 50,000 events one took about 0.35 s, a third of
    the load, in some runs and not others. gc.freeze() moves every tracked object to the permanent generation, so
    a collection during the load walks only what the load made; unfreeze() hands them back to the oldest
    generation. Collections still run (cycles the load makes are freed). Left alone if something else (a
    pre-fork server, a concurrent load in another thread) froze objects already, so its freeze is never undone."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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

    def migrated(self) -> bool:
        """Whether the database holds the newsevents schema (a reader's first question; DatabaseUnavailable if
        the server cannot be reached)."""
        with self._begin() as conn:
            return bool(conn.execute(text("SELECT to_regclass('core.events') IS NOT NULL")).scalar_one())

    def _where(self) -> str:
        url = self.engine.url
        host = url.host or url.query.get("host") or "localhost"
        return f"{host}:{url.port or 5432} (database {url.database!r})"

    # -- runs --------------------------------------------------------------------------------------------------

    @contextmanager
    def day_lock(self, partition_date: date) -> Iterator[None]:
        """Hold a session advisory lock on one partition date for a whole step (e.g. the pipeline's load step),
        so two runs of the same day run one after the other. Each load also holds the day's load lock, so two
        loads of the same day never interleave even without this. PostgreSQL frees the lock if the process
        dies."""
        with self._held(_DAY_LOCK, partition_date.toordinal()):
            yield

    @contextmanager
    def _held(self, lock: str, k: int) -> Iterator[None]:
        """A session advisory lock on (lock, k), on a connection of its own, for the duration."""
        try:
            conn = self.engine.connect()
        except OperationalError as exc:
            raise DatabaseUnavailable(f"cannot reach PostgreSQL at {self._where()}; is it running? "
                                      "the task can be retried") from exc
        key = {"name": lock, "k": k}
        with conn:
            conn.execute(text("SELECT pg_advisory_lock(hashtext(:name), :k)"), key)
            conn.commit()
            try:
                yield
            except BaseException:
                _unlock_after_error(conn, key)  # the error that brought us here is the one to report
                raise
            conn.execute(text("SELECT pg_advisory_unlock(hashtext(:name), :k)"), key)
            conn.commit()

    def begin_run(self, partition_date: date, run_id: str, *, watched: bool = False) -> None:
        """Record a run as running. `watched`: the run holds `run_alive(run_id)` for its whole life, so a later
        `mark_abandoned` can tell that it died (kill -9, a lost machine) and mark it failed."""
        counts = json.dumps({"run_lock": True} if watched else {})
        with self._begin() as conn:
            conn.execute(text("INSERT INTO core.runs (run_id, partition_date, counts) VALUES (:r, :d, CAST(:c AS "
                              "jsonb)) ON CONFLICT (run_id) DO UPDATE "
                              "SET status = 'running', finished_at = NULL, error = NULL, "
                              "counts = core.runs.counts || EXCLUDED.counts"),
                         {"r": run_id, "d": partition_date, "c": counts})

    @contextmanager
    def run_alive(self, run_id: str) -> Iterator[None]:
        """Hold a session advisory lock named for the run while it runs; PostgreSQL drops it with the session, so
        a run whose lock is free is no longer running, however it ended."""
        with self._held(_RUN_LOCK, _run_key(run_id)):
            yield

    def mark_abandoned(self) -> list[str]:
        """Mark failed every watched run still 'running' whose process is gone (its `run_alive` lock is free);
        returns their ids."""
        with self._begin() as conn:
            ids = conn.execute(text("SELECT run_id FROM core.runs WHERE status = 'running' "
                                    "AND counts ? 'run_lock'")).scalars().all()
        gone = []
        with self.engine.connect() as conn:
            for run_id in ids:
                key = {"name": _RUN_LOCK, "k": _run_key(run_id)}
                if conn.execute(text("SELECT pg_try_advisory_lock(hashtext(:name), :k)"), key).scalar():
                    conn.execute(text("SELECT pg_advisory_unlock(hashtext(:name), :k)"), key)
                    gone.append(run_id)
            conn.commit()
        with self._begin() as conn:
            for run_id in gone:
                conn.execute(text("UPDATE core.runs SET status = 'failed', finished_at = now(), error = :e "
                                  "WHERE run_id = :r AND status = 'running'"),
                             {"r": run_id, "e": "abandoned: the run's process ended without finishing (killed?)"})
        return gone

    def finish_run(self, run_id: str, status: str, counts: dict[str, Any]) -> None:
        with self._begin() as conn:
            conn.execute(text("UPDATE core.runs SET status = :s, finished_at = now(), counts = CAST(:c AS jsonb), "
                              "error = NULL WHERE run_id = :r"),
                         {"s": status, "c": json.dumps(counts, default=str), "r": run_id})

    def fail_run(self, partition_date: date, run_id: str, error: str) -> None:
        """Mark a run failed with its error (the row is made if the run failed before it wrote one)."""
        with self._begin() as conn:
            conn.execute(text("INSERT INTO core.runs (run_id, partition_date, status, finished_at, error) "
                              "VALUES (:r, :d, 'failed', now(), :e) ON CONFLICT (run_id) DO UPDATE "
                              "SET status = 'failed', finished_at = now(), error = EXCLUDED.error"),
                         {"r": run_id, "d": partition_date, "e": error[:2000]})

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
                 partition_date, run_id, a.summary_only) for a, v in zip(articles, verdicts, strict=True)]
        cols = ("id", "url", "canonical_url", "source", "title", "published_at", "language", "origin", "text",
                "text_hash", "dup_kind", "duplicate_of", "partition_date", "first_run_id", "summary_only")
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
                    batch_size: int = BATCH, workers: int = LOAD_WORKERS) -> LoadStats:
        """Merge events by id, one transaction per batch; unchanged events are left alone.

        A batch's events not yet stored are COPYed straight into the tables; only the stored ones are staged and
        compared (see _load_batch). `workers` connections load batches side by side, so Python building one
        batch's rows overlaps the server writing another's. The day's session lock, held for the whole call,
        keeps two loads of the same day from interleaving; loads of different days run side by side.

        Every batch but the last commits without waiting for its WAL flush (synchronous_commit off); the last
        runs once all the others have committed, and its commit flushes the WAL up to it, theirs included, so
        when this returns the whole load is as durable as with synchronous commits. It runs alone, so it is kept
        short (TAIL events; a whole batch there left one of two cores idle for about a tenth of a 50,000-event
        load). A server crash mid-load can lose batches committed shortly before it (never part of one); the load
        did not return, and rerunning it is idempotent."""
        batches = _split(events, batch_size)
        inserted = updated = 0
        months = _months(events)
        with _heap_frozen(), self._held(_LOAD_LOCK, partition_date.toordinal()), \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsevents-months") as making:
            with self._begin() as conn:
                filed = filing(conn, months)
            made = making.submit(self._make_months, {m for m, p in filed.known.items() if p is None})
            with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="newsevents-load") as pool:
                running = [pool.submit(self._load_batch, b, run_id, partition_date, last=False, filed=filed,
                                       made=made) for b in batches[:-1]]
                try:
                    for done in running:
                        i, u = done.result()
                        inserted += i
                        updated += u
                finally:  # a batch failed: the ones not started are dropped, the running ones finish
                    for f in running:
                        f.cancel()
            if batches:
                i, u = self._load_batch(batches[-1], run_id, partition_date, last=True, filed=filed, made=made)
                inserted += i
                updated += u
        return LoadStats(inserted=inserted, updated=updated, unchanged=len(events) - inserted - updated)

    def _make_months(self, months: set[date]) -> list[str]:
        """The partitions of `months`, made if missing and committed on a connection of their own (while the
        first batches look their ids up: an id of a month that had no partition is not stored)."""
        if not months:
            return []
        with self._begin() as conn:
            return ensure_partitions(conn, months)

    def _load_batch(self, batch: Sequence[Event], run_id: str, partition_date: date, *,
                    last: bool, filed: Filing | None = None, made: Future[list[str]] | None = None) -> tuple[int, int]:
        """One batch, one transaction: the events not stored yet are COPYed straight into core.events and
        core.event_sources (no staging, no compare: a first load writes each row once); the stored ones are
        staged and merged. Should another day's load store one of the new events after the lookup, the COPY
        fails on the primary key and the whole batch is merged instead, which compares that event.

        The rollups change in the same transaction, by what it wrote: the new rows counted in, a revised event's
        previous row counted out and its new one in (`etl.load.rollups`), applied as the batch's last statement."""
        delta = RollupDelta()
        with self._begin() as conn:
            if not last:
                conn.execute(text("SET LOCAL synchronous_commit = off"))
            ids = [e.event_id for e in batch]
            old, table = filed.split(ids) if filed is not None else (ids, "core.events")
            stored = _stored_ids(conn, old, table)
            fresh = [e for e in batch if e.event_id not in stored]
            if fresh:
                savepoint = conn.begin_nested()
                try:
                    rows = _copy_new(conn, fresh, partition_date, run_id, made)
                except UniqueViolation:  # from psycopg itself: COPY runs on the driver's cursor
                    savepoint.rollback()
                    log.info("an event of the batch was stored by a concurrent load; merging the batch instead")
                    stored, fresh = set(ids), []
                else:
                    savepoint.commit()
                    delta.add(map(_rollup_values, rows))
            inserted: list[str] = []
            revised: list[str] = []
            if stored:
                staged = _stage_events(conn, [e for e in batch if e.event_id in stored])
                if made is not None:
                    made.result()
                inserted, revised, previous = self._merge(conn, partition_date, run_id, table)
                if revised:
                    for sql in REPLACE_SOURCES:
                        conn.execute(text(sql), {"ids": revised})
                if inserted or revised:
                    written = set(inserted) | set(revised)
                    delta.add(_rollup_values(r) for r in staged if r[0] in written)
                    delta.add(((date.fromisoformat(p[0]), *p[1:]) for p in previous), -1)
            delta.apply(conn)
        return len(fresh) + len(inserted), len(revised)

    @staticmethod
    def _merge(conn: Connection, partition_date: date, run_id: str,
               table: str = "core.events") -> tuple[list[str], list[str], list[list[Any]]]:
        """Run MERGE_EVENTS: the ids it inserted, the ids it revised and the revised rows' previous rollup
        fields. When a concurrent load stored one of the batch's new events first, roll back to before the
        statement and run it again (its new snapshot sees that event as stored, to compare)."""
        params = {"day": partition_date, "run": run_id}
        for attempt in range(MERGE_ATTEMPTS):
            savepoint = conn.begin_nested()
            try:
                inserted, revised, previous = conn.execute(text(MERGE_EVENTS.replace("{table}", table)),
                                                           params).one()
            except IntegrityError as exc:
                savepoint.rollback()
                if not isinstance(exc.orig, UniqueViolation) or attempt == MERGE_ATTEMPTS - 1:
                    raise
                log.info("an event of the batch was stored by a concurrent load; merging the batch again")
                continue
            savepoint.commit()
            return inserted or [], revised or [], previous or []
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
            gone = conn.execute(text(
                "UPDATE core.events SET withdrawn = true, updated_at = now(), last_run_id = :run, "
                "last_partition_date = COALESCE(:day, last_partition_date) "
                f"WHERE event_id = ANY(:ids) AND NOT withdrawn RETURNING {_RETURNED_ROLLUP}"),
                {"ids": list(event_ids), "run": run_id, "day": partition_date}).all()
            delta = RollupDelta()
            delta.add(((*r[:-1], False) for r in gone), -1)  # counted out as the live rows they were
            delta.apply(conn)
        return len(gone)

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
                "SELECT id, url, canonical_url, source, title, published_at, language, origin, text, summary_only "
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
