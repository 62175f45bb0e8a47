"""`newsevents bench-analytics`: what analysts wait for at N events (issue 21).

Builds N synthetic events (ten years, ten countries, five regions each, eight event types, sixty actors, one to
three reports each) in a throwaway database, then times, as the `analyst` role, the README's sample queries, the
API's `/daily_counts`, `/dyads` and a filtered `/events` (the functions the API runs), and the issue's slow
queries, and prints p50/p95 per query and the storage per event.

Two ways to build the events, both leaving the rollups right: `load` runs them through the store's load
(`PostgresEventStore.load_events`, 50,000 a call, the rollups kept batch by batch); `bulk` writes them with
INSERT … SELECT over generate_series in the server and then rebuilds the rollups (`etl.load.rollups.rebuild`),
which takes minutes instead of an hour at 5M events. The events are the same either way.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, text

from schemas.models import Actor, Event, Location, SourceRef

LAST_DAY = date(2026, 11, 25)
DAYS = 3650  # ten years up to LAST_DAY
COUNTRIES = ("SDN", "KEN", "UKR", "RUS", "SOM", "NGA", "MLI", "COD", "ETH", "SYR")
# (event type, sub-type, class, CAMEO code, quad class, Goldstein, PLOVER)
TYPES = (("Battles", "Armed clash", "political_violence", "190", 4, -10.0, "ASSAULT"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", "political_violence", "195", 4, -10.0,
          "ASSAULT"),
         ("Violence against civilians", "Attack", "political_violence", "180", 4, -9.0, "ASSAULT"),
         ("Protests", "Peaceful protest", "demonstration", "141", 3, -6.5, "PROTEST"),
         ("Riots", "Mob violence", "demonstration", "145", 3, -7.5, "PROTEST"),
         ("Strategic developments", "Arrests", "strategic_development", "173", 4, -5.0, "COERCE"),
         ("Strategic developments", "Other", "verbal_cooperation", "040", 1, 1.0, "CONSULT"),
         ("Strategic developments", "Other", "verbal_conflict", "112", 3, -2.0, "ACCUSE"))
ROLES = ("Military Forces", "Police Forces", "Rebels", "Protesters", "Civilians", "Government")
N_ADMIN1 = 5
BATCH = 50_000
ROLLUP_TABLES = ("core.rollup_daily", "core.rollup_dyads", "core.rollup_monthly", "core.rollup_pairs")


def _pick(i: int) -> tuple[int, int, int, int, int, int, int]:
    """Deterministic pseudo-random choices for event i: (day offset, country, admin1, type, actor1 role,
    actor2 role, reports). The same arithmetic as _BULK_EVENTS, so both ways build the same events."""
    h = (i * 2654435761) % 4294967296
    return ((i * 7919 + h) % DAYS, h % 10, (h // 10) % N_ADMIN1, (h // 50) % len(TYPES), (h // 400) % 6,
            (h // 2400) % 6, 1 + (h // 14400) % 3)


def synthetic_event(i: int) -> Event:
    """Event i of the benchmark's synthetic feed."""
    off, ci, ai, ti, r1, r2, k = _pick(i)
    country = COUNTRIES[ci]
    etype, sub, cls, cameo, quad, gold, plover = TYPES[ti]
    day = LAST_DAY - timedelta(days=off)
    published = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)
    sentence = f"Report {i}: {ROLES[r1]} of {country} and {ROLES[(r1 + 1 + r2 % 5) % 6]} clashed in region {ai}."
    return Event(
        event_id=f"{day:%Y%m}{i:016x}", event_date=day, event_type=etype, sub_event_type=sub, event_class=cls,
        cameo_code=cameo, cameo_root=cameo[:2], quad_class=quad, goldstein=gold, plover_event=plover,
        actor1=Actor(name=f"{ROLES[r1]} of {country}", country=country, cameo=f"{country}MIL", inter=1),
        actor2=Actor(name=f"{ROLES[(r1 + 1 + r2 % 5) % 6]} of {country}", country=country, cameo=f"{country}REB",
                     inter=2),
        location=Location(name=f"Town {ai}", admin1=f"{country} region {ai}", country=country,
                          latitude=float(ci), longitude=float(ai), geo_precision=1, feature_type="city"),
        fatalities=i % 7, fatalities_reported=[i % 7], certainty=0.8, confidence=0.5, coder_version="bench",
        num_sources=k, num_articles=k, first_seen=published,
        sources=[SourceRef(article_id=f"a{i}-{j}", url=f"https://news{j}.example/{i}", source=f"Outlet {(i + j) % 40}",
                           published_at=published + timedelta(minutes=j), sentence=sentence, start=0,
                           end=len(sentence)) for j in range(k)])


