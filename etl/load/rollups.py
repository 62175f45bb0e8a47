"""The rollups (`core.rollup_daily`, `core.rollup_dyads`; migration 0011), kept by the load in its own transactions.

The load knows every change it makes: the rows it COPYs in, and for a revised or withdrawn event the stored row it
replaces. So a batch's change to each rollup is summed here, in memory (about a third of a microsecond an event),
and applied with one INSERT … ON CONFLICT DO UPDATE per table, as the batch's last statement: no trigger, no
per-row work in the server, and the rollup rows are locked only from that statement to the commit. Rows go in one
global key order, so two batches that touch the same rollup rows (two days loading at once, or the load's two
workers) wait for each other instead of deadlocking.

`rebuild` recomputes both tables from `core.events` (repair after a hand edit, or a check); `differences` lists
where the rollups disagree with a recomputation (the tests run it after every kind of change).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

# What a rollup needs of an event row, in this order (store.py picks them out of its rows by position).
ROLLUP_COLUMNS = ("event_date", "location_country", "location_admin1", "event_type", "sub_event_type", "event_class",
                  "actor1_name", "actor1_country", "actor2_name", "actor2_country", "fatalities", "goldstein",
                  "withdrawn")

DailyKey = tuple[date, str | None, str | None, str, str, str]
DyadKey = tuple[date, str, str | None, str, str | None, str]

_FLOAT4 = struct.Struct("f")
_real_cache: dict[float, float] = {}


def _real(value: float) -> float:
    """The value as PostgreSQL stores it in a `real` column, so the Goldstein sums here equal a recomputation's
    (which adds the stored float4 values); the scale has few distinct values, each converted once."""
    r = _real_cache.get(value)
    if r is None:
        r = _real_cache[value] = _FLOAT4.unpack(_FLOAT4.pack(value))[0]
    return r


def _order(key: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    """A total order over keys holding NULLs, the same in every transaction (deadlock avoidance)."""
    return tuple((v is None, "" if v is None else v) for v in key)


class RollupDelta:
    """One transaction's change to the rollups: events, fatalities (and for dyads the Goldstein sum and the
    events per day) per rollup key, added up from rows in ROLLUP_COLUMNS order."""

    def __init__(self) -> None:
        self.daily: dict[DailyKey, list[int]] = {}
        self.dyads: dict[DyadKey, list[float]] = {}

    def add(self, rows: Iterable[tuple[Any, ...]], sign: int = 1) -> None:
        """Count live rows in (sign 1) or out (sign -1); a withdrawn row counts nowhere."""
        daily, dyads = self.daily, self.dyads
        for day, country, admin1, etype, sub, cls, a1, c1, a2, c2, fat, gold, withdrawn in rows:
            if withdrawn:
                continue
            key = (day, country, admin1, etype, sub, cls)
            v = daily.get(key)
            if v is None:
                daily[key] = [sign, sign * fat]
            else:
                v[0] += sign
                v[1] += sign * fat
            if a1 is not None and a2 is not None:
                dkey = (day, a1, c1, a2, c2, cls)
                w = dyads.get(dkey)
                if w is None:
                    dyads[dkey] = [sign, sign * fat, sign * _real(gold)]
                else:
                    w[0] += sign
                    w[1] += sign * fat
                    w[2] += sign * _real(gold)

    def __bool__(self) -> bool:
        return bool(self.daily or self.dyads)

    def apply(self, conn: Connection) -> None:
        """Add the change to the rollup tables: one upsert per table, daily first, keys in `_order`."""
        daily = sorted(((k, v) for k, v in self.daily.items() if v[0] or v[1]), key=lambda kv: _order(kv[0]))
        if daily:
            cols = list(zip(*(k for k, _ in daily), strict=True))
            conn.execute(text(_UPSERT_DAILY), {
                "d": list(cols[0]), "c": list(cols[1]), "a": list(cols[2]), "t": list(cols[3]), "s": list(cols[4]),
                "k": list(cols[5]), "n": [v[0] for _, v in daily], "f": [v[1] for _, v in daily]})
        months: dict[DyadKey, list[Any]] = {}
        for (day, a1, c1, a2, c2, cls), (n, fat, gold) in self.dyads.items():
            if not (n or fat or gold):
                continue
            key = (day.replace(day=1), a1, c1, a2, c2, cls)
            m = months.get(key)
            if m is None:
                m = months[key] = [0, 0, 0.0, [0] * 31]
            m[0] += n
            m[1] += fat
            m[2] += gold
            m[3][day.day - 1] += n
        dyads = sorted(months.items(), key=lambda kv: _order(kv[0]))
        if dyads:
            cols = list(zip(*(k for k, _ in dyads), strict=True))
            conn.execute(text(_UPSERT_DYADS), {
                "m": list(cols[0]), "a1": list(cols[1]), "c1": list(cols[2]), "a2": list(cols[3]),
                "c2": list(cols[4]), "k": list(cols[5]), "n": [int(v[0]) for _, v in dyads],
                "f": [int(v[1]) for _, v in dyads], "g": [float(v[2]) for _, v in dyads],
                "days": ["{" + ",".join(map(str, v[3])) + "}" for _, v in dyads]})


_UPSERT_DAILY = """
INSERT INTO core.rollup_daily AS r (event_date, country, admin1, event_type, sub_event_type, event_class, events,
                                    fatalities)
