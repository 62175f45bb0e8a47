"""The read-only HTTP API over the analyst views, and the dashboard page it serves at `/`.

Every request runs in a READ ONLY transaction and, where the login may, as the `analyst` role, so the API can only
see what an analyst sees (`public` views). Only `/freshness` reads `core.runs` (in its own read-only transaction)
to report the latest run. JSON bodies are the data contract's `Event`; CSV and GeoJSON reuse `etl.export`.
"""

import csv
import io
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from etl.api import queries
from etl.publish import SnapshotStore
from schemas.models import ACLED_SCOPE, Event, EventClass

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
CSV_TYPE = "text/csv; charset=utf-8"
GEOJSON_TYPE = "application/geo+json"


class Format(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


class Scope(StrEnum):
    """Which events: ACLED's scope (political violence, demonstrations, strategic developments; the default) or
    every class, the CAMEO-only verbal and other events too."""

    acled = "acled"
    all = "all"


class EventList(BaseModel):
    """A page of events; pass `next_cursor` back as `cursor` for the next page (None: last page)."""

    events: list[Event]
    count: int = Field(description="Events in this page (at most `limit`), not the number matching the filters.")
    total: int = Field(description="Events matching the filters, over all pages.")
    limit: int
    offset: int
    next_cursor: str | None = None


class DailyCount(BaseModel):
    event_date: date
    country: str | None
    event_type: str
    events: int
    fatalities: int


class Dyad(BaseModel):
    actor1_name: str
    actor1_country: str | None
    actor2_name: str
    actor2_country: str | None
    events: int
    fatalities: int
    mean_goldstein: float | None
    first_event: date
    last_event: date


class Health(BaseModel):
    status: str
    database: bool
    role: str = Field(description="The database role the API queries as (normally the read-only `analyst`).")


class RunInfo(BaseModel):
    run_id: str
    partition_date: date
    status: str
    started_at: datetime
    finished_at: datetime | None = None


class SnapshotInfo(BaseModel):
    partition_date: date
    run_id: str
    created_at: datetime
    row_count: int
    coder_version: str | None = None
    age_hours: float | None = Field(default=None, description="Hours since the manifest was written.")


class Freshness(BaseModel):
    """How current the feed is: the newest published snapshot, the newest run, the newest event change."""

    checked_at: datetime
    snapshot: SnapshotInfo | None = None
    snapshot_error: str | None = None
    last_run: RunInfo | None = None
    last_successful_run: RunInfo | None = None
    last_run_age_hours: float | None = None
    last_event_update: datetime | None = None
    stale: bool = Field(description="No snapshot, or the newest is older than the configured threshold.")
    stale_after_hours: float


class Problem(BaseModel):
    """A request the API understood but cannot answer (e.g. an inverted bbox or a foreign cursor)."""

    detail: str


NOT_FOUND = {404: {"description": "No live event with this id.", "model": Problem}}
BAD_REQUEST = {400: {"description": "A well-formed but meaningless filter (inverted bbox or date range, a foreign "
                                    "cursor).", "model": Problem}}
EVENT_FORMATS = {200: {"content": {CSV_TYPE.split(";")[0]: {}, GEOJSON_TYPE: {}},
                       "description": "JSON (default), CSV or GeoJSON by `format` or the Accept header."}}
UNAVAILABLE = {503: {"description": "The database cannot be reached.", "model": Problem}}
BBOX = r"^\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?){3}\s*$"


def _text(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL; such a filter can match nothing anyway, so drop the character."""
    return value.replace("\x00", "") if value is not None else None


def _countries(value: str | None) -> str | None:
    """Country names or codes, comma-separated, as alpha-3 codes: `somalia,KE` → `SOM,KEN` (unknown: a 422)."""
    if value is None:
        return None
    return ",".join(queries.country_code(c) for c in queries.split_list(_text(value)))


def _classes(value: str | None) -> str | None:
    """Event classes, comma-separated, checked against `EventClass` (an unknown one is a 422)."""
    if value is None:
        return None
    known = {c.value for c in EventClass}
    asked = queries.split_list(_text(value))
    unknown = [c for c in asked if c not in known]
    if unknown:
        raise ValueError(f"unknown event_class {unknown[0]!r}: choose from {', '.join(sorted(known))}")
    return ",".join(asked)


def _scope(scope: Scope | None, event_class: str | None) -> list[str] | None:
    """The classes a request asks for (None: every class). ACLED's scope unless `scope=all` or `event_class` says
    otherwise: the ACLED-style outputs must not show a CAMEO-only statement as a strategic development; both
    together ask for their intersection."""
    asked = queries.split_list(event_class) or None
    if scope is Scope.all:
        return asked
    if scope is None and asked is not None:
        return asked
    acled = sorted(c.value for c in ACLED_SCOPE)
    return acled if asked is None else [c for c in acled if c in asked]


def _filter(date_from: date | None, date_to: date | None, country: str | None, event_type: str | None,
            sub_event_type: str | None, actor: str | None, bbox: str | None,
            min_confidence: float | None, scope: Scope | None = None,
            event_class: str | None = None) -> queries.EventFilter:
    """The filter of a request; well-formed but empty ranges are a 400, as an inverted bbox always was."""
    try:
        box = queries.parse_bbox(_text(bbox))
    except ValueError as err:
        raise HTTPException(400, str(err)) from None
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, f"date_from {date_from} is after date_to {date_to}")
    return queries.EventFilter(
        date_from=date_from, date_to=date_to, countries=queries.split_list(_text(country)),
        event_types=queries.split_list(_text(event_type)), sub_event_types=queries.split_list(_text(sub_event_type)),
        actor=_text(actor) or None, bbox=box, min_confidence=min_confidence,
        event_classes=_scope(scope, event_class))


def _csv(events: list[Event]) -> bytes:
    """The export's CSV columns (`etl.export.flat_record`), rows in the page's order."""
    from etl.export import COLUMNS, flat_record

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in events:
        rec = flat_record(e)
        writer.writerow(["" if rec[c] is None else
                         ("true" if rec[c] is True else "false" if rec[c] is False else
                          rec[c].isoformat() if isinstance(rec[c], date | datetime) else rec[c])
                         for c in COLUMNS])
    return buf.getvalue().encode()


def _wants(request: Request, fmt: Format | None) -> Format:
    if fmt:
        return fmt
    accept = request.headers.get("accept", "")
    if "text/csv" in accept:
        return Format.csv
    if GEOJSON_TYPE in accept:
        return Format.geojson
    return Format.json


def freshness_report(events_conn: Connection, engine: Engine, store: SnapshotStore, stale_after_hours: float,
                     now: datetime | None = None) -> Freshness:
    """Newest snapshot, newest runs and newest event change; `stale` when no snapshot is younger than the limit.

    `events_conn` reads the public views; runs are read from `core.runs` on a connection of their own (read-only)
    because the analyst role may not see them. A snapshot store that fails is reported, not raised.
    """
    now = now or datetime.now(UTC)
    out: dict[str, Any] = {"checked_at": now, "stale_after_hours": stale_after_hours,
                           "last_event_update": queries.latest_event_update(events_conn)}
    try:
        with engine.connect() as conn:
            conn.execute(text("SET TRANSACTION READ ONLY"))
            runs = queries.latest_runs(conn)
    except DBAPIError:
        runs = {"last": None, "last_success": None}
    out["last_run"], out["last_successful_run"] = runs["last"], runs["last_success"]
    if runs["last"]:
        out["last_run_age_hours"] = queries.age_hours(runs["last"]["started_at"], now)
    try:
        manifest = queries.latest_snapshot(store)
    except Exception as err:  # a broken snapshot store is reported in the body, not as a 500
        manifest, out["snapshot_error"] = None, f"{type(err).__name__}: {err}"[:500]
    if manifest:
        out["snapshot"] = SnapshotInfo(**{k: manifest.get(k) for k in SnapshotInfo.model_fields if k in manifest},
                                       age_hours=queries.age_hours(str(manifest["created_at"]), now))
    snap = out.get("snapshot")
    out["stale"] = snap is None or (snap.age_hours or 0) > stale_after_hours
    return Freshness(**out)


class RoleUnavailable(RuntimeError):
    """The read-only role the API must query as cannot be assumed by its login."""


def create_app(engine: Engine | None = None, snapshot_store: SnapshotStore | None = None) -> FastAPI:
    """The API; without arguments it uses the configured database and snapshot location (resolved lazily)."""
    from etl.settings import get_settings

    settings = get_settings()
    state: dict[str, Any] = {"engine": engine, "store": snapshot_store, "role": None}

    lock = threading.Lock()

    def get_engine_() -> Engine:
        """The engine, resolved once: concurrent first requests must not start the embedded server twice."""
        with lock:
            if state["engine"] is None:
                from etl.db import get_engine

                state["engine"] = get_engine(settings)
        return state["engine"]

    def check_role() -> None:
        """At startup: the configured role must be one the login can assume, else the API does not start."""
        with get_engine_().connect() as conn:
            role_for(conn)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:  # connect (or start the embedded server) before the first request; a failure stays a 503 later
            await run_in_threadpool(check_role)
        except RoleUnavailable:
            raise  # fail closed: never serve as the (possibly superuser) login role
        except Exception as err:
            log.warning("database not reachable at startup: %s", err)
        yield

    def role_for(conn: Connection) -> str | None:
        """The configured read-only role, checked once: it must exist and the login may SET ROLE to it, else
        RoleUnavailable (the API refuses to run as its login role). An empty NEWSEVENTS_API_ROLE is the explicit
        choice to query as the login role."""
        if "role_checked" not in state:
            name = settings.api_role
            if name:
                ok = bool(conn.execute(text(
                    "SELECT CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = :r) "
                    "THEN pg_has_role(current_user, :r, 'MEMBER') ELSE false END"), {"r": name}).scalar())
                if not ok:
                    raise RoleUnavailable(f"the API cannot SET ROLE {name!r} (NEWSEVENTS_API_ROLE): the role does not "
                                          "exist or the login is not a member of it; create or grant it, or fix "
                                          "the setting")
            state["role"] = name or None
            state["role_checked"] = True
        return state["role"]

    def readonly() -> Iterator[Connection]:
        """A connection in a READ ONLY transaction as the analyst role; rolled back after the request."""
        try:
            conn = get_engine_().connect()
        except Exception as err:  # unreachable server, embedded server failing to start: the same to a client
            log.warning("database unavailable: %s", err)
            raise HTTPException(503, "database unavailable") from err
        with conn:
            conn.execute(text("SET TRANSACTION READ ONLY"))
            try:
                role = role_for(conn)
            except RoleUnavailable as err:
                log.error("%s", err)
                raise HTTPException(503, "database role unavailable") from err
            if role:
                conn.execute(text(f'SET LOCAL ROLE "{role}"'))  # validated identifier from settings
            yield conn
            conn.rollback()

    Db = Annotated[Connection, Depends(readonly)]
    DateFrom = Annotated[date | None, Query(description="First event date (inclusive).")]
    DateTo = Annotated[date | None, Query(description="Last event date (inclusive).")]
    Country = Annotated[str | None, Query(max_length=200, description="Countries, comma-separated: ISO alpha-3 or "
                                          "alpha-2 codes or names (`SOM`, `somalia`); an unknown one is a 422."),
                        AfterValidator(_countries)]
    EventType = Annotated[str | None, Query(max_length=500,
                                            description="Event types (exact spelling), comma-separated.")]
    ScopeQ = Annotated[Scope | None, Query(description="`acled` (the default): political violence, demonstrations "
                                           "and strategic developments only; `all`: CAMEO-only events too.")]
    EventClassQ = Annotated[str | None, Query(max_length=200, description="Event classes, comma-separated ("
                                              + ", ".join(c.value for c in EventClass) + "); alone it replaces "
                                              "the default scope."), AfterValidator(_classes)]

    app = FastAPI(title="newsevents feed", version="1.0.0", lifespan=lifespan,
                  description="Read-only access to the deduplicated feed of coded political and conflict events.")

    @app.get("/events", response_model=EventList, responses={**EVENT_FORMATS, **BAD_REQUEST, **UNAVAILABLE})
    def list_events(
        request: Request, db: Db, date_from: DateFrom = None, date_to: DateTo = None, country: Country = None,
        event_type: EventType = None,
        sub_event_type: Annotated[str | None, Query(max_length=500)] = None,
        actor: Annotated[str | None, Query(max_length=200,
                                           description="Part of an actor's name, or an alpha-3 actor country.")]
        = None,
        bbox: Annotated[str | None, Query(max_length=200, pattern=BBOX, description="minlon,minlat,maxlon,maxlat")]
        = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        cursor: Annotated[str | None, Query(max_length=1000, description="`next_cursor` of the previous page.")]
        = None,
        format: Annotated[Format | None, Query(description="Default: by Accept header, else json.")] = None,
        scope: ScopeQ = None, event_class: EventClassQ = None,
    ) -> Any:
        """Live events of ACLED's scope unless `scope=all` or `event_class` asks otherwise, newest first
        (event_date desc, event_id); filters combine with AND."""
        f = _filter(date_from, date_to, country, event_type, sub_event_type, actor, bbox, min_confidence, scope,
                    event_class)
        fmt = _wants(request, format)
        try:
            page = queries.list_events(db, f, limit=limit, offset=offset, cursor=_text(cursor),
                                       with_total=fmt is Format.json)
        except queries.BadCursor as err:
            raise HTTPException(400, str(err)) from None
        headers = {"X-Next-Cursor": page.next_cursor} if page.next_cursor else {}
        if fmt is Format.csv:
            return Response(_csv(page.events), media_type=CSV_TYPE, headers=headers)
        if fmt is Format.geojson:
            from etl.export import to_geojson

            return Response(to_geojson(page.events), media_type=GEOJSON_TYPE, headers=headers)
        return EventList(events=page.events, count=len(page.events), total=page.total or 0, limit=limit,
                         offset=offset, next_cursor=page.next_cursor)

    @app.get("/events.geojson", responses={200: {"content": {GEOJSON_TYPE: {}}}, **BAD_REQUEST, **UNAVAILABLE},
             response_class=Response)
    def events_geojson(
        request: Request, db: Db, date_from: DateFrom = None, date_to: DateTo = None, country: Country = None,
        event_type: EventType = None,
        sub_event_type: Annotated[str | None, Query(max_length=500)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        bbox: Annotated[str | None, Query(max_length=200, pattern=BBOX, description="minlon,minlat,maxlon,maxlat")]
        = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 1000,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
        scope: ScopeQ = None, event_class: EventClassQ = None,
    ) -> Response:
        """The same page as `/events` as a GeoJSON FeatureCollection (events without coordinates left out)."""
        return list_events(request, db, date_from, date_to, country, event_type, sub_event_type, actor, bbox,
                           min_confidence, limit, offset, cursor, Format.geojson, scope, event_class)

    @app.get("/events.csv", responses={200: {"content": {CSV_TYPE.split(";")[0]: {}}}, **BAD_REQUEST,
                                       **UNAVAILABLE}, response_class=Response)
    def events_csv(
        db: Db, date_from: DateFrom = None, date_to: DateTo = None, country: Country = None,
        event_type: EventType = None,
        sub_event_type: Annotated[str | None, Query(max_length=500)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        bbox: Annotated[str | None, Query(max_length=200, pattern=BBOX, description="minlon,minlat,maxlon,maxlat")]
        = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        limit: Annotated[int, Query(ge=1, le=queries.MAX_EXPORT)] = queries.MAX_EXPORT,
        scope: ScopeQ = None, event_class: EventClassQ = None,
    ) -> Response:
        """Every event matching the filters (up to `limit`) in one CSV file, the dashboard's download: a page of
        `/events` stops at 1000. `X-Truncated: true` says the limit left events out."""
        f = _filter(date_from, date_to, country, event_type, sub_event_type, actor, bbox, min_confidence, scope,
                    event_class)
        events, truncated = queries.all_events(db, f, cap=limit)
        headers = {"Content-Disposition": 'attachment; filename="events.csv"',
                   "X-Truncated": "true" if truncated else "false"}
        return Response(_csv(events), media_type=CSV_TYPE, headers=headers)

    @app.get("/events/{event_id}", response_model=Event, responses={**NOT_FOUND, **UNAVAILABLE})
    def get_event(event_id: Annotated[str, PathParam(max_length=512)], db: Db) -> Event:
        """One live event with all its sources (provenance down to the sentence)."""
        event = queries.get_event(db, _text(event_id) or "")
        if event is None:
            raise HTTPException(404, "no such event")
        return event

    @app.get("/daily_counts", response_model=list[DailyCount], responses={**BAD_REQUEST, **UNAVAILABLE})
    def daily_counts(db: Db, date_from: DateFrom = None, date_to: DateTo = None, country: Country = None,
                     event_type: EventType = None,
                     limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000, scope: ScopeQ = None,
                     event_class: EventClassQ = None) -> list[dict[str, Any]]:
        """Events and fatalities per day, country and event type (the timeline's data), of ACLED's scope unless
        `scope=all` or `event_class` asks otherwise."""
        f = _filter(date_from, date_to, country, event_type, None, None, None, None, scope, event_class)
        return queries.daily_counts(db, f, limit=limit)

    @app.get("/dyads", response_model=list[Dyad], responses={**BAD_REQUEST, **UNAVAILABLE})
    def dyads(db: Db, date_from: DateFrom = None, date_to: DateTo = None, country: Country = None,
              actor: Annotated[str | None, Query(max_length=200)] = None,
              limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100, scope: ScopeQ = None,
              event_class: EventClassQ = None) -> list[dict[str, Any]]:
        """Actor pairs with their event and fatality totals over the date range, most active first (ACLED's scope
        unless `scope=all` or `event_class` asks otherwise)."""
        f = _filter(date_from, date_to, country, None, None, actor, None, None, scope, event_class)
        return queries.dyads(db, f, limit=limit)

    @app.get("/health", response_model=Health, responses=UNAVAILABLE)
    def health(db: Db) -> Health:
        """Liveness with a database round trip."""
        role = db.execute(text("SELECT current_user FROM (SELECT 1 FROM public.events LIMIT 1) x "
                               "RIGHT JOIN (SELECT 1) y ON true")).scalar_one()
        return Health(status="ok", database=True, role=role)

    @app.get("/freshness", response_model=Freshness, responses=UNAVAILABLE)
    def freshness(db: Db) -> Freshness:
        """The newest snapshot (partition, manifest time, age), the newest run and its status."""
        if state["store"] is None:
            from etl.publish import snapshot_store

            state["store"] = snapshot_store(settings.snapshot_uri)
        return freshness_report(db, get_engine_(), state["store"], settings.api_stale_after_hours)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