_CHOICES = """
    SELECT i, h, (i * 7919 + h) % {days} AS off, h % 10 AS ci, (h / 10) % {n_admin1} AS ai,
           (h / 50) % {n_types} AS ti, (h / 400) % 6 AS r1, (h / 2400) % 6 AS r2, 1 + (h / 14400) % 3 AS k
    FROM (SELECT i, (i * 2654435761) % 4294967296 AS h FROM generate_series(CAST(:lo AS bigint),
                                                                          CAST(:hi AS bigint)) i) g
"""


def _bulk_sql() -> tuple[str, str]:
    """INSERT … SELECT statements building events lo..hi and their sources in the server, as synthetic_event does."""
    arr = "ARRAY[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    roles = "ARRAY[" + ", ".join(f"'{r}'" for r in ROLES) + "]"

    def col(k: int) -> str:
        return "ARRAY[" + ", ".join(repr(t[k]) if isinstance(t[k], str) else str(t[k]) for t in TYPES) + "]"

    choices = _CHOICES.format(days=DAYS, n_admin1=N_ADMIN1, n_types=len(TYPES))
    events = f"""
INSERT INTO core.events (event_id, event_date, time_precision, event_type, sub_event_type, event_class, cameo_code,
    cameo_root, quad_class, goldstein, plover_event, actor1_name, actor1_country, actor1_cameo, actor1_inter,
    actor2_name, actor2_country, actor2_cameo, actor2_inter, location_name, location_admin1, location_country,
    latitude, longitude, geo_precision, location_feature_type, fatalities, fatalities_reported, certainty,
    confidence, coder_version, num_sources, num_articles, first_seen, partition_date, last_partition_date,
    last_run_id, mentions, first_article_id, first_start_char)
SELECT to_char(d, 'YYYYMM') || lpad(to_hex(i), 16, '0'), d, 1, ({col(0)})[ti + 1], ({col(1)})[ti + 1],
       ({col(2)})[ti + 1], ({col(3)})[ti + 1], left(({col(3)})[ti + 1], 2), ({col(4)})[ti + 1], ({col(5)})[ti + 1],
       ({col(6)})[ti + 1],
       ({roles})[r1 + 1] || ' of ' || c, c, c || 'MIL', 1,
       ({roles})[(r1 + 1 + r2 % 5) % 6 + 1] || ' of ' || c, c, c || 'REB', 2,
       'Town ' || ai, c || ' region ' || ai, c, ci, ai, 1, 'city', i % 7, ARRAY[(i % 7)::integer], 0.8, 0.5,
       'bench', k, k, d + time '06:00' AT TIME ZONE 'UTC', DATE '{LAST_DAY}', DATE '{LAST_DAY}', 'bench-bulk', k,
       'a' || i || '-0', 0
FROM (SELECT x.*, DATE '{LAST_DAY}' - off::integer AS d, ({arr})[ci + 1] AS c FROM ({choices}) x) y
"""
    sources = f"""
INSERT INTO core.event_sources (event_id, article_id, start_char, end_char, url, source, published_at, sentence)
SELECT to_char(d, 'YYYYMM') || lpad(to_hex(i), 16, '0'), 'a' || i || '-' || j, 0, length(s),
       'https://news' || j || '.example/' || i,
       'Outlet ' || ((i + j) % 40), d + time '06:00' AT TIME ZONE 'UTC' + make_interval(mins => j::integer), s
FROM (SELECT x.*, DATE '{LAST_DAY}' - off::integer AS d,
             'Report ' || i || ': ' || ({roles})[r1 + 1] || ' of ' || ({arr})[ci + 1] || ' and '
             || ({roles})[(r1 + 1 + r2 % 5) % 6 + 1] || ' clashed in region ' || ai || '.' AS s
      FROM ({choices}) x) y
CROSS JOIN LATERAL generate_series(0, k - 1) j
"""
    return events, sources