SELECT d, c, a, t, s, k, n, f
FROM unnest(CAST(:d AS date[]), CAST(:c AS text[]), CAST(:a AS text[]), CAST(:t AS text[]), CAST(:s AS text[]),
            CAST(:k AS text[]), CAST(:n AS integer[]), CAST(:f AS bigint[]))
     WITH ORDINALITY AS u(d, c, a, t, s, k, n, f, o)
ORDER BY o
ON CONFLICT ON CONSTRAINT rollup_daily_key DO UPDATE
SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities
"""

_UPSERT_DYADS = """
INSERT INTO core.rollup_dyads AS r (month, actor1_name, actor1_country, actor2_name, actor2_country, event_class,
                                    events, fatalities, goldstein_sum, days)
SELECT m, a1, c1, a2, c2, k, n, f, g, CAST(days AS integer[])
FROM unnest(CAST(:m AS date[]), CAST(:a1 AS text[]), CAST(:c1 AS text[]), CAST(:a2 AS text[]), CAST(:c2 AS text[]),
            CAST(:k AS text[]), CAST(:n AS integer[]), CAST(:f AS bigint[]), CAST(:g AS double precision[]),
            CAST(:days AS text[])) WITH ORDINALITY AS u(m, a1, c1, a2, c2, k, n, f, g, days, o)
ORDER BY o
ON CONFLICT ON CONSTRAINT rollup_dyads_key DO UPDATE
SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities,
    goldstein_sum = r.goldstein_sum + EXCLUDED.goldstein_sum, days = core.add_days(r.days, EXCLUDED.days)
"""

# The rollups recomputed from the events (what the tables must hold, zero rows aside).
RECOMPUTED_DAILY = """
SELECT event_date, location_country AS country, location_admin1 AS admin1, event_type, sub_event_type, event_class,
       count(*)::integer AS events, sum(fatalities)::bigint AS fatalities
FROM core.events WHERE NOT withdrawn
GROUP BY event_date, location_country, location_admin1, event_type, sub_event_type, event_class
"""
RECOMPUTED_DYADS = """
SELECT month, actor1_name, actor1_country, actor2_name, actor2_country, event_class, sum(n)::integer AS events,
       sum(f)::bigint AS fatalities, sum(g) AS goldstein_sum, core.sum_days(core.day_array(d, n::integer)) AS days
FROM (
    SELECT date_trunc('month', event_date)::date AS month, EXTRACT(day FROM event_date)::integer AS d,
           actor1_name, actor1_country, actor2_name, actor2_country, event_class, count(*) AS n,
           sum(fatalities) AS f, sum(goldstein::double precision) AS g
    FROM core.events WHERE NOT withdrawn AND actor1_name IS NOT NULL AND actor2_name IS NOT NULL
    GROUP BY 1, 2, actor1_name, actor1_country, actor2_name, actor2_country, event_class
) per_day
GROUP BY month, actor1_name, actor1_country, actor2_name, actor2_country, event_class
"""
_DAILY_COLS = "event_date, country, admin1, event_type, sub_event_type, event_class, events, fatalities"
_DYAD_COLS = ("month, actor1_name, actor1_country, actor2_name, actor2_country, event_class, events, fatalities, "
              "round(goldstein_sum::numeric, 3), days")


def rebuild(conn: Connection) -> tuple[int, int]:
    """Replace both rollups with a recomputation from the events; returns their row counts. Loads wait for it (the
    tables are locked against writes first, so no batch's change falls between the recount and the commit);
    readers go on reading the old rows until it commits."""
    conn.execute(text("LOCK TABLE core.rollup_daily, core.rollup_dyads IN EXCLUSIVE MODE"))
    conn.execute(text("DELETE FROM core.rollup_daily"))
    conn.execute(text("DELETE FROM core.rollup_dyads"))
    daily = conn.execute(text(f"INSERT INTO core.rollup_daily ({_DAILY_COLS}) {RECOMPUTED_DAILY}")).rowcount
    dyads = conn.execute(text("INSERT INTO core.rollup_dyads (month, actor1_name, actor1_country, actor2_name, "
                              "actor2_country, event_class, events, fatalities, goldstein_sum, days) "
                              f"{RECOMPUTED_DYADS}")).rowcount
    return daily, dyads


def differences(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Rows where a rollup and a recomputation from the events disagree, both ways (empty lists: they agree).
    Zero rows of the tables are left out (the views skip them); Goldstein sums are compared to 3 decimals."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for name, table, recomputed, cols in (("daily", "core.rollup_daily", RECOMPUTED_DAILY, _DAILY_COLS),
                                          ("dyads", "core.rollup_dyads", RECOMPUTED_DYADS, _DYAD_COLS)):
        stored = f"SELECT {cols} FROM {table} WHERE events <> 0 OR fatalities <> 0"
        fresh = f"SELECT {cols} FROM ({recomputed}) x"
        rows = conn.execute(text(f"(({stored}) EXCEPT ALL ({fresh})) UNION ALL "
                                 f"(({fresh}) EXCEPT ALL ({stored}))")).all()
        out[name] = [tuple(r) for r in rows]
    return out