def _partitions(engine: Engine) -> None:
    """The partitions of core.events as a database holding the ten years has them (migration 0012): each closed
    year one partition, the last year month by month."""
    from etl.load.store import ensure_partitions

    with engine.begin() as c:
        for year in range((LAST_DAY - timedelta(days=DAYS - 1)).year, LAST_DAY.year):
            c.execute(text("SELECT core.merge_event_months(:y)"), {"y": year})
        ensure_partitions(c, (date(LAST_DAY.year, m, 1) for m in range(1, LAST_DAY.month + 1)))


def build(engine: Engine, n: int, via: str = "bulk", progress: Callable[[str], None] = print) -> float:
    """Store events 0..n-1 (`via` 'load' or 'bulk'); returns the seconds it took, analysis included."""
    t0 = time.perf_counter()
    _partitions(engine)
    if via == "load":
        from etl.load.store import PostgresEventStore

        store = PostgresEventStore(engine)
        for lo in range(0, n, BATCH):
            store.load_events([synthetic_event(i) for i in range(lo, min(n, lo + BATCH))], f"bench-{lo}", LAST_DAY)
            progress(f"loaded {min(n, lo + BATCH)} events")
    elif via == "bulk":
        from etl.load.rollups import rebuild

        events, sources = _bulk_sql()
        step = 1_000_000
        for lo in range(0, n, step):
            with engine.begin() as c:
                c.execute(text(events), {"lo": lo, "hi": min(n, lo + step) - 1})
                c.execute(text(sources), {"lo": lo, "hi": min(n, lo + step) - 1})
            progress(f"inserted {min(n, lo + step)} events")
        with engine.begin() as c:
            rebuild(c)
        progress("rollups rebuilt")
    else:
        raise ValueError(f"via must be 'load' or 'bulk', not {via!r}")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE core.events, core.event_sources, core.rollup_daily, core.rollup_dyads, "
                       "core.rollup_monthly, core.rollup_pairs"))
    return time.perf_counter() - t0


def readme_queries(readme: Path | None = None) -> dict[str, str]:
    """The README's `-- query: name` SQL blocks (provenance capped at 100 rows: as written it lists every report of
    every multi-source event, which is an export, not a dashboard query)."""
    path = readme or Path(__file__).resolve().parents[2] / "README.md"
    out: dict[str, str] = {}
    for block in re.findall(r"```sql\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S):
        m = re.match(r"-- query: (\w+)\n", block)
        if m:
            sql = block[m.end():].strip().rstrip(";")
            out[f"readme {m.group(1)}"] = sql + (" LIMIT 100" if "LIMIT" not in sql.upper() else "")
    return out


def issue_queries() -> dict[str, str]:
    """The issue's four timed queries, and the ACLED-scope count read from the rollups instead of the events."""
    return {
        "daily_counts one country 90 days": "SELECT event_date, sum(events), sum(fatalities) FROM daily_counts "
        f"WHERE country = 'SDN' AND event_date > DATE '{LAST_DAY}' - 90 GROUP BY 1 ORDER BY 1",
        "daily_counts every country one year by month": "SELECT date_trunc('month', event_date) AS month, country, "
        f"sum(events), sum(fatalities) FROM daily_counts WHERE event_date > DATE '{LAST_DAY}' - 365 "
        "GROUP BY 1, 2 ORDER BY 1, 2",
        "dyads top 5 pairs all time": "SELECT actor1_name, actor2_name, sum(events) AS events FROM dyads "
        "GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5",
        "count(*) events_acled": "SELECT count(*) FROM events_acled",
        # the same count as the rollups answer it (README: a dashboard's total need not count the events)
        "sum(events) monthly_counts": "SELECT sum(events) FROM monthly_counts",
        "sum(events) daily_counts": "SELECT sum(events) FROM daily_counts",
    }


def api_calls() -> dict[str, Callable[[Connection], Any]]:
    """The API's /daily_counts, /dyads and a filtered /events, as the functions the endpoints call."""
    from etl.api import queries
    from schemas.models import ACLED_SCOPE

    scope = sorted(ACLED_SCOPE)
    since = LAST_DAY - timedelta(days=90)
    return {
        "api /daily_counts?country=SDN (90 days)": lambda c: queries.daily_counts(
            c, queries.EventFilter(date_from=since, countries=["SDN"], event_classes=scope)),
        "api /daily_counts (one year, every country)": lambda c: queries.daily_counts(
            c, queries.EventFilter(date_from=LAST_DAY - timedelta(days=365), event_classes=scope)),
        "api /dyads (all time)": lambda c: queries.dyads(c, queries.EventFilter(event_classes=scope)),
        "api /dyads?country=KEN (90 days)": lambda c: queries.dyads(
            c, queries.EventFilter(date_from=since, countries=["KEN"], event_classes=scope)),
        "api /events?country=UKR&event_type=Battles (90 days)": lambda c: queries.list_events(
            c, queries.EventFilter(date_from=since, countries=["UKR"], event_types=["Battles"],
                                   event_classes=scope), limit=100),
        "api /events?actor=Rebels&date_from (30 days)": lambda c: queries.list_events(
            c, queries.EventFilter(date_from=LAST_DAY - timedelta(days=30), actor="Rebels",
                                   event_classes=scope), limit=100),
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def time_queries(engine: Engine, repeat: int = 11, skip: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    """p50/p95 milliseconds of each query, as the analyst role, each run once to warm up and then `repeat` times."""
    work: dict[str, Callable[[Connection], Any]] = {}
    for name, sql in {**readme_queries(), **issue_queries()}.items():
        work[name] = lambda c, sql=sql: c.execute(text(sql)).all()
    work.update(api_calls())
    out: dict[str, dict[str, float]] = {}
    with engine.connect() as c:
        c.execute(text("SET ROLE analyst"))
        for name, run in work.items():
            if name in skip:
                continue
            run(c)
            took = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                run(c)
                took.append((time.perf_counter() - t0) * 1000)
            out[name] = {"p50_ms": round(statistics.median(took), 1), "p95_ms": round(_percentile(took, 0.95), 1)}
        c.rollback()
    return out


def storage(engine: Engine, n: int) -> dict[str, Any]:
    """Bytes on disk (tables, indexes and TOAST) per event: core.events alone, with its sources, and the rollups."""
    with engine.connect() as c:
        size = {t: c.execute(text("SELECT COALESCE((SELECT sum(pg_total_relation_size(relid))::bigint "
                                  "FROM pg_partition_tree(CAST(:t AS regclass))), "
                                  "pg_total_relation_size(CAST(:t AS regclass)))"), {"t": t}).scalar_one()
                for t in ("core.events", "core.event_sources", *ROLLUP_TABLES)}
    return {"bytes": size, "events_bytes_per_event": round(size["core.events"] / max(n, 1)),
            "with_sources_bytes_per_event": round((size["core.events"] + size["core.event_sources"]) / max(n, 1)),
            "rollup_bytes": sum(size[t] for t in ROLLUP_TABLES)}


def run(n: int, via: str = "bulk", server_url: str | None = None, repeat: int = 11,
        progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Build n events in a scratch database, time the queries, measure the storage; the figures as a dict."""
    from etl.db import database_url
    from etl.load.bench import scratch_database

    with scratch_database(server_url or database_url()) as url:
        engine = create_engine(url)
        try:
            built = build(engine, n, via, progress)
            figures = {"events": n, "via": via, "build_seconds": round(built, 1),
                       "queries": time_queries(engine, repeat), **storage(engine, n)}
        finally:
            engine.dispose()
    return figures


def format_table(figures: dict[str, Any]) -> Iterator[str]:
    """The figures as a Markdown table, then the storage lines."""
    yield f"{figures['events']:,} events built via {figures['via']} in {figures['build_seconds']} s"
    yield ""
    yield "| query | p50 ms | p95 ms |"
    yield "|---|---:|---:|"
    for name, t in figures["queries"].items():
        yield f"| {name} | {t['p50_ms']} | {t['p95_ms']} |"
    yield ""
    yield (f"storage: core.events {figures['events_bytes_per_event']} bytes/event (indexes included), with its "
           f"sources {figures['with_sources_bytes_per_event']} bytes/event; rollups {figures['rollup_bytes']:,} "
           "bytes in all")
